// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_PROXY_IPP
#define LTX_ASIO_DETAIL_IMPL_PROXY_IPP

#include <ltx/asio/detail/proxy.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/http/percent_encoding.hpp>

#include <algorithm>
#include <cstdint>

namespace ltx::asio::detail {

LTX_DECL bool bypasses_proxy(std::string_view no_proxy, std::string_view host) noexcept {
    const auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
            s.remove_prefix(1);
        }
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
            s.remove_suffix(1);
        }
        return s;
    };
    while (!no_proxy.empty()) {
        const auto comma = no_proxy.find(',');
        auto entry = trim(no_proxy.substr(0, comma));
        no_proxy =
            comma == std::string_view::npos ? std::string_view{} : no_proxy.substr(comma + 1);
        if (entry == "*") {
            return true;
        }
        if (entry.starts_with("*.")) {
            entry.remove_prefix(2);
        } else if (entry.starts_with(".")) {
            entry.remove_prefix(1);
        }
        if (!entry.empty() && entry.front() == '[') {
            const auto close = entry.find(']');
            entry = entry.substr(1, close == std::string_view::npos ? entry.npos : close - 1);
        } else if (const auto colon = entry.find(':');
                   colon != std::string_view::npos && entry.find(':', colon + 1) == entry.npos) {
            entry = entry.substr(0, colon); // name:port or ipv4:port
        }
        if (entry.empty() || entry.size() > host.size()) {
            continue;
        }
        const auto tail = host.substr(host.size() - entry.size());
        if (http::iequals(tail, entry) &&
            (host.size() == entry.size() || host[host.size() - entry.size() - 1] == '.')) {
            return true;
        }
    }
    return false;
}

LTX_DECL std::string base64(std::string_view bytes) {
    static constexpr char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
        }
        for (std::size_t k = 0; k < 4; ++k) {
            out += k <= n ? digits[(v >> (18 - 6 * k)) & 0x3F] : '=';
        }
    }
    return out;
}

LTX_DECL std::optional<proxy_route> proxy_for(const proxy_options& opts, const http::url& target,
                                              std::error_code& ec) {
    ec.clear();
    const std::string& spec = target.is_https() ? opts.https_proxy : opts.http_proxy;
    if (spec.empty() || bypasses_proxy(opts.no_proxy, target.host_unbracketed())) {
        return std::nullopt;
    }
    // A bare `host:port`, as some environments write it, means http.
    std::string bare = spec.find("://") == std::string::npos ? "http://" + spec : spec;
    // The URL parser refuses userinfo, as it should for request URLs: it is taken off here.
    // The last `@` of the authority ends it, since a password may hold an unencoded `@`.
    const std::size_t start = bare.find("://") + 3;
    const std::size_t end = std::min(bare.find_first_of("/?#", start), bare.size());
    const std::size_t at = bare.rfind('@', end - 1);
    std::string authorization;
    if (at != std::string::npos && at >= start) {
        const std::string_view userinfo = std::string_view(bare).substr(start, at - start);
        const auto colon = userinfo.find(':');
        const auto user = http::percent_decode(userinfo.substr(0, colon));
        const auto password = http::percent_decode(
            colon == std::string_view::npos ? std::string_view{} : userinfo.substr(colon + 1));
        if (!user || !password) {
            ec = std::make_error_code(std::errc::invalid_argument);
            return std::nullopt;
        }
        authorization = "Basic " + base64(*user + ":" + *password);
        bare.erase(start, at + 1 - start);
    }
    auto parsed = http::parse_url(bare);
    if (!parsed || parsed->is_https()) {
        ec = std::make_error_code(std::errc::invalid_argument);
        return std::nullopt;
    }
    return proxy_route{std::move(*parsed), std::move(authorization)};
}

LTX_DECL int connect_status(std::string_view head) noexcept {
    if (head.find("\r\n\r\n") == std::string_view::npos) {
        return 0;
    }
    if (!head.starts_with("HTTP/1.") || head.size() < 12 || head[8] != ' ') {
        return -1;
    }
    int status = 0;
    for (std::size_t i = 9; i < 12; ++i) {
        if (!ltx::detail::is_digit(head[i])) {
            return -1;
        }
        status = status * 10 + (head[i] - '0');
    }
    return status;
}

} // namespace ltx::asio::detail

#endif
