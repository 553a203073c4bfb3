// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The contract of include/ltx/http/transport.hpp, checked for any `ltx::sync_transport`
// against a canned HTTP/1.1 server on 127.0.0.1. A test file instantiates it with
// `LTX_TRANSPORT_CONFORMANCE(Factory)`, where a default-constructed `Factory` has
// `transport()` returning the transport under test (a new one per test case).
#ifndef LTX_TESTS_HTTP_TRANSPORT_CONFORMANCE_HPP
#define LTX_TESTS_HTTP_TRANSPORT_CONFORMANCE_HPP

#include <ltx/http/body.hpp>
#include <ltx/http/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/transport.hpp>
#include <ltx/http/url.hpp>

#include "examples/canned_server.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace ltx_test::conformance {

namespace http = ltx::http;
using namespace std::chrono_literals;

inline std::string reply(std::string_view status, std::string_view body,
                         std::string_view extra = {}) {
    return "HTTP/1.1 " + std::string(status) +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + std::string(extra) +
           "\r\n" + std::string(body);
}

inline http::request get(const std::string& url) {
    http::request req;
    req.url = http::parse_url(url).value();
    req.timeout = 5s;
    return req;
}

// The value of the first header `name` (lower case) in a raw request, if any.
inline std::optional<std::string> header_of(const std::string& raw, std::string_view name) {
    std::string lower = raw.substr(0, raw.find("\r\n\r\n") + 2);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = lower.find("\r\n" + std::string(name) + ":");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    const auto start = raw.find_first_not_of(' ', at + name.size() + 3);
    return raw.substr(start, raw.find("\r\n", start) - start);
}

inline std::string body_of(const std::string& raw) {
    return raw.substr(raw.find("\r\n\r\n") + 4);
}

inline std::filesystem::path temp_file(std::string_view name, const std::string& contents) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("ltx-conformance-" + std::to_string(::getpid()) + "-" + std::string(name));
    std::ofstream(path, std::ios::binary) << contents;
    return path;
}

