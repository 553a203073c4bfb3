// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The Asio front end of a batch run: `ltx::batch::async_run`, a run as one asynchronous
// operation with any Asio completion token.
#ifndef LTX_BATCH_ASYNC_RUN_HPP
#define LTX_BATCH_ASYNC_RUN_HPP

#include <ltx/asio/compat.hpp>
#include <ltx/asio/detail/handler.hpp>
#include <ltx/batch/runner.hpp>
#include <ltx/error.hpp>

#include <asio/associated_cancellation_slot.hpp>
#include <asio/async_result.hpp>
#include <asio/cancellation_type.hpp>
#include <asio/post.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

namespace ltx::batch {

namespace detail {

// A run in flight: what a cancellation stops, and whether one did.
template <class Adapter> struct run_state {
    explicit run_state(runner<Adapter>& r) : run(r) {}
    runner<Adapter>& run;
    std::atomic<bool> cancelled{false};
    void cancel() {
        cancelled = true;
        run.stop();
    }
};

} // namespace detail

/// Starts `r` (see `runner::start`) as one Asio asynchronous operation that completes when the
/// run reports, with `void(std::error_code, run_summary)`:
/// - the error is clear when the run ended by itself, whatever its lines' states (the summary
///   says how many are done, failed, unknown), and `ltx::errc::cancelled` when a cancellation
///   stopped it;
/// - `executor` is the one the adapter's transport runs on; the handler runs on its associated
///   executor (`executor` when it has none), never inside this call, and work is held on it
///   until then;
/// - any token: a callback, `asio::use_future`, `asio::use_awaitable`, `ltx::asio::deferred`
///   (the default), or adapters over them; `use_future` and `use_awaitable` turn the error into
///   a `std::system_error`, losing the summary (the journal holds every line's state);
/// - cancellation (any type, through the handler's slot, from the executor's thread) is
///   `runner::stop`: no more creates, the waits in flight end and their lines stay `submitted`
///   (resumable), the creates in flight complete and are journaled, then the operation
///   completes.
///
/// The runner, its adapter and journal must outlive the operation. A journal error throws from
/// the handler that meets it, out of the executor's `run`, as with `runner::start`.
///
/// ```
/// ltx::batch::runner run(adapter, journal, {.concurrency = 4});
/// auto [ec, summary] = co_await ltx::batch::async_run(run, io.get_executor(),
///                                                     asio::as_tuple(asio::use_awaitable));
/// ```
template <class Adapter, class Executor, class Token = ltx::asio::deferred_t>
auto async_run(runner<Adapter>& r, const Executor& executor, Token&& token = {}) {
    return ::asio::async_initiate<Token, void(std::error_code, run_summary)>(
        [&r, executor](auto handler) {
            auto state = std::make_shared<detail::run_state<Adapter>>(r);
            ltx::asio::detail::attach_cancellation(
                state, ::asio::get_associated_cancellation_slot(handler),
                ::asio::cancellation_type::all);
            auto work = ltx::asio::detail::tracked_executor(handler, executor);
            using completion_type =
                decltype(ltx::asio::detail::completion{std::move(handler), std::move(work)});
            // Shared, since `runner::start` takes a copyable callback and a handler may be
            // move-only.
            auto complete = std::make_shared<std::optional<completion_type>>(
                std::in_place, std::move(handler), std::move(work));
            r.start([state, complete, executor](run_summary summary) {
                // Posted: the runner may report within `start` (nothing left to run).
                ::asio::post(executor, [state, complete, summary = std::move(summary)]() mutable {
                    std::error_code ec;
                    if (state->cancelled) {
                        ec = make_error_code(errc::cancelled);
                    }
                    auto done = std::move(**complete);
                    complete->reset();
                    std::move(done)(ec, std::move(summary));
                });
            });
        },
        token);
}

} // namespace ltx::batch

#endif
