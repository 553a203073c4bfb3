// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The fast path of URL scanning: one pass over a plain absolute URL, the kind a program sends
// to (`https://hooks.example.com/ltx/jobs?tenant=42`). It accepts only what the general
// grammar (`scan_url`, detail/url_syntax.hpp) accepts, with the same parts; anything unusual
// (an upper-case scheme, userinfo, an IP address, an empty port, a fragment, a byte outside
// the path characters) makes it decline, and the general grammar decides. tests/http/
// url_scan.cpp holds the two to agreement on generated and mutated URLs.
#ifndef LTX_HTTP_DETAIL_URL_SCAN_HPP
#define LTX_HTTP_DETAIL_URL_SCAN_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/http/detail/url_syntax.hpp>
#include <ltx/http/url_error.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ltx::http::detail {

constexpr bool is_plain_label_char(char c) noexcept {
    return ltx::detail::is_alnum(c) || c == '-' || c == '_';
}

// Fills `out` and returns true when `s` is a plain absolute URL: `http://` or `https://` in
// lower case, a host name (labels of letters, digits, `-`, `_`; the last one not all digits),
// an optional non-empty port, then a path and query of path characters, `?` (in the query)
// and percent-encoded triplets. Returns false for anything else, valid or not, with `out`
// unspecified: the caller then runs `scan_url`.
inline bool scan_plain_url(std::string_view s, url_parts& out) noexcept {
    using label_char = ltx::detail::byte_class<is_plain_label_char>;
    using path_char = ltx::detail::byte_class<is_path_char>;
    std::size_t i = 0;
    if (s.starts_with("https://")) {
        out.https = true;
        i = 8;
    } else if (s.starts_with("http://")) {
        out.https = false;
        i = 7;
    } else {
        return false;
    }
    out.scheme = s.substr(0, i - 3);

    // The host: labels of 1 to 63 characters, at most 253 in all.
    const std::size_t host_begin = i;
    std::size_t label_begin = i;
    bool label_numeric = true;
    const auto n = s.size();
    while (true) {
        const char c = i < n ? s[i] : '\0';
        if (label_char::test(c)) {
            label_numeric = label_numeric && ltx::detail::is_digit(c);
            ++i;
            continue;
        }
        const auto label = i - label_begin;
        if (label == 0 || label > 63) {
            return false;
        }
        if (c != '.') {
            break;
        }
        ++i;
        label_begin = i;
        label_numeric = true;
    }
    // A numeric last label makes the host an IPv4 address or an error: the general grammar's.
    if (label_numeric || i - host_begin > 253) {
        return false;
    }
    out.host = s.substr(host_begin, i - host_begin);
    out.kind = host_class::name;
    out.port = out.https ? 443 : 80;

    if (i < n && s[i] == ':') {
        ++i;
        const std::size_t port_begin = i;
        unsigned port = 0;
        while (i < n && ltx::detail::is_digit(s[i]) && i - port_begin < 5) {
            port = port * 10 + static_cast<unsigned>(s[i] - '0');
            ++i;
        }
        if (i == port_begin || port == 0 || port > 65535) {
            return false;
        }
        out.port = static_cast<std::uint16_t>(port);
    }
    if (i < n && s[i] != '/' && s[i] != '?') {
        return false;
    }

    // Path, then query: path characters and percent-encoded triplets; `?` in the query.
    const std::size_t path_begin = i;
    std::size_t question = std::string_view::npos;
    for (; i < n; ++i) {
        const char c = s[i];
        if (path_char::test(c)) {
            continue;
        }
        if (c == '?') {
            if (question == std::string_view::npos) {
                question = i;
            }
            continue;
        }
        if (c != '%' || n - i < 3 || !ltx::detail::is_hex_digit(s[i + 1]) ||
            !ltx::detail::is_hex_digit(s[i + 2])) {
            return false;
        }
        i += 2;
    }
    out.reference.has_query = question != std::string_view::npos;
    if (out.reference.has_query) {
        out.reference.path = s.substr(path_begin, question - path_begin);
        out.reference.query = s.substr(question + 1);
    } else {
        out.reference.path = s.substr(path_begin);
        out.reference.query = {};
    }
    return true;
}

// `scan_url` with the fast path first: the same result, the same parts on success.
inline url_errc scan_url_fast(std::string_view s, url_parts& out) noexcept {
    if (scan_plain_url(s, out)) {
        return url_errc{};
    }
    out = url_parts{};
    return scan_url(s, out);
}

} // namespace ltx::http::detail

#endif
