// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Character classes and small parsers of RFC 3986, and the general grammar of an absolute
// http(s) URL (`scan_url`), used by impl/url.ipp and detail/url_scan.hpp.
#ifndef LTX_HTTP_DETAIL_URL_SYNTAX_HPP
#define LTX_HTTP_DETAIL_URL_SYNTAX_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/http/percent_encoding.hpp>
#include <ltx/http/url_error.hpp>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ltx::http::detail {

inline bool is_visible_ascii(char c) noexcept {
    return c > 0x20 && c < 0x7f;
}

using ltx::detail::is_alpha;
using ltx::detail::is_digit;
using ltx::detail::is_hex_digit;
using ltx::detail::to_lower;

// Length of the scheme when `s` starts with `scheme:`, else 0.
inline std::size_t scheme_length(std::string_view s) noexcept {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || !is_alpha(s[0])) {
        return 0;
    }
    for (std::size_t i = 1; i < colon; ++i) {
        const char c = s[i];
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') {
            return 0;
        }
    }
    return colon;
}

// Leading zeros are refused: some resolvers read `010` as octal.
inline bool is_ipv4(std::string_view s) noexcept {
    int parts = 0;
    while (true) {
        const auto dot = s.find('.');
        const auto part = s.substr(0, dot);
        if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) {
            return false;
        }
        int value = 0;
        for (char c : part) {
            if (!is_digit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        if (value > 255 || ++parts > 4) {
            return false;
        }
        if (dot == std::string_view::npos) {
            return parts == 4;
        }
        s.remove_prefix(dot + 1);
    }
}

// Counts the 16-bit groups of `h16 *(":" h16)`, an IPv4 tail counting as two; -1 if malformed.
inline int ipv6_groups(std::string_view s, bool allow_ipv4_tail) noexcept {
    if (s.empty()) {
        return 0;
    }
    int groups = 0;
    while (true) {
        const auto colon = s.find(':');
        const auto part = s.substr(0, colon);
        if (colon == std::string_view::npos && allow_ipv4_tail &&
            part.find('.') != std::string_view::npos) {
            return is_ipv4(part) ? groups + 2 : -1;
        }
        if (part.empty() || part.size() > 4) {
            return -1;
        }
        for (char c : part) {
            if (!is_hex_digit(c)) {
                return -1;
            }
        }
        ++groups;
        if (colon == std::string_view::npos) {
            return groups;
        }
        s.remove_prefix(colon + 1);
    }
}

// RFC 4291 text form without zone: eight groups, or fewer around a single `::`.
inline bool is_ipv6(std::string_view s) noexcept {
    const auto gap = s.find("::");
    if (gap == std::string_view::npos) {
        return ipv6_groups(s, true) == 8;
    }
    if (s.find("::", gap + 1) != std::string_view::npos) {
        return false;
    }
    const int left = ipv6_groups(s.substr(0, gap), false);
    const int right = ipv6_groups(s.substr(gap + 2), true);
    return left >= 0 && right >= 0 && left + right <= 7;
}

// A host whose last label is numeric can only be an IPv4 address; anything else there
// (`1.2.3`, `0x7f.1`) is refused rather than guessed, as resolvers disagree on it.
// `ipv6` is what a bracketed host is; classify_host_name never returns it.
enum class host_class { invalid, name, ipv4, ipv6 };

inline host_class classify_host_name(std::string_view host) noexcept {
    if (host.size() > 253) {
        return host_class::invalid;
    }
    std::string_view last;
    std::string_view rest = host;
    while (true) {
        const auto dot = rest.find('.');
        last = rest.substr(0, dot);
        if (last.empty() || last.size() > 63) {
            return host_class::invalid;
        }
        for (char c : last) {
            if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_') {
                return host_class::invalid;
            }
        }
        if (dot == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(dot + 1);
    }
    bool numeric = true;
    for (char c : last) {
        numeric = numeric && is_digit(c);
    }
    if (!numeric) {
        return host_class::name;
    }
    return is_ipv4(host) ? host_class::ipv4 : host_class::invalid;
}

inline std::optional<std::uint16_t> parse_port(std::string_view s) noexcept {
    if (s.empty() || s.size() > 5) {
        return std::nullopt;
    }
    unsigned value = 0;
    for (char c : s) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) {
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(value);
}

// sub-delims, ":", "@" and "/": what a path, query or fragment allows beside unreserved
// characters and percent-encoded triplets.
constexpr bool is_sub_delim_or_path_char(char c) noexcept {
    switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '@':
    case '/':
        return true;
    default:
        return false;
    }
}

constexpr bool is_path_char(char c) noexcept {
    return is_unreserved(c) || is_sub_delim_or_path_char(c);
}

