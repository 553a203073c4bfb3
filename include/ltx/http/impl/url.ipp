// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_URL_IPP
#define LTX_HTTP_IMPL_URL_IPP

#include <ltx/http/url.hpp>

#include <ltx/http/detail/url_scan.hpp>

#include <algorithm>
#include <optional>

namespace ltx::http {

namespace detail {

inline host_kind kind_of(host_class c) noexcept {
    return c == host_class::ipv4   ? host_kind::ipv4
           : c == host_class::ipv6 ? host_kind::ipv6
                                   : host_kind::name;
}

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
    if (auto e = detail::scan_url_fast(s, parts); e != url_errc{}) {
        return e;
    }
    return detail::url_access::make(
        detail::to_lower(parts.scheme), detail::to_lower(parts.host), detail::kind_of(parts.kind),
        parts.port, std::string(parts.reference.path), std::string(parts.reference.query));
}

LTX_DECL bool is_absolute_http_url(std::string_view s) {
    detail::url_parts parts;
    return detail::scan_url_fast(s, parts) == url_errc{};
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

LTX_DECL url_result detail::resolve_owned(const url& base, std::string reference) {
    // resolve()'s checks in resolve()'s order; only where a non-empty path is built differs.
    if (base.empty() || reference.empty() || reference.front() == '?' || reference.front() == '#' ||
        reference.starts_with("//")) {
        return resolve(base, reference);
    }
    if (std::any_of(reference.begin(), reference.end(),
                    [](char c) { return !detail::is_visible_ascii(c); })) {
        return url_errc::invalid_character;
    }
    if (detail::scheme_length(reference) != 0) {
        return parse_url(reference);
    }
    detail::reference_parts parts;
    if (auto e = detail::split_reference(reference, parts); e != url_errc{}) {
        return e;
    }
    std::string query(parts.query);
    reference.resize(parts.path.size());
    if (reference.front() != '/') {
        const std::string_view base_path = base.path();
        reference.insert(0, base_path.substr(0, base_path.rfind('/') + 1));
    }
    if (detail::has_dot_segment(reference)) {
        reference = detail::remove_dot_segments(reference);
    }
    return detail::url_access::make(base.scheme(), base.host(), base.kind(), base.port(),
                                    std::move(reference), std::move(query));
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
