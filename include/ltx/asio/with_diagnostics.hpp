// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_WITH_DIAGNOSTICS_HPP
#define LTX_ASIO_WITH_DIAGNOSTICS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/raise.hpp>
#include <ltx/error.hpp>

#include <asio/associator.hpp>
#include <asio/async_result.hpp>

#include <exception>
#include <memory>
#include <system_error>
#include <type_traits>
#include <utility>

namespace ltx::asio {

/// A completion token adapter for the client's async calls: the operation completes the
/// inner token with `void(std::exception_ptr, R)` instead of `void(std::error_code, R)`, the
/// exception being the one the sync throwing form throws for the same failure
/// (`ltx::validation_error` with every violation, `ltx::api_error` with the status and the
/// server's text, `std::system_error` for a transport error), or null on success.
///
/// With `asio::use_awaitable` a failed `co_await` throws that exception, with `use_future`
/// the future holds it. The client applies it on its own to those two tokens; name it for
/// any other (`with_diagnostics(ltx::asio::deferred)`, a callback taking an exception_ptr).
///
/// ```
/// try {
///     co_await api.async_create_video(req, ltx::asio::with_diagnostics(asio::use_awaitable));
/// } catch (const ltx::validation_error& e) {
///     for (const auto& v : e.violations()) std::cerr << v.path << ": " << v.message << "\n";
/// }
/// ```
template <class Token> struct with_diagnostics_t {
    /// The token the adapted operation completes.
    Token token;
};

/// Adapts `token` (see `with_diagnostics_t`).
template <class Token> with_diagnostics_t<std::decay_t<Token>> with_diagnostics(Token&& token) {
    return {std::forward<Token>(token)};
}

namespace detail {

// The handler `with_diagnostics` completes the client's operation with: it owns the
// diagnostics the operation fills (at a stable address, however the handler moves), and
// forwards its associated executor, allocator and cancellation slot from the inner handler.
template <class Handler> class diagnostics_handler {
public:
    diagnostics_handler(Handler h, diagnostics* user)
        : handler_(std::move(h)), diag_(std::make_unique<diagnostics>()), user_(user) {}

    diagnostics* target() const noexcept { return diag_.get(); }

    template <class R> void operator()(std::error_code ec, R&& result) {
        std::exception_ptr error;
        if (user_)
            *user_ = *diag_;
        if (ec)
            error = ltx::detail::make_exception(ec, std::move(*diag_));
        diag_.reset();
        std::move(handler_)(std::move(error), std::forward<R>(result));
    }

    const Handler& inner() const noexcept { return handler_; }

private:
    Handler handler_;
    std::unique_ptr<diagnostics> diag_;
    diagnostics* user_;
};

template <class Sig> struct exception_signature;
template <class R> struct exception_signature<void(std::error_code, R)> {
    using type = void(std::exception_ptr, R);
};

} // namespace detail
} // namespace ltx::asio

namespace asio {

/// The client's operations complete `with_diagnostics_t<Token>` through `Token` with the
/// error code replaced by an exception.
template <class Token, class R>
struct async_result<ltx::asio::with_diagnostics_t<Token>, void(std::error_code, R)> {
    using inner_signature = void(std::exception_ptr, R);
    using return_type = typename async_result<Token, inner_signature>::return_type;

    // The initiation is the client's: `(handler, make, diagnostics*)`.
    template <class Initiation, class Make>
    static return_type initiate(Initiation&& init, ltx::asio::with_diagnostics_t<Token> t,
                                Make&& make, ltx::diagnostics* user) {
        return async_initiate<Token, inner_signature>(
            [init = std::forward<Initiation>(init)](auto&& handler, auto&& m,
                                                    ltx::diagnostics* u) mutable {
                using handler_t = std::decay_t<decltype(handler)>;
                ltx::asio::detail::diagnostics_handler<handler_t> h{
                    std::forward<decltype(handler)>(handler), u};
                auto* target = h.target();
                std::move(init)(std::move(h), std::forward<decltype(m)>(m), target);
            },
            t.token, std::forward<Make>(make), user);
    }
};

template <template <class, class> class Associator, class Handler, class Default>
struct associator<Associator, ltx::asio::detail::diagnostics_handler<Handler>, Default> {
    using type = typename Associator<Handler, Default>::type;
    static type get(const ltx::asio::detail::diagnostics_handler<Handler>& h,
                    const Default& d = Default()) noexcept {
        return Associator<Handler, Default>::get(h.inner(), d);
    }
};

} // namespace asio

#endif
