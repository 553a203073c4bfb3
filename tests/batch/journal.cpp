// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The SQLite journal: every transition, reopening, a changed input refused, `unknown` lines, and
// a process killed (SIGKILL) right after a commit.
#include <ltx/batch/sqlite_journal.hpp>

#include <ltx/batch/line_hash.hpp>

#include "scratch_dir.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace batch_journal_test {

using ltx::batch::journal_error;
using ltx::batch::line_hash;
using ltx::batch::line_state;
using ltx::batch::planned_line;
using ltx::batch::sqlite_journal;

// A fresh database path per test, removed (with its WAL files) at the end.
struct temp_db {
    explicit temp_db(const std::string& name) : dir("journal-" + name) {}
    std::filesystem::path file() const { return dir.path / "batch.db"; }
    batch_test::scratch_dir dir;
};

std::vector<planned_line> input(std::initializer_list<const char*> texts) {
    std::vector<planned_line> lines;
    for (const char* text : texts) {
        lines.push_back({lines.size(), line_hash(text)});
    }
    return lines;
}

TEST_CASE("line_hash: the SHA-256 of the line's text, in hex") {
    CHECK(line_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(line_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sqlite_journal: every transition of a line, each recorded") {
    temp_db db("transitions");
    sqlite_journal j(db.file());
    const auto lines = input({R"({"prompt":"a"})", R"({"prompt":"b"})", R"({"prompt":"c"})"});
    j.plan(lines);
    REQUIRE(j.lines().size() == 3);
    CHECK(j.line(0)->state == line_state::planned);
    CHECK(j.line(0)->content_hash == lines[0].content_hash);
    CHECK_FALSE(j.line(3));

    j.mark_submitting(0);
    CHECK(j.line(0)->state == line_state::submitting);
    j.mark_submitted(0, "job-0");
    CHECK(j.line(0)->state == line_state::submitted);
    CHECK(j.line(0)->job_id == "job-0");
    j.mark_done(0, "out/0.mp4", 12345);
    const auto done = *j.line(0);
    CHECK(done.state == line_state::done);
    CHECK(done.file == "out/0.mp4");
    CHECK(done.size == 12345);
    CHECK(done.job_id == "job-0");

    j.mark_submitting(1);
    j.mark_submitted(1, "job-1");
    j.mark_failed(1, "the job failed: content policy");
    CHECK(j.line(1)->state == line_state::failed);
    CHECK(j.line(1)->error == "the job failed: content policy");

    j.mark_submitting(2);
    j.release(2); // a 429: not accepted, planned again
    CHECK(j.line(2)->state == line_state::planned);
    CHECK_THROWS_AS(j.release(2), journal_error);
    j.mark_submitting(2);
    j.mark_failed(2, "400: prompt is required");
    CHECK(j.line(2)->state == line_state::failed);
    CHECK(j.line(2)->job_id.empty());
}

TEST_CASE("sqlite_journal: a transition from the wrong state is refused and names the line") {
    temp_db db("refused");
    sqlite_journal j(db.file());
    j.plan(input({"x", "y"}));
    CHECK_THROWS_WITH_AS(j.mark_submitted(1, "job"),
                         doctest::Contains("line 2: cannot go to submitted from planned"),
                         journal_error);
    CHECK_THROWS_WITH_AS(j.mark_done(0, "f", 1), doctest::Contains("from planned"), journal_error);
    CHECK_THROWS_WITH_AS(j.mark_submitting(7),
                         doctest::Contains("line 8: cannot go to submitting from nothing"),
                         journal_error);
    j.mark_submitting(0);
    CHECK_THROWS_AS(j.mark_submitting(0), journal_error);
    CHECK_THROWS_AS(j.replan(0), journal_error);
    CHECK(j.line(0)->state == line_state::submitting);
    CHECK(j.line(1)->state == line_state::planned);
}

TEST_CASE("sqlite_journal: reopened, it holds what was committed and keeps each line's state") {
    temp_db db("reopen");
    const auto lines = input({"one", "two", "three"});
    {
        sqlite_journal j(db.file());
        j.plan(lines);
        j.mark_submitting(0);
        j.mark_submitted(0, "job-a");
        j.mark_submitting(1);
        j.mark_submitted(1, "job-b");
        j.mark_done(1, "b.mp4", 7);
    }
    sqlite_journal j(db.file());
    j.plan(lines); // the same input again: nothing changes
    const auto all = j.lines();
    REQUIRE(all.size() == 3);
    CHECK(all[0].state == line_state::submitted);
    CHECK(all[0].job_id == "job-a");
    CHECK(all[1].state == line_state::done);
    CHECK(all[1].file == "b.mp4");
    CHECK(all[2].state == line_state::planned);
    CHECK(j.settle_interrupted().empty());
}

TEST_CASE("sqlite_journal: a changed input line is refused, naming it, and nothing is recorded") {
    temp_db db("changed");
    {
        sqlite_journal j(db.file());
        j.plan(input({"one", "two", "three"}));
    }
    sqlite_journal j(db.file());
    CHECK_THROWS_WITH_AS(j.plan(input({"one", "TWO", "three"})),
                         doctest::Contains("line 2 of the input differs"), journal_error);
    CHECK_THROWS_WITH_AS(j.plan(input({"one", "two"})),
                         doctest::Contains("holds line 3 but the input has 2 lines"),
                         journal_error);
    // A longer input: the refused line stops the whole plan, the new line is not recorded.
    CHECK_THROWS_AS(j.plan(input({"one", "2", "three", "four"})), journal_error);
    CHECK(j.lines().size() == 3);
    CHECK(j.line(1)->content_hash == line_hash("two"));
    // An appended line alone is accepted.
    j.plan(input({"one", "two", "three", "four"}));
    CHECK(j.lines().size() == 4);
}

TEST_CASE("sqlite_journal: unknown lines, from an ambiguous create or an interrupted run") {
    temp_db db("unknown");
    sqlite_journal j(db.file());
    j.plan(input({"a", "b", "c"}));
    j.mark_submitting(0);
    j.mark_unknown(0, "the connection closed after the create was sent");
    CHECK(j.line(0)->state == line_state::unknown);
    CHECK(j.line(0)->error == "the connection closed after the create was sent");
    CHECK_THROWS_AS(j.mark_submitted(0, "late"), journal_error);

    j.mark_submitting(1); // the run stops here: settle_interrupted finds it
    j.mark_submitting(2);
    j.mark_submitted(2, "job-c");
    CHECK(j.settle_interrupted() == std::vector<std::size_t>{1});
    CHECK(j.line(1)->state == line_state::unknown);
    CHECK(j.line(1)->error.find("may exist on the server") != std::string::npos);
    CHECK(j.line(2)->state == line_state::submitted);

    j.replan(0); // on request only: submitted again
    CHECK(j.line(0)->state == line_state::planned);
    CHECK(j.line(0)->error.empty());
    j.mark_submitting(0);
    j.mark_submitted(0, "job-a2");
    CHECK(j.line(0)->job_id == "job-a2");
}

TEST_CASE("sqlite_journal: the reply reference is journaled with submitting, a found job taken") {
    temp_db db("found");
    sqlite_journal j(db.file());
    j.plan(input({"a", "b"}));
    j.mark_submitting(0, "ltx-batch:0123456789abcdef:1");
    j.mark_submitting(1);
    CHECK(j.line(0)->reply_ref == "ltx-batch:0123456789abcdef:1");
    CHECK(j.line(1)->reply_ref.empty());
    CHECK_THROWS_AS(j.mark_found(0, "job-a"), journal_error); // only from unknown
    CHECK(j.settle_interrupted() == std::vector<std::size_t>{0, 1});
    j.mark_found(0, "job-a");
    const auto found = *j.line(0);
    CHECK(found.state == line_state::submitted);
    CHECK(found.job_id == "job-a");
    CHECK(found.error.empty());
    CHECK(found.reply_ref == "ltx-batch:0123456789abcdef:1");
    j.mark_done(0, "a.mp4", 5);
    CHECK(j.line(0)->state == line_state::done);
}

TEST_CASE("sqlite_journal: a journal written before reply references gains the column") {
    temp_db db("migrate");
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(db.file().c_str(), &raw) == SQLITE_OK);
        const char* old_schema =
            "CREATE TABLE lines (idx INTEGER PRIMARY KEY, hash TEXT NOT NULL, state TEXT NOT NULL,"
            " job_id TEXT NOT NULL DEFAULT '', file TEXT NOT NULL DEFAULT '',"
            " size INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '');"
            "INSERT INTO lines(idx, hash, state, job_id) VALUES(0, 'h', 'submitted', 'job-old')";
        CHECK(sqlite3_exec(raw, old_schema, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    sqlite_journal j(db.file());
    const auto old = *j.line(0);
    CHECK(old.state == line_state::submitted);
    CHECK(old.job_id == "job-old");
    CHECK(old.reply_ref.empty());
}

// The child journals up to `steps` transitions, tells the parent through a pipe that the last one
// returned (was committed), and waits to be killed; the parent kills it with SIGKILL at once.
void run_and_kill(const std::filesystem::path& file, int steps) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        int code = 0;
        try {
            sqlite_journal j(file);
            j.plan(input({"first", "second"}));
            if (steps >= 1) {
                j.mark_submitting(0);
            }
            if (steps >= 2) {
                j.mark_submitted(0, "job-killed");
            }
            const char committed = 'c';
            if (::write(fds[1], &committed, 1) != 1) {
                code = 2;
            }
            for (;;) {
                ::pause(); // the next network step would start here
            }
        } catch (...) {
            code = 1;
        }
        ::_exit(code);
    }
    ::close(fds[1]);
    char byte = 0;
    const auto got = ::read(fds[0], &byte, 1);
    ::close(fds[0]);
    ::kill(child, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(got == 1);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
}

TEST_CASE("sqlite_journal: a process killed right after a commit leaves that commit durable") {
    SUBCASE("killed after submitted: the job id is there, the line is waited on, not resubmitted") {
        temp_db db("kill-submitted");
        run_and_kill(db.file(), 2);
        sqlite_journal j(db.file());
        j.plan(input({"first", "second"}));
        CHECK(j.settle_interrupted().empty());
        CHECK(j.line(0)->state == line_state::submitted);
        CHECK(j.line(0)->job_id == "job-killed");
        CHECK(j.line(1)->state == line_state::planned);
        j.mark_done(0, "first.mp4", 3);
        CHECK(j.line(0)->state == line_state::done);
    }
    SUBCASE("killed after submitting: the create may have been sent, the line becomes unknown") {
        temp_db db("kill-submitting");
        run_and_kill(db.file(), 1);
        sqlite_journal j(db.file());
        CHECK(j.settle_interrupted() == std::vector<std::size_t>{0});
        CHECK(j.line(0)->state == line_state::unknown);
        CHECK(j.line(1)->state == line_state::planned);
    }
}

// A VFS over the default one that counts the syncs of write-ahead logs (files opened with
// SQLITE_OPEN_WAL), registered as the default while it lives: what a power cut would keep.
struct counting_vfs {
    static inline sqlite3_vfs* base = nullptr;
    static inline sqlite3_io_methods methods{};
    static inline const sqlite3_io_methods* base_methods = nullptr;
    static inline int wal_syncs = 0;
    sqlite3_vfs vfs{};

    counting_vfs() {
        base = sqlite3_vfs_find(nullptr);
        REQUIRE(base != nullptr);
        vfs = *base;
        vfs.zName = "ltx-counting";
        vfs.szOsFile = base->szOsFile;
        vfs.xOpen = &open;
        wal_syncs = 0;
        REQUIRE(sqlite3_vfs_register(&vfs, 1) == SQLITE_OK);
    }
    ~counting_vfs() {
        sqlite3_vfs_unregister(&vfs);
        sqlite3_vfs_register(base, 1);
    }
    counting_vfs(const counting_vfs&) = delete;
    counting_vfs& operator=(const counting_vfs&) = delete;

    static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags,
                    int* out_flags) {
        const int rc = base->xOpen(base, name, file, flags, out_flags);
        if (rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) && file->pMethods) {
            if (!base_methods) {
                base_methods = file->pMethods;
                methods = *file->pMethods;
                methods.xSync = [](sqlite3_file* f, int sync_flags) {
                    ++wal_syncs;
                    return base_methods->xSync(f, sync_flags);
                };
            }
            REQUIRE(file->pMethods == base_methods);
            file->pMethods = &methods;
        }
        return rc;
    }
};

