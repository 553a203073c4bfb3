// ltx::optional: std::optional's behaviour, checked against std::optional as an oracle.
#include <ltx/optional.hpp>
#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

enum class shade { light, dark };

// The properties the models rely on: copying an optional of a trivial type is a memcpy, and
// none of them throws on move.
static_assert(std::is_trivially_copyable_v<ltx::optional<int>>);
static_assert(std::is_trivially_copyable_v<ltx::optional<shade>>);
static_assert(std::is_trivially_copyable_v<ltx::optional<double>>);
static_assert(std::is_trivially_destructible_v<ltx::optional<std::int64_t>>);
static_assert(!std::is_trivially_copyable_v<ltx::optional<std::string>>);
static_assert(std::is_nothrow_move_constructible_v<ltx::optional<std::string>>);
static_assert(std::is_nothrow_move_assignable_v<ltx::optional<std::vector<int>>>);
static_assert(std::is_same_v<ltx::optional<std::string>::value_type, std::string>);
// Absent unless set, and convertible as std::optional is.
static_assert(!ltx::optional<int>{}.has_value());
static_assert(*ltx::optional<int>{7} == 7);
static_assert(std::is_convertible_v<const char*, ltx::optional<std::string>>);
static_assert(std::is_convertible_v<std::nullopt_t, ltx::optional<std::string>>);
static_assert(std::is_convertible_v<ltx::optional<std::string>, std::optional<std::string>>);
static_assert(std::is_convertible_v<std::optional<std::string>, ltx::optional<std::string>>);
static_assert(!std::is_convertible_v<ltx::optional<std::string>, bool>); // explicit, as std's
static_assert(!std::is_convertible_v<ltx::optional<int>, std::optional<long>>);

// Compares every observable of the two after each operation.
template <class T>
void require_same(const ltx::optional<T>& ours, const std::optional<T>& theirs, const T& fallback) {
    REQUIRE(ours.has_value() == theirs.has_value());
    REQUIRE(static_cast<bool>(ours) == static_cast<bool>(theirs));
    REQUIRE((ours == std::nullopt) == (theirs == std::nullopt));
    REQUIRE(ours.value_or(fallback) == theirs.value_or(fallback));
    if (theirs) {
        REQUIRE(*ours == *theirs);
        REQUIRE(ours.value() == theirs.value());
        REQUIRE(ours == *theirs);
    } else {
        REQUIRE_THROWS_AS((void)ours.value(), std::bad_optional_access);
        REQUIRE_FALSE(ours == fallback);
    }
    const std::optional<T> converted = ours;
    REQUIRE(converted == theirs);
}

// Random sequences of every operation on two pairs, from a fixed seed.
template <class T, class Make> void run_against_oracle(Make make, int steps) {
    std::mt19937 rng{42};
    ltx::optional<T> a;
    ltx::optional<T> b;
    std::optional<T> oa;
    std::optional<T> ob;
    const T fallback = make(999);
    for (int i = 0; i < steps; ++i) {
        const int v = static_cast<int>(rng() % 5);
        switch (rng() % 12) {
        case 0:
            a = make(v), oa = make(v);
            break;
        case 1:
            a = std::nullopt, oa = std::nullopt;
            break;
        case 2:
            a.reset(), oa.reset();
            break;
        case 3:
            REQUIRE(a.emplace(make(v)) == oa.emplace(make(v)));
            break;
        case 4:
            a = b, oa = ob;
            break;
        case 5:
            a = std::move(b), oa = std::move(ob);
            // A moved-from optional keeps its engagement in both; its value is unspecified.
            if (ob)
                b = make(v), ob = make(v);
            break;
        case 6: {
            ltx::optional<T> c{a};
            std::optional<T> oc{oa};
            require_same(c, oc, fallback);
            break;
        }
        case 7:
            a.swap(b), oa.swap(ob);
            break;
        case 8:
            swap(a, b), std::swap(oa, ob);
            break;
        case 9:
            b = make(v), ob = make(v);
            break;
        case 10:
            a = oa = ob; // from a std::optional
            break;
        default:
            REQUIRE((a == b) == (oa == ob));
            REQUIRE((a != b) == (oa != ob));
        }
        require_same(a, oa, fallback);
        require_same(b, ob, fallback);
        REQUIRE((a == b) == (oa == ob));
    }
}

struct throws_on_copy {
    int value = 0;
    throws_on_copy() = default;
    explicit throws_on_copy(int v) : value(v) {}
    throws_on_copy(const throws_on_copy& other) : value(other.value) {
        if (other.value < 0)
            throw std::runtime_error("copy");
    }
    throws_on_copy& operator=(const throws_on_copy&) = default;
    throws_on_copy(throws_on_copy&&) = default;
    throws_on_copy& operator=(throws_on_copy&&) = default;
};

} // namespace

TEST_CASE("ltx::optional behaves as std::optional under random operations") {
    run_against_oracle<int>([](int v) { return v; }, 20000);
    run_against_oracle<std::string>(
        [](int v) { return std::string(static_cast<std::size_t>(v) * 9, 'x'); }, 20000);
    run_against_oracle<std::vector<int>>(
        [](int v) { return std::vector<int>(static_cast<std::size_t>(v), v); }, 5000);
}

TEST_CASE("ltx::optional: reset releases the value, emplace is all or nothing") {
    ltx::optional<std::string> s{std::string(100, 'x')};
    s.reset();
    CHECK_FALSE(s.has_value());
    CHECK(s->empty()); // the T it holds while empty is a fresh one
    CHECK(s.value_or("fallback") == "fallback");

    ltx::optional<throws_on_copy> t{throws_on_copy{1}};
    const throws_on_copy bad{-1};
    CHECK_THROWS_AS(t.emplace(bad), std::runtime_error);
    CHECK_FALSE(t.has_value()); // as std::optional: a throwing emplace leaves it empty
}

TEST_CASE("ltx::optional in the models reads as std::optional does") {
    ltx::ltx_create_request r{.prompt = "Waves", .startAssetId = "asset:1"};
    CHECK(r.startAssetId == "asset:1");
    CHECK(r.endAssetId == std::nullopt);
    CHECK_FALSE(r.seed);
    r.seed = 42;
    r.model = ltx::model::ltxv;
    CHECK(r.seed == 42);
    CHECK(*r.seed == 42);
    CHECK(r.seed != 41);
    CHECK(r.model == ltx::model::ltxv);
    r.seed = std::nullopt;
    CHECK_FALSE(r.seed.has_value());

    std::optional<std::string> from_std{"asset:2"};
    r.endAssetId = from_std;
    CHECK(r.endAssetId == "asset:2");
    const std::optional<std::string> to_std = r.endAssetId;
    CHECK(to_std == "asset:2");
    // The encoders treat it as std::optional: unset members are left out.
    CHECK(ltx::reflect::to_json(r) ==
          R"({"prompt":"Waves","startAssetId":"asset:1","endAssetId":"asset:2","model":"ltxv"})");
}
