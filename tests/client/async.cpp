// The callback driver: the same rules as the sync calls, never completing inline.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using ltx::errc;
using ltx::http::method;
using namespace ltx_test;
using std::chrono::milliseconds;

TEST_CASE_FIXTURE(fixture, "async_create_video completes once, after the call returns") {
    mock.expect(method::post).respond(429);
    mock.expect(method::post).respond(200, R"({"jobId":"j"})");
    int calls = 0;
    std::optional<ltx::ltx_create_response> got;
    client.async_create_video({.prompt = "p", .startAssetId = "a"},
                              [&](std::error_code ec, ltx::ltx_create_response j) {
                                  ++calls;
                                  CHECK_FALSE(ec);
                                  got = std::move(j);
                              });
    CHECK(calls == 0);
    mock.run_all();
    CHECK(calls == 1);
    CHECK(got->jobId == "j");
    CHECK(mock.requests().size() == 2);
    CHECK(clock.sleeps().size() == 1);
}

TEST_CASE_FIXTURE(fixture, "async validation failures send nothing and do not complete inline") {
    int calls = 0;
    ltx::diagnostics d;
    client.async_call<ltx::endpoints::create_video>(
        {.prompt = ""},
        [&](std::error_code ec, ltx::ltx_create_response) {
            ++calls;
            CHECK(ec == errc::invalid_request);
        },
        &d);
    CHECK(calls == 0);
    mock.run_all();
    CHECK(calls == 1);
    CHECK(d.violations.size() == 2);
    CHECK(mock.requests().empty());
}

TEST_CASE_FIXTURE(fixture, "async create never re-sent after an ambiguous failure") {
    mock.expect(method::post).fail(ltx::http::transport_errc::timeout);
    std::error_code got;
    ltx::diagnostics d;
    client.async_call<ltx::endpoints::create_video>(
        {.prompt = "p", .startAssetId = "a"},
        [&](std::error_code ec, ltx::ltx_create_response) { got = ec; }, &d);
    mock.run_all();
    CHECK(got == errc::outcome_unknown);
    CHECK(mock.requests().size() == 1);
    no_token(got, d);
}

TEST_CASE_FIXTURE(fixture, "async_wait follows the job to the end") {
    mock.expect(method::get).respond(200, active_job(30));
    mock.expect(method::get).respond(500);
    mock.expect(method::get).respond(200, R"({"status":{"type":"completed","progress":100}})");
    mock.expect(method::get).respond(200, completed_job);
    std::vector<int> progress;
    std::optional<std::error_code> result;
    client.async_wait(
        "j",
        {.interval = milliseconds{100},
         .on_progress =
             [&](const ltx::job& j) { progress.push_back(j.status->progress.value_or(-1)); }},
        [&](std::error_code ec, ltx::job j) {
            result = ec;
            CHECK(ltx::is_done(j));
        });
    mock.run_all();
    REQUIRE(result);
    CHECK_FALSE(*result);
    CHECK(progress == std::vector<int>{30, 100, 100});
}

TEST_CASE_FIXTURE(fixture, "async_wait is cancelled at once, mid-pause") {
    for (int i = 0; i < 5; ++i)
        mock.expect(method::get).respond(200, active_job(i));
    ltx::cancellation cancel;
    std::optional<std::error_code> result;
    client.async_wait("j", {.interval = milliseconds{1000}, .cancel = cancel.token()},
                      [&](std::error_code ec, ltx::job) { result = ec; });
    mock.run_one(); // first poll answered; the wait now pauses
    CHECK_FALSE(result);
    cancel.cancel();
    REQUIRE(result);
    CHECK(*result == errc::cancelled);
    mock.run_all(); // the pending pause ends without a second completion or poll
    CHECK(mock.requests().size() == 1);
}

TEST_CASE_FIXTURE(fixture, "async_wait whose poll the transport cancels is cancelled") {
    mock.expect(method::get).respond(200, active_job(1));
    mock.expect(method::get).fail(ltx::http::transport_errc::cancelled);
    mock.expect(method::get).respond(200, active_job(2));
    std::optional<std::error_code> result;
    ltx::diagnostics d;
    client.async_wait(
        "j", {.interval = milliseconds{10}}, [&](std::error_code ec, ltx::job) { result = ec; },
        &d);
    mock.run_all();
    REQUIRE(result);
    CHECK(*result == errc::cancelled);
    CHECK(d.transport_error == ltx::http::transport_errc::cancelled);
    CHECK(mock.requests().size() == 2); // neither retried nor polled again
}

