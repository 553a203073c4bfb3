// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_TRANSPORT_HPP
#define LTX_ASIO_TRANSPORT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/detail/exchange.hpp>
#include <ltx/asio/detail/handler.hpp>
#include <ltx/asio/detail/sleep.hpp>
#include <ltx/asio/detail/state.hpp>
#include <ltx/asio/options.hpp>
#include <ltx/asio/tls.hpp>
#include <ltx/http/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/transport.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/async_result.hpp>
#include <asio/cancellation_type.hpp>
#include <asio/ssl/context.hpp>
#include <asio/strand.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

namespace ltx::asio {

/// Counters of a transport's connections, for monitoring and tests.
struct transport_stats {
    std::uint64_t connections_opened = 0; ///< TCP connections established (TLS or not).
    std::uint64_t connections_reused = 0; ///< Exchanges that ran on a kept-alive connection.
    std::size_t idle_connections = 0;     ///< Idle connections kept (async and sync).
    std::size_t open_connections = 0;     ///< Connections open or being opened, idle or busy.
    std::size_t waiting_exchanges = 0;    ///< Exchanges waiting for a connection to a capped
                                          ///< origin (`max_connections_per_host`).
};

/// An HTTP/1.1 transport over Asio: TCP for `http://`, TLS (OpenSSL) for `https://`.
///
/// Models `ltx::sync_transport`, `ltx::async_transport` and `ltx::async_sleeper`, and honours
/// the transport contract of `ltx/http/transport.hpp`: it sends exactly the request given
/// (adding only `Host` and `Content-Length` when absent, and a proxy's credentials to a
/// request sent to that proxy in absolute form), follows no redirect, returns every
/// status as a response, and reports `transport_errc::connection_failed` only when no byte of
/// the request was written.
///
/// Connections are kept alive and reused per origin (scheme, host, port): at most
/// `transport_options::max_connections_per_host` open at once (further exchanges wait their
/// turn, first come first served), at most `max_idle_per_host` idle ones each, closed once
/// idle for longer than `idle_timeout`. A kept connection that the server closed meanwhile is
/// detected before use; if the server closes it just as a request goes out, the request is sent
/// again on a new connection when nothing was written or the method is idempotent. Sockets use
/// TCP_NODELAY.
///
/// TLS: SNI, certificate chain and host name (or IP address) verification, always. The
/// context comes from the constructor (see `make_tls_context` for CA files and directories),
/// or, when none is given, `default_tls_context()` is made on first https use.
///
/// Thread safety: every member function may be called concurrently from any thread, and the
/// executor may be run by several threads (each exchange runs on a strand of its own). The
/// transport may be destroyed while async operations are pending (they keep what they use
/// alive), but the execution context must outlive them.
///
/// Synchronous `send` never runs the transport's executor: it runs a private single-threaded
/// `io_context` on the calling thread for the duration of the call (one per concurrent caller,
/// each with its own kept-alive connections), so it may be called from any thread, including
/// from within a handler of the transport's own executor (blocking that thread meanwhile).
///
/// Example:
/// ```
/// asio::io_context io;
/// auto tls = ltx::asio::default_tls_context();
/// ltx::asio::transport http{io.get_executor(), tls};
/// ltx::basic_client api{http, ltx::config{.token = token}};
/// ```
class transport {
public:
    /// The executor of the async operations and their default handler executor.
    using executor_type = ::asio::any_io_executor;

    /// A transport whose async operations run on `ex`, with `tls` (which must outlive the
    /// transport and its operations) for https.
    LTX_DECL transport(executor_type ex, ::asio::ssl::context& tls, transport_options opts = {});

    /// A transport whose async operations run on `ex`, making `default_tls_context()` on first
    /// https use (a failure to load the system CAs then fails that exchange with its error).
    LTX_DECL explicit transport(executor_type ex, transport_options opts = {});

    /// Closes the idle connections.
    LTX_DECL ~transport();

    /// Transports move; they do not copy.
    transport(transport&&) noexcept = default;
    /// Transports move; they do not copy.
    transport& operator=(transport&&) noexcept = default;
    transport(const transport&) = delete;
    transport& operator=(const transport&) = delete;

    /// The executor given at construction.
    executor_type get_executor() const noexcept { return state_->executor; }

    /// The options given at construction.
    const transport_options& options() const noexcept { return state_->options; }

    /// Performs one exchange, blocking the calling thread; on failure sets `ec` (a
    /// `transport_errc`, a `tls_verify_category()` code, a sink's error, or a system error
    /// such as a file body that cannot be opened) and returns a default-constructed response.
    LTX_DECL http::response send(const http::request& req, std::error_code& ec);

