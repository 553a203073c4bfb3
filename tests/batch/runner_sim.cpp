// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The batch runner over the client's Asio transport against ltx-sim on loopback: a batch run to
// the end, a failing job, 429s, ambiguous creates, a stop and a resume that submits nothing twice,
// a run killed in the middle of a group of creates.
#include <ltx/batch/studio_adapter.hpp>

#include "sim_fixture.hpp"

#include <ltx/asio.hpp>
#include <ltx/batch/line_hash.hpp>
#include <ltx/batch/sqlite_journal.hpp>
#include <ltx/client.hpp>

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <csignal>

#include <sys/wait.h>
#include <unistd.h>

namespace batch_runner_test {

using namespace std::chrono_literals;
using ltx::batch::line_state;
using sim_test::config_for;
using sim_test::test_options;

using batch_sim_fixture::fast;
using batch_sim_fixture::fixture;
using batch_sim_fixture::slow;

TEST_CASE("batch runner + ltx-sim: every line done, a failing job recorded, the batch goes on") {
    fixture f("all", fast());
    const std::vector<std::string> prompts{"one", "two", "three [fail]", "four", "five", "six"};
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    auto adapter = f.adapter(prompts);
    std::size_t transitions = 0;
    ltx::batch::runner r(adapter, journal,
                         {.concurrency = 2, .on_transition = [&](const auto&) { ++transitions; }});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == 5);
    CHECK(summary->failed == 1);
    CHECK_FALSE(summary->complete());
    CHECK(transitions == 6 * 2 + 5 + 1); // submitting, submitted each; done or failed each
    const auto failed = *journal.line(2);
    CHECK(failed.state == line_state::failed);
    CHECK(failed.error.find("[fail]") != std::string::npos);
    for (const auto& line : journal.lines()) {
        if (line.state == line_state::done) {
            CHECK(std::filesystem::file_size(line.file) == line.size);
            CHECK(line.size > 0);
        }
    }
    CHECK(f.sim->stats().jobsCreated == 6);
}

// The first bytes of `path`.
std::string head_of(const std::string& path, std::size_t n) {
    std::ifstream in{path, std::ios::binary};
    std::string out(n, '\0');
    in.read(out.data(), static_cast<std::streamsize>(n));
    out.resize(static_cast<std::size_t>(in.gcount()));
    return out;
}

TEST_CASE("batch runner + ltx-sim: a line of each Studio generator endpoint, each done") {
    fixture f("endpoints", fast());
    // images/upscale takes a completed image job of the account.
    const auto image = f.api.create_image({.prompt = "a source image"});
    f.api.wait(image.jobId, {.interval = 10ms, .backoff = 1.0, .timeout = 30s});
    std::vector<ltx::batch::studio_request> requests{
        f.requests({"a video"})[0],
        ltx::veo_create_request{.prompt = "a veo video", .startAssetId = f.asset},
        ltx::image_create_request{.prompt = "an image"},
        ltx::image_edit_request{.prompt = "an edit", .referenceAssetId = f.asset},
        ltx::image_upscale_request{.jobId = image.jobId},
    };
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, {"v", "veo", "create", "edit", "upscale"});
    fixture::adapter_type adapter(f.api, f.http, std::move(requests), f.dir / "out", {},
                                  {.interval = 10ms, .backoff = 1.0, .timeout = 30s});
    ltx::batch::runner r(adapter, journal, {.concurrency = 5});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == 5);
    CHECK(summary->complete());
    CHECK(f.sim->stats().jobsCreated == 6); // the source image's, and one a line
    const std::string png_magic = "\x89PNG\r\n\x1a\n";
    for (const auto& line : journal.lines()) {
        REQUIRE(line.state == line_state::done);
        CHECK(line.reply_ref.starts_with("ltx-batch:")); // every generator takes a replyRef
        CHECK(std::filesystem::file_size(line.file) == line.size);
        const bool video = line.index < 2;
        CHECK(std::filesystem::path{line.file}.filename().string() ==
              std::to_string(line.index + 1) + (video ? ".mp4" : ".png"));
        if (video) {
            CHECK(head_of(line.file, 8).substr(4) == "ftyp");
        } else {
            CHECK(head_of(line.file, 8) == png_magic);
        }
    }
    CHECK(ltx::batch::studio_artifact_extension(
              ltx::batch::studio_request{ltx::image_upscale_request{}}) == ".png");
}

