// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx::asio::transport against a real server on loopback: framing, keep-alive, bodies.
#include <ltx/asio/transport.hpp>

#include "asio/transport_support.hpp"
#include "asio_servers/certs.hpp"
#include "asio_servers/test_server.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace {

using ltx::test::make_request;

std::string header(const ltx_test::received_request& r, std::string_view name) {
    for (const auto& [n, v] : r.headers) {
        if (ltx::http::iequals(n, name)) {
            return v;
        }
    }
    return "<absent>";
}

} // namespace

TEST_CASE("asio transport: models the transport concepts") {
    static_assert(ltx::sync_transport<ltx::asio::transport>);
    static_assert(ltx::async_transport<ltx::asio::transport>);
    LTX_ASSERT_SYNC_TRANSPORT(ltx::asio::transport);
    LTX_ASSERT_ASYNC_TRANSPORT(ltx::asio::transport);
}

TEST_CASE("asio transport: keep-alive reuses one connection for sequential requests") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    for (int i = 0; i < 3; ++i) {
        std::error_code ec;
        const auto r = t.send(make_request(server.url("/json")), ec);
        REQUIRE_FALSE(ec);
        CHECK(r.status == 200);
        CHECK(r.body == R"({"ok":true})");
        CHECK(r.headers.find("Content-Type") == "application/json");
    }
    CHECK(server.connections() == 1);
    CHECK(t.stats().connections_opened == 1);
    CHECK(t.stats().connections_reused == 2);
}

TEST_CASE("asio transport: chunked body with trailer, then the connection is reused") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    const auto r = t.send(make_request(server.url("/chunked")));
    CHECK(r.status == 200);
    CHECK(r.body == "Hello, chunked world");
    CHECK(t.send(make_request(server.url("/json"))).status == 200);
    CHECK(server.connections() == 1);
}

TEST_CASE("asio transport: close-delimited body, the next request opens a new connection") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    const auto r = t.send(make_request(server.url("/close")));
    CHECK(r.status == 200);
    CHECK(r.body == "close-delimited body");
    CHECK(t.send(make_request(server.url("/json"))).status == 200);
    CHECK(server.connections() == 2);
}

TEST_CASE("asio transport: a response delivered byte by byte") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    const auto r = t.send(make_request(server.url("/bytewise")));
    CHECK(r.status == 200);
    CHECK(r.body == R"({"bytewise":true})");
}

TEST_CASE("asio transport: Connection: close from the server is honoured") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    CHECK(t.send(make_request(server.url("/connection-close"))).body == "bye");
    CHECK(t.send(make_request(server.url("/json"))).status == 200);
    CHECK(server.connections() == 2);
}

TEST_CASE("asio transport: sends exactly the request, adding only Host and Content-Length") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    auto req = make_request(server.url("/echo?a=1&b=%20"), ltx::http::method::post);
    req.headers.add("Authorization", "Bearer secret");
    req.headers.add("Content-Type", "application/json");
    req.body = R"({"prompt":"waves"})";
    const auto r = t.send(req);
    CHECK(r.status == 200);
    CHECK(r.body == R"({"prompt":"waves"})");
    CHECK(r.headers.find("X-Method") == "POST");
    CHECK(r.headers.find("X-Target") == "/echo?a=1&b=%20");
    const auto got = server.requests().at(0);
    CHECK(got.headers.size() == 4);
    CHECK(header(got, "Host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(header(got, "Content-Length") == "18");
    CHECK(header(got, "Authorization") == "Bearer secret");

    SUBCASE("a GET without body carries no Content-Length") {
        t.send(make_request(server.url("/echo")));
        const auto get = server.requests().at(1);
        CHECK(header(get, "Content-Length") == "<absent>");
        CHECK(get.headers.size() == 1);
    }
    SUBCASE("a POST without body says Content-Length: 0") {
        t.send(make_request(server.url("/echo"), ltx::http::method::post));
        CHECK(header(server.requests().at(1), "Content-Length") == "0");
    }
}

TEST_CASE("asio transport: large in-memory and file bodies are sent whole") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    std::string payload(300 * 1024 + 17, '\0');
    for (std::size_t i = 0; i < payload.size(); ++i) {
        payload[i] = static_cast<char>('a' + i % 26);
    }
    SUBCASE("in memory") {
        auto req = make_request(server.url("/echo"), ltx::http::method::post);
        req.body = payload;
        const auto r = t.send(req);
        CHECK(r.body == payload);
    }
    SUBCASE("streamed from a file") {
        const auto path = ltx_test::write_temp_file("upload.bin", payload);
        auto req = make_request(server.url("/echo"), ltx::http::method::post);
        req.body = ltx::http::file_body{path};
        const auto r = t.send(req);
        CHECK(r.headers.find("X-Length") == std::to_string(payload.size()));
        CHECK(r.body == payload);
        std::filesystem::remove(path);
    }
    SUBCASE("a file shorter than announced fails with protocol_error") {
        const auto path = ltx_test::write_temp_file("short.bin", "12345");
        auto req = make_request(server.url("/echo"), ltx::http::method::post);
        req.body = ltx::http::file_body{path, 10};
        std::error_code ec;
        const auto r = t.send(req, ec);
        CHECK(ec == ltx::http::transport_errc::protocol_error);
        CHECK(r.status == 0);
        std::filesystem::remove(path);
    }
    SUBCASE("a file that cannot be opened fails before anything is sent") {
        auto req = make_request(server.url("/echo"), ltx::http::method::post);
        req.body = ltx::http::file_body{"/nonexistent/ltx/file", 10};
        std::error_code ec;
        t.send(req, ec);
        CHECK(ec == std::errc::no_such_file_or_directory);
        CHECK(server.requests().empty());
    }
}

