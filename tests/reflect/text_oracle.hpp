// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Reference implementations of the text checks of reflect/impl/text.ipp, written with
// std::string_view members and kept as the oracle of the differential tests in text.cpp.
// The library's own versions walk pointers instead, since every std:: member function they
// call is compiled into each TU that validates.
#ifndef LTX_TESTS_REFLECT_TEXT_ORACLE_HPP
#define LTX_TESTS_REFLECT_TEXT_ORACLE_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace text_oracle {

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

inline bool is_http_url(std::string_view s) noexcept {
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

inline bool is_email(std::string_view s) noexcept {
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

inline bool is_mime_type(std::string_view s) noexcept {
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

} // namespace text_oracle

#endif
