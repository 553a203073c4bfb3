// read_json on chosen cases: which error it reports when several values are wrong, escaped
// keys and enum names, repeated keys, absent and null optionals, values split across parser
// buffers, the throwing form. tests/reflect/json_read_value.cpp compares texts with their
// parsed documents on generated variations.
#include <ltx/reflect/json_read.hpp>

#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sax_cases {

struct point {
    int x = 0;
    std::optional<int> y{};
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

struct measure {
    double d = 0;
    std::optional<float> f{};
    std::optional<int> i{};
};
BOOST_DESCRIBE_STRUCT(measure, (), (d, f, i))

struct shape {
    std::string name{};
    std::vector<point> points{};
};
BOOST_DESCRIBE_STRUCT(shape, (), (name, points))

} // namespace sax_cases

using ltx::reflect::json_error;

TEST_CASE("read_json reports the first error in the type's order, not the first in the text") {
    ltx::job j;
    json_error err;
    REQUIRE_FALSE(
        ltx::reflect::read_json(R"({"code":"x","status":{"progress":"y","type":5,}})", j, err));
    CHECK(err.path == "");
    CHECK(err.message.starts_with("invalid JSON: ")); // a syntax error beats any decode error

    REQUIRE_FALSE(
        ltx::reflect::read_json(R"({"code":"x","status":{"message":1,"type":5}})", j, err));
    CHECK(err.path == "status.type");
    CHECK(err.message == "expected a string, one of 'active', 'completed', 'failed'");

    // Declaration order first: `name` is missing, though the text ends before that is known.
    sax_cases::shape s;
    REQUIRE_FALSE(ltx::reflect::read_json(R"({"points":[{"x":1},{"y":1},{"x":"a"}]})", s, err));
    CHECK(err.path == "name");
    CHECK(err.message == "missing required field");
    // Index order within an array: element 1 lacks x before element 2 has the wrong type.
    REQUIRE_FALSE(
        ltx::reflect::read_json(R"({"points":[{"x":1},{"y":1},{"x":"a"}],"name":"n"})", s, err));
    CHECK(err.path == "points[1].x");
    CHECK(err.message == "missing required field");
}

TEST_CASE("read_json: escaped keys and names, absent and null optionals") {
    ltx::job j;
    j.jobId = "stale";
    j.code = 1;
    json_error err;
    REQUIRE(ltx::reflect::read_json(
        R"({"st\u0061tus":{"type":"comp\u006cet\u0065d","message":"a\nb"},"c\u006fde":7})", j,
        err));
    CHECK(j.status->type == ltx::job_state::completed);
    CHECK(j.status->message == "a\nb");
    CHECK(j.code == 7);
    CHECK_FALSE(j.jobId.has_value());
}

TEST_CASE("read_json refuses a key repeated in one object, in structs and maps alike") {
    ltx::job j;
    json_error err;
    for (const char* text : {R"({"code":200,"code":200})", R"({"c\u006fde":1,"code":2})"}) {
        CAPTURE(text);
        REQUIRE_FALSE(ltx::reflect::read_json(text, j, err));
        CHECK(err.path == "code");
        CHECK(err.message == "repeated key");
    }
    // A later good value does not make up for a bad first one.
    REQUIRE_FALSE(ltx::reflect::read_json(R"({"code":"x","code":200})", j, err));
    CHECK(err.path == "code");
    CHECK(err.message == "expected an integer");
    // A repeat inside a value that is skipped (an unknown member) is not looked at.
    CHECK(ltx::reflect::read_json(R"({"extra":{"a":1,"a":2},"code":3})", j, err));
    // The first error in the type's order wins: `code` comes after `status` in ltx::job.
    REQUIRE_FALSE(
        ltx::reflect::read_json(R"({"code":1,"code":2,"status":{"type":"asleep"}})", j, err));
    CHECK(err.path == "status.type");

    ltx::asset_page page;
    REQUIRE_FALSE(ltx::reflect::read_json(
        R"({"items":[{"relatedAssets":{"thumbnails":{"k":{},"k":{}}}}]})", page, err));
    CHECK(err.path == "items[0].relatedAssets.thumbnails.k");
    CHECK(err.message == "repeated key");
}

TEST_CASE("read_json resets what the value held: absent optionals, sequences, maps") {
    ltx::job j;
    j.jobId = "stale";
    j.code = 1;
    json_error err;
    REQUIRE(ltx::reflect::read_json(R"({"code":null})", j, err));
    CHECK_FALSE(j.jobId.has_value());
    CHECK_FALSE(j.code.has_value());

    sax_cases::shape s;
    s.points = {{1, 2}, {3, std::nullopt}};
    REQUIRE(ltx::reflect::read_json(R"({"name":"n","points":[{"x":5}]})", s, err));
    REQUIRE(s.points.size() == 1);
    CHECK(s.points[0].x == 5);
    CHECK_FALSE(s.points[0].y.has_value());
}

TEST_CASE("read_json: keys and strings longer than the parser's buffer arrive in parts") {
    // Escapes make the parser hand a key or a string over in several parts.
    std::string name(5000, 'a');
    std::string text = R"({"n\u0061me":")";
    for (int i = 0; i < 500; ++i)
        text += "\u0061aaaaaaaaa";
    text += R"(","points":[]})";
    sax_cases::shape s;
    json_error err;
    REQUIRE(ltx::reflect::read_json(text, s, err));
    CHECK(s.name == name);
}

