// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_OPTIONS_HPP
#define LTX_ASIO_OPTIONS_HPP

#include <ltx/detail/config.hpp>

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
#include <ltx/asio/impl/options.ipp>
#endif

#endif
