// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// ltx::batch::async_run against ltx-sim on loopback, in every form a user can write: a plain
// callback, use_future, use_awaitable, deferred (the default token), a cancellation slot that
// stops the run and a resume that creates nothing twice, and a run with nothing to do, whose
// handler still runs after the call.
#include <ltx/batch/async_run.hpp>

#include "sim_fixture.hpp"

#include <ltx/batch/sqlite_journal.hpp>

#include <doctest/doctest.h>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/use_future.hpp>
#if defined(ASIO_HAS_CO_AWAIT)
#include <asio/use_awaitable.hpp>
#endif

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <sstream>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace batch_async_run_test {

namespace asio = ::asio;

using namespace std::chrono_literals;
using batch_sim_fixture::fast;
using batch_sim_fixture::fixture;
using batch_sim_fixture::slow;
using ltx::batch::line_state;
using ltx::batch::run_summary;

const std::vector<std::string> prompts{"one", "two", "three", "four"};

// Runs `f.io` until `ready()` or 30 s.
template <class Ready> bool run_until(fixture& f, Ready ready) {
    f.io.restart();
    const auto t0 = std::chrono::steady_clock::now();
    while (!ready() && std::chrono::steady_clock::now() - t0 < 30s) {
        f.io.run_for(10ms);
    }
    return ready();
}

// Every line of `journal` done, each with its file, and the simulator created one job each.
void check_all_done(fixture& f, ltx::batch::journal& journal) {
    for (const auto& line : journal.lines()) {
        CHECK(line.state == line_state::done);
        CHECK(std::filesystem::file_size(line.file) == line.size);
    }
    CHECK(f.sim->stats().jobsCreated == prompts.size());
}

TEST_CASE("batch async_run + ltx-sim: a plain callback gets the summary, every line done") {
    fixture f("async-callback", fast());
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    auto adapter = f.adapter(prompts);
    ltx::batch::runner r(adapter, journal, {.concurrency = 2});
    std::optional<std::error_code> ec;
    run_summary summary;
    ltx::batch::async_run(r, f.io.get_executor(), [&](std::error_code e, run_summary s) {
        ec = e;
        summary = std::move(s);
    });
    CHECK_FALSE(ec); // never within the call
    REQUIRE(run_until(f, [&] { return ec.has_value(); }));
    CHECK_FALSE(*ec);
    CHECK(summary.done == prompts.size());
    CHECK(summary.complete());
    check_all_done(f, journal);
}

TEST_CASE("batch async_run + ltx-sim: use_future") {
    fixture f("async-future", fast());
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    auto adapter = f.adapter(prompts);
    ltx::batch::runner r(adapter, journal, {.concurrency = 3});
    auto result = ltx::batch::async_run(r, f.io.get_executor(), ::asio::use_future);
    REQUIRE(run_until(f, [&] { return result.wait_for(0s) == std::future_status::ready; }));
    const auto summary = result.get();
    CHECK(summary.done == prompts.size());
    check_all_done(f, journal);
}

#if defined(ASIO_HAS_CO_AWAIT)
// The README's adapter polls at the client's default interval (3 s, then 4.5 s): about 7.5 s.
TEST_CASE("batch async_run + ltx-sim: the README's coroutine example, verbatim") {
    fixture f("async-awaitable", fast());
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    const auto requests = f.requests(prompts);
    auto& api = f.api;
    auto& http = f.http;
    auto& io = f.io;
    // The README's "out" folder is the fixture's, the current directory while the example runs.
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(f.dir);
    std::ostringstream printed;
    auto* const cout_buffer = std::cout.rdbuf(printed.rdbuf());

    // README.md, "The batch journal": from here, kept as the README writes it
    // clang-format off
using adapter = ltx::batch::studio_adapter<ltx::basic_client<ltx::asio::transport>,
                                           ltx::asio::transport>;
adapter lines(api, http, requests, "out");       // line i's video: out/<i + 1>.mp4
ltx::batch::runner run(lines, journal, {.concurrency = 4});
asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    auto summary = co_await ltx::batch::async_run(run, io.get_executor(), asio::use_awaitable);
    std::cout << summary.done << " done, " << summary.failed << " failed\n";
}, asio::detached);
io.run();
    // clang-format on
    // to here

    std::cout.rdbuf(cout_buffer);
    std::filesystem::current_path(previous);
    CHECK(printed.str() == "4 done, 0 failed\n");
    for (const auto& line : journal.lines()) {
        CHECK(line.state == line_state::done);
        CHECK(std::filesystem::file_size(f.dir / line.file) == line.size);
    }
    CHECK(f.sim->stats().jobsCreated == prompts.size());
}

