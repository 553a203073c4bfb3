// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The batch runner over the official LTX API's adapter, the lightricks client's Asio transport
// and ltx-sim on loopback: every v2 endpoint's lines done with their results on disk, one job
// per line, a failed job recorded with the server's message, an unknown line left unknown.
#include <ltx/batch/lightricks_adapter.hpp>

#include "sim_fixture.hpp"

#include <ltx/asio.hpp>
#include <ltx/batch/line_hash.hpp>
#include <ltx/batch/sqlite_journal.hpp>
#include <ltx/lightricks.hpp>

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace batch_lightricks_test {

using namespace std::chrono_literals;
using batch_sim_fixture::fast;
using batch_sim_fixture::run_to_end;
using batch_test::scratch_dir;
using ltx::batch::line_state;
namespace lx = ltx::lightricks;

ltx::config lx_config(ltx::sim::background_server& sim) {
    auto c = lx::default_config(sim_test::sim_token);
    c.base_url = sim->api_url() + "/";
    c.retry.initial_backoff = 1ms;
    c.retry.max_backoff = 5ms;
    c.jitter_seed = 3;
    return c;
}

using client_type = lx::basic_client<ltx::asio::transport>;
using adapter_type = ltx::batch::lightricks_adapter<client_type, ltx::asio::transport>;

struct fixture {
    explicit fixture(const std::string& name, ltx::sim::options o)
        : sim(std::move(o)), http(io.get_executor()), api(http, lx_config(sim)),
          scratch("lx-" + name) {}

    static lx::text_to_video_request t2v(std::string prompt) {
        return {.prompt = std::move(prompt),
                .model = lx::model::ltx_2_3_fast,
                .duration = 6,
                .resolution = lx::resolution::r1920x1080};
    }

    void plan(ltx::batch::journal& j, std::size_t n) const {
        std::vector<ltx::batch::planned_line> lines;
        for (std::size_t i = 0; i < n; ++i) {
            lines.push_back({i, ltx::batch::line_hash("line " + std::to_string(i))});
        }
        j.plan(lines);
    }

    adapter_type adapter(std::vector<ltx::batch::lightricks_request> requests) {
        return adapter_type(api, http, std::move(requests), dir / "out", {},
                            {.interval = 10ms, .timeout = 30s});
    }

    std::optional<ltx::batch::run_summary> run(ltx::batch::runner<adapter_type>& r) {
        return run_to_end(io, r);
    }

    ltx::sim::background_server sim;
    ::asio::io_context io;
    ltx::asio::transport http;
    client_type api;
    scratch_dir scratch;
    const std::filesystem::path& dir = scratch.path;
};

// The first bytes of `path`.
std::string head_of(const std::string& path, std::size_t n) {
    std::ifstream in{path, std::ios::binary};
    std::string out(n, '\0');
    in.read(out.data(), static_cast<std::streamsize>(n));
    out.resize(static_cast<std::size_t>(in.gcount()));
    return out;
}

TEST_CASE("batch runner + lightricks adapter + ltx-sim: every line done, one job each") {
    auto o = fast();
    o.lx_concurrency = 3;
    fixture f("all", o);
    const std::string video = "https://media.example/clip.mp4";
    std::vector<ltx::batch::lightricks_request> requests{
        fixture::t2v("one"),
        lx::image_to_video_request{.image_uri = "https://media.example/start.png",
                                   .prompt = "two",
                                   .model = lx::model::ltx_2_3_fast,
                                   .duration = 6,
                                   .resolution = lx::resolution::r1920x1080},
        lx::audio_to_video_request{.audio_uri = "https://media.example/a.mp3", .prompt = "three"},
        lx::retake_request{.video_uri = video, .start_time = 1, .duration = 2},
        lx::extend_request{.video_uri = video, .duration = 2},
        lx::hdr_request{.video_uri = video},
        fixture::t2v("seven"),
    };
    const std::size_t n = requests.size();
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, n);
    auto adapter = f.adapter(std::move(requests));
    ltx::batch::runner r(adapter, journal, {.concurrency = 3});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == n);
    CHECK(summary->complete());
    CHECK(f.sim->stats().lightricksJobs == n);
    for (const auto& line : journal.lines()) {
        REQUIRE(line.state == line_state::done);
        CHECK(line.job_id.find('/') != std::string::npos);
        CHECK(line.reply_ref.empty()); // the API takes no reference of the caller's
        CHECK(std::filesystem::file_size(line.file) == line.size);
        CHECK(line.size > 0);
        // ltx-sim's HDR result is an MP4 (`result.video_url`), named as one.
        CHECK(std::filesystem::path{line.file}.filename().string() ==
              std::to_string(line.index + 1) + ".mp4");
        CHECK(head_of(line.file, 8).substr(4) == "ftyp");
    }
    CHECK(journal.line(0)->job_id.starts_with("text-to-video/"));
    CHECK(journal.line(5)->job_id.starts_with("video-to-video-hdr/"));
    lx::job_status frames; // the API's HDR result: a ZIP of frames
    frames.result = lx::job_result{.exr_frames_url = "https://media.example/frames.zip"};
    CHECK(ltx::batch::lightricks_artifact_extension(frames) == ".zip");
    CHECK(journal.line(3)->job_id.starts_with("retake/"));
}

