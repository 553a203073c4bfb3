// ltx: the single-header form of include/ltx/asio.hpp.
// GENERATED FILE, DO NOT EDIT. Regenerate with `python3 tools/amalgamate.py`;
// CI fails when it is stale (`python3 tools/amalgamate.py --check`).
#include "ltx.hpp"
// ---- begin ltx/asio.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx over Asio: an HTTP/1.1 transport over TCP and TLS with connection reuse, timeouts and
// size limits (`ltx::asio::transport`), TLS contexts (`ltx::asio::default_tls_context`,
// `make_tls_context`), and the completion-token front end of the client's async calls.
// Needs standalone Asio and OpenSSL; the core (<ltx/ltx.hpp>) needs neither.
#ifndef LTX_ASIO_HPP
#define LTX_ASIO_HPP

// ---- begin ltx/asio/compat.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The one place that knows which Asio version spells what. Debian 12 ships Asio 1.22, where
// `deferred` is still experimental; Asio 1.24 moved it to namespace asio.
#ifndef LTX_ASIO_COMPAT_HPP
#define LTX_ASIO_COMPAT_HPP


#include <asio/version.hpp>

#if ASIO_VERSION >= 102400
#include <asio/deferred.hpp>
#else
#include <asio/experimental/deferred.hpp>
#endif

namespace ltx::asio {

#if ASIO_VERSION >= 102400
/// The type of `ltx::asio::deferred`.
using deferred_t = ::asio::deferred_t;
#else
/// The type of `ltx::asio::deferred`.
using deferred_t = ::asio::experimental::deferred_t;
#endif

/// The completion token that makes an async call return a deferred operation, launched later
/// by calling it with another token: `auto op = api.async_get_job(id, ltx::asio::deferred);
/// std::move(op)(handler);`. Names `asio::deferred` or `asio::experimental::deferred`,
/// whichever this Asio has.
inline constexpr deferred_t deferred{};

} // namespace ltx::asio

#endif
// ---- end ltx/asio/compat.hpp ----
// ---- begin ltx/asio/completion.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_COMPLETION_HPP
#define LTX_ASIO_COMPLETION_HPP

// ---- begin ltx/asio/detail/run.hpp ----
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
// ---- end ltx/asio/detail/run.hpp ----
// ---- begin ltx/asio/with_diagnostics.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_WITH_DIAGNOSTICS_HPP
#define LTX_ASIO_WITH_DIAGNOSTICS_HPP


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
// ---- end ltx/asio/with_diagnostics.hpp ----

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
// ---- end ltx/asio/completion.hpp ----
// ---- begin ltx/asio/options.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_OPTIONS_HPP
#define LTX_ASIO_OPTIONS_HPP


#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ltx::asio {

/// An HTTP proxy: `https://` URLs go through a `CONNECT` tunnel (TLS is end to end, the proxy
/// sees only the host and port), `http://` URLs are sent to the proxy in absolute form.
///
/// Proxy URLs are `http://[user[:password]@]host[:port]` (a bare `host:port` means http;
/// `https://` proxies are not supported). Credentials, percent-encoded in the URL as usual, go
/// to the proxy alone, as `Proxy-Authorization: Basic`: in the `CONNECT` request of a tunnel,
/// or with each absolute-form request (unless the request carries that field itself). They
/// appear in no error message: a proxy that refuses them fails a tunnel with
/// `transport_errc::connection_failed`, and answers a plain http request with its 407.
struct proxy_options {
    /// The proxy of `https://` URLs; empty: none.
    std::string https_proxy{};
    /// The proxy of `http://` URLs; empty: none.
    std::string http_proxy{};
    /// Hosts reached directly, as in the `NO_PROXY` variable: comma-separated names (a name
    /// matches itself and its subdomains; a leading `.` or `*.` is ignored), IP addresses, or
    /// `*` for every host. Matching ignores case and any port.
    std::string no_proxy{};
};

/// The proxy settings of the environment: `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (each
/// also in lower case, which wins when both are set), `ALL_PROXY` for both when they are
/// unset. A transport reads them only when given: `{.proxy = proxy_from_environment()}`.
LTX_DECL proxy_options proxy_from_environment();

/// How `ltx::asio::transport` connects, reuses connections and bounds an exchange.
///
/// Every limit, when exceeded, fails the exchange with its own `ltx::http::transport_errc`;
/// the defaults suit an API client (small JSON answers, downloads streamed to a sink).
struct transport_options {
    /// Time allowed to resolve the host, connect and finish the TLS handshake. Exceeding it
    /// fails with `transport_errc::connection_failed` (nothing was sent). Zero: no limit of
    /// its own (the request's time limit still applies).
    std::chrono::milliseconds connect_timeout{10'000};

    /// Time limit of a whole exchange (connect, send, receive) when `request::timeout` is
    /// zero. Exceeding it fails with `transport_errc::timeout`. Zero: no limit.
    std::chrono::milliseconds request_timeout{60'000};

    /// An idle kept-alive connection older than this is closed instead of reused. Zero:
    /// connections are never kept.
    std::chrono::milliseconds idle_timeout{30'000};

    /// At most this many idle connections are kept per origin (scheme, host, port); a
    /// connection released beyond the cap is closed. Zero: connections are never kept.
    std::size_t max_idle_per_host = 8;

    /// At most this many connections per origin (scheme, host, port, and proxy) are open or
    /// being opened at once, idle or busy, counting the async calls and every thread's
    /// synchronous `send` together. Zero: no cap.
    ///
    /// An exchange that finds none free waits, first come first served, for one to be
    /// handed back (then it reuses it) or closed (then it opens its own). The wait counts
    /// against the request's time limit; expiring there fails with
    /// `transport_errc::pool_timeout` (`== std::errc::timed_out`; nothing was sent, so the
    /// client may send the request again). A cancellation or a timeout takes a waiting
    /// exchange out of the queue at once. A synchronous `send` waits blocking its thread: called
    /// from a handler of the transport's own single-threaded executor while async exchanges of
    /// that executor hold every connection, it waits until its time limit.
    ///
    /// The default, 32, bounds what a burst of thousands of concurrent jobs costs: 32 sockets
    /// (file descriptors stay far below the usual limit of 1024, and a server or proxy sees a
    /// well-behaved client) rather than one per job, while 32 keep-alive connections still
    /// carry thousands of small API requests per second on a fast link. Waiting exchanges
    /// cost memory only. Raise it with slow responses and many concurrent calls, whose waits
    /// would otherwise eat into their time limits.
    std::size_t max_connections_per_host = 32;

    /// Largest status line plus header section accepted (also bounds one chunk-size line
    /// and the trailer section). Exceeding it fails with `transport_errc::headers_too_large`.
    std::size_t max_header_bytes = 64 * 1024;

    /// Most header fields accepted in one response; more fail with
    /// `transport_errc::headers_too_large`.
    std::size_t max_header_count = 100;

    /// Largest body kept in `response::body`; a larger one fails with
    /// `transport_errc::body_too_large`. A body streamed to a `request::sink` is not bounded
    /// by it: the sink sees the `Content-Length` in `on_headers` and may refuse it there.
    std::uint64_t max_body_bytes = 64 * 1024 * 1024;

    /// The proxy to go through; by default none (see `proxy_from_environment`). A proxy that
    /// refuses the tunnel (any status but 2xx) fails the exchange with
    /// `transport_errc::connection_failed`: nothing reached the server.
    proxy_options proxy{};
};

} // namespace ltx::asio

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/asio/impl/options.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_IMPL_OPTIONS_IPP
#define LTX_ASIO_IMPL_OPTIONS_IPP


#include <cstdlib>

namespace ltx::asio {

namespace detail {

// The lower-case spelling wins, as in most tools that read these variables.
LTX_DECL std::string environment(const char* lower, const char* upper) {
    for (const char* name : {lower, upper}) {
        if (const char* v = std::getenv(name); v != nullptr && *v != '\0') {
            return v;
        }
    }
    return {};
}

} // namespace detail

LTX_DECL proxy_options proxy_from_environment() {
    proxy_options p;
    const std::string all = detail::environment("all_proxy", "ALL_PROXY");
    p.https_proxy = detail::environment("https_proxy", "HTTPS_PROXY");
    p.http_proxy = detail::environment("http_proxy", "HTTP_PROXY");
    if (p.https_proxy.empty()) {
        p.https_proxy = all;
    }
    if (p.http_proxy.empty()) {
        p.http_proxy = all;
    }
    p.no_proxy = detail::environment("no_proxy", "NO_PROXY");
    return p;
}

} // namespace ltx::asio

#endif
// ---- end ltx/asio/impl/options.ipp ----
#endif

#endif
// ---- end ltx/asio/options.hpp ----
// ---- begin ltx/asio/tls.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_TLS_HPP
#define LTX_ASIO_TLS_HPP


#include <asio/ssl/context.hpp>

#include <string>
#include <system_error>

namespace ltx::asio {

/// Where the certificates that authenticate servers come from.
struct tls_options {
    /// Trust the system's certificate authorities (OpenSSL's default verify paths, on
    /// Debian `/etc/ssl/certs`).
    bool system_cas = true;
    /// A PEM file of further trusted certificate authorities; empty: none.
    std::string ca_file{};
    /// A directory of trusted certificate authorities in OpenSSL's hashed layout
    /// (`c_rehash`); empty: none.
    std::string ca_dir{};
};

/// A TLS client context for `ltx::asio::transport`: TLS 1.2 or later, peer verification on,
/// trusting what `opts` names.
///
/// The transport verifies, for every connection, the certificate chain against these
/// authorities and the certificate against the URL's host (DNS name or IP address), and sends
/// the host name as SNI; it never turns verification off.
/// @throws std::system_error when a CA file or directory cannot be loaded.
LTX_DECL ::asio::ssl::context make_tls_context(const tls_options& opts);

/// `make_tls_context({})`: a client context trusting the system's certificate authorities.
/// @throws std::system_error when the system's authorities cannot be loaded.
inline ::asio::ssl::context default_tls_context() {
    return make_tls_context(tls_options{});
}

/// The category of certificate verification failures, named `"ltx.tls"`.
///
/// When a server's certificate is refused, the transport fails the exchange with an error of
/// this category rather than the bare `transport_errc::tls_failure`, so the message says why:
/// the value is OpenSSL's verification result (`X509_V_ERR_*`), the message reads
/// `"TLS certificate rejected: certificate has expired"`, `"... self-signed certificate"`,
/// `"... hostname mismatch"`, and so on. Its `default_error_condition` is that of
/// `transport_errc::certificate_refused`: a TLS failure (`http::is_tls_failure`) that happened
/// before any byte of the request was sent (`http::request_not_sent`), so a create refused
/// this way created nothing. `ltx::asio::is_tls_error` tests for any TLS failure.
LTX_DECL const std::error_category& tls_verify_category() noexcept;

/// True when `ec` is a TLS failure: `transport_errc::tls_failure` or `certificate_refused`, or
/// a certificate rejection of `tls_verify_category()`.
LTX_DECL bool is_tls_error(const std::error_code& ec) noexcept;

} // namespace ltx::asio

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/asio/impl/tls.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_IMPL_TLS_IPP
#define LTX_ASIO_IMPL_TLS_IPP


#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>

namespace ltx::asio {

namespace detail {

class tls_verify_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.tls"; }

    std::string message(int ev) const override {
        return std::string("TLS certificate rejected: ") + X509_verify_cert_error_string(ev);
    }

    std::error_condition default_error_condition(int) const noexcept override {
        return make_error_code(http::transport_errc::certificate_refused).default_error_condition();
    }
};

} // namespace detail

LTX_DECL const std::error_category& tls_verify_category() noexcept {
    static const detail::tls_verify_category_impl category;
    return category;
}

LTX_DECL bool is_tls_error(const std::error_code& ec) noexcept {
    return ec.category() == tls_verify_category() || http::is_tls_failure(ec);
}

LTX_DECL ::asio::ssl::context make_tls_context(const tls_options& opts) {
    ::asio::ssl::context ctx{::asio::ssl::context::tls_client};
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    ctx.set_options(::asio::ssl::context::default_workarounds | ::asio::ssl::context::no_sslv2 |
                    ::asio::ssl::context::no_sslv3 | ::asio::ssl::context::no_compression);
    ctx.set_verify_mode(::asio::ssl::verify_peer);
    if (opts.system_cas) {
        ctx.set_default_verify_paths();
    }
    if (!opts.ca_file.empty()) {
        ctx.load_verify_file(opts.ca_file);
    }
    if (!opts.ca_dir.empty()) {
        ctx.add_verify_path(opts.ca_dir);
    }
    return ctx;
}

} // namespace ltx::asio

#endif
// ---- end ltx/asio/impl/tls.ipp ----
#endif

#endif
// ---- end ltx/asio/tls.hpp ----
// ---- begin ltx/asio/transport.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_TRANSPORT_HPP
#define LTX_ASIO_TRANSPORT_HPP

// ---- begin ltx/asio/detail/exchange.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_EXCHANGE_HPP
#define LTX_ASIO_DETAIL_EXCHANGE_HPP

// ---- begin ltx/asio/detail/connect.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_CONNECT_HPP
#define LTX_ASIO_DETAIL_CONNECT_HPP

// ---- begin ltx/asio/detail/connection.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_CONNECTION_HPP
#define LTX_ASIO_DETAIL_CONNECTION_HPP


#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/stream.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ltx::asio::detail {

class connection_pool;

// One of the connections an origin may have open: given by the pool, handed back when it is
// destroyed (after its socket is closed, so the peer never sees one more than the cap).
class connection_permit {
public:
    connection_permit() = default;
    // Adopts a permit the pool has counted.
    connection_permit(connection_pool* pool, std::string origin)
        : pool_(pool), origin_(std::move(origin)) {}
    connection_permit(connection_permit&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), origin_(std::move(other.origin_)) {}
    connection_permit& operator=(connection_permit&&) = delete;
    connection_permit(const connection_permit&) = delete;
    connection_permit& operator=(const connection_permit&) = delete;
    LTX_DECL ~connection_permit();

private:
    connection_pool* pool_ = nullptr;
    std::string origin_;
};

// One TCP connection, with its TLS layer for https. Never moved once made: the TLS stream
// refers to the socket. `home` names the execution context its socket is bound to (null: the
// transport's executor; otherwise a sync lane), since a connection serves only exchanges
// running there.
struct connection {
    connection(const ::asio::any_io_executor& ex, connection_permit p, const void* h)
        : permit(std::move(p)), home(h), socket(ex) {}
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    connection_permit permit; // first: destroyed last, once the socket is closed
    const void* home;
    ::asio::ip::tcp::socket socket;
    std::unique_ptr<::asio::ssl::stream<::asio::ip::tcp::socket&>> tls;
    std::chrono::steady_clock::time_point idle_since{};
};

// An exchange waiting for a connection to an origin at its cap.
class pool_waiter {
public:
    // Called once, on any thread, with no lock held; must not block nor call the pool back
    // before returning. `reuse`: a kept-alive connection handed over; null: a permit to open a
    // new connection, counted already.
    virtual void grant(std::unique_ptr<connection> reuse) = 0;

protected:
    ~pool_waiter() = default;
};

// The connections of a transport by origin: how many are open or being opened (idle or busy,
// sync or async), the idle ones kept for reuse, and the exchanges waiting in FIFO order for
// one when the origin is at `max_connections_per_host`. Thread-safe. No connection is
// destroyed under the lock: its permit takes the lock to pass itself on to a waiter.
class connection_pool {
public:
    using clock = std::chrono::steady_clock;
    enum class acquired { reused, open_new, queued };

