// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The batch runner's answer to a 429 on a create, over a scripted adapter whose calls complete
// when the test says and whose sleeps are recorded (simulated time): the pause the server's
// Retry-After asked for (or the fallback, or the cap), and the concurrency it lowers; and the
// group commit of the lines a runner starts at once.
#include <ltx/batch/runner.hpp>

#include <ltx/batch/line_hash.hpp>
#include <ltx/batch/sqlite_journal.hpp>

#include "scratch_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace batch_runner_429_test {

using namespace std::chrono_literals;
using ltx::batch::line_state;
using std::chrono::milliseconds;

// An adapter whose every call is held until the test completes it.
struct scripted_adapter {
    struct job_type {
        std::string id;
    };
    using submit_handler = std::function<void(std::error_code, ltx::diagnostics, std::string)>;
    using wait_handler = std::function<void(std::error_code, ltx::diagnostics, job_type)>;

    struct submit {
        std::size_t index;
        submit_handler h;
    };
    std::vector<submit> submits;      // creates sent, not yet answered
    std::vector<wait_handler> waits;  // jobs waited on
    std::vector<milliseconds> sleeps; // every pause asked for, in order
    std::vector<std::function<void()>> wakes;
    std::size_t sent = 0;                       // creates sent in all
    std::function<void(std::size_t)> on_send{}; // called as each create is sent

    template <class H> void async_submit(std::size_t index, H h) {
        if (on_send) {
            on_send(index);
        }
        submits.push_back({index, std::move(h)});
        ++sent;
    }
    template <class H>
    void async_wait(std::string job_id, std::shared_ptr<ltx::cancellation::state>, H h) {
        // A wait ends at once, the job completed: its download is what the runner does next.
        h(std::error_code{}, ltx::diagnostics{}, job_type{std::move(job_id)});
    }
    template <class H> void async_download(const job_type& job, std::size_t, H h) {
        h(std::error_code{}, job.id + ".mp4", std::uint64_t{1});
    }
    template <class H> void async_sleep(milliseconds d, H h) {
        sleeps.push_back(d);
        wakes.emplace_back(std::move(h));
    }

    // Answers the oldest create in flight: accepted (a job id), or 429 with `retry_after`.
    void accept_oldest() {
        auto s = take();
        s.h(std::error_code{}, ltx::diagnostics{}, "job-" + std::to_string(s.index));
    }
    void refuse_oldest(std::optional<milliseconds> retry_after) {
        auto s = take();
        ltx::diagnostics d;
        d.status = 429;
        d.retry_after = retry_after;
        s.h(ltx::errc::too_many_requests, std::move(d), std::string{});
    }
    // The pause ends.
    void wake() {
        REQUIRE(!wakes.empty());
        auto w = std::move(wakes.front());
        wakes.erase(wakes.begin());
        w();
    }

private:
    submit take() {
        REQUIRE(!submits.empty());
        auto s = std::move(submits.front());
        submits.erase(submits.begin());
        return s;
    }
};

struct fixture {
    explicit fixture(const std::string& name, std::size_t lines) : dir("runner429-" + name) {
        journal.emplace(dir.path / "batch.db");
        std::vector<ltx::batch::planned_line> plan;
        for (std::size_t i = 0; i < lines; ++i) {
            plan.push_back({i, ltx::batch::line_hash("line " + std::to_string(i))});
        }
        journal->plan(plan);
    }

    batch_test::scratch_dir dir; // declared first: it outlives the journal's database
    std::optional<ltx::batch::sqlite_journal> journal;
    scripted_adapter adapter;
    std::optional<ltx::batch::run_summary> summary;
};

TEST_CASE("batch runner: a 429 waits the server's Retry-After and lowers the concurrency") {
    fixture f("retry-after", 8);
    ltx::batch::runner r(f.adapter, *f.journal, {.concurrency = 4, .backoff_after_429 = 1s});
    r.start([&](ltx::batch::run_summary s) { f.summary = s; });
    REQUIRE(f.adapter.submits.size() == 4);
    CHECK(r.concurrency() == 4);

    f.adapter.refuse_oldest(7s);
    // The pause the server asked for, not the fallback; the cap below what was allowed.
    REQUIRE(f.adapter.sleeps.size() == 1);
    CHECK(f.adapter.sleeps[0] == 7s);
    CHECK(r.concurrency() == 3);
    CHECK(f.journal->line(0)->state == line_state::planned); // not accepted: planned again
    // A second 429 inside the pause lowers the cap again and starts no second pause.
    f.adapter.refuse_oldest(30s);
    CHECK(f.adapter.sleeps.size() == 1);
    CHECK(r.concurrency() == 2);
    // Nothing is sent before the pause ends, even as a job finishes and frees its slot.
    f.adapter.accept_oldest();
    CHECK(f.adapter.sent == 4);
    CHECK(f.adapter.submits.size() == 1);

    f.adapter.wake();
    // After the pause: two creates in flight where there were four.
    CHECK(f.adapter.submits.size() == 2);
    CHECK(f.adapter.sent == 5);
    while (!f.adapter.submits.empty()) {
        f.adapter.accept_oldest();
    }
    REQUIRE(f.summary);
    CHECK(f.summary->done == 8);
    CHECK(f.summary->complete());
    CHECK(f.adapter.sent == 8 + 2); // each refused create sent once more, nothing else
    // The jobs done since the last 429 raised the cap a step per round (2, 3, 4).
    CHECK(r.concurrency() == 4);
}