TEST_CASE("read_json: an empty map key reads as in validation paths") {
    ltx::asset_page page;
    json_error err;
    const auto text = R"({"items":[{"relatedAssets":{"thumbnails":{"":{"assetUrl":1}}}}]})";
    REQUIRE_FALSE(ltx::reflect::read_json(text, page, err));
    CHECK(err.path == R"(items[0].relatedAssets.thumbnails[""].assetUrl)");
}

TEST_CASE("from_json throws json_decode_error with the path and the message") {
    CHECK(ltx::reflect::from_json<ltx::error_body>(R"({"error":"x","code":402})").code == 402);
    try {
        (void)ltx::reflect::from_json<ltx::error_body>(R"({"code":true})");
        FAIL("no exception");
    } catch (const ltx::reflect::json_decode_error& e) {
        CHECK(e.error().path == "code");
        CHECK(e.error().message == "expected an integer");
        CHECK(std::string{e.what()} == "code: expected an integer");
    }
}

TEST_CASE("read_json: a top-level object with free keys and a top-level array") {
    std::map<std::string, sax_cases::point> by_name{{"stale", {}}};
    json_error err;
    REQUIRE(ltx::reflect::read_json(R"({"a@b":{"x":1},"c":{"x":2,"y":3}})", by_name, err));
    REQUIRE(by_name.size() == 2);
    CHECK(by_name.at("a@b").x == 1);
    CHECK(by_name.at("c").y == 3);
    REQUIRE_FALSE(ltx::reflect::read_json(R"({"a":{"y":1}})", by_name, err));
    CHECK(err.path == "a.x");
    CHECK(err.message == "missing required field");
    REQUIRE_FALSE(ltx::reflect::read_json("[]", by_name, err));
    CHECK(err.message == "expected an object");

    std::vector<sax_cases::point> points{{9, 9}};
    REQUIRE(ltx::reflect::read_json("[]", points, err));
    CHECK(points.empty());
    REQUIRE(ltx::reflect::read_json(R"([{"x":4},{"x":5}])", points, err));
    REQUIRE(points.size() == 2);
    CHECK(points[1].x == 5);
    REQUIRE_FALSE(ltx::reflect::read_json(R"([{"x":4},{"x":"5"}])", points, err));
    CHECK(err.path == "[1].x");
    REQUIRE_FALSE(ltx::reflect::read_json("{}", points, err));
    CHECK(err.message == "expected an array");
}

TEST_CASE("read_json: std::monostate reads an empty body, and skips any value") {
    std::monostate none;
    json_error err;
    CHECK(ltx::reflect::read_json("", none, err));
    CHECK(ltx::reflect::read_json(" \r\n", none, err));
    CHECK(ltx::reflect::read_json(R"({"deleted":true,"n":[1,{"a":null}]})", none, err));
    CHECK(ltx::reflect::read_json("null", none, err));
    // The text must still be JSON; only an empty one stands for "no body".
    REQUIRE_FALSE(ltx::reflect::read_json("{", none, err));
    CHECK(err.message.starts_with("invalid JSON: "));
    REQUIRE_FALSE(ltx::reflect::read_json("no", none, err));
    // Elsewhere an empty text is no value at all.
    sax_cases::point p;
    CHECK_FALSE(ltx::reflect::read_json("", p, err));
    CHECK(ltx::reflect::read_json_value(boost::json::value{1}, none, err));
    CHECK(ltx::reflect::to_json(none) == "null");
}

TEST_CASE("numbers: -0.0 round-trips with its sign") {
    sax_cases::measure m{.d = -0.0};
    const auto text = ltx::reflect::to_json(m);
    CHECK(text == R"({"d":-0.0})");
    sax_cases::measure back{.d = 1};
    json_error err;
    REQUIRE(ltx::reflect::read_json(text, back, err));
    CHECK(back.d == 0);
    CHECK(std::signbit(back.d));
}

TEST_CASE("numbers: a number beyond a double's (or a float's) range is refused") {
    sax_cases::measure m;
    json_error err;
    REQUIRE_FALSE(ltx::reflect::read_json(R"({"d":1e400})", m, err));
    CHECK(err.path == "d");
    CHECK(err.message == "number out of range");
    REQUIRE_FALSE(ltx::reflect::read_json(R"({"d":-1e400})", m, err));
    CHECK(err.message == "number out of range");
    REQUIRE_FALSE(ltx::reflect::read_json(R"({"d":0,"f":1e300})", m, err));
    CHECK(err.path == "f");
    CHECK(err.message == "number out of range");
    REQUIRE_FALSE(ltx::reflect::read_json(R"({"d":0,"i":1e400})", m, err));
    CHECK(err.path == "i");
    CHECK(err.message == "integer out of range");
    // Too small to tell from zero is not out of range: it reads as zero.
    REQUIRE(ltx::reflect::read_json(R"({"d":1e-400})", m, err));
    CHECK(m.d == 0);
}

TEST_CASE("numbers: a double reads back exactly as written") {
    // The parser's own conversion of these is an ulp off.
    for (const double d : {2.2250738585072011e-308, 0.1, 1.7976931348623157e308,
                           4.9406564584124654e-324, 123456789.12345678}) {
        sax_cases::measure m{.d = d};
        const auto text = ltx::reflect::to_json(m);
        sax_cases::measure back;
        json_error err;
        REQUIRE(ltx::reflect::read_json(text, back, err));
        CHECK(back.d == d);
        CHECK(ltx::reflect::to_json(back) == text);
    }
    sax_cases::measure m;
    json_error err;
    REQUIRE(ltx::reflect::read_json(R"({"d":2.2250738585072011e-308})", m, err));
    CHECK(m.d == 2.2250738585072011e-308);
}
