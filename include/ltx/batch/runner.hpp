// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The batch runner: submits a journal's planned lines through an API adapter with a concurrency
// cap, waits on the jobs, downloads their artifacts, and journals every transition first.
#ifndef LTX_BATCH_RUNNER_HPP
#define LTX_BATCH_RUNNER_HPP

#include <ltx/batch/journal.hpp>
#include <ltx/config.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/error.hpp>
#include <ltx/options.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace ltx::batch {

/// What one poll of a line's job said, as the adapter reports it (see `run_options::on_poll`).
/// The view is valid during the call only.
struct poll_status {
    /// The job's state as the API names it ("queued", "active", ...); empty when the poll did
    /// not say.
    std::string_view state;
    /// Percent done, when the API reports it.
    std::optional<int> percent;
};

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
    /// Called after each poll of a line's job with the line's index and what the poll said,
    /// when the adapter reports its polls (`reports_polls`); never called otherwise. It runs on
    /// the adapter's thread, as the other callbacks do; the runner allocates nothing per poll
    /// for it. Unset, the adapter is not asked to report.
    std::function<void(std::size_t index, const poll_status&)> on_poll{};
};

/// What a run left: counts by state, over every line of the journal.
struct run_summary {
    std::size_t done = 0, failed = 0, unknown = 0, submitted = 0, planned = 0;
    /// `unknown` lines found running on the server by their reply reference when the run
    /// started, and waited on instead of being submitted again.
    std::size_t found_running = 0;
    /// Why the look-up of the `unknown` lines failed (empty when it did not, or none was
    /// needed); the lines it would have looked up stay `unknown` and are not resubmitted.
    std::string lookup_error;
    /// Every line is done.
    bool complete() const noexcept { return failed + unknown + submitted + planned == 0; }
};

/// A job the server lists as running, with the reply reference it was created with.
struct running_job {
    std::string reply_ref;
    std::string job_id;
};

/// An adapter that tags each create with a reply reference and lists the running jobs by it
/// (see `runner`): it lets a run find the job of an `unknown` line instead of paying for it
/// twice.
template <class Adapter>
concept finds_running_jobs =
    requires(Adapter& a, std::size_t index, std::string ref,
             std::function<void(std::error_code, diagnostics, std::vector<running_job>)> listed,
             std::function<void(std::error_code, diagnostics, std::string)> submitted) {
    { a.reply_ref(index, ref) } -> std::convertible_to<std::string>;
    a.async_list_running(std::move(listed));
    a.async_submit(index, ref, std::move(submitted));
};

/// An adapter whose wait can report each poll (see `runner`): it lets `run_options::on_poll`
/// show a job's progress while the runner waits on it.
template <class Adapter>
concept reports_polls =
    requires(Adapter& a, std::string job_id, std::shared_ptr<cancellation::state> cancel,
             std::function<void(const poll_status&)> polled,
             std::function<void(std::error_code, diagnostics, typename Adapter::job_type)> waited) {
    a.async_wait(std::move(job_id), std::move(cancel), std::move(polled), std::move(waited));
};