TEST_CASE("batch runner: no Retry-After waits the fallback, an absurd one waits the cap") {
    SUBCASE("absent: backoff_after_429") {
        fixture f("fallback", 2);
        ltx::batch::runner r(f.adapter, *f.journal, {.concurrency = 2, .backoff_after_429 = 250ms});
        r.start([&](ltx::batch::run_summary s) { f.summary = s; });
        f.adapter.refuse_oldest(std::nullopt);
        REQUIRE(f.adapter.sleeps.size() == 1);
        CHECK(f.adapter.sleeps[0] == 250ms);
        CHECK(r.concurrency() == 1);
    }
    SUBCASE("a day: max_retry_after") {
        fixture f("capped", 2);
        ltx::batch::runner r(f.adapter, *f.journal, {.concurrency = 2});
        r.start([&](ltx::batch::run_summary s) { f.summary = s; });
        f.adapter.refuse_oldest(24h);
        REQUIRE(f.adapter.sleeps.size() == 1);
        CHECK(f.adapter.sleeps[0] == ltx::retry_policy{}.max_retry_after);
        CHECK(f.adapter.sleeps[0] == 120s);
    }
    SUBCASE("a lone create: the cap stays at 1, then recovers") {
        fixture f("lone", 3);
        ltx::batch::runner r(f.adapter, *f.journal, {.concurrency = 2, .max_retry_after = 5s});
        r.start([&](ltx::batch::run_summary s) { f.summary = s; });
        f.adapter.refuse_oldest(1h);
        f.adapter.refuse_oldest(std::nullopt);
        CHECK(r.concurrency() == 1);
        REQUIRE(f.adapter.sleeps.size() == 1);
        CHECK(f.adapter.sleeps[0] == 5s);
        f.adapter.wake();
        CHECK(f.adapter.submits.size() == 1);
        f.adapter.accept_oldest(); // one job done at cap 1: a round, the cap goes up
        CHECK(r.concurrency() == 2);
        CHECK(f.adapter.submits.size() == 2);
        f.adapter.accept_oldest();
        f.adapter.accept_oldest();
        REQUIRE(f.summary);
        CHECK(f.summary->done == 3);
    }
}

// Forwards to a journal and records each group of `submitting` marks it is given.
struct recording_journal final : ltx::batch::journal {
    explicit recording_journal(ltx::batch::journal& j) : inner(j) {}
    void plan(std::span<const ltx::batch::planned_line> l, bool complete) override {
        inner.plan(l, complete);
    }
    void mark_submitting(std::size_t index, std::string_view ref) override {
        groups.push_back({index});
        inner.mark_submitting(index, ref);
    }
    void mark_submitting_all(std::span<const ltx::batch::submitting_line> l) override {
        auto& group = groups.emplace_back();
        for (const auto& line : l) {
            group.push_back(line.index);
        }
        inner.mark_submitting_all(l);
    }
    void mark_submitted(std::size_t i, std::string_view id) override {
        inner.mark_submitted(i, id);
    }
    void mark_done(std::size_t i, std::string_view f, std::uint64_t n) override {
        inner.mark_done(i, f, n);
    }
    void release(std::size_t i) override { inner.release(i); }
    void mark_failed(std::size_t i, std::string_view e) override { inner.mark_failed(i, e); }
    void mark_unknown(std::size_t i, std::string_view e) override { inner.mark_unknown(i, e); }
    void mark_found(std::size_t i, std::string_view id) override { inner.mark_found(i, id); }
    void replan(std::size_t i) override { inner.replan(i); }
    std::vector<std::size_t> settle_interrupted() override { return inner.settle_interrupted(); }
    std::vector<ltx::batch::line_record> lines() const override { return inner.lines(); }
    std::optional<ltx::batch::line_record> line(std::size_t i) const override {
        return inner.line(i);
    }

    ltx::batch::journal& inner;
    std::vector<std::vector<std::size_t>> groups;
};

TEST_CASE("batch runner: the lines started at once are journaled in one commit before any create") {
    fixture f("group", 6);
    recording_journal journal(*f.journal);
    // What another connection to the file reads as each create is sent: committed states only.
    std::vector<std::vector<line_state>> seen;
    f.adapter.on_send = [&](std::size_t) {
        ltx::batch::sqlite_journal reader(f.dir.path / "batch.db");
        auto& states = seen.emplace_back();
        for (const auto& line : reader.lines()) {
            states.push_back(line.state);
        }
    };
    ltx::batch::runner r(f.adapter, journal, {.concurrency = 4});
    r.start([&](ltx::batch::run_summary s) { f.summary = s; });
    REQUIRE(f.adapter.sent == 4);
    REQUIRE(journal.groups.size() == 1);
    CHECK(journal.groups[0] == std::vector<std::size_t>{0, 1, 2, 3});
    using enum line_state;
    const std::vector<line_state> started{submitting, submitting, submitting,
                                          submitting, planned,    planned};
    REQUIRE(seen.size() == 4);
    for (const auto& states : seen) {
        CHECK(states == started); // the first create already finds all four committed
    }
    // A job done frees one slot: a group of one.
    f.adapter.accept_oldest();
    CHECK(journal.groups.size() == 2);
    CHECK(journal.groups.back() == std::vector<std::size_t>{4});
    while (!f.adapter.submits.empty()) {
        f.adapter.accept_oldest();
    }
    REQUIRE(f.summary);
    CHECK(f.summary->done == 6);
    CHECK(f.adapter.sent == 6);
}

} // namespace batch_runner_429_test