TEST_CASE_FIXTURE(fixture, "async_wait reports a failed job and a deadline") {
    mock.expect(method::get).respond(200, R"({"status":{"type":"failed","message":"boom"}})");
    std::optional<std::error_code> result;
    ltx::diagnostics d;
    client.async_wait(
        "j", {}, [&](std::error_code ec, ltx::job) { result = ec; }, &d);
    mock.run_all();
    CHECK(*result == errc::job_failed);
    CHECK(d.server_message == "boom");

    for (int i = 0; i < 10; ++i)
        mock.expect(method::get).respond(200, active_job(i));
    result.reset();
    client.async_wait("j", {.interval = milliseconds{1000}, .timeout = milliseconds{2500}},
                      [&](std::error_code ec, ltx::job) { result = ec; });
    mock.run_all();
    CHECK(*result == errc::wait_timeout);
}

TEST_CASE_FIXTURE(fixture, "async_wait cancelled from its own progress callback ends once") {
    for (int i = 0; i < 5; ++i)
        mock.expect(method::get).respond(200, active_job(i));
    ltx::cancellation cancel;
    int completions = 0;
    std::optional<std::error_code> result;
    client.async_wait("j",
                      {.interval = milliseconds{100},
                       .on_progress =
                           [&](const ltx::job& j) {
                               if (j.status->progress == 1)
                                   cancel.cancel(); // on the thread running the wait's step
                           },
                       .cancel = cancel.token()},
                      [&](std::error_code ec, ltx::job j) {
                          ++completions;
                          result = ec;
                          CHECK(j.status->progress == 1); // the last job seen
                      });
    mock.run_all();
    CHECK(completions == 1);
    REQUIRE(result);
    CHECK(*result == errc::cancelled);
    CHECK(mock.requests().size() == 2); // polls 0 and 1, no third
}

TEST_CASE_FIXTURE(fixture, "async_wait cancelled from another thread while a poll is pending") {
    for (int i = 0; i < 3; ++i)
        mock.expect(method::get).respond(200, active_job(i));
    ltx::cancellation cancel;
    std::atomic<int> completions{0};
    std::error_code result;
    client.async_wait("j", {.interval = milliseconds{100}, .cancel = cancel.token()},
                      [&](std::error_code ec, ltx::job) {
                          ++completions;
                          result = ec;
                      });
    std::thread other{[&] { cancel.cancel(); }};
    other.join();
    CHECK(completions.load() == 1);
    CHECK(result == errc::cancelled);
    mock.run_all(); // the poll in flight completes into a finished wait
    CHECK(completions.load() == 1);
    CHECK(mock.requests().size() <= 1);
}

TEST_CASE_FIXTURE(fixture, "the async veo and image calls send their endpoint's request") {
    mock.expect(method::post, "videos/veo-create").respond(200, R"({"jobId":"v"})");
    mock.expect(method::post, "images/create").respond(200, R"({"jobId":"c-type:image"})");
    mock.expect(method::post, "images/edit").respond(200, R"({"jobId":"e-type:image"})");
    mock.expect(method::post, "images/upscale").respond(200, R"({"jobId":"u-type:image"})");
    std::vector<std::string> ids;
    const auto keep = [&](std::error_code ec, ltx::created_job j) {
        CHECK_FALSE(ec);
        ids.push_back(j.jobId);
    };
    client.async_create_veo_video({.model = ltx::veo_model::veo3}, keep);
    client.async_create_image({.prompt = "p"}, keep);
    client.async_edit_image({.prompt = "p", .referenceAssetId = "asset:a"}, keep);
    client.async_upscale_image({.jobId = "c-type:image"}, keep);
    CHECK(ids.empty());
    mock.run_all();
    CHECK(ids == std::vector<std::string>{"v", "c-type:image", "e-type:image", "u-type:image"});
    REQUIRE(mock.requests().size() == 4);
    CHECK(mock.requests()[0].body == R"({"model":"veo3"})");
    CHECK(mock.requests()[3].body == R"({"jobId":"c-type:image"})");
}

