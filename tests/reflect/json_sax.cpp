// read_json_sax on chosen cases: which error it reports when several values are wrong,
// escaped keys and enum names, repeated keys, absent and null optionals, the throwing form.
// tests/reflect/json_sax_differential.cpp compares it with read_json on generated texts.
#include <ltx/reflect/json_sax.hpp>

#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace sax_cases {

struct point {
    int x = 0;
    std::optional<int> y{};
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

struct shape {
    std::string name{};
    std::vector<point> points{};
};
BOOST_DESCRIBE_STRUCT(shape, (), (name, points))

} // namespace sax_cases

using ltx::reflect::json_error;

TEST_CASE("read_json_sax reports the error read_json meets first, not the first in the text") {
    ltx::job j;
    json_error err;
    REQUIRE_FALSE(
        ltx::reflect::read_json_sax(R"({"code":"x","status":{"progress":"y","type":5,}})", j, err));
    CHECK(err.path == "");
    CHECK(err.message.starts_with("invalid JSON: ")); // a syntax error beats any decode error

    REQUIRE_FALSE(
        ltx::reflect::read_json_sax(R"({"code":"x","status":{"message":1,"type":5}})", j, err));
    CHECK(err.path == "status.type");
    CHECK(err.message == "expected a string, one of 'active', 'completed', 'failed'");

    // Declaration order first: `name` is missing, though the text ends before that is known.
    sax_cases::shape s;
    REQUIRE_FALSE(ltx::reflect::read_json_sax(R"({"points":[{"x":1},{"y":1},{"x":"a"}]})", s, err));
    CHECK(err.path == "name");
    CHECK(err.message == "missing required field");
    // Index order within an array: element 1 lacks x before element 2 has the wrong type.
    REQUIRE_FALSE(ltx::reflect::read_json_sax(
        R"({"points":[{"x":1},{"y":1},{"x":"a"}],"name":"n"})", s, err));
    CHECK(err.path == "points[1].x");
    CHECK(err.message == "missing required field");
}

TEST_CASE("read_json_sax: escaped keys and names, repeated keys, absent and null optionals") {
    ltx::job j;
    j.jobId = "stale";
    j.code = 1;
    json_error err;
    REQUIRE(ltx::reflect::read_json_sax(
        R"({"st\u0061tus":{"type":"comp\u006cet\u0065d","message":"a\nb"},"code":null,"code":7})",
        j, err));
    CHECK(j.status->type == ltx::job_state::completed);
    CHECK(j.status->message == "a\nb");
    CHECK(j.code == 7);
    CHECK_FALSE(j.jobId.has_value());

    // A bad first value of a repeated key does not count: the last value is the one kept.
    REQUIRE(ltx::reflect::read_json_sax(R"({"code":"x","code":200})", j, err));
    CHECK(j.code == 200);
    REQUIRE_FALSE(ltx::reflect::read_json_sax(R"({"code":200,"code":"x"})", j, err));
    CHECK(err.path == "code");
    CHECK(err.message == "expected an integer");
}

TEST_CASE("read_json_sax: an empty map key reads as in read_json and validation paths") {
    ltx::asset_page page;
    json_error err;
    const auto text = R"({"items":[{"relatedAssets":{"thumbnails":{"":{"assetUrl":1}}}}]})";
    REQUIRE_FALSE(ltx::reflect::read_json_sax(text, page, err));
    CHECK(err.path == R"(items[0].relatedAssets.thumbnails[""].assetUrl)");
    json_error dom;
    REQUIRE_FALSE(ltx::reflect::read_json(text, page, dom));
    CHECK(dom.path == err.path);
}

TEST_CASE("from_json_sax throws json_decode_error") {
    CHECK(ltx::reflect::from_json_sax<ltx::error_body>(R"({"error":"x","code":402})").code == 402);
    CHECK_THROWS_AS(ltx::reflect::from_json_sax<ltx::error_body>(R"({"code":true})"),
                    ltx::reflect::json_decode_error);
}