TEST_CASE("batch runner + ltx-sim: on_poll reports each poll's state and progress, by line") {
    auto o = test_options();
    o.speed = 200ms;
    fixture f("polls", o);
    const std::vector<std::string> prompts{"one", "two", "three"};
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    auto adapter = f.adapter(prompts);
    struct seen {
        std::size_t polls = 0, active = 0;
        int last_percent = -1;
        std::string last_state;
    };
    std::map<std::size_t, seen> by_line;
    bool percent_went_down = false;
    ltx::batch::runner r(
        adapter, journal,
        {.concurrency = 3, .on_poll = [&](std::size_t index, const ltx::batch::poll_status& p) {
             auto& s = by_line[index];
             ++s.polls;
             if (p.state == "active") {
                 ++s.active;
             }
             REQUIRE(p.percent);
             if (*p.percent < s.last_percent) {
                 percent_went_down = true;
             }
             s.last_percent = *p.percent;
             s.last_state = std::string{p.state};
         }});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == 3);
    REQUIRE(by_line.size() == 3);
    for (const auto& [line, s] : by_line) {
        const std::size_t index = line;
        CAPTURE(index);
        CHECK(s.active >= 1); // 200 ms jobs polled every 10 ms
        CHECK(s.last_state == "completed");
        CHECK(s.last_percent == 100);
    }
    CHECK_FALSE(percent_went_down);
}

TEST_CASE("batch runner + ltx-sim: 429s lower the concurrency, nothing is created twice") {
    auto o = fast();
    o.burst_429 = 3;
    fixture f("429", o);
    const std::vector<std::string> prompts{"a", "b", "c", "d"};
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    auto adapter = f.adapter(prompts);
    ltx::batch::runner r(adapter, journal, {.concurrency = 4, .backoff_after_429 = 20ms});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == 4);
    CHECK(summary->complete());
    CHECK(f.sim->stats().jobsCreated == 4);
}

TEST_CASE("batch runner + ltx-sim: a stop leaves submitted lines, the resume never resubmits") {
    fixture f("resume", slow()); // no job ends before the resume's last submission
    const std::vector<std::string> prompts{"p1", "p2", "p3", "p4", "p5"};
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    auto adapter = f.adapter(prompts);
    {
        ltx::batch::runner<fixture::adapter_type>* self = nullptr;
        std::size_t submitted = 0;
        ltx::batch::runner r(adapter, journal,
                             {.concurrency = 3, .on_transition = [&](const auto& line) {
                                  if (line.state == line_state::submitted && ++submitted == 2) {
                                      self->stop();
                                  }
                              }});
        self = &r;
        const auto summary = f.run(r);
        REQUIRE(summary);
        CHECK(summary->done == 0);
        CHECK(summary->submitted == 3); // the third create was in flight at the stop
        CHECK(summary->planned == 2);
    }
    CHECK(f.sim->stats().jobsCreated == 3);
    f.finish_jobs(); // the three submitted ones, which the resume only polls
    ltx::batch::runner r(adapter, journal,
                         {.concurrency = 3, .on_transition = f.finish_on_submit()});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->done == 5);
    CHECK(f.sim->stats().jobsCreated == 5);
}

TEST_CASE("batch runner + ltx-sim: an ambiguous create is unknown, resubmitted only on request") {
    auto o = fast();
    o.drop_rate = 1.0; // every connection closed without an answer
    fixture* f = nullptr;
    // The upload needs an answer: start without faults, then turn them on through a new sim.
    fixture clean("unknown", fast());
    f = &clean;
    const std::vector<std::string> prompts{"u1", "u2"};
    ltx::batch::sqlite_journal journal(f->dir / "batch.db");
    f->plan(journal, prompts);
    {
        ltx::sim::background_server dropping(o);
        ltx::basic_client<ltx::asio::transport> api{f->http, config_for(dropping)};
        ltx::batch::studio_adapter<decltype(api), ltx::asio::transport> adapter(
            api, f->http, f->requests(prompts), f->dir / "out");
        ltx::batch::runner r(adapter, journal, {.concurrency = 2});
        const auto summary = batch_sim_fixture::run_to_end(f->io, r);
        REQUIRE(summary);
        CHECK(summary->unknown == 2);
        CHECK(journal.line(0)->state == line_state::unknown);
    }
    {
        auto adapter = f->adapter(prompts);
        ltx::batch::runner r(adapter, journal, {.concurrency = 2});
        const auto summary = f->run(r);
        REQUIRE(summary);
        CHECK(summary->unknown == 2); // reported, not submitted
        CHECK(f->sim->stats().jobsCreated == 0);
    }
    auto adapter = f->adapter(prompts);
    ltx::batch::runner r(adapter, journal, {.concurrency = 2, .resubmit_unknown = true});
    const auto summary = f->run(r);
    REQUIRE(summary);
    CHECK(summary->done == 2);
    CHECK(summary->complete());
    CHECK(f->sim->stats().jobsCreated == 2);
}

