// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_SYNTAX_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_SYNTAX_IPP

#include <ltx/http/detail/http1/syntax.hpp>

#include <ltx/http/detail/http1/error.hpp>

#include <limits>

namespace ltx::http::detail::http1 {

LTX_DECL bool parse_connection(std::string_view value, connection_options& opts) noexcept {
    while (true) {
        const auto comma = value.find(',');
        const auto item = trim_ows(value.substr(0, comma));
        if (!item.empty()) {
            if (!is_token(item)) {
                return false;
            }
            if (iequals(item, "close")) {
                opts.close = true;
            } else if (iequals(item, "keep-alive")) {
                opts.keep_alive = true;
            }
        }
        if (comma == std::string_view::npos) {
            return true;
        }
        value.remove_prefix(comma + 1);
    }
}

LTX_DECL std::optional<std::uint64_t> parse_decimal(std::string_view s) noexcept {
    if (s.empty()) {
        return std::nullopt;
    }
    constexpr auto max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (max - d) / 10) {
            return std::nullopt;
        }
        v = v * 10 + d;
    }
    return v;
}

LTX_DECL std::uint64_t parse_content_length(std::string_view value, std::error_code& ec) noexcept {
    std::optional<std::uint64_t> length;
    // Empty list items are refused here (unlike Connection): "5,,5" is more likely a
    // smuggling attempt than a sender's style.
    while (true) {
        const auto comma = value.find(',');
        const auto item = parse_decimal(trim_ows(value.substr(0, comma)));
        if (!item) {
            ec = error::bad_content_length;
            return 0;
        }
        if (length && *length != *item) {
            ec = error::multiple_content_length;
            return 0;
        }
        length = item;
        if (comma == std::string_view::npos) {
            ec = {};
            return *length;
        }
        value.remove_prefix(comma + 1);
    }
}

} // namespace ltx::http::detail::http1

#endif
