// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_TEXT_IPP
#define LTX_REFLECT_IMPL_TEXT_IPP

#include <ltx/reflect/detail/text.hpp>

#include <algorithm>
#include <limits>
#include <utility>
#include <array>
#include <cstdint>
#include <cstring>

namespace ltx::detail {

namespace chars {
constexpr bool is_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr bool is_tchar(char c) noexcept {
    return is_alnum(c) || std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
}
constexpr bool is_atext(char c) noexcept {
    return is_alnum(c) || std::string_view{"!#$%&'*+-/=?^_`{|}~"}.find(c) != std::string_view::npos;
}
// A table rather than a search per character: every replyUrl of every request is checked.
inline constexpr auto host_chars = [] {
    constexpr std::string_view punctuation{"-._~%!$&'()*+,;="};
    std::array<bool, 256> t{};
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<char>(i);
        t[i] = is_alnum(c) || punctuation.find(c) != std::string_view::npos;
    }
    return t;
}();
constexpr bool is_host_char(char c) noexcept {
    return host_chars[static_cast<unsigned char>(c)];
}
} // namespace chars

LTX_DECL bool utf8_count(std::string_view s, std::size_t& count) noexcept {
    count = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        // Validation scans every string of every request: take ASCII eight bytes at a time.
        while (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080u)
                break;
            p += 8;
            count += 8;
        }
        if (p == end)
            break;
        const unsigned char b = *p;
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++p;
            ++count;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
            cp = b & 0x1Fu;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
            cp = b & 0x0Fu;
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
            cp = b & 0x07u;
        } else {
            return false; // continuation byte, 0xC0/0xC1 (always overlong) or > 0xF4
        }
        if (static_cast<std::size_t>(end - p) <= extra)
            return false; // truncated
        for (std::size_t i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0u) != 0x80u)
                return false;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        // Overlong forms encode a code point in more bytes than needed.
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000))
            return false;
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        p += extra + 1;
        ++count;
    }
    return true;
}

LTX_DECL std::optional<std::size_t> utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    if (!utf8_count(s, n))
        return std::nullopt;
    return n;
}

LTX_DECL bool is_http_url(std::string_view s) noexcept {
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F)
            return false;
    const auto colon = s.find("://");
    if (colon == std::string_view::npos)
        return false;
    const auto scheme = s.substr(0, colon);
    const auto scheme_is = [scheme](std::string_view lower) {
        if (scheme.size() != lower.size())
            return false;
        for (std::size_t i = 0; i < lower.size(); ++i) {
            const char c = scheme[i];
            if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower[i])
                return false;
        }
        return true;
    };
    if (!scheme_is("http") && !scheme_is("https"))
        return false;
    auto rest = s.substr(colon + 3);
    std::size_t end_of_authority = 0;
    while (end_of_authority < rest.size() && rest[end_of_authority] != '/' &&
           rest[end_of_authority] != '?' && rest[end_of_authority] != '#')
        ++end_of_authority;
    auto authority = rest.substr(0, end_of_authority);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos || close < 3)
            return false;
        for (char c : authority.substr(1, close - 1))
            if (!(chars::is_alnum(c) || c == ':' || c == '.'))
                return false;
        host = authority.substr(0, close + 1);
        auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return false;
            port = after.substr(1);
            if (port.empty())
                return false;
        }
    } else if (const auto pc = authority.rfind(':'); pc != std::string_view::npos) {
        host = authority.substr(0, pc);
        port = authority.substr(pc + 1);
        if (port.empty())
            return false;
    }
    if (host.empty())
        return false;
    if (host.front() != '[')
        for (char c : host)
            if (!chars::is_host_char(c))
                return false;
    if (port.size() > 5)
        return false;
    unsigned value = 0;
    for (char c : port) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value <= 65535;
}

LTX_DECL bool is_email(std::string_view s) noexcept {
    if (s.size() > 254)
        return false;
    const auto at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64)
        return false;
    const auto local = s.substr(0, at);
    const auto domain = s.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    for (char c : local)
        if (!(chars::is_atext(c) || c == '.'))
            return false;
    std::size_t labels = 0;
    std::size_t start = 0;
    while (start <= domain.size()) {
        const auto dot = std::min(domain.find('.', start), domain.size());
        const auto label = domain.substr(start, dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (char c : label)
            if (!(chars::is_alnum(c) || c == '-'))
                return false;
        ++labels;
        start = dot + 1;
    }
    return labels >= 2;
}

LTX_DECL bool is_mime_type(std::string_view s) noexcept {
    const auto params = s.find(';');
    const auto essence = s.substr(0, params);
    const auto slash = essence.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == essence.size())
        return false;
    for (std::size_t i = 0; i < essence.size(); ++i)
        if (i != slash && !chars::is_tchar(essence[i]))
            return false;
    if (params == std::string_view::npos)
        return true;
    for (char c : s.substr(params))
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return false;
    return true;
}

LTX_DECL void percent_encode(std::string_view s, std::string& out) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (char c : s) {
        if (chars::is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            const auto b = static_cast<unsigned char>(c);
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 0x0F];
        }
    }
}

LTX_DECL std::optional<std::string> length_violation(std::size_t min, std::size_t max,
                                                     std::string_view s) {
    std::size_t n = 0;
    if (!utf8_count(s, n) || (n >= min && n <= max)) // invalid UTF-8 has its own rule
        return std::nullopt;
    constexpr auto unbounded = std::numeric_limits<std::size_t>::max();
    using wide = unsigned long long;
    std::string m = "must be ";
    if (max == unbounded) {
        m += "at least ";
        m += std::to_string(static_cast<wide>(min));
    } else {
        m += std::to_string(static_cast<wide>(min));
        m += " to ";
        m += std::to_string(static_cast<wide>(max));
    }
    m += " characters long, got ";
    m += std::to_string(static_cast<wide>(n));
    return m;
}

inline std::optional<std::string> range_message(long long min, long long max,
                                                const std::string& got) {
    constexpr auto unbounded = std::numeric_limits<long long>::max();
    std::string m;
    if (max == unbounded) {
        m = "must be at least ";
        m += std::to_string(min);
    } else {
        m = "must be between ";
        m += std::to_string(min);
        m += " and ";
        m += std::to_string(max);
    }
    m += ", got ";
    m += got;
    return m;
}

LTX_DECL std::optional<std::string> range_violation(long long min, long long max, long long v) {
    if (v >= min && v <= max)
        return std::nullopt;
    return range_message(min, max, std::to_string(v));
}

LTX_DECL std::optional<std::string> range_violation(long long min, long long max,
                                                    unsigned long long v) {
    if (std::cmp_greater_equal(v, min) && std::cmp_less_equal(v, max))
        return std::nullopt;
    return range_message(min, max, std::to_string(v));
}

} // namespace ltx::detail

#endif
