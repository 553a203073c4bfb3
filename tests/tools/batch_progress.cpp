// What `ltx batch` shows on stderr: on a terminal, a block of one line per job in flight and a
// total, redrawn in place, the lines that leave it printed once above it; otherwise plain lines.
// The terminal is a stream read back through a small screen model (carriage return, new line,
// cursor up, erase to the end of the screen).
#include "../../tools/ltx/batch_progress.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

namespace batch_progress_test {

using ltx::batch::line_record;
using ltx::batch::line_state;
using namespace std::chrono_literals;

// The screen the bytes written to a terminal leave (the tty turns `\n` into a new line at
// column 0). Any other escape sequence fails the test.
std::vector<std::string> screen(const std::string& bytes) {
    std::vector<std::string> rows(1);
    std::size_t row = 0, col = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\r') {
            col = 0;
        } else if (c == '\n') {
            ++row;
            col = 0;
            if (rows.size() <= row)
                rows.resize(row + 1);
        } else if (c == '\x1b') {
            REQUIRE(i + 1 < bytes.size());
            REQUIRE(bytes[i + 1] == '[');
            std::size_t j = i + 2, n = 0;
            bool has_n = false;
            while (j < bytes.size() && bytes[j] >= '0' && bytes[j] <= '9') {
                n = n * 10 + static_cast<std::size_t>(bytes[j] - '0');
                has_n = true;
                ++j;
            }
            REQUIRE(j < bytes.size());
            if (bytes[j] == 'A') {
                const std::size_t up = has_n ? n : 1;
                row = up > row ? 0 : row - up;
            } else if (bytes[j] == 'J') {
                rows[row].resize(std::min(rows[row].size(), col));
                rows.resize(row + 1);
            } else {
                FAIL("unexpected escape sequence ending in " << bytes[j]);
            }
            i = j;
        } else {
            auto& r = rows[row];
            if (r.size() <= col)
                r.resize(col + 1, ' ');
            r[col++] = c;
        }
    }
    while (!rows.empty() && rows.back().empty())
        rows.pop_back();
    return rows;
}

