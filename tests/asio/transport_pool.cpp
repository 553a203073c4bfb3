// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// transport_options::max_connections_per_host against the test server on loopback: the cap
// holds for async and sync calls together, waiting exchanges are served first come first
// served, time out, and leave the queue when cancelled.
#include <ltx/asio/transport.hpp>

#include "asio/transport_support.hpp"
#include "asio_servers/test_server.hpp"

#include <doctest/doctest.h>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace {

using ltx::http::transport_errc;
using ltx::test::elapsed_ms;
using ltx::test::make_request;
using namespace std::chrono_literals;

// Starts an async GET of `url` on `t`; the future holds its error and status.
std::future<std::pair<std::error_code, int>> start_get(ltx::asio::transport& t,
                                                       const std::string& url) {
    auto done = std::make_shared<std::promise<std::pair<std::error_code, int>>>();
    auto result = done->get_future();
    t.async_send(make_request(url), [done](std::error_code ec, ltx::http::response r) {
        done->set_value({ec, r.status});
    });
    return result;
}

// Bounded polling of a condition another thread makes true.
template <class F> bool eventually(F&& f) {
    for (int i = 0; i < 3000; ++i) {
        if (f()) {
            return true;
        }
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

} // namespace

TEST_CASE("asio pool: the default caps connections per host") {
    CHECK(ltx::asio::transport_options{}.max_connections_per_host == 32);
}

TEST_CASE("asio pool: more concurrent requests than the cap share that many connections") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport t{runner.executor(), {.max_connections_per_host = 3}};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::future<std::pair<std::error_code, int>>> results;
    for (int i = 0; i < 12; ++i) {
        results.push_back(start_get(t, server.url("/slow?ms=40")));
    }
    for (auto& r : results) {
        const auto [ec, status] = r.get();
        CHECK_FALSE(ec);
        CHECK(status == 200);
    }
    CHECK(server.requests().size() == 12);
    CHECK(server.peak_open_connections() <= 3);
    CHECK(server.connections() == 3);       // handed from one exchange to the next, never closed
    CHECK(elapsed_ms(start) >= 4 * 40 - 5); // four rounds of three
    const auto stats = t.stats();
    CHECK(stats.connections_opened == 3);
    CHECK(stats.connections_reused == 9);
    CHECK(stats.open_connections == 3); // kept idle now
    CHECK(stats.idle_connections == 3);
    CHECK(stats.waiting_exchanges == 0);
}

TEST_CASE("asio pool: waiting exchanges are served in the order they came") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport t{runner.executor(), {.max_connections_per_host = 1}};
    std::vector<std::future<std::pair<std::error_code, int>>> results;
    for (int i = 0; i < 6; ++i) {
        results.push_back(start_get(t, server.url("/slow?ms=5&i=" + std::to_string(i))));
    }
    for (auto& r : results) {
        CHECK_FALSE(r.get().first);
    }
    const auto seen = server.requests();
    REQUIRE(seen.size() == 6);
    for (int i = 0; i < 6; ++i) {
        CHECK(seen[static_cast<std::size_t>(i)].target == "/slow?ms=5&i=" + std::to_string(i));
    }
    CHECK(server.connections() == 1);
}

