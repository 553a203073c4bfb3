// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The client's async calls over ltx::asio::transport with every completion token: a compile
// test instantiating each call with each token, then runs against the test server's API.
#include <ltx/asio/completion.hpp>

#include "asio/transport_support.hpp"
#include "asio_servers/test_server.hpp"

#include <doctest/doctest.h>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/bind_executor.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/detail/config.hpp>
#if defined(ASIO_HAS_CO_AWAIT)
#include <asio/experimental/awaitable_operators.hpp>
#endif
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/use_future.hpp>

#include <chrono>
#include <cstdint>
#include <future>
#include <thread>

namespace {

using client = ltx::basic_client<ltx::asio::transport>;
using namespace std::chrono_literals;
using ltx::test::elapsed_ms;

const ltx::ltx_create_request create_req{.prompt = "Waves", .startAssetId = "asset:1"};

// Every async call with `token`; returns nothing, so it only has to compile.
template <class Token> void call_all(client& api, const Token& token) {
    api.async_create_video(create_req, token);
    api.async_get_job("job", token);
    api.async_list_assets({}, token);
    api.async_configure_account({.cookie = "lt_token=a; lt_refresh_token=b"}, token);
    api.async_get_account("a@example.com", token);
    api.async_wait("job", {}, token);
    api.async_upload_asset(std::string{"bytes"}, {}, token);
    api.async_upload_file("frame.png", {}, token);
    api.async_download(ltx::job{}, "out.mp4", {}, token);
    api.async_download_url("https://storage.example.test/a.mp4", "out.mp4", {}, token);
}

[[maybe_unused]] void instantiate_callbacks(client& api) {
    call_all(api, [](std::error_code, auto) {});
}

[[maybe_unused]] void instantiate_futures(client& api) {
    std::future<ltx::ltx_create_response> a =
        api.async_create_video(create_req, ::asio::use_future);
    std::future<ltx::job> b = api.async_get_job("job", ::asio::use_future);
    std::future<ltx::asset_page> c = api.async_list_assets({}, ::asio::use_future);
    std::future<ltx::account> d = api.async_configure_account({}, ::asio::use_future);
    std::future<ltx::account> e = api.async_get_account("a@example.com", ::asio::use_future);
    std::future<ltx::job> f = api.async_wait("job", {}, ::asio::use_future);
    std::future<ltx::upload_asset_response> g =
        api.async_upload_asset(std::string{"bytes"}, {}, ::asio::use_future);
    std::future<ltx::upload_asset_response> h =
        api.async_upload_file("frame.png", {}, ::asio::use_future);
    std::future<std::uint64_t> i =
        api.async_download(ltx::job{}, "out.mp4", {}, ::asio::use_future);
    std::future<std::uint64_t> j =
        api.async_download_url("https://s.example.test/a", "out.mp4", {}, ::asio::use_future);
}

// Asio 1.22 finds coroutines with g++ only (clang 14 defines no `__cpp_coroutines`).
#if defined(ASIO_HAS_CO_AWAIT)
[[maybe_unused]] ::asio::awaitable<void> instantiate_awaitables(client& api) {
    ltx::ltx_create_response a = co_await api.async_create_video(create_req, ::asio::use_awaitable);
    ltx::job b = co_await api.async_get_job("job", ::asio::use_awaitable);
    ltx::asset_page c = co_await api.async_list_assets({}, ::asio::use_awaitable);
    ltx::account d = co_await api.async_configure_account({}, ::asio::use_awaitable);
    ltx::account e = co_await api.async_get_account("a@example.com", ::asio::use_awaitable);
    ltx::job f = co_await api.async_wait("job", {}, ::asio::use_awaitable);
    ltx::upload_asset_response g =
        co_await api.async_upload_asset(std::string{"bytes"}, {}, ::asio::use_awaitable);
    ltx::upload_asset_response h =
        co_await api.async_upload_file("frame.png", {}, ::asio::use_awaitable);
    [[maybe_unused]] std::uint64_t i =
        co_await api.async_download(ltx::job{}, "out.mp4", {}, ::asio::use_awaitable);
    [[maybe_unused]] std::uint64_t j = co_await api.async_download_url(
        "https://s.example.test/a", "out.mp4", {}, ::asio::use_awaitable);
}
#endif

[[maybe_unused]] void instantiate_deferred(client& api) {
    auto callback = [](std::error_code, auto) {};
    api.async_create_video(create_req, ltx::asio::deferred)(callback);
    api.async_get_job("job", ltx::asio::deferred)(callback);
    api.async_list_assets({}, ltx::asio::deferred)(callback);
    api.async_configure_account({}, ltx::asio::deferred)(callback);
    api.async_get_account("a@example.com", ltx::asio::deferred)(callback);
    api.async_wait("job", {}, ltx::asio::deferred)(callback);
    api.async_upload_asset(std::string{"bytes"}, {}, ltx::asio::deferred)(callback);
    api.async_upload_file("frame.png", {}, ltx::asio::deferred)(callback);
    api.async_download(ltx::job{}, "out.mp4", {}, ltx::asio::deferred)(callback);
    api.async_download_url("https://s.example.test/a", "out.mp4", {},
                           ltx::asio::deferred)(callback);
    std::future<ltx::job> f = api.async_get_job("job", ltx::asio::deferred)(::asio::use_future);
}

// A client of the test server's API over an io_context run by a thread.
struct fixture {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport http{runner.executor()};
    client api{http, ltx::config{.token = "secret-token",
                                 .base_url = server.url("/v1/ltxstudio/"),
                                 .retry = {.max_attempts = 1}}};
};

} // namespace

