// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_TOOLS_LTX_PROGRESS_HPP
#define LTX_TOOLS_LTX_PROGRESS_HPP

#include <ltx/ltx.hpp>

#include <ostream>
#include <string>

namespace ltx_cli {

/// Shows a job's progress: a bar redrawn in place on a terminal, otherwise one plain line
/// each time the progress or state changes (so logs stay readable).
class progress_display {
public:
    progress_display(std::ostream& os, bool terminal) : os_(os), terminal_(terminal) {}

    void update(const ltx::job& j) {
        const int pct = j.status && j.status->progress ? *j.status->progress : 0;
        const auto state = ltx::state_of(j);
        const std::string name =
            state ? std::string{*ltx::reflect::to_wire(*state)} : std::string{"pending"};
        if (!terminal_) {
            if (pct != last_pct_ || name != last_state_)
                os_ << "progress " << pct << "% " << name << "\n";
        } else {
            constexpr int width = 30;
            const int filled = pct * width / 100;
            os_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
                << std::string(static_cast<std::size_t>(width - filled), '-') << "] " << pct << "% "
                << name << "   " << std::flush;
            drawn_ = true;
        }
        last_pct_ = pct;
        last_state_ = name;
    }

    /// Ends the bar's line.
    void finish() {
        if (drawn_)
            os_ << "\n";
        drawn_ = false;
    }

private:
    std::ostream& os_;
    bool terminal_;
    bool drawn_ = false;
    int last_pct_ = -1;
    std::string last_state_;
};

/// Download progress: bytes and percent on a terminal, nothing otherwise.
class download_display {
public:
    download_display(std::ostream& os, bool terminal) : os_(os), terminal_(terminal) {}
    void update(std::uint64_t done, std::optional<std::uint64_t> total) {
        if (!terminal_)
            return;
        os_ << "\rdownloading " << done;
        if (total && *total > 0)
            os_ << " / " << *total << " bytes (" << done * 100 / *total << "%)";
        os_ << "   " << std::flush;
        drawn_ = true;
    }
    void finish() {
        if (drawn_)
            os_ << "\n";
    }

private:
    std::ostream& os_;
    bool terminal_;
    bool drawn_ = false;
};

} // namespace ltx_cli

#endif
