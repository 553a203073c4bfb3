// read_json against read_json_value: on the reference's bodies and on thousands of variations
// of them (members deleted, renamed, retyped, nulled, inserted; numbers out of range; unknown
// enum names; shuffled members, escaped characters, broken syntax), a text and its parsed
// document must decode alike: the same success, the same value, the same error path and
// message; and the result must not depend on what the value held before. A text that does not
// parse must fail as invalid JSON at the document. Deterministic: fixed seeds, and
// std::mt19937's sequence is fixed by the standard.
#include <ltx/reflect/json_read.hpp>

#include <ltx/ltx.hpp>

#include "reference_bodies.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sax_demo {

enum class shade { light, dark_blue };
BOOST_DESCRIBE_ENUM(shade, light, dark_blue)
constexpr auto ltx_wire_names(ltx::reflect::tag<shade>) {
    return ltx::reflect::enum_names<shade>(
        {{shade::light, "light"}, {shade::dark_blue, "dark-blue"}});
}

struct point {
    int x = 0;
    std::optional<std::uint8_t> y{};
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

// Required members of every kind, small and unsigned integers, nested containers.
struct record {
    std::string name{};
    std::int16_t small = 0;
    std::uint32_t count = 0;
    double ratio = 0;
    float weight = 0;
    bool flag = false;
    shade tone{};
    point origin{};
    std::vector<point> points{};
    std::vector<std::optional<int>> holes{};
    std::map<std::string, std::vector<shade>> palette{};
    std::optional<std::map<std::string, point>> named{};
    std::optional<std::vector<std::vector<std::string>>> grid{};
    std::optional<std::optional<int>> twice{};
    std::uint64_t big = 0;
    std::int64_t negative = 0;
};
BOOST_DESCRIBE_STRUCT(record, (),
                      (name, small, count, ratio, weight, flag, tone, origin, points, holes,
                       palette, named, grid, twice, big, negative))

} // namespace sax_demo

namespace {

namespace reference = ltx_test::reference;

using ltx::reflect::json_error;

struct outcome {
    int ok = 0;
    int failed = 0;
};

// The text is decoded into `start` and into a default value, its parsed document into
// `start`: a member the decoder forgets to reset shows up as a difference.
template <class T> void agree(const std::string& text, const T& start, outcome& tally) {
    T a = start;
    T fresh{};
    json_error ea, efresh;
    const bool ra = ltx::reflect::read_json(text, a, ea);
    const bool rfresh = ltx::reflect::read_json(text, fresh, efresh);
    CAPTURE(text);
    CAPTURE(ea.path);
    CAPTURE(ea.message);
    REQUIRE(ra == rfresh);
    if (ra)
        CHECK(ltx::reflect::to_json(a) == ltx::reflect::to_json(fresh));
    else
        CHECK(efresh.message == ea.message);

    boost::json::error_code ec;
    const auto doc = boost::json::parse(text, ec);
    if (ec) {
        REQUIRE_FALSE(ra);
        CHECK(ea.path.empty());
        CHECK(ea.message.starts_with("invalid JSON: "));
        ++tally.failed;
        return;
    }
    T b = start;
    json_error eb;
    const bool rb = ltx::reflect::read_json_value(doc, b, eb);
    REQUIRE(ra == rb);
    if (ra) {
        ++tally.ok;
        CHECK(ltx::reflect::to_json(a) == ltx::reflect::to_json(b));
    } else {
        ++tally.failed;
        CHECK(eb.path == ea.path);
        CHECK(eb.message == ea.message);
    }
}

// Values put in place of others: every JSON kind, enum-like and numeric strings, whole and
// fractional doubles, integers beyond 32 and 64 bits, nested unknown structure.
const std::vector<std::string> replacements = {R"("text")",
                                               R"("completed")",
                                               R"("16:9")",
                                               R"("dark-blue")",
                                               R"("")",
                                               "0",
                                               "7",
                                               "-3",
                                               "4294967296",
                                               "18446744073709551615",
                                               "-9223372036854775808",
                                               "2.5",
                                               "100.0",
                                               "1e300",
                                               "true",
                                               "false",
                                               "null",
                                               "{}",
                                               "[]",
                                               R"([1,"a",null,{"k":[]}])",
                                               R"({"type":"active"})",
                                               R"({"a":{"b":[{},[[]]]}})",
                                               R"([{"x":1,"y":2}])",
                                               R"("1748919477350")"};

const std::vector<std::string> out_of_range = {
    "2147483648",           "-2147483649",          "256",  "-1",  "65536", "9223372036854775807",
    "18446744073709551615", "-9223372036854775808", "1e19", "1.5", "-0.5"};

const std::vector<std::string> enum_noise = {"bogus",     "",     "Completed", "ltxv_turbo",
                                             "dark_blue", "16x9", "light "};

void collect(boost::json::value& v, std::vector<boost::json::value*>& all) {
    all.push_back(&v);
    if (auto* o = v.if_object())
        for (auto& kv : *o)
            collect(kv.value(), all);
    else if (auto* a = v.if_array())
        for (auto& e : *a)
            collect(e, all);
}

std::vector<boost::json::value*> nodes_of(boost::json::value& root) {
    std::vector<boost::json::value*> all;
    collect(root, all);
    return all;
}

// A serializer that can shuffle members and escape characters that need no escaping (so keys
// and strings reach the decoder in several parts). A parsed document holds each key once, so
// repeated keys are tested in json_read.cpp, not here.
class emitter {
public:
    emitter(std::mt19937& rng, unsigned shuffle_pct, unsigned escape_pct)
        : rng_(rng), shuffle_(shuffle_pct), escape_(escape_pct) {}

