// The engine on types of its own, unrelated to the LTX API: it must know nothing of LTX.
#include <ltx/reflect.hpp>

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace demo {

enum class color { red, dark_green };
BOOST_DESCRIBE_ENUM(color, red, dark_green)

struct leaf {
    std::optional<std::string> fileId{};
    std::optional<int> count{};
};
BOOST_DESCRIBE_STRUCT(leaf, (), (fileId, count))
constexpr auto ltx_schema(ltx::reflect::tag<leaf>) {
    namespace r = ltx::reflect::rules;
    return ltx::reflect::schema(ltx::reflect::field<&leaf::fileId>(r::required, r::length{2, 4}),
                                ltx::reflect::field<&leaf::count>(r::range{0, 9}));
}

struct item {
    leaf asset{};
    std::optional<color> tint{};
};
BOOST_DESCRIBE_STRUCT(item, (), (asset, tint))

struct root {
    std::string name{};
    std::vector<item> items{};
    std::optional<std::map<std::string, leaf>> named{};
    std::optional<double> ratio{};
    bool flag = false;
    std::optional<std::string> a{};
    std::optional<std::string> b{};
};
BOOST_DESCRIBE_STRUCT(root, (), (name, items, named, ratio, flag, a, b))
constexpr auto ltx_schema(ltx::reflect::tag<root>) {
    namespace r = ltx::reflect::rules;
    return ltx::reflect::schema(ltx::reflect::field<&root::name>(r::required),
                                r::at_least_one_of<&root::a, &root::b>{});
}

// The conditional struct-level rules, on a condition with a default (`shape`) and one without
// (`tint`).
struct conditional {
    std::optional<color> shape{};
    std::optional<color> tint{};
    std::string label{};
    std::optional<std::string> extra{};
    std::optional<color> hue{};
};
BOOST_DESCRIBE_STRUCT(conditional, (), (shape, tint, label, extra, hue))
constexpr auto ltx_schema(ltx::reflect::tag<conditional>) {
    namespace r = ltx::reflect::rules;
    using C = conditional;
    return ltx::reflect::schema(
        ltx::reflect::field<&C::shape>(r::defaults_to<color>{color::red}),
        r::required_when<&C::label, r::when<&C::shape, color::red>>{},
        r::absent_when<&C::extra, r::when<&C::tint, color::red>>{},
        r::one_of_when<&C::hue, r::when<&C::shape, color::dark_green>, color::red>{});
}

} // namespace demo

using namespace ltx::reflect;

static_assert(kind_of<demo::root> == type_kind::described_struct);
static_assert(kind_of<demo::color> == type_kind::described_enum);
static_assert(kind_of<std::optional<int>> == type_kind::optional);
static_assert(kind_of<std::vector<demo::item>> == type_kind::sequence);
static_assert(kind_of<std::map<std::string, int>> == type_kind::map);
static_assert(kind_of<const std::string&> == type_kind::string);
static_assert(kind_of<long long> == type_kind::integer);
static_assert(kind_of<bool> == type_kind::boolean);
static_assert(kind_of<float> == type_kind::floating);
static_assert(kind_of<std::monostate> == type_kind::empty);
static_assert(kind_of<std::map<int, int>> == type_kind::unsupported);
static_assert(kind_of<char*> == type_kind::unsupported);
static_assert(to_wire(demo::color::dark_green) == "dark_green"); // no table: the identifier
static_assert(from_wire<demo::color>("red") == demo::color::red);
static_assert(!from_wire<demo::color>("blue"));
static_assert(member_name<&demo::root::items>() == "items");

namespace {

demo::root valid_root() {
    demo::root r;
    r.name = "n";
    r.a = "x";
    r.items.resize(4);
    for (auto& i : r.items)
        i.asset.fileId = "abc";
    return r;
}

bool has(const std::vector<violation>& v, const std::string& path, const std::string& rule) {
    for (const auto& x : v)
        if (x.path == path && x.rule == rule)
            return true;
    return false;
}

} // namespace

