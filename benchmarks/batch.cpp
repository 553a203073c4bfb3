// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What the batch journal adds to a job: the CPU of its three transitions (submitting, synced to
// disk before the create is sent; submitted and done, committed without a sync: see
// sqlite_journal.hpp) and the bytes it keeps on disk, beside the client's own CPU for the same job
// over ltx::asio::transport against an in-process ltx-sim (the simulator's thread is not counted).
// A job as `ltx batch` runs it is its create, the polls of its wait (20: one minute of generation
// at the default 3 s between polls) and its download to a file. The video downloaded is what the
// APIs return at their smallest resolution, 1920x1080: the job asks for 5 seconds and the
// simulator serves a 4 MiB file (about 6.7 Mbit/s); beside it the same job with the simulator's
// 160x90 fixture (about 6 KB) and the bare job (one poll, that fixture) show the journal against
// the least a job can cost. CPU is the benchmark thread's: the disk's own time to make a write
// durable is not CPU and is not counted, only the system calls that ask for it.
#ifdef LTX_BENCH_BATCH

#include "support.hpp"

#include "sim_client.hpp"

#include <ltx/batch/line_hash.hpp>
#include <ltx/batch/sqlite_journal.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace {

const std::string token = "0123456789abcdef0123456789abcdef";

// A directory of its own under the system's temporary one, removed with the object.
struct scratch_dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("ltx-bench-batch-" + std::to_string(std::random_device{}()));
    scratch_dir() { std::filesystem::create_directories(path); }
    ~scratch_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// The size of the video a job downloads at the APIs' smallest resolution (see the top).
constexpr std::uint64_t video_bytes = 4 << 20;

