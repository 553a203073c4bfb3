// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_OPTIONS_HPP
#define LTX_ASIO_OPTIONS_HPP

#include <ltx/detail/config.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ltx::asio {

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
};

} // namespace ltx::asio

#endif