TEST_CASE("validate reports nothing for a valid value") {
    CHECK(validate(valid_root()).empty());
}

TEST_CASE("validate names nested paths with indices") {
    auto r = valid_root();
    r.items[3].asset.fileId = "toolong";
    r.items[1].asset.fileId.reset();
    r.items[2].asset.count = 10;
    const auto v = validate(r);
    REQUIRE(v.size() == 3);
    CHECK(v[0] == violation{"items[1].asset.fileId", "required", "is required"});
    CHECK(v[1].path == "items[2].asset.count");
    CHECK(v[1].rule == "range");
    CHECK(v[1].message == "must be between 0 and 9, got 10");
    CHECK(v[2].path == "items[3].asset.fileId");
    CHECK(v[2].rule == "length");
    CHECK(v[2].message == "must be 2 to 4 characters long, got 7");
}

TEST_CASE("validate collects every violation at once") {
    demo::root r; // empty name, neither a nor b
    r.items.resize(1);
    r.items[0].tint = static_cast<demo::color>(42);
    r.named = std::map<std::string, demo::leaf>{{"k", demo::leaf{"\xC3", std::nullopt}}};
    const auto v = validate(r);
    CHECK(has(v, "name", "required"));
    CHECK(has(v, "items[0].asset.fileId", "required"));
    CHECK(has(v, "items[0].tint", "enum"));
    CHECK(has(v, "named.k.fileId", "utf8"));
    CHECK(has(v, "a", "at_least_one_of"));
    CHECK(v.size() == 5);
}

TEST_CASE("an empty map key reads the same in validation and decode paths") {
    demo::root r = valid_root();
    r.named = std::map<std::string, demo::leaf>{{"", demo::leaf{"\xC3", std::nullopt}}};
    const auto v = validate(r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == R"(named[""].fileId)");

    json_error err;
    demo::root d;
    CHECK_FALSE(
        read_json(R"({"name":"n","items":[],"flag":true,"named":{"":{"fileId":2}}})", d, err));
    CHECK(err.path == R"(named[""].fileId)");

    std::map<std::string, demo::leaf> top{{"", demo::leaf{}}};
    const auto w = validate(top);
    REQUIRE(w.size() == 1);
    CHECK(w[0].path == R"([""].fileId)");
    CHECK_FALSE(read_json(R"({"":{"fileId":2}})", top, err));
    CHECK(err.path == R"([""].fileId)");
}

TEST_CASE("messages never quote the offending value") {
    demo::root r = valid_root();
    r.items[0].asset.fileId = "SECRETVALUE";
    for (const auto& v : validate(r))
        CHECK(v.message.find("SECRET") == std::string::npos);
}

TEST_CASE("JSON output: compact, optionals omitted, declaration order") {
    auto r = valid_root();
    r.items.resize(1);
    r.items[0].tint = demo::color::dark_green;
    r.ratio = 0.25;
    r.named = std::map<std::string, demo::leaf>{{"q\"k", demo::leaf{"ab", 3}}};
    CHECK(to_json(r) == R"({"name":"n","items":[{"asset":{"fileId":"abc"},"tint":"dark_green"}],)"
                        R"("named":{"q\"k":{"fileId":"ab","count":3}},"ratio":0.25,"flag":false,)"
                        R"("a":"x"})");
}

TEST_CASE("JSON output escapes strings through Boost.JSON") {
    demo::leaf l{std::string{"a\"b\\c\n\x01\xC3\xA9", 9}, std::nullopt};
    const auto text = to_json(l);
    CHECK(text == "{\"fileId\":\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\"}");
    CHECK(boost::json::parse(text).at("fileId").as_string() == *l.fileId);
}