// pchar / "/" (and "?" in a query or fragment), percent-encoded triplets checked.
inline url_errc check_component(std::string_view s, bool allow_question_mark) noexcept {
    using path_char = ltx::detail::byte_class<is_path_char>;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (s.size() - i < 3 || !is_hex_digit(s[i + 1]) || !is_hex_digit(s[i + 2])) {
                return url_errc::invalid_percent_encoding;
            }
            i += 2;
        } else if (!path_char::test(c) && !(allow_question_mark && c == '?')) {
            return url_errc::invalid_character;
        }
    }
    return url_errc{};
}

struct reference_parts {
    std::string_view path;
    std::string_view query;
    bool has_query = false;
};

// Splits `path[?query][#fragment]`, validating all three; the fragment is then dropped.
inline url_errc split_reference(std::string_view s, reference_parts& out) noexcept {
    const auto hash = s.find('#');
    if (hash != std::string_view::npos) {
        if (auto e = check_component(s.substr(hash + 1), true); e != url_errc{}) {
            return e;
        }
        s = s.substr(0, hash);
    }
    const auto question = s.find('?');
    out.path = s.substr(0, question);
    out.has_query = question != std::string_view::npos;
    out.query = out.has_query ? s.substr(question + 1) : std::string_view();
    if (auto e = check_component(out.path, false); e != url_errc{}) {
        return e;
    }
    return check_component(out.query, true);
}

// A URL's parts as views of its text, checked but not copied: what parse_url builds a url
// from, and all is_absolute_http_url needs. Scheme and host are as written (not lower-cased).
struct url_parts {
    std::string_view scheme;
    bool https = false;
    std::string_view host;
    host_class kind = host_class::name;
    std::uint16_t port = 0;
    reference_parts reference;
};

inline url_errc parse_authority(std::string_view auth, url_parts& out) noexcept {
    if (auth.find('@') != std::string_view::npos) {
        return url_errc::userinfo_not_allowed;
    }
    if (auth.empty()) {
        return url_errc::empty_host;
    }
    std::string_view host;
    std::optional<std::string_view> port;
    if (auth.front() == '[') {
        const auto close = auth.find(']');
        if (close == std::string_view::npos || !is_ipv6(auth.substr(1, close - 1))) {
            return url_errc::invalid_host;
        }
        host = auth.substr(0, close + 1);
        const auto after = auth.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return url_errc::invalid_host;
            }
            port = after.substr(1);
        }
        out.kind = host_class::ipv6;
    } else {
        const auto colon = auth.find(':');
        host = auth.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = auth.substr(colon + 1);
        }
        if (host.empty()) {
            return url_errc::empty_host;
        }
        out.kind = classify_host_name(host);
        if (out.kind == host_class::invalid) {
            return url_errc::invalid_host;
        }
    }
    out.host = host;
    out.port = out.https ? 443 : 80;
    if (port && !port->empty()) {
        const auto n = parse_port(*port);
        if (!n) {
            return url_errc::invalid_port;
        }
        out.port = *n;
    }
    return url_errc{};
}

// The general grammar of an absolute http(s) URL (see parse_url).
inline url_errc scan_url(std::string_view s, url_parts& out) noexcept {
    if (s.empty()) {
        return url_errc::empty;
    }
    if (std::any_of(s.begin(), s.end(), [](char c) { return !is_visible_ascii(c); })) {
        return url_errc::invalid_character;
    }
    const auto scheme_len = scheme_length(s);
    if (scheme_len == 0) {
        return url_errc::missing_scheme;
    }
    out.scheme = s.substr(0, scheme_len);
    out.https = ltx::detail::iequals(out.scheme, "https");
    if (!out.https && !ltx::detail::iequals(out.scheme, "http")) {
        return url_errc::unsupported_scheme;
    }
    auto rest = s.substr(scheme_len + 1);
    if (!rest.starts_with("//")) {
        return url_errc::missing_authority;
    }
    rest.remove_prefix(2);
    // By hand: find_first_of searches the set once per character.
    std::size_t auth_end = 0;
    while (auth_end < rest.size() && rest[auth_end] != '/' && rest[auth_end] != '?' &&
           rest[auth_end] != '#') {
        ++auth_end;
    }
    if (auto e = parse_authority(rest.substr(0, auth_end), out); e != url_errc{}) {
        return e;
    }
    return split_reference(rest.substr(auth_end), out.reference);
}

// RFC 3986 section 5.2.4.
inline std::string remove_dot_segments(std::string_view path) {
    std::string in(path);
    std::string out;
    const auto drop_last_segment = [&out] {
        const auto slash = out.rfind('/');
        out.erase(slash == std::string::npos ? 0 : slash);
    };
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.erase(0, 3);
        } else if (in.starts_with("./")) {
            in.erase(0, 2);
        } else if (in.starts_with("/./")) {
            in.erase(0, 2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../")) {
            in.erase(0, 3);
            drop_last_segment();
        } else if (in == "/..") {
            in = "/";
            drop_last_segment();
        } else if (in == "." || in == "..") {
            in.clear();
        } else {
            const auto next = in.find('/', 1);
            out.append(in, 0, next);
            in.erase(0, next);
        }
    }
    return out;
}

} // namespace ltx::http::detail

#endif