// A copy of the simulator's fixtures in `dir` whose 5-second videos are `size` bytes long: the
// fixture followed by an MP4 `free` box, which players skip, so the file stays a valid MP4.
void write_fixtures(const std::filesystem::path& dir, std::uint64_t size) {
    const std::filesystem::path from{LTX_BENCH_FIXTURES_DIR};
    std::filesystem::copy_file(from / "start.png", dir / "start.png");
    for (const auto& e : std::filesystem::directory_iterator{from}) {
        const auto name = e.path().filename().string();
        if (!name.starts_with("video-"))
            continue;
        std::ifstream in{e.path(), std::ios::binary};
        std::string bytes{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
        if (name.starts_with("video-5s-") && bytes.size() + 8 <= size) {
            const auto box = static_cast<std::uint32_t>(size - bytes.size());
            for (int shift = 24; shift >= 0; shift -= 8)
                bytes += static_cast<char>((box >> shift) & 0xff);
            bytes += "free";
            bytes.resize(size, '\0');
        }
        std::ofstream{dir / name, std::ios::binary} << bytes;
    }
}

// One job's client calls: the create, `polls` polls, the download into a file. `video_size`: the
// size of the video served (0: the simulator's own fixture).
void client_job(benchmark::State& state, int polls, std::uint64_t video_size = 0) {
    ltx::sim::options o;
    o.accounts = {{"bench@example.com", 1e12, 1'000'000}};
    const scratch_dir fixtures;
    if (video_size)
        write_fixtures(fixtures.path, video_size);
    const auto s = ltx_bench::sim_client::start(
        state, token, std::move(o),
        video_size ? fixtures.path : std::filesystem::path{LTX_BENCH_FIXTURES_DIR});
    if (!s)
        return;
    auto& api = s->api;
    auto req = s->request;
    req.duration = ltx::duration::s5;
    const scratch_dir dir;
    const auto out = dir.path / "out.mp4";
    std::error_code ec;
    ltx::diagnostics diag;
    for (auto _ : state) {
        const auto created = api.create_video(req, ec, diag);
        ltx::job j;
        for (int i = 0; i < polls && !ec; ++i)
            j = api.get_job(created.jobId, ec, diag);
        if (!ec)
            api.download(j, out, {}, ec, diag);
        if (ec) {
            state.SkipWithError(("the job failed: " + diag.to_string(ec)).c_str());
            break;
        }
    }
    const auto bytes = std::filesystem::file_size(out, ec);
    if (video_size && bytes != video_size)
        state.SkipWithError(("the job downloaded " + std::to_string(bytes) + " bytes, not the " +
                             std::to_string(video_size) + " of a 1080p video")
                                .c_str());
    state.counters["bytes"] = static_cast<double>(bytes);
}

void batch_client_job(benchmark::State& state) {
    client_job(state, 20, video_bytes);
}
BENCHMARK(batch_client_job)->Name("batch/client_job");

void batch_client_small_job(benchmark::State& state) {
    client_job(state, 20);
}
BENCHMARK(batch_client_small_job)->Name("batch/client_small_job");

void batch_client_bare_job(benchmark::State& state) {
    client_job(state, 1);
}
BENCHMARK(batch_client_bare_job)->Name("batch/client_bare_job");

// The journal's transitions of one job, on a SQLite journal of its own; lines are planned
// ahead in blocks, outside the timing (a batch plans its whole input once). `group` lines are
// marked `submitting` in one commit (`mark_submitting_all`), as a runner does for the lines it
// starts at once: 1 is a run's steady state (a job done frees one slot, one line starts), more
// is a run's start (`--concurrency` lines at once).
void journal_job(benchmark::State& state, std::size_t group) {
    const scratch_dir dir;
    const auto db = dir.path / "batch.db";
    ltx::batch::sqlite_journal journal{db};
    const std::string job_id =
        "email:jane.doe@example.com:3b1f6c2e-8d47-4a90-b5e1-0c9f2d7a6e48-type:video";
    const std::string file = (dir.path / "line-000042.mp4").string();
    std::size_t next = 0, planned = 0;
    for (auto _ : state) {
        if (next == planned) {
            state.PauseTiming();
            std::vector<ltx::batch::planned_line> block;
            for (std::size_t i = 0; i < 1000; ++i, ++planned)
                block.push_back({planned, ltx::batch::line_hash(
                                              R"({"endpoint":"videos/ltx-create","prompt":"p)" +
                                              std::to_string(planned) + "\"}")});
            journal.plan(block, false);
            state.ResumeTiming();
        }
        if (next % group == 0) {
            std::vector<ltx::batch::submitting_line> lines;
            for (std::size_t i = next; i < next + group; ++i)
                lines.push_back({i, "ltx-batch:0123456789abcdef:" + std::to_string(i + 1)});
            journal.mark_submitting_all(lines);
        }
        journal.mark_submitted(next, job_id);
        journal.mark_done(next, file, 1'234'567);
        ++next;
    }
    // What the journal keeps on disk per job: the database and its write-ahead log.
    std::uintmax_t bytes = std::filesystem::file_size(db);
    std::error_code ec;
    if (const auto wal = std::filesystem::file_size(db.string() + "-wal", ec); !ec)
        bytes += wal;
    state.counters["disk_bytes_per_job"] =
        next ? static_cast<double>(bytes) / static_cast<double>(next) : 0.0;
    state.counters["jobs"] = static_cast<double>(next);
}

void batch_journal_job(benchmark::State& state) {
    journal_job(state, 1);
}
BENCHMARK(batch_journal_job)->Name("batch/journal_job");

void batch_journal_job_group4(benchmark::State& state) {
    journal_job(state, 4);
}
BENCHMARK(batch_journal_job_group4)->Name("batch/journal_job_group4");

// The target: the journal adds under 10 % to the CPU of a job as `ltx batch` runs it, in a run's
// steady state (one synced commit per job). A run's start, 4 lines per synced commit, and the
// jobs with a 6 KB video are shown beside it.
const bool ratios = ltx_bench::add_ratios({
    {"batch: journal/client CPU, 1 line per sync", "batch/journal_job", "batch/client_job", 0.10},
    {"batch: journal/client, 4 lines per sync", "batch/journal_job_group4", "batch/client_job", 0},
    {"batch: journal/job with a 6 KB video", "batch/journal_job", "batch/client_small_job", 0},
    {"batch: journal/bare job (1 poll, 6 KB)", "batch/journal_job", "batch/client_bare_job", 0},
});

} // namespace

#endif