TEST_CASE("JSON output escapes a special byte at any position of a long string") {
    // Strings are scanned sixteen and eight bytes at a time for bytes that need escaping.
    for (const char special : {'"', '\\', '\n', '\x01', '\x1F'}) {
        for (std::size_t size = 1; size <= 40; ++size) {
            for (std::size_t at = 0; at < size; ++at) {
                std::string s(size, ' ');
                s[at] = special;
                demo::leaf l{s, std::nullopt};
                const auto text = to_json(l);
                CHECK_MESSAGE(boost::json::parse(text).at("fileId").as_string() == s, "size ", size,
                              ", at ", at);
                CHECK(text.size() > s.size() + 13); // escaped: longer than {"fileId":"..."}
            }
        }
    }
}

TEST_CASE("JSON output: non-finite numbers become null") {
    demo::root r = valid_root();
    r.items.clear();
    r.ratio = 1.0 / 0.0 * 0.0; // NaN without a library call
    CHECK(to_json(r).find("\"ratio\":null") != std::string::npos);
}

TEST_CASE("an enum value without a wire name is an error in every encoder, never null or silence") {
    demo::item i;
    i.tint = static_cast<demo::color>(9);
    CHECK_THROWS_AS(to_json(i), enum_value_error);
    std::string query;
    CHECK_THROWS_AS(write_query(i, query), enum_value_error);
    std::string form;
    CHECK_THROWS_AS(write_multipart(i, "b", form), enum_value_error);
    CHECK_THROWS_WITH(to_json(std::vector<demo::color>{demo::color::red, i.tint.value()}),
                      "ltx::reflect: an enum value outside 'red', 'dark_green' has no wire name");
    // Validation names it first, with its path.
    CHECK(has(validate(i), "tint", "enum"));
    i.tint = demo::color::dark_green;
    CHECK(to_json(i) == R"({"asset":{},"tint":"dark_green"})");
    query.clear();
    write_query(i, query);
    CHECK(query == "asset=%7B%7D&tint=dark_green");
}

TEST_CASE("JSON input is tolerant of unknown members and absent optionals") {
    const auto r = from_json<demo::root>(
        R"({"zz":{"deep":[1,2,{"x":null}]},"name":"n","items":[{"asset":{"fileId":"ab","more":1}}],)"
        R"("flag":true,"ratio":3,"a":null})");
    CHECK(r.name == "n");
    REQUIRE(r.items.size() == 1);
    CHECK(r.items[0].asset.fileId == "ab");
    CHECK_FALSE(r.items[0].asset.count);
    CHECK(r.flag);
    CHECK(r.ratio == 3.0);
    CHECK_FALSE(r.a);
}

