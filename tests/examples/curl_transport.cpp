// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The example curl transport against a canned HTTP server on 127.0.0.1 (canned_server.hpp).
#include "curl_transport.hpp"

#include "canned_server.hpp"
#include "http/transport_conformance.hpp"

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

using ltx_test::conformance::get;
using ltx_test::conformance::reply;
using ltx_test::conformance::temp_file;

struct curl_factory {
    example::curl_transport t;
    example::curl_transport& transport() { return t; }
};

} // namespace

TYPE_TO_STRING(curl_factory);
LTX_TRANSPORT_CONFORMANCE(curl_factory)

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

TEST_CASE("curl_transport: a sink that throws lets the exception through") {
    // (A sink's error code is part of the contract: tests/http/transport_conformance.hpp.)
    http::body_sink throwing{
        .on_chunk = [](std::string_view) -> std::error_code { throw std::runtime_error("disk"); },
        .on_headers = {},
    };
    example::curl_transport t;
    canned_server server{{reply("200 OK", "data")}};
    auto req = get(server.url("/2"));
    req.sink = &throwing;
    std::error_code ec;
    CHECK_THROWS_AS(t.send(req, ec), std::runtime_error);
}

TEST_CASE("curl_transport: an in-memory body over the limit fails") {
    canned_server server{{reply("200 OK", std::string(100, 'x'))}};
    example::curl_transport t{{.default_timeout = 5s, .max_body_size = 10}};
    std::error_code ec;
    const auto res = t.send(get(server.url("/")), ec);
    CHECK(ec == transport_errc::body_too_large);
    CHECK(res.body.empty());
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