TEST_CASE("asio pool: a waiting exchange times out, cancels, and frees no connection") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport t{runner.executor(), {.max_connections_per_host = 1}};
    // The only connection hangs on a server that never answers, until cancelled.
    ::asio::cancellation_signal hold_signal;
    std::promise<std::error_code> held;
    ::asio::post(runner.executor(), [&] {
        t.async_send(make_request(server.url("/silent")),
                     ::asio::bind_cancellation_slot(
                         hold_signal.slot(),
                         [&](std::error_code ec, ltx::http::response) { held.set_value(ec); }));
    });
    REQUIRE(eventually([&] { return server.requests().size() == 1; }));

    SUBCASE("async: the wait counts against the request's time limit") {
        auto req = make_request(server.url("/json"));
        req.timeout = 100ms;
        std::promise<std::error_code> done;
        const auto start = std::chrono::steady_clock::now();
        t.async_send(req, [&](std::error_code ec, ltx::http::response) { done.set_value(ec); });
        const auto ec = done.get_future().get();
        CHECK(ec == transport_errc::pool_timeout);
        CHECK(ec == std::errc::timed_out);
        CHECK(ltx::http::request_not_sent(ec));
        CHECK(elapsed_ms(start) >= 95);
        CHECK(elapsed_ms(start) < 3000);
    }
    SUBCASE("sync: the same, blocking") {
        auto req = make_request(server.url("/json"));
        req.timeout = 100ms;
        std::error_code ec;
        const auto start = std::chrono::steady_clock::now();
        const auto r = t.send(req, ec);
        CHECK(ec == transport_errc::pool_timeout);
        CHECK(r.status == 0);
        CHECK(elapsed_ms(start) >= 95);
        CHECK(elapsed_ms(start) < 3000);
    }
    SUBCASE("async: a cancellation slot takes it out of the queue") {
        ::asio::cancellation_signal signal;
        std::promise<std::error_code> done;
        ::asio::post(runner.executor(), [&] {
            t.async_send(make_request(server.url("/json")),
                         ::asio::bind_cancellation_slot(
                             signal.slot(),
                             [&](std::error_code ec, ltx::http::response) { done.set_value(ec); }));
        });
        REQUIRE(eventually([&] { return t.stats().waiting_exchanges == 1; }));
        const auto start = std::chrono::steady_clock::now();
        ::asio::post(runner.executor(), [&] { signal.emit(::asio::cancellation_type::terminal); });
        CHECK(done.get_future().get() == transport_errc::cancelled);
        CHECK(elapsed_ms(start) < 3000);
    }
    CHECK(t.stats().waiting_exchanges == 0);
    CHECK(t.stats().open_connections == 1);
    CHECK(server.requests().size() == 1); // the waiting request never left

    // Closing the held connection passes its permit on: the next request gets through.
    ::asio::post(runner.executor(), [&] { hold_signal.emit(::asio::cancellation_type::terminal); });
    CHECK(held.get_future().get() == transport_errc::cancelled);
    auto next = start_get(t, server.url("/json"));
    const auto [ec, status] = next.get();
    CHECK_FALSE(ec);
    CHECK(status == 200);
    CHECK(t.stats().open_connections == 1);
}

TEST_CASE("asio pool: a waiting exchange gets a connection closed by the server") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport t{runner.executor(), {.max_connections_per_host = 1}};
    std::vector<std::future<std::pair<std::error_code, int>>> results;
    for (int i = 0; i < 4; ++i) {
        results.push_back(start_get(t, server.url("/connection-close")));
    }
    for (auto& r : results) {
        CHECK(r.get().second == 200);
    }
    CHECK(server.connections() == 4);
    CHECK(t.stats().open_connections == 0);
}

TEST_CASE("asio pool: sync calls on several threads and async calls share the cap") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport t{runner.executor(), {.max_connections_per_host = 2}};
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> most_open{0};
    std::thread sampler([&] { // the client's own count: the server may see a close late
        while (!stop.load()) {
            most_open = std::max(most_open.load(), t.stats().open_connections);
            std::this_thread::sleep_for(100us);
        }
    });
    std::vector<std::future<std::pair<std::error_code, int>>> async_results;
    for (int i = 0; i < 4; ++i) {
        async_results.push_back(start_get(t, server.url("/slow?ms=10")));
    }
    std::atomic<int> sync_ok{0};
    std::vector<std::thread> callers;
    for (int i = 0; i < 3; ++i) {
        callers.emplace_back([&] {
            for (int k = 0; k < 3; ++k) {
                std::error_code ec;
                if (t.send(make_request(server.url("/slow?ms=10")), ec).status == 200 && !ec) {
                    ++sync_ok;
                }
            }
        });
    }
    for (auto& c : callers) {
        c.join();
    }
    for (auto& r : async_results) {
        CHECK(r.get().second == 200);
    }
    stop = true;
    sampler.join();
    CHECK(sync_ok.load() == 9);
    CHECK(server.requests().size() == 13);
    CHECK(most_open.load() <= 2);
    CHECK(t.stats().open_connections <= 2);
    CHECK(t.stats().waiting_exchanges == 0);
}
