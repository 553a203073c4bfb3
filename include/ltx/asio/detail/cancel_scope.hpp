// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// How a cancellation slot of a client-level operation reaches the transport operations the
// client starts on its behalf. The client wraps handlers in its own lambdas, which carry no
// cancellation slot; but it starts each next step (a retry, a poll, a pause) synchronously from
// the completion of the previous one, or from the initiation. So the scope of the operation is
// set as the thread's current scope during the initiation and during each completion, and every
// transport operation started meanwhile joins it.
#ifndef LTX_ASIO_DETAIL_CANCEL_SCOPE_HPP
#define LTX_ASIO_DETAIL_CANCEL_SCOPE_HPP

#include <ltx/detail/config.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <utility>

namespace ltx::asio::detail {

// One client-level operation's cancellation: at most one transport operation in flight holds
// the hook at a time.
class cancel_scope {
public:
    void cancel() {
        std::function<void()> hook;
        {
            std::lock_guard lock{mutex_};
            if (cancelled_) {
                return;
            }
            cancelled_ = true;
            hook = std::move(hook_);
        }
        if (hook) {
            hook();
        }
    }

    // Runs `hook` at once (on this thread) when the scope is already cancelled.
    void attach(std::function<void()> hook) {
        {
            std::lock_guard lock{mutex_};
            if (!cancelled_) {
                hook_ = std::move(hook);
                return;
            }
        }
        hook();
    }

    void detach() {
        std::lock_guard lock{mutex_};
        hook_ = nullptr;
    }

private:
    std::mutex mutex_;
    bool cancelled_ = false;
    std::function<void()> hook_;
};

inline std::shared_ptr<cancel_scope>& current_cancel_scope() noexcept {
    thread_local std::shared_ptr<cancel_scope> scope;
    return scope;
}

// Makes `scope` the thread's current scope for the guard's lifetime.
class cancel_scope_guard {
public:
    explicit cancel_scope_guard(std::shared_ptr<cancel_scope> scope)
        : previous_(std::exchange(current_cancel_scope(), std::move(scope))) {}
    ~cancel_scope_guard() { current_cancel_scope() = std::move(previous_); }
    cancel_scope_guard(const cancel_scope_guard&) = delete;
    cancel_scope_guard& operator=(const cancel_scope_guard&) = delete;

private:
    std::shared_ptr<cancel_scope> previous_;
};

} // namespace ltx::asio::detail

#endif
