// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_BATCH_IMPL_SQLITE_JOURNAL_IPP
#define LTX_BATCH_IMPL_SQLITE_JOURNAL_IPP

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace ltx::batch {

// One prepared statement, kept by the journal for the next use of the same text (a job's
// transitions are few statements run many times: parsing them is a good part of their CPU), and
// reset on every path out (a throw included). A text already in use is prepared afresh, and that
// statement finalized.
struct sqlite_journal::statement {
    statement(const sqlite_journal& owner, const std::string& sql) : owner_(owner) {
        auto& slot = owner.cache_[sql];
        if (slot.stmt && !slot.in_use) {
            stmt = slot.stmt;
            cached_ = &slot;
            slot.in_use = true;
            return;
        }
        if (sqlite3_prepare_v3(owner.db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                               nullptr) != SQLITE_OK) {
            owner.fail("prepare");
        }
        if (!slot.stmt) {
            slot.stmt = stmt;
            slot.in_use = true;
            cached_ = &slot;
        }
    }
    ~statement() {
        if (cached_) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            cached_->in_use = false;
        } else {
            sqlite3_finalize(stmt);
        }
    }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    void bind(int column, std::string_view text) {
        // SQLITE_TRANSIENT: SQLite copies the text, which need not outlive the bind. An empty
        // view may hold nullptr, which SQLite would bind as NULL: bind "" instead.
        check(sqlite3_bind_text(stmt, column, text.empty() ? "" : text.data(),
                                static_cast<int>(text.size()), SQLITE_TRANSIENT));
    }
    void bind(int column, std::int64_t value) { check(sqlite3_bind_int64(stmt, column, value)); }
    void bind_null(int column) { check(sqlite3_bind_null(stmt, column)); }
    // True while a row is there to read.
    bool step() {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            owner_.fail("step");
        }
        return false;
    }
    void reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
    std::string text(int column) const {
        const auto* p = sqlite3_column_text(stmt, column);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)))
                 : std::string();
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt, column); }
    // Runs the statement to its end.
    void run() {
        while (step()) {
        }
    }

    sqlite3_stmt* stmt = nullptr;

private:
    prepared* cached_ = nullptr;
    void check(int rc) const {
        if (rc != SQLITE_OK) {
            owner_.fail("bind");
        }
    }
    const sqlite_journal& owner_;
};

namespace detail {

inline std::string line_name(std::size_t index) {
    // Humans count lines from 1; the journal's index is 0-based.
    return "line " + std::to_string(index + 1);
}

} // namespace detail

inline sqlite_journal::sqlite_journal(const std::filesystem::path& path, int busy_timeout_ms)
    : path_(path) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "ltx batch: cannot open the journal " + path.string() + ": " +
                              (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw journal_error(message);
    }
    try {
        sqlite3_busy_timeout(db_, busy_timeout_ms);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL"); // and the log synced after `submitting` (the header)
        exec("CREATE TABLE IF NOT EXISTS lines ("
             " idx INTEGER PRIMARY KEY,"
             " hash TEXT NOT NULL,"
             " state TEXT NOT NULL,"
             " job_id TEXT NOT NULL DEFAULT '',"
             " file TEXT NOT NULL DEFAULT '',"
             " size INTEGER NOT NULL DEFAULT 0,"
             " error TEXT NOT NULL DEFAULT '',"
             " reply_ref TEXT NOT NULL DEFAULT '')");
        // A journal written before lines had a reply reference gains the column (empty).
        statement columns(*this,
                          "SELECT 1 FROM pragma_table_info('lines') WHERE name = 'reply_ref'");
        if (!columns.step()) {
            exec("ALTER TABLE lines ADD COLUMN reply_ref TEXT NOT NULL DEFAULT ''");
        }
    } catch (...) {
        close();
        throw;
    }
}

inline void sqlite_journal::close() noexcept {
    for (auto& [sql, slot] : cache_) {
        sqlite3_finalize(slot.stmt);
    }
    cache_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
}

inline sqlite_journal::~sqlite_journal() {
    close();
}

inline void sqlite_journal::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw journal_error("ltx batch: journal " + path_.string() + ": " + text);
    }
}

inline void sqlite_journal::fail(std::string_view what) const {
    throw journal_error("ltx batch: journal " + path_.string() + ": " + std::string(what) + ": " +
                        sqlite3_errmsg(db_));
}

