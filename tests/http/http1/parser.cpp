// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Response heads: status line, fields, keep-alive, interim responses, bodiless responses,
// and every rejection of a malformed head. Each input runs through every split.
#include <ltx/http/detail/http1/response_parser.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace ltx::test::http1;
using h1::error;

TEST_CASE("http1 parser: a simple response with a Content-Length body") {
    const auto o = parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                         "\r\nhello");
    CHECK_FALSE(o.ec);
    CHECK(o.done);
    CHECK(o.status == 200);
    CHECK(o.fields == fields({{"Content-Type", "text/plain"}, {"Content-Length", "5"}}));
    CHECK(o.body == "hello");
    CHECK(o.keep_alive);
    CHECK(o.consumed == 69);
}

TEST_CASE("http1 parser: field names keep their case and duplicates, values are trimmed") {
    const std::string_view in = "HTTP/1.1 204 No Content\r\nX-Request-ID: \t abc def \t\r\n"
                                "set-cookie: a=1\r\nSet-Cookie: b=2\r\nEmpty:\r\n\r\n";
    const auto o = parse(in);
    REQUIRE_FALSE(o.ec);
    CHECK(o.done);
    CHECK(o.consumed == in.size());
    CHECK(o.fields == fields({{"X-Request-ID", "abc def"},
                              {"set-cookie", "a=1"},
                              {"Set-Cookie", "b=2"},
                              {"Empty", ""}}));
}

TEST_CASE("http1 parser: reason phrases may be empty or hold obs-text") {
    const auto empty = parse("HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n");
    CHECK_FALSE(empty.ec);
    CHECK(empty.status == 404);
    const auto obs_text = parse("HTTP/1.1 200 Tr\xe8s bien\t!\r\nContent-Length: 0\r\n\r\n");
    CHECK_FALSE(obs_text.ec);
    CHECK(obs_text.status == 200);
}