    connection_pool() = default;
    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;
    LTX_DECL ~connection_pool();

    // A connection for an exchange on `home`: the most recently used idle one younger than
    // `idle_timeout` and still open (`reused`, in `out`); else a permit to open one
    // (`open_new`); else, at the cap, `w` is queued (`queued`) and granted one later.
    LTX_DECL acquired acquire(const std::string& origin, const void* home, clock::time_point now,
                              const transport_options& opts, std::shared_ptr<pool_waiter> w,
                              std::unique_ptr<connection>& out);

    // Takes `w` out of the queue; false when it was not there (granted already).
    LTX_DECL bool leave(const std::string& origin, const pool_waiter* w);

    // `c` finished an exchange and may carry another: handed to the first waiter, kept idle,
    // or closed (the idle cap, or a first waiter on another home).
    LTX_DECL void release(const std::string& origin, std::unique_ptr<connection> c,
                          clock::time_point now, const transport_options& opts);

    // Closes every idle connection, or those of `home`.
    LTX_DECL void clear();
    LTX_DECL void clear(const void* home);

    LTX_DECL std::size_t idle_count() const;
    LTX_DECL std::size_t open_count() const;
    LTX_DECL std::size_t waiting_count() const;

private:
    friend class connection_permit;
    struct waiting {
        std::shared_ptr<pool_waiter> waiter;
        const void* home;
    };
    struct origin_state {
        std::size_t open = 0;
        std::vector<std::unique_ptr<connection>> idle; // the most recently used last
        std::deque<waiting> waiters;
    };
    using connection_list = std::vector<std::unique_ptr<connection>>;

    void closed(const std::string& origin);
    void sweep(clock::time_point now, clock::duration max_idle, connection_list& dead);
    void forget_if_unused(const std::string& origin);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, origin_state> origins_;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/asio/detail/impl/connection.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_CONNECTION_IPP
#define LTX_ASIO_DETAIL_IMPL_CONNECTION_IPP


#include <asio/buffer.hpp>
#include <asio/error.hpp>

#include <algorithm>
#include <iterator>

namespace ltx::asio::detail {

// An idle HTTP/1.1 connection has nothing to read: readable bytes or an end of stream mean the
// server closed it (or sent a close_notify or a 408), so it must not carry a request. Peeking
// one byte without blocking tells which, at the cost of one system call.
LTX_DECL bool still_open(connection& c) {
    std::error_code ec;
    c.socket.non_blocking(true, ec);
    if (ec) {
        return false;
    }
    char byte = 0;
    c.socket.receive(::asio::buffer(&byte, 1), ::asio::socket_base::message_peek, ec);
    return ec == ::asio::error::would_block;
}

LTX_DECL connection_permit::~connection_permit() {
    if (pool_ != nullptr) {
        pool_->closed(origin_);
    }
}

LTX_DECL connection_pool::~connection_pool() {
    clear(); // the permits of idle connections come back while the map is whole
}

LTX_DECL void connection_pool::sweep(clock::time_point now, clock::duration max_idle,
                                     connection_list& dead) {
    for (auto& [origin, state] : origins_) {
        auto& list = state.idle;
        auto expired = std::stable_partition(list.begin(), list.end(), [&](const auto& c) {
            return now - c->idle_since < max_idle;
        });
        std::move(expired, list.end(), std::back_inserter(dead));
        list.erase(expired, list.end());
    }
}

// Entries stay while a permit of theirs is out; an origin seen once does not stay forever.
LTX_DECL void connection_pool::forget_if_unused(const std::string& origin) {
    const auto it = origins_.find(origin);
    if (it != origins_.end() && it->second.open == 0 && it->second.waiters.empty()) {
        origins_.erase(it);
    }
}

LTX_DECL connection_pool::acquired connection_pool::acquire(const std::string& origin,
                                                            const void* home, clock::time_point now,
                                                            const transport_options& opts,
                                                            std::shared_ptr<pool_waiter> w,
                                                            std::unique_ptr<connection>& out) {
    connection_list dead; // destroyed after the lock is released: their permits take it
    std::lock_guard lock{mutex_};
    sweep(now, opts.idle_timeout, dead);
    auto& state = origins_[origin];
    auto& idle = state.idle;
    for (auto i = idle.size(); i-- > 0;) {
        if (idle[i]->home != home) {
            continue;
        }
        auto c = std::move(idle[i]);
        idle.erase(idle.begin() + static_cast<std::ptrdiff_t>(i));
        if (still_open(*c)) {
            out = std::move(c);
            return acquired::reused;
        }
        dead.push_back(std::move(c));
    }
    const std::size_t cap = opts.max_connections_per_host;
    if (state.waiters.empty() && (cap == 0 || state.open < cap)) {
        ++state.open;
        return acquired::open_new;
    }
    // At the cap, an idle connection bound to another context is of no use to this exchange:
    // closing it makes room. (While exchanges wait, no idle connection is left for them.)
    if (!idle.empty()) {
        dead.push_back(std::move(idle.front()));
        idle.erase(idle.begin());
    }
    state.waiters.push_back({std::move(w), home});
    return acquired::queued;
}

LTX_DECL bool connection_pool::leave(const std::string& origin, const pool_waiter* w) {
    std::lock_guard lock{mutex_};
    const auto it = origins_.find(origin);
    if (it == origins_.end()) {
        return false;
    }
    auto& waiters = it->second.waiters;
    const auto found = std::find_if(waiters.begin(), waiters.end(),
                                    [&](const waiting& x) { return x.waiter.get() == w; });
    if (found == waiters.end()) {
        return false;
    }
    waiters.erase(found);
    return true;
}

LTX_DECL void connection_pool::release(const std::string& origin, std::unique_ptr<connection> c,
                                       clock::time_point now, const transport_options& opts) {
    connection_list dead;
    std::shared_ptr<pool_waiter> next;
    {
        std::lock_guard lock{mutex_};
        sweep(now, opts.idle_timeout, dead);
        auto& state = origins_[origin];
        if (opts.max_idle_per_host == 0 || opts.idle_timeout <= clock::duration::zero()) {
            dead.push_back(std::move(c)); // never reused; a waiter gets its permit
        } else if (!state.waiters.empty()) {
            // The first waiter takes the connection, or, bound elsewhere, the permit it
            // leaves when it closes.
            if (state.waiters.front().home == c->home) {
                next = std::move(state.waiters.front().waiter);
                state.waiters.pop_front();
            } else {
                dead.push_back(std::move(c));
            }
        } else {
            auto& idle = state.idle;
            const auto same_home = [&](const auto& x) { return x->home == c->home; };
            if (static_cast<std::size_t>(std::count_if(idle.begin(), idle.end(), same_home)) >=
                opts.max_idle_per_host) {
                const auto oldest = std::find_if(idle.begin(), idle.end(), same_home);
                dead.push_back(std::move(*oldest));
                idle.erase(oldest);
            }
            c->idle_since = now;
            idle.push_back(std::move(c));
        }
    }
    if (next) {
        next->grant(std::move(c));
    }
}

LTX_DECL void connection_pool::closed(const std::string& origin) {
    std::shared_ptr<pool_waiter> next;
    {
        std::lock_guard lock{mutex_};
        const auto it = origins_.find(origin);
        if (it == origins_.end()) {
            return;
        }
        auto& state = it->second;
        if (!state.waiters.empty()) {
            next = std::move(state.waiters.front().waiter); // the permit passes on
            state.waiters.pop_front();
        } else {
            --state.open;
            forget_if_unused(origin);
        }
    }
    if (next) {
        next->grant(nullptr);
    }
}

LTX_DECL void connection_pool::clear() {
    connection_list dead;
    std::lock_guard lock{mutex_};
    for (auto& [origin, state] : origins_) {
        std::move(state.idle.begin(), state.idle.end(), std::back_inserter(dead));
        state.idle.clear();
    }
}

LTX_DECL void connection_pool::clear(const void* home) {
    connection_list dead;
    std::lock_guard lock{mutex_};
    for (auto& [origin, state] : origins_) {
        auto& list = state.idle;
        auto others = std::stable_partition(list.begin(), list.end(),
                                            [&](const auto& c) { return c->home != home; });
        std::move(others, list.end(), std::back_inserter(dead));
        list.erase(others, list.end());
    }
}

LTX_DECL std::size_t connection_pool::idle_count() const {
    std::lock_guard lock{mutex_};
    std::size_t n = 0;
    for (const auto& [origin, state] : origins_) {
        n += state.idle.size();
    }
    return n;
}

LTX_DECL std::size_t connection_pool::open_count() const {
    std::lock_guard lock{mutex_};
    std::size_t n = 0;
    for (const auto& [origin, state] : origins_) {
        n += state.open;
    }
    return n;
}

LTX_DECL std::size_t connection_pool::waiting_count() const {
    std::lock_guard lock{mutex_};
    std::size_t n = 0;
    for (const auto& [origin, state] : origins_) {
        n += state.waiters.size();
    }
    return n;
}

} // namespace ltx::asio::detail

#endif
// ---- end ltx/asio/detail/impl/connection.ipp ----
#endif

#endif
// ---- end ltx/asio/detail/connection.hpp ----
// ---- begin ltx/asio/detail/proxy.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_PROXY_HPP
#define LTX_ASIO_DETAIL_PROXY_HPP


#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace ltx::asio::detail {

// True when `no_proxy` (NO_PROXY syntax) sends `host` (lower case, IPv6 without brackets)
// around the proxy.
LTX_DECL bool bypasses_proxy(std::string_view no_proxy, std::string_view host) noexcept;

// A proxy to go through, and the value of `Proxy-Authorization` for it (empty: none).
struct proxy_route {
    http::url url;
    std::string authorization;
};

// The proxy to reach `target` through, if any; `ec` is set when the configured proxy URL is
// not `http://[user[:password]@]host[:port]`.
LTX_DECL std::optional<proxy_route> proxy_for(const proxy_options& opts, const http::url& target,
                                              std::error_code& ec);

// RFC 4648 base64, padded.
LTX_DECL std::string base64(std::string_view bytes);

// The status of a proxy's answer to CONNECT once `head` holds its whole head (up to the empty
// line): 0 while incomplete, -1 when malformed.
LTX_DECL int connect_status(std::string_view head) noexcept;

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/asio/detail/impl/proxy.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_PROXY_IPP
#define LTX_ASIO_DETAIL_IMPL_PROXY_IPP


#include <algorithm>
#include <cstdint>

namespace ltx::asio::detail {

LTX_DECL bool bypasses_proxy(std::string_view no_proxy, std::string_view host) noexcept {
    const auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
            s.remove_prefix(1);
        }
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
            s.remove_suffix(1);
        }
        return s;
    };
    while (!no_proxy.empty()) {
        const auto comma = no_proxy.find(',');
        auto entry = trim(no_proxy.substr(0, comma));
        no_proxy =
            comma == std::string_view::npos ? std::string_view{} : no_proxy.substr(comma + 1);
        if (entry == "*") {
            return true;
        }
        if (entry.starts_with("*.")) {
            entry.remove_prefix(2);
        } else if (entry.starts_with(".")) {
            entry.remove_prefix(1);
        }
        if (!entry.empty() && entry.front() == '[') {
            const auto close = entry.find(']');
            entry = entry.substr(1, close == std::string_view::npos ? entry.npos : close - 1);
        } else if (const auto colon = entry.find(':');
                   colon != std::string_view::npos && entry.find(':', colon + 1) == entry.npos) {
            entry = entry.substr(0, colon); // name:port or ipv4:port
        }
        if (entry.empty() || entry.size() > host.size()) {
            continue;
        }
        const auto tail = host.substr(host.size() - entry.size());
        if (http::iequals(tail, entry) &&
            (host.size() == entry.size() || host[host.size() - entry.size() - 1] == '.')) {
            return true;
        }
    }
    return false;
}

LTX_DECL std::string base64(std::string_view bytes) {
    static constexpr char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
        }
        for (std::size_t k = 0; k < 4; ++k) {
            out += k <= n ? digits[(v >> (18 - 6 * k)) & 0x3F] : '=';
        }
    }
    return out;
}