TEST_CASE("batch runner + ltx-sim: each create carries the replyRef journaled before it") {
    auto o = test_options();
    o.speed = 5s; // still running when listed
    fixture f("tags", o);
    const std::vector<std::string> prompts{"t1", "t2", "t3", "t4"};
    auto requests = f.requests(prompts);
    requests[1].replyRef = "mine";   // the line's own, unique in the batch: kept and journaled
    requests[2].replyRef = "shared"; // two lines share one: sent, but no use to find either
    requests[3].replyRef = "shared";
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    fixture::adapter_type adapter(f.api, f.http, requests, f.dir / "out");
    ltx::batch::runner<fixture::adapter_type>* self = nullptr;
    std::size_t submitted = 0;
    ltx::batch::runner r(adapter, journal,
                         {.concurrency = 4, .on_transition = [&](const auto& line) {
                              if (line.state == line_state::submitted && ++submitted == 4) {
                                  self->stop();
                              }
                          }});
    self = &r;
    const auto summary = f.run(r);
    REQUIRE(summary);
    REQUIRE(summary->submitted == 4);
    const auto tag = journal.line(0)->reply_ref;
    CHECK(tag.starts_with("ltx-batch:"));
    CHECK(tag.ends_with(":1"));
    CHECK(journal.line(1)->reply_ref == "mine");
    CHECK(journal.line(2)->reply_ref.empty());
    CHECK(journal.line(3)->reply_ref.empty());
    std::map<std::string, std::string> ref_of_job;
    for (const auto& job : f.api.list_scheduled_jobs()) {
        ref_of_job[job.jobId] = job.replyRef.value_or("");
    }
    REQUIRE(ref_of_job.size() == 4);
    CHECK(ref_of_job.at(journal.line(0)->job_id) == tag);
    CHECK(ref_of_job.at(journal.line(1)->job_id) == "mine");
    CHECK(ref_of_job.at(journal.line(2)->job_id) == "shared");
    CHECK(ref_of_job.at(journal.line(3)->job_id) == "shared");
}

TEST_CASE("batch runner + ltx-sim: an unknown line whose job runs is found, not resubmitted") {
    fixture f("found", slow()); // the job created before the crash runs when the resume starts
    const std::vector<std::string> prompts{"f1", "f2", "f3"};
    ltx::batch::sqlite_journal journal(f.dir / "batch.db");
    f.plan(journal, prompts);
    // A run killed while two creates were in flight: the first reached the server, the second
    // did not.
    journal.mark_submitting(0, "ltx-batch:killed:1");
    auto request = f.requests(prompts)[0];
    request.replyRef = "ltx-batch:killed:1";
    const auto created = f.api.create_video(request);
    journal.mark_submitting(1, "ltx-batch:killed:2");
    {
        auto adapter = f.adapter(prompts);
        ltx::batch::runner r(adapter, journal,
                             {.concurrency = 3, .on_transition = f.finish_on_submit()});
        const auto summary = f.run(r);
        REQUIRE(summary);
        CHECK(summary->found_running == 1);
        CHECK(summary->lookup_error.empty());
        CHECK(summary->done == 2);
        CHECK(summary->unknown == 1);
        CHECK(journal.line(0)->state == line_state::done);
        CHECK(journal.line(0)->job_id == created.jobId);
        CHECK(journal.line(1)->state == line_state::unknown); // not found: stays unknown
        CHECK(f.sim->stats().jobsCreated == 2);               // line 1's, and line 3's
    }
    auto adapter = f.adapter(prompts);
    ltx::batch::runner r(
        adapter, journal,
        {.concurrency = 3, .resubmit_unknown = true, .on_transition = f.finish_on_submit()});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->found_running == 0);
    CHECK(summary->complete());
    CHECK(f.sim->stats().jobsCreated == 3);
}

// A child process's adapter: the first `creates` creates are sent for real (blocking, so they
// reach the simulator) and never answered; the next one kills the process with SIGKILL. The first
// checks, on a connection of its own, that every line of the group is committed `submitting`.
struct killing_adapter {
    ltx::basic_client<ltx::asio::transport>& api;
    std::vector<ltx::ltx_create_request> requests;
    std::filesystem::path journal_file;
    std::size_t creates;
    std::size_t sent = 0;