line_record record(std::size_t index, line_state state, std::string job = {}) {
    line_record l;
    l.index = index;
    l.state = state;
    l.job_id = std::move(job);
    if (state == line_state::done) {
        l.file = "out/" + std::to_string(index + 1) + ".mp4";
        l.size = 10;
    }
    return l;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

struct scripted_clock {
    std::chrono::steady_clock::time_point t{};
    ltx_cli::clock_fn fn() {
        return [this] { return t; };
    }
};

TEST_CASE("ltx batch on a terminal: a line per job in flight and the total, finished lines "
          "printed once above the block") {
    std::ostringstream os;
    scripted_clock clock;
    {
        ltx_cli::batch::batch_display d{os, true, clock.fn(), {80, 24}};
        std::vector<line_record> lines{record(0, line_state::planned),
                                       record(1, line_state::planned),
                                       record(2, line_state::done, "j0")};
        d.start(lines);
        CHECK(d.frame() == "1 done, 0 failed, 0 unknown, 0 running, 2 planned of 3 lines");

        d.transition(record(0, line_state::submitting));
        d.transition(record(0, line_state::submitted, "j1"));
        clock.t += 1s;
        d.transition(record(1, line_state::submitting));
        d.transition(record(1, line_state::submitted, "j2"));
        d.poll(0, {"active", 40});
        clock.t += 12s;
        d.tick();
        CHECK(d.frame() == "line 1  submitted  active 40%  0:13  j1\n"
                           "line 2  submitted  0:12  j2\n"
                           "1 done, 0 failed, 0 unknown, 2 running, 0 planned of 3 lines");
        CHECK(screen(os.str()) ==
              std::vector<std::string>{
                  "line 1  submitted  active 40%  0:13  j1", "line 2  submitted  0:12  j2",
                  "1 done, 0 failed, 0 unknown, 2 running, 0 planned of 3 lines"});

        d.transition(record(0, line_state::done, "j1"));
        CHECK(screen(os.str()) ==
              std::vector<std::string>{
                  "1  done  j1  out/1.mp4 (10 bytes)", "line 2  submitted  0:12  j2",
                  "2 done, 0 failed, 0 unknown, 1 running, 0 planned of 3 lines"});
        d.message("ltx batch: interrupted");
        auto failed = record(1, line_state::failed, "j2");
        failed.error = "the job failed";
        d.transition(failed);
        d.tick();
    }
    // The destructor cleared the block: what stays is each finished line, printed once.
    const auto out = os.str();
    CHECK(occurrences(out, "1  done  j1") == 1);
    CHECK(occurrences(out, "2  failed  j2") == 1);
    CHECK(screen(out) == std::vector<std::string>{"1  done  j1  out/1.mp4 (10 bytes)",
                                                  "ltx batch: interrupted",
                                                  "2  failed  j2  the job failed"});
}

TEST_CASE("ltx batch on a terminal: more jobs than rows, long rows cut to the width") {
    std::ostringstream os;
    scripted_clock clock;
    ltx_cli::batch::batch_display d{os, true, clock.fn(), {31, 6}};
    std::vector<line_record> lines;
    for (std::size_t i = 0; i < 5; ++i)
        lines.push_back(record(i, line_state::submitted, "job-" + std::to_string(i)));
    d.start(lines);
    CHECK(d.frame() == "line 1  submitted  0:00  job-0\n"
                       "line 2  submitted  0:00  job-1\n"
                       "line 3  submitted  0:00  job-2\n"
                       "+2 more running\n"
                       "0 done, 0 failed, 0 unknown, 5");
    d.finish();
    CHECK(screen(os.str()).empty());
}

TEST_CASE("ltx batch on a terminal: after a resize, the next redraw is at the new width") {
    std::ostringstream os;
    scripted_clock clock;
    ltx_cli::batch::terminal_geometry size{80, 24};
    ltx_cli::batch::batch_display d{os, true, clock.fn(),
                                    ltx_cli::batch::geometry_fn{[&size] { return size; }}};
    d.start(std::vector<line_record>{record(0, line_state::submitted, "job-0123456789")});
    CHECK(screen(os.str()) ==
          std::vector<std::string>{"line 1  submitted  0:00  job-0123456789",
                                   "0 done, 0 failed, 0 unknown, 1 running, 0 planned of 1 line"});
    size = {21, 24};
    d.tick(); // nothing else changed: the width alone redraws
    CHECK(screen(os.str()) ==
          std::vector<std::string>{"line 1  submitted  0", "0 done, 0 failed, 0 "});
    d.finish();
    CHECK(screen(os.str()).empty());
}

TEST_CASE("ltx batch on a terminal: rows are cut between UTF-8 code points, each a column") {
    using ltx_cli::batch::detail::cut_to_width;
    CHECK(cut_to_width("a\u00e9b", 1) == "a");
    CHECK(cut_to_width("a\u00e9b", 2) == "a\u00e9");
    CHECK(cut_to_width("\u65e5\u672c", 1) == "\u65e5");
    CHECK(cut_to_width("x\U0001F600y", 2) == "x\U0001F600");
    CHECK(cut_to_width("abc", 3) == "abc");
    CHECK(cut_to_width("abc", 0).empty());

    std::ostringstream os;
    scripted_clock clock;
    ltx_cli::batch::batch_display d{os, true, clock.fn(), {30, 24}};
    // Four 3-byte characters fit the 29 columns: cut by bytes, the second would be split.
    d.start(std::vector<line_record>{
        record(0, line_state::submitted, "\u65e5\u672c\u8a9e\u306e\u30b8\u30e7\u30d6")});
    const auto frame = d.frame();
    CHECK(frame.substr(0, frame.find('\n')) == "line 1  submitted  0:00  \u65e5\u672c\u8a9e\u306e");
}

TEST_CASE("ltx batch without a terminal: a plain line per transition but submitting, nothing "
          "per poll, no escape code") {
    std::ostringstream os;
    scripted_clock clock;
    ltx_cli::batch::batch_display d{os, false, clock.fn()};
    d.start(std::vector<line_record>{record(0, line_state::planned)});
    d.transition(record(0, line_state::submitting));
    d.transition(record(0, line_state::submitted, "j1"));
    d.poll(0, {"active", 40});
    clock.t += 1s;
    d.tick();
    d.transition(record(0, line_state::done, "j1"));
    d.message("a message");
    d.finish();
    CHECK(os.str() == "1  submitted  j1\n1  done  j1  out/1.mp4 (10 bytes)\na message\n");
}

} // namespace batch_progress_test
