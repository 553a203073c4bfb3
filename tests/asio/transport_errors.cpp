// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx::asio::transport failures against real servers on loopback: each a clear error code.
#include <ltx/asio/transport.hpp>

#include "asio/transport_support.hpp"
#include "asio_servers/test_server.hpp"

#include <doctest/doctest.h>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/io_context.hpp>

#include <chrono>
#include <future>

namespace {

using ltx::http::transport_errc;
using ltx::test::elapsed_ms;
using ltx::test::make_request;
using namespace std::chrono_literals;

} // namespace

TEST_CASE("asio transport: a reset mid-body is connection_reset") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    std::error_code ec;
    const auto r = t.send(make_request(server.url("/reset")), ec);
    CHECK(ec == transport_errc::connection_reset);
    CHECK(ec == std::errc::connection_reset);
    CHECK_FALSE(ltx::http::request_not_sent(ec));
    CHECK(r.status == 0);
    CHECK(r.headers.empty());
}

TEST_CASE("asio transport: oversized or too many headers are headers_too_large") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    std::error_code ec;
    t.send(make_request(server.url("/big-headers")), ec);
    CHECK(ec == transport_errc::headers_too_large);
    t.send(make_request(server.url("/many-headers")), ec);
    CHECK(ec == transport_errc::headers_too_large);

    SUBCASE("raised limits accept them") {
        ltx::asio::transport roomy{io.get_executor(),
                                   {.max_header_bytes = 512 * 1024, .max_header_count = 1000}};
        CHECK(roomy.send(make_request(server.url("/big-headers")), ec).status == 200);
        CHECK_FALSE(ec);
        CHECK(roomy.send(make_request(server.url("/many-headers")), ec).status == 200);
        CHECK_FALSE(ec);
    }
}

TEST_CASE("asio transport: a body over the limit is body_too_large") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), {.max_body_bytes = 1000}};
    std::error_code ec;
    CHECK(t.send(make_request(server.url("/big-body?n=1000")), ec).body.size() == 1000);
    CHECK_FALSE(ec);
    t.send(make_request(server.url("/big-body?n=1001")), ec);
    CHECK(ec == transport_errc::body_too_large);
}

TEST_CASE("asio transport: a server that never answers is a timeout") {
    ltx_test::http_server server;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    auto req = make_request(server.url("/silent"));
    req.timeout = 150ms;
    const auto start = std::chrono::steady_clock::now();
    std::error_code ec;
    t.send(req, ec);
    CHECK(ec == transport_errc::timeout);
    CHECK(ec == std::errc::timed_out);
    CHECK(elapsed_ms(start) >= 140);
    CHECK(elapsed_ms(start) < 3000);

    SUBCASE("also when the body stops halfway") {
        auto half = make_request(server.url("/hang-body"));
        half.timeout = 150ms;
        t.send(half, ec);
        CHECK(ec == transport_errc::timeout);
    }
    SUBCASE("the transport's default applies when the request has none") {
        ltx::asio::transport quick{io.get_executor(), {.request_timeout = 100ms}};
        quick.send(make_request(server.url("/silent")), ec);
        CHECK(ec == transport_errc::timeout);
    }
}

TEST_CASE("asio transport: connection_failed only when nothing was sent") {
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), {.connect_timeout = 200ms}};
    std::error_code ec;
    SUBCASE("refused") {
        t.send(make_request("http://127.0.0.1:" + std::to_string(ltx_test::unused_port()) + "/"),
               ec);
        CHECK(ec == transport_errc::connection_failed);
        CHECK(ltx::http::request_not_sent(ec));
    }
    SUBCASE("a TLS handshake that never completes") {
        ltx_test::mute_server mute;
        const auto start = std::chrono::steady_clock::now();
        t.send(make_request("https://127.0.0.1:" + std::to_string(mute.port()) + "/"), ec);
        CHECK(ec == transport_errc::connection_failed);
        CHECK(elapsed_ms(start) < 3000);
    }
}

TEST_CASE("asio transport: cancellation through a slot reaches the request in flight") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport t{runner.executor()};
    ::asio::cancellation_signal signal;
    std::promise<std::error_code> done;
    const auto start = std::chrono::steady_clock::now();
    ::asio::post(runner.executor(), [&] {
        t.async_send(make_request(server.url("/silent")),
                     ::asio::bind_cancellation_slot(
                         signal.slot(),
                         [&](std::error_code ec, ltx::http::response) { done.set_value(ec); }));
    });
    while (server.requests().empty()) {
        std::this_thread::sleep_for(1ms);
    }
    ::asio::post(runner.executor(), [&] { signal.emit(::asio::cancellation_type::terminal); });
    const auto ec = done.get_future().get();
    CHECK(ec == transport_errc::cancelled);
    CHECK(ec == std::errc::operation_canceled);
    CHECK(elapsed_ms(start) < 3000);
}

TEST_CASE("asio transport: async_sleep waits, and is cancellable") {
    ltx::test::io_thread runner;
    ltx::asio::transport t{runner.executor()};
    std::promise<std::error_code> slept;
    const auto start = std::chrono::steady_clock::now();
    t.async_sleep(30ms, [&](std::error_code ec) { slept.set_value(ec); });
    CHECK_FALSE(slept.get_future().get());
    CHECK(elapsed_ms(start) >= 29);

    ::asio::cancellation_signal signal;
    std::promise<std::error_code> cut;
    ::asio::post(runner.executor(), [&] {
        t.async_sleep(10s, ::asio::bind_cancellation_slot(
                               signal.slot(), [&](std::error_code ec) { cut.set_value(ec); }));
        signal.emit(::asio::cancellation_type::terminal);
    });
    CHECK(cut.get_future().get() == transport_errc::cancelled);
}

TEST_CASE("asio transport: handlers never run inside the initiating call") {
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    bool ran = false;
    t.async_sleep(0ms, [&](std::error_code) { ran = true; });
    t.async_send(make_request("http://127.0.0.1:" + std::to_string(ltx_test::unused_port())),
                 [&](std::error_code, ltx::http::response) { ran = true; });
    CHECK_FALSE(ran);
    io.run();
    CHECK(ran);
}
