// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_URL_ERROR_HPP
#define LTX_HTTP_URL_ERROR_HPP

#include <ltx/detail/config.hpp>

#include <system_error>
#include <type_traits>

namespace ltx::http {

/// Why a string is not an absolute http(s) URL that ltx accepts. Usable as `std::error_code`.
/// The messages never quote the URL: a URL may carry a signed token in its query.
enum class url_errc {
    empty = 1,                ///< The input (or the base URL) is empty.
    missing_scheme,           ///< No `scheme:` prefix.
    unsupported_scheme,       ///< A scheme other than `http` or `https`.
    missing_authority,        ///< The scheme is not followed by `//`.
    userinfo_not_allowed,     ///< `user[:password]@` before the host; refused so no credential
                              ///< travels in a URL, where it would reach logs.
    empty_host,               ///< Nothing between `//` and the port or path.
    invalid_host,             ///< Not a host name, dotted-quad IPv4 or bracketed IPv6 address.
    invalid_port,             ///< The port is not a decimal number from 1 to 65535.
    invalid_character,        ///< A byte that must be percent-encoded (space, control, `"`,
                              ///< `<`, `\`, non-ASCII, ...).
    invalid_percent_encoding, ///< A `%` not followed by two hex digits.
};

/// The error category of `url_errc`, named `"ltx.url"`.
LTX_DECL const std::error_category& url_category() noexcept;

/// Makes `e` an error code of `url_category()`; found by argument-dependent lookup.
inline std::error_code make_error_code(url_errc e) noexcept {
    return {static_cast<int>(e), url_category()};
}

} // namespace ltx::http

/// Lets `url_errc` convert implicitly to `std::error_code`.
template <> struct std::is_error_code_enum<ltx::http::url_errc> : std::true_type {};

#ifdef LTX_HEADER_ONLY
#include <ltx/http/impl/url_error.ipp>
#endif

#endif
