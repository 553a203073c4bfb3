// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The plain-callback runner: drives a machine of operation.hpp over any `ltx::async_transport`
// that can also `async_sleep`, and completes `handler(std::error_code, R)` exactly once.
//
// Invariants:
// - The machine is touched only under `mutex_`, so a cancellation from another thread
//   (`cancellation::state::cancel`) and a completion cannot race on it.
// - The transport is called without the lock held. A transport may complete inside
//   `async_send` (a test double does): that completion finds `driving_` set, leaves its next
//   step in `next_`, and the loop that called the transport picks it up, so the stack does not
//   grow with the number of steps.
// - The request of a send step is lent to the transport (`ltx::async_transport`'s contract):
//   it is the machine's own, in this heap state, which the transport's handler keeps alive;
//   the machine replaces it only after that handler ran, and a cancellation leaves it alone.
// - A cancellation completes the handler at once, or at the next check of the thread that
//   holds the lock; the step in flight keeps the state alive and is ignored when it completes.
// - The handler is never invoked while the lock is held, nor inside the initiating call when
//   the machine is done before any I/O: that completion goes through a zero pause.
#ifndef LTX_DETAIL_RUN_CALLBACK_HPP
#define LTX_DETAIL_RUN_CALLBACK_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/operation.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <system_error>
#include <utility>

namespace ltx::detail {

template <class Transport, class Clock, class Op, class Handler>
class callback_run
    : public std::enable_shared_from_this<callback_run<Transport, Clock, Op, Handler>> {
public:
    template <class Make>
    callback_run(Transport& t, Clock& c, Handler h, diagnostics* out, Make&& make)
        : transport_(t), clock_(c), handler_(std::move(h)), out_(out), op_(make()) {}

    void start() {
        std::unique_lock lock{mutex_};
        auto* token = op_.cancel_token();
        op_step s = token && token->cancelled() ? op_.on_cancelled() : op_.start(clock_.now());
        if (s.kind == op_step::done) {
            lock.unlock();
            transport_.async_sleep(std::chrono::milliseconds{0},
                                   [self = this->shared_from_this()](std::error_code) {
                                       std::unique_lock l{self->mutex_};
                                       self->finish(l);
                                   });
            return;
        }
        if (token) {
            std::weak_ptr<callback_run> weak = this->shared_from_this();
            lock.unlock();
            token->on_cancel([weak] {
                if (auto self = weak.lock())
                    self->cancel_now();
            });
            lock.lock();
        }
        drive(lock, s);
    }

private:
    void drive(std::unique_lock<std::mutex>& lock, op_step s) {
        driving_ = true;
        for (;;) {
            if (finished_)
                return;
            if (s.kind == op_step::done)
                return finish(lock);
            if (const auto* token = op_.cancel_token(); token && token->cancelled()) {
                s = op_.on_cancelled();
                continue;
            }
            has_next_ = false;
            if (s.kind == op_step::send) {
                // Lent, not copied (see the invariants above).
                const http::request& req = op_.request();
                lock.unlock();
                transport_.async_send(
                    req, [self = this->shared_from_this()](std::error_code ec, http::response r) {
                        self->on_response(ec, std::move(r));
                    });
            } else {
                lock.unlock();
                transport_.async_sleep(s.delay, [self = this->shared_from_this()](
                                                    std::error_code ec) { self->on_wake(ec); });
            }
            lock.lock();
            if (finished_)
                return;
            if (const auto* token = op_.cancel_token(); token && token->cancelled()) {
                op_.on_cancelled(); // the step in flight is ignored when it completes
                return finish(lock);
            }
            if (!has_next_) {
                driving_ = false;
                return;
            }
            s = next_;
        }
    }

    void on_response(std::error_code ec, http::response resp) {
        std::unique_lock lock{mutex_};
        if (finished_)
            return;
        resume(lock, op_.on_response(ec, std::move(resp), clock_.now()));
    }

    void on_wake(std::error_code ec) {
        std::unique_lock lock{mutex_};
        if (finished_)
            return;
        resume(lock, ec ? op_.on_cancelled() : op_.on_wake(clock_.now()));
    }

    void resume(std::unique_lock<std::mutex>& lock, op_step s) {
        if (driving_) { // completed inside the transport call of the loop above
            next_ = s;
            has_next_ = true;
            return;
        }
        drive(lock, s);
    }

    // From the cancelling thread. When the lock is held (by a step on another thread, or by
    // this one: `on_progress` may cancel), the holder sees the token's flag, which is set
    // before this runs, at its next check, and finishes then.
    void cancel_now() {
        std::unique_lock lock{mutex_, std::try_to_lock};
        if (!lock.owns_lock() || finished_)
            return;
        op_.on_cancelled();
        finish(lock);
    }

    void finish(std::unique_lock<std::mutex>& lock) {
        if (finished_)
            return;
        finished_ = true;
        driving_ = false;
        const std::error_code ec = op_.error();
        auto result = op_.take_result();
        auto diag = op_.take_diag();
        auto handler = std::move(handler_);
        auto* token = op_.cancel_token();
        lock.unlock();
        if (token)
            token->clear_callback();
        if (out_)
            *out_ = std::move(diag);
        std::move(handler)(ec, std::move(result));
    }

    Transport& transport_;
    Clock& clock_;
    Handler handler_;
    diagnostics* out_;
    std::mutex mutex_;
    Op op_;
    op_step next_{};
    bool has_next_ = false;
    bool driving_ = false;
    bool finished_ = false;
};

/// Runs the machine that `make()` returns over `t`, completing `handler` as above.
template <class Op, class Transport, class Clock, class Handler, class Make>
void run_callback(Transport& t, Clock& c, Handler&& handler, diagnostics* out, Make&& make) {
    using run_t = callback_run<Transport, Clock, Op, std::decay_t<Handler>>;
    auto run = std::make_shared<run_t>(t, c, std::forward<Handler>(handler), out,
                                       std::forward<Make>(make));
    run->start();
}

/// Runs `op` to its end over the blocking transport `t`, pausing with `clock.sleep_for`.
template <class Transport, class Clock, class Op>
void run_sync(Transport& t, Clock& clock, Op& op) {
    auto s = op.start(clock.now());
    while (s.kind != op_step::done) {
        if (const auto* token = op.cancel_token(); token && token->cancelled()) {
            op.on_cancelled();
            return;
        }
        if (s.kind == op_step::send) {
            std::error_code tec;
            http::response resp = t.send(op.request(), tec);
            s = op.on_response(tec, std::move(resp), clock.now());
        } else {
            clock.sleep_for(s.delay);
            s = op.on_wake(clock.now());
        }
    }
}

} // namespace ltx::detail

#endif
