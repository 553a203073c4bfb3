// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The batch runner: submits a journal's planned lines through an API adapter with a concurrency
// cap, waits on the jobs, downloads their artifacts, and journals every transition first.
#ifndef LTX_BATCH_RUNNER_HPP
#define LTX_BATCH_RUNNER_HPP

#include <ltx/batch/journal.hpp>
#include <ltx/config.hpp>
#include <ltx/error.hpp>
#include <ltx/options.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <system_error>
#include <utility>

namespace ltx::batch {

/// How a runner runs.
struct run_options {
    /// Jobs in flight at most (submitting or waited on): the account's limit (`maxJobs` for LTX
    /// Studio). A 429 on a create lowers the effective cap (see `runner`); jobs done raise it
    /// again, up to this.
    std::size_t concurrency = 4;
    /// Submit `unknown` lines again (a second job may be created and paid for).
    bool resubmit_unknown = false;
    /// The pause before the next submit after a 429 that the client's own retries did not
    /// overcome, when the answer had no `Retry-After` (`diagnostics::retry_after`).
    std::chrono::milliseconds backoff_after_429{1'000};
    /// The longest pause a 429's `Retry-After` gets: a server asking for more is waited this
    /// long, then tried again. The client's own ceiling (`retry_policy::max_retry_after`) by
    /// default.
    std::chrono::milliseconds max_retry_after = retry_policy{}.max_retry_after;
    /// Called after each transition is journaled, with the line's new record.
    std::function<void(const line_record&)> on_transition{};
};

/// What a run left: counts by state, over every line of the journal.
struct run_summary {
    std::size_t done = 0, failed = 0, unknown = 0, submitted = 0, planned = 0;
    /// Every line is done.
    bool complete() const noexcept { return failed + unknown + submitted + planned == 0; }
};

/// Runs a journal's lines through `Adapter`, one API's async calls behind four members (all
/// completing through a plain callback, on the thread that runs the adapter's I/O):
///
///     void async_submit(std::size_t index, H h);   // h(std::error_code, diagnostics, job id)
///     void async_wait(std::string job_id, std::shared_ptr<cancellation::state>, H h);
///                                                  // h(std::error_code, diagnostics, job_type)
///     void async_download(const job_type&, std::size_t index, H h);
///                                                  // h(std::error_code, std::string file, size)
///     void async_sleep(std::chrono::milliseconds, H h);  // h()
///
/// `ltx::batch::studio_adapter` is LTX Studio's; another API plugs in with an adapter of its
/// own (its create endpoints, its job type), and the runner, the journal and the CLI stay as
/// they are. The runner is not synchronised: its calls and the adapter's callbacks run on one
/// thread (an `asio::io_context` run by one thread, for the Asio transport).
///
/// Per line: `planned` is journaled `submitting`, then submitted; the answer is journaled
/// before the wait starts (`submitted` with the job id; `unknown` for `errc::outcome_unknown`
/// and for a 5xx answer, `errc::server_error`; `planned` again for a 429; `failed` with the
/// server's message otherwise). A job that fails
/// is journaled `failed` with the server's message; the batch goes on. A completed job is
/// downloaded, then journaled `done`; a download that fails leaves the line `submitted`, to be
/// waited on and downloaded again by the next run, never submitted again.
///
/// A 429 on a create (the job was not accepted, the account is at its limit) does two things:
/// - the effective concurrency drops to what is still in flight, and at least by one (never
///   below 1); from then on, each `cap` jobs done raise it by one again, up to
///   `run_options::concurrency` (additive increase, one step per round of jobs);
/// - no create is sent for the delay the server's `Retry-After` asked for
///   (`diagnostics::retry_after`, capped at `run_options::max_retry_after`), or for
///   `run_options::backoff_after_429` when it gave none. A 429 during that pause does not
///   start another.
template <class Adapter> class runner {
public:
    runner(Adapter& adapter, journal& j, run_options opts)
        : adapter_(adapter), journal_(j), opts_(std::move(opts)),
          cap_(std::max<std::size_t>(1, opts_.concurrency)) {}

    runner(const runner&) = delete;
    runner& operator=(const runner&) = delete;

    /// Starts the run: settles the lines a stopped run left `submitting` (as `unknown`), waits
    /// on the `submitted` ones, and submits the `planned` ones (and the `unknown` ones when
    /// `resubmit_unknown`). `done` is called once, when nothing is in flight and nothing more
    /// will be submitted. Journal errors throw from the call that meets them.
    void start(std::function<void(run_summary)> done) {
        done_ = std::move(done);
        journal_.settle_interrupted();
        for (const auto& line : journal_.lines()) {
            if (line.state == line_state::unknown && opts_.resubmit_unknown) {
                journal_.replan(line.index);
                notify(line.index);
                queue_.push_back(line.index);
            } else if (line.state == line_state::planned) {
                queue_.push_back(line.index);
            } else if (line.state == line_state::submitted) {
                ++in_flight_;
                wait(line.index, line.job_id);
            }
        }
        pump();
        maybe_finish();
    }

    /// Stops submitting, and ends the waits in flight: their lines stay `submitted`, resumable.
    /// Creates in flight complete and are journaled; then `done` is called.
    void stop() {
        stopping_ = true;
        auto waits = std::move(waits_);
        waits_.clear();
        for (auto& [index, signal] : waits) {
            signal.cancel();
        }
        maybe_finish();
    }

    /// The effective concurrency cap (lowered by 429s).
    std::size_t concurrency() const noexcept { return cap_; }

private:
    void notify(std::size_t index) {
        if (opts_.on_transition) {
            if (auto record = journal_.line(index)) {
                opts_.on_transition(*record);
            }
        }
    }

    void pump() {
        while (!stopping_ && !paused_ && in_flight_ < cap_ && !queue_.empty()) {
            const std::size_t index = queue_.front();
            queue_.pop_front();
            journal_.mark_submitting(index);
            notify(index);
            ++in_flight_;
            adapter_.async_submit(
                index, [this, index](std::error_code ec, diagnostics diag, std::string job_id) {
                    on_submitted(index, ec, diag, std::move(job_id));
                });
        }
    }

    void on_submitted(std::size_t index, std::error_code ec, const diagnostics& diag,
                      std::string job_id) {
        if (!ec) {
            journal_.mark_submitted(index, job_id);
            notify(index);
            if (stopping_) {
                --in_flight_;
                maybe_finish();
                return;
            }
            wait(index, job_id);
            return;
        }
        --in_flight_;
        if (ec == errc::too_many_requests) {
            journal_.release(index);
            notify(index);
            queue_.push_front(index);
            cap_ = std::max<std::size_t>(1, std::min(cap_ - 1, in_flight_));
            done_since_429_ = 0;
            if (!paused_) {
                paused_ = true;
                ++sleeping_;
                const auto pause = diag.retry_after
                                       ? std::min(*diag.retry_after, opts_.max_retry_after)
                                       : opts_.backoff_after_429;
                adapter_.async_sleep(pause, [this] {
                    --sleeping_;
                    paused_ = false;
                    pump();
                    maybe_finish();
                });
            }
        } else if (ec == errc::outcome_unknown || ec == errc::server_error) {
            // A 5xx answer to a create does not say whether the job exists (a gateway's 502
            // may follow a create the API accepted): as ambiguous as no answer at all.
            journal_.mark_unknown(index, diag.to_string(ec));
            notify(index);
        } else {
            journal_.mark_failed(index, diag.to_string(ec));
            notify(index);
        }
        pump();
        maybe_finish();
    }

    void wait(std::size_t index, const std::string& job_id) {
        auto& signal = waits_[index];
        adapter_.async_wait(job_id, signal.token(),
                            [this, index](std::error_code ec, diagnostics diag, auto job) {
                                this->on_waited(index, ec, diag, std::move(job));
                            });
    }

    template <class Job>
    void on_waited(std::size_t index, std::error_code ec, const diagnostics& diag, Job job) {
        waits_.erase(index);
        if (ec == errc::job_failed) {
            journal_.mark_failed(index, diag.to_string(ec));
            notify(index);
        } else if (!ec && !stopping_) {
            adapter_.async_download(
                job, index,
                [this, index](std::error_code ec, std::string file, std::uint64_t size) {
                    if (!ec) {
                        journal_.mark_done(index, file, size);
                        notify(index);
                        raise_cap();
                    }
                    --in_flight_;
                    pump();
                    maybe_finish();
                });
            return;
        }
        // Otherwise (stopped, timed out, the poll failing): the line stays `submitted`.
        --in_flight_;
        pump();
        maybe_finish();
    }

    // One job done: after `cap_` of them since the last 429, the cap goes up by one.
    void raise_cap() {
        if (cap_ >= opts_.concurrency) {
            return;
        }
        if (++done_since_429_ >= cap_) {
            ++cap_;
            done_since_429_ = 0;
        }
    }

    void maybe_finish() {
        if (finished_ || in_flight_ != 0 || sleeping_ != 0 || (!stopping_ && !queue_.empty())) {
            return;
        }
        finished_ = true;
        const auto lines = journal_.lines();
        const auto counts = count_states(lines);
        run_summary summary;
        summary.done = counts[line_state::done];
        summary.failed = counts[line_state::failed];
        // A line left `submitting` counts as unknown: its create may have reached the server.
        summary.unknown = counts[line_state::unknown] + counts[line_state::submitting];
        summary.submitted = counts[line_state::submitted];
        summary.planned = counts[line_state::planned];
        if (done_) {
            done_(summary);
        }
    }

    Adapter& adapter_;
    journal& journal_;
    run_options opts_;
    std::size_t cap_;
    std::size_t in_flight_ = 0;
    std::size_t done_since_429_ = 0;
    std::size_t sleeping_ = 0;
    bool paused_ = false;
    bool stopping_ = false;
    bool finished_ = false;
    std::deque<std::size_t> queue_;
    std::map<std::size_t, cancellation> waits_;
    std::function<void(run_summary)> done_;
};

} // namespace ltx::batch

#endif
