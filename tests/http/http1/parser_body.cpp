// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Response bodies: Content-Length, chunked (extensions, trailers), close-delimited, and
// every rejection of a malformed framing. Each input runs through every split.
#include <ltx/http/detail/http1/response_parser.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace ltx::test::http1;
using h1::error;

namespace {
std::string with_head(std::string_view fields, std::string_view rest) {
    return "HTTP/1.1 200 OK\r\n" + std::string(fields) + "\r\n" + std::string(rest);
}
std::string chunked(std::string_view body) {
    return with_head("Transfer-Encoding: chunked\r\n", body);
}
} // namespace

TEST_CASE("http1 body: Content-Length delimits the body, what follows is left") {
    const auto o = parse(with_head("Content-Length: 2\r\n", "okHTTP/1.1 200 OK\r\n"));
    CHECK(o.done);
    CHECK(o.body == "ok");
    CHECK(o.consumed == 40);
    CHECK(parse(with_head("Content-Length: 0\r\n", "")).done);
    CHECK(parse(with_head("Content-Length: 2\r\nContent-Length: 2\r\n", "ok")).body == "ok");
    CHECK(parse(with_head("Content-Length: 2 ,2,\t2\r\n", "ok")).body == "ok");
    CHECK(parse(with_head("Content-Length: 002\r\n", "ok")).body == "ok");
}

TEST_CASE("http1 body: bad and conflicting Content-Length are rejected") {
    const auto err = [](std::string_view fields) { return parse_error(with_head(fields, "ok")); };
    CHECK(err("Content-Length: 2\r\nContent-Length: 3\r\n") == error::multiple_content_length);
    CHECK(err("Content-Length: 2, 3\r\n") == error::multiple_content_length);
    CHECK(err("Content-Length: \r\n") == error::bad_content_length);
    CHECK(err("Content-Length: 2,\r\n") == error::bad_content_length);
    CHECK(err("Content-Length: 2,,2\r\n") == error::bad_content_length);
    CHECK(err("Content-Length: +2\r\n") == error::bad_content_length);
    CHECK(err("Content-Length: -1\r\n") == error::bad_content_length);
    CHECK(err("Content-Length: 0x2\r\n") == error::bad_content_length);
    CHECK(err("Content-Length: 2 2\r\n") == error::bad_content_length);
    CHECK(err("Content-Length: 18446744073709551616\r\n") == error::bad_content_length);
    // The largest length parses; the body is then simply incomplete.
    CHECK(parse(with_head("Content-Length: 18446744073709551615\r\n", "ok"), {.eof = true}).ec ==
          error::partial_message);
}

TEST_CASE("http1 body: Transfer-Encoding other than one chunked is rejected") {
    const auto err = [](std::string_view fields) {
        return parse_error(with_head(fields, "0\r\n\r\n"));
    };
    CHECK(err("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n") ==
          error::content_length_with_chunked);
    CHECK(err("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") ==
          error::content_length_with_chunked);
    CHECK(err("Transfer-Encoding: gzip\r\n") == error::bad_transfer_encoding);
    CHECK(err("Transfer-Encoding: gzip, chunked\r\n") == error::bad_transfer_encoding);
    CHECK(err("Transfer-Encoding: chunked, chunked\r\n") == error::bad_transfer_encoding);
    CHECK(err("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n") ==
          error::bad_transfer_encoding);
    CHECK(err("Transfer-Encoding: \tChunked \r\n") == std::error_code{});
}

TEST_CASE("http1 body: chunked coding") {
    const auto in = chunked("5\r\nhello\r\n6\r\n world\r\nA\r\n0123456789\r\n0\r\n\r\nrest");
    const auto o = parse(in);
    CHECK_FALSE(o.ec);
    CHECK(o.done);
    CHECK(o.body == "hello world0123456789");
    CHECK(o.keep_alive);
    CHECK(o.consumed == in.size() - 4);
    CHECK(parse(chunked("00000000000000000003\r\nabc\r\n000\r\n\r\n")).body == "abc");
    CHECK(parse(chunked("a\r\n0123456789\r\n0\r\n\r\n")).body == "0123456789");
}

