// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The durable record of a batch run: each input line's state, committed before the next network
// step, so a crash between two steps loses nothing that was paid for and submits nothing twice.
#ifndef LTX_BATCH_JOURNAL_HPP
#define LTX_BATCH_JOURNAL_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ltx::batch {

/// The state of one input line. The transitions a journal accepts:
///
///     planned -> submitting -> submitted(job id) -> done(file, size)
///                           \-> planned (the server did not accept it: 429)
///                           \-> unknown(error)   \-> failed(error)
///                           \-> failed(error)
///     unknown -> submitted(job id) (found running on the server by its reply reference)
///     unknown -> planned (only on request: the create may have reached the server)
///
/// `submitting` is committed before the create is sent, with the reply reference the create
/// carries: a line found in it after a crash may have been created on the server, and
/// `journal::settle_interrupted` turns it into `unknown`; a runner then looks for a running job
/// with that reference (`mark_found`) before anything is submitted again.
enum class line_state { planned, submitting, submitted, done, failed, unknown };

/// Every state, in the order of the enumeration.
inline constexpr std::array<line_state, 6> line_states{
    line_state::planned, line_state::submitting, line_state::submitted,
    line_state::done,    line_state::failed,     line_state::unknown};

/// The wire name of a state: "planned", "submitting", ... (the journal stores these).
constexpr std::string_view to_string(line_state state) noexcept {
    switch (state) {
    case line_state::planned:
        return "planned";
    case line_state::submitting:
        return "submitting";
    case line_state::submitted:
        return "submitted";
    case line_state::done:
        return "done";
    case line_state::failed:
        return "failed";
    case line_state::unknown:
        return "unknown";
    }
    return "invalid";
}

/// The state named `name`, or nothing for a name no state has.
constexpr std::optional<line_state> line_state_from_string(std::string_view name) noexcept {
    for (auto state : line_states) {
        if (to_string(state) == name) {
            return state;
        }
    }
    return std::nullopt;
}

/// One input line as the journal knows it.
struct line_record {
    std::size_t index = 0;    ///< 0-based position of the line in the input
    std::string content_hash; ///< hex digest of the line's text (see `line_hash`)
    line_state state = line_state::planned;
    std::string job_id;     ///< set from `submitted` on
    std::string file;       ///< set by `done`: where the artifact was written
    std::uint64_t size = 0; ///< set by `done`: the artifact's size in bytes
    std::string error;      ///< set by `failed` and `unknown`: what happened
    /// Set by `submitting`: the reply reference (LTX Studio's `replyRef`) the create carries,
    /// by which the job can be found among the running ones if the answer is lost; empty when
    /// the create carries none the runner can rely on.
    std::string reply_ref;
};

/// How many lines are in each state: what a run's summary and `ltx batch status` report.
struct state_counts {
    /// Lines per state, indexed by `line_state`.
    std::array<std::size_t, line_states.size()> by_state{};

    /// The lines in `state`.
    constexpr std::size_t operator[](line_state state) const noexcept {
        return by_state[static_cast<std::size_t>(state)];
    }
    /// Every line.
    constexpr std::size_t total() const noexcept {
        std::size_t n = 0;
        for (auto c : by_state) {
            n += c;
        }
        return n;
    }
};

/// The states of `lines`, counted.
inline state_counts count_states(std::span<const line_record> lines) noexcept {
    state_counts c;
    for (const auto& line : lines) {
        ++c.by_state[static_cast<std::size_t>(line.state)];
    }
    return c;
}

/// A line to plan: its position and the hash of its text.
struct planned_line {
    std::size_t index = 0;
    std::string content_hash;
};

/// A line about to be submitted: its position and the reply reference its create carries (empty:
/// none). See `journal::mark_submitting_all`.
struct submitting_line {
    std::size_t index = 0;
    std::string reply_ref;
};