TEST_CASE("asio tokens: a callback runs on the transport's executor, not inline") {
    fixture f;
    std::promise<std::pair<std::error_code, ltx::ltx_create_response>> done;
    std::thread::id ran_on;
    f.api.async_create_video(create_req, [&](std::error_code ec, ltx::ltx_create_response j) {
        ran_on = std::this_thread::get_id();
        done.set_value({ec, std::move(j)});
    });
    auto [ec, job] = done.get_future().get();
    CHECK_FALSE(ec);
    CHECK(job.jobId == "job-1");
    CHECK(ran_on != std::this_thread::get_id());
    const auto sent = f.server.requests().at(0);
    CHECK(sent.method == "POST");
    CHECK(sent.target == "/v1/ltxstudio/videos/ltx-create");
}

TEST_CASE("asio tokens: use_future") {
    fixture f;
    auto job = f.api.async_get_job("job-7", ::asio::use_future);
    CHECK(job.get().status->type == ltx::job_state::active);
    auto page = f.api.async_list_assets({}, ::asio::use_future).get();
    CHECK(page.meta.has_value());
    // An error reaches a future as an exception; checked through a callback here, since a
    // thread sanitizer cannot see the reference count of an exception crossing threads.
    std::promise<std::error_code> bad;
    f.api.async_create_video(
        {.prompt = ""}, [&](std::error_code ec, ltx::ltx_create_response) { bad.set_value(ec); });
    CHECK(bad.get_future().get() == ltx::errc::invalid_request);
    CHECK(f.server.requests().size() == 2); // the invalid request never left
}

#if defined(ASIO_HAS_CO_AWAIT)
TEST_CASE("asio tokens: use_awaitable on another io_context resumes there") {
    fixture f;
    ltx::test::io_thread other;
    std::thread::id resumed_on;
    std::thread::id other_thread;
    auto result = ::asio::co_spawn(
        other.executor(),
        [&]() -> ::asio::awaitable<ltx::job> {
            other_thread = std::this_thread::get_id();
            auto created = co_await f.api.async_create_video(create_req, ::asio::use_awaitable);
            resumed_on = std::this_thread::get_id();
            co_return co_await f.api.async_wait(created.jobId, {.interval = 5ms, .backoff = 1.0},
                                                ::asio::use_awaitable);
        },
        ::asio::use_future);
    const auto done = result.get();
    CHECK(done.status->type == ltx::job_state::completed);
    CHECK(resumed_on == other_thread);
    CHECK(f.server.requests().size() == 4); // create + three polls
    other.join();                           // see io_thread::join
    f.runner.join();
}

#endif

TEST_CASE("asio tokens: deferred operations start when invoked") {
    fixture f;
    auto op = f.api.async_get_account("a@example.com", ltx::asio::deferred);
    CHECK(f.server.requests().empty());
    std::promise<ltx::account> done;
    std::move(op)([&](std::error_code ec, ltx::account a) {
        CHECK_FALSE(ec);
        done.set_value(std::move(a));
    });
    CHECK(done.get_future().get().maxJobs == 20);
}

