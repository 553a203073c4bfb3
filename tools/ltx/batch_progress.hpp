// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What `ltx batch` shows on stderr while it runs. On a terminal, under the lines printed so far,
// a block redrawn in place: one line per job in flight (its line number, state, what the last
// poll said, the time since it was submitted, job id) and a total line. A line that leaves the
// flight (done, failed, unknown, back to planned) is printed once above the block as a plain
// line, so the scroll-back keeps the history. Without a terminal, the plain line of each
// transition but `submitting`, and nothing per poll.
#ifndef LTX_TOOLS_LTX_BATCH_PROGRESS_HPP
#define LTX_TOOLS_LTX_BATCH_PROGRESS_HPP

#include "progress.hpp"

#include <ltx/batch/journal.hpp>
#include <ltx/batch/runner.hpp>

#include <asio/steady_timer.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sys/ioctl.h>
#include <unistd.h>

namespace ltx_cli::batch {

namespace detail {

/// One line of the table: `line  state  job  file (size) | error`.
inline void print_line(std::ostream& os, const ltx::batch::line_record& l) {
    os << (l.index + 1) << "  " << ltx::batch::to_string(l.state) << "  "
       << (l.job_id.empty() ? "-" : l.job_id);
    if (!l.file.empty())
        os << "  " << l.file << " (" << l.size << " bytes)";
    if (!l.error.empty())
        os << "  " << l.error;
    os << "\n";
}

/// The longest start of `row` of at most `width` code points, each counted as one column (a
/// wide character too): never cut inside a UTF-8 sequence.
inline std::string_view cut_to_width(std::string_view row, std::size_t width) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if ((static_cast<unsigned char>(row[i]) & 0xC0) != 0x80) { // a code point's first byte
            if (points == width)
                return row.substr(0, i);
            ++points;
        }
    }
    return row;
}

} // namespace detail

/// The size of the terminal on stderr; 80 by 24 when it cannot be read.
struct terminal_geometry {
    std::size_t columns = 80;
    std::size_t rows = 24;

    /// The size of the terminal on file descriptor `fd`.
    static terminal_geometry of(int fd) {
        terminal_geometry g;
        ::winsize ws{};
        if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
            g.columns = ws.ws_col;
            g.rows = ws.ws_row;
        }
        return g;
    }
};

/// Where a display reads the terminal's size, at each frame.
using geometry_fn = std::function<terminal_geometry()>;

/// Shows a batch run (see the file's comment). Everything runs on the thread that runs the
/// batch; the destructor clears the block.
class batch_display {
public:
    /// The pause between two redraws of the block for a poll or the clock.
    static constexpr std::chrono::milliseconds redraw_interval{100};

    /// A display on a terminal of the size `g`.
    batch_display(std::ostream& os, bool terminal, clock_fn now, terminal_geometry g = {})
        : batch_display(os, terminal, std::move(now), geometry_fn{[g] { return g; }}) {}

    /// A display whose terminal's size is read from `geometry` at each frame (the block is
    /// drawn at a new width by the redraw after a resize).
    batch_display(std::ostream& os, bool terminal, clock_fn now, geometry_fn geometry)
        : os_(os), terminal_(terminal), now_(std::move(now)), geometry_(std::move(geometry)) {}

    batch_display(const batch_display&) = delete;
    batch_display& operator=(const batch_display&) = delete;
    ~batch_display() { finish(); }

    /// Whether the block is shown (stderr is a terminal).
    bool terminal() const noexcept { return terminal_; }

    /// The journal's lines as the run starts: those `submitted` are waited on (in flight), a
    /// line left `submitting` by a stopped run is counted `unknown` (the runner settles it so).
    void start(std::span<const ltx::batch::line_record> lines) {
        const auto t = now_();
        for (const auto& l : lines) {
            auto state = l.state;
            if (state == ltx::batch::line_state::submitting)
                state = ltx::batch::line_state::unknown;
            set_state(l.index, state);
            if (state == ltx::batch::line_state::submitted)
                running_[l.index] = job_line{state, l.job_id, {}, std::nullopt, t};
        }
        draw();
    }

    /// A line's transition, journaled.
    void transition(const ltx::batch::line_record& l) {
        using ltx::batch::line_state;
        set_state(l.index, l.state);
        if (!terminal_) {
            if (l.state != line_state::submitting)
                detail::print_line(os_, l);
            return;
        }
        if (l.state == line_state::submitting || l.state == line_state::submitted) {
            auto [it, added] = running_.try_emplace(l.index);
            if (added)
                it->second.since = now_();
            it->second.state = l.state;
            it->second.job_id = l.job_id;
            // Into the block: redrawn now unless it was a moment ago (a burst of creates).
            if (now_() - last_draw_ >= redraw_interval)
                draw();
            else
                dirty_ = true;
            return;
        }
        running_.erase(l.index);
        erase();
        detail::print_line(os_, l);
        draw();
    }

    /// What a poll of line `index`'s job said; shown at the next redraw.
    void poll(std::size_t index, const ltx::batch::poll_status& p) {
        if (!terminal_)
            return;
        auto it = running_.find(index);
        if (it == running_.end())
            return;
        it->second.status.assign(p.state);
        it->second.percent = p.percent;
        dirty_ = true;
    }

    /// Redraws the block when it changed (a poll, the clock's seconds) since it was drawn.
    void tick() {
        if (!terminal_ || finished_)
            return;
        std::string f = frame();
        if (!dirty_ && f == drawn_)
            return;
        erase();
        write_frame(std::move(f));
    }

    /// A message printed once, above the block.
    void message(std::string_view text) {
        erase();
        os_ << text << "\n";
        draw();
    }

