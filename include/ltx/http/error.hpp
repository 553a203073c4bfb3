// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_ERROR_HPP
#define LTX_HTTP_ERROR_HPP

#include <ltx/detail/config.hpp>

#include <system_error>
#include <type_traits>

namespace ltx::http {

/// How an HTTP exchange failed below the level of HTTP statuses. Transports report these as
/// `std::error_code`s of `transport_category()`; an HTTP error status (404, 500) is not a
/// transport error, it is a response.
enum class transport_errc {
    connection_failed = 1, ///< No connection was made: name resolution failed, the connection
                           ///< was refused, or connecting timed out. Nothing was sent.
    connection_reset,      ///< The peer closed or reset the connection mid-exchange.
    timeout,               ///< The exchange did not complete within its time limit.
    tls_failure,           ///< TLS handshake or record failure (certificate refused, ...).
    body_too_large,        ///< The response body exceeded the transport's limit.
    headers_too_large,     ///< The response status line and headers exceeded the limit.
    protocol_error,        ///< The peer broke HTTP/1.1 (malformed status line, bad chunking,
                           ///< ...), or a request file body was shorter than announced.
    cancelled,             ///< The exchange was cancelled by its caller.
    pool_timeout,          ///< The time limit passed while the exchange waited for a
                           ///< connection (the transport's cap on connections per host).
                           ///< Nothing was sent.
    certificate_refused,   ///< The server's TLS certificate was refused during the handshake,
                           ///< before any byte of the request. A TLS failure (`is_tls_failure`)
                           ///< and unsent (`request_not_sent`). A transport may report a code
                           ///< of its own category that says why, whose
                           ///< `default_error_condition` is this one (`ltx::asio` does).
};

/// The error category of `transport_errc`, named `"ltx.transport"`.
///
/// Its `default_error_condition` maps `timeout` and `pool_timeout`, `connection_reset` and
/// `cancelled` to `std::errc::timed_out`, `std::errc::connection_reset` and
/// `std::errc::operation_canceled`, so `ec == std::errc::timed_out` holds for a transport
/// timeout.
LTX_DECL const std::error_category& transport_category() noexcept;

/// Makes `e` an error code of `transport_category()`; found by argument-dependent lookup.
inline std::error_code make_error_code(transport_errc e) noexcept {
    return {static_cast<int>(e), transport_category()};
}

/// True only when `ec` guarantees that no byte of the request reached the network:
/// `transport_errc::connection_failed`, `transport_errc::pool_timeout`, or a refused
/// certificate (`transport_errc::certificate_refused`, or a code of another category whose
/// `default_error_condition` is that one).
///
/// A client uses it to decide whether a request that is not idempotent (a paid POST) may be
/// sent again, and whether a failed one may have created anything: after any other failure
/// (timeout, reset, another TLS failure, cancellation) the server may have received, and acted
/// on, the request. Other error codes of other categories are never reported as unsent, since
/// their origin is unknown.
inline bool request_not_sent(const std::error_code& ec) noexcept {
    if (ec.category() == transport_category())
        return ec.value() == static_cast<int>(transport_errc::connection_failed) ||
               ec.value() == static_cast<int>(transport_errc::pool_timeout) ||
               ec.value() == static_cast<int>(transport_errc::certificate_refused);
    return ec.default_error_condition() ==
           std::error_condition(static_cast<int>(transport_errc::certificate_refused),
                                transport_category());
}

/// True when `ec` is a TLS failure: `transport_errc::tls_failure` or `certificate_refused`, or a
/// code of another category whose `default_error_condition` is one of those (as for the
/// certificate refusals of the Asio adapter's `ltx::asio::tls_verify_category()`, which say
/// why).
///
/// A client does not send a request again after one: a refused certificate or a failed
/// handshake will fail the same way.
inline bool is_tls_failure(const std::error_code& ec) noexcept {
    return ec == std::error_condition(static_cast<int>(transport_errc::tls_failure),
                                      transport_category());
}

} // namespace ltx::http

/// Lets `transport_errc` convert implicitly to `std::error_code`.
template <> struct std::is_error_code_enum<ltx::http::transport_errc> : std::true_type {};

#ifdef LTX_HEADER_ONLY
#include <ltx/http/impl/error.ipp>
#endif

#endif
