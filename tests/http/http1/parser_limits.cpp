// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Response parser limits (exact boundaries, over every split), error stickiness, reuse,
// streaming, and linear cost of incremental feeding.
#include <ltx/http/detail/http1/response_parser.hpp>

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ltx::test::http1;
using h1::error;

namespace {
run_options limits(std::size_t header_bytes, std::size_t count, std::uint64_t body) {
    return {.limits = {.max_header_bytes = header_bytes,
                       .max_header_count = count,
                       .max_body_bytes = body}};
}
constexpr auto big = std::uint64_t{1} << 40;
} // namespace

TEST_CASE("http1 limits: head bytes, exactly at the limit and one past it") {
    const std::string head = "HTTP/1.1 200 OK\r\nA: 12345\r\nContent-Length: 0\r\n\r\n";
    CHECK_FALSE(parse(head, limits(head.size(), 10, big)).ec);
    CHECK(parse(head, limits(head.size() - 1, 10, big)).ec == error::headers_too_large);
    // A head that never ends is refused once it passes the limit, not buffered.
    CHECK(parse("HTTP/1.1 200 OK\r\nA: " + std::string(100, 'x'), limits(64, 10, big)).ec ==
          error::headers_too_large);
    // Each interim head has its own budget.
    const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
    CHECK_FALSE(parse(interim + interim + head, limits(head.size(), 10, big)).ec);
}

TEST_CASE("http1 limits: field count") {
    const std::string head = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nContent-Length: 0\r\n\r\n";
    CHECK_FALSE(parse(head, limits(1024, 3, big)).ec);
    CHECK(parse(head, limits(1024, 2, big)).ec == error::too_many_headers);
    const std::string trailers = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "0\r\nA: 1\r\nB: 2\r\n\r\n";
    CHECK_FALSE(parse(trailers, limits(1024, 2, big)).ec);
    CHECK(parse(trailers, limits(1024, 1, big)).ec == error::too_many_headers);
}

TEST_CASE("http1 limits: chunk lines and trailer sections") {
    const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    REQUIRE(head.size() == 47);
    // Each chunk-size line has the whole budget: here 60 bytes.
    const std::string line = "3;ext=" + std::string(52, 'a') + "\r\n";
    CHECK_FALSE(parse(head + line + "abc\r\n" + line + "abc\r\n0\r\n\r\n", limits(60, 10, big)).ec);
    CHECK(parse(head + line + "abc\r\n0\r\n\r\n", limits(59, 10, big)).ec ==
          error::headers_too_large);
    // The trailer section after the last chunk shares one budget: here 15 + 15 + 20 + 2.
    const std::string trailers =
        "0\r\nA: 1234567890\r\nB: 1234567890\r\nC: 123456789012345\r\n\r\n";
    CHECK_FALSE(parse(head + trailers, limits(52, 10, big)).ec);
    CHECK(parse(head + trailers, limits(51, 10, big)).ec == error::headers_too_large);
}

TEST_CASE("http1 limits: body bytes, for each kind of body") {
    const auto lim = limits(1024, 10, 5);
    CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", lim).body == "hello");
    // Refused from the head alone, before any body byte arrives.
    CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n", lim).ec == error::body_too_large);
    const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    CHECK(parse(chunked + "2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n", lim).body == "abcde");
    CHECK(parse(chunked + "2\r\nab\r\n4\r\n", lim).ec == error::body_too_large);
    CHECK(parse(chunked + "ffffffffffffffff\r\n", limits(1024, 10, ~std::uint64_t{0})).ec ==
          std::error_code{});
    CHECK(parse("HTTP/1.1 200 OK\r\n\r\nhello", {.eof = true, .limits = lim.limits}).body ==
          "hello");
    CHECK(parse("HTTP/1.1 200 OK\r\n\r\nhello!", {.eof = true, .limits = lim.limits}).ec ==
          error::body_too_large);
    // A HEAD response announcing a large body reads none.
    CHECK_FALSE(parse("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n",
                      {.head_request = true, .limits = lim.limits})
                    .ec);
}

TEST_CASE("http1 parser: errors are sticky") {
    h1::response_parser p;
    std::error_code ec;
    const auto feed = [&](std::string_view s) { return p.feed(s.data(), s.size(), ec); };
    CHECK(feed("HTTP/1.1 20") == 11);
    CHECK(p.started());
    CHECK(feed("x OK\r\n") == 6);
    CHECK(ec == error::bad_status);
    CHECK_FALSE(p.done());
    CHECK(feed("\r\n") == 0);
    CHECK(ec == error::bad_status);
    p.finish_eof(ec);
    CHECK(ec == error::bad_status);
    CHECK_FALSE(p.keep_alive());
}

TEST_CASE("http1 parser: reset prepares for the next response, keeping limits and sink") {
    const std::size_t second_head = 38; // "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n"
    h1::response_parser p{{.max_header_bytes = second_head}};
    std::string streamed;
    p.on_body([&](std::string_view s) { streamed.append(s); });
    CHECK_FALSE(p.started());
    const std::string_view two = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab"
                                 "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ncde";
    std::error_code ec;
    const auto first = p.feed(two.data(), two.size(), ec);
    CHECK(first == two.size() / 2);
    CHECK(p.done());
    CHECK(streamed == "ab");
    p.set_head_request(true);
    p.reset();
    CHECK_FALSE(p.started());
    const auto second = two.substr(first);
    CHECK(p.feed(second.data(), second.size(), ec) == second.size());
    CHECK_FALSE(ec);
    CHECK(p.done());
    CHECK(streamed == "abcde"); // reset cleared the HEAD flag; the body was read
    // The limit survived the reset: one byte more of head is refused.
    p.reset();
    const std::string longer = "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n";
    REQUIRE(longer.size() == second_head + 1);
    p.feed(longer.data(), longer.size(), ec);
    CHECK(ec == error::headers_too_large);
}

TEST_CASE("http1 parser: feeding is linear, not rescanning earlier input") {
    // 2 MiB of one header value fed a byte at a time, then a 2 MiB body in 3-byte pieces:
    // quadratic rescanning would take hours here.
    const std::size_t n = 2 << 20;
    h1::response_parser p{{.max_header_bytes = 3 << 20}};
    std::uint64_t streamed = 0;
    p.on_body([&](std::string_view s) { streamed += s.size(); });
    std::error_code ec;
    const std::string head = "HTTP/1.1 200 OK\r\nBig: " + std::string(n, 'v') +
                             "\r\nContent-Length: " + std::to_string(n) + "\r\n\r\n";
    for (char c : head) {
        REQUIRE(p.feed(&c, 1, ec) == 1);
    }
    REQUIRE(p.header_done());
    REQUIRE(p.fields().size() == 2);
    CHECK(p.fields()[0].value.size() == n);
    const std::string body(n, 'b');
    for (std::size_t i = 0; i < n; i += 3) {
        p.feed(body.data() + i, std::min<std::size_t>(3, n - i), ec);
    }
    CHECK_FALSE(ec);
    CHECK(p.done());
    CHECK(streamed == n);
}
