// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The journal in one SQLite database file (libsqlite3, the C API).
#ifndef LTX_BATCH_SQLITE_JOURNAL_HPP
#define LTX_BATCH_SQLITE_JOURNAL_HPP

#include <ltx/batch/journal.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace ltx::batch {

/// A journal kept in the SQLite database at `path` (created when missing).
///
/// Durability (see `journal` for the invariant): the database runs in WAL mode with
/// `synchronous=NORMAL`, and `mark_submitting` and `mark_submitting_all` sync the write-ahead
/// log after their commit, before they return (what `synchronous=FULL` does at a commit). In
/// WAL mode a commit is one append to the log: the append reaches the operating system before
/// the commit returns (it survives a killed process) and the log is synced at checkpoints; a
/// sync makes it reach the disk, with every earlier append (it survives a power cut). A power cut
/// can lose only the commits after the last synced one, in order: WAL recovery keeps the longest
/// valid prefix of the log. So a job costs one synced write (its `submitting`), or less when a
/// runner starts several lines at once (`mark_submitting_all`: one write for the group). WAL rather
/// than a rollback journal also because a reader (`ltx batch status`) never blocks the runner
/// nor is blocked by it. WAL needs the file on a local file system (it shares memory between
/// the processes that open it), not a network mount.
///
class sqlite_journal final : public journal {
public:
    explicit sqlite_journal(const std::filesystem::path& path, int busy_timeout_ms = 5000);
    ~sqlite_journal() override;
    sqlite_journal(const sqlite_journal&) = delete;
    sqlite_journal& operator=(const sqlite_journal&) = delete;

    void plan(std::span<const planned_line> lines, bool complete = true) override;
    void mark_submitting(std::size_t index, std::string_view reply_ref = {}) override;
    void mark_submitting_all(std::span<const submitting_line> lines) override;
    void mark_submitted(std::size_t index, std::string_view job_id) override;
    void mark_done(std::size_t index, std::string_view file, std::uint64_t size) override;
    void release(std::size_t index) override;
    void mark_failed(std::size_t index, std::string_view error) override;
    void mark_unknown(std::size_t index, std::string_view error) override;
    void mark_found(std::size_t index, std::string_view job_id) override;
    void replan(std::size_t index) override;
    std::vector<std::size_t> settle_interrupted() override;
    std::vector<line_record> lines() const override;
    std::optional<line_record> line(std::size_t index) const override;

    /// The database file.
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    struct statement;
    void exec(const char* sql);
    void close() noexcept; // finalizes the cached statements, closes the database
    // Runs `body` in one transaction (BEGIN IMMEDIATE ... COMMIT; ROLLBACK on a throw), then,
    // when `durable`, syncs the log (`sync_log`) before returning.
    template <class F> void in_transaction(bool durable, F&& body);
    // Syncs the write-ahead log through SQLite's VFS (SQLITE_FCNTL_JOURNAL_POINTER).
    void sync_log();
    [[noreturn]] void fail(std::string_view what) const;
    line_record read_record(const statement& select) const;
    // The columns a transition sets besides the state; an empty optional leaves one as it is.
    struct changes {
        std::optional<std::string_view> job_id{}, file{}, error{}, reply_ref{};
        std::uint64_t size = 0; // set with `file`
    };
    void transition(std::size_t index, std::initializer_list<line_state> from, line_state to,
                    const changes& set);

    // The statements prepared so far, by their text (see `statement`).
    struct prepared {
        sqlite3_stmt* stmt = nullptr;
        bool in_use = false;
    };
    mutable std::map<std::string, prepared, std::less<>> cache_;
    std::filesystem::path path_;
    sqlite3* db_ = nullptr;
};

} // namespace ltx::batch

#include <ltx/batch/impl/sqlite_journal.ipp>

#endif
