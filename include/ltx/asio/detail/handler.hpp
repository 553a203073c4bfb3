// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_HANDLER_HPP
#define LTX_ASIO_DETAIL_HANDLER_HPP

#include <ltx/detail/config.hpp>

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

// Completes a handler on its associated executor: detaches the operation from the handler's
// cancellation slot first, then dispatches.
template <class Handler, class WorkExecutor> class completion {
public:
    completion(Handler handler, WorkExecutor work)
        : handler_(std::move(handler)), work_(std::move(work)) {}

    template <class... Args> void operator()(Args&&... args) {
        auto slot = ::asio::get_associated_cancellation_slot(handler_);
        if (slot.is_connected()) {
            slot.clear();
        }
        auto work = std::move(work_);
        ::asio::dispatch(work,
                         [h = std::move(handler_), ... a = std::forward<Args>(args)]() mutable {
                             std::move(h)(std::move(a)...);
                         });
    }

private:
    Handler handler_;
    WorkExecutor work_;
};

template <class Handler, class WorkExecutor>
completion(Handler, WorkExecutor) -> completion<Handler, WorkExecutor>;

// Connects the cancellation of a new, not yet started operation `op` (with a `cancel()` member
// callable from any thread) to a handler's `slot`, for the cancellation types in `types`.
template <class Op, class Slot>
void attach_cancellation(const std::shared_ptr<Op>& op, Slot slot,
                         ::asio::cancellation_type types) {
    if (slot.is_connected()) {
        std::weak_ptr<Op> weak = op;
        slot.assign([weak, types](::asio::cancellation_type type) {
            if ((type & types) != ::asio::cancellation_type::none) {
                if (auto o = weak.lock()) {
                    o->cancel();
                }
            }
        });
    }
}

} // namespace ltx::asio::detail

#endif