LTX_DECL std::optional<proxy_route> proxy_for(const proxy_options& opts, const http::url& target,
                                              std::error_code& ec) {
    ec.clear();
    const std::string& spec = target.is_https() ? opts.https_proxy : opts.http_proxy;
    if (spec.empty() || bypasses_proxy(opts.no_proxy, target.host_unbracketed())) {
        return std::nullopt;
    }
    // A bare `host:port`, as some environments write it, means http.
    std::string bare = spec.find("://") == std::string::npos ? "http://" + spec : spec;
    // The URL parser refuses userinfo, as it should for request URLs: it is taken off here.
    // The last `@` of the authority ends it, since a password may hold an unencoded `@`.
    const std::size_t start = bare.find("://") + 3;
    const std::size_t end = std::min(bare.find_first_of("/?#", start), bare.size());
    const std::size_t at = bare.rfind('@', end - 1);
    std::string authorization;
    if (at != std::string::npos && at >= start) {
        const std::string_view userinfo = std::string_view(bare).substr(start, at - start);
        const auto colon = userinfo.find(':');
        const auto user = http::percent_decode(userinfo.substr(0, colon));
        const auto password = http::percent_decode(
            colon == std::string_view::npos ? std::string_view{} : userinfo.substr(colon + 1));
        if (!user || !password) {
            ec = std::make_error_code(std::errc::invalid_argument);
            return std::nullopt;
        }
        authorization = "Basic " + base64(*user + ":" + *password);
        bare.erase(start, at + 1 - start);
    }
    auto parsed = http::parse_url(bare);
    if (!parsed || parsed->is_https()) {
        ec = std::make_error_code(std::errc::invalid_argument);
        return std::nullopt;
    }
    return proxy_route{std::move(*parsed), std::move(authorization)};
}

LTX_DECL int connect_status(std::string_view head) noexcept {
    if (head.find("\r\n\r\n") == std::string_view::npos) {
        return 0;
    }
    if (!head.starts_with("HTTP/1.") || head.size() < 12 || head[8] != ' ') {
        return -1;
    }
    int status = 0;
    for (std::size_t i = 9; i < 12; ++i) {
        if (!ltx::detail::is_digit(head[i])) {
            return -1;
        }
        status = status * 10 + (head[i] - '0');
    }
    return status;
}

} // namespace ltx::asio::detail

#endif
// ---- end ltx/asio/detail/impl/proxy.ipp ----
#endif

#endif
// ---- end ltx/asio/detail/proxy.hpp ----
// ---- begin ltx/asio/detail/state.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_STATE_HPP
#define LTX_ASIO_DETAIL_STATE_HPP


#include <asio/any_io_executor.hpp>
#include <asio/io_context.hpp>
#include <asio/ssl/context.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace ltx::asio::detail {

// What the synchronous `send` runs on: a private single-threaded io_context with its own
// connections (kept in the transport's pool, with the lane as their home). One lane per
// concurrent caller; lanes are reused, so a thread making calls one after the other keeps its
// connections.
struct sync_lane {
    explicit sync_lane(connection_pool& p) : pool(p) {}
    ~sync_lane() { pool.clear(this); } // its sockets close before the io_context goes
    sync_lane(const sync_lane&) = delete;
    sync_lane& operator=(const sync_lane&) = delete;

    ::asio::io_context io{1};
    connection_pool& pool;
};

// Shared by a transport and its operations in flight, which keep it alive.
struct transport_state {
    transport_state(::asio::any_io_executor ex, ::asio::ssl::context* tls, transport_options opts)
        : executor(std::move(ex)), options(opts), user_tls(tls) {}

    LTX_DECL ::asio::ssl::context& tls_context();
    LTX_DECL std::unique_ptr<sync_lane> acquire_lane();
    LTX_DECL void release_lane(std::unique_ptr<sync_lane> lane);

    ::asio::any_io_executor executor;
    transport_options options;
    connection_pool pool; // before `lanes`, which give their connections back to it
    std::atomic<std::uint64_t> connections_opened{0};
    std::atomic<std::uint64_t> connections_reused{0};

private:
    ::asio::ssl::context* user_tls;
    std::once_flag own_tls_once;
    std::unique_ptr<::asio::ssl::context> own_tls;
    std::mutex lanes_mutex;
    std::vector<std::unique_ptr<sync_lane>> lanes;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/asio/detail/impl/state.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_STATE_IPP
#define LTX_ASIO_DETAIL_IMPL_STATE_IPP


namespace ltx::asio::detail {

LTX_DECL ::asio::ssl::context& transport_state::tls_context() {
    if (user_tls != nullptr) {
        return *user_tls;
    }
    // Made on first https use, so a transport for http:// never reads the system CAs.
    std::call_once(own_tls_once, [this] {
        own_tls = std::make_unique<::asio::ssl::context>(default_tls_context());
    });
    return *own_tls;
}

LTX_DECL std::unique_ptr<sync_lane> transport_state::acquire_lane() {
    {
        std::lock_guard lock{lanes_mutex};
        if (!lanes.empty()) {
            auto lane = std::move(lanes.back());
            lanes.pop_back();
            return lane;
        }
    }
    return std::make_unique<sync_lane>(pool);
}

LTX_DECL void transport_state::release_lane(std::unique_ptr<sync_lane> lane) {
    std::lock_guard lock{lanes_mutex};
    lanes.push_back(std::move(lane));
}

} // namespace ltx::asio::detail

#endif
// ---- end ltx/asio/detail/impl/state.ipp ----
#endif

#endif
// ---- end ltx/asio/detail/state.hpp ----

#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

namespace ltx::asio::detail {

// The size of the pieces connect_op and exchange_op read.
inline constexpr std::size_t read_buffer_size = 16 * 1024;

// Opens a connection under `permit` to the origin of `target`, directly or through `proxy`:
// resolves, tries each address in turn, asks the proxy for a tunnel when `target` is https,
// and runs the TLS handshake for https. Every step runs on `ex` (a strand, or a sync lane's
// single-threaded io_context), so the deadline timer, a cancellation and the I/O completions
// never race. Completes `done` once, on `ex`: with the ready connection, or with an error and
// no connection, the permit given back already. The errors are those of the transport:
// `connection_failed` (also when `deadline` passes), `tls_failure`, a certificate rejected in
// `tls_verify_category()`, `cancelled`.
class connect_op final : public std::enable_shared_from_this<connect_op> {
public:
    using clock = std::chrono::steady_clock;
    using handler = std::function<void(std::error_code, std::unique_ptr<connection>)>;

    // `home` and `socket_ex` as for exchange_op: the new socket is bound to `socket_ex`.
    LTX_DECL connect_op(std::shared_ptr<transport_state> state, const void* home,
                        ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                        connection_permit permit, http::url target,
                        std::optional<proxy_route> proxy, clock::time_point deadline, handler done);

    // Starts connecting, on `ex`; `done` runs within when the address cannot be parsed.
    LTX_DECL void start();

    // Ends the operation with `transport_errc::cancelled`. On `ex` only.
    LTX_DECL void cancel();

private:
    enum class phase { idle, connecting, tunnelling, handshaking, finished };

    void connect_next();
    void on_connected(const std::error_code& ec);
    void write_connect();
    void read_connect();
    void on_connect_read(const std::error_code& ec, std::size_t n);
    void handshake();
    void on_handshake(const std::error_code& ec);
    void fail(const std::error_code& ec);
    void complete(std::error_code ec);
    void on_timer(const std::error_code& ec);
    void close_io();

    std::shared_ptr<transport_state> state_;
    ::asio::any_io_executor ex_;
    ::asio::any_io_executor socket_ex_;
    std::unique_ptr<connection> conn_;
    http::url target_;
    std::optional<proxy_route> proxy_;
    clock::time_point deadline_;
    handler done_;
    ::asio::steady_timer timer_;
    std::unique_ptr<::asio::ip::tcp::resolver> resolver_;
    ::asio::ip::tcp::resolver::results_type endpoints_;
    ::asio::ip::tcp::resolver::results_type::const_iterator next_endpoint_;
    std::string tunnel_;
    std::unique_ptr<char[]> buf_;
    phase phase_ = phase::idle;
    bool expired_ = false;
    bool cancelled_ = false;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/asio/detail/impl/connect.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_CONNECT_IPP
#define LTX_ASIO_DETAIL_IMPL_CONNECT_IPP


#include <asio/bind_executor.hpp>
#include <asio/buffer.hpp>
#include <asio/error.hpp>
#include <asio/ssl/error.hpp>
#include <asio/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <string>

namespace ltx::asio::detail {

LTX_DECL connect_op::connect_op(std::shared_ptr<transport_state> state, const void* home,
                                ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                                connection_permit permit, http::url target,
                                std::optional<proxy_route> proxy, clock::time_point deadline,
                                handler done)
    : state_(std::move(state)), ex_(std::move(ex)), socket_ex_(std::move(socket_ex)),
      conn_(std::make_unique<connection>(socket_ex_, std::move(permit), home)),
      target_(std::move(target)), proxy_(std::move(proxy)), deadline_(deadline),
      done_(std::move(done)), timer_(ex_) {}

LTX_DECL void connect_op::start() {
    phase_ = phase::connecting;
    if (deadline_ != clock::time_point::max()) {
        timer_.expires_at(deadline_);
        timer_.async_wait(::asio::bind_executor(
            ex_, [self = shared_from_this()](const std::error_code& ec) { self->on_timer(ec); }));
    }
    const http::url& u = proxy_ ? proxy_->url : target_;
    const std::string host{u.host_unbracketed()};
    if (u.kind() != http::host_kind::name) {
        std::error_code ec;
        const auto address = ::asio::ip::make_address(host, ec);
        if (ec) {
            return fail(ec);
        }
        endpoints_ = ::asio::ip::tcp::resolver::results_type::create(
            ::asio::ip::tcp::endpoint(address, u.port()), host, std::to_string(u.port()));
        next_endpoint_ = endpoints_.begin();
        return connect_next();
    }
    resolver_ = std::make_unique<::asio::ip::tcp::resolver>(socket_ex_);
    resolver_->async_resolve(
        host, std::to_string(u.port()),
        ::asio::bind_executor(
            ex_, [self = shared_from_this()](const std::error_code& ec,
                                             ::asio::ip::tcp::resolver::results_type results) {
                if (self->phase_ == phase::finished) {
                    return;
                }
                if (ec || self->expired_ || self->cancelled_) {
                    return self->fail(ec ? ec : ::asio::error::operation_aborted);
                }
                self->endpoints_ = std::move(results);
                self->next_endpoint_ = self->endpoints_.begin();
                self->connect_next();
            }));
}

LTX_DECL void connect_op::cancel() {
    if (phase_ == phase::finished) {
        return;
    }
    cancelled_ = true;
    close_io();
}

// Tries the resolved addresses in turn. Written out rather than asio::async_connect, which
// moves on to the next address after an abort: a timeout or a cancellation must stop it.
LTX_DECL void connect_op::connect_next() {
    if (next_endpoint_ == endpoints_.end()) {
        return fail(::asio::error::host_not_found);
    }
    const auto endpoint = next_endpoint_->endpoint();
    ++next_endpoint_;
    std::error_code ignored;
    conn_->socket.close(ignored);
    conn_->socket.async_connect(
        endpoint,
        ::asio::bind_executor(ex_, [self = shared_from_this()](const std::error_code& ec) {
            self->on_connected(ec);
        }));
}

LTX_DECL void connect_op::on_connected(const std::error_code& ec) {
    if (phase_ == phase::finished) {
        return;
    }
    if (expired_ || cancelled_) {
        return fail(::asio::error::operation_aborted);
    }
    if (ec) {
        if (next_endpoint_ != endpoints_.end()) {
            return connect_next();
        }
        return fail(ec);
    }
    std::error_code ignored;
    conn_->socket.set_option(::asio::ip::tcp::no_delay(true), ignored);
    ++state_->connections_opened;
    if (proxy_ && target_.is_https()) {
        return write_connect();
    }
    if (target_.is_https()) {
        return handshake();
    }
    complete({});
}

LTX_DECL void connect_op::write_connect() {
    phase_ = phase::tunnelling;
    const std::string authority = target_.host() + ":" + std::to_string(target_.port());
    tunnel_ = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (!proxy_->authorization.empty()) {
        tunnel_ += "Proxy-Authorization: " + proxy_->authorization + "\r\n";
    }
    tunnel_ += "\r\n";
    buf_ = std::make_unique_for_overwrite<char[]>(read_buffer_size);
    ::asio::async_write(conn_->socket, ::asio::buffer(tunnel_),
                        ::asio::bind_executor(ex_, [self = shared_from_this()](
                                                       const std::error_code& ec, std::size_t) {
                            if (self->phase_ == phase::finished) {
                                return;
                            }
                            if (ec || self->expired_ || self->cancelled_) {
                                return self->fail(ec ? ec : ::asio::error::operation_aborted);
                            }
                            self->tunnel_.clear();
                            self->read_connect();
                        }));
}

LTX_DECL void connect_op::read_connect() {
    conn_->socket.async_read_some(
        ::asio::buffer(buf_.get(), read_buffer_size),
        ::asio::bind_executor(
            ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                self->on_connect_read(ec, n);
            }));
}

// The proxy's answer to CONNECT: a head and nothing more, since the server cannot speak
// before the TLS ClientHello. Any refusal means nothing reached the server.
LTX_DECL void connect_op::on_connect_read(const std::error_code& ec, std::size_t n) {
    if (phase_ == phase::finished) {
        return;
    }
    if (expired_ || cancelled_) {
        return fail(::asio::error::operation_aborted);
    }
    tunnel_.append(buf_.get(), n);
    const int status = connect_status(tunnel_);
    if (status == 0 && !ec && tunnel_.size() <= state_->options.max_header_bytes) {
        return read_connect();
    }
    const bool whole = status > 0 && tunnel_.ends_with("\r\n\r\n") &&
                       tunnel_.find("\r\n\r\n") == tunnel_.size() - 4;
    if (status / 100 != 2 || !whole) {
        return complete(http::transport_errc::connection_failed);
    }
    tunnel_.clear();
    buf_.reset();
    handshake();
}

LTX_DECL void connect_op::handshake() {
    phase_ = phase::handshaking;
    ::asio::ssl::context* ctx = nullptr;
    try {
        ctx = &state_->tls_context();
    } catch (const std::system_error& e) {
        return complete(e.code());
    }
    conn_->tls =
        std::make_unique<::asio::ssl::stream<::asio::ip::tcp::socket&>>(conn_->socket, *ctx);
    SSL* ssl = conn_->tls->native_handle();
    const std::string host{target_.host_unbracketed()};
    bool configured = false;
    if (target_.kind() == http::host_kind::name) {
        configured = SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 &&
                     SSL_set1_host(ssl, host.c_str()) == 1;
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    } else {
        configured = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) == 1;
    }
    std::error_code ec;
    conn_->tls->set_verify_mode(::asio::ssl::verify_peer, ec);
    if (!configured || ec) {
        return complete(http::transport_errc::tls_failure);
    }
    conn_->tls->async_handshake(
        ::asio::ssl::stream_base::client,
        ::asio::bind_executor(ex_, [self = shared_from_this()](const std::error_code& hec) {
            self->on_handshake(hec);
        }));
}

LTX_DECL void connect_op::on_handshake(const std::error_code& ec) {
    if (phase_ == phase::finished) {
        return;
    }
    if (ec && !expired_ && !cancelled_) {
        const long verify = SSL_get_verify_result(conn_->tls->native_handle());
        if (verify != X509_V_OK) {
            return complete(std::error_code(static_cast<int>(verify), tls_verify_category()));
        }
    }
    if (ec || expired_ || cancelled_) {
        return fail(ec ? ec : ::asio::error::operation_aborted);
    }
    complete({});
}

// A deadline that passes is a connection that could not be made, whichever step it stopped.
LTX_DECL void connect_op::fail(const std::error_code& ec) {
    if (cancelled_) {
        return complete(http::transport_errc::cancelled);
    }
    const bool tls = ec.category() == ::asio::error::get_ssl_category() ||
                     ec == ::asio::ssl::error::stream_truncated;
    if (!expired_ && phase_ == phase::handshaking && tls) {
        return complete(http::transport_errc::tls_failure);
    }
    complete(http::transport_errc::connection_failed);
}

LTX_DECL void connect_op::complete(std::error_code ec) {
    if (phase_ == phase::finished) {
        return;
    }
    phase_ = phase::finished;
    timer_.cancel();
    if (resolver_) {
        resolver_->cancel();
    }
    if (ec) {
        conn_.reset();
    }
    auto done = std::move(done_);
    done_ = nullptr;
    done(ec, std::move(conn_));
}

LTX_DECL void connect_op::on_timer(const std::error_code& ec) {
    if (ec == ::asio::error::operation_aborted || phase_ == phase::finished) {
        return;
    }
    expired_ = true;
    close_io();
}

LTX_DECL void connect_op::close_io() {
    if (resolver_) {
        resolver_->cancel();
    }
    std::error_code ignored;
    conn_->socket.close(ignored);
}

} // namespace ltx::asio::detail

#endif
// ---- end ltx/asio/detail/impl/connect.ipp ----
#endif

#endif
// ---- end ltx/asio/detail/connect.hpp ----
// ---- begin ltx/http/detail/http1/response_parser.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_RESPONSE_PARSER_HPP
#define LTX_HTTP_DETAIL_HTTP1_RESPONSE_PARSER_HPP


// ---- begin ltx/http/detail/http1/body_decoder.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_BODY_DECODER_HPP
#define LTX_HTTP_DETAIL_HTTP1_BODY_DECODER_HPP


// ---- begin ltx/http/detail/http1/error.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_ERROR_HPP
#define LTX_HTTP_DETAIL_HTTP1_ERROR_HPP


#include <system_error>
#include <type_traits>

namespace ltx::http::detail::http1 {

/// Errors of the HTTP/1.1 codec: malformed or unsafe messages and exceeded limits.
/// Every value is non-zero, so a default `std::error_code` still means success.
enum class error {
    // Request serializer.
    bad_method = 1, ///< The request method is not a token.
    bad_target,     ///< The request-target is empty or holds a space, CTL or non-ASCII byte.
    missing_host,   ///< No Host field and no usable host given.
    // Response head.
    bad_line_ending,             ///< A line ends in a bare LF, or holds a bare CR.
    bad_version,                 ///< The status line does not start with HTTP/1.0 or HTTP/1.1.
    bad_status,                  ///< The status code is not three digits in 100..599.
    bad_reason,                  ///< The reason phrase holds a control character.
    bad_field_name,              ///< A field name is empty or not a token.
    bad_field_value,             ///< A field value holds a control character.
    obs_fold,                    ///< A field line is folded (obsolete line folding).
    bad_content_length,          ///< Content-Length is not a decimal number, or overflows.
    multiple_content_length,     ///< Content-Length values disagree.
    bad_transfer_encoding,       ///< Transfer-Encoding is repeated or other than `chunked`.
    content_length_with_chunked, ///< Content-Length and Transfer-Encoding both present.
    bad_connection,              ///< Connection (or Proxy-Connection) is not a list of tokens.
    // Chunked body.
    bad_chunk_size,      ///< A chunk size is not hexadecimal.
    chunk_size_overflow, ///< A chunk size does not fit 64 bits.
    bad_chunk_extension, ///< A chunk extension is malformed.
    bad_chunk,           ///< Chunk data is not followed by CRLF.
    bad_trailer,         ///< A trailer field may not be a trailer (framing fields).
    // Limits and end of input.
    headers_too_large, ///< A head, chunk line or trailer section exceeds max_header_bytes.
    too_many_headers,  ///< A head or trailer section has more than max_header_count fields.
    body_too_large,    ///< The body exceeds max_body_bytes.
    partial_message,   ///< The connection closed before the message was complete.
};

/// The category of `error` values; its name is "ltx.http1".
LTX_DECL const std::error_category& error_category() noexcept;

/// Wraps `e` in a `std::error_code` of `error_category()`.
inline std::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), error_category()};
}

} // namespace ltx::http::detail::http1

