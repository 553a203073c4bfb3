// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Reference implementations of the text checks of reflect/impl/text.ipp, written with
// std::string_view members and kept as the oracle of the differential tests in text.cpp.
// The library's own versions walk pointers instead, since every std:: member function they
// call is compiled into each TU that validates.
#ifndef LTX_TESTS_REFLECT_TEXT_ORACLE_HPP
#define LTX_TESTS_REFLECT_TEXT_ORACLE_HPP

#include <algorithm>
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
} // namespace chars

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
