// The table-driven members (reflect/detail/fields.hpp) against second implementations: every
// integer width and signedness, optionals of both kinds, enums with negative and 64-bit
// underlying values, float and double. JSON output is parsed back by Boost.JSON and compared
// member by member with the values written; range rules are compared with the comparison
// made directly (std::cmp_less), over random values of each width.
#include <ltx/reflect.hpp>

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace widths {

enum class tiny : std::int8_t { low = -128, minus = -1, zero = 0, high = 127 };
BOOST_DESCRIBE_ENUM(tiny, low, minus, zero, high)

enum class wide : std::uint64_t { small = 1, big = 0xFFFFFFFFFFFFFFFFull };
BOOST_DESCRIBE_ENUM(wide, small, big)

struct all {
    std::int8_t i8 = 0;
    std::uint8_t u8 = 0;
    std::int16_t i16 = 0;
    std::uint16_t u16 = 0;
    std::int32_t i32 = 0;
    std::uint32_t u32 = 0;
    std::int64_t i64 = 0;
    std::uint64_t u64 = 0;
    std::optional<std::int8_t> oi8{};
    std::optional<std::uint16_t> ou16{};
    float f = 0;
    double d = 0;
    bool b = false;
    tiny t = tiny::zero;
    std::optional<wide> w{};
};
BOOST_DESCRIBE_STRUCT(all, (), (i8, u8, i16, u16, i32, u32, i64, u64, oi8, ou16, f, d, b, t, w))

constexpr auto ltx_schema(ltx::reflect::tag<all>) {
    namespace r = ltx::reflect::rules;
    using ltx::reflect::field;
    return ltx::reflect::schema(
        field<&all::i8>(r::range{-5, 100}), field<&all::u8>(r::range{3, 200}),
        field<&all::i16>(r::range{-1000, 1000}), field<&all::u16>(r::range{0, 60000}),
        field<&all::i32>(r::range{INT_MIN + 1, 7}), field<&all::u32>(r::range{5, 4000000000}),
        field<&all::i64>(r::range{LLONG_MIN, -1}), field<&all::u64>(r::range{1, LLONG_MAX}),
        field<&all::oi8>(r::range{0, 0}), field<&all::ou16>(r::range{1, 9}));
}

} // namespace widths

namespace {

using widths::all;

template <class I> I random_of(std::mt19937_64& rng) {
    // Mostly near the edges of the type and of the ranges above, sometimes anything.
    const std::uint64_t bits = rng();
    I v;
    switch (bits % 4) {
    case 0:
        v = static_cast<I>(static_cast<std::int64_t>(bits >> 8) % 300 - 150);
        break;
    case 1: {
        // Step inward from the edge, so the arithmetic cannot overflow.
        const auto step = static_cast<I>((bits >> 16) % 3);
        v = (bits & 256) ? static_cast<I>(std::numeric_limits<I>::max() - step)
                         : static_cast<I>(std::numeric_limits<I>::min() + step);
        break;
    }
    default:
        std::memcpy(&v, &bits, sizeof v);
    }
    return v;
}

all random_all(std::mt19937_64& rng) {
    all a;
    a.i8 = random_of<std::int8_t>(rng);
    a.u8 = random_of<std::uint8_t>(rng);
    a.i16 = random_of<std::int16_t>(rng);
    a.u16 = random_of<std::uint16_t>(rng);
    a.i32 = random_of<std::int32_t>(rng);
    a.u32 = random_of<std::uint32_t>(rng);
    a.i64 = random_of<std::int64_t>(rng);
    a.u64 = random_of<std::uint64_t>(rng);
    if (rng() % 2)
        a.oi8 = random_of<std::int8_t>(rng);
    if (rng() % 2)
        a.ou16 = random_of<std::uint16_t>(rng);
    a.f = static_cast<float>(static_cast<std::int64_t>(rng() % 2000001) - 1000000) / 64.0f;
    a.d = static_cast<double>(random_of<std::int64_t>(rng)) / 1024.0;
    a.b = rng() % 2 == 1;
    constexpr widths::tiny tinies[] = {widths::tiny::low, widths::tiny::minus, widths::tiny::zero,
                                       widths::tiny::high};
    a.t = tinies[rng() % 4];
    if (rng() % 2)
        a.w = rng() % 2 ? widths::wide::small : widths::wide::big;
    return a;
}

template <class I> bool outside(I v, long long min, long long max) {
    return std::cmp_less(v, min) || std::cmp_greater(v, max);
}

// What validate must report, worked out directly: the members whose range is broken.
std::vector<std::string> expected_violations(const all& a) {
    std::vector<std::string> out;
    const auto check = [&](const char* name, auto v, long long min, long long max) {
        if (outside(v, min, max))
            out.emplace_back(name);
    };
    check("i8", a.i8, -5, 100);
    check("u8", a.u8, 3, 200);
    check("i16", a.i16, -1000, 1000);
    check("u16", a.u16, 0, 60000);
    check("i32", a.i32, INT_MIN + 1, 7);
    check("u32", a.u32, 5, 4000000000);
    check("i64", a.i64, LLONG_MIN, -1);
    check("u64", a.u64, 1, LLONG_MAX);
    if (a.oi8)
        check("oi8", *a.oi8, 0, 0);
    if (a.ou16)
        check("ou16", *a.ou16, 1, 9);
    return out;
}

template <class I> void check_integer(const boost::json::object& o, const char* name, I v) {
    CAPTURE(name);
    const auto& j = o.at(name);
    if constexpr (std::is_signed_v<I>)
        CHECK(j.to_number<std::int64_t>() == static_cast<std::int64_t>(v));
    else
        CHECK(j.to_number<std::uint64_t>() == static_cast<std::uint64_t>(v));
}

// The number after `"name":` in `text`, read by strtod.
double number_text(const std::string& text, const char* name) {
    const std::string key = std::string{"\""} + name + "\":";
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    return std::strtod(text.c_str() + at + key.size(), nullptr);
}

} // namespace