template <> struct std::is_error_code_enum<ltx::http::detail::http1::error> : std::true_type {};

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/detail/http1/impl/error.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_ERROR_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_ERROR_IPP


#include <string>

namespace ltx::http::detail::http1 {

namespace impl {

class error_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.http1"; }

    std::string message(int ev) const override {
        switch (static_cast<error>(ev)) {
        case error::bad_method:
            return "request method is not a token";
        case error::bad_target:
            return "invalid request-target";
        case error::missing_host:
            return "request has no Host";
        case error::bad_line_ending:
            return "bare CR or LF line ending";
        case error::bad_version:
            return "bad HTTP version in status line";
        case error::bad_status:
            return "bad status code";
        case error::bad_reason:
            return "bad reason phrase";
        case error::bad_field_name:
            return "header field name is not a token";
        case error::bad_field_value:
            return "header field value holds a control character";
        case error::obs_fold:
            return "obsolete line folding in header";
        case error::bad_content_length:
            return "bad Content-Length";
        case error::multiple_content_length:
            return "conflicting Content-Length values";
        case error::bad_transfer_encoding:
            return "unsupported or repeated Transfer-Encoding";
        case error::content_length_with_chunked:
            return "both Content-Length and Transfer-Encoding";
        case error::bad_connection:
            return "bad Connection field";
        case error::bad_chunk_size:
            return "bad chunk size";
        case error::chunk_size_overflow:
            return "chunk size overflows";
        case error::bad_chunk_extension:
            return "bad chunk extension";
        case error::bad_chunk:
            return "chunk data not followed by CRLF";
        case error::bad_trailer:
            return "framing field in trailer";
        case error::headers_too_large:
            return "header section too large";
        case error::too_many_headers:
            return "too many header fields";
        case error::body_too_large:
            return "body too large";
        case error::partial_message:
            return "connection closed before the message was complete";
        }
        return "unknown ltx.http1 error";
    }
};

} // namespace impl

LTX_DECL const std::error_category& error_category() noexcept {
    // A function-local static gives one category object per program even header-only,
    // since error_code equality compares category addresses.
    static const impl::error_category_impl category;
    return category;
}

} // namespace ltx::http::detail::http1

#endif
// ---- end ltx/http/detail/http1/impl/error.ipp ----
#endif

#endif
// ---- end ltx/http/detail/http1/error.hpp ----
// ---- begin ltx/http/detail/http1/head.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_HEAD_HPP
#define LTX_HTTP_DETAIL_HTTP1_HEAD_HPP


// ---- begin ltx/http/detail/http1/syntax.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_SYNTAX_HPP
#define LTX_HTTP_DETAIL_HTTP1_SYNTAX_HPP


#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>

// Character classes and small grammars of RFC 9110 / RFC 9112 shared by the serializer,
// the head parser and the body decoder.
namespace ltx::http::detail::http1 {

using ltx::detail::hex_value;
using ltx::detail::is_digit;
using ltx::detail::is_tchar;

/// True when `s` is a non-empty token.
constexpr bool is_token(std::string_view s) noexcept {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (!is_tchar(c)) {
            return false;
        }
    }
    return true;
}

/// True for a byte allowed in a field value or reason phrase: HTAB, SP, VCHAR, obs-text.
/// Every other control character, DEL included, is refused.
constexpr bool is_field_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

/// True when every byte of `s` is visible ASCII (0x21..0x7E).
constexpr bool is_visible_ascii(std::string_view s) noexcept {
    for (char c : s) {
        if (c <= 0x20 || c >= 0x7f) {
            return false;
        }
    }
    return true;
}

/// True for optional whitespace (SP or HTAB).
constexpr bool is_ows(char c) noexcept {
    return c == ' ' || c == '\t';
}

/// `s` without leading and trailing SP/HTAB.
constexpr std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && is_ows(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_ows(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

using ltx::detail::iequals;

/// The tokens of a Connection field that matter for persistence.
struct connection_options {
    bool close = false;      ///< `close` was listed.
    bool keep_alive = false; ///< `keep-alive` was listed.
};

/// Parses a Connection value, `#token` (empty list items allowed), adding what it lists
/// to `opts`. Returns false when an item is not a token.
LTX_DECL bool parse_connection(std::string_view value, connection_options& opts) noexcept;

/// Parses a Content-Length value: `1*DIGIT *( OWS "," OWS 1*DIGIT )`, every item equal.
/// Returns the length, or `bad_content_length` (syntax, overflow) /
/// `multiple_content_length` (items differ) in `ec`.
LTX_DECL std::uint64_t parse_content_length(std::string_view value, std::error_code& ec) noexcept;

/// Parses a decimal number of at most 64 bits; nullopt on an empty string, a non-digit or
/// overflow.
LTX_DECL std::optional<std::uint64_t> parse_decimal(std::string_view s) noexcept;

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/detail/http1/impl/syntax.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_SYNTAX_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_SYNTAX_IPP



#include <limits>

namespace ltx::http::detail::http1 {

LTX_DECL bool parse_connection(std::string_view value, connection_options& opts) noexcept {
    while (true) {
        const auto comma = value.find(',');
        const auto item = trim_ows(value.substr(0, comma));
        if (!item.empty()) {
            if (!is_token(item)) {
                return false;
            }
            if (iequals(item, "close")) {
                opts.close = true;
            } else if (iequals(item, "keep-alive")) {
                opts.keep_alive = true;
            }
        }
        if (comma == std::string_view::npos) {
            return true;
        }
        value.remove_prefix(comma + 1);
    }
}

LTX_DECL std::optional<std::uint64_t> parse_decimal(std::string_view s) noexcept {
    if (s.empty()) {
        return std::nullopt;
    }
    constexpr auto max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (max - d) / 10) {
            return std::nullopt;
        }
        v = v * 10 + d;
    }
    return v;
}

LTX_DECL std::uint64_t parse_content_length(std::string_view value, std::error_code& ec) noexcept {
    std::optional<std::uint64_t> length;
    // Empty list items are refused here (unlike Connection): "5,,5" is more likely a
    // smuggling attempt than a sender's style.
    while (true) {
        const auto comma = value.find(',');
        const auto item = parse_decimal(trim_ows(value.substr(0, comma)));
        if (!item) {
            ec = error::bad_content_length;
            return 0;
        }
        if (length && *length != *item) {
            ec = error::multiple_content_length;
            return 0;
        }
        length = item;
        if (comma == std::string_view::npos) {
            ec = {};
            return *length;
        }
        value.remove_prefix(comma + 1);
    }
}

} // namespace ltx::http::detail::http1

#endif
// ---- end ltx/http/detail/http1/impl/syntax.ipp ----
#endif

#endif
// ---- end ltx/http/detail/http1/syntax.hpp ----

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

// The line-level pieces of response parsing: collecting CRLF-terminated lines from split
// input, and the grammar of status lines, field lines and framing fields.
namespace ltx::http::detail::http1 {

/// Collects one CRLF-terminated line from input that arrives in arbitrary pieces. Each
/// byte is examined once: a later `read` resumes where the previous one stopped.
class line_reader {
public:
    /// Takes bytes of `[p, p + n)` up to and including the first LF and returns how many it
    /// took. They count against `budget` (decreased accordingly); taking more than `budget`
    /// bytes fails with `headers_too_large`. Once the LF is taken `complete()` holds, unless
    /// the line ends in a bare LF or holds a CR elsewhere (`bad_line_ending`).
    LTX_DECL std::size_t read(const char* p, std::size_t n, std::size_t& budget,
                              std::error_code& ec);

    /// True once a whole line was read.
    bool complete() const noexcept { return complete_; }

    /// The complete line without its CRLF; valid until `clear()` or the next `read`, and
    /// while the input last given to `read` is alive.
    std::string_view line() const noexcept { return line_; }

