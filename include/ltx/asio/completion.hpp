// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_COMPLETION_HPP
#define LTX_ASIO_COMPLETION_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/compat.hpp>
#include <ltx/asio/detail/cancel_scope.hpp>
#include <ltx/asio/detail/handler.hpp>
#include <ltx/asio/transport.hpp>
#include <ltx/client.hpp>

#include <asio/associated_cancellation_slot.hpp>
#include <asio/async_result.hpp>
#include <asio/cancellation_type.hpp>
#include <asio/system_executor.hpp>

#include <memory>
#include <system_error>
#include <type_traits>
#include <utility>

namespace ltx::asio::detail {

// Starts a client operation with a handler made from a completion token. The operation's
// cancel scope is current while the client starts its first transport operation, so every
// transport operation of the client's call (retries, polls, pauses) joins it; the handler's
// slot cancels the scope.
template <class Init, class R> struct client_initiation {
    Init init;

    template <class Handler> void operator()(Handler&& handler) {
        auto scope = std::make_shared<cancel_scope>();
        auto slot = ::asio::get_associated_cancellation_slot(handler);
        if (slot.is_connected()) {
            slot.assign([scope](::asio::cancellation_type type) {
                if ((type & ::asio::cancellation_type::terminal) !=
                    ::asio::cancellation_type::none) {
                    scope->cancel();
                }
            });
        }
        auto work = tracked_executor(handler, ::asio::system_executor{});
        cancel_scope_guard guard{scope};
        std::move(init)(completion{std::forward<Handler>(handler), std::move(work), scope,
                                   std::shared_ptr<cancel_scope>{}});
    }
};

} // namespace ltx::asio::detail

namespace ltx {

/// Completion tokens for the client's async calls over `ltx::asio::transport`.
///
/// With this transport, every `async_*` call of `ltx::basic_client` takes any Asio completion
/// token for the signature `void(std::error_code, R)`: a callback, `asio::use_future`,
/// `asio::use_awaitable` (C++20 coroutines), `ltx::asio::deferred`, or adapters over them
/// (`asio::bind_executor`, `asio::bind_cancellation_slot`, ...), and returns what the token
/// makes of it (nothing, a `std::future<R>`, an `asio::awaitable<R>`, a deferred operation).
///
/// - Executor: the handler runs on its associated executor (a coroutine's own, or the one
///   bound with `asio::bind_executor`); a handler without one runs on the transport's
///   executor. Never inside the call that started the operation. Work is tracked on the
///   handler's executor until it has run.
/// - Cancellation: `asio::cancellation_type::terminal` through the handler's cancellation
///   slot (for example `asio::bind_cancellation_slot`, or an awaitable's, which the
///   `||` operator of `asio::experimental::awaitable_operators` emits). It reaches the request
///   in flight (its connection is closed, or it leaves the queue of a capped host) and the
///   pause between retries or polls. A single request completes with
///   `ltx::http::transport_errc::cancelled` — or, for a paid POST whose request may already
///   have reached the server, `ltx::errc::outcome_unknown`; `async_wait` completes with
///   `ltx::errc::cancelled`, as when cancelled through `wait_options::cancel`.
/// - Diagnostics: token calls report the error code only; the callback overloads that take an
///   `ltx::diagnostics*` give the rest.
///
/// ```
/// asio::co_spawn(io, [&]() -> asio::awaitable<void> {
///     auto job = co_await api.async_create_video(req, asio::use_awaitable);
///     auto done = co_await api.async_wait(job.jobId.value(), {}, asio::use_awaitable);
/// }, asio::detached);
/// ```
template <class Token, class R> struct completion_adapter<ltx::asio::transport, Token, R> {
    /// Runs `init` with the handler that `token` makes; returns what `token` returns.
    template <class T, class Initiation> static auto initiate(T&& token, Initiation&& init) {
        return ::asio::async_initiate<T, void(std::error_code, R)>(
            ltx::asio::detail::client_initiation<std::decay_t<Initiation>, R>{
                std::forward<Initiation>(init)},
            token);
    }
};

} // namespace ltx

#endif