/// The reply reference a runner gives line `index` when the line has none of its own:
/// `ltx-batch:<run id>:<line number>`. `run_id` tells this run's creates from those of any
/// other run, of this batch or another, that may be running on the same account.
inline std::string reply_tag(std::string_view run_id, std::size_t index) {
    std::string out = "ltx-batch:";
    out += run_id;
    out += ':';
    out += std::to_string(index + 1);
    return out;
}

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
/// An adapter that can find a job by the reference it was created with
/// (`finds_running_jobs`) has, in place of the two-argument `async_submit`:
///
///     std::string reply_ref(std::size_t index, std::string tag);
///         // the reference line `index`'s create carries: `tag`, the line's own, or "" for none
///     void async_submit(std::size_t index, std::string reply_ref, H h);
///     void async_list_running(H h);  // h(std::error_code, diagnostics, std::vector<running_job>)
///
/// With it, each create carries a reference unique to the line and to the run (`reply_tag`),
/// journaled with `submitting` before the create is sent. A run starts by looking up the
/// `unknown` lines that carry one: one listing of the running jobs, and a line whose reference
/// is listed becomes `submitted` with that job (`journal::mark_found`), then is waited on and
/// downloaded as usual. A line not listed stays `unknown`, resubmitted only with
/// `resubmit_unknown`. The limit: the list holds running jobs only, so the line of a job that
/// finished before the look-up stays `unknown`.
///
/// An adapter that can report its polls (`reports_polls`) also has
///
///     void async_wait(std::string job_id, std::shared_ptr<cancellation::state>,
///                     std::function<void(const poll_status&)> polled, H h);
///
/// which calls `polled` after each poll of the job; the runner uses it when
/// `run_options::on_poll` is set (one `std::function` per wait, none per poll).
///
/// `ltx::batch::studio_adapter` is LTX Studio's (it finds running jobs),
/// `ltx::batch::lightricks_adapter` the official LTX API's (it cannot); another API plugs in
/// with an adapter of its own (its create endpoints, its job type), and the runner and the
/// journal stay as they are. The runner is not synchronised: its calls and the adapter's callbacks
/// run on one thread (an `asio::io_context` run by one thread, for the Asio transport).
///
/// Per line: `planned` is journaled `submitting` (durably: `journal`), then submitted; the lines
/// started at once (when the run starts, or several slots free) are journaled `submitting` in one
/// transaction (`journal::mark_submitting_all`) before the first of their creates is sent; the
/// answer is journaled before the wait starts (`submitted` with the job id; `unknown` for
/// `errc::outcome_unknown` and for a 5xx answer, `errc::server_error`; `planned` again for a 429;
/// `failed` with the server's message otherwise). A job that fails is journaled `failed` with the
/// server's message; the batch goes on. A completed job is downloaded, then journaled `done`; a
/// download that fails leaves the line `submitted`, to be waited on and downloaded again by the
/// next run, never submitted again.
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
          cap_(std::max<std::size_t>(1, opts_.concurrency)) {
        if constexpr (finds_running_jobs<Adapter>) {
            std::random_device rd;
            for (int i = 0; i < 2; ++i) {
                std::uint32_t word = rd();
                for (int n = 0; n < 8; ++n, word >>= 4) {
                    run_id_.push_back(ltx::detail::hex_digit_lower(word));
                }
            }
        }
    }

    runner(const runner&) = delete;
    runner& operator=(const runner&) = delete;

    /// Starts the run: settles the lines a stopped run left `submitting` (as `unknown`), looks
    /// up the `unknown` lines among the running jobs (`finds_running_jobs`), waits on the
    /// `submitted` ones, and submits the `planned` ones (and the `unknown` ones not found when
    /// `resubmit_unknown`). `done` is called once, when nothing is in flight and nothing more
    /// will be submitted. Journal errors throw from the call that meets them.
    void start(std::function<void(run_summary)> done) {
        done_ = std::move(done);
        journal_.settle_interrupted();
        if constexpr (finds_running_jobs<Adapter>) {
            std::vector<line_record> tagged;
            for (auto& line : journal_.lines()) {
                if (line.state == line_state::unknown && !line.reply_ref.empty()) {
                    tagged.push_back(std::move(line));
                }
            }
            if (!tagged.empty()) {
                looking_up_ = true;
                adapter_.async_list_running(
                    [this, tagged = std::move(tagged)](std::error_code ec, diagnostics diag,
                                                       std::vector<running_job> running) {
                        looking_up_ = false;
                        if (ec) {
                            lookup_error_ = diag.to_string(ec);
                            for (const auto& line : tagged) {
                                unchecked_.push_back(line.index);
                            }
                        } else {
                            adopt(tagged, running);
                        }
                        if (stopping_) {
                            maybe_finish();
                            return;
                        }
                        schedule();
                    });
                return;
            }
        }
        schedule();
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
    // `unknown` lines whose reference a running job carries become `submitted` with it.
    void adopt(const std::vector<line_record>& tagged, const std::vector<running_job>& running) {
        std::map<std::string_view, std::string_view> by_ref;
        for (const auto& job : running) {
            if (!job.reply_ref.empty()) {
                by_ref.emplace(job.reply_ref, job.job_id); // the first listed (the oldest) wins
            }
        }
        for (const auto& line : tagged) {
            if (auto it = by_ref.find(line.reply_ref); it != by_ref.end()) {
                journal_.mark_found(line.index, it->second);
                ++found_running_;
                notify(line.index);
            }
        }
    }

    // Waits on the `submitted` lines and queues the ones to submit.
    void schedule() {
        for (const auto& line : journal_.lines()) {
            if (line.state == line_state::unknown && opts_.resubmit_unknown &&
                std::find(unchecked_.begin(), unchecked_.end(), line.index) == unchecked_.end()) {
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

    void notify(std::size_t index) {
        if (opts_.on_transition) {
            if (auto record = journal_.line(index)) {
                opts_.on_transition(*record);
            }
        }
    }

    // Starts as many queued lines as the cap allows: their `submitting` marks in one durable
    // transaction (the group commit), then their creates. Every create of the group is sent,
    // even if a transition callback stops the run meanwhile: its line is journaled as in flight.
    void pump() {
        std::vector<submitting_line> group;
        while (!stopping_ && !paused_ && in_flight_ + group.size() < cap_ && !queue_.empty()) {
            const std::size_t index = queue_.front();
            queue_.pop_front();
            std::string ref;
            if constexpr (finds_running_jobs<Adapter>) {
                ref = adapter_.reply_ref(index, reply_tag(run_id_, index));
            }
            group.push_back({index, std::move(ref)});
        }
        if (group.empty()) {
            return;
        }
        journal_.mark_submitting_all(group);
        in_flight_ += group.size();
        for (const auto& line : group) {
            notify(line.index);
        }
        for (auto& line : group) {
            auto on_answer = [this, index = line.index](std::error_code ec, diagnostics diag,
                                                        std::string job_id) {
                on_submitted(index, ec, diag, std::move(job_id));
            };
            if constexpr (finds_running_jobs<Adapter>) {
                adapter_.async_submit(line.index, std::move(line.reply_ref), std::move(on_answer));
            } else {
                adapter_.async_submit(line.index, std::move(on_answer));
            }
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
        auto waited = [this, index](std::error_code ec, diagnostics diag, auto job) {
            this->on_waited(index, ec, diag, std::move(job));
        };
        if constexpr (reports_polls<Adapter>) {
            if (opts_.on_poll) {
                // `this` and the index: small enough for the function's own storage.
                std::function<void(const poll_status&)> polled =
                    [this, index](const poll_status& status) { opts_.on_poll(index, status); };
                adapter_.async_wait(job_id, signal.token(), std::move(polled), std::move(waited));
                return;
            }
        }
        adapter_.async_wait(job_id, signal.token(), std::move(waited));
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
        if (finished_ || looking_up_ || in_flight_ != 0 || sleeping_ != 0 ||
            (!stopping_ && !queue_.empty())) {
            return;
        }
        finished_ = true;
        const auto lines = journal_.lines();
        const auto counts = count_states(lines);
        run_summary summary;
        summary.found_running = found_running_;
        summary.lookup_error = lookup_error_;
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
    bool looking_up_ = false;
    std::string run_id_; // 16 hex digits naming this run in its reply references
    std::size_t found_running_ = 0;
    std::string lookup_error_;
    std::vector<std::size_t> unchecked_; // `unknown` lines the failed look-up left unchecked
    std::deque<std::size_t> queue_;
    std::map<std::size_t, cancellation> waits_;
    std::function<void(run_summary)> done_;
};

} // namespace ltx::batch

#endif