TEST_CASE("sqlite_journal: submitting syncs the log once per group, the other marks never") {
    temp_db db("syncs");
    const counting_vfs vfs;
    sqlite_journal j(db.file());
    j.plan(input({"a", "b", "c", "d", "e"}));
    // The log's first frames, written by a new database's set-up, may be synced by SQLite itself:
    // count from here.
    counting_vfs::wal_syncs = 0;
    j.mark_submitting(0, "ref-1");
    CHECK(counting_vfs::wal_syncs == 1);
    j.mark_submitted(0, "job-1");
    j.mark_done(0, "out/1.mp4", 42);
    CHECK(counting_vfs::wal_syncs == 1);
    const std::vector<ltx::batch::submitting_line> group{{1, "ref-2"}, {2, "ref-3"}, {3, "ref-4"}};
    j.mark_submitting_all(group);
    CHECK(counting_vfs::wal_syncs == 2);
    j.mark_failed(1, "refused");
    j.mark_unknown(2, "the connection was reset");
    CHECK(counting_vfs::wal_syncs == 2);
    // A refused transition commits nothing and syncs nothing.
    CHECK_THROWS_AS(j.mark_submitting(0, "ref-again"), journal_error);
    CHECK(counting_vfs::wal_syncs == 2);
    CHECK(j.line(3)->state == line_state::submitting);
    CHECK(j.line(3)->reply_ref == "ref-4");
}

TEST_CASE("sqlite_journal: a file that is not a database is refused with its path") {
    temp_db db("garbage");
    {
        std::FILE* f = std::fopen(db.file().c_str(), "w");
        REQUIRE(f);
        std::fputs("this is not an SQLite database, it is long enough to have a header....\n", f);
        std::fclose(f);
    }
    CHECK_THROWS_WITH_AS(sqlite_journal(db.file()), doctest::Contains(db.file().c_str()),
                         journal_error);
}

} // namespace batch_journal_test
