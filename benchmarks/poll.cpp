// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// CPU per status poll: the client's cost of one `get_job` (build the request, hand it to a
// transport, check the status, decode the completed-job JSON into ltx::job), over a transport
// that answers at once from memory, so that the time is the client's alone; sync and async
// (callback) calls. The floor beside them: the same request written by hand into a string and
// the same body parsed by boost::json::parse, reading the two fields a poll looks at. Then one
// poll over ltx::asio::transport against an in-process ltx-sim, timed in CPU time of the
// calling thread (the simulator runs on a thread of its own): the client's CPU with real I/O.
#include "support.hpp"

#include "sim_client.hpp"

#include <ltx/asio.hpp>
#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <exception>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace {

const std::string job_id =
    "email:jane.doe@example.com:3b1f6c2e-8d47-4a90-b5e1-0c9f2d7a6e48-type:video";
const std::string token = "0123456789abcdef0123456789abcdef";

const std::string completed_job =
    R"({"jobId":"email:jane.doe@example.com:3b1f6c2e-8d47-4a90-b5e1-0c9f2d7a6e48-type:video",)"
    R"("generationId":"gen_01JX4M2K8Q7W","status":{"type":"completed","progress":100,)"
    R"("artifact":{"assetUrl":"https://cdn.example.com/ltx-studio/generations/)"
    R"(9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f/output.mp4?Expires=1748919477&KeyName=ltx-prod&)"
    R"(Signature=Qm9vc3RKU09OaXNmYXN0YnV0cmVmbGVjdGlvbmlzZmFzdGVy-_x7Y2Fm",)"
    R"("expirationDateString":"1748919477350","asset":{"type":"artifact",)"
    R"("fileId":"asset:9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f-type:video/mp4",)"
    R"("mimeType":"video/mp4","artifactSubtype":"model-serving"}}}})";

ltx::http::response canned_response() {
    ltx::http::response r;
    r.status = 200;
    r.headers.add("Content-Type", "application/json");
    r.body = completed_job;
    return r;
}

// Answers every request with a copy of one response: `send` at once, `async_send` from `run`
// (never inside the call), on the calling thread. Both borrow the request, as the transport
// concepts allow (the async one: the client keeps it alive until the handler runs).
class canned_transport {
public:
    explicit canned_transport(ltx::http::response answer) : answer_(std::move(answer)) {}

    ltx::http::response send(const ltx::http::request&, std::error_code& ec) {
        ec.clear();
        return answer_;
    }
    void async_send(const ltx::http::request&, ltx::http::response_handler h) {
        ready_.push_back(std::move(h));
    }
    template <class Handler> void async_sleep(std::chrono::milliseconds, Handler&&) {
        // The benchmarks' calls never retry, so they never sleep.
    }
    void run() {
        running_.swap(ready_);
        for (auto& h : running_)
            h({}, answer_);
        running_.clear();
    }

private:
    ltx::http::response answer_;
    std::vector<ltx::http::response_handler> ready_;
    std::vector<ltx::http::response_handler> running_;
};

ltx::config bench_config() {
    ltx::config c;
    c.token = token;
    return c;
}

void poll_ltx_sync(benchmark::State& state) {
    canned_transport t{canned_response()};
    ltx::basic_client api{t, bench_config()};
    for (auto _ : state) {
        auto j = api.get_job(job_id);
        if (!ltx::is_done(j)) {
            state.SkipWithError("the poll did not decode a completed job");
            break;
        }
        benchmark::DoNotOptimize(j);
    }
    ltx_bench::report_allocations(state, [&] { benchmark::DoNotOptimize(api.get_job(job_id)); });
}
BENCHMARK(poll_ltx_sync)->Name("poll/ltx_get_job");

void poll_ltx_async(benchmark::State& state) {
    canned_transport t{canned_response()};
    ltx::basic_client api{t, bench_config()};
    bool done = false;
    const auto poll = [&] {
        api.async_get_job(job_id,
                          [&](std::error_code ec, ltx::job j) { done = !ec && ltx::is_done(j); });
        t.run();
    };
    for (auto _ : state) {
        poll();
        if (!done) {
            state.SkipWithError("the poll did not decode a completed job");
            break;
        }
    }
    ltx_bench::report_allocations(state, poll);
}
BENCHMARK(poll_ltx_async)->Name("poll/ltx_async_get_job");

// The floor: the request a hand-written client would send, and the body parsed into a
// Boost.JSON document whose status and artifact URL are read.
void poll_floor(benchmark::State& state) {
    const auto answer = canned_response();
    const auto poll = [&] {
        std::string head = "GET /v1/ltxstudio/assets/" + job_id +
                           " HTTP/1.1\r\nHost: api.useapi.net\r\nAuthorization: Bearer " + token +
                           "\r\nAccept: application/json\r\n\r\n";
        benchmark::DoNotOptimize(head);
        const std::string body = answer.body;
        boost::json::error_code ec;
        const auto jv = boost::json::parse(body, ec);
        const auto* status = ec ? nullptr : jv.find_pointer("/status", ec);
        const auto* url = status ? status->find_pointer("/artifact/assetUrl", ec) : nullptr;
        return status && url && url->is_string() && status->at("type") == "completed";
    };
    for (auto _ : state) {
        if (!poll()) {
            state.SkipWithError("the floor did not read a completed job");
            break;
        }
    }
    ltx_bench::report_allocations(state, poll);
}
BENCHMARK(poll_floor)->Name("poll/floor_boost_json");

// One poll over loopback: ltx::asio::transport's sync send (its own io_context on this
// thread, the connection kept alive) against ltx-sim, whose thread's CPU is not counted.
void poll_ltx_sim(benchmark::State& state) {
    const auto s = ltx_bench::sim_client::start(state, token);
    if (!s)
        return;
    auto& api = s->api;
    std::string id;
    try {
        id = api.create_video(s->request).jobId;
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    std::error_code ec;
    ltx::diagnostics diag;
    for (auto _ : state) {
        auto j = api.get_job(id, ec, diag);
        if (ec || !ltx::is_done(j)) {
            state.SkipWithError("the poll of the simulator failed");
            break;
        }
        benchmark::DoNotOptimize(j);
    }
    state.counters["connections"] = static_cast<double>(s->http.stats().connections_opened);
}
BENCHMARK(poll_ltx_sim)->Name("poll/ltx_asio_sim");

// The targets: a poll costs the client at most twice the hand-written floor, and at most 12
// allocations, sync or async.
const bool ratios = ltx_bench::add_ratios({
    {"poll: ltx get_job/hand request+parse", "poll/ltx_get_job", "poll/floor_boost_json", 2.0},
    {"poll: ltx async_get_job/hand request+parse", "poll/ltx_async_get_job",
     "poll/floor_boost_json", 2.0},
});
const bool allocation_targets = ltx_bench::add_allocation_targets({
    {"poll: ltx get_job allocations", "poll/ltx_get_job", 12},
    {"poll: ltx async_get_job allocations", "poll/ltx_async_get_job", 12},
});

} // namespace
