// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_OPTIONS_HPP
#define LTX_OPTIONS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/assets.hpp>
#include <ltx/api/job.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace ltx {

/// Lets a caller stop an operation from any thread: pass `signal.token()` in the operation's
/// options and call `signal.cancel()`. The operation completes with `ltx::errc::cancelled`
/// promptly: an async operation at once, a sync one at its next step.
class cancellation {
public:
    /// The shared state an operation watches.
    class state {
    public:
        bool cancelled() const noexcept { return cancelled_.load(); }

        /// Called once, on the cancelling thread, when `cancel()` is called; replaces any
        /// earlier callback. Called at once when already cancelled.
        void on_cancel(std::function<void()> f) {
            std::unique_lock lock{mutex_};
            if (cancelled_.load()) {
                lock.unlock();
                f();
                return;
            }
            callback_ = std::move(f);
        }
        void clear_callback() {
            std::lock_guard lock{mutex_};
            callback_ = nullptr;
        }
        void cancel() {
            std::function<void()> f;
            {
                std::lock_guard lock{mutex_};
                if (cancelled_.exchange(true))
                    return;
                f = std::move(callback_);
            }
            if (f)
                f();
        }

    private:
        std::atomic<bool> cancelled_{false};
        std::mutex mutex_;
        std::function<void()> callback_;
    };

    cancellation() : state_(std::make_shared<state>()) {}
    /// Requests cancellation; idempotent.
    void cancel() { state_->cancel(); }
    /// True once cancelled.
    bool cancelled() const noexcept { return state_->cancelled(); }
    /// The token to put in options.
    std::shared_ptr<state> token() const { return state_; }

private:
    std::shared_ptr<state> state_{};
};

/// The pace at which `wait` polls a job of type `Job` by default: the LTX Studio API's
/// (3 s, growing by half at each poll up to 15 s). An API description whose provider asks for
/// another pace specialises it for its job type.
template <class Job> struct wait_pace {
    static constexpr std::chrono::milliseconds interval{3'000};
    static constexpr double backoff = 1.5;
    static constexpr std::chrono::milliseconds max_interval{15'000};
};

/// How `wait` follows a job whose status polls answer `Job`.
template <class Job> struct basic_wait_options {
    /// The first pause between two polls of the job's status.
    std::chrono::milliseconds interval{wait_pace<Job>::interval};
    /// Growth of the pause after each poll that finds the job unfinished.
    double backoff = wait_pace<Job>::backoff;
    /// The pause never exceeds this.
    std::chrono::milliseconds max_interval{wait_pace<Job>::max_interval};
    /// The whole wait fails with `ltx::errc::wait_timeout` after this long.
    std::chrono::milliseconds timeout{std::chrono::minutes{30}};
    /// Called after each poll with the job as the server described it.
    std::function<void(const Job&)> on_progress{};
    /// Cancels the wait (see `ltx::cancellation`).
    std::shared_ptr<cancellation::state> cancel{};
};

/// How `wait` follows an LTX Studio job (`GET assets/{jobId}`).
using wait_options = basic_wait_options<job>;

/// Progress of a download: bytes received, and the total when the server announced it.
using download_progress =
    std::function<void(std::uint64_t done, std::optional<std::uint64_t> total)>;

/// How `download` fetches an artifact.
struct download_options {
    /// Called after each piece of the body.
    download_progress on_progress{};
    /// Cancels the download (see `ltx::cancellation`).
    std::shared_ptr<cancellation::state> cancel{};
    /// Makes a download to a file durable when it succeeds: the file's data is synced to the
    /// disk (`fsync`) before it is renamed into place, and its folder after, so a power cut
    /// leaves the complete file at the path or none. A failed sync fails the download with
    /// `errc::file_error`. Off by default: a sync waits for the disk, which a download whose file
    /// may be fetched again needs not; `ltx::batch` sets it, as its journal records the file.
    bool durable = false;
};

/// How `upload_asset` sends a file.
///
/// Every member is optional and unset by default. That also keeps `{}` safe where g++ 12
/// miscompiles it: an aggregate temporary in a `co_await` expression is relocated bytewise
/// there, which breaks a member pointing into itself (a set `std::string` does, with its small
/// buffer); unset optionals hold no such member. With g++ 12, pass options that set a string
/// as a named variable, not a temporary, to a `co_await`ed call.
struct upload_options {
    /// The MIME type; unset: detected from the first bytes, then from the file name.
    std::optional<std::string> mime_type{};
    /// How the image will be used, sent as `type`; unset: `image`, the API's default.
    std::optional<upload_type> type{};
    /// The account; unset: the configured one.
    std::optional<std::string> email{};
};

} // namespace ltx

#endif