template <class F> void sqlite_journal::in_transaction(bool durable, F&& body) {
    statement(*this, "BEGIN IMMEDIATE").run();
    try {
        body();
        statement(*this, "COMMIT").run();
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    if (durable) {
        sync_log();
    }
}

inline void sqlite_journal::sync_log() {
    // The write-ahead log's file, as SQLite's VFS holds it; synced as synchronous=FULL would
    // at the commit (the VFS's own sync: fdatasync on Linux), without switching the pragma.
    sqlite3_file* log = nullptr;
    if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) != SQLITE_OK ||
        log == nullptr || log->pMethods == nullptr) {
        throw journal_error("ltx batch: journal " + path_.string() +
                            ": the write-ahead log is not open");
    }
    if (const int rc = log->pMethods->xSync(log, SQLITE_SYNC_NORMAL); rc != SQLITE_OK) {
        throw journal_error("ltx batch: journal " + path_.string() +
                            ": cannot sync the write-ahead log: " + sqlite3_errstr(rc));
    }
}

inline void sqlite_journal::plan(std::span<const planned_line> lines, bool complete) {
    in_transaction(false, [&] {
        statement insert(*this, "INSERT OR IGNORE INTO lines(idx, hash, state) VALUES(?1, ?2, ?3)");
        statement lookup(*this, "SELECT hash FROM lines WHERE idx = ?1");
        std::size_t end = 0;
        for (const auto& line : lines) {
            end = std::max(end, line.index + 1);
            insert.bind(1, static_cast<std::int64_t>(line.index));
            insert.bind(2, line.content_hash);
            insert.bind(3, to_string(line_state::planned));
            insert.step();
            insert.reset();
            lookup.bind(1, static_cast<std::int64_t>(line.index));
            if (!lookup.step()) {
                fail("plan");
            }
            const std::string journaled = lookup.text(0);
            lookup.reset();
            if (journaled != line.content_hash) {
                throw journal_error("ltx batch: " + detail::line_name(line.index) +
                                    " of the input differs from the line the journal " +
                                    path_.string() + " recorded (content hash " + journaled +
                                    ", now " + line.content_hash +
                                    "); resume with the same input, or start a new journal");
            }
        }
        if (complete) {
            statement past(*this, "SELECT MIN(idx) FROM lines WHERE idx >= ?1");
            past.bind(1, static_cast<std::int64_t>(end));
            if (past.step() && sqlite3_column_type(past.stmt, 0) != SQLITE_NULL) {
                throw journal_error("ltx batch: the journal " + path_.string() + " holds " +
                                    detail::line_name(static_cast<std::size_t>(past.integer(0))) +
                                    " but the input has " + std::to_string(end) +
                                    " lines; resume with the same input, or start a new journal");
            }
        }
    });
}

inline void sqlite_journal::transition(std::size_t index, std::initializer_list<line_state> from,
                                       line_state to, const changes& set) {
    // One UPDATE, guarded by the states it may leave: atomic, and committed on return unless a
    // transaction of `in_transaction` holds it (autocommit).
    std::string sql = "UPDATE lines SET state = ?1";
    if (set.job_id) {
        sql += ", job_id = ?2";
    }
    if (set.file) {
        sql += ", file = ?3, size = ?4";
    }
    if (set.error) {
        sql += ", error = ?5";
    }
    if (set.reply_ref) {
        sql += ", reply_ref = ?6";
    }
    sql += " WHERE idx = ?7 AND state IN (";
    int column = 8;
    for (auto it = from.begin(); it != from.end(); ++it) {
        // Appended piece by piece: g++ 12 at -O3 warns (-Wrestrict, a false positive) on
        // `"literal" + std::string&&`.
        sql += it == from.begin() ? "?" : ", ?";
        sql += std::to_string(column++);
    }
    sql += ")";
    statement update(*this, sql);
    update.bind(1, to_string(to));
    if (set.job_id) {
        update.bind(2, *set.job_id);
    }
    if (set.file) {
        update.bind(3, *set.file);
        update.bind(4, static_cast<std::int64_t>(set.size));
    }
    if (set.error) {
        update.bind(5, *set.error);
    }
    if (set.reply_ref) {
        update.bind(6, *set.reply_ref);
    }
    update.bind(7, static_cast<std::int64_t>(index));
    column = 8;
    for (auto state : from) {
        update.bind(column++, to_string(state));
    }
    update.step();
    if (sqlite3_changes(db_) == 1) {
        return;
    }
    const auto current = line(index);
    std::string message = "ltx batch: ";
    message += detail::line_name(index);
    message += ": cannot go to ";
    message += to_string(to);
    message += " from ";
    message += current ? to_string(current->state) : "nothing (the journal does not hold it)";
    throw journal_error(message);
}

