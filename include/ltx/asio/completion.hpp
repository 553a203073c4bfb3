// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_COMPLETION_HPP
#define LTX_ASIO_COMPLETION_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/compat.hpp>
#include <ltx/asio/detail/run.hpp>
#include <ltx/asio/with_diagnostics.hpp>
#include <ltx/client.hpp>

#include <asio/async_result.hpp>
#include <asio/execution/executor.hpp>
#include <asio/is_executor.hpp>
#include <asio/use_future.hpp>
#if defined(ASIO_HAS_CO_AWAIT)
#include <asio/use_awaitable.hpp>
#endif

#include <system_error>
#include <type_traits>
#include <utility>

namespace ltx::asio {

/// True for a transport the Asio front end runs: one with an Asio `executor_type` and
/// `get_executor()`, whose `async_send` and `async_sleep` take Asio completion tokens (as
/// `ltx::asio::transport` and any decorator of it that keeps its executor do).
template <class T>
concept asio_transport = requires(T& t) {
    typename T::executor_type;
    { t.get_executor() } -> std::convertible_to<typename T::executor_type>;
}
&&(::asio::execution::is_executor<typename T::executor_type>::value ||
   ::asio::is_executor<typename T::executor_type>::value);

namespace detail {

template <class T> struct is_use_awaitable : std::false_type {};
#if defined(ASIO_HAS_CO_AWAIT)
template <class Ex> struct is_use_awaitable<::asio::use_awaitable_t<Ex>> : std::true_type {};
#endif
template <class T> struct is_use_future : std::false_type {};
template <class A> struct is_use_future<::asio::use_future_t<A>> : std::true_type {};

// Tokens that turn an error into an exception anyway get the precise one.
template <class Token>
inline constexpr bool throws_errors_v =
    is_use_awaitable<std::decay_t<Token>>::value || is_use_future<std::decay_t<Token>>::value;

template <class Executor>
using executor_default_token_t = ::asio::default_completion_token_t<Executor>;

} // namespace detail

} // namespace ltx::asio

namespace ltx {

/// The Asio front end of the client's async calls, for every `ltx::asio::asio_transport`.
///
/// - Tokens: any Asio completion token for `void(std::error_code, R)`: a callback,
///   `asio::use_future`, `asio::use_awaitable` (C++20 coroutines), `ltx::asio::deferred`
///   (the default token unless the executor names one), or adapters over them
///   (`asio::bind_executor`, `asio::bind_cancellation_slot`, `ltx::asio::with_diagnostics`).
/// - Each call is one `asio::async_compose` operation that hands itself to the transport's
///   `async_send` and `async_sleep`, so the handler's associated executor, allocator and
///   cancellation slot reach every step. The handler runs on its associated executor (the
///   transport's when it has none), never inside the initiating call.
/// - Cancellation: `terminal` and `partial` through the handler's slot end the request or
///   pause in flight; the operation completes with `ltx::errc::cancelled`, or, for a paid POST
///   that may have reached the server, `ltx::errc::outcome_unknown`. `wait_options::cancel`
///   and `download_options::cancel` are seen between steps.
/// - Errors: `use_awaitable` and `use_future` report an error as the exception the sync
///   throwing form throws (`ltx::validation_error`, `ltx::api_error`, `std::system_error`),
///   as `ltx::asio::with_diagnostics` does for any token.
///
/// ```
/// asio::co_spawn(io, [&]() -> asio::awaitable<void> {
///     auto job = co_await api.async_create_video(req, asio::use_awaitable);
///     auto done = co_await api.async_wait(job.jobId.value(), {}, asio::use_awaitable);
/// }, asio::detached);
/// ```
template <class Transport>
struct completion_adapter<Transport, std::enable_if_t<ltx::asio::asio_transport<Transport>>> {
    /// The executor's default token, or `ltx::asio::deferred` when it names none.
    using default_token = std::conditional_t<
        std::is_void_v<
            ltx::asio::detail::executor_default_token_t<typename Transport::executor_type>>,
        ltx::asio::deferred_t,
        ltx::asio::detail::executor_default_token_t<typename Transport::executor_type>>;

    /// Starts the machine `make()` returns as one composed operation; returns what `token`
    /// makes of it.
    template <class Op, class Clock, class Token, class Make>
    static auto run(Transport& t, Clock& c, Token&& token, diagnostics* diag, Make&& make) {
        using result_t = typename Op::result_type;
        using init_t = ltx::asio::detail::run_initiation<Transport, Clock, Op>;
        if constexpr (ltx::asio::detail::throws_errors_v<Token>) {
            auto adapted = ltx::asio::with_diagnostics(std::forward<Token>(token));
            return ::asio::async_initiate<decltype(adapted), void(std::error_code, result_t)>(
                init_t{t, c}, adapted, std::forward<Make>(make), diag);
        } else {
            return ::asio::async_initiate<Token, void(std::error_code, result_t)>(
                init_t{t, c}, token, std::forward<Make>(make), diag);
        }
    }
};

} // namespace ltx

#endif