    /// Prepares for the next line, keeping the storage.
    void clear() noexcept {
        buf_.clear();
        line_ = {};
        complete_ = false;
    }

private:
    std::string buf_;       // a line split across reads; empty when it arrived whole
    std::string_view line_; // the complete line, in buf_ or in the caller's input
    bool complete_ = false;
};

/// A parsed status line.
struct status_line {
    int version = 0;    ///< 10 for HTTP/1.0, 11 for HTTP/1.1.
    int status = 0;     ///< 100..599.
    std::string reason; ///< The reason phrase, possibly empty.
};

/// Parses `HTTP/1.x SP 3DIGIT SP reason` (no CRLF). Fails with `bad_version` (only 1.0 and
/// 1.1 are accepted), `bad_status` (not 3 digits in 100..599, or no SP after it) or
/// `bad_reason` (a control byte).
LTX_DECL std::error_code parse_status_line(std::string_view line, status_line& out);

/// Parses a non-empty field line `name ":" OWS value OWS` (no CRLF). Fails with `obs_fold`
/// when the line starts with whitespace, `bad_field_name` when the name is not a token (no
/// whitespace before the colon), `bad_field_value` on a control byte in the value.
LTX_DECL std::error_code parse_field_line(std::string_view line, std::string_view& name,
                                          std::string_view& value);

/// The framing a head announces, gathered field by field.
struct framing {
    std::optional<std::uint64_t> content_length; ///< Content-Length, when present.
    bool chunked = false;                        ///< Transfer-Encoding: chunked.
    connection_options connection;               ///< Connection / Proxy-Connection tokens.

    /// Takes one field into account. Fails with `bad_content_length`,
    /// `multiple_content_length`, `bad_transfer_encoding` (repeated, or other than exactly
    /// `chunked`: no other coding can be decoded here), `content_length_with_chunked` (both
    /// present, in either order) or `bad_connection`.
    LTX_DECL std::error_code on_field(std::string_view name, std::string_view value);
};

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/detail/http1/impl/head.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_HEAD_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_HEAD_IPP


#include <algorithm>
#include <cstring>

namespace ltx::http::detail::http1 {

LTX_DECL std::size_t line_reader::read(const char* p, std::size_t n, std::size_t& budget,
                                       std::error_code& ec) {
    ec = {};
    const auto* lf = static_cast<const char*>(std::memchr(p, '\n', n));
    const std::size_t take = lf ? static_cast<std::size_t>(lf - p) + 1 : n;
    // Checked before copying, so a peer cannot make us buffer more than the limit.
    if (take > budget) {
        ec = error::headers_too_large;
        return 0;
    }
    budget -= take;
    if (!lf) {
        buf_.append(p, n);
        return n;
    }
    std::string_view whole;
    if (buf_.empty()) {
        whole = {p, take}; // the common case: the line arrived in one piece, no copy
    } else {
        buf_.append(p, take);
        whole = buf_;
    }
    if (whole.size() < 2 || whole[whole.size() - 2] != '\r') {
        ec = error::bad_line_ending;
        return take;
    }
    line_ = whole.substr(0, whole.size() - 2);
    if (line_.find('\r') != std::string_view::npos) {
        ec = error::bad_line_ending;
        return take;
    }
    complete_ = true;
    return take;
}

LTX_DECL std::error_code parse_status_line(std::string_view line, status_line& out) {
    if (line.size() < 9 || line.substr(0, 7) != "HTTP/1." || line[8] != ' ' ||
        (line[7] != '0' && line[7] != '1')) {
        return error::bad_version;
    }
    if (line.size() < 13 || !is_digit(line[9]) || !is_digit(line[10]) || !is_digit(line[11]) ||
        line[12] != ' ') {
        return error::bad_status;
    }
    const int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (status < 100 || status > 599) {
        return error::bad_status;
    }
    const auto reason = line.substr(13);
    if (!std::all_of(reason.begin(), reason.end(), is_field_char)) {
        return error::bad_reason;
    }
    out.version = line[7] == '1' ? 11 : 10;
    out.status = status;
    out.reason.assign(reason);
    return {};
}

LTX_DECL std::error_code parse_field_line(std::string_view line, std::string_view& name,
                                          std::string_view& value) {
    if (!line.empty() && is_ows(line.front())) {
        return error::obs_fold;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
        return error::bad_field_name;
    }
    const auto rest = line.substr(colon + 1);
    if (!std::all_of(rest.begin(), rest.end(), is_field_char)) {
        return error::bad_field_value;
    }
    name = line.substr(0, colon);
    value = trim_ows(rest);
    return {};
}

LTX_DECL std::error_code framing::on_field(std::string_view name, std::string_view value) {
    if (iequals(name, "content-length")) {
        std::error_code ec;
        const auto length = parse_content_length(value, ec);
        if (ec) {
            return ec;
        }
        if (content_length && *content_length != length) {
            return error::multiple_content_length;
        }
        content_length = length;
        return chunked ? error::content_length_with_chunked : std::error_code{};
    }
    if (iequals(name, "transfer-encoding")) {
        // Only a single `chunked` is decodable; anything else (gzip, chunked twice,
        // a second field) would leave the body's end unknown, the root of smuggling.
        if (chunked || !iequals(value, "chunked")) {
            return error::bad_transfer_encoding;
        }
        chunked = true;
        return content_length ? error::content_length_with_chunked : std::error_code{};
    }
    if (iequals(name, "connection") || iequals(name, "proxy-connection")) {
        return parse_connection(value, connection) ? std::error_code{} : error::bad_connection;
    }
    return {};
}

} // namespace ltx::http::detail::http1

#endif
// ---- end ltx/http/detail/http1/impl/head.ipp ----
#endif

#endif
// ---- end ltx/http/detail/http1/head.hpp ----

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace ltx::http::detail::http1 {

/// How a response body is delimited (RFC 9112 section 6.3).
enum class body_kind {
    none,      ///< No body: HEAD, 1xx, 204, 304, or Content-Length: 0.
    length,    ///< Exactly Content-Length bytes.
    chunked,   ///< Transfer-Encoding: chunked, then trailers.
    until_eof, ///< Everything until the connection closes.
};

/// Parses a chunk-size line without its CRLF: `1*HEXDIG` then chunk extensions
/// `*( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )`, which are checked
/// and ignored. Fails with `bad_chunk_size`, `chunk_size_overflow` or `bad_chunk_extension`.
LTX_DECL std::error_code parse_chunk_line(std::string_view line, std::uint64_t& size);

/// Decodes one response body from input that arrives in arbitrary pieces, handing out the
/// body bytes as views into that input (no copy).
class body_decoder {
public:
    /// Limits applied while decoding; see `parser_limits`.
    struct limits {
        std::size_t max_line_bytes;   ///< Per chunk-size line, and for the trailer section.
        std::size_t max_field_count;  ///< Trailer fields.
        std::uint64_t max_body_bytes; ///< Body bytes, summed over all chunks.
    };

    /// Starts a body of `kind`; `length` is the Content-Length for `body_kind::length`.
    /// Fails with `body_too_large` when the announced length is over the limit.
    LTX_DECL std::error_code start(body_kind kind, std::uint64_t length, const limits& lim);

    /// Consumes bytes of `[p, p + n)` and returns how many; at least one while `n > 0` and
    /// not `done()`. Body bytes found are returned in `out` (empty when none), a view into
    /// the input. On error `ec` is set and decoding must stop.
    LTX_DECL std::size_t decode(const char* p, std::size_t n, std::string_view& out,
                                std::error_code& ec);

    /// The connection closed: completes a `until_eof` body, else `partial_message`.
    LTX_DECL void finish_eof(std::error_code& ec);

    /// True once the whole body (and trailer section) was read.
    bool done() const noexcept { return state_ == state::done; }

    /// True when the body ends only when the connection closes.
    bool until_eof() const noexcept { return state_ == state::until_eof; }

    /// True when a trailer field listed `Connection: close`.
    bool trailer_close() const noexcept { return trailer_connection_.close; }

private:
    enum class state {
        length,
        until_eof,
        chunk_line,
        chunk_data,
        chunk_cr,
        chunk_lf,
        trailer,
        done
    };

    LTX_DECL std::error_code on_chunk_line();
    LTX_DECL std::error_code on_trailer_line();

    state state_ = state::done;
    limits limits_{};
    std::uint64_t remaining_ = 0; // of the Content-Length body or the current chunk
    std::uint64_t size_ = 0;      // body bytes handed out, chunk framing excluded
    std::size_t line_budget_ = 0;
    line_reader line_;
    std::size_t trailer_count_ = 0; // checked, counted against the limit, not kept
    connection_options trailer_connection_;
};

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/detail/http1/impl/body_decoder.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_BODY_DECODER_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_BODY_DECODER_IPP



#include <algorithm>
#include <limits>

namespace ltx::http::detail::http1 {

LTX_DECL std::error_code parse_chunk_line(std::string_view line, std::uint64_t& size) {
    std::size_t i = 0;
    std::uint64_t v = 0;
    for (; i < line.size() && hex_value(line[i]) >= 0; ++i) {
        if (v > std::numeric_limits<std::uint64_t>::max() >> 4) {
            return error::chunk_size_overflow;
        }
        v = (v << 4) | static_cast<std::uint64_t>(hex_value(line[i]));
    }
    if (i == 0 || (i < line.size() && !is_ows(line[i]) && line[i] != ';')) {
        return error::bad_chunk_size;
    }
    const auto skip_ows = [&] {
        while (i < line.size() && is_ows(line[i]))
            ++i;
    };
    const auto token = [&] {
        const auto start = i;
        while (i < line.size() && is_tchar(line[i]))
            ++i;
        return i > start;
    };
    const auto quoted = [&] {
        for (++i; i < line.size(); ++i) {
            if (line[i] == '"') {
                ++i;
                return true;
            }
            if (line[i] == '\\' && ++i == line.size()) {
                return false;
            }
            if (!is_field_char(line[i])) {
                return false;
            }
        }
        return false;
    };
    while (i < line.size()) {
        // Whitespace is allowed before ';' but not at the end of the line.
        skip_ows();
        if (i == line.size() || line[i] != ';') {
            return error::bad_chunk_extension;
        }
        ++i;
        skip_ows();
        if (!token()) {
            return error::bad_chunk_extension;
        }
        const auto after_name = i;
        skip_ows();
        if (i < line.size() && line[i] == '=') {
            ++i;
            skip_ows();
            if (!(i < line.size() && line[i] == '"' ? quoted() : token())) {
                return error::bad_chunk_extension;
            }
        } else {
            i = after_name;
        }
    }
    size = v;
    return {};
}

LTX_DECL std::error_code body_decoder::start(body_kind kind, std::uint64_t length,
                                             const limits& lim) {
    limits_ = lim;
    remaining_ = 0;
    size_ = 0;
    line_.clear();
    trailer_count_ = 0;
    trailer_connection_ = {};
    switch (kind) {
    case body_kind::none:
        state_ = state::done;
        break;
    case body_kind::length:
        if (length > lim.max_body_bytes) {
            state_ = state::done;
            return error::body_too_large;
        }
        remaining_ = length;
        state_ = length == 0 ? state::done : state::length;
        break;
    case body_kind::chunked:
        line_budget_ = lim.max_line_bytes;
        state_ = state::chunk_line;
        break;
    case body_kind::until_eof:
        state_ = state::until_eof;
        break;
    }
    return {};
}

LTX_DECL std::size_t body_decoder::decode(const char* p, std::size_t n, std::string_view& out,
                                          std::error_code& ec) {
    ec = {};
    out = {};
    if (n == 0) {
        return 0;
    }
    switch (state_) {
    case state::length:
    case state::chunk_data: {
        const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, n));
        out = {p, take};
        remaining_ -= take;
        size_ += take;
        if (remaining_ == 0) {
            state_ = state_ == state::length ? state::done : state::chunk_cr;
        }
        return take;
    }
    case state::until_eof:
        // Refused whole, before handing anything out, as the limit is on what we keep.
        if (n > limits_.max_body_bytes - size_) {
            ec = error::body_too_large;
            return 0;
        }
        out = {p, n};
        size_ += n;
        return n;
    case state::chunk_cr:
    case state::chunk_lf:
        if (*p != (state_ == state::chunk_cr ? '\r' : '\n')) {
            ec = error::bad_chunk;
            return 0;
        }
        if (state_ == state::chunk_cr) {
            state_ = state::chunk_lf;
        } else {
            state_ = state::chunk_line;
            line_budget_ = limits_.max_line_bytes;
        }
        return 1;
    case state::chunk_line:
    case state::trailer: {
        const auto used = line_.read(p, n, line_budget_, ec);
        if (ec || !line_.complete()) {
            return used;
        }
        ec = state_ == state::chunk_line ? on_chunk_line() : on_trailer_line();
        line_.clear();
        return used;
    }
    case state::done:
        break;
    }
    return 0;
}

LTX_DECL void body_decoder::finish_eof(std::error_code& ec) {
    if (state_ == state::until_eof) {
        state_ = state::done;
    }
    ec = state_ == state::done ? std::error_code{} : error::partial_message;
}

LTX_DECL std::error_code body_decoder::on_chunk_line() {
    std::uint64_t chunk = 0;
    if (auto ec = parse_chunk_line(line_.line(), chunk)) {
        return ec;
    }
    if (chunk == 0) {
        // The trailer section shares one budget, as a head does.
        line_budget_ = limits_.max_line_bytes;
        state_ = state::trailer;
        return {};
    }
    if (chunk > limits_.max_body_bytes - size_) {
        return error::body_too_large;
    }
    remaining_ = chunk;
    state_ = state::chunk_data;
    return {};
}

LTX_DECL std::error_code body_decoder::on_trailer_line() {
    const auto line = line_.line();
    if (line.empty()) {
        state_ = state::done;
        return {};
    }
    if (trailer_count_ >= limits_.max_field_count) {
        return error::too_many_headers;
    }
    std::string_view name;
    std::string_view value;
    if (auto ec = parse_field_line(line, name, value)) {
        return ec;
    }
    if (iequals(name, "content-length") || iequals(name, "transfer-encoding")) {
        return error::bad_trailer;
    }
    if ((iequals(name, "connection") || iequals(name, "proxy-connection")) &&
        !parse_connection(value, trailer_connection_)) {
        return error::bad_connection;
    }
    ++trailer_count_;
    return {};
}

} // namespace ltx::http::detail::http1