inline void sqlite_journal::mark_submitting(std::size_t index, std::string_view reply_ref) {
    in_transaction(true, [&] {
        transition(index, {line_state::planned}, line_state::submitting, {.reply_ref = reply_ref});
    });
}

inline void sqlite_journal::mark_submitting_all(std::span<const submitting_line> lines) {
    in_transaction(true, [&] {
        for (const auto& line : lines) {
            transition(line.index, {line_state::planned}, line_state::submitting,
                       {.reply_ref = line.reply_ref});
        }
    });
}

inline void sqlite_journal::mark_submitted(std::size_t index, std::string_view job_id) {
    transition(index, {line_state::submitting}, line_state::submitted, {.job_id = job_id});
}

inline void sqlite_journal::mark_done(std::size_t index, std::string_view file,
                                      std::uint64_t size) {
    transition(index, {line_state::submitted}, line_state::done, {.file = file, .size = size});
}

inline void sqlite_journal::release(std::size_t index) {
    transition(index, {line_state::submitting}, line_state::planned, {});
}

inline void sqlite_journal::mark_failed(std::size_t index, std::string_view error) {
    transition(index, {line_state::submitting, line_state::submitted}, line_state::failed,
               {.error = error});
}

inline void sqlite_journal::mark_unknown(std::size_t index, std::string_view error) {
    transition(index, {line_state::submitting}, line_state::unknown, {.error = error});
}

inline void sqlite_journal::mark_found(std::size_t index, std::string_view job_id) {
    transition(index, {line_state::unknown}, line_state::submitted,
               {.job_id = job_id, .error = std::string_view{}});
}

inline void sqlite_journal::replan(std::size_t index) {
    transition(index, {line_state::unknown}, line_state::planned, {.error = std::string_view{}});
}

inline std::vector<std::size_t> sqlite_journal::settle_interrupted() {
    std::vector<std::size_t> settled;
    in_transaction(false, [&] {
        statement select(*this, "SELECT idx FROM lines WHERE state = 'submitting' ORDER BY idx");
        while (select.step()) {
            settled.push_back(static_cast<std::size_t>(select.integer(0)));
        }
        statement update(*this,
                         "UPDATE lines SET state = 'unknown', error = 'the run stopped while "
                         "its create was in flight; the job may exist on the server' "
                         "WHERE state = 'submitting'");
        update.step();
    });
    return settled;
}

namespace detail {

inline constexpr const char* line_columns =
    "SELECT idx, hash, state, job_id, file, size, error, reply_ref FROM lines";

} // namespace detail

inline line_record sqlite_journal::read_record(const statement& select) const {
    line_record record;
    record.index = static_cast<std::size_t>(select.integer(0));
    record.content_hash = select.text(1);
    const auto state = line_state_from_string(select.text(2));
    if (!state) {
        fail(detail::line_name(record.index) + " has the unknown state `" + select.text(2) + "`");
    }
    record.state = *state;
    record.job_id = select.text(3);
    record.file = select.text(4);
    record.size = static_cast<std::uint64_t>(select.integer(5));
    record.error = select.text(6);
    record.reply_ref = select.text(7);
    return record;
}

inline std::vector<line_record> sqlite_journal::lines() const {
    statement select(*this, std::string(detail::line_columns) + " ORDER BY idx");
    std::vector<line_record> out;
    while (select.step()) {
        out.push_back(read_record(select));
    }
    return out;
}

inline std::optional<line_record> sqlite_journal::line(std::size_t index) const {
    statement select(*this, std::string(detail::line_columns) + " WHERE idx = ?1");
    select.bind(1, static_cast<std::int64_t>(index));
    if (!select.step()) {
        return std::nullopt;
    }
    return read_record(select);
}

} // namespace ltx::batch

#endif
