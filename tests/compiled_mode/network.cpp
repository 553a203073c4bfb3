// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Second translation unit of ltx_compiled_mode_test: the Asio adapter in compiled mode, its
// definitions in src.cpp (<ltx/asio/src.hpp>). Creates a video and waits for it against the
// test server on 127.0.0.1, which completes a job at its third poll.
#include <ltx/asio.hpp>

#include "asio/transport_support.hpp"
#include "asio_servers/test_server.hpp"

#include <chrono>

int ltx_compiled_mode_network() {
    ltx_test::http_server server;
    ltx::test::io_thread runner;
    ltx::asio::transport http{runner.executor()};
    ltx::basic_client api{http, ltx::config{.token = "compiled-mode-token",
                                            .base_url = server.url("/v1/ltxstudio/"),
                                            .retry = {.max_attempts = 1}}};
    const auto job = api.create_video({.prompt = "Waves", .startAssetId = "asset:1"});
    const auto done = api.wait(job.jobId, {.interval = std::chrono::milliseconds{1},
                                           .max_interval = std::chrono::milliseconds{1}});
    int polls = 0;
    if (done.status && done.status->type == ltx::job_state::completed) {
        for (const auto& r : server.requests()) {
            polls += r.method == "GET" ? 1 : 0;
        }
    }
    return polls;
}