#endif
// ---- end ltx/http/detail/http1/impl/body_decoder.ipp ----
#endif

#endif
// ---- end ltx/http/detail/http1/body_decoder.hpp ----
// ---- begin ltx/http/detail/http1/fields.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_FIELDS_HPP
#define LTX_HTTP_DETAIL_HTTP1_FIELDS_HPP


#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ltx::http::detail::http1 {

/// One received header or trailer field. The name is spelled as received; the value has
/// its leading and trailing whitespace removed.
struct field {
    std::string name;  ///< Field name as received.
    std::string value; ///< Field value without surrounding OWS.
};

/// The fields of one received head, in wire order. Duplicates are kept.
class field_list {
public:
    /// Iterator over the fields in wire order.
    using const_iterator = std::vector<field>::const_iterator;

    /// Appends a field.
    void add(std::string name, std::string value) {
        fields_.push_back({std::move(name), std::move(value)});
    }

    /// Removes every field, keeping the storage.
    void clear() noexcept { fields_.clear(); }

    /// The number of fields, duplicates included.
    std::size_t size() const noexcept { return fields_.size(); }

    /// The `i`th field in wire order; `i < size()`.
    const field& operator[](std::size_t i) const noexcept { return fields_[i]; }

    /// The first field.
    const_iterator begin() const noexcept { return fields_.begin(); }

    /// Past the last field.
    const_iterator end() const noexcept { return fields_.end(); }

private:
    std::vector<field> fields_;
};

} // namespace ltx::http::detail::http1

#endif
// ---- end ltx/http/detail/http1/fields.hpp ----

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string_view>
#include <system_error>

namespace ltx::http::detail::http1 {

/// Bounds on what a peer can make the parser hold or read.
struct parser_limits {
    /// Bytes of one head (status line, fields, CRLFs), of one chunk-size line, and of the
    /// trailer section; over it: `headers_too_large`.
    std::size_t max_header_bytes = 64 * 1024;
    /// Fields of one head, and trailer fields; over it: `too_many_headers`.
    std::size_t max_header_count = 100;
    /// Body bytes (chunk framing excluded); over it: `body_too_large`.
    std::uint64_t max_body_bytes = std::numeric_limits<std::uint64_t>::max();
};

/// An incremental, sans-I/O parser of one HTTP/1.1 response, fed the bytes read from a
/// connection in pieces of any size.
///
/// Interim 1xx responses (100 Continue, 103 Early Hints) are read and skipped; the results
/// describe the final response. 101 Switching Protocols is final, with no body and
/// `keep_alive() == false`. Responses to HEAD, 204 and 304 have no body. Bodies are
/// delimited by Content-Length, chunked coding (extensions checked and ignored, trailers
/// kept) or the end of the connection (`finish_eof`).
///
/// Strictness: lines must end in CRLF (a bare LF is an error, never a line end), obsolete
/// line folding is refused, Content-Length with Transfer-Encoding is refused, and the only
/// transfer coding accepted is a single `chunked`. Every byte is examined a bounded number
/// of times, so parsing is linear in the input however it is split.
class response_parser {
public:
    /// Receives the body in pieces; when none is set the body is checked and dropped. If it
    /// throws, the exception propagates and the parser must be `reset()` before reuse.
    using body_sink = std::function<void(std::string_view)>;

    /// A parser applying `limits`.
    explicit response_parser(parser_limits limits = {}) : limits_(limits) { reset(); }

    /// Prepares for the next response on the same connection: clears the message state
    /// and the HEAD flag, keeps the limits and the body sink.
    LTX_DECL void reset();

    /// Says whether the request was HEAD, so the response has no body. Set before feeding.
    void set_head_request(bool head) noexcept { head_request_ = head; }

    /// Streams the body to `sink`.
    void on_body(body_sink sink) { sink_ = std::move(sink); }

    /// Parses bytes of `[data, data + n)`; returns how many were consumed. All are consumed
    /// until the response is complete; bytes past its end are left (`done()` then holds).
    /// On error `ec` is set, and every later call fails with the same error.
    LTX_DECL std::size_t feed(const char* data, std::size_t n, std::error_code& ec);

    /// The peer closed the connection: completes a body delimited by the close; anything
    /// else incomplete fails with `partial_message`. No-op once `done()`.
    LTX_DECL void finish_eof(std::error_code& ec);

    /// True once a byte of this response (or of an interim one) was consumed. A connection
    /// that closes before it (`!started()`) was idle-closed, so a retry is safe.
    bool started() const noexcept { return started_; }

    /// True once the final response's head was parsed.
    bool header_done() const noexcept { return state_ == state::body || state_ == state::done; }

    /// True once the final response is complete.
    bool done() const noexcept { return state_ == state::done; }

    /// The status code of the final response, 101..599.
    int status() const noexcept { return status_.status; }

    /// Header fields of the final response, in wire order.
    const field_list& fields() const noexcept { return fields_; }

    /// Whether the connection may carry another request once `done()`: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive` and no
    /// Transfer-Encoding. Never for a close-delimited body, a 101, or after an error.
    bool keep_alive() const noexcept {
        return header_done() && keep_alive_ && !body_.trailer_close();
    }

private:
    enum class state { status_line, field_line, body, done, failed };

    LTX_DECL std::error_code on_line(std::string_view line);
    LTX_DECL std::error_code on_head_end();

    parser_limits limits_;
    body_sink sink_;
    bool head_request_ = false;
    bool started_ = false;
    bool keep_alive_ = false;
    bool framing_pending_ = false; // the last field awaits framing checks
    state state_ = state::status_line;
    std::error_code failure_;
    std::size_t head_budget_ = 0;
    line_reader line_;
    status_line status_;
    field_list fields_;
    framing framing_;
    body_decoder body_;
};

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/detail/http1/impl/response_parser.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_RESPONSE_PARSER_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_RESPONSE_PARSER_IPP


namespace ltx::http::detail::http1 {

LTX_DECL void response_parser::reset() {
    head_request_ = false;
    started_ = false;
    keep_alive_ = false;
    framing_pending_ = false;
    state_ = state::status_line;
    failure_ = {};
    head_budget_ = limits_.max_header_bytes;
    line_.clear();
    status_ = {};
    fields_.clear();
    framing_ = {};
    body_.start(body_kind::none, 0, {});
}

LTX_DECL std::size_t response_parser::feed(const char* data, std::size_t n, std::error_code& ec) {
    if (state_ == state::failed) {
        ec = failure_;
        return 0;
    }
    ec = {};
    std::size_t used = 0;
    while (used < n && state_ != state::done) {
        if (state_ == state::body) {
            std::string_view piece;
            used += body_.decode(data + used, n - used, piece, ec);
            if (ec) {
                break;
            }
            if (!piece.empty() && sink_) {
                sink_(piece);
            }
            if (body_.done()) {
                state_ = state::done;
            }
            continue;
        }
        used += line_.read(data + used, n - used, head_budget_, ec);
        if (ec) {
            break;
        }
        if (!line_.complete()) {
            continue; // all input was used
        }
        ec = on_line(line_.line());
        line_.clear();
        if (ec) {
            break;
        }
    }
    started_ = started_ || used > 0;
    if (ec) {
        failure_ = ec;
        state_ = state::failed;
    }
    return used;
}

LTX_DECL void response_parser::finish_eof(std::error_code& ec) {
    if (state_ == state::failed) {
        ec = failure_;
        return;
    }
    ec = {};
    if (state_ == state::body && body_.until_eof()) {
        body_.finish_eof(ec);
        state_ = state::done;
    }
    if (state_ != state::done) {
        ec = error::partial_message;
        failure_ = ec;
        state_ = state::failed;
    }
}

LTX_DECL std::error_code response_parser::on_line(std::string_view line) {
    if (state_ == state::status_line) {
        if (auto ec = parse_status_line(line, status_)) {
            return ec;
        }
        state_ = state::field_line;
        return {};
    }
    if (!line.empty() && is_ows(line.front())) {
        return error::obs_fold;
    }
    // The previous field's framing meaning is judged only now that it is known not to be
    // folded: "Content-Length:" alone is bad, but the fault is the fold that would follow.
    if (framing_pending_) {
        framing_pending_ = false;
        if (auto ec = framing_.on_field(fields_[fields_.size() - 1].name,
                                        fields_[fields_.size() - 1].value)) {
            return ec;
        }
    }
    if (line.empty()) {
        return on_head_end();
    }
    if (fields_.size() >= limits_.max_header_count) {
        return error::too_many_headers;
    }
    std::string_view name;
    std::string_view value;
    if (auto ec = parse_field_line(line, name, value)) {
        return ec;
    }
    fields_.add(std::string(name), std::string(value));
    framing_pending_ = true;
    return {};
}

LTX_DECL std::error_code response_parser::on_head_end() {
    const int status = status_.status;
    if (status / 100 == 1 && status != 101) {
        // An interim response: its fields are dropped, the final one follows.
        fields_.clear();
        framing_ = {};
        head_budget_ = limits_.max_header_bytes;
        state_ = state::status_line;
        return {};
    }
    body_kind kind = body_kind::until_eof;
    if (head_request_ || status == 101 || status == 204 || status == 304) {
        kind = body_kind::none;
    } else if (framing_.chunked) {
        kind = body_kind::chunked;
    } else if (framing_.content_length) {
        kind = body_kind::length;
    }
    const auto& conn = framing_.connection;
    keep_alive_ =
        status_.version == 11 ? !conn.close : conn.keep_alive && !conn.close && !framing_.chunked;
    if (status == 101 || kind == body_kind::until_eof) {
        keep_alive_ = false;
    }
    state_ = state::body;
    const body_decoder::limits lim{limits_.max_header_bytes, limits_.max_header_count,
                                   limits_.max_body_bytes};
    if (auto ec = body_.start(kind, framing_.content_length.value_or(0), lim)) {
        return ec;
    }
    if (body_.done()) {
        state_ = state::done;
    }
    return {};
}

} // namespace ltx::http::detail::http1

#endif
// ---- end ltx/http/detail/http1/impl/response_parser.ipp ----
#endif

#endif
// ---- end ltx/http/detail/http1/response_parser.hpp ----

#include <asio/any_io_executor.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

namespace ltx::asio::detail {

struct file_closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

// One HTTP exchange over a pooled connection, or a new one that a connect_op opens: the I/O
// around the sans-I/O codec. Every step runs on `ex` (a strand, or a sync lane's
// single-threaded io_context), so the deadline timer, a cancellation, a connection granted by
// the pool, the connect_op's completion and the I/O completions never race. While a connect_op
// runs, its deadline (never later than the request's) is the only one armed. Completes `done`
// once.
class exchange_op final : public pool_waiter, public std::enable_shared_from_this<exchange_op> {
public:
    // `home` names where `socket_ex` runs, the context new sockets are bound to (null: the
    // transport's executor, else a sync lane); `req` must outlive the operation unless it is
    // moved in through `owned`.
    LTX_DECL exchange_op(std::shared_ptr<transport_state> state, const void* home,
                         ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                         const http::request* req, std::optional<http::request> owned,
                         http::response_handler done);

    // Starts the exchange; `done` never runs before start returns.
    LTX_DECL void start();

    // Ends the exchange with `transport_errc::cancelled`, closing its connection. Any thread.
    LTX_DECL void cancel();

    // From the pool, when a connection to a capped origin became free. Any thread.
    LTX_DECL void grant(std::unique_ptr<connection> reuse) override;

private:
    enum class phase { idle, waiting, connecting, writing, reading, finished };
    using clock = std::chrono::steady_clock;

    void run();
    void acquire();
    void on_granted(std::unique_ptr<connection> reuse);
    void give_back(std::unique_ptr<connection> reuse);
    void open_new();
    void reuse(std::unique_ptr<connection> c);
    void connect(connection_permit permit);
    void on_connected(const std::error_code& ec, std::unique_ptr<connection> c);
    void write_request();
    void on_written(const std::error_code& ec, std::size_t n);
    void write_file_chunk();
    void start_read();
    void read_some();
    void on_read(const std::error_code& ec, std::size_t n);
    void on_body_piece(std::string_view piece);
    void deliver_headers();
    bool may_retry_fresh() const;
    void retry_fresh();
    void fail(const std::error_code& ec);
    void succeed(bool clean_end);
    void complete(std::error_code ec);
    void arm(clock::time_point deadline);
    void on_timer(const std::error_code& ec);
    void close_io();
    template <class F> void with_stream(F&& f);

