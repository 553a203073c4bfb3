// Waiting for a job on simulated time: out-of-sync completion, failure, deadline, cancel.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

#include <numeric>

using ltx::errc;
using ltx::http::method;
using namespace ltx_test;
using std::chrono::milliseconds;

namespace {
const std::string completed_without_url =
    R"({"status":{"type":"completed","progress":100},"jobId":"j"})";
}

TEST_CASE_FIXTURE(fixture, "wait polls until completed AND the artifact URL is there") {
    mock.expect(method::get, "assets/j").respond(200, active_job(10));
    mock.expect(method::get, "assets/j").respond(200, active_job(60));
    mock.expect(method::get, "assets/j").respond(200, completed_without_url);
    mock.expect(method::get, "assets/j").respond(200, completed_job);
    std::vector<int> progress;
    const auto j = client.wait("j", {.interval = milliseconds{1000},
                                     .backoff = 2.0,
                                     .max_interval = milliseconds{3000},
                                     .on_progress = [&](const ltx::job& x) {
                                         progress.push_back(x.status->progress.value_or(-1));
                                     }});
    CHECK(ltx::is_done(j));
    CHECK(progress == std::vector<int>{10, 60, 100, 100});
    CHECK(clock.sleeps() ==
          std::vector<milliseconds>{milliseconds{1000}, milliseconds{2000}, milliseconds{3000}});
    CHECK(mock.failures().empty());
}

TEST_CASE_FIXTURE(fixture, "a failed job ends the wait with the server's message") {
    mock.expect(method::get).respond(200, active_job(5));
    mock.expect(method::get)
        .respond(200, R"({"status":{"type":"failed","message":"Content policy violation"}})");
    std::error_code ec;
    ltx::diagnostics d;
    const auto j = client.wait("j", {.interval = milliseconds{10}}, ec, d);
    CHECK(ec == errc::job_failed);
    CHECK(d.server_message == "Content policy violation");
    CHECK(ltx::is_failed(j));
    try {
        mock.expect(method::get).respond(200, R"({"status":{"type":"failed","message":"x"}})");
        client.wait("j");
        FAIL("no exception");
    } catch (const ltx::api_error& e) {
        CHECK(e.code() == errc::job_failed);
        CHECK(e.server_message() == "x");
    }
}

TEST_CASE_FIXTURE(fixture, "the deadline ends the wait") {
    for (int i = 0; i < 10; ++i)
        mock.expect(method::get).respond(200, active_job(i));
    std::error_code ec;
    ltx::diagnostics d;
    client.wait("j",
                {.interval = milliseconds{1000}, .backoff = 1.0, .timeout = milliseconds{3500}}, ec,
                d);
    CHECK(ec == errc::wait_timeout);
    // Polls at 0, 1, 2, 3 s and one last at the deadline, 3.5 s.
    CHECK(mock.requests().size() == 5);
    const auto total =
        std::accumulate(clock.sleeps().begin(), clock.sleeps().end(), milliseconds{0});
    CHECK(total == milliseconds{3500});
}

TEST_CASE_FIXTURE(fixture, "transient failures do not end the wait, permanent ones do") {
    auto cfg = test_config();
    cfg.retry.max_attempts = 1;
    ltx::basic_client c{mock, cfg, clock};
    mock.expect(method::get).respond(503);
    mock.expect(method::get).fail(ltx::http::transport_errc::connection_reset);
    mock.expect(method::get).respond(200, completed_job);
    CHECK(ltx::is_done(c.wait("j", {.interval = milliseconds{5}})));
    mock.expect(method::get).respond(404, R"({"error":"Job not found"})");
    std::error_code ec;
    ltx::diagnostics d;
    c.wait("gone", {}, ec, d);
    CHECK(ec == errc::not_found);
    CHECK(d.server_message == "Job not found");
}

TEST_CASE_FIXTURE(fixture, "a sync wait is cancelled at its next step") {
    ltx::cancellation cancel;
    for (int i = 0; i < 3; ++i)
        mock.expect(method::get).respond(200, active_job(i));
    std::error_code ec;
    ltx::diagnostics d;
    client.wait("j",
                {.interval = milliseconds{10},
                 .on_progress =
                     [&](const ltx::job& j) {
                         if (j.status->progress == 1)
                             cancel.cancel();
                     },
                 .cancel = cancel.token()},
                ec, d);
    CHECK(ec == errc::cancelled);
    CHECK(mock.requests().size() == 2);
}

TEST_CASE_FIXTURE(fixture, "wait_machine: completed without a URL is not done") {
    ltx::detail::wait_machine m{ltx::wait_options{}, clock.now()};
    const auto step = [&](const std::string& body) {
        const auto j = ltx::reflect::from_json<ltx::job>(body);
        return m.on_job(ltx::studio_api::is_done(j), ltx::studio_api::is_failed(j), clock.now())
            .kind;
    };
    CHECK(step(completed_without_url) == ltx::detail::wait_step::sleep);
    CHECK(step(completed_job) == ltx::detail::wait_step::done);
    CHECK(m.on_error(ltx::errc::unauthorized, clock.now()).kind == ltx::detail::wait_step::fail);
}

TEST_CASE_FIXTURE(fixture, "a sync wait whose poll the transport cancels is cancelled") {
    mock.expect(method::get).fail(ltx::http::transport_errc::cancelled);
    mock.expect(method::get).respond(200, completed_job);
    std::error_code ec;
    ltx::diagnostics d;
    client.wait("j", {}, ec, d);
    CHECK(ec == errc::cancelled);
    CHECK(mock.requests().size() == 1);
}
