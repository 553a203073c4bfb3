// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_RESPONSE_HANDLER_HPP
#define LTX_HTTP_RESPONSE_HANDLER_HPP

#include <ltx/detail/config.hpp>
#include <ltx/http/message.hpp>

#include <concepts>
#include <memory>
#include <new>
#include <system_error>
#include <type_traits>
#include <utility>

namespace ltx::http {

/// A move-only, type-erased completion handler of signature `void(std::error_code, response)`.
///
/// What an asynchronous transport that is not a template (say, one compiled in its own `.cpp`)
/// accepts: any callable invocable as an rvalue with `(std::error_code, response)` converts to
/// it, move-only ones included. It is called at most once; calling it empties it.
class response_handler {
public:
    /// An empty handler; calling it is undefined.
    response_handler() noexcept = default;

    /// Wraps `f`, which is moved or copied in. A small callable that moves without throwing
    /// (a lambda holding a shared_ptr, say) is held inline, without a heap allocation.
    template <class F>
    requires(!std::same_as<std::remove_cvref_t<F>, response_handler> &&
             std::invocable<std::remove_cvref_t<F>&&, std::error_code, response>)
        response_handler(F&& f) {
        using D = std::remove_cvref_t<F>;
        if constexpr (held_inline<D>)
            ::new (static_cast<void*>(storage_.bytes)) D(std::forward<F>(f));
        else
            storage_.heap = new D(std::forward<F>(f));
        ops_ = &ops_of<D>;
    }

    /// Handlers move; they do not copy.
    response_handler(response_handler&& other) noexcept { take(other); }

    /// Handlers move; they do not copy.
    response_handler& operator=(response_handler&& other) noexcept {
        if (this != &other) {
            reset();
            take(other);
        }
        return *this;
    }

    response_handler(const response_handler&) = delete;
    response_handler& operator=(const response_handler&) = delete;

    ~response_handler() { reset(); }

    /// True when the handler holds a callable.
    explicit operator bool() const noexcept { return ops_ != nullptr; }

    /// Calls the wrapped callable once with `ec` and `r`, then leaves the handler empty.
    void operator()(std::error_code ec, response r) {
        // Emptied before the call: the callable may destroy or reassign this handler.
        const ops* o = std::exchange(ops_, nullptr);
        o->call(storage_, ec, std::move(r));
    }

private:
    union storage {
        void* heap;
        alignas(void*) unsigned char bytes[4 * sizeof(void*)];
    };

    template <class D>
    static constexpr bool
        held_inline = sizeof(D) <= sizeof(storage::bytes) &&
                      alignof(D) <= alignof(void*) && std::is_nothrow_move_constructible_v<D>;

    struct ops {
        // Moves the callable out of `s` (leaving nothing there to destroy), then calls it.
        void (*call)(storage& s, std::error_code ec, response&& r);
        void (*relocate)(storage& from, storage& to) noexcept;
        void (*destroy)(storage& s) noexcept;
    };

    template <class D> static D* inline_object(storage& s) noexcept {
        return std::launder(reinterpret_cast<D*>(s.bytes));
    }

    template <class D> static void call(storage& s, std::error_code ec, response&& r) {
        if constexpr (held_inline<D>) {
            D* held = inline_object<D>(s);
            D f(std::move(*held));
            held->~D();
            std::move(f)(ec, std::move(r));
        } else {
            std::unique_ptr<D> f(static_cast<D*>(s.heap));
            std::move (*f)(ec, std::move(r));
        }
    }

    template <class D> static void relocate(storage& from, storage& to) noexcept {
        if constexpr (held_inline<D>) {
            D* held = inline_object<D>(from);
            ::new (static_cast<void*>(to.bytes)) D(std::move(*held));
            held->~D();
        } else {
            to.heap = from.heap;
        }
    }

    template <class D> static void destroy(storage& s) noexcept {
        if constexpr (held_inline<D>)
            inline_object<D>(s)->~D();
        else
            delete static_cast<D*>(s.heap);
    }

    template <class D> static constexpr ops ops_of{&call<D>, &relocate<D>, &destroy<D>};

    void take(response_handler& other) noexcept {
        ops_ = std::exchange(other.ops_, nullptr);
        if (ops_)
            ops_->relocate(other.storage_, storage_);
    }

    void reset() noexcept {
        if (const ops* o = std::exchange(ops_, nullptr))
            o->destroy(storage_);
    }

    const ops* ops_ = nullptr;
    storage storage_;
};

} // namespace ltx::http

#endif
