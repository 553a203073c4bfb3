// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The example curl transport against a canned HTTP server on 127.0.0.1 (canned_server.hpp).
#include "curl_transport.hpp"

#include "canned_server.hpp"

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
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace http = ltx::http;
using http::transport_errc;
using namespace std::chrono_literals;
using ltx_test::canned_server;

namespace {

std::string reply(std::string_view status, std::string_view body, std::string_view extra = {}) {
    return "HTTP/1.1 " + std::string(status) +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + std::string(extra) +
           "\r\n" + std::string(body);
}

http::request get(const std::string& url) {
    http::request req;
    req.url = http::parse_url(url).value();
    req.timeout = 5s;
    return req;
}

// The value of the first header `name` (lower case) in a raw request, if any.
std::optional<std::string> header_of(const std::string& raw, std::string_view name) {
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

std::string body_of(const std::string& raw) {
    return raw.substr(raw.find("\r\n\r\n") + 4);
}

std::filesystem::path temp_file(std::string_view name, const std::string& contents) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("ltx-curl-" + std::to_string(::getpid()) + "-" + std::string(name));
    std::ofstream(path, std::ios::binary) << contents;
    return path;
}

} // namespace

TEST_CASE("curl_transport: GET sends the headers as given and returns the response") {
    canned_server server{{reply("200 OK", "hello", "X-Test: a\r\nX-Test: b\r\n")}};
    example::curl_transport t;
    auto req = get(server.url("/v1/x?q=1"));
    req.headers.add("Authorization", "Bearer secret");
    req.headers.add("X-Empty", "");
    std::error_code ec;
    const auto res = t.send(req, ec);
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

TEST_CASE("curl_transport: bodies from memory and from a file, on one kept-alive connection") {
    std::string big(300000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) {
        big[i] = static_cast<char>(i * 7 % 251);
    }
    const auto path = temp_file("upload.bin", big);
    canned_server server{{reply("200 OK", "{}"), reply("201 Created", "")}};
    example::curl_transport t;

    auto post = get(server.url("/videos/ltx-create"));
    post.method = http::method::post;
    post.headers.add("Content-Type", "application/json");
    post.body = std::string{R"({"prompt":"p"})"};
    std::error_code ec;
    CHECK(t.send(post, ec).status == 200);
    REQUIRE_FALSE(ec);

    auto put = get(server.url("/assets/"));
    put.method = http::method::put;
    put.body = http::file_body{path};
    const auto res = t.send(put, ec);
    REQUIRE_FALSE(ec);
    CHECK(res.status == 201);

    const auto& raw = server.requests();
    REQUIRE(raw.size() == 2); // the server accepts a single connection
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

TEST_CASE("curl_transport: statuses are responses; redirects are not followed") {
    canned_server server{{reply("302 Found", "moved", "Location: /elsewhere\r\n"),
                          reply("404 Not Found", R"({"error":"x"})")}};
    example::curl_transport t;
    std::error_code ec;
    const auto moved = t.send(get(server.url("/a")), ec);
    REQUIRE_FALSE(ec);
    CHECK(moved.status == 302);
    CHECK(moved.headers.find("location") == "/elsewhere");
    CHECK(moved.body == "moved");
    const auto missing = t.send(get(server.url("/b")), ec);
    REQUIRE_FALSE(ec);
    CHECK(missing.status == 404);
    CHECK_FALSE(missing.ok());
    CHECK(server.requests().size() == 2);
}

TEST_CASE("curl_transport: HEAD reads no body") {
    canned_server server{{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"}};
    example::curl_transport t;
    auto req = get(server.url("/h"));
    req.method = http::method::head;
    std::error_code ec;
    const auto res = t.send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(res.status == 200);
    CHECK(res.body.empty());
    CHECK(server.requests().at(0).starts_with("HEAD /h HTTP/1.1\r\n"));
}

TEST_CASE("curl_transport: a sink receives the body") {
    const std::string body(200000, 'z');
    canned_server server{{reply("200 OK", body, "X-Kind: video\r\n")}};
    example::curl_transport t;
    std::string received;
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
                CHECK(fields.find("x-kind") == "video");
                return std::error_code{};
            },
    };
    auto req = get(server.url("/file.mp4"));
    req.sink = &sink;
    std::error_code ec;
    const auto res = t.send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(res.status == 200);
    CHECK(res.body.empty());
    CHECK(head_calls == 1);
    CHECK(received == body);
}

TEST_CASE("curl_transport: a chunked body with trailers reaches the sink after one head") {
    canned_server server{{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "4\r\ndata\r\n3\r\nmor\r\n0\r\nX-Trailer: t\r\n\r\n"}};
    example::curl_transport t;
    std::string received;
    int head_calls = 0;
    http::body_sink sink{
        .on_chunk =
            [&](std::string_view chunk) {
                received += chunk;
                return std::error_code{};
            },
        .on_headers =
            [&](int, const http::headers&) {
                ++head_calls;
                return std::error_code{};
            },
    };
    auto req = get(server.url("/chunked"));
    req.sink = &sink;
    std::error_code ec;
    const auto res = t.send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(head_calls == 1);
    CHECK(received == "datamor");
    CHECK(res.headers.find("x-trailer") == "t"); // trailers follow the header fields
}

TEST_CASE("curl_transport: a sink can abort, or throw") {
    canned_server server{{reply("500 Internal Server Error", "oops"), reply("200 OK", "data")}};
    example::curl_transport t;
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
    const auto res = t.send(req, ec);
    CHECK(ec == std::errc::operation_not_permitted);
    CHECK(res.status == 0);

    http::body_sink throwing{
        .on_chunk = [](std::string_view) -> std::error_code { throw std::runtime_error("disk"); },
        .on_headers = {},
    };
    example::curl_transport t2; // the first connection was dropped by the abort
    canned_server server2{{reply("200 OK", "data")}};
    auto req2 = get(server2.url("/2"));
    req2.sink = &throwing;
    CHECK_THROWS_AS(t2.send(req2, ec), std::runtime_error);
}

TEST_CASE("curl_transport: an in-memory body over the limit fails") {
    canned_server server{{reply("200 OK", std::string(100, 'x'))}};
    example::curl_transport t{{.default_timeout = 5s, .max_body_size = 10}};
    std::error_code ec;
    const auto res = t.send(get(server.url("/")), ec);
    CHECK(ec == transport_errc::body_too_large);
    CHECK(res.body.empty());
}

TEST_CASE("curl_transport: a malformed response header is a protocol error") {
    canned_server server{{"HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n"}};
    example::curl_transport t;
    std::error_code ec;
    t.send(get(server.url("/")), ec);
    CHECK(ec == transport_errc::protocol_error);
}

TEST_CASE("curl_transport: refused connection means nothing was sent") {
    // A port the OS handed out, then closed: nobody listens there.
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
    example::curl_transport t;
    auto req = get("http://127.0.0.1:" + std::to_string(port) + "/");
    req.method = http::method::post;
    req.body = std::string{"{}"};
    std::error_code ec;
    const auto res = t.send(req, ec);
    CHECK(ec == transport_errc::connection_failed);
    CHECK(http::request_not_sent(ec));
    CHECK(res.status == 0);
}

TEST_CASE("curl_transport: a silent server times out, and the request counts as sent") {
    canned_server server{{""}};
    example::curl_transport t;
    auto req = get(server.url("/slow"));
    req.timeout = 300ms;
    std::error_code ec;
    t.send(req, ec);
    CHECK(ec == transport_errc::timeout);
    CHECK(ec == std::errc::timed_out);
    CHECK_FALSE(http::request_not_sent(ec));
}

TEST_CASE("curl_transport: file bodies that cannot be sent in full") {
    const auto path = temp_file("short.bin", "0123456789");
    canned_server server{{reply("200 OK", "")}};
    example::curl_transport t;
    auto req = get(server.url("/assets/"));
    req.method = http::method::post;
    req.body = http::file_body{path, 1000}; // announced bigger than it is
    std::error_code ec;
    t.send(req, ec);
    CHECK(ec == transport_errc::protocol_error);
    server.requests();

    req.body = http::file_body{path.string() + ".missing", 10};
    t.send(req, ec);
    CHECK(ec == std::errc::no_such_file_or_directory);
    std::filesystem::remove(path);
}