    /// Clears the block for good: what stays on the screen is the plain lines.
    void finish() {
        if (finished_)
            return;
        erase();
        os_ << std::flush;
        finished_ = true;
    }

    /// The block as it is drawn now, one `\n` between two lines: a line per job in flight
    /// (`line N  state  poll's state and percent  elapsed  job id`; at most as many as the
    /// terminal has rows for, then `+N more running`) and the total, each cut to the
    /// terminal's width.
    std::string frame() const {
        using ltx::batch::line_state;
        std::string out;
        const auto t = now_();
        const auto g = geometry_();
        const std::size_t room = g.rows > 4 ? g.rows - 3 : 1;
        std::size_t shown = 0;
        for (const auto& [index, job] : running_) {
            if (shown == room)
                break;
            ++shown;
            // The job id last: the part a narrow terminal cuts.
            std::string row = "line " + std::to_string(index + 1) + "  ";
            row += ltx::batch::to_string(job.state);
            row += "  ";
            if (!job.status.empty() || job.percent) {
                row += job.status;
                if (job.percent) {
                    if (!job.status.empty())
                        row += ' ';
                    row += std::to_string(*job.percent);
                    row += '%';
                }
                row += "  ";
            }
            row += format_seconds(
                std::chrono::duration_cast<std::chrono::seconds>(t - job.since).count());
            row += "  ";
            row += job.job_id.empty() ? std::string_view{"-"} : std::string_view{job.job_id};
            append_row(out, row, g);
        }
        if (running_.size() > shown)
            append_row(out, "+" + std::to_string(running_.size() - shown) + " more running", g);
        const auto n = [&](line_state s) { return std::to_string(counts_[index_of(s)]); };
        std::size_t total = 0;
        for (auto c : counts_)
            total += c;
        append_row(out,
                   n(line_state::done) + " done, " + n(line_state::failed) + " failed, " +
                       n(line_state::unknown) + " unknown, " +
                       std::to_string(counts_[index_of(line_state::submitting)] +
                                      counts_[index_of(line_state::submitted)]) +
                       " running, " + n(line_state::planned) + " planned of " +
                       std::to_string(total) + (total == 1 ? " line" : " lines"),
                   g);
        return out;
    }

private:
    struct job_line {
        ltx::batch::line_state state = ltx::batch::line_state::submitting;
        std::string job_id;
        std::string status; ///< the state the last poll reported
        std::optional<int> percent;
        std::chrono::steady_clock::time_point since{};
    };

    static std::size_t index_of(ltx::batch::line_state s) { return static_cast<std::size_t>(s); }

    void set_state(std::size_t index, ltx::batch::line_state state) {
        if (index >= states_.size())
            states_.resize(index + 1);
        if (states_[index])
            --counts_[index_of(*states_[index])];
        states_[index] = state;
        ++counts_[index_of(state)];
    }

    // Appends `row` cut to one less than the width of the terminal `g` (a full row would leave
    // the cursor waiting to wrap), after a `\n` when `out` holds a row already.
    static void append_row(std::string& out, std::string_view row, const terminal_geometry& g) {
        if (!out.empty())
            out += '\n';
        out += detail::cut_to_width(row, g.columns > 1 ? g.columns - 1 : 1);
    }

    void draw() {
        if (!terminal_ || finished_)
            return;
        erase();
        write_frame(frame());
    }

    // The cursor stays at the end of the block's last row (as `progress_display` leaves it at
    // the end of its line): erasing goes back to the block's first row and clears to the end of
    // the screen.
    void write_frame(std::string f) {
        os_ << f << std::flush;
        drawn_rows_ = 1 + static_cast<std::size_t>(std::count(f.begin(), f.end(), '\n'));
        drawn_ = std::move(f);
        dirty_ = false;
        last_draw_ = now_();
    }

    void erase() {
        if (drawn_rows_ == 0)
            return;
        os_ << '\r';
        if (drawn_rows_ > 1)
            os_ << "\x1b[" << (drawn_rows_ - 1) << 'A';
        os_ << "\x1b[J";
        drawn_rows_ = 0;
        drawn_.clear();
    }

    std::ostream& os_;
    bool terminal_;
    clock_fn now_;
    geometry_fn geometry_;
    std::vector<std::optional<ltx::batch::line_state>> states_;
    std::array<std::size_t, ltx::batch::line_states.size()> counts_{};
    std::map<std::size_t, job_line> running_;
    std::string drawn_;
    std::size_t drawn_rows_ = 0;
    bool dirty_ = false;
    bool finished_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

/// Shows a run on `display`: its transitions, its polls on a terminal, and a redraw every
/// `batch_display::redraw_interval` on `executor` (on a terminal) until destroyed.
class batch_output {
public:
    template <class Executor>
    batch_output(batch_display& display, const Executor& executor)
        : display_(display), timer_(executor) {}

    batch_output(const batch_output&) = delete;
    batch_output& operator=(const batch_output&) = delete;
    ~batch_output() { timer_.cancel(); }

    /// Points `opts`'s hooks at the display and starts the redraws.
    void attach(ltx::batch::run_options& opts) {
        opts.on_transition = [this](const ltx::batch::line_record& l) { display_.transition(l); };
        if (display_.terminal()) {
            opts.on_poll = [this](std::size_t index, const ltx::batch::poll_status& p) {
                display_.poll(index, p);
            };
            arm();
        }
    }

private:
    void arm() {
        timer_.expires_after(batch_display::redraw_interval);
        timer_.async_wait([this](std::error_code ec) {
            if (ec)
                return;
            display_.tick();
            arm();
        });
    }

    batch_display& display_;
    ::asio::steady_timer timer_;
};

} // namespace ltx_cli::batch

#endif
