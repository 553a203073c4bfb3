// Every form a user can write of each client operation (call, upload, wait, download), run
// against ltx-sim on loopback: sync throwing, sync error_code, plain callback, use_future,
// use_awaitable with `{}` temporaries, deferred, a cancellation slot, with_diagnostics, and a
// decorator of the transport.
#include "../../tools/ltx-sim/sim/server.hpp"

#include "asio/transport_support.hpp"
#include "support.hpp"

#include <ltx/asio.hpp>
#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/use_future.hpp>
#if defined(ASIO_HAS_CO_AWAIT)
#include <asio/use_awaitable.hpp>
#endif

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <random>
#include <string>

using namespace sim_test;
using namespace std::chrono_literals;

namespace {

using client = ltx::basic_client<ltx::asio::transport>;

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    return {std::istreambuf_iterator<char>{in}, {}};
}

// A scratch directory holding a copy of the sample PNG, the current directory while it lives
// (the README's example names "start.png" and "out.mp4").
struct scratch_dir {
    scratch_dir() {
        path = std::filesystem::temp_directory_path() /
               ("ltx-forms-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path);
        std::filesystem::copy_file(test_options().fixtures_dir / "start.png", path / "start.png");
        previous = std::filesystem::current_path();
        std::filesystem::current_path(path);
    }
    ~scratch_dir() {
        std::filesystem::current_path(previous);
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
    std::filesystem::path previous;
};

// ltx-sim with instant jobs, a client over an io_context run by a thread.
struct fixture {
    explicit fixture(std::chrono::milliseconds speed = 0ms) : sim{options_with(speed)} {}
    static ltx::sim::options options_with(std::chrono::milliseconds speed) {
        auto o = test_options();
        o.speed = speed;
        return o;
    }
    std::string sample() const { return video_fixture(); }

    scratch_dir dir;
    ltx::sim::background_server sim;
    ltx::test::io_thread runner;
    ltx::asio::transport http{runner.executor()};
    client api{http, config_for(sim)};
    const ltx::wait_options quick{.interval = 10ms, .backoff = 1.0, .timeout = 30s};
};

ltx::ltx_create_request request_for(const std::string& file_id) {
    ltx::ltx_create_request req;
    req.prompt = "Waves at dusk";
    req.startAssetId = file_id;
    return req;
}

// Completes a promise from a callback.
template <class R> struct callback_result {
    std::promise<std::pair<std::error_code, R>> promise;
    auto handler() {
        return [this](std::error_code ec, R r) { promise.set_value({ec, std::move(r)}); };
    }
    std::pair<std::error_code, R> get() { return promise.get_future().get(); }
};

// A transport that wraps ltx::asio::transport, counting sends, and keeps its executor: the
// Asio front end is chosen by that property, so every token still works.
struct counting_transport {
    using executor_type = ltx::asio::transport::executor_type;
    ltx::asio::transport& inner;
    std::atomic<int> sends{0};

    executor_type get_executor() const { return inner.get_executor(); }
    ltx::http::response send(const ltx::http::request& r, std::error_code& ec) {
        ++sends;
        return inner.send(r, ec);
    }
    template <class Token> auto async_send(ltx::http::request r, Token&& token) {
        ++sends;
        return inner.async_send(std::move(r), std::forward<Token>(token));
    }
    template <class Token> auto async_sleep(std::chrono::milliseconds d, Token&& token) {
        return inner.async_sleep(d, std::forward<Token>(token));
    }
};

} // namespace

TEST_CASE("client forms: sync throwing, the whole workflow") {
    fixture f;
    const auto up = f.api.upload_file("start.png");
    REQUIRE_FALSE(up.asset.fileId.empty());
    const auto created = f.api.create_video(request_for(up.asset.fileId));
    const auto done = f.api.wait(created.jobId, f.quick);
    f.api.download(done, "out.mp4");
    CHECK(read_file("out.mp4") == f.sample());
    CHECK(f.sim->stats().jobsCreated == 1);
}

TEST_CASE("client forms: sync error_code, the whole workflow and a failure") {
    fixture f;
    std::error_code ec;
    ltx::diagnostics d;
    const auto up = f.api.upload_file("start.png", {}, ec, d);
    REQUIRE_FALSE(ec);
    const auto created = f.api.create_video(request_for(up.asset.fileId), ec, d);
    REQUIRE_FALSE(ec);
    const auto done = f.api.wait(created.jobId, f.quick, ec, d);
    REQUIRE_FALSE(ec);
    f.api.download(done, "out.mp4", {}, ec, d);
    CHECK_FALSE(ec);
    CHECK(read_file("out.mp4") == f.sample());
    f.api.get_job("email:nobody@example.com:00000000-0000-0000-0000-000000000000-type:video", ec,
                  d);
    CHECK(ec == ltx::errc::not_found);
    CHECK(d.status == 404);
}

TEST_CASE("client forms: plain callbacks, the whole workflow") {
    fixture f;
    callback_result<ltx::upload_asset_response> up;
    f.api.async_upload_file("start.png", up.handler());
    auto [uec, uploaded] = up.get();
    REQUIRE_FALSE(uec);
    callback_result<ltx::ltx_create_response> created;
    f.api.async_create_video(request_for(uploaded.asset.fileId), created.handler());
    auto [cec, job] = created.get();
    REQUIRE_FALSE(cec);
    callback_result<ltx::job> waited;
    f.api.async_wait(job.jobId, f.quick, waited.handler());
    auto [wec, done] = waited.get();
    REQUIRE_FALSE(wec);
    callback_result<std::uint64_t> bytes;
    f.api.async_download(done, "out.mp4", bytes.handler());
    auto [dec, n] = bytes.get();
    CHECK_FALSE(dec);
    CHECK(n == f.sample().size());
    CHECK(read_file("out.mp4") == f.sample());
}

TEST_CASE("client forms: use_future, the whole workflow") {
    fixture f;
    const auto up = f.api.async_upload_file("start.png", {}, ::asio::use_future).get();
    const auto job =
        f.api.async_create_video(request_for(up.asset.fileId), ::asio::use_future).get();
    const auto done = f.api.async_wait(job.jobId, f.quick, ::asio::use_future).get();
    const auto n = f.api.async_download(done, "out.mp4", {}, ::asio::use_future).get();
    CHECK(n == f.sample().size());
    CHECK(read_file("out.mp4") == f.sample());
    CHECK(f.sim->stats().jobsCreated == 1);
}

TEST_CASE("client forms: use_future reports a validation failure as validation_error") {
    fixture f;
    const ltx::ltx_create_request invalid{.prompt = "p"};
    auto bad = f.api.async_create_video(invalid, ::asio::use_future);
    CHECK_THROWS_AS(bad.get(), ltx::validation_error);
    CHECK(f.sim->stats().jobsCreated == 0);
}

TEST_CASE("client forms: deferred by default, launched later with any token") {
    fixture f;
    const auto png = read_file("start.png");
    auto upload = f.api.async_upload_asset(png);
    auto list = f.api.async_list_assets();
    CHECK(f.sim->stats().jobsCreated == 0);
    const auto up = std::move(upload)(::asio::use_future).get();
    REQUIRE_FALSE(up.asset.fileId.empty());
    const auto page = std::move(list)(::asio::use_future).get();
    CHECK(page.meta.has_value());
    auto create = f.api.async_create_video(request_for(up.asset.fileId));
    const auto job = std::move(create)(::asio::use_future).get();
    auto wait = f.api.async_wait(job.jobId, f.quick);
    callback_result<ltx::job> waited;
    std::move(wait)(waited.handler());
    CHECK_FALSE(waited.get().first);
    CHECK(f.sim->stats().jobsCreated == 1);
}

TEST_CASE("client forms: a cancellation slot ends a wait mid-way, terminal and partial") {
    fixture f{60s}; // jobs that take a minute
    const auto up = f.api.upload_file("start.png");
    const auto job = f.api.create_video(request_for(up.asset.fileId));
    for (auto type : {::asio::cancellation_type::terminal, ::asio::cancellation_type::partial}) {
        ::asio::cancellation_signal signal;
        callback_result<ltx::job> waited;
        std::atomic<int> polls{0};
        ltx::wait_options opts = f.quick;
        opts.on_progress = [&](const ltx::job&) { ++polls; };
        ::asio::post(f.runner.executor(), [&] {
            f.api.async_wait(job.jobId, opts,
                             ::asio::bind_cancellation_slot(signal.slot(), waited.handler()));
        });
        const auto start = std::chrono::steady_clock::now();
        while (polls.load() < 2 && std::chrono::steady_clock::now() - start < 10s)
            std::this_thread::sleep_for(1ms);
        ::asio::post(f.runner.executor(), [&] { signal.emit(type); });
        auto [ec, last] = waited.get();
        CHECK(ec == ltx::errc::cancelled);
        CHECK(ec == std::errc::operation_canceled);
        CHECK(last.jobId == job.jobId); // the last job seen
        CHECK(polls.load() >= 2);
    }
}

// What a with_diagnostics handler received, read on the thread that completed it: an
// exception_ptr handed to another thread is a reference count that a thread sanitizer cannot
// see (libstdc++ is not instrumented).
std::string describe(std::exception_ptr e) {
    if (!e)
        return "no exception";
    try {
        std::rethrow_exception(e);
    } catch (const ltx::validation_error& v) {
        return "validation_error " + v.violations().at(0).path;
    } catch (const ltx::api_error& a) {
        return "api_error " + std::to_string(a.status()) +
               (a.code() == ltx::errc::not_found ? " not_found" : " other") +
               (a.server_message().empty() ? " silent" : " with text");
    } catch (...) {
        return "another exception";
    }
}

TEST_CASE("client forms: with_diagnostics gives a callback the sync form's exception") {
    fixture f;
    std::promise<std::string> got;
    const ltx::ltx_create_request invalid{.prompt = "p"};
    f.api.async_create_video(
        invalid, ltx::asio::with_diagnostics([&](std::exception_ptr e, ltx::ltx_create_response) {
            got.set_value(describe(e));
        }));
    CHECK(got.get_future().get() == "validation_error startAssetId");
    std::promise<std::string> missing;
    f.api.async_get_job("email:nobody@example.com:00000000-0000-0000-0000-000000000000-type:video",
                        ltx::asio::with_diagnostics([&](std::exception_ptr e, ltx::job) {
                            missing.set_value(describe(e));
                        }));
    CHECK(missing.get_future().get() == "api_error 404 not_found with text");
}

TEST_CASE("client forms: a decorator of the Asio transport keeps every token") {
    fixture f;
    counting_transport counting{f.http};
    ltx::basic_client api{counting, config_for(f.sim)};
    const auto up = api.async_upload_file("start.png", ::asio::use_future).get();
    const auto job = api.async_create_video(request_for(up.asset.fileId), ::asio::use_future).get();
    auto deferred = api.async_get_job(job.jobId);
    const auto polled = std::move(deferred)(::asio::use_future).get();
    CHECK(polled.jobId == job.jobId);
    CHECK(counting.sends.load() == 3);
}

#if defined(ASIO_HAS_CO_AWAIT)
TEST_CASE("client forms: the README's coroutine example, verbatim") {
    scratch_dir dir;
    ltx::sim::background_server sim{test_options()};
    asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    ltx::basic_client api{http, config_for(sim)};
    ltx::ltx_create_request req{.prompt = "A serene landscape with flowing water"};

    // README.md, "Asio": from here, kept as the README writes it
    // clang-format off
asio::co_spawn(io, [&]() -> asio::awaitable<void> {   // async: any completion token
    auto up = co_await api.async_upload_file("start.png", {}, asio::use_awaitable);
    req.startAssetId = up.asset.fileId;
    auto created = co_await api.async_create_video(req, asio::use_awaitable);
    auto done = co_await api.async_wait(created.jobId, {}, asio::use_awaitable);
    auto bytes = co_await api.async_download(done, "out.mp4", {}, asio::use_awaitable);
    std::cout << bytes << " bytes in out.mp4\n";
}, asio::detached);
io.run();
    // clang-format on
    // to here

    CHECK(read_file("out.mp4") == video_fixture());
    CHECK(sim->stats().jobsCreated == 1);
}

TEST_CASE("client forms: the README's example is the one above") {
    const auto readme = read_file(LTX_TESTS_SOURCE_DIR "/../README.md");
    const auto self = read_file(LTX_TESTS_SOURCE_DIR "/sim/client_forms.cpp");
    const auto cut = [](const std::string& text, const std::string& from, const std::string& to) {
        const auto a = text.find(from);
        const auto b = text.find(to, a);
        REQUIRE(a != std::string::npos);
        REQUIRE(b != std::string::npos);
        return text.substr(a, b + to.size() - a);
    };
    const std::string first = "asio::co_spawn(io, [&]() -> asio::awaitable<void> {";
    CHECK(cut(readme, first, "io.run();") == cut(self, first, "io.run();"));
}

TEST_CASE("client forms: a co_await of an invalid request throws validation_error") {
    fixture f;
    auto result = ::asio::co_spawn(
        f.runner.executor(),
        [&]() -> ::asio::awaitable<std::string> {
            // A named request: g++ 12 miscompiles an aggregate temporary holding a string in
            // a co_await expression (see ltx::upload_options).
            const ltx::ltx_create_request invalid{.prompt = "p"};
            try {
                co_await f.api.async_create_video(invalid, ::asio::use_awaitable);
            } catch (const ltx::validation_error& e) {
                co_return e.violations().at(0).path;
            }
            co_return "";
        },
        ::asio::use_future);
    CHECK(result.get() == "startAssetId");
    CHECK(f.sim->stats().jobsCreated == 0);
}

TEST_CASE("client forms: use_awaitable with {} temporaries, every call") {
    fixture f;
    auto result = ::asio::co_spawn(
        f.runner.executor(),
        [&]() -> ::asio::awaitable<std::uint64_t> {
            auto up = co_await f.api.async_upload_file("start.png", {}, ::asio::use_awaitable);
            auto up2 = co_await f.api.async_upload_asset(read_file("start.png"), {},
                                                         ::asio::use_awaitable);
            auto page = co_await f.api.async_list_assets({}, ::asio::use_awaitable);
            auto created = co_await f.api.async_create_video(request_for(up.asset.fileId),
                                                             ::asio::use_awaitable);
            auto polled = co_await f.api.async_get_job(created.jobId, ::asio::use_awaitable);
            auto done = co_await f.api.async_wait(*polled.jobId, {}, ::asio::use_awaitable);
            auto bytes = co_await f.api.async_download(done, "a.mp4", {}, ::asio::use_awaitable);
            auto url = ltx::artifact_url(done).value();
            auto again = co_await f.api.async_download_url(url, "b.mp4", {}, ::asio::use_awaitable);
            auto accounts = co_await f.api.async_list_accounts(::asio::use_awaitable);
            auto running = co_await f.api.async_list_scheduled_jobs(::asio::use_awaitable);
            co_await f.api.async_delete_account("sim@example.com", ::asio::use_awaitable);
            CHECK_FALSE(up2.asset.fileId.empty());
            CHECK(page.meta.has_value());
            CHECK(accounts.count("sim@example.com") == 1);
            CHECK(running.empty()); // instant jobs: none is running
            co_return bytes + again;
        },
        ::asio::use_future);
    CHECK(result.get() == 2 * f.sample().size());
    CHECK(read_file("a.mp4") == f.sample());
    CHECK(read_file("b.mp4") == f.sample());
}
#endif