static_assert(ltx::batch::reports_polls<adapter_type>);

TEST_CASE("batch runner + lightricks adapter + ltx-sim: on_poll reports each poll's state, by "
          "line") {
    auto o = fast();
    o.speed = 200ms;
    o.lx_concurrency = 3;
    fixture f("polls", o);
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, 3);
    auto adapter = f.adapter({fixture::t2v("one"), fixture::t2v("two"), fixture::t2v("three")});
    std::map<std::size_t, std::vector<std::string>> states; // each poll's, by line
    bool percent = false;
    ltx::batch::runner r(
        adapter, journal,
        {.concurrency = 3, .on_poll = [&](std::size_t index, const ltx::batch::poll_status& p) {
             states[index].emplace_back(p.state);
             percent = percent || p.percent.has_value();
         }});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == 3);
    CHECK_FALSE(percent);        // the API reports none
    REQUIRE(states.size() == 3); // lines 0, 1, 2
    CHECK(states.rbegin()->first == 2);
    for (const auto& [index, seen] : states) {
        // 200 ms jobs polled every 10 ms: seen running, then completed.
        CHECK(seen.size() >= 2);
        CHECK((seen.front() == "pending" || seen.front() == "processing"));
        CHECK(seen.back() == "completed");
    }
}

TEST_CASE("batch runner + lightricks adapter + ltx-sim: a failed job is recorded, the batch "
          "goes on") {
    fixture f("failed", fast());
    std::vector<ltx::batch::lightricks_request> requests{
        fixture::t2v("fine"), fixture::t2v("broken [fail]"), fixture::t2v("also fine")};
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, 3);
    auto adapter = f.adapter(std::move(requests));
    ltx::batch::runner r(adapter, journal, {.concurrency = 2});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == 2);
    CHECK(summary->failed == 1);
    const auto failed = *journal.line(1);
    CHECK(failed.state == line_state::failed);
    CHECK(failed.error.find("The render failed") != std::string::npos);
    CHECK(f.sim->stats().lightricksJobs == 3);
}

TEST_CASE("batch runner + lightricks adapter + ltx-sim: an unknown line stays unknown unless "
          "resubmitted") {
    fixture f("unknown", fast());
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, 2);
    journal.mark_submitting(0); // a run killed with this submit in flight
    {
        auto adapter = f.adapter({fixture::t2v("u1"), fixture::t2v("u2")});
        ltx::batch::runner r(adapter, journal, {.concurrency = 2});
        const auto summary = f.run(r);
        REQUIRE(summary);
        CHECK(summary->unknown == 1);
        CHECK(summary->done == 1);
        CHECK(journal.line(0)->state == line_state::unknown);
        CHECK(f.sim->stats().lightricksJobs == 1);
    }
    auto adapter = f.adapter({fixture::t2v("u1"), fixture::t2v("u2")});
    ltx::batch::runner r(adapter, journal, {.concurrency = 2, .resubmit_unknown = true});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->complete());
    CHECK(f.sim->stats().lightricksJobs == 2);
}

} // namespace batch_lightricks_test
