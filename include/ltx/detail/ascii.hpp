// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The ASCII character classes, case folding and hex digits of the whole library. Protocol
// text (HTTP field names, URL schemes and hosts, MIME types) is ASCII and case-insensitive
// in ASCII only, so none of this consults the C locale as <cctype> does. Percent-encoding
// is ltx/http/percent_encoding.hpp, built on these.
#ifndef LTX_DETAIL_ASCII_HPP
#define LTX_DETAIL_ASCII_HPP

#include <ltx/detail/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace ltx::detail {

constexpr bool is_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}
constexpr bool is_lower(char c) noexcept {
    return c >= 'a' && c <= 'z';
}
constexpr bool is_alpha(char c) noexcept {
    return is_upper(c) || is_lower(c);
}
constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
constexpr bool is_alnum(char c) noexcept {
    return is_alpha(c) || is_digit(c);
}

/// An RFC 9110 `tchar`, a character of a token (field names, methods, MIME types).
constexpr bool is_tchar(char c) noexcept {
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return is_alnum(c);
    }
}

/// An RFC 3986 unreserved character: `A-Z a-z 0-9 - . _ ~`.
constexpr bool is_unreserved(char c) noexcept {
    return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/// `Class(c)` for every byte `c`, as a table: one load per character in the loops that scan
/// every byte of a URL or a percent-encoded value, where the tests of a class are branches.
template <bool (*Class)(char) noexcept> struct byte_class {
    static constexpr auto table = [] {
        struct bits {
            bool of[256];
        } t{};
        for (int b = 0; b < 256; ++b)
            t.of[b] = Class(static_cast<char>(b));
        return t;
    }();
    static constexpr bool test(char c) noexcept { return table.of[static_cast<unsigned char>(c)]; }
};

/// `c` with `A`-`Z` mapped to `a`-`z`; every other byte unchanged.
constexpr char to_lower(char c) noexcept {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `s` with `A`-`Z` mapped to `a`-`z`.
inline std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = to_lower(c);
    return out;
}

/// True when `a` and `b` are equal once `A`-`Z` are folded to `a`-`z`.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i]))
            return false;
    return true;
}

/// The value of the hex digit `c` (`0`-`9`, `a`-`f`, `A`-`F`), or -1.
constexpr int hex_value(char c) noexcept {
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
constexpr bool is_hex_digit(char c) noexcept {
    return hex_value(c) >= 0;
}

/// The hex digit of `v & 0xF`, upper case (`A`-`F`, as percent-encoding writes them).
constexpr char hex_digit_upper(unsigned v) noexcept {
    return "0123456789ABCDEF"[v & 0xFu];
}
/// The hex digit of `v & 0xF`, lower case.
constexpr char hex_digit_lower(unsigned v) noexcept {
    return "0123456789abcdef"[v & 0xFu];
}

} // namespace ltx::detail

#endif
