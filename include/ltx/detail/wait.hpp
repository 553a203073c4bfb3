// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_WAIT_HPP
#define LTX_DETAIL_WAIT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/error.hpp>
#include <ltx/http/error.hpp>
#include <ltx/options.hpp>

#include <algorithm>
#include <chrono>
#include <system_error>

namespace ltx::detail {

/// What the wait does next.
struct wait_step {
    enum kind_t {
        poll,  ///< poll the job's status now
        sleep, ///< pause until `until`, then poll
        done,  ///< the job finished with a downloadable result
        fail,  ///< stop with `error`
    } kind = poll;
    std::chrono::system_clock::time_point until{};
    std::error_code error{};
};

/// Following a job to its end, without I/O: fed each poll's result, it says what comes next.
/// A job reading `completed` without an artifact URL is not done yet (the API warns the two
/// can be out of step). Transient failures (5xx, 429, transport errors), left over once the
/// single request's own retries are spent, do not end the wait: it goes on polling until its
/// deadline. Other failures end it.
class wait_machine {
public:
    using time_point = std::chrono::system_clock::time_point;

    template <class Job>
    wait_machine(const basic_wait_options<Job>& o, time_point start)
        : interval_(o.interval), backoff_(o.backoff), max_interval_(o.max_interval),
          deadline_(start + o.timeout) {}

    /// The first step: poll at once.
    wait_step start() const { return {wait_step::poll}; }

    /// A poll returned a job at `now` that is `done` (finished with a result), `failed`, or
    /// neither (still running, or in a state this client does not know).
    wait_step on_job(bool done, bool failed, time_point now) {
        if (done)
            return {wait_step::done};
        if (failed)
            return {wait_step::fail, {}, errc::job_failed};
        return next_poll(now);
    }

    /// A poll failed with `ec` at `now`. A cancelled poll is a cancelled wait: only the
    /// wait's caller cancels the polls it makes.
    wait_step on_error(std::error_code ec, time_point now) {
        if (ec == http::transport_errc::cancelled || ec == errc::cancelled)
            return {wait_step::fail, {}, errc::cancelled};
        const bool transient = ec == errc::server_error || ec == errc::too_many_requests ||
                               ec.category() == http::transport_category();
        if (!transient)
            return {wait_step::fail, {}, ec};
        return next_poll(now);
    }

private:
    wait_step next_poll(time_point now) {
        if (now >= deadline_)
            return {wait_step::fail, {}, errc::wait_timeout};
        const auto next = std::min(now + interval_, deadline_);
        interval_ =
            std::min(std::chrono::duration_cast<std::chrono::milliseconds>(interval_ * backoff_),
                     max_interval_);
        return {wait_step::sleep, next};
    }

    std::chrono::milliseconds interval_;
    double backoff_;
    std::chrono::milliseconds max_interval_;
    time_point deadline_;
};

} // namespace ltx::detail

#endif