TEST_CASE("batch async_run: the README's example is the one above") {
    const auto read = [](const char* path) {
        std::ifstream in{path, std::ios::binary};
        return std::string{std::istreambuf_iterator<char>{in}, {}};
    };
    const auto readme = read(LTX_TESTS_SOURCE_DIR "/../README.md");
    const auto self = read(LTX_TESTS_SOURCE_DIR "/batch/async_run.cpp");
    const auto cut = [](const std::string& text, const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        const auto end = text.find(to, at);
        REQUIRE(at != std::string::npos);
        REQUIRE(end != std::string::npos);
        return text.substr(at, end + to.size() - at);
    };
    const std::string first = "using adapter = ltx::batch::studio_adapter";
    CHECK(cut(readme, first, "io.run();") == cut(self, first, "io.run();"));
}
#endif

TEST_CASE("batch async_run + ltx-sim: deferred, the default token, launched later") {
    fixture f("async-deferred", fast());
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    auto adapter = f.adapter(prompts);
    ltx::batch::runner r(adapter, journal, {.concurrency = 2});
    auto op = ltx::batch::async_run(r, f.io.get_executor());
    f.io.poll();
    CHECK(f.sim->stats().jobsCreated == 0); // nothing starts before the launch
    std::optional<run_summary> summary;
    std::move(op)([&](std::error_code ec, run_summary s) {
        CHECK_FALSE(ec);
        summary = std::move(s);
    });
    REQUIRE(run_until(f, [&] { return summary.has_value(); }));
    CHECK(summary->done == prompts.size());
    check_all_done(f, journal);
}

TEST_CASE("batch async_run + ltx-sim: a cancellation stops the run, the resume creates nothing "
          "twice") {
    fixture f("async-cancel", slow()); // jobs still running when the cancellation comes
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    {
        auto adapter = f.adapter(prompts);
        ::asio::cancellation_signal signal;
        std::size_t submitted = 0;
        ltx::batch::runner r(adapter, journal,
                             {.concurrency = 2, .on_transition = [&](const auto& t) {
                                  if (t.state == line_state::submitted && ++submitted == 2) {
                                      signal.emit(::asio::cancellation_type::terminal);
                                  }
                              }});
        std::optional<std::error_code> ec;
        run_summary summary;
        ltx::batch::async_run(
            r, f.io.get_executor(),
            ::asio::bind_cancellation_slot(signal.slot(), [&](std::error_code e, run_summary s) {
                ec = e;
                summary = std::move(s);
            }));
        REQUIRE(run_until(f, [&] { return ec.has_value(); }));
        CHECK(*ec == ltx::errc::cancelled);
        CHECK(summary.submitted == 2);
        CHECK(summary.planned == 2);
        CHECK(f.sim->stats().jobsCreated == 2);
    }
    f.finish_jobs(); // the two submitted ones, which the resume only polls
    auto o2 = f.adapter(prompts);
    ltx::batch::runner resumed(o2, journal,
                               {.concurrency = 2, .on_transition = f.finish_on_submit()});
    std::optional<run_summary> summary;
    ltx::batch::async_run(resumed, f.io.get_executor(), [&](std::error_code ec, run_summary s) {
        CHECK_FALSE(ec);
        summary = std::move(s);
    });
    REQUIRE(run_until(f, [&] { return summary.has_value(); }));
    CHECK(summary->done == prompts.size());
    check_all_done(f, journal);
}

TEST_CASE("batch async_run + ltx-sim: a run with nothing to do completes after the call") {
    fixture f("async-nothing", fast());
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, {});
    auto adapter = f.adapter({});
    ltx::batch::runner r(adapter, journal, {});
    bool called = false;
    ltx::batch::async_run(r, f.io.get_executor(), [&](std::error_code ec, run_summary s) {
        CHECK_FALSE(ec);
        CHECK(s.complete());
        called = true;
    });
    CHECK_FALSE(called);
    REQUIRE(run_until(f, [&] { return called; }));
}

} // namespace batch_async_run_test
