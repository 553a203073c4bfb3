// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_LIGHTRICKS_IMPL_MODELS_IPP
#define LTX_LIGHTRICKS_IMPL_MODELS_IPP

#include <ltx/lightricks/models.hpp>

#include <ltx/http/url.hpp>
#include <ltx/reflect/detail/text.hpp>

namespace ltx::lightricks::detail {

LTX_DECL bool is_media_uri(std::string_view s) {
    constexpr std::string_view storage = "ltx://uploads/";
    if (s.starts_with(storage)) {
        const auto id = s.substr(storage.size());
        for (const char c : id)
            if (c <= ' ' || c == '\x7f' || c == '/')
                return false;
        return !id.empty();
    }
    constexpr std::string_view data = "data:";
    if (s.starts_with(data)) {
        // data:<mime>;base64,<payload>: a MIME type, the base64 marker, and base64 text.
        const auto comma = s.find(',');
        constexpr std::string_view marker = ";base64";
        if (comma == std::string_view::npos)
            return false;
        const auto head = s.substr(data.size(), comma - data.size());
        if (!head.ends_with(marker) ||
            !ltx::detail::is_mime_type(head.substr(0, head.size() - marker.size())))
            return false;
        const auto payload = s.substr(comma + 1);
        std::size_t padding = 0;
        for (const char c : payload) {
            const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                               (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (c == '=')
                ++padding;
            else if (!alpha || padding != 0)
                return false;
        }
        return !payload.empty() && payload.size() % 4 == 0 && padding <= 2;
    }
    // An https URL whose host is a name: the provider fetches no IP address literal.
    const auto u = ltx::http::parse_url(s);
    return u && u->is_https() && u->kind() == ltx::http::host_kind::name;
}

} // namespace ltx::lightricks::detail

#endif
