// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_RESPONSE_HANDLER_HPP
#define LTX_HTTP_RESPONSE_HANDLER_HPP

#include <ltx/detail/config.hpp>
#include <ltx/http/message.hpp>

#include <concepts>
#include <memory>
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

    /// Wraps `f`, which is moved or copied in.
    template <class F>
    requires(!std::same_as<std::remove_cvref_t<F>, response_handler> &&
             std::invocable<std::remove_cvref_t<F>&&, std::error_code, response>)
        response_handler(F&& f)
        : impl_(std::make_unique<model<std::remove_cvref_t<F>>>(std::forward<F>(f))) {}

    /// Handlers move; they do not copy.
    response_handler(response_handler&&) noexcept = default;

    /// Handlers move; they do not copy.
    response_handler& operator=(response_handler&&) noexcept = default;

    /// True when the handler holds a callable.
    explicit operator bool() const noexcept { return impl_ != nullptr; }

    /// Calls the wrapped callable once with `ec` and `r`, then leaves the handler empty.
    void operator()(std::error_code ec, response r) {
        auto impl = std::move(impl_);
        impl->call(ec, std::move(r));
    }

private:
    struct concept_t {
        virtual ~concept_t() = default;
        virtual void call(std::error_code ec, response&& r) = 0;
    };

    template <class F> struct model final : concept_t {
        template <class G> explicit model(G&& g) : f(std::forward<G>(g)) {}
        void call(std::error_code ec, response&& r) override { std::move(f)(ec, std::move(r)); }
        F f;
    };

    std::unique_ptr<concept_t> impl_;
};

} // namespace ltx::http

#endif