TEST_CASE("http1 parser: keep-alive decision") {
    const auto ka = [](std::string_view head) { return parse(head).keep_alive; };
    CHECK(ka("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    CHECK_FALSE(ka("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
    CHECK_FALSE(ka("HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n"));
    CHECK_FALSE(ka("HTTP/1.1 200 OK\r\nProxy-Connection: close\r\nContent-Length: 0\r\n\r\n"));
    CHECK_FALSE(ka("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"));
    CHECK(ka("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"));
    CHECK_FALSE(
        ka("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n"));
    CHECK_FALSE(ka("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n"
                   "\r\n0\r\n\r\n"));
    // A body delimited by the close cannot be followed by another response.
    const auto o = parse("HTTP/1.1 200 OK\r\n\r\nabc", {.eof = true});
    CHECK(o.done);
    CHECK_FALSE(o.keep_alive);
}

TEST_CASE("http1 parser: interim 1xx responses are skipped") {
    const std::string_view in = "HTTP/1.1 100 Continue\r\n\r\n"
                                "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                                "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
    const auto o = parse(in);
    CHECK_FALSE(o.ec);
    CHECK(o.done);
    CHECK(o.consumed == in.size());
    CHECK(o.status == 201);
    // The interim heads' fields are dropped with them.
    CHECK(o.fields == fields({{"Content-Length", "2"}}));
    CHECK(o.body == "ok");
    // Only interim heads seen: the response is not complete yet.
    const auto partial = parse("HTTP/1.1 100 Continue\r\n\r\n", {.eof = true});
    CHECK(partial.ec == error::partial_message);
}

TEST_CASE("http1 parser: 101 is final, without body, and ends HTTP on the connection") {
    const auto o = parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\nrest");
    CHECK(o.done);
    CHECK(o.status == 101);
    CHECK(o.consumed == 48);
    CHECK_FALSE(o.keep_alive);
}

TEST_CASE("http1 parser: HEAD, 204 and 304 responses have no body") {
    const auto head =
        parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nnext", {.head_request = true});
    CHECK(head.done);
    CHECK(head.body.empty());
    CHECK(head.consumed == 39);
    CHECK(head.keep_alive);
    const auto chunked_head =
        parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", {.head_request = true});
    CHECK(chunked_head.done);
    for (const char* status : {"204 No Content", "304 Not Modified"}) {
        CAPTURE(status);
        const auto o =
            parse(std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 3\r\n\r\nabc");
        CHECK(o.done);
        CHECK(o.body.empty());
        CHECK(o.keep_alive);
    }
}

TEST_CASE("http1 parser: malformed status lines are rejected") {
    CHECK(parse_error("HTTP/2.0 200 OK\r\n\r\n") == error::bad_version);
    CHECK(parse_error("HTTP/1.2 200 OK\r\n\r\n") == error::bad_version);
    CHECK(parse_error("http/1.1 200 OK\r\n\r\n") == error::bad_version);
    CHECK(parse_error("HTTP/1.1\r\n\r\n") == error::bad_version);
    CHECK(parse_error("\r\nHTTP/1.1 200 OK\r\n\r\n") == error::bad_version);
    CHECK(parse_error("HTTP/1.1 2x0 OK\r\n\r\n") == error::bad_status);
    CHECK(parse_error("HTTP/1.1 20 OK\r\n\r\n") == error::bad_status);
    CHECK(parse_error("HTTP/1.1 200\r\n\r\n") == error::bad_status);
    CHECK(parse_error("HTTP/1.1  200 OK\r\n\r\n") == error::bad_status);
    CHECK(parse_error("HTTP/1.1 099 Low\r\n\r\n") == error::bad_status);
    CHECK(parse_error("HTTP/1.1 600 High\r\n\r\n") == error::bad_status);
    CHECK(parse_error("HTTP/1.1 200 O\x01K\r\n\r\n") == error::bad_reason);
    CHECK(parse_error("HTTP/1.1 200 O\x7fK\r\n\r\n") == error::bad_reason);
}

TEST_CASE("http1 parser: line endings must be CRLF") {
    // Deliberate: a bare LF never ends a line, in the status line, fields or chunks.
    CHECK(parse_error("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n") == error::bad_line_ending);
    CHECK(parse_error("HTTP/1.1 200 OK\r\nContent-Length: 0\n\r\n") == error::bad_line_ending);
    CHECK(parse_error("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n") == error::bad_line_ending);
    CHECK(parse_error("HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n") == error::bad_line_ending);
    CHECK(parse_error("HTTP/1.1 200 O\rK\r\n\r\n") == error::bad_line_ending);
}

TEST_CASE("http1 parser: malformed fields are rejected") {
    const auto err = [](std::string_view field) {
        return parse_error(std::string("HTTP/1.1 200 OK\r\n") + std::string(field) +
                           "\r\nContent-Length: 0\r\n\r\n");
    };
    CHECK(err("Bad Name: x") == error::bad_field_name);
    CHECK(err("Bad\"Name: x") == error::bad_field_name);
    CHECK(err("Name : x") == error::bad_field_name);
    CHECK(err(": x") == error::bad_field_name);
    CHECK(err("NoColon") == error::bad_field_name);
    CHECK(err(std::string_view("A: x\0y", 6)) == error::bad_field_value);
    CHECK(err("A: x\x7fy") == error::bad_field_value);
    CHECK(err("A: x\x1by") == error::bad_field_value);
    CHECK(err("Connection: keep alive") == error::bad_connection);
    CHECK(err("Proxy-Connection: a/b") == error::bad_connection);
    CHECK(err("Connection: , close,,") == std::error_code{});
}

TEST_CASE("http1 parser: obsolete line folding is rejected") {
    CHECK(parse_error("HTTP/1.1 200 OK\r\nA: b\r\n c\r\nContent-Length: 0\r\n\r\n") ==
          error::obs_fold);
    CHECK(parse_error("HTTP/1.1 200 OK\r\nA: b\r\n\tc\r\n\r\n") == error::obs_fold);
    CHECK(parse_error("HTTP/1.1 200 OK\r\n A: b\r\n\r\n") == error::obs_fold);
    // The fold is the fault even where the first line alone would be a bad framing field.
    CHECK(parse_error("HTTP/1.1 200 OK\r\nContent-Length:\r\n 5\r\n\r\nhello") == error::obs_fold);
    CHECK(parse_error("HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\t5\r\n\r\nhello") ==
          error::obs_fold);
    CHECK(parse_error("HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\nhello") ==
          error::bad_content_length);
}

TEST_CASE("http1 parser: error values have a category and messages") {
    const std::error_code ec = error::obs_fold;
    CHECK(std::string(ec.category().name()) == "ltx.http1");
    CHECK(ec.message() == "obsolete line folding in header");
    CHECK(std::error_code(error::headers_too_large) != std::error_code(error::body_too_large));
    for (int e = static_cast<int>(error::bad_method); e <= static_cast<int>(error::partial_message);
         ++e) {
        CHECK(std::error_code(static_cast<error>(e)).message().find("unknown") ==
              std::string::npos);
    }
}