    std::string operator()(const boost::json::value& v) {
        std::string out;
        value(v, out);
        return out;
    }

private:
    unsigned roll(unsigned n) { return static_cast<unsigned>(rng_() % n); }

    void string(std::string_view s, std::string& out) {
        static constexpr char hex[] = "0123456789abcdef";
        out += '"';
        for (char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\' || u < 0x20 || (u < 0x80 && roll(100) < escape_)) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 15];
            } else {
                out += c;
            }
        }
        out += '"';
    }

    void value(const boost::json::value& v, std::string& out) {
        if (const auto* o = v.if_object()) {
            std::vector<const boost::json::key_value_pair*> members;
            for (const auto& kv : *o)
                members.push_back(&kv);
            if (roll(100) < shuffle_)
                std::shuffle(members.begin(), members.end(), rng_);
            out += '{';
            bool first = true;
            for (const auto* kv : members)
                member({kv->key().data(), kv->key().size()}, kv->value(), out, first);
            out += '}';
        } else if (const auto* a = v.if_array()) {
            out += '[';
            for (std::size_t i = 0; i < a->size(); ++i) {
                if (i)
                    out += ',';
                value((*a)[i], out);
            }
            out += ']';
        } else if (const auto* s = v.if_string()) {
            string({s->data(), s->size()}, out);
        } else {
            out += boost::json::serialize(v);
        }
    }

    void member(std::string_view key, const boost::json::value& v, std::string& out, bool& first) {
        if (!first)
            out += roll(4) ? "," : " ,\n ";
        first = false;
        string(key, out);
        out += ':';
        value(v, out);
    }

    std::mt19937& rng_;
    unsigned shuffle_, escape_;
};

// One random change to the document; returns false when it found nothing to change.
bool mutate(boost::json::value& root, std::mt19937& rng) {
    const auto roll = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    auto nodes = nodes_of(root);
    std::vector<boost::json::object*> objects;
    std::vector<boost::json::value*> ints, strings;
    for (auto* n : nodes) {
        if (auto* o = n->if_object())
            objects.push_back(o);
        if (n->is_int64() || n->is_uint64())
            ints.push_back(n);
        if (n->is_string())
            strings.push_back(n);
    }
    switch (roll(8)) {
    case 0: // type swap, anywhere (the root included)
        *nodes[roll(nodes.size())] = boost::json::parse(replacements[roll(replacements.size())]);
        return true;
    case 1: { // delete a member
        auto* o = objects.empty() ? nullptr : objects[roll(objects.size())];
        if (!o || o->empty())
            return false;
        o->erase(std::next(o->begin(), static_cast<std::ptrdiff_t>(roll(o->size()))));
        return true;
    }
    case 2: { // an unknown member, at any level
        if (objects.empty())
            return false;
        auto* o = objects[roll(objects.size())];
        (*o)["unknown" + std::to_string(roll(3))] =
            boost::json::parse(replacements[roll(replacements.size())]);
        return true;
    }
    case 3:
        *nodes[roll(nodes.size())] = nullptr;
        return true;
    case 4: // a whole number written as a double
        if (ints.empty())
            return false;
        {
            auto* n = ints[roll(ints.size())];
            *n = n->to_number<double>();
        }
        return true;
    case 5:
        if (ints.empty())
            return false;
        *ints[roll(ints.size())] = boost::json::parse(out_of_range[roll(out_of_range.size())]);
        return true;
    case 6: // an unknown name where an enum (or any string) goes
        if (strings.empty())
            return false;
        *strings[roll(strings.size())] = enum_noise[roll(enum_noise.size())].c_str();
        return true;
    default: { // a renamed member: unknown under the new name, absent under the old
        auto* o = objects.empty() ? nullptr : objects[roll(objects.size())];
        if (!o || o->empty())
            return false;
        auto it = std::next(o->begin(), static_cast<std::ptrdiff_t>(roll(o->size())));
        std::string key{it->key()};
        auto moved = it->value();
        o->erase(it);
        key[0] = static_cast<char>(key[0] ^ 0x20);
        (*o)[key] = std::move(moved);
        return true;
    }
    }
}