TEST_CASE("JSON input errors name the path") {
    struct expectation {
        const char* text;
        const char* path;
        const char* message;
    };
    const expectation cases[] = {
        {R"({"items":[],"flag":true})", "name", "missing required field"},
        {R"({"name":1,"items":[],"flag":true})", "name", "expected a string"},
        {R"({"name":"n","items":[{"asset":{}},{"asset":{"count":"3"}}],"flag":true})",
         "items[1].asset.count", "expected an integer"},
        {R"({"name":"n","items":[{"asset":{"count":1.5}}],"flag":true})", "items[0].asset.count",
         "integer out of range"},
        {R"({"name":"n","items":[{"asset":{"count":99999999999}}],"flag":true})",
         "items[0].asset.count", "integer out of range"},
        {R"({"name":"n","items":[{"asset":{},"tint":"blue"}],"flag":true})", "items[0].tint",
         "unknown value, expected one of 'red', 'dark_green'"},
        {R"({"name":"n","items":{},"flag":true})", "items", "expected an array"},
        {R"({"name":"n","items":[],"flag":1})", "flag", "expected true or false"},
        {R"({"name":"n","items":[],"flag":true,"named":{"k":{"fileId":2}}})", "named.k.fileId",
         "expected a string"},
        {R"([1])", "", "expected an object"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        demo::root r;
        json_error err;
        CHECK_FALSE(read_json(c.text, r, err));
        CHECK(err.path == c.path);
        CHECK(err.message == c.message);
    }
}

TEST_CASE("JSON input reports invalid JSON") {
    demo::root r;
    json_error err;
    CHECK_FALSE(read_json(R"({"name": )", r, err));
    CHECK(err.path.empty());
    CHECK(err.message.rfind("invalid JSON", 0) == 0);
    CHECK_THROWS_AS(from_json<demo::root>("nope"), json_decode_error);
}

TEST_CASE("query encoding") {
    demo::root r = valid_root();
    r.items.clear();
    r.name = "a b&c=d/é";
    r.flag = true;
    std::string q;
    write_query(r, q);
    CHECK(q == "name=a%20b%26c%3Dd%2F%C3%A9&items=%5B%5D&flag=true&a=x");
    q.clear();
    write_query(r, q, [](std::string_view n) { return n == "name" || n == "items"; });
    CHECK(q == "flag=true&a=x");
}

namespace demo {

// A member of every leaf kind, at its extremes, for the form text oracle below.
struct leaves {
    std::int8_t i8 = -128;
    std::uint8_t u8 = 255;
    std::int16_t i16 = -32768;
    std::uint16_t u16 = 65535;
    std::int32_t i32 = -2147483647 - 1;
    std::uint32_t u32 = 4294967295u;
    std::int64_t i64 = -9223372036854775807 - 1;
    std::uint64_t u64 = 18446744073709551615u;
    float f32 = 0.1f;
    double f64 = -1e300;
    double nan = 0.0 / 0.0 * 0.0;
    bool yes = true;
    std::optional<bool> no = false;
    std::optional<std::string> text = "a \"b\"";
    std::optional<std::string> unset{};
    color tint = color::dark_green;
    std::optional<leaf> nested = leaf{"x", 3};
    std::vector<color> tints{color::red, color::dark_green};
};
BOOST_DESCRIBE_STRUCT(leaves, (),
                      (i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, nan, yes, no, text, unset,
                       tint, nested, tints))

} // namespace demo

TEST_CASE("form text is the member's JSON value, strings and enum names unquoted, every kind") {
    const demo::leaves v;
    const auto json = boost::json::parse(to_json(v)).as_object();
    std::vector<std::string> names;
    for_each_form_field(v, [&](std::string_view name, std::string_view text) {
        CAPTURE(name);
        names.emplace_back(name);
        const auto& member = json.at(name);
        if (member.is_string())
            CHECK(text == std::string_view{member.get_string()});
        else
            CHECK(boost::json::parse(text) == member);
    });
    // Every member but the unset optional, in declaration order.
    CHECK(names == std::vector<std::string>{"i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64",
                                            "f32", "f64", "nan", "yes", "no", "text", "tint",
                                            "nested", "tints"});
    std::string q;
    write_query(v, q);
    CHECK(q.starts_with("i8=-128&u8=255&i16=-32768&"));
    CHECK(q.find("&nan=null&yes=true&no=false&text=a%20%22b%22&tint=dark_green&") !=
          std::string::npos);
}

TEST_CASE("read_form decodes what for_each_form_field writes, with read_json's rules") {
    demo::leaves v;
    v.nan = 2.5; // NaN's form text is null, which no double member reads back
    std::vector<std::pair<std::string, std::string>> fields;
    for_each_form_field(
        v, [&](std::string_view name, std::string_view text) { fields.emplace_back(name, text); });
    demo::leaves back;
    back.unset = "stale";
    json_error err;
    REQUIRE(read_form(fields, back, err));
    CHECK(to_json(back) == to_json(v));
    CHECK_FALSE(back.unset.has_value());

    // Unknown names are ignored; a repeated name keeps its first value.
    fields.emplace_back("bogus", "1");
    fields.emplace(fields.begin(), "i8", "7");
    REQUIRE(read_form(fields, back, err));
    CHECK(back.i8 == 7);

    // A text that does not fit its member, a missing required member: the decoder's errors.
    const std::vector<std::pair<std::string_view, std::string_view>> bad{{"name", "n"},
                                                                         {"flag", "yes"}};
    demo::root r;
    CHECK_FALSE(read_form(bad, r, err));
    CHECK(err.path == "items");
    CHECK(err.message == "missing required field");
    const std::vector<std::pair<std::string_view, std::string_view>> typed{
        {"name", "n"}, {"items", "[]"}, {"flag", "yes"}};
    CHECK_FALSE(read_form(typed, r, err));
    CHECK(err.path == "flag");
    CHECK(err.message == "expected true or false");
    CHECK(form_field_value<demo::root>("flag", "true") == boost::json::value(true));
    CHECK(form_field_value<demo::root>("ratio", "1e3") == boost::json::value(1000.0));
    CHECK(form_field_value<demo::root>("name", "12") == boost::json::value("12"));
    CHECK(form_field_value<demo::root>("nope", "1").is_null());
}

TEST_CASE("multipart encoding, and a boundary found in a value is refused") {
    demo::leaf l{"ab", 7};
    std::string body;
    CHECK(write_multipart(l, "b0undary", body));
    CHECK(body == "--b0undary\r\nContent-Disposition: form-data; name=\"fileId\"\r\n\r\nab\r\n"
                  "--b0undary\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n7\r\n"
                  "--b0undary--\r\n");
    demo::leaf evil{"x--b0undaryy", std::nullopt};
    body.clear();
    CHECK_FALSE(write_multipart(evil, "b0undary", body));
}

namespace demo {

// A rule of the user's own, as the README describes one: a name and check(value, report).
struct even_t {
    static constexpr std::string_view name = "even";
    void check(long long v, const ltx::reflect::report& r) const {
        if (v % 2 != 0)
            r.fail("must be even");
    }
};

struct tally {
    std::optional<long long> n{};
    long long m = 0;
};
BOOST_DESCRIBE_STRUCT(tally, (), (n, m))
constexpr auto ltx_schema(ltx::reflect::tag<tally>) {
    return ltx::reflect::schema(ltx::reflect::field<&tally::n>(even_t{}),
                                ltx::reflect::field<&tally::m>(even_t{}));
}

} // namespace demo

TEST_CASE("a rule of the user's own reports through report::fail, on an optional too") {
    static_assert(kind_of<std::optional<int>> == type_kind::optional);
    demo::tally t{.n = 3, .m = 4};
    auto v = validate(t);
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == "n");
    CHECK(v[0].rule == "even");
    CHECK(v[0].message == "must be even");
    t.n = std::nullopt; // an absent optional is not checked
    t.m = 5;
    v = validate(t);
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == "m");
    t.m = 2;
    CHECK(validate(t).empty());
    CHECK(to_json(t) == R"({"m":2})");
}

