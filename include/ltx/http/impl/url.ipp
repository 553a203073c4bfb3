// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_URL_IPP
#define LTX_HTTP_IMPL_URL_IPP

#include <ltx/http/url.hpp>

#include <ltx/http/detail/url_syntax.hpp>

#include <algorithm>
#include <optional>

namespace ltx::http {

namespace detail {

struct url_access {
    static url make(std::string scheme, std::string host, host_kind kind, std::uint16_t port,
                    std::string path, std::string query) {
        url u;
        u.scheme_ = std::move(scheme);
        u.host_ = std::move(host);
        u.kind_ = kind;
        u.port_ = port;
        u.path_ = path.empty() ? std::string("/") : std::move(path);
        u.query_ = std::move(query);
        return u;
    }
};

// A URL's parts as views of its text, checked but not copied: what parse_url builds a url
// from, and all is_absolute_http_url needs. Scheme and host are as written (not lower-cased).
struct url_parts {
    std::string_view scheme;
    bool https = false;
    std::string_view host;
    host_kind kind = host_kind::name;
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
        out.kind = host_kind::ipv6;
    } else {
        const auto colon = auth.find(':');
        host = auth.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = auth.substr(colon + 1);
        }
        if (host.empty()) {
            return url_errc::empty_host;
        }
        switch (classify_host_name(host)) {
        case host_class::invalid:
            return url_errc::invalid_host;
        case host_class::name:
            out.kind = host_kind::name;
            break;
        case host_class::ipv4:
            out.kind = host_kind::ipv4;
            break;
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

// Whether `path` has a `.` or `..` segment, the only case in which remove_dot_segments
// changes it.
inline bool has_dot_segment(std::string_view path) noexcept {
    for (auto dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.', dot + 1)) {
        if (dot != 0 && path[dot - 1] != '/') {
            continue;
        }
        auto end = dot + 1;
        if (end < path.size() && path[end] == '.') {
            ++end;
        }
        if (end == path.size() || path[end] == '/') {
            return true;
        }
    }
    return false;
}

} // namespace detail

LTX_DECL std::string url::authority() const {
    if (empty() || has_default_port()) {
        return host_;
    }
    return host_ + ':' + std::to_string(port_);
}

LTX_DECL std::string url::origin() const {
    return empty() ? std::string() : scheme_ + "://" + authority();
}

LTX_DECL std::string url::target() const {
    return query_.empty() ? path_ : path_ + '?' + query_;
}

LTX_DECL std::string url::to_string() const {
    return empty() ? std::string() : origin() + target();
}

LTX_DECL url_result parse_url(std::string_view s) {
    detail::url_parts parts;
    if (auto e = detail::scan_url(s, parts); e != url_errc{}) {
        return e;
    }
    return detail::url_access::make(detail::to_lower(parts.scheme), detail::to_lower(parts.host),
                                    parts.kind, parts.port, std::string(parts.reference.path),
                                    std::string(parts.reference.query));
}

LTX_DECL bool is_absolute_http_url(std::string_view s) {
    detail::url_parts parts;
    return detail::scan_url(s, parts) == url_errc{};
}

LTX_DECL url_result resolve(const url& base, std::string_view relative) {
    if (base.empty()) {
        return url_errc::empty;
    }
    if (std::any_of(relative.begin(), relative.end(),
                    [](char c) { return !detail::is_visible_ascii(c); })) {
        return url_errc::invalid_character;
    }
    if (detail::scheme_length(relative) != 0) {
        return parse_url(relative);
    }
    if (relative.starts_with("//")) {
        return parse_url(base.scheme() + ':' + std::string(relative));
    }
    detail::reference_parts parts;
    if (auto e = detail::split_reference(relative, parts); e != url_errc{}) {
        return e;
    }
    std::string path;
    std::string query(parts.query);
    if (parts.path.empty()) {
        path = base.path();
        if (!parts.has_query) {
            query = base.query();
        }
    } else if (parts.path.front() == '/') {
        path = detail::has_dot_segment(parts.path) ? detail::remove_dot_segments(parts.path)
                                                   : std::string(parts.path);
    } else {
        const std::string_view base_path = base.path();
        const auto directory = base_path.substr(0, base_path.rfind('/') + 1);
        path.reserve(directory.size() + parts.path.size());
        path.append(directory).append(parts.path);
        if (detail::has_dot_segment(path)) {
            path = detail::remove_dot_segments(path);
        }
    }
    return detail::url_access::make(base.scheme(), base.host(), base.kind(), base.port(),
                                    std::move(path), std::move(query));
}

LTX_DECL url_result resolve(std::string_view base, std::string_view relative) {
    auto parsed = parse_url(base);
    if (!parsed) {
        return parsed;
    }
    return resolve(*parsed, relative);
}

} // namespace ltx::http

#endif