TEST_CASE("http1 body: chunk extensions are checked and ignored") {
    const auto body = [](std::string_view size_line) {
        return parse(chunked(std::string(size_line) + "\r\nabc\r\n0;last\r\n\r\n"));
    };
    CHECK(body("3;name").body == "abc");
    CHECK(body("3;a=b;c").body == "abc");
    CHECK(body("3 ; a = b ;c=\"q \\\" \\\\ \xe9\"").body == "abc");
    CHECK(body("3;a=\"\"").body == "abc");
    CHECK(body("3 ").ec == error::bad_chunk_extension);
    CHECK(body("3;").ec == error::bad_chunk_extension);
    CHECK(body("3;a ").ec == error::bad_chunk_extension);
    CHECK(body("3;a=").ec == error::bad_chunk_extension);
    CHECK(body("3;a=b c").ec == error::bad_chunk_extension);
    CHECK(body("3;a=\"open").ec == error::bad_chunk_extension);
    CHECK(body("3;a=\"x\\").ec == error::bad_chunk_extension);
    CHECK(body("3;a=\"\x01\"").ec == error::bad_chunk_extension);
    CHECK(body("3;a=\"x\"y").ec == error::bad_chunk_extension);
    CHECK(body("3;a@b").ec == error::bad_chunk_extension);
}

TEST_CASE("http1 body: invalid chunk sizes and framing are rejected") {
    CHECK(parse_error(chunked("x\r\n")) == error::bad_chunk_size);
    CHECK(parse_error(chunked("\r\n")) == error::bad_chunk_size);
    CHECK(parse_error(chunked("0x3\r\nabc\r\n0\r\n\r\n")) == error::bad_chunk_size);
    CHECK(parse_error(chunked("-3\r\n")) == error::bad_chunk_size);
    CHECK(parse_error(chunked("10000000000000000\r\n")) == error::chunk_size_overflow);
    CHECK(parse_error(chunked("3\r\nabcX\r\n0\r\n\r\n")) == error::bad_chunk);
    CHECK(parse_error(chunked("3\r\nabc\rX0\r\n\r\n")) == error::bad_chunk);
    CHECK(parse_error(chunked("3\r\nabc\n0\r\n\r\n")) == error::bad_chunk);
    CHECK(parse_error(chunked("3\nabc\r\n0\r\n\r\n")) == error::bad_line_ending);
    CHECK(parse_error(chunked("0\r\n\n")) == error::bad_line_ending);
    // The largest size parses; only the body limit or the data then stop it.
    CHECK(parse(chunked("ffffffffffffffff\r\nab"), {.eof = true}).ec == error::partial_message);
}

TEST_CASE("http1 body: trailers are checked and read past, not added to the fields") {
    const auto in = chunked("3\r\nabc\r\n0\r\nX-Checksum: 12\r\nx-b: \t2 \r\n\r\nnext");
    const auto o = parse(in);
    CHECK(o.done);
    CHECK(o.consumed == in.size() - 4);
    CHECK(o.body == "abc");
    CHECK(o.fields == fields({{"Transfer-Encoding", "chunked"}}));
    CHECK(o.keep_alive);
    CHECK_FALSE(parse(chunked("0\r\nConnection: close\r\n\r\n")).keep_alive);
    CHECK(parse_error(chunked("0\r\nContent-Length: 3\r\n\r\n")) == error::bad_trailer);
    CHECK(parse_error(chunked("0\r\nTransfer-Encoding: chunked\r\n\r\n")) == error::bad_trailer);
    CHECK(parse_error(chunked("0\r\nConnection: a b\r\n\r\n")) == error::bad_connection);
    CHECK(parse_error(chunked("0\r\nA: b\r\n c\r\n\r\n")) == error::obs_fold);
    CHECK(parse_error(chunked("0\r\nA b: c\r\n\r\n")) == error::bad_field_name);
}

TEST_CASE("http1 body: a body without framing lasts until the connection closes") {
    const auto o = parse("HTTP/1.1 200 OK\r\nX: y\r\n\r\nsome\r\nbytes", {.eof = true});
    CHECK_FALSE(o.ec);
    CHECK(o.done);
    CHECK(o.body == "some\r\nbytes");
    CHECK_FALSE(o.keep_alive);
    CHECK(parse("HTTP/1.0 200 OK\r\n\r\n", {.eof = true}).body.empty());
    const auto open = parse("HTTP/1.1 200 OK\r\n\r\nabc");
    CHECK_FALSE(open.ec);
    CHECK_FALSE(open.done);
}

TEST_CASE("http1 body: the connection closing early is a partial message") {
    const run_options eof{.eof = true};
    CHECK(parse("", eof).ec == error::partial_message);
    CHECK(parse("HTTP/1.1 200 OK\r\n", eof).ec == error::partial_message);
    CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab", eof).ec ==
          error::partial_message);
    CHECK(parse(chunked("3\r\nabc\r\n"), eof).ec == error::partial_message);
    CHECK(parse(chunked("3\r\nabc\r\n0\r\n"), eof).ec == error::partial_message);
    CHECK(parse(chunked("3\r\nabc\r\n0\r\nA: b\r\n"), eof).ec == error::partial_message);
}