TEST_CASE("conditional rules: an absent condition member holds its default, or nothing") {
    demo::conditional c; // shape absent: its default red, so label is required
    auto v = validate(c);
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == "label");
    CHECK(v[0].rule == "required_when");
    CHECK(v[0].message == "is required when shape is red");
    c.label = "x";
    CHECK(validate(c).empty());
    c.label.clear();
    c.shape = demo::color::dark_green; // the condition fails: label may be empty
    CHECK(validate(c).empty());

    // tint has no default: absent, it satisfies no condition.
    c.extra = "e";
    CHECK(validate(c).empty());
    c.tint = demo::color::dark_green;
    CHECK(validate(c).empty());
    c.tint = demo::color::red;
    v = validate(c);
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == "extra");
    CHECK(v[0].rule == "absent_when");
    CHECK(v[0].message == "is not taken when tint is red");
    c.extra.reset();

    // one_of_when: only the allowed values while the condition holds; absent is fine.
    c.hue = demo::color::red;
    CHECK(validate(c).empty());
    c.hue = demo::color::dark_green;
    v = validate(c);
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == "hue");
    CHECK(v[0].rule == "one_of_when");
    CHECK(v[0].message == "must be one of red when shape is dark_green");
    c.shape = demo::color::red;
    c.label = "x";
    CHECK(validate(c).empty());
}
