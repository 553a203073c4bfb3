// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_TLS_HPP
#define LTX_ASIO_TLS_HPP

#include <ltx/detail/config.hpp>

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
#include <ltx/asio/impl/tls.ipp>
#endif

#endif
