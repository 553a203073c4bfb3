// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_PERCENT_ENCODING_IPP
#define LTX_HTTP_IMPL_PERCENT_ENCODING_IPP

#include <ltx/http/percent_encoding.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/reflect/detail/text.hpp>

namespace ltx::http {

LTX_DECL std::string percent_encode(std::string_view s, bool path_segment) {
    // One encoder for the whole library: the reflection engine's, which the query and path
    // encoders use too. Here it only learns to keep the `/` between segments.
    std::string out;
    out.reserve(s.size());
    if (path_segment) {
        ltx::detail::percent_encode(s, out);
        return out;
    }
    for (std::size_t start = 0;;) {
        const auto slash = s.find('/', start);
        ltx::detail::percent_encode(s.substr(start, slash - start), out);
        if (slash == std::string_view::npos)
            return out;
        out += '/';
        start = slash + 1;
    }
}

LTX_DECL std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (s.size() - i < 3) {
            return std::nullopt;
        }
        const int hi = ltx::detail::hex_value(s[i + 1]);
        const int lo = ltx::detail::hex_value(s[i + 2]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

} // namespace ltx::http

#endif