TEST_CASE("asio transport: a sink receives the body, the response body stays empty") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), {.max_body_bytes = 1000}};
    std::string received;
    int status_seen = 0;
    std::string length_seen;
    ltx::http::body_sink sink{[&](std::string_view chunk) {
                                  received.append(chunk);
                                  return std::error_code{};
                              },
                              [&](int status, const ltx::http::headers& h) {
                                  status_seen = status;
                                  length_seen = std::string(h.find("Content-Length").value_or(""));
                                  return std::error_code{};
                              }};
    auto req = make_request(server.url("/big-body?n=200000"));
    req.sink = &sink;
    std::error_code ec;
    const auto r = t.send(req, ec);
    REQUIRE_FALSE(ec);
    CHECK(r.status == 200);
    CHECK(r.body.empty());
    CHECK(received == std::string(200000, 'x'));
    CHECK(status_seen == 200);
    CHECK(length_seen == "200000");

    SUBCASE("an error from on_chunk ends the exchange with that error") {
        ltx::http::body_sink refusing{
            [](std::string_view) { return std::make_error_code(std::errc::no_space_on_device); },
            {}};
        req.sink = &refusing;
        t.send(req, ec);
        CHECK(ec == std::errc::no_space_on_device);
    }
    SUBCASE("an error from on_headers ends it before any chunk") {
        bool chunk_called = false;
        ltx::http::body_sink refusing{[&](std::string_view) {
                                          chunk_called = true;
                                          return std::error_code{};
                                      },
                                      [](int, const ltx::http::headers&) {
                                          return std::make_error_code(std::errc::file_too_large);
                                      }};
        req.sink = &refusing;
        t.send(req, ec);
        CHECK(ec == std::errc::file_too_large);
        CHECK_FALSE(chunk_called);
    }
}

TEST_CASE("asio transport: HEAD, 204 and 304 have no body and keep the connection") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    CHECK(t.send(make_request(server.url("/json"), ltx::http::method::head)).body.empty());
    CHECK(t.send(make_request(server.url("/status/204"))).status == 204);
    CHECK(t.send(make_request(server.url("/status/304"))).status == 304);
    const auto r = t.send(make_request(server.url("/status/503")));
    CHECK(r.status == 503);
    CHECK(server.connections() == 1);
}

TEST_CASE("asio transport: idle connections expire and are capped per host") {
    ltx_test::http_server server;
    ::asio::io_context io;
    SUBCASE("an expired connection is not reused") {
        ltx::asio::transport t{io.get_executor(), {.idle_timeout = std::chrono::milliseconds{1}}};
        t.send(make_request(server.url("/json")));
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
        t.send(make_request(server.url("/json")));
        CHECK(server.connections() == 2);
    }
    SUBCASE("a cap of zero keeps none") {
        ltx::asio::transport t{io.get_executor(), {.max_idle_per_host = 0}};
        t.send(make_request(server.url("/json")));
        t.send(make_request(server.url("/json")));
        CHECK(server.connections() == 2);
    }
    SUBCASE("close_idle_connections closes them") {
        ltx::asio::transport t{io.get_executor()};
        t.send(make_request(server.url("/json")));
        t.close_idle_connections();
        t.send(make_request(server.url("/json")));
        CHECK(server.connections() == 2);
    }
}
