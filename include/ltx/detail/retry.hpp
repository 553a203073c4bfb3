// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_RETRY_HPP
#define LTX_DETAIL_RETRY_HPP

#include <ltx/detail/config.hpp>
#include <ltx/config.hpp>
#include <ltx/detail/http_date.hpp>
#include <ltx/http/error.hpp>
#include <ltx/http/message.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <system_error>

namespace ltx::detail {

/// What one attempt came to: a transport error, or a response's status and Retry-After.
struct attempt_outcome {
    std::error_code transport_error;
    /// True when the transport guarantees no byte of the request was written.
    bool request_not_sent = false;
    int status = 0;
    std::optional<std::string_view> retry_after;
};

/// The outcome of an exchange that ended with `tec` or with `resp` (which must outlive it:
/// `retry_after` views its header).
inline attempt_outcome outcome_of(std::error_code tec, const http::response& resp) {
    attempt_outcome o;
    o.transport_error = tec;
    o.request_not_sent = http::request_not_sent(tec);
    if (!tec) {
        o.status = resp.status;
        o.retry_after = resp.headers.find("Retry-After");
    }
    return o;
}

/// What to do after an attempt.
struct retry_decision {
    enum kind_t {
        finish,    ///< hand the outcome to the caller (success or a final error)
        retry,     ///< wait `delay`, then send the same request again
        ambiguous, ///< fail with outcome_unknown: the request may have been accepted
    } kind = finish;
    std::chrono::milliseconds delay{0};
};

/// The retry rules, without I/O: fed each attempt's outcome, it says what comes next.
/// Sync and async drivers share it, and tests drive it with simulated time.
class retry_machine {
public:
    /// `resend_after_429`: whether a request that is not `retry_safe` is sent again after a
    /// 429 (an API that documents a 429 as "not accepted" and leaves the resend to the client);
    /// a `retry_safe` one always is.
    retry_machine(const retry_policy& policy, bool retry_safe, std::uint64_t seed,
                  bool resend_after_429 = true)
        : policy_(policy), retry_safe_(retry_safe), resend_after_429_(resend_after_429),
          seed_(seed) {}
    retry_machine(const retry_machine& o)
        : policy_(o.policy_), retry_safe_(o.retry_safe_), resend_after_429_(o.resend_after_429_),
          attempts_(o.attempts_), seed_(o.seed_),
          rng_(o.rng_ ? std::make_unique<std::mt19937_64>(*o.rng_) : nullptr) {}
    retry_machine(retry_machine&&) noexcept = default;
    retry_machine& operator=(retry_machine o) noexcept {
        policy_ = o.policy_;
        retry_safe_ = o.retry_safe_;
        resend_after_429_ = o.resend_after_429_;
        attempts_ = o.attempts_;
        seed_ = o.seed_;
        rng_ = std::move(o.rng_);
        return *this;
    }
    ~retry_machine() = default;

    /// Number of attempts made so far.
    int attempts() const noexcept { return attempts_; }

    /// Records an attempt and decides what follows. `now` turns an HTTP-date Retry-After
    /// into a delay.
    retry_decision on_outcome(const attempt_outcome& o, std::chrono::system_clock::time_point now) {
        ++attempts_;
        const bool failed_below_http = static_cast<bool>(o.transport_error);
        bool repeatable = false;
        if (o.transport_error == http::transport_errc::cancelled)
            repeatable = false; // the caller asked to stop
        else if (http::is_tls_failure(o.transport_error))
            repeatable = false; // a refused certificate is refused again
        else if (failed_below_http)
            repeatable = retry_safe_ || o.request_not_sent;
        else if (o.status == 429)
            repeatable = retry_safe_ || resend_after_429_; // documented: not accepted
        else if (o.status == 408 || (o.status >= 500 && o.status <= 599))
            repeatable = retry_safe_;

        if (!repeatable || attempts_ >= policy_.max_attempts) {
            if (failed_below_http && !retry_safe_ && !o.request_not_sent)
                return {retry_decision::ambiguous, {}};
            return {retry_decision::finish, {}};
        }
        if (o.retry_after) {
            const auto asked = parse_retry_after(*o.retry_after, now);
            if (asked) {
                if (*asked > policy_.max_retry_after)
                    return {retry_decision::finish, {}};
                return {retry_decision::retry, *asked};
            }
        }
        return {retry_decision::retry, jittered_backoff()};
    }

private:
    std::chrono::milliseconds jittered_backoff() {
        const double base = static_cast<double>(policy_.initial_backoff.count()) *
                            std::pow(policy_.multiplier, attempts_ - 1);
        const auto cap = static_cast<double>(policy_.max_backoff.count());
        const auto bound = static_cast<long long>(std::min(base, cap));
        std::uniform_int_distribution<long long> pick(0, std::max(bound, 0LL));
        // Made at the first retry, on the heap: most calls never retry, seeding (two
        // std::random_device reads for seed 0, then 312 words of state) would be most of the
        // cost of a call, and those 2.5 KB would sit in every waited job.
        if (!rng_)
            rng_ = std::make_unique<std::mt19937_64>(
                seed_ != 0
                    ? seed_
                    : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}());
        return std::chrono::milliseconds{pick(*rng_)};
    }

    retry_policy policy_;
    bool retry_safe_;
    bool resend_after_429_;
    int attempts_ = 0;
    std::uint64_t seed_;
    std::unique_ptr<std::mt19937_64> rng_;
};

} // namespace ltx::detail

#endif