// A loopback port the OS handed out, then closed: nobody listens there.
inline int closed_port() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), len) == 0);
    REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const int port = ntohs(addr.sin_port);
    ::close(s);
    return port;
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: sends exactly the request given", F, exact) {
    static_assert(ltx::sync_transport<std::remove_reference_t<decltype(F{}.transport())>>);
    canned_server server{{reply("200 OK", "hello", "X-Test: a\r\nX-Test: b\r\n")}};
    F f;
    auto req = get(server.url("/v1/x?q=1"));
    req.headers.add("Authorization", "Bearer secret");
    req.headers.add("X-Empty", "");
    std::error_code ec;
    const auto res = f.transport().send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(res.status == 200);
    CHECK(res.body == "hello");
    CHECK(res.headers.find_all("x-test") == std::vector<std::string_view>{"a", "b"});
    CHECK(res.headers.find("Content-Length") == "5");

    const auto& raw = server.requests().at(0);
    CHECK(raw.starts_with("GET /v1/x?q=1 HTTP/1.1\r\n"));
    CHECK(header_of(raw, "host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(header_of(raw, "authorization") == "Bearer secret");
    CHECK(header_of(raw, "x-empty") == "");
    CHECK_FALSE(header_of(raw, "accept").has_value());
    CHECK_FALSE(header_of(raw, "content-length").has_value());
    CHECK_FALSE(header_of(raw, "user-agent").has_value());
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: bodies from memory and from a file, whole", F,
                          bodies) {
    std::string big(300000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) {
        big[i] = static_cast<char>(i * 7 % 251);
    }
    const auto path = temp_file("upload.bin", big);
    canned_server server{{reply("200 OK", "{}"), reply("201 Created", "")}};
    F f;
    auto post = get(server.url("/videos/ltx-create"));
    post.method = http::method::post;
    post.headers.add("Content-Type", "application/json");
    post.body = std::string{R"({"prompt":"p"})"};
    std::error_code ec;
    CHECK(f.transport().send(post, ec).status == 200);
    REQUIRE_FALSE(ec);

    auto put = get(server.url("/assets/"));
    put.method = http::method::put;
    put.body = http::file_body{path};
    const auto res = f.transport().send(put, ec);
    REQUIRE_FALSE(ec);
    CHECK(res.status == 201);

    const auto& raw = server.requests();
    REQUIRE(raw.size() == 2); // one kept-alive connection: the server accepts no second one
    CHECK(raw[0].starts_with("POST /videos/ltx-create HTTP/1.1\r\n"));
    CHECK(header_of(raw[0], "content-type") == "application/json");
    CHECK(header_of(raw[0], "content-length") == "14");
    CHECK(body_of(raw[0]) == R"({"prompt":"p"})");
    CHECK(raw[1].starts_with("PUT /assets/ HTTP/1.1\r\n"));
    CHECK_FALSE(header_of(raw[1], "content-type").has_value()); // none invented
    CHECK_FALSE(header_of(raw[1], "expect").has_value());
    CHECK(header_of(raw[1], "content-length") == std::to_string(big.size()));
    CHECK(body_of(raw[1]) == big);
    std::filesystem::remove(path);
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: statuses are responses, no redirect followed", F,
                          statuses) {
    canned_server server{{reply("302 Found", "moved", "Location: /elsewhere\r\n"),
                          reply("404 Not Found", R"({"error":"x"})"),
                          reply("429 Too Many Requests", "", "Retry-After: 7\r\n")}};
    F f;
    std::error_code ec;
    const auto moved = f.transport().send(get(server.url("/a")), ec);
    REQUIRE_FALSE(ec);
    CHECK(moved.status == 302);
    CHECK(moved.headers.find("location") == "/elsewhere");
    CHECK(moved.body == "moved");
    const auto missing = f.transport().send(get(server.url("/b")), ec);
    REQUIRE_FALSE(ec);
    CHECK(missing.status == 404);
    CHECK_FALSE(missing.ok());
    const auto busy = f.transport().send(get(server.url("/c")), ec);
    REQUIRE_FALSE(ec);
    CHECK(busy.status == 429);
    CHECK(busy.headers.find("retry-after") == "7");
    CHECK(server.requests().size() == 3);
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: HEAD reads no body", F, head) {
    canned_server server{{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"}};
    F f;
    auto req = get(server.url("/h"));
    req.method = http::method::head;
    std::error_code ec;
    const auto res = f.transport().send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(res.status == 200);
    CHECK(res.body.empty());
    CHECK(server.requests().at(0).starts_with("HEAD /h HTTP/1.1\r\n"));
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: a sink receives the body after one head", F, sink) {
    const std::string body(200000, 'z');
    canned_server server{{reply("200 OK", body, "X-Kind: video\r\n"),
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "4\r\ndata\r\n3\r\nmor\r\n0\r\n\r\n"}};
    F f;
    std::string received;
    std::optional<std::string> kind;
    int head_calls = 0;
    http::body_sink sink{
        .on_chunk =
            [&](std::string_view chunk) {
                CHECK(head_calls == 1);
                received += chunk;
                return std::error_code{};
            },
        .on_headers =
            [&](int status, const http::headers& fields) {
                ++head_calls;
                CHECK(status == 200);
                if (const auto k = fields.find("x-kind"))
                    kind = std::string{*k};
                return std::error_code{};
            },
    };
    auto req = get(server.url("/file.mp4"));
    req.sink = &sink;
    std::error_code ec;
    const auto res = f.transport().send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(res.status == 200);
    CHECK(res.body.empty());
    CHECK(head_calls == 1);
    CHECK(received == body);
    CHECK(kind == "video");

    received.clear();
    head_calls = 0;
    const auto chunked = f.transport().send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(chunked.body.empty());
    CHECK(head_calls == 1);
    CHECK(received == "datamor");
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: a sink's error ends the exchange with it", F,
                          sink_error) {
    canned_server server{{reply("500 Internal Server Error", "oops")}};
    F f;
    http::body_sink refuse{
        .on_chunk = [](std::string_view) { return std::error_code{}; },
        .on_headers =
            [](int status, const http::headers&) {
                return status == 200 ? std::error_code{}
                                     : std::make_error_code(std::errc::operation_not_permitted);
            },
    };
    auto req = get(server.url("/1"));
    req.sink = &refuse;
    std::error_code ec;
    const auto res = f.transport().send(req, ec);
    CHECK(ec == std::errc::operation_not_permitted);
    CHECK(res.status == 0); // default-constructed on error
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: connection_failed only when nothing was sent", F,
                          refused) {
    F f;
    auto req = get("http://127.0.0.1:" + std::to_string(closed_port()) + "/");
    req.method = http::method::post;
    req.body = std::string{"{}"};
    std::error_code ec;
    const auto res = f.transport().send(req, ec);
    CHECK(ec == http::transport_errc::connection_failed);
    CHECK(http::request_not_sent(ec));
    CHECK(res.status == 0);
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: request::timeout bounds the exchange", F, timeout) {
    canned_server server{{""}};
    F f;
    auto req = get(server.url("/slow"));
    req.timeout = 300ms;
    std::error_code ec;
    const auto start = std::chrono::steady_clock::now();
    const auto res = f.transport().send(req, ec);
    CHECK(ec == http::transport_errc::timeout);
    CHECK(ec == std::errc::timed_out);
    CHECK_FALSE(http::request_not_sent(ec)); // the request was written
    CHECK(res.status == 0);
    CHECK(std::chrono::steady_clock::now() - start < 4s);
}

TEST_CASE_TEMPLATE_DEFINE("transport contract: a malformed response head is a protocol error", F,
                          malformed) {
    canned_server server{{"HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n"}};
    F f;
    std::error_code ec;
    const auto res = f.transport().send(get(server.url("/")), ec);
    CHECK(ec == http::transport_errc::protocol_error);
    CHECK(res.status == 0);
}

} // namespace ltx_test::conformance

/// Runs the whole contract over the transport `Factory{}.transport()` gives.
#define LTX_TRANSPORT_CONFORMANCE(Factory)                                                         \
    namespace ltx_test::conformance {                                                              \
    TEST_CASE_TEMPLATE_INVOKE(exact, Factory);                                                     \
    TEST_CASE_TEMPLATE_INVOKE(bodies, Factory);                                                    \
    TEST_CASE_TEMPLATE_INVOKE(statuses, Factory);                                                  \
    TEST_CASE_TEMPLATE_INVOKE(head, Factory);                                                      \
    TEST_CASE_TEMPLATE_INVOKE(sink, Factory);                                                      \
    TEST_CASE_TEMPLATE_INVOKE(sink_error, Factory);                                                \
    TEST_CASE_TEMPLATE_INVOKE(refused, Factory);                                                   \
    TEST_CASE_TEMPLATE_INVOKE(timeout, Factory);                                                   \
    TEST_CASE_TEMPLATE_INVOKE(malformed, Factory);                                                 \
    }

#endif
