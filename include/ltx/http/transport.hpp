// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_TRANSPORT_HPP
#define LTX_HTTP_TRANSPORT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/http/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/response_handler.hpp>

#include <concepts>
#include <system_error>
#include <utility>

// The contract every transport honours, sync or async:
// - It sends exactly the request it is given: request line from `method` and `url.target()`,
//   the headers in order, the body (a file body streamed, exactly `body.size()` bytes). It adds
//   `Host` and `Content-Length` only when they are absent, and nothing else a server would act
//   on.
// - It follows no redirect: a 3xx is returned as a response.
// - An HTTP status, any status, is a response, not an error. Failures below HTTP (name
//   resolution, connect, reset, TLS, timeout, size limits, malformed answers, cancellation)
//   are reported as `ltx::http::transport_errc` codes (or, where none fits, the system's);
//   on error the returned response is default-constructed.
// - `transport_errc::connection_failed` is reported only when no byte of the request was
//   written, so `ltx::http::request_not_sent(ec)` can tell the client a paid POST may be sent
//   again. When unsure, a transport reports another code.
// - `request::timeout` (when non-zero) bounds the whole exchange; `request::sink` (when set)
//   receives the response body (see `ltx::http::body_sink`).
// - It never logs, stores beyond the exchange, or puts in an error message the value of the
//   `Authorization` header (nor any header value).

namespace ltx {

/// A blocking HTTP transport: `t.send(req, ec)` performs one exchange and returns the
/// response, or sets `ec` (see the contract above this concept in `ltx/http/transport.hpp`).
template <class T>
concept sync_transport = requires(T& t, const http::request& req, std::error_code& ec) {
    { t.send(req, ec) } -> std::same_as<http::response>;
};

namespace http::detail {

// A move-only handler invocable only as an rvalue: the strictest completion handler a client
// may pass, so a transport that models async_transport with it accepts all of them.
struct response_handler_archetype {
    response_handler_archetype() = default;
    response_handler_archetype(response_handler_archetype&&) = default;
    response_handler_archetype& operator=(response_handler_archetype&&) = default;
    response_handler_archetype(const response_handler_archetype&) = delete;
    response_handler_archetype& operator=(const response_handler_archetype&) = delete;
    void operator()(std::error_code, response) && {}
};

} // namespace http::detail

/// An asynchronous HTTP transport: `t.async_send(req, handler)` starts one exchange and
/// returns; the handler is later invoked exactly once, as an rvalue, with
/// `(std::error_code, ltx::http::response)`, on error with a default-constructed response.
/// The transport documents on which thread or executor the handler runs and whether it may
/// be invoked before `async_send` returns. Handlers may be move-only: the concept is checked
/// with such an archetype, and `ltx::http::response_handler` accepts any of them.
///
/// The client passes `req` as a `const http::request&` lvalue that it keeps alive and
/// unchanged until the handler is invoked (or destroyed without being invoked): the request
/// belongs to the operation's heap state, which the handler keeps alive. So a transport may
/// take the request by value (a copy of its own) or by `const http::request&` (no copy); one
/// that borrows it must not read it after invoking or destroying the handler. A direct caller
/// of a borrowing transport owes it the same.
template <class T>
concept async_transport = requires(T& t, const http::request& req,
                                   http::detail::response_handler_archetype handler) {
    t.async_send(req, std::move(handler));
};

namespace http {

/// True when `T` models `ltx::sync_transport`.
template <class T> inline constexpr bool is_sync_transport_v = ltx::sync_transport<T>;

/// True when `T` models `ltx::async_transport`.
template <class T> inline constexpr bool is_async_transport_v = ltx::async_transport<T>;

/// Fails to compile, with a message saying what is missing, unless `T` models
/// `ltx::sync_transport`; returns true otherwise. Use through `LTX_ASSERT_SYNC_TRANSPORT`.
template <class T> constexpr bool check_sync_transport() noexcept {
    static_assert(ltx::sync_transport<T>,
                  "T does not model ltx::sync_transport: it needs send(const "
                  "ltx::http::request&, std::error_code&) returning ltx::http::response");
    return true;
}

/// Fails to compile, with a message saying what is missing, unless `T` models
/// `ltx::async_transport`; returns true otherwise. Use through `LTX_ASSERT_ASYNC_TRANSPORT`.
template <class T> constexpr bool check_async_transport() noexcept {
    static_assert(ltx::async_transport<T>,
                  "T does not model ltx::async_transport: it needs async_send(const "
                  "ltx::http::request&, H) (or the request by value) accepting a move-only handler "
                  "H invocable as void(std::error_code, "
                  "ltx::http::response)");
    return true;
}

} // namespace http
} // namespace ltx

/// Asserts at compile time that the type `T` models `ltx::sync_transport`, with a readable
/// message when it does not. Usable at namespace, class or block scope.
#ifndef LTX_ASSERT_SYNC_TRANSPORT
#define LTX_ASSERT_SYNC_TRANSPORT(T) static_assert(::ltx::http::check_sync_transport<T>())
#endif

/// Asserts at compile time that the type `T` models `ltx::async_transport`, with a readable
/// message when it does not. Usable at namespace, class or block scope.
#ifndef LTX_ASSERT_ASYNC_TRANSPORT
#define LTX_ASSERT_ASYNC_TRANSPORT(T) static_assert(::ltx::http::check_async_transport<T>())
#endif

#endif