    std::string reply_ref(std::size_t, std::string tag) const { return tag; }
    template <class H> void async_submit(std::size_t index, std::string ref, H) {
        if (sent == 0) {
            ltx::batch::sqlite_journal reader(journal_file);
            for (const auto& line : reader.lines()) {
                if (line.state != line_state::submitting || line.reply_ref.empty()) {
                    ::_exit(3);
                }
            }
        }
        if (sent++ == creates) {
            std::raise(SIGKILL);
        }
        auto request = requests.at(index);
        request.replyRef = std::move(ref);
        api.create_video(request);
    }
    template <class H> void async_list_running(H) {}
    template <class H> void async_wait(std::string, std::shared_ptr<ltx::cancellation::state>, H) {}
    template <class Job, class H> void async_download(const Job&, std::size_t, H) {}
    template <class H> void async_sleep(std::chrono::milliseconds, H) {}
};

TEST_CASE(
    "batch runner + ltx-sim: killed after the group commit, the resume creates no job twice") {
    fixture f("group-kill", slow()); // the killed run's jobs run when the resume lists them
    const std::vector<std::string> prompts{"g1", "g2", "g3", "g4"};
    const auto file = f.dir / "batch.db";
    {
        ltx::batch::sqlite_journal journal(file);
        f.plan(journal, prompts);
    }
    const auto config = config_for(f.sim);
    const auto requests = f.requests(prompts);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int code = 1;
        try {
            ::asio::io_context io;
            ltx::asio::transport http(io.get_executor());
            ltx::basic_client<ltx::asio::transport> api(http, config);
            ltx::batch::sqlite_journal journal(file);
            killing_adapter adapter{api, requests, file, 2};
            ltx::batch::runner r(adapter, journal, {.concurrency = 4});
            r.start([](ltx::batch::run_summary) {});
            code = 2; // every create sent and the process still alive
        } catch (...) {
        }
        ::_exit(code);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status)); // not an exit: 3 would say a line was not yet committed
    CHECK(WTERMSIG(status) == SIGKILL);
    CHECK(f.sim->stats().jobsCreated == 2);
    ltx::batch::sqlite_journal journal(file);
    for (const auto& line : journal.lines()) {
        CHECK(line.state == line_state::submitting);
    }
    // Two creates reached the server, two did not: the resume finds the first two by their
    // replyRef and submits the others again, four jobs in all.
    auto adapter = f.adapter(prompts);
    ltx::batch::runner r(
        adapter, journal,
        {.concurrency = 4, .resubmit_unknown = true, .on_transition = f.finish_on_submit()});
    const auto summary = f.run(r);
    REQUIRE(summary);
    CHECK(summary->found_running == 2);
    CHECK(summary->complete());
    CHECK(f.sim->stats().jobsCreated == 4);
}

TEST_CASE("batch runner + ltx-sim: unknown lines are not resubmitted when the look-up fails") {
    fixture clean("lookup", fast());
    const std::vector<std::string> prompts{"l1"};
    ltx::batch::sqlite_journal journal(clean.dir / "batch.db");
    clean.plan(journal, prompts);
    journal.mark_submitting(0, "ltx-batch:killed:1");
    auto o = fast();
    o.drop_rate = 1.0; // GET scheduler never answered
    ltx::sim::background_server dropping(o);
    ltx::basic_client<ltx::asio::transport> api{clean.http, config_for(dropping)};
    fixture::adapter_type adapter(api, clean.http, clean.requests(prompts), clean.dir / "out");
    ltx::batch::runner r(adapter, journal, {.concurrency = 1, .resubmit_unknown = true});
    const auto summary = clean.run(r);
    REQUIRE(summary);
    CHECK(summary->unknown == 1);
    CHECK_FALSE(summary->lookup_error.empty());
    CHECK(journal.line(0)->state == line_state::unknown);
    CHECK(dropping->stats().jobsCreated == 0);
}

// What an adapter's download asks of the client: the client's download is recorded, not run.
struct recording_client {
    std::optional<ltx::download_options> opts;
    std::filesystem::path path;
    template <class Job, class Handler>
    void async_download(const Job&, const std::filesystem::path& p, ltx::download_options o,
                        Handler h) {
        opts = std::move(o);
        path = p;
        h(std::error_code{}, 7);
    }
};

TEST_CASE("batch adapters download each line's file durably, before the journal says done") {
    recording_client client;
    std::string file;
    std::uint64_t bytes = 0;
    ltx::batch::detail::async_download_line(
        client, 0, "out", {"", "named.mp4"}, 1, ".mp4",
        [&](std::error_code ec, std::string f, std::uint64_t n) {
            CHECK_FALSE(ec);
            file = std::move(f);
            bytes = n;
        });
    REQUIRE(client.opts);
    CHECK(client.opts->durable);
    CHECK(client.path == std::filesystem::path{"out"} / "named.mp4");
    CHECK(file == client.path.string());
    CHECK(bytes == 7);
}

} // namespace batch_runner_test
