// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_HANDLER_HPP
#define LTX_ASIO_DETAIL_HANDLER_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/detail/cancel_scope.hpp>

#include <asio/associated_cancellation_slot.hpp>
#include <asio/associated_executor.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/dispatch.hpp>
#include <asio/execution/outstanding_work.hpp>
#include <asio/prefer.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace ltx::asio::detail {

// The executor a handler runs on, holding work on it until the handler has run, so an
// io_context does not run out of work while an operation is pending.
template <class Handler, class Executor>
auto tracked_executor(const Handler& handler, const Executor& fallback) {
    return ::asio::prefer(::asio::get_associated_executor(handler, fallback),
                          ::asio::execution::outstanding_work.tracked);
}

// Completes a handler on its associated executor: detaches the operation from its scope and
// slot first (so the next operation of the same scope can attach), then dispatches. While the
// handler runs, `invoke_scope` is the thread's current cancel scope.
template <class Handler, class WorkExecutor> class completion {
public:
    completion(Handler handler, WorkExecutor work, std::shared_ptr<cancel_scope> scope,
               std::shared_ptr<cancel_scope> invoke_scope)
        : handler_(std::move(handler)), work_(std::move(work)), scope_(std::move(scope)),
          invoke_scope_(std::move(invoke_scope)) {}

    template <class... Args> void operator()(Args&&... args) {
        auto slot = ::asio::get_associated_cancellation_slot(handler_);
        if (slot.is_connected()) {
            slot.clear();
        }
        if (scope_) {
            scope_->detach();
        }
        auto work = std::move(work_);
        ::asio::dispatch(work, [h = std::move(handler_), s = std::move(invoke_scope_),
                                ... a = std::forward<Args>(args)]() mutable {
            cancel_scope_guard guard{std::move(s)};
            std::move(h)(std::move(a)...);
        });
    }

private:
    Handler handler_;
    WorkExecutor work_;
    std::shared_ptr<cancel_scope> scope_;
    std::shared_ptr<cancel_scope> invoke_scope_;
};

template <class Handler, class WorkExecutor>
completion(Handler, WorkExecutor, std::shared_ptr<cancel_scope>, std::shared_ptr<cancel_scope>)
    -> completion<Handler, WorkExecutor>;

// Connects the cancellation of a new, not yet started operation `op` (with a `cancel()` member
// callable from any thread) to the thread's current scope and to a handler's `slot`, for the
// cancellation types in `types`.
template <class Op, class Slot>
void attach_cancellation(const std::shared_ptr<Op>& op, const std::shared_ptr<cancel_scope>& scope,
                         Slot slot, ::asio::cancellation_type types) {
    std::weak_ptr<Op> weak = op;
    if (slot.is_connected()) {
        slot.assign([weak, types](::asio::cancellation_type type) {
            if ((type & types) != ::asio::cancellation_type::none) {
                if (auto o = weak.lock()) {
                    o->cancel();
                }
            }
        });
    }
    if (scope) {
        scope->attach([weak] {
            if (auto o = weak.lock()) {
                o->cancel();
            }
        });
    }
}

} // namespace ltx::asio::detail

#endif
