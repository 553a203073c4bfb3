// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The Asio runner of the client's machines (ltx/detail/operation.hpp): one
// `asio::async_compose` operation per call that passes itself to the transport's `async_send`
// and `async_sleep`. The intermediate handler is the composed operation, so the final
// handler's executor, allocator and cancellation slot reach every step with no state beside
// them. The machine is allocated once, with the handler's associated allocator, because a
// download's request points into it and the composed operation moves at every step.
#ifndef LTX_ASIO_DETAIL_RUN_HPP
#define LTX_ASIO_DETAIL_RUN_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/operation.hpp>
#include <ltx/error.hpp>
#include <ltx/http/message.hpp>

#include <asio/associated_allocator.hpp>
#include <asio/cancellation_state.hpp>
#include <asio/cancellation_type.hpp>
#include <asio/compose.hpp>

#include <chrono>
#include <memory>
#include <system_error>
#include <utility>

namespace ltx::asio::detail {

// Owns one object of type T allocated with an allocator of the handler's.
template <class T, class Alloc> class allocated {
    using alloc_t = typename std::allocator_traits<Alloc>::template rebind_alloc<T>;
    using traits = std::allocator_traits<alloc_t>;

public:
    template <class Make>
    allocated(const Alloc& a, Make& make) : alloc_(a), ptr_(traits::allocate(alloc_, 1)) {
        try {
            ::new (static_cast<void*>(ptr_)) T(make());
        } catch (...) {
            traits::deallocate(alloc_, ptr_, 1);
            throw;
        }
    }
    allocated(allocated&& o) noexcept : alloc_(o.alloc_), ptr_(std::exchange(o.ptr_, nullptr)) {}
    allocated& operator=(allocated&&) = delete;
    ~allocated() { reset(); }

    T* operator->() const noexcept { return ptr_; }
    void reset() noexcept {
        if (ptr_) {
            ptr_->~T();
            traits::deallocate(alloc_, ptr_, 1);
            ptr_ = nullptr;
        }
    }

private:
    alloc_t alloc_;
    T* ptr_;
};

// The body of the composed operation: feeds the machine the outcome of each step.
template <class Transport, class Clock, class Op, class Alloc> class run_op {
public:
    template <class Make>
    run_op(Transport& t, Clock& c, diagnostics* diag, const Alloc& alloc, Make& make)
        : transport_(t), clock_(c), diag_(diag), op_(alloc, make) {}

    // The start, inside the initiating call.
    template <class Self> void operator()(Self& self) {
        self.reset_cancellation_state(::asio::enable_partial_cancellation());
        const op_step s = op_->start(clock_.now());
        if (s.kind == op_step::done) { // never complete inside the initiating call
            finishing_ = true;
            return transport_.async_sleep(std::chrono::milliseconds{0}, std::move(self));
        }
        next(self, s);
    }

    // A send completed.
    template <class Self> void operator()(Self& self, std::error_code ec, http::response resp) {
        next(self, op_->on_response(ec, std::move(resp), clock_.now()));
    }

    // A pause completed (or was cancelled).
    template <class Self> void operator()(Self& self, std::error_code ec) {
        if (finishing_)
            return complete(self);
        next(self, ec ? op_->on_cancelled() : op_->on_wake(clock_.now()));
    }

private:
    using op_step = ltx::detail::op_step;

    template <class Self> void next(Self& self, op_step s) {
        if (s.kind != op_step::done && cancelled(self))
            s = op_->on_cancelled();
        switch (s.kind) {
        case op_step::send:
            return transport_.async_send(op_->request(), std::move(self));
        case op_step::sleep:
            return transport_.async_sleep(s.delay, std::move(self));
        case op_step::done:
            return complete(self);
        }
    }

    template <class Self> bool cancelled(Self& self) const {
        if (self.get_cancellation_state().cancelled() != ::asio::cancellation_type::none)
            return true;
        const auto* token = op_->cancel_token();
        return token && token->cancelled();
    }

    template <class Self> void complete(Self& self) {
        const std::error_code ec = op_->error();
        auto result = op_->take_result();
        if (diag_)
            *diag_ = op_->take_diag();
        op_.reset(); // before the handler runs, which may start the next operation
        self.complete(ec, std::move(result));
    }

    Transport& transport_;
    Clock& clock_;
    diagnostics* diag_;
    allocated<Op, Alloc> op_;
    bool finishing_ = false;
};

// The initiation of every client call over an Asio transport: `(handler, make, diag)`, where
// `make()` makes the machine and `diag`, when not null, receives the diagnostics before the
// handler runs (`with_diagnostics` passes its own).
template <class Transport, class Clock, class Op> struct run_initiation {
    Transport& transport;
    Clock& clock;

    template <class Handler, class Make>
    void operator()(Handler&& handler, Make make, diagnostics* diag) const {
        using result_t = typename Op::result_type;
        using handler_t = std::decay_t<Handler>;
        using alloc_t = ::asio::associated_allocator_t<handler_t>;
        handler_t h(std::forward<Handler>(handler)); // async_compose moves from an lvalue
        alloc_t alloc = ::asio::get_associated_allocator(h);
        ::asio::async_compose<handler_t, void(std::error_code, result_t)>(
            run_op<Transport, Clock, Op, alloc_t>{transport, clock, diag, alloc, make}, h,
            transport.get_executor());
    }
};

} // namespace ltx::asio::detail

#endif
