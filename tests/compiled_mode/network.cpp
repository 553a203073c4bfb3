// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Second translation unit of ltx_compiled_mode_test: the Asio adapter in compiled mode, its
// definitions in src.cpp (<ltx/asio/src.hpp>). Creates a video and waits for it against the
// test server on 127.0.0.1, which completes a job at its third poll.
#include <ltx/asio.hpp>

#include "asio_servers/test_server.hpp"

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <chrono>
#include <thread>

int ltx_compiled_mode_network() {
    ltx_test::http_server server;
    ::asio::io_context io;
    auto work = ::asio::make_work_guard(io);
    std::thread runner{[&] { io.run(); }};

    int polls = 0;
    {
        ltx::asio::transport http{io.get_executor()};
        ltx::basic_client api{http, ltx::config{.token = "compiled-mode-token",
                                                .base_url = server.url("/v1/ltxstudio/"),
                                                .retry = {.max_attempts = 1}}};
        const auto job = api.create_video({.prompt = "Waves", .startAssetId = "asset:1"});
        const auto done =
            api.wait(job.jobId.value_or(""), {.interval = std::chrono::milliseconds{1},
                                              .max_interval = std::chrono::milliseconds{1}});
        if (done.status && done.status->type == ltx::job_state::completed) {
            for (const auto& r : server.requests()) {
                polls += r.method == "GET" ? 1 : 0;
            }
        }
    }
    work.reset();
    io.stop();
    runner.join();
    return polls;
}