// Every single change at every node, then random combinations of changes.
template <class T> outcome differential(const std::string& example, std::uint32_t seed) {
    outcome tally;
    const T start = ltx::reflect::from_json<T>(example);
    agree<T>(example, T{}, tally);
    agree<T>(example, start, tally);

    const auto base = boost::json::parse(example);
    const std::size_t count = [&] {
        auto copy = base;
        return nodes_of(copy).size();
    }();
    for (std::size_t i = 0; i < count; ++i) {
        for (const auto& r : replacements) {
            auto doc = base;
            *nodes_of(doc)[i] = boost::json::parse(r);
            agree<T>(boost::json::serialize(doc), start, tally);
        }
        auto doc = base;
        auto* node = nodes_of(doc)[i];
        if (auto* o = node->if_object()) {
            const std::size_t members = o->size();
            (*o)["unknown"] = boost::json::parse(R"({"deep":[{"x":[1,2,{"y":null}]},"z"]})");
            agree<T>(boost::json::serialize(doc), start, tally);
            for (std::size_t m = 0; m < members; ++m) {
                auto less = base;
                auto* obj = nodes_of(less)[i]->if_object();
                obj->erase(std::next(obj->begin(), static_cast<std::ptrdiff_t>(m)));
                agree<T>(boost::json::serialize(less), start, tally);
            }
        }
        if (node->is_int64() || node->is_uint64()) {
            for (const auto& r : out_of_range) {
                auto big = base;
                *nodes_of(big)[i] = boost::json::parse(r);
                agree<T>(boost::json::serialize(big), start, tally);
            }
        }
        if (node->is_string()) {
            for (const auto& e : enum_noise) {
                auto noisy = base;
                *nodes_of(noisy)[i] = e.c_str();
                agree<T>(boost::json::serialize(noisy), start, tally);
            }
        }
    }

    std::mt19937 rng{seed};
    for (int round = 0; round < 400; ++round) {
        auto doc = base;
        const auto changes = 1 + rng() % 4;
        for (std::uint32_t c = 0; c < changes; ++c)
            mutate(doc, rng);
        emitter emit{rng, 40, 8};
        std::string text = emit(doc);
        switch (rng() % 40) {
        case 0:
            text.resize(rng() % text.size()); // truncated
            break;
        case 1:
            text += " x"; // extra data
            break;
        case 2:
            text.insert(rng() % text.size(), 1, ','); // syntax error, perhaps after a decode error
            break;
        default:
            break;
        }
        agree<T>(text, start, tally);
    }
    return tally;
}

const std::string record_example =
    R"({"name":"r\u00e9cord","small":-300,"count":4000000000,"ratio":0.25,"weight":1.5,)"
    R"("flag":true,"tone":"dark-blue","origin":{"x":-1,"y":255},"points":[{"x":1},{"x":2,"y":3}],)"
    R"("holes":[1,null,3],"palette":{"sea":["light","dark-blue"],"":["light"]},)"
    R"("named":{"a":{"x":5},"b":{"x":6,"y":null}},"grid":[["a","b"],[],["c"]],"twice":4,)"
    R"("big":18446744073709551615,"negative":-9223372036854775808})";

void expect_mixed(const outcome& t) {
    // The variations must exercise both outcomes, or the comparison proves little.
    CHECK(t.ok > 50);
    CHECK(t.failed > 50);
}

} // namespace

