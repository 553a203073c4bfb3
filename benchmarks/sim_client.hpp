// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What the benchmarks that run against the simulator share: an in-process ltx-sim with
// instant jobs, and an LTX Studio client over ltx::asio::transport (its own io_context, on the
// benchmark's thread) with the simulator's start frame uploaded.
#ifndef LTX_BENCHMARKS_SIM_CLIENT_HPP
#define LTX_BENCHMARKS_SIM_CLIENT_HPP

#include "../tools/ltx-sim/sim/server.hpp"

#include <ltx/asio.hpp>
#include <ltx/client.hpp>

#include <asio/io_context.hpp>
#include <benchmark/benchmark.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#ifndef LTX_BENCH_FIXTURES_DIR
#define LTX_BENCH_FIXTURES_DIR "tools/ltx-sim/fixtures"
#endif

namespace ltx_bench {

/// The simulator, the client and a create request whose start frame is uploaded.
struct sim_client {
    using client = ltx::basic_client<ltx::asio::transport>;

    /// Starts both, or reports why not through `state.SkipWithError` and returns null.
    /// `o` gets the committed fixtures, instant jobs without URL lag, a fixed seed, no log and
    /// the one token `token`.
    /// `fixtures` replaces the committed fixtures (it must hold `start.png` and the videos).
    static std::unique_ptr<sim_client>
    start(benchmark::State& state, const std::string& token, ltx::sim::options o = {},
          const std::filesystem::path& fixtures = LTX_BENCH_FIXTURES_DIR) {
        o.fixtures_dir = fixtures;
        o.speed = std::chrono::milliseconds{0}; // done at once: every poll reads a finished job
        o.url_lag = false;
        o.seed = 1;
        o.log = nullptr;
        o.tokens = {token};
        try {
            auto s = std::unique_ptr<sim_client>(new sim_client(std::move(o), token));
            s->request.startAssetId = s->api.upload_file(fixtures / "start.png").asset.fileId;
            return s;
        } catch (const std::exception& e) { // no fixtures where `fixtures` says
            state.SkipWithError(e.what());
            return nullptr;
        }
    }

    ltx::sim::background_server sim;
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    client api;
    ltx::ltx_create_request request;

private:
    static ltx::config config_for(ltx::sim::background_server& sim, std::string token) {
        ltx::config c;
        c.token = std::move(token);
        c.base_url = sim->api_url() + "/v1/ltxstudio/";
        return c;
    }
    sim_client(ltx::sim::options o, const std::string& token)
        : sim(std::move(o)), api(http, config_for(sim, token)) {
        request.prompt = "Benchmark";
    }
};

} // namespace ltx_bench

#endif
