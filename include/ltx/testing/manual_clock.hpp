// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_TESTING_MANUAL_CLOCK_HPP
#define LTX_TESTING_MANUAL_CLOCK_HPP

#include <ltx/detail/config.hpp>
#include <ltx/testing/mock_transport.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <system_error>
#include <vector>

namespace ltx::testing {

/// Simulated time for tests: `now()` moves only when `sleep_for` or `advance` is called, so
/// retries, backoff and waits run instantly and deterministically. Copies share one timeline.
class manual_clock {
public:
    using time_point = std::chrono::system_clock::time_point;

    /// A clock starting at `start` (default: 2026-01-01T00:00:00Z).
    explicit manual_clock(time_point start = time_point{std::chrono::seconds{1767225600}})
        : state_(std::make_shared<state>(state{start, {}})) {}

    /// The simulated now.
    time_point now() const { return state_->now; }
    /// Moves time forward by `d` and records the pause.
    void sleep_for(std::chrono::milliseconds d) const {
        state_->now += d;
        state_->sleeps.push_back(d);
    }
    /// Moves time forward without recording a pause.
    void advance(std::chrono::milliseconds d) const { state_->now += d; }
    /// Every pause taken, in order.
    const std::vector<std::chrono::milliseconds>& sleeps() const { return state_->sleeps; }

private:
    struct state {
        time_point now;
        std::vector<std::chrono::milliseconds> sleeps;
    };
    std::shared_ptr<state> state_;
};

/// A `mock_transport` that also models `ltx::async_sleeper` on a `manual_clock`: a pause
/// advances the clock and completes from `run_pending()` like the mock's exchanges, so async
/// code runs to completion deterministically and never inline.
class timed_mock_transport : public mock_transport {
public:
    explicit timed_mock_transport(manual_clock clock) : clock_(std::move(clock)) {
        set_completion_mode(completion::deferred);
    }

    /// Completes `handler(error_code{})` from `run_all()`, after moving the clock by `d`.
    template <class Handler> void async_sleep(std::chrono::milliseconds d, Handler&& handler) {
        // Shared so that a move-only handler fits in std::function.
        auto h = std::make_shared<std::decay_t<Handler>>(std::forward<Handler>(handler));
        timers_.push_back([this, d, h] {
            clock_.sleep_for(d);
            std::move (*h)(std::error_code{});
        });
    }

    /// Runs pending exchanges and pauses until none is left; returns how many ran.
    std::size_t run_all(std::size_t limit = 100000) {
        std::size_t n = 0;
        while (n < limit) {
            if (pending() > 0) {
                n += run_one() ? 1 : 0;
            } else if (!timers_.empty()) {
                auto t = std::move(timers_.front());
                timers_.erase(timers_.begin());
                t();
                ++n;
            } else {
                break;
            }
        }
        return n;
    }

    /// The clock the pauses move.
    const manual_clock& clock() const { return clock_; }

private:
    manual_clock clock_;
    std::vector<std::function<void()>> timers_;
};

} // namespace ltx::testing

#endif