TEST_CASE("asio tokens: a cancellation slot reaches the request in flight") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport http{runner.executor()};
    client api{http, ltx::config{.token = "t", .base_url = server.url("/silent/")}};
    ::asio::cancellation_signal signal;
    std::promise<std::error_code> done;
    const auto start = std::chrono::steady_clock::now();
    ::asio::post(runner.executor(), [&] {
        api.async_get_job(
            "job-1", ::asio::bind_cancellation_slot(
                         signal.slot(), [&](std::error_code ec, ltx::job) { done.set_value(ec); }));
    });
    while (server.requests().empty()) {
        std::this_thread::sleep_for(1ms);
    }
    ::asio::post(runner.executor(), [&] { signal.emit(::asio::cancellation_type::terminal); });
    const auto ec = done.get_future().get();
    CHECK(ec == ltx::errc::cancelled);
    CHECK(ec == std::errc::operation_canceled);
    CHECK(elapsed_ms(start) < 3000);
    CHECK(server.requests().size() == 1); // not retried
}

TEST_CASE("asio tokens: a cancellation slot ends a wait between polls") {
    fixture f;
    ::asio::cancellation_signal signal;
    std::promise<std::error_code> done;
    const auto start = std::chrono::steady_clock::now();
    ::asio::post(f.runner.executor(), [&] {
        f.api.async_wait(
            "job-forever", {.interval = 10s},
            ::asio::bind_cancellation_slot(
                signal.slot(), [&](std::error_code ec, ltx::job) { done.set_value(ec); }));
    });
    while (f.server.requests().empty()) {
        std::this_thread::sleep_for(1ms);
    }
    std::this_thread::sleep_for(20ms); // the poll is answered; the wait now pauses
    ::asio::post(f.runner.executor(), [&] { signal.emit(::asio::cancellation_type::terminal); });
    CHECK(done.get_future().get() == ltx::errc::cancelled);
    CHECK(elapsed_ms(start) < 3000);
    CHECK(f.server.requests().size() == 1);
}

TEST_CASE("asio tokens: a cancellation slot ends a wait during a poll, as cancelled") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport http{runner.executor()};
    client api{http, ltx::config{.token = "t", .base_url = server.url("/silent/")}};
    ::asio::cancellation_signal signal;
    std::promise<std::error_code> done;
    const auto start = std::chrono::steady_clock::now();
    ::asio::post(runner.executor(), [&] {
        api.async_wait(
            "job-1", {.interval = 10ms},
            ::asio::bind_cancellation_slot(
                signal.slot(), [&](std::error_code ec, ltx::job) { done.set_value(ec); }));
    });
    while (server.requests().empty()) {
        std::this_thread::sleep_for(1ms);
    }
    ::asio::post(runner.executor(), [&] { signal.emit(::asio::cancellation_type::terminal); });
    CHECK(done.get_future().get() == ltx::errc::cancelled);
    CHECK(elapsed_ms(start) < 3000);
    CHECK(server.requests().size() == 1); // the cancelled poll is neither retried nor followed
}

TEST_CASE("asio tokens: a paid POST cancelled in flight has an unknown outcome") {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport http{runner.executor()};
    client api{http, ltx::config{.token = "t", .base_url = server.url("/silent/")}};
    ::asio::cancellation_signal signal;
    std::promise<std::error_code> done;
    ::asio::post(runner.executor(), [&] {
        api.async_create_video(
            create_req, ::asio::bind_cancellation_slot(
                            signal.slot(), [&](std::error_code ec, ltx::ltx_create_response) {
                                done.set_value(ec);
                            }));
    });
    while (server.requests().empty()) {
        std::this_thread::sleep_for(1ms);
    }
    ::asio::post(runner.executor(), [&] { signal.emit(::asio::cancellation_type::terminal); });
    CHECK(done.get_future().get() == ltx::errc::outcome_unknown);
    CHECK(server.requests().size() == 1);
}

#if defined(ASIO_HAS_CO_AWAIT)
TEST_CASE("asio tokens: awaitable operators cancel the loser") {
    using namespace ::asio::experimental::awaitable_operators;
    fixture f;
    auto result = ::asio::co_spawn(
        f.runner.executor(),
        [&]() -> ::asio::awaitable<std::size_t> {
            ::asio::steady_timer timer{co_await ::asio::this_coro::executor, 30ms};
            auto winner = co_await (
                f.api.async_wait("job-forever", {.interval = 10s}, ::asio::use_awaitable) ||
                timer.async_wait(::asio::use_awaitable));
            co_return winner.index();
        },
        ::asio::use_future);
    const auto start = std::chrono::steady_clock::now();
    CHECK(result.get() == 1);
    CHECK(elapsed_ms(start) < 3000);
}
#endif