TEST_CASE("a text and its parsed document decode alike: reference bodies and variations") {
    SUBCASE("job") {
        expect_mixed(differential<ltx::job>(reference::job, 1));
    }
    SUBCASE("signed_asset") {
        expect_mixed(differential<ltx::signed_asset>(reference::signed_asset, 2));
    }
    SUBCASE("asset_page") {
        expect_mixed(differential<ltx::asset_page>(reference::asset_page, 3));
    }
    SUBCASE("account") {
        expect_mixed(differential<ltx::account>(reference::account, 4));
    }
    SUBCASE("error_body") {
        expect_mixed(differential<ltx::error_body>(reference::error_insufficient_credits, 5));
    }
    SUBCASE("ltx_create_request") {
        expect_mixed(
            differential<ltx::ltx_create_request>(reference::create_request_all_fields, 6));
    }
    SUBCASE("required members, small integers, nested containers") {
        expect_mixed(differential<sax_demo::record>(record_example, 7));
    }
}

TEST_CASE("read_json_value refuses a document deeper than the parser allows, as read_json does") {
    using nest = std::vector<std::vector<std::vector<std::optional<int>>>>;
    for (const int depth : {31, 32, 33, 200}) {
        CAPTURE(depth);
        const std::string text = std::string(static_cast<std::size_t>(depth), '[') +
                                 std::string(static_cast<std::size_t>(depth), ']');
        // The parser itself refuses deep texts, so the document is built by hand.
        boost::json::value doc = boost::json::array{};
        for (int i = 1; i < depth; ++i)
            doc = boost::json::array{std::move(doc)};
        nest a, b;
        json_error ea, eb;
        const bool ra = ltx::reflect::read_json(text, a, ea);
        const bool rb = ltx::reflect::read_json_value(doc, b, eb);
        CHECK(ra == rb);
        CHECK(ea.path == eb.path);
        CHECK(ea.message == eb.message);
        if (depth > 32) {
            CHECK_FALSE(rb);
            CHECK(eb.message.starts_with("invalid JSON: "));
        } else {
            CHECK_FALSE(rb); // deeper than `nest`: the fourth level is not an integer
            CHECK(eb.path == "[0][0][0]");
        }
    }
}

TEST_CASE("parse_json reads numbers as read_json does, where boost::json::parse does not") {
    struct numbers_case {
        const char* text;
        double expected;
    };
    // Boost.JSON reads 0e4002 as NaN (0 x infinity) and the smallest normal double an ulp off.
    for (const numbers_case& c : {numbers_case{"0e4002", 0.0}, numbers_case{"-0e4002", -0.0},
                                  numbers_case{"2.2250738585072011e-308", 2.2250738585072011e-308},
                                  numbers_case{"1.5", 1.5}, numbers_case{"1e-400", 0.0}}) {
        CAPTURE(std::string{c.text});
        boost::json::error_code ec;
        const auto jv = ltx::reflect::parse_json(c.text, ec);
        REQUIRE_FALSE(ec);
        REQUIRE(jv.is_double());
        CHECK(jv.get_double() == c.expected);
        CHECK(std::signbit(jv.get_double()) == std::signbit(c.expected));
    }
    boost::json::error_code ec;
    CHECK(ltx::reflect::parse_json(R"( {"a":[1,-2,18446744073709551615,"s",true,null]} )", ec) ==
          boost::json::parse(R"({"a":[1,-2,18446744073709551615,"s",true,null]})"));
    CHECK_FALSE(ec);
    CHECK(ltx::reflect::parse_json("{} x", ec).is_null());
    CHECK(ec == boost::json::error::extra_data);
    ltx::reflect::parse_json(R"({"a":)", ec);
    CHECK(ec);
}

TEST_CASE("a document from parse_json decodes as read_json decodes its text") {
    // The fuzzer's finding: an integer written 0e4002 is 0 to read_json; a document from
    // boost::json::parse held NaN there, so the CLI's request files refused it.
    const std::string text = R"({"prompt":"p","startAssetId":"a","maxJobs":0e4002})";
    ltx::ltx_create_request direct, from_document;
    ltx::reflect::json_error err;
    REQUIRE(ltx::reflect::read_json(text, direct, err));
    boost::json::error_code ec;
    const auto jv = ltx::reflect::parse_json(text, ec);
    REQUIRE_FALSE(ec);
    REQUIRE(ltx::reflect::read_json_value(jv, from_document, err));
    CHECK(from_document.maxJobs == 0);
    CHECK(ltx::reflect::to_json(from_document) == ltx::reflect::to_json(direct));
}
