// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_SYNTAX_HPP
#define LTX_HTTP_DETAIL_HTTP1_SYNTAX_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/ascii.hpp>

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
#include <ltx/http/detail/http1/impl/syntax.ipp>
#endif

#endif