    /// Performs one exchange, blocking. @throws std::system_error on failure.
    LTX_DECL http::response send(const http::request& req);

    /// Starts one exchange.
    ///
    /// - Completes when the response is complete (status, headers, body or sink fed), or on
    ///   failure; signature `void(std::error_code, ltx::http::response)`, the response
    ///   default-constructed on error.
    /// - `req` is moved into the operation; a `req.sink` must outlive it.
    /// - `token`: any Asio completion token (callback, `asio::use_future`,
    ///   `asio::use_awaitable`, `asio::experimental::deferred`, ...).
    /// - The handler runs on its associated executor (by default the transport's), never
    ///   inside `async_send`.
    /// - Cancellation: `asio::cancellation_type::terminal` or `partial` through the handler's
    ///   cancellation slot; the connection is closed (or the exchange leaves the queue of a host at
    ///   its `max_connections_per_host`) and the operation completes with
    ///   `transport_errc::cancelled`. `total` is not supported: the exchange runs on.
    /// - Errors: `transport_errc` (`connection_failed` and `pool_timeout` mean nothing was
    ///   sent), a `tls_verify_category()` code, a sink's error, or a system error such as a file
    ///   body that cannot be opened. An HTTP error status is a response, not an error.
    ///
    /// ```
    /// auto resp = co_await http.async_send(req, asio::use_awaitable);
    /// ```
    template <class CompletionToken> auto async_send(http::request req, CompletionToken&& token) {
        return ::asio::async_initiate<CompletionToken, void(std::error_code, http::response)>(
            initiate_send{state_}, token, std::move(req));
    }

    /// Waits `delay` (zero: completes at the next turn of the executor, never inside the
    /// call).
    ///
    /// - Completes once `delay` has passed, or when cancelled. The timer runs on a strand of
    ///   the transport's executor, whose context must run until then.
    /// - Signature `void(std::error_code)`: empty after the delay, `transport_errc::cancelled`
    ///   when cancelled (the only error).
    /// - The handler runs on its associated executor (by default the transport's), never
    ///   inside `async_sleep`.
    /// - Cancellation: any type (`terminal`, `partial`, `total`) through the handler's
    ///   cancellation slot, from any thread; it ends the pause at once.
    ///
    /// ```
    /// http.async_sleep(std::chrono::seconds{1}, [](std::error_code ec) { /* ec: cancelled? */ });
    /// ```
    template <class CompletionToken>
    auto async_sleep(std::chrono::milliseconds delay, CompletionToken&& token) {
        return ::asio::async_initiate<CompletionToken, void(std::error_code)>(
            initiate_sleep{state_}, token, delay);
    }

    /// Closes every idle connection now.
    LTX_DECL void close_idle_connections();

    /// Connection counters.
    LTX_DECL transport_stats stats() const;

private:
    struct initiate_send {
        std::shared_ptr<detail::transport_state> state;

        template <class Handler> void operator()(Handler&& handler, http::request req) const {
            auto slot = ::asio::get_associated_cancellation_slot(handler);
            auto work = detail::tracked_executor(handler, state->executor);
            auto op = std::make_shared<detail::exchange_op>(
                state, nullptr, ::asio::make_strand(state->executor), state->executor, nullptr,
                std::optional<http::request>(std::move(req)),
                http::response_handler{
                    detail::completion{std::forward<Handler>(handler), std::move(work)}});
            // Attached before the start, so a completion on another thread cannot detach first.
            detail::attach_cancellation(
                op, slot, ::asio::cancellation_type::terminal | ::asio::cancellation_type::partial);
            op->start();
        }
    };

    struct initiate_sleep {
        std::shared_ptr<detail::transport_state> state;

        template <class Handler>
        void operator()(Handler&& handler, std::chrono::milliseconds delay) const {
            auto op = std::make_shared<detail::sleep_op>(::asio::make_strand(state->executor));
            detail::attach_cancellation(op, ::asio::get_associated_cancellation_slot(handler),
                                        ::asio::cancellation_type::all);
            auto work = detail::tracked_executor(handler, state->executor);
            op->start(delay, detail::completion{std::forward<Handler>(handler), std::move(work)});
        }
    };

    std::shared_ptr<detail::transport_state> state_;
};

} // namespace ltx::asio

#ifdef LTX_HEADER_ONLY
#include <ltx/asio/impl/transport.ipp>
#endif

#endif
