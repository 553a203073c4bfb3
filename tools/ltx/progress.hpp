// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What `ltx` shows while it waits and downloads. On a terminal a line redrawn in place: a job's
// bar, percent, state and elapsed time; a download's bytes, percent, rate and time left.
// Without a terminal, plain lines that stay readable in a log: one per change of a job's
// progress or state, nothing for a download.
#ifndef LTX_TOOLS_LTX_PROGRESS_HPP
#define LTX_TOOLS_LTX_PROGRESS_HPP

#include <ltx/ltx.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace ltx_cli {

/// The clock the displays read; tests pass a scripted one.
using clock_fn = std::function<std::chrono::steady_clock::time_point()>;

/// `75` -> `1:15`, `3725` -> `1:02:05`.
inline std::string format_seconds(std::int64_t s) {
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    return buf;
}

/// `512` -> `512 B`, `1536` -> `1.5 KiB`, `3 << 20` -> `3.0 MiB`.
inline std::string format_bytes(double n) {
    static constexpr const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    std::size_t u = 0;
    while (n >= 1024 && u + 1 < std::size(units)) {
        n /= 1024;
        ++u;
    }
    char buf[32];
    if (u == 0)
        std::snprintf(buf, sizeof buf, "%.0f %s", n, units[u]);
    else
        std::snprintf(buf, sizeof buf, "%.1f %s", n, units[u]);
    return buf;
}

/// Shows a job's progress.
class progress_display {
public:
    progress_display(std::ostream& os, bool terminal, clock_fn now)
        : os_(os), terminal_(terminal), now_(std::move(now)), start_(now_()) {}

    void update(const ltx::job& j) {
        const int pct = j.status && j.status->progress ? *j.status->progress : 0;
        const auto state = ltx::state_of(j);
        const std::string name =
            state ? std::string{*ltx::reflect::to_wire(*state)} : std::string{"pending"};
        show(pct, name);
    }

    /// For a job whose API reports a state and no percentage: the state and, on a terminal,
    /// the time elapsed; a plain line per change of state otherwise.
    void update_state(std::string_view state) {
        const std::string name{state};
        if (!terminal_) {
            if (name != last_state_)
                os_ << "state " << name << "\n";
        } else {
            const auto elapsed =
                std::chrono::duration_cast<std::chrono::seconds>(now_() - start_).count();
            os_ << "\r" << name << "  " << format_seconds(elapsed) << "   " << std::flush;
            drawn_ = true;
        }
        last_state_ = name;
    }

    /// Ends the line on a terminal.
    void finish() {
        if (drawn_)
            os_ << "\n";
        drawn_ = false;
    }

private:
    void show(int pct, const std::string& name) {
        if (!terminal_) {
            if (pct != last_pct_ || name != last_state_)
                os_ << "progress " << pct << "% " << name << "\n";
        } else {
            constexpr int width = 30;
            const int filled = std::clamp(pct, 0, 100) * width / 100;
            const auto elapsed =
                std::chrono::duration_cast<std::chrono::seconds>(now_() - start_).count();
            os_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
                << std::string(static_cast<std::size_t>(width - filled), '-') << "] " << pct << "% "
                << name << "  " << format_seconds(elapsed) << "   " << std::flush;
            drawn_ = true;
        }
        last_pct_ = pct;
        last_state_ = name;
    }

    std::ostream& os_;
    bool terminal_;
    clock_fn now_;
    std::chrono::steady_clock::time_point start_;
    bool drawn_ = false;
    int last_pct_ = -1;
    std::string last_state_;
};

/// Shows a download's progress, on a terminal only.
class download_display {
public:
    download_display(std::ostream& os, bool terminal, clock_fn now)
        : os_(os), terminal_(terminal), now_(std::move(now)), start_(now_()) {}

    void update(std::uint64_t done, std::optional<std::uint64_t> total) {
        if (!terminal_)
            return;
        const double secs = std::chrono::duration<double>(now_() - start_).count();
        os_ << "\rdownloading " << format_bytes(static_cast<double>(done));
        if (total && *total > 0)
            os_ << " / " << format_bytes(static_cast<double>(*total)) << " (" << done * 100 / *total
                << "%)";
        if (secs > 0) {
            const double rate = static_cast<double>(done) / secs;
            os_ << "  " << format_bytes(rate) << "/s";
            if (total && *total >= done && rate > 0)
                os_ << "  "
                    << format_seconds(static_cast<std::int64_t>(
                           static_cast<double>(*total - done) / rate + 0.5))
                    << " left";
        }
        os_ << "   " << std::flush;
        drawn_ = true;
    }

    /// Ends the line on a terminal.
    void finish() {
        if (drawn_)
            os_ << "\n";
        drawn_ = false;
    }

private:
    std::ostream& os_;
    bool terminal_;
    clock_fn now_;
    std::chrono::steady_clock::time_point start_;
    bool drawn_ = false;
};

} // namespace ltx_cli

#endif