    std::shared_ptr<transport_state> state_;
    connection_pool& pool_;
    const void* home_;
    ::asio::any_io_executor ex_;
    ::asio::any_io_executor socket_ex_;
    ::asio::any_io_executor waiting_work_; // holds a sync lane's io_context running meanwhile
    std::optional<http::request> owned_;
    const http::request* req_;
    http::response_handler done_;
    ::asio::steady_timer timer_;
    std::weak_ptr<connect_op> connect_; // kept alive by its own pending I/O
    std::unique_ptr<connection> conn_;
    std::string origin_;
    std::optional<proxy_route> proxy_;
    std::string target_;
    std::string out_;
    bool body_in_out_ = false;
    std::unique_ptr<std::FILE, file_closer> file_;
    std::uint64_t file_left_ = 0;
    std::unique_ptr<char[]> buf_;
    ltx::http::detail::http1::response_parser parser_;
    http::response resp_;
    std::error_code sink_error_;
    clock::time_point request_deadline_ = clock::time_point::max();
    phase phase_ = phase::idle;
    bool headers_delivered_ = false;
    bool reused_ = false;
    bool retried_ = false;
    bool wrote_any_ = false;
    bool expired_ = false;
    bool cancelled_ = false;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/asio/detail/impl/exchange.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_EXCHANGE_IPP
#define LTX_ASIO_DETAIL_IMPL_EXCHANGE_IPP

// ---- begin ltx/http/detail/http1/serializer.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_SERIALIZER_HPP
#define LTX_HTTP_DETAIL_HTTP1_SERIALIZER_HPP



#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <system_error>

namespace ltx::http::detail::http1 {

/// What the head of a request needs besides its header fields.
struct request_head {
    std::string_view method{}; ///< A token, e.g. `GET`, `POST`.
    std::string_view target{}; ///< The request-target, e.g. `/v1/ltxstudio/videos?x=1`.
    std::string_view host{};   ///< Sent as `Host` (first) when the fields hold no Host.
    /// Length of the body the caller writes after the head; nullopt when there is none.
    /// A `Content-Length` is added when the fields hold neither Content-Length nor
    /// Transfer-Encoding (with a value, 0 included: `Content-Length: 0`).
    std::optional<std::uint64_t> body_length{};
};

/// A header field element: an object with `name` and `value`, or a pair (name, value),
/// both convertible to `std::string_view`.
template <class F>
concept request_field = requires(const F& f) {
    std::string_view(f.name);
    std::string_view(f.value);
}
|| requires(const F& f) {
    std::string_view(f.first);
    std::string_view(f.second);
};

/// A forward range of request fields, e.g. `std::vector<std::pair<std::string,
/// std::string>>` or `ltx::http::headers`.
template <class R>
concept request_field_range =
    std::ranges::forward_range<const R> && request_field<std::ranges::range_value_t<const R>>;

namespace impl {

struct field_summary {
    bool host = false;
    bool transfer_encoding = false;
    std::optional<std::uint64_t> content_length;
};

LTX_DECL std::error_code check_field(std::string_view name, std::string_view value,
                                     field_summary& summary);
LTX_DECL std::error_code check_head(const request_head& head, const field_summary& summary);
LTX_DECL void append_request_line(const request_head& head, const field_summary& summary,
                                  std::string& out);
LTX_DECL void append_field(std::string_view name, std::string_view value, std::string& out);
LTX_DECL void append_end(const request_head& head, const field_summary& summary, std::string& out);

template <class F> std::pair<std::string_view, std::string_view> name_value(const F& f) {
    if constexpr (requires { std::string_view(f.name); }) {
        return {std::string_view(f.name), std::string_view(f.value)};
    } else {
        return {std::string_view(f.first), std::string_view(f.second)};
    }
}

} // namespace impl

/// Appends the head of an HTTP/1.1 request to `out`: request line, `Host` when `fields`
/// hold none, `fields` in order, `Content-Length` when a body is announced and no framing
/// field is given, and the empty line. The body itself is written by the caller.
///
/// Everything is validated before anything is written; on error `out` is unchanged and the
/// code says what was wrong: `bad_method`, `bad_target`, `missing_host`, `bad_field_name`
/// (not a token), `bad_field_value` (CR, LF, NUL or another control byte: no header line can
/// be injected), `bad_content_length` (a given Content-Length that is not a number, is
/// repeated, or disagrees with `body_length`), `content_length_with_chunked`.
template <request_field_range Fields>
std::error_code write_request_head(const request_head& head, const Fields& fields,
                                   std::string& out) {
    impl::field_summary summary;
    for (const auto& f : fields) {
        const auto [name, value] = impl::name_value(f);
        if (auto ec = impl::check_field(name, value, summary)) {
            return ec;
        }
    }
    if (auto ec = impl::check_head(head, summary)) {
        return ec;
    }
    impl::append_request_line(head, summary, out);
    for (const auto& f : fields) {
        const auto [name, value] = impl::name_value(f);
        impl::append_field(name, value, out);
    }
    impl::append_end(head, summary, out);
    return {};
}

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/detail/http1/impl/serializer.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_SERIALIZER_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_SERIALIZER_IPP



#include <algorithm>

namespace ltx::http::detail::http1::impl {

LTX_DECL std::error_code check_field(std::string_view name, std::string_view value,
                                     field_summary& summary) {
    if (!is_token(name)) {
        return error::bad_field_name;
    }
    if (!std::all_of(value.begin(), value.end(), is_field_char)) {
        return error::bad_field_value;
    }
    if (iequals(name, "host")) {
        summary.host = true;
    } else if (iequals(name, "transfer-encoding")) {
        summary.transfer_encoding = true;
    } else if (iequals(name, "content-length")) {
        const auto length = parse_decimal(trim_ows(value));
        if (!length || summary.content_length) {
            return error::bad_content_length;
        }
        summary.content_length = length;
    }
    return {};
}

LTX_DECL std::error_code check_head(const request_head& head, const field_summary& summary) {
    if (!is_token(head.method)) {
        return error::bad_method;
    }
    // Visible ASCII only: a space or control byte could split the request line, and
    // non-ASCII must arrive percent-encoded.
    if (head.target.empty() || !is_visible_ascii(head.target)) {
        return error::bad_target;
    }
    if (!summary.host) {
        if (head.host.empty()) {
            return error::missing_host;
        }
        if (!is_visible_ascii(head.host)) {
            return error::bad_field_value;
        }
    }
    if (summary.content_length) {
        if (summary.transfer_encoding) {
            return error::content_length_with_chunked;
        }
        if (*summary.content_length != head.body_length.value_or(0)) {
            return error::bad_content_length;
        }
    }
    return {};
}

LTX_DECL void append_request_line(const request_head& head, const field_summary& summary,
                                  std::string& out) {
    out.append(head.method).append(" ").append(head.target).append(" HTTP/1.1\r\n");
    if (!summary.host) {
        append_field("Host", head.host, out);
    }
}

LTX_DECL void append_field(std::string_view name, std::string_view value, std::string& out) {
    out.append(name).append(": ").append(value).append("\r\n");
}

LTX_DECL void append_end(const request_head& head, const field_summary& summary, std::string& out) {
    if (head.body_length && !summary.content_length && !summary.transfer_encoding) {
        append_field("Content-Length", std::to_string(*head.body_length), out);
    }
    out.append("\r\n");
}

} // namespace ltx::http::detail::http1::impl

#endif
// ---- end ltx/http/detail/http1/impl/serializer.ipp ----
#endif

#endif
// ---- end ltx/http/detail/http1/serializer.hpp ----

#include <asio/bind_executor.hpp>
#include <asio/buffer.hpp>
#include <asio/error.hpp>
#include <asio/execution/outstanding_work.hpp>
#include <asio/post.hpp>
#include <asio/prefer.hpp>
#include <asio/ssl/error.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <string_view>

namespace ltx::asio::detail {

namespace http1 = ltx::http::detail::http1;
using http::transport_errc;

// Small bodies go out in the same write (and TLS record) as the head.
inline constexpr std::size_t inline_body_limit = 16 * 1024;

LTX_DECL bool has_close_token(std::string_view value) noexcept {
    while (!value.empty()) {
        const auto comma = value.find(',');
        auto token = value.substr(0, comma);
        while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) {
            token.remove_prefix(1);
        }
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) {
            token.remove_suffix(1);
        }
        if (http::iequals(token, "close")) {
            return true;
        }
        value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    }
    return false;
}

LTX_DECL std::error_code map_parser_error(const std::error_code& ec) {
    switch (static_cast<http1::error>(ec.value())) {
    case http1::error::headers_too_large:
    case http1::error::too_many_headers:
        return transport_errc::headers_too_large;
    case http1::error::body_too_large:
        return transport_errc::body_too_large;
    case http1::error::partial_message:
        return transport_errc::connection_reset;
    default:
        return transport_errc::protocol_error;
    }
}

LTX_DECL exchange_op::exchange_op(std::shared_ptr<transport_state> state, const void* home,
                                  ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                                  const http::request* req, std::optional<http::request> owned,
                                  http::response_handler done)
    : state_(std::move(state)), pool_(state_->pool), home_(home), ex_(std::move(ex)),
      socket_ex_(std::move(socket_ex)), owned_(std::move(owned)), req_(owned_ ? &*owned_ : req),
      done_(std::move(done)), timer_(ex_),
      parser_(http1::parser_limits{
          state_->options.max_header_bytes, state_->options.max_header_count,
          req_->sink != nullptr ? std::uint64_t(-1) : state_->options.max_body_bytes}) {}

LTX_DECL void exchange_op::start() {
    ::asio::post(ex_, [self = shared_from_this()] { self->run(); });
}

LTX_DECL void exchange_op::cancel() {
    ::asio::post(ex_, [self = shared_from_this()] {
        if (self->phase_ == phase::finished) {
            return;
        }
        self->cancelled_ = true;
        self->close_io();
    });
}

template <class F> void exchange_op::with_stream(F&& f) {
    if (conn_->tls) {
        f(*conn_->tls);
    } else {
        f(conn_->socket);
    }
}

LTX_DECL void exchange_op::run() {
    if (cancelled_) {
        return complete(transport_errc::cancelled);
    }
    const http::request& r = *req_;
    if (r.url.empty()) {
        return complete(std::make_error_code(std::errc::invalid_argument));
    }
    std::error_code proxy_ec;
    auto route = proxy_for(state_->options.proxy, r.url, proxy_ec);
    if (proxy_ec) {
        return complete(proxy_ec);
    }
    proxy_ = std::move(route);
    // Through a proxy, plain http goes in absolute form; https goes through a tunnel.
    target_ = proxy_ && !r.url.is_https() ? r.url.to_string() : r.url.target();
    const bool framed_method = r.method == http::method::post || r.method == http::method::put ||
                               r.method == http::method::patch;
    const std::string authority = r.url.authority();
    http1::request_head head{http::to_string(r.method), target_, authority, std::nullopt};
    if (!r.body.empty() || framed_method) {
        head.body_length = r.body.size();
    }
    // In absolute form the request itself goes to the proxy, with the proxy's credentials.
    const bool authorize = proxy_ && !r.url.is_https() && !proxy_->authorization.empty() &&
                           !r.headers.contains("Proxy-Authorization");
    std::optional<http::headers> with_authorization;
    if (authorize) {
        with_authorization.emplace(r.headers);
        with_authorization->add("Proxy-Authorization", proxy_->authorization);
    }
    if (auto ec =
            http1::write_request_head(head, authorize ? *with_authorization : r.headers, out_)) {
        return complete(ec);
    }
    if (const auto* file = r.body.file()) {
        file_.reset(std::fopen(file->path().c_str(), "rb"));
        if (!file_) {
            return complete(std::error_code(errno, std::generic_category()));
        }
        file_left_ = file->size();
    } else if (r.body.size() <= inline_body_limit) {
        out_.append(*r.body.bytes());
        body_in_out_ = true;
    }
    buf_ = std::make_unique_for_overwrite<char[]>(read_buffer_size);
    parser_.on_body([this](std::string_view piece) { on_body_piece(piece); });
    parser_.set_head_request(r.method == http::method::head);

    const auto budget = r.timeout.count() > 0 ? r.timeout : state_->options.request_timeout;
    if (budget.count() > 0) {
        request_deadline_ = clock::now() + budget;
    }
    origin_ = r.url.scheme() + "://" + r.url.host() + ":" + std::to_string(r.url.port());
    if (proxy_) {
        origin_ += " via " + proxy_->url.host() + ":" + std::to_string(proxy_->url.port());
    }
    acquire();
}

LTX_DECL void exchange_op::acquire() {
    std::unique_ptr<connection> idle;
    switch (
        pool_.acquire(origin_, home_, clock::now(), state_->options, shared_from_this(), idle)) {
    case connection_pool::acquired::reused:
        return reuse(std::move(idle));
    case connection_pool::acquired::open_new:
        return open_new();
    case connection_pool::acquired::queued:
        break;
    }
    // The wait counts against the request's time limit. A grant is posted to `ex_`, so it
    // cannot arrive before the phase is set.
    phase_ = phase::waiting;
    waiting_work_ = ::asio::prefer(ex_, ::asio::execution::outstanding_work.tracked);
    arm(request_deadline_);
}

LTX_DECL void exchange_op::grant(std::unique_ptr<connection> reuse) {
    ::asio::post(ex_, [self = shared_from_this(), c = std::move(reuse)]() mutable {
        self->on_granted(std::move(c));
    });
}

LTX_DECL void exchange_op::on_granted(std::unique_ptr<connection> reuse) {
    waiting_work_ = {};
    if (phase_ != phase::waiting) {
        return give_back(std::move(reuse));
    }
    if (expired_ || cancelled_) {
        give_back(std::move(reuse));
        return fail(::asio::error::operation_aborted);
    }
    if (reuse) {
        return this->reuse(std::move(reuse));
    }
    open_new();
}

// A grant that came too late passes on to the next waiter.
LTX_DECL void exchange_op::give_back(std::unique_ptr<connection> reuse) {
    if (reuse) {
        pool_.release(origin_, std::move(reuse), clock::now(), state_->options);
    } else {
        [[maybe_unused]] const connection_permit unused{&pool_, origin_};
    }
}

LTX_DECL void exchange_op::reuse(std::unique_ptr<connection> c) {
    conn_ = std::move(c);
    reused_ = true;
    ++state_->connections_reused;
    arm(request_deadline_);
    write_request();
}

LTX_DECL void exchange_op::open_new() {
    connect(connection_permit{&pool_, origin_});
}

// The connect_op's deadline replaces the request's until it completes: it is the earlier one.
LTX_DECL void exchange_op::connect(connection_permit permit) {
    phase_ = phase::connecting;
    auto deadline = request_deadline_;
    if (state_->options.connect_timeout.count() > 0) {
        deadline = std::min(deadline, clock::now() + state_->options.connect_timeout);
    }
    timer_.expires_at(clock::time_point::max());
    auto op = std::make_shared<connect_op>(
        state_, home_, ex_, socket_ex_, std::move(permit), req_->url, proxy_, deadline,
        [self = shared_from_this()](const std::error_code& ec, std::unique_ptr<connection> c) {
            self->on_connected(ec, std::move(c));
        });
    connect_ = op;
    op->start();
}

LTX_DECL void exchange_op::on_connected(const std::error_code& ec, std::unique_ptr<connection> c) {
    connect_.reset();
    if (ec) {
        return complete(ec);
    }
    conn_ = std::move(c);
    arm(request_deadline_);
    write_request();
}

LTX_DECL void exchange_op::write_request() {
    phase_ = phase::writing;
    const std::string* bytes = req_->body.bytes();
    std::array<::asio::const_buffer, 2> buffers{::asio::buffer(out_), ::asio::const_buffer{}};
    if (bytes != nullptr && !body_in_out_) {
        buffers[1] = ::asio::buffer(*bytes);
    }
    with_stream([&](auto& stream) {
        ::asio::async_write(
            stream, buffers,
            ::asio::bind_executor(
                ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                    self->on_written(ec, n);
                }));
    });
}

LTX_DECL void exchange_op::on_written(const std::error_code& ec, std::size_t n) {
    if (phase_ == phase::finished) {
        return;
    }
    // A TLS stream reports a record as written only once all of it is out: a record cut short
    // cannot be decrypted, so a server acts on nothing when n is 0, with or without TLS.
    wrote_any_ = wrote_any_ || n > 0;
    if (ec || expired_ || cancelled_) {
        return fail(ec ? ec : ::asio::error::operation_aborted);
    }
    if (file_) {
        return write_file_chunk();
    }
    start_read();
}

LTX_DECL void exchange_op::write_file_chunk() {
    if (file_left_ == 0) {
        return start_read();
    }
    const auto want =
        static_cast<std::size_t>(std::min<std::uint64_t>(read_buffer_size, file_left_));
    const std::size_t got = std::fread(buf_.get(), 1, want, file_.get());
    if (got == 0) {
        // The file shrank after its size was announced: the server waits for bytes that will
        // never come, so the connection is dropped.
        return complete(transport_errc::protocol_error);
    }
    file_left_ -= got;
    with_stream([&](auto& stream) {
        ::asio::async_write(
            stream, ::asio::buffer(buf_.get(), got),
            ::asio::bind_executor(
                ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                    self->on_written(ec, n);
                }));
    });
}

LTX_DECL void exchange_op::start_read() {
    phase_ = phase::reading;
    read_some();
}

LTX_DECL void exchange_op::read_some() {
    with_stream([&](auto& stream) {
        stream.async_read_some(
            ::asio::buffer(buf_.get(), read_buffer_size),
            ::asio::bind_executor(
                ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                    self->on_read(ec, n);
                }));
    });
}

