// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Client memory per concurrently waited job: N `async_wait`s of N active jobs on one thread,
// each left between two polls, as a waited job spends nearly all its time: its first poll
// answered "active" from memory, its next one an hour away on the Asio timer of
// ltx::asio::transport::async_sleep. The heap in use (mallinfo2: every arena, mmapped blocks
// included, so malloc's own headers count too) is read before the waits start and once they
// all sleep; the difference over N is the counter `bytes_per_job`. `allocs_per_job` counts the
// allocations made per job on the way (start the wait, poll once, go to sleep), freed or not.
// Connections are not per job (a poll borrows a pooled one), so none is counted here.
#include "support.hpp"

#include <ltx/asio.hpp>
#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <asio/io_context.hpp>
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace {

const std::string active_job =
    R"({"jobId":"email:jane.doe@example.com:3b1f6c2e-8d47-4a90-b5e1-0c9f2d7a6e48-type:video",)"
    R"("generationId":"gen_01JX4M2K8Q7W","status":{"type":"active","progress":40,)"
    R"("message":"Generating"}})";

// Polls answered "active" from memory (from `run`, never inside the call); pauses on the
// timers of an ltx::asio::transport.
class parked_transport {
public:
    explicit parked_transport(ltx::asio::transport& timers) : timers_(timers) {
        answer_.status = 200;
        answer_.headers.add("Content-Type", "application/json");
        answer_.body = active_job;
    }

    void async_send(ltx::http::request, ltx::http::response_handler h) {
        ready_.push_back(std::move(h));
    }
    template <class Handler> void async_sleep(std::chrono::milliseconds d, Handler&& h) {
        timers_.async_sleep(d, std::forward<Handler>(h));
    }
    std::size_t run() {
        std::vector<ltx::http::response_handler> now;
        now.swap(ready_);
        for (auto& h : now)
            h({}, answer_);
        return now.size();
    }

private:
    ltx::asio::transport& timers_;
    ltx::http::response answer_;
    std::vector<ltx::http::response_handler> ready_;
};

std::size_t heap_in_use() {
    const auto m = ::mallinfo2();
    return m.uordblks + m.hblkhd;
}

void wait_memory(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<std::string> ids;
    ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        ids.push_back("email:jane.doe@example.com:3b1f6c2e-8d47-4a90-b5e1-" +
                      std::to_string(100'000'000'000 + i) + "-type:video");
    ltx::config c;
    c.token = "0123456789abcdef0123456789abcdef";
    ltx::wait_options w;
    w.interval = std::chrono::hours{1};
    double bytes = 0, allocs = 0;
    for (auto _ : state) {
        ::asio::io_context io{1};
        ltx::asio::transport timers{io.get_executor()};
        parked_transport t{timers};
        ltx::basic_client api{t, c};
        std::size_t finished = 0;
        const auto heap0 = heap_in_use();
        const auto allocs0 = ltx_bench::allocation_count();
        for (const auto& id : ids)
            api.async_wait(id, w, [&](std::error_code, ltx::job) { ++finished; });
        const auto polled = t.run();
        io.poll(); // arms the timers
        bytes = static_cast<double>(heap_in_use() - heap0) / static_cast<double>(n);
        allocs =
            static_cast<double>(ltx_bench::allocation_count() - allocs0) / static_cast<double>(n);
        if (polled != n || finished != 0 || io.stopped()) {
            state.SkipWithError("the waits did not all poll once and sleep");
            break;
        }
    }
    state.counters["bytes_per_job"] = bytes;
    state.counters["allocs_per_job"] = allocs;
}
BENCHMARK(wait_memory)
    ->Name("wait_memory/jobs")
    ->Arg(1'000)
    ->Arg(10'000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

} // namespace
