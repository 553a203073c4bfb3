// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/detail/http1/serializer.hpp>

#include <doctest/doctest.h>

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace h1 = ltx::http::detail::http1;
using h1::error;

namespace {
using pairs = std::vector<std::pair<std::string, std::string>>;

struct named {
    std::string_view name;
    std::string_view value;
};

std::string head_of(const h1::request_head& head, const pairs& fields = {}) {
    std::string out;
    const auto ec = h1::write_request_head(head, fields, out);
    REQUIRE_FALSE(ec);
    return out;
}

std::error_code error_of(const h1::request_head& head, const pairs& fields = {}) {
    std::string out = "kept";
    const auto ec = h1::write_request_head(head, fields, out);
    CHECK(out == "kept"); // nothing written on error
    return ec;
}
} // namespace

TEST_CASE("http1 serializer: request line, Host first, fields in order, no body") {
    CHECK(head_of({.method = "GET", .target = "/v1/videos?a=1&b=%20", .host = "api.example"},
                  {{"Accept", "application/json"}, {"X-Two", "a, b"}}) ==
          "GET /v1/videos?a=1&b=%20 HTTP/1.1\r\nHost: api.example\r\n"
          "Accept: application/json\r\nX-Two: a, b\r\n\r\n");
}

TEST_CASE("http1 serializer: a given Host is kept and not duplicated") {
    CHECK(head_of({.method = "GET", .target = "/", .host = "ignored"}, {{"host", "h:8080"}}) ==
          "GET / HTTP/1.1\r\nhost: h:8080\r\n\r\n");
    CHECK(error_of({.method = "GET", .target = "/"}) == error::missing_host);
    CHECK(error_of({.method = "GET", .target = "/", .host = "a b"}) == error::bad_field_value);
}

TEST_CASE("http1 serializer: Content-Length for announced bodies") {
    CHECK(head_of({.method = "POST", .target = "/u", .host = "h", .body_length = 42}) ==
          "POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 42\r\n\r\n");
    CHECK(head_of({.method = "POST", .target = "/u", .host = "h", .body_length = 0}) ==
          "POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    // A matching length header is kept as given, not repeated.
    CHECK(head_of({.method = "PUT", .target = "/u", .host = "h", .body_length = 7},
                  {{"content-length", "7"}}) ==
          "PUT /u HTTP/1.1\r\nHost: h\r\ncontent-length: 7\r\n\r\n");
    // With Transfer-Encoding the caller frames the body itself.
    CHECK(head_of({.method = "POST", .target = "/u", .host = "h", .body_length = 7},
                  {{"Transfer-Encoding", "chunked"}}) ==
          "POST /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
    CHECK(error_of({.method = "POST", .target = "/", .host = "h", .body_length = 7},
                   {{"Content-Length", "8"}}) == error::bad_content_length);
    CHECK(error_of({.method = "GET", .target = "/", .host = "h"}, {{"Content-Length", "1"}}) ==
          error::bad_content_length);
    CHECK(error_of({.method = "POST", .target = "/", .host = "h", .body_length = 1},
                   {{"Content-Length", "1"}, {"Content-Length", "1"}}) ==
          error::bad_content_length);
    CHECK(error_of({.method = "POST", .target = "/", .host = "h", .body_length = 1},
                   {{"Content-Length", "x"}}) == error::bad_content_length);
    CHECK(error_of({.method = "POST", .target = "/", .host = "h", .body_length = 1},
                   {{"Content-Length", "1"}, {"Transfer-Encoding", "chunked"}}) ==
          error::content_length_with_chunked);
}

TEST_CASE("http1 serializer: methods and targets are validated") {
    CHECK(error_of({.method = "", .target = "/", .host = "h"}) == error::bad_method);
    CHECK(error_of({.method = "GE T", .target = "/", .host = "h"}) == error::bad_method);
    CHECK(error_of({.method = "GET\r\n", .target = "/", .host = "h"}) == error::bad_method);
    CHECK(error_of({.method = "GET", .target = "", .host = "h"}) == error::bad_target);
    CHECK(error_of({.method = "GET", .target = "/a b", .host = "h"}) == error::bad_target);
    CHECK(error_of({.method = "GET", .target = "/a\r\nX: y", .host = "h"}) == error::bad_target);
    CHECK(error_of({.method = "GET", .target = "/\xc3\xa9", .host = "h"}) == error::bad_target);
}

TEST_CASE("http1 serializer: header injection is impossible") {
    const h1::request_head head{.method = "GET", .target = "/", .host = "h"};
    CHECK(error_of(head, {{"X", "a\r\nInjected: 1"}}) == error::bad_field_value);
    CHECK(error_of(head, {{"X", "a\nb"}}) == error::bad_field_value);
    CHECK(error_of(head, {{"X", "a\rb"}}) == error::bad_field_value);
    CHECK(error_of(head, {{"X", std::string("a\0b", 3)}}) == error::bad_field_value);
    CHECK(error_of(head, {{"X", "a\x7f"}}) == error::bad_field_value);
    CHECK(error_of(head, {{"Bad Name", "v"}}) == error::bad_field_name);
    CHECK(error_of(head, {{"Bad:Name", "v"}}) == error::bad_field_name);
    CHECK(error_of(head, {{"", "v"}}) == error::bad_field_name);
    CHECK(error_of(head, {{"X\r\nY", "v"}}) == error::bad_field_name);
    // Tabs and obs-text are legal in values.
    CHECK(head_of(head, {{"X", "a\tb \xe9"}}) ==
          "GET / HTTP/1.1\r\nHost: h\r\nX: a\tb \xe9\r\n\r\n");
}

TEST_CASE("http1 serializer: any range of name/value elements, appending to the output") {
    const std::vector<named> views{{"A", "1"}, {"B", "2"}};
    std::string out = "prefix|";
    CHECK_FALSE(
        h1::write_request_head({.method = "DELETE", .target = "*", .host = "h"}, views, out));
    CHECK(out == "prefix|DELETE * HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n");
    const std::map<std::string, std::string> sorted{{"Z", "26"}, {"A", "1"}};
    out.clear();
    CHECK_FALSE(h1::write_request_head({.method = "GET", .target = "/", .host = "h"}, sorted, out));
    CHECK(out == "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nZ: 26\r\n\r\n");
}
