// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// What the batch tests against ltx-sim share: a simulator on loopback, an LTX Studio client over
// the Asio transport with the simulator's start frame uploaded, a scratch folder, and a run
// driven to its end.
#ifndef LTX_TESTS_BATCH_SIM_FIXTURE_HPP
#define LTX_TESTS_BATCH_SIM_FIXTURE_HPP

#include "../sim/support.hpp"
#include "scratch_dir.hpp"

#include <ltx/asio.hpp>
#include <ltx/batch/line_hash.hpp>
#include <ltx/batch/runner.hpp>
#include <ltx/batch/studio_adapter.hpp>
#include <ltx/client.hpp>

#include <asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

namespace batch_sim_fixture {

using namespace std::chrono_literals;
using batch_test::scratch_dir;
using sim_test::config_for;
using sim_test::test_options;

// Starts `r` on `io` and runs `io` until the runner reports, or 30 s.
template <class Runner>
std::optional<ltx::batch::run_summary> run_to_end(::asio::io_context& io, Runner& r) {
    std::optional<ltx::batch::run_summary> summary;
    io.restart(); // a run before this one may have left the context out of work, stopped
    r.start([&](ltx::batch::run_summary s) { summary = s; });
    const auto t0 = std::chrono::steady_clock::now();
    while (!summary && std::chrono::steady_clock::now() - t0 < 30s) {
        io.run_for(20ms);
    }
    return summary;
}

// The LTX Studio fixture: the simulator, the client over the Asio transport, the start frame
// uploaded.
struct fixture {
    explicit fixture(const std::string& name, ltx::sim::options o)
        : sim(std::move(o)), http(io.get_executor()), api(http, config_for(sim)), scratch(name) {
        asset = api.upload_file(test_options().fixtures_dir / "start.png").asset.fileId;
    }

    std::vector<ltx::ltx_create_request> requests(std::vector<std::string> prompts) const {
        std::vector<ltx::ltx_create_request> out;
        for (auto& p : prompts) {
            ltx::ltx_create_request r;
            r.prompt = std::move(p);
            r.startAssetId = asset;
            out.push_back(std::move(r));
        }
        return out;
    }

    void plan(ltx::batch::journal& j, const std::vector<std::string>& prompts) const {
        std::vector<ltx::batch::planned_line> lines;
        for (const auto& p : prompts) {
            lines.push_back({lines.size(), ltx::batch::line_hash(p)});
        }
        j.plan(lines);
    }

    using adapter_type =
        ltx::batch::studio_adapter<ltx::basic_client<ltx::asio::transport>, ltx::asio::transport>;

    adapter_type adapter(const std::vector<std::string>& prompts) {
        return adapter_type(api, http, requests(prompts), dir / "out", {},
                            {.interval = 10ms, .backoff = 1.0, .timeout = 30s});
    }

    // Ends every job created so far, by moving the simulator's clock past a `slow()` job.
    void finish_jobs() { sim->advance_clock(2h); }

    // An `on_transition` that calls `finish_jobs()` on each submission: with `slow()` jobs, a
    // run ends as soon as its last job is submitted, and no job ends before a test says so.
    auto finish_on_submit() {
        return [this](const ltx::batch::line_record& l) {
            if (l.state == ltx::batch::line_state::submitted) {
                finish_jobs();
            }
        };
    }

    std::optional<ltx::batch::run_summary> run(ltx::batch::runner<adapter_type>& r) {
        return run_to_end(io, r);
    }

    ltx::sim::background_server sim;
    ::asio::io_context io;
    ltx::asio::transport http;
    ltx::basic_client<ltx::asio::transport> api;
    scratch_dir scratch;
    const std::filesystem::path& dir = scratch.path;
    std::string asset;
};

inline ltx::sim::options fast() {
    auto o = test_options();
    o.speed = 30ms;
    return o;
}

// Jobs that run for an hour of the simulator's clock: still running whenever a test looks,
// however loaded the machine, until `fixture::finish_jobs()` moves the clock. Download URLs
// outlive any number of those moves: a URL handed out for a done job may be fetched after a
// later submission's `finish_jobs()`, and must not have expired by then.
inline ltx::sim::options slow() {
    auto o = test_options();
    o.speed = 1h;
    o.url_ttl = std::chrono::hours{24 * 365};
    return o;
}

} // namespace batch_sim_fixture

#endif