LTX_DECL void exchange_op::on_read(const std::error_code& ec, std::size_t n) {
    if (phase_ == phase::finished) {
        return;
    }
    if (expired_ || cancelled_) {
        return fail(::asio::error::operation_aborted);
    }
    if (n > 0) {
        std::error_code pec;
        const std::size_t used = parser_.feed(buf_.get(), n, pec);
        if (sink_error_) {
            return complete(sink_error_);
        }
        if (pec) {
            return complete(map_parser_error(pec));
        }
        if (parser_.header_done() && !headers_delivered_) {
            deliver_headers();
            if (sink_error_) {
                return complete(sink_error_);
            }
        }
        if (parser_.done()) {
            return succeed(used == n);
        }
    }
    if (!ec) {
        return read_some();
    }
    const bool end_of_stream =
        ec == ::asio::error::eof || ec == ::asio::ssl::error::stream_truncated;
    if (end_of_stream) {
        std::error_code pec;
        parser_.finish_eof(pec);
        if (!pec && parser_.done()) {
            if (!headers_delivered_) {
                deliver_headers();
                if (sink_error_) {
                    return complete(sink_error_);
                }
            }
            return succeed(false);
        }
    }
    if (may_retry_fresh()) {
        return retry_fresh();
    }
    if (end_of_stream) {
        return complete(transport_errc::connection_reset);
    }
    fail(ec);
}

LTX_DECL void exchange_op::on_body_piece(std::string_view piece) {
    if (sink_error_) {
        return;
    }
    if (!headers_delivered_) {
        deliver_headers();
        if (sink_error_) {
            return;
        }
    }
    http::body_sink* sink = req_->sink;
    if (sink == nullptr) {
        resp_.body.append(piece);
        return;
    }
    try {
        if (sink->on_chunk) {
            sink_error_ = sink->on_chunk(piece);
        }
    } catch (...) {
        sink_error_ = std::make_error_code(std::errc::io_error);
    }
}

LTX_DECL void exchange_op::deliver_headers() {
    headers_delivered_ = true;
    resp_.status = parser_.status();
    try {
        for (const auto& f : parser_.fields()) {
            resp_.headers.add(f.name, f.value);
        }
    } catch (const std::invalid_argument&) {
        sink_error_ = transport_errc::protocol_error;
        return;
    }
    http::body_sink* sink = req_->sink;
    if (sink != nullptr && sink->on_headers) {
        try {
            sink_error_ = sink->on_headers(resp_.status, resp_.headers);
        } catch (...) {
            sink_error_ = std::make_error_code(std::errc::io_error);
        }
    }
}

// A kept-alive connection the server closed while it sat idle fails the next request before
// any byte of an answer. Sending again on a new connection is safe when nothing was written
// (whatever the method), or when the method is idempotent.
LTX_DECL bool exchange_op::may_retry_fresh() const {
    if (!reused_ || retried_ || parser_.started() || expired_ || cancelled_) {
        return false;
    }
    return !wrote_any_ || http::is_idempotent(req_->method);
}

LTX_DECL void exchange_op::retry_fresh() {
    retried_ = true;
    reused_ = false;
    wrote_any_ = false;
    // The new connection takes over the permit of the old one: a retry never queues.
    connection_permit permit{std::move(conn_->permit)};
    conn_.reset();
    parser_.reset();
    parser_.set_head_request(req_->method == http::method::head);
    resp_ = {};
    headers_delivered_ = false;
    if (const auto* file = req_->body.file()) {
        if (std::fseek(file_.get(), 0, SEEK_SET) != 0) {
            return complete(transport_errc::connection_reset);
        }
        file_left_ = file->size();
    }
    connect(std::move(permit));
}

LTX_DECL void exchange_op::fail(const std::error_code& ec) {
    if (cancelled_) {
        return complete(transport_errc::cancelled);
    }
    if (expired_) {
        if (phase_ == phase::waiting) {
            return complete(transport_errc::pool_timeout);
        }
        return complete(transport_errc::timeout);
    }
    const bool tls = ec.category() == ::asio::error::get_ssl_category() ||
                     ec == ::asio::ssl::error::stream_truncated;
    switch (phase_) {
    case phase::idle:
    case phase::waiting:
    case phase::connecting:
        return complete(transport_errc::connection_failed);
    case phase::writing:
        if (may_retry_fresh()) {
            return retry_fresh();
        }
        if (!wrote_any_) {
            return complete(transport_errc::connection_failed);
        }
        return complete(tls ? transport_errc::tls_failure : transport_errc::connection_reset);
    case phase::reading:
    case phase::finished:
        break;
    }
    complete(tls ? transport_errc::tls_failure : transport_errc::connection_reset);
}

LTX_DECL void exchange_op::succeed(bool clean_end) {
    const auto& opts = state_->options;
    const auto connection_field = req_->headers.find("Connection");
    const bool keep = clean_end && parser_.keep_alive() && file_left_ == 0 &&
                      !(connection_field && has_close_token(*connection_field));
    if (keep) {
        pool_.release(origin_, std::move(conn_), clock::now(), opts);
    }
    complete({});
}

LTX_DECL void exchange_op::complete(std::error_code ec) {
    if (phase_ == phase::finished) {
        return;
    }
    phase_ = phase::finished;
    waiting_work_ = {};
    timer_.cancel();
    conn_.reset();
    file_.reset();
    auto done = std::move(done_);
    if (ec) {
        done(ec, http::response{});
    } else {
        done(ec, std::move(resp_));
    }
}

LTX_DECL void exchange_op::arm(clock::time_point deadline) {
    if (deadline == clock::time_point::max() || timer_.expiry() == deadline) {
        return;
    }
    timer_.expires_at(deadline);
    timer_.async_wait(::asio::bind_executor(
        ex_, [self = shared_from_this()](const std::error_code& ec) { self->on_timer(ec); }));
}

LTX_DECL void exchange_op::on_timer(const std::error_code& ec) {
    if (ec == ::asio::error::operation_aborted || phase_ == phase::finished ||
        phase_ == phase::connecting) {
        return;
    }
    if (clock::now() < request_deadline_) {
        return arm(request_deadline_);
    }
    expired_ = true;
    close_io();
}

LTX_DECL void exchange_op::close_io() {
    if (phase_ == phase::waiting) {
        // Out of the queue, it ends now; if a grant is on its way, on_granted ends it.
        if (pool_.leave(origin_, this)) {
            fail(::asio::error::operation_aborted);
        }
        return;
    }
    if (phase_ == phase::connecting) {
        if (auto op = connect_.lock()) {
            op->cancel();
        }
        return;
    }
    if (conn_) {
        std::error_code ignored;
        conn_->socket.close(ignored);
    }
}

} // namespace ltx::asio::detail

#endif
// ---- end ltx/asio/detail/impl/exchange.ipp ----
#endif

#endif
// ---- end ltx/asio/detail/exchange.hpp ----
// ---- begin ltx/asio/detail/handler.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_HANDLER_HPP
#define LTX_ASIO_DETAIL_HANDLER_HPP


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
// ---- end ltx/asio/detail/handler.hpp ----
// ---- begin ltx/asio/detail/sleep.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_SLEEP_HPP
#define LTX_ASIO_DETAIL_SLEEP_HPP



#include <asio/any_io_executor.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <system_error>
#include <utility>

namespace ltx::asio::detail {

// A pause that a cancellation from any thread ends early: the timer is touched only on its
// own strand, where a cancellation that comes before the wait starts is seen by it.
struct sleep_op : std::enable_shared_from_this<sleep_op> {
    explicit sleep_op(const ::asio::any_io_executor& ex) : timer(ex) {}

    // Completes `done(std::error_code)`: empty after `delay`, `cancelled` on cancellation.
    template <class Done> void start(std::chrono::milliseconds delay, Done done) {
        ::asio::post(timer.get_executor(),
                     [self = shared_from_this(), delay, done = std::move(done)]() mutable {
                         if (self->cancelled) {
                             return done(std::error_code{http::transport_errc::cancelled});
                         }
                         self->timer.expires_after(delay);
                         self->timer.async_wait(
                             [self, done = std::move(done)](const std::error_code& ec) mutable {
                                 std::error_code result;
                                 if (ec || self->cancelled) {
                                     result = http::transport_errc::cancelled;
                                 }
                                 done(result);
                             });
                     });
    }

    void cancel() {
        ::asio::post(timer.get_executor(), [self = shared_from_this()] {
            self->cancelled = true;
            self->timer.cancel();
        });
    }

    ::asio::steady_timer timer;
    bool cancelled = false;
};

} // namespace ltx::asio::detail

#endif
// ---- end ltx/asio/detail/sleep.hpp ----

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
// ---- begin ltx/asio/impl/transport.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_IMPL_TRANSPORT_IPP
#define LTX_ASIO_IMPL_TRANSPORT_IPP


#include <system_error>

namespace ltx::asio {

LTX_DECL transport::transport(executor_type ex, ::asio::ssl::context& tls, transport_options opts)
    : state_(std::make_shared<detail::transport_state>(std::move(ex), &tls, opts)) {}

LTX_DECL transport::transport(executor_type ex, transport_options opts)
    : state_(std::make_shared<detail::transport_state>(std::move(ex), nullptr, opts)) {}

LTX_DECL transport::~transport() {
    if (state_) {
        state_->pool.clear();
    }
}

LTX_DECL http::response transport::send(const http::request& req, std::error_code& ec) {
    auto lane = state_->acquire_lane();
    http::response out;
    bool finished = false;
    ec.clear();
    auto op = std::make_shared<detail::exchange_op>(state_, lane.get(), lane->io.get_executor(),
                                                    lane->io.get_executor(), &req, std::nullopt,
                                                    [&](std::error_code e, http::response r) {
                                                        ec = e;
                                                        out = std::move(r);
                                                        finished = true;
                                                    });
    lane->io.restart();
    op->start();
    op.reset();
    // An exception escaping a handler leaves the lane in an unknown state: it is dropped, not
    // returned to the free list.
    lane->io.run();
    state_->release_lane(std::move(lane));
    if (!finished) {
        ec = http::transport_errc::cancelled;
    }
    return out;
}

LTX_DECL http::response transport::send(const http::request& req) {
    std::error_code ec;
    auto r = send(req, ec);
    if (ec) {
        throw std::system_error(ec);
    }
    return r;
}

LTX_DECL void transport::close_idle_connections() {
    state_->pool.clear(); // the sync lanes' idle connections too
}

LTX_DECL transport_stats transport::stats() const {
    transport_stats s;
    s.connections_opened = state_->connections_opened.load();
    s.connections_reused = state_->connections_reused.load();
    s.idle_connections = state_->pool.idle_count();
    s.open_connections = state_->pool.open_count();
    s.waiting_exchanges = state_->pool.waiting_count();
    return s;
}

} // namespace ltx::asio

#endif
// ---- end ltx/asio/impl/transport.ipp ----
#endif

#endif
// ---- end ltx/asio/transport.hpp ----

#endif
// ---- end ltx/asio.hpp ----
