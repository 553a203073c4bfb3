// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_PERCENT_ENCODING_HPP
#define LTX_HTTP_PERCENT_ENCODING_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/ascii.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ltx::http {

/// True when `c` is an RFC 3986 unreserved character: `A-Z a-z 0-9 - . _ ~`.
constexpr bool is_unreserved(char c) noexcept {
    return ltx::detail::is_unreserved(c);
}

/// Percent-encodes `s` (RFC 3986 section 2.1).
///
/// Unreserved characters are kept; every other byte becomes `%XX` with upper-case hex digits.
/// With `path_segment` true (the default) the result is one path segment or one query
/// component: `/`, `?`, `&`, `=`, `:`, `@` and space are all encoded, so a job id such as
/// `email:a@b.c:id-type:video` becomes `email%3Aa%40b.c%3Aid-type%3Avideo`. With
/// `path_segment` false, `/` is kept as well, so a multi-segment path can be encoded in
/// one call. Space is always `%20`, never `+`.
LTX_DECL std::string percent_encode(std::string_view s, bool path_segment = true);

/// Decodes every `%XX` triplet of `s` (hex digits in either case) into its byte.
///
/// Returns nullopt when a `%` is not followed by two hex digits. `+` is left as it is: it
/// means space only in HTML form encoding, not in RFC 3986. The result may hold any byte,
/// NUL included; validate it before use.
LTX_DECL std::optional<std::string> percent_decode(std::string_view s);

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
#include <ltx/http/impl/percent_encoding.ipp>
#endif

#endif