/// Thrown by a journal: a refused transition, an input that does not match the journal, or the
/// storage failing. `what()` names the line when one is concerned.
class journal_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The journal interface. Every mutating call is committed when it returns: a runner calls it
/// before the network step it announces. Calls on one journal object are not synchronised; a
/// runner makes them from one thread (its executor). Several processes may open one SQLite
/// journal file; see the README's note on several runners sharing a journal for what a shared
/// engine would add (claiming lines).
///
/// Durability, the invariant that keeps a job from being created twice: a line's create is sent
/// only after its `submitting` mark is *durable* (it survives a power cut), and a durable commit
/// makes every commit before it durable. Every commit survives the process being killed; the
/// other transitions (`submitted`, `done`, ...) may be lost to a power cut until the next
/// `submitting`, and only as a suffix: a journal after a power cut is the journal as it was at a
/// commit at or after the last durable one. A line that was created therefore comes back at
/// `submitting` or later, never `planned`: a lost `submitted` leaves `submitting`, which becomes
/// `unknown` and is looked up by its reply reference (never resubmitted unasked); a lost `done`
/// or `failed` leaves `submitted` (waited on and downloaded again) or `submitting` (as above);
/// a lost `release` (429: no job) or `unknown` leaves `submitting`, as above; a lost
/// `mark_found` or `replan` leaves `unknown`, looked up again. Only `release`
/// and `replan` lead back to `planned`, and a line leaves `planned` again only through a durable
/// `submitting`. An engine must keep this: `mark_submitting` and `mark_submitting_all` durable on
/// return, and what a crash loses, a suffix of the commits after the last durable one. The
/// journal holds no file's bytes: a `done` made durable by a later commit names a complete file
/// only because the file was synced before `mark_done` (the adapters download with
/// `download_options::durable`).
class journal {
public:
    virtual ~journal() = default;

    /// Records `lines` as planned, in one transaction. A line the journal already holds keeps its
    /// state if its hash is the same; a different hash, or a journaled index past the end of
    /// `lines` when `complete` is true, throws journal_error naming the line, and nothing is
    /// recorded: a changed input is refused, never mixed with the old one.
    virtual void plan(std::span<const planned_line> lines, bool complete = true) = 0;

    /// planned -> submitting: the create is about to be sent, carrying `reply_ref` (empty: none).
    /// Durable on return (see above).
    virtual void mark_submitting(std::size_t index, std::string_view reply_ref = {}) = 0;
    /// planned -> submitting for every line of `lines`, in one transaction (all or none, one
    /// durable write): the group commit of a runner that starts several lines at once, called
    /// before any of their creates is sent. A line not `planned` throws journal_error naming it,
    /// and nothing is recorded.
    virtual void mark_submitting_all(std::span<const submitting_line> lines) = 0;
    /// submitting -> submitted: the server answered with `job_id`.
    virtual void mark_submitted(std::size_t index, std::string_view job_id) = 0;
    /// submitted -> done: the artifact is on disk at `file`, `size` bytes (synced to the disk by
    /// the caller: see above).
    virtual void mark_done(std::size_t index, std::string_view file, std::uint64_t size) = 0;
    /// submitting -> planned: the server said it did not accept the create (a 429), so no job
    /// exists and the line is submitted again later.
    virtual void release(std::size_t index) = 0;
    /// submitting or submitted -> failed: the server refused the request or failed the job.
    virtual void mark_failed(std::size_t index, std::string_view error) = 0;
    /// submitting -> unknown: the create may have reached the server (errc::outcome_unknown).
    virtual void mark_unknown(std::size_t index, std::string_view error) = 0;
    /// unknown -> submitted: the server lists a running job `job_id` that carries the line's
    /// reply reference, so the create did reach it; the job is waited on, not created again.
    virtual void mark_found(std::size_t index, std::string_view job_id) = 0;
    /// unknown -> planned: submit again (a second job may be created and paid for).
    virtual void replan(std::size_t index) = 0;

    /// Every line left in `submitting` by a run that stopped before its create was answered
    /// becomes `unknown`; returns their indices. A runner calls it once on start, before any
    /// submit of its own.
    virtual std::vector<std::size_t> settle_interrupted() = 0;

    /// Every line, by index.
    virtual std::vector<line_record> lines() const = 0;
    /// The line at `index`, or nothing.
    virtual std::optional<line_record> line(std::size_t index) const = 0;
};

} // namespace ltx::batch

#endif