TEST_CASE_FIXTURE(fixture,
                  "the async veo and image calls are never re-sent after an ambiguous failure") {
    for (int i = 0; i < 4; ++i)
        mock.expect(method::post).fail(ltx::http::transport_errc::connection_reset);
    std::vector<std::error_code> got;
    const auto keep = [&](std::error_code ec, ltx::created_job) { got.push_back(ec); };
    client.async_create_veo_video({.model = ltx::veo_model::veo3}, keep);
    client.async_create_image({.prompt = "p"}, keep);
    client.async_edit_image({.prompt = "p", .referenceAssetId = "asset:a"}, keep);
    client.async_upscale_image({.jobId = "c-type:image"}, keep);
    mock.run_all();
    REQUIRE(got.size() == 4);
    for (const auto& ec : got)
        CHECK(ec == errc::outcome_unknown);
    CHECK(mock.requests().size() == 4);
}

namespace client_async_borrowed {

// A transport that borrows each request (`const http::request&`, as `ltx::async_transport`
// allows) and reads it only when it hands the exchange to the mock, from `run_all()`, long
// after the call that lent it returned: what it reads must still be what was lent (under
// ASan, a request that did not live until its handler ran is a failure).
struct borrowing_transport {
    ltx::testing::timed_mock_transport& mock;
    std::vector<std::pair<const ltx::http::request*, ltx::http::response_handler>> lent;
    std::vector<std::string> read; // "target | Authorization" of each request when read

    void async_send(const ltx::http::request& req, ltx::http::response_handler h) {
        lent.emplace_back(&req, std::move(h));
    }
    template <class Handler> void async_sleep(std::chrono::milliseconds d, Handler&& h) {
        mock.async_sleep(d, std::forward<Handler>(h));
    }
    // Hands over one lent exchange at a time, then runs the mock one step.
    void run_all() {
        for (;;) {
            if (!lent.empty()) {
                auto [req, h] = std::move(lent.front());
                lent.erase(lent.begin());
                read.push_back(std::string{req->url.target()} + " | " +
                               std::string{req->headers.find("Authorization").value_or("")});
                mock.async_send(*req, std::move(h));
            } else if (mock.run_all(1) == 0) {
                return;
            }
        }
    }
};

static_assert(ltx::async_transport<borrowing_transport>);

struct borrowing_fixture : ltx_test::fixture {
    borrowing_transport lender{mock, {}, {}};
    ltx::basic_client<borrowing_transport, ltx::testing::manual_clock> borrower{
        lender, ltx_test::test_config(), clock};
};

const std::string job_target = "/v1/ltxstudio/assets/j";
const std::string bearer = std::string{"Bearer "} + ltx_test::token;

TEST_CASE_FIXTURE(borrowing_fixture, "a borrowing transport reads every lent request intact") {
    mock.expect(method::get).respond(503);
    mock.expect(method::get).respond(200, active_job(40));
    mock.expect(method::get).respond(200, completed_job);
    std::optional<std::error_code> got;
    borrower.async_get_job("j", [&](std::error_code ec, ltx::job j) {
        got = ec;
        CHECK(j.status->progress == 40);
    });
    CHECK(lender.lent.size() == 1);
    lender.run_all(); // the 503 is retried: the same request is lent again
    REQUIRE(got);
    CHECK_FALSE(*got);
    std::optional<std::error_code> waited;
    borrower.async_wait("j", {.interval = milliseconds{10}}, [&](std::error_code ec, ltx::job j) {
        waited = ec;
        CHECK(ltx::is_done(j));
    });
    lender.run_all(); // each poll builds and lends a new request
    REQUIRE(waited);
    CHECK_FALSE(*waited);
    const std::string expected = job_target + " | " + bearer;
    CHECK(lender.read == std::vector<std::string>{expected, expected, expected});
    REQUIRE(mock.requests().size() == 3);
    CHECK(mock.requests()[2].headers.find("Authorization") == bearer);
}

TEST_CASE_FIXTURE(borrowing_fixture, "a lent request outlives a wait cancelled meanwhile") {
    mock.expect(method::get).respond(200, active_job(10));
    ltx::cancellation cancel;
    std::optional<std::error_code> got;
    borrower.async_wait("j", {.interval = milliseconds{10}, .cancel = cancel.token()},
                        [&](std::error_code ec, ltx::job) { got = ec; });
    REQUIRE(lender.lent.size() == 1);
    cancel.cancel(); // completes the wait at once; the request stays lent
    REQUIRE(got);
    CHECK(*got == errc::cancelled);
    lender.run_all(); // reads the request, then completes into the finished wait
    CHECK(lender.read == std::vector<std::string>{job_target + " | " + bearer});
    CHECK(mock.requests().size() == 1);
}

} // namespace client_async_borrowed