TEST_CASE("table-driven JSON output reads every width, parsed back by Boost.JSON") {
    std::mt19937_64 rng{20261202};
    for (int round = 0; round < 3000; ++round) {
        const all a = random_all(rng);
        const std::string text = ltx::reflect::to_json(a);
        CAPTURE(text);
        const auto o = boost::json::parse(text).as_object();
        check_integer(o, "i8", a.i8);
        check_integer(o, "u8", a.u8);
        check_integer(o, "i16", a.i16);
        check_integer(o, "u16", a.u16);
        check_integer(o, "i32", a.i32);
        check_integer(o, "u32", a.u32);
        check_integer(o, "i64", a.i64);
        check_integer(o, "u64", a.u64);
        CHECK(o.contains("oi8") == a.oi8.has_value());
        if (a.oi8)
            check_integer(o, "oi8", *a.oi8);
        CHECK(o.contains("ou16") == a.ou16.has_value());
        if (a.ou16)
            check_integer(o, "ou16", *a.ou16);
        // Boost.JSON's default number parsing is not always correctly rounded; strtod is.
        CHECK(o.at("f").is_number());
        CHECK(number_text(text, "f") == static_cast<double>(a.f));
        CHECK(number_text(text, "d") == a.d);
        CHECK(o.at("b").as_bool() == a.b);
        CHECK(o.at("t").as_string() == *ltx::reflect::to_wire(a.t));
        CHECK(o.contains("w") == a.w.has_value());
        if (a.w)
            CHECK(o.at("w").as_string() == *ltx::reflect::to_wire(*a.w));
        CHECK(o.size() == 12u + (a.oi8 ? 1 : 0) + (a.ou16 ? 1 : 0) + (a.w ? 1 : 0));
    }
}

TEST_CASE("table-driven range rules on every width agree with a direct comparison") {
    std::mt19937_64 rng{42};
    std::size_t broken = 0;
    for (int round = 0; round < 5000; ++round) {
        const all a = random_all(rng);
        std::vector<std::string> got;
        for (const auto& v : ltx::reflect::validate(a)) {
            CHECK(v.rule == "range");
            got.push_back(v.path);
        }
        const auto want = expected_violations(a);
        CHECK(got == want);
        broken += want.size();
    }
    CHECK(broken > 1000); // the random values do reach both sides of the bounds
}

TEST_CASE("range messages quote the bounds and the value of any width") {
    all a;
    a.u8 = 201;
    a.i64 = -1;
    a.u64 = 0xFFFFFFFFFFFFFFFFull;
    a.u32 = 4000000001u;
    const auto v = ltx::reflect::validate(a); // the other members' zeros are in range
    REQUIRE(v.size() == 3);
    CHECK(v[0].path == "u8");
    CHECK(v[0].message == "must be between 3 and 200, got 201");
    CHECK(v[1].path == "u32");
    CHECK(v[1].message == "must be between 5 and 4000000000, got 4000000001");
    CHECK(v[2].path == "u64");
    CHECK(v[2].message == "must be at least 1, got 18446744073709551615"); // no maximum
}

TEST_CASE("enums with negative and 64-bit underlying values are checked by the table") {
    all a;
    a.u8 = 3;
    a.u32 = 5;
    a.i64 = -1;
    a.u64 = 1;
    a.t = widths::tiny::low;
    a.w = widths::wide::big;
    CHECK(ltx::reflect::validate(a).empty());
    a.t = static_cast<widths::tiny>(-2);
    a.w = static_cast<widths::wide>(0xFFFFFFFFFFFFFFFEull);
    const auto v = ltx::reflect::validate(a);
    REQUIRE(v.size() == 2);
    CHECK(v[0].path == "t");
    CHECK(v[0].rule == "enum");
    CHECK(v[1].path == "w");
    CHECK(v[1].message == "must be one of 'small', 'big'");
}
