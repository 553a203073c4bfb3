// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_URL_HPP
#define LTX_HTTP_URL_HPP

#include <ltx/detail/config.hpp>
#include <ltx/http/percent_encoding.hpp>
#include <ltx/http/url_error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::http {

/// What a URL's host is, as far as a connection cares (TLS sends SNI for names only).
enum class host_kind {
    name, ///< A registered name such as `api.useapi.net` (lower-cased).
    ipv4, ///< A dotted-quad IPv4 address such as `127.0.0.1`.
    ipv6, ///< A bracketed IPv6 address such as `[::1]`.
};

namespace detail {
struct url_access;
} // namespace detail

/// An absolute `http` or `https` URL, parsed and validated.
///
/// Obtained from `parse_url` or `resolve`, which guarantee: a lower-case scheme `http` or
/// `https`; a non-empty, lower-case host; a port from 1 to 65535 (the scheme's default when
/// the URL gave none); a path that starts with `/`; a query without its `?`; no userinfo; no
/// byte that would need percent-encoding. The fragment is dropped: it is never sent.
/// Path and query keep their percent-encoding as written. A default-constructed `url` is
/// empty (`empty()` is true) and is not meant to be sent.
class url {
public:
    /// An empty URL: no scheme, no host, port 0.
    url() = default;

    /// True for a default-constructed URL.
    bool empty() const noexcept { return host_.empty(); }

    /// `"http"` or `"https"`.
    const std::string& scheme() const noexcept { return scheme_; }

    /// True when the scheme is `https`.
    bool is_https() const noexcept { return scheme_ == "https"; }

    /// The host as written in a URL, lower case; an IPv6 address keeps its brackets (`[::1]`).
    const std::string& host() const noexcept { return host_; }

    /// The host without IPv6 brackets (`::1`): the form a resolver expects.
    std::string_view host_unbracketed() const noexcept {
        std::string_view h = host_;
        return kind_ == host_kind::ipv6 ? h.substr(1, h.size() - 2) : h;
    }

    /// Whether the host is a name, an IPv4 or an IPv6 address.
    host_kind kind() const noexcept { return kind_; }

    /// The port: as written, or 80 for http and 443 for https.
    std::uint16_t port() const noexcept { return port_; }

    /// True when `port()` is the scheme's default (80 for http, 443 for https).
    bool has_default_port() const noexcept { return port_ == (is_https() ? 443 : 80); }

    /// The path, percent-encoded as written, at least `"/"`.
    const std::string& path() const noexcept { return path_; }

    /// The query without the leading `?`, empty when there is none.
    const std::string& query() const noexcept { return query_; }

    /// `host[:port]`, the port omitted when it is the default: the value of a `Host` header.
    LTX_DECL std::string authority() const;

    /// `scheme://authority`, as `https://api.useapi.net`.
    LTX_DECL std::string origin() const;

    /// `path[?query]`: the request target of an HTTP/1.1 request line.
    LTX_DECL std::string target() const;

    /// The whole URL, normalised: `origin() + target()`. Empty for an empty URL.
    LTX_DECL std::string to_string() const;

    /// URLs are equal when all their parts are equal.
    friend bool operator==(const url&, const url&) = default;

private:
    friend struct detail::url_access;

    std::string scheme_;
    std::string host_;
    std::string path_;
    std::string query_;
    std::uint16_t port_ = 0;
    host_kind kind_ = host_kind::name;
};

/// The outcome of `parse_url` or `resolve`: a `url`, or the reason there is none.
class url_result {
public:
    /// A success holding `u`.
    url_result(url u) noexcept : url_(std::move(u)) {}

    /// A failure for reason `e` (not 0).
    url_result(url_errc e) noexcept : error_(e) {}

    /// True on success.
    bool has_value() const noexcept { return error_ == url_errc{}; }

    /// True on success.
    explicit operator bool() const noexcept { return has_value(); }

    /// The URL. @throws std::system_error holding `error()` on failure.
    const url& value() const& {
        check();
        return url_;
    }

    /// The URL, moved out. @throws std::system_error holding `error()` on failure.
    url&& value() && {
        check();
        return std::move(url_);
    }

    /// The URL; only on success.
    const url& operator*() const noexcept { return url_; }

    /// Member access to the URL; only on success.
    const url* operator->() const noexcept { return &url_; }

    /// The reason of a failure; an empty error code on success.
    std::error_code error() const noexcept {
        return has_value() ? std::error_code{} : make_error_code(error_);
    }

private:
    void check() const {
        if (!has_value()) {
            throw std::system_error(make_error_code(error_));
        }
    }

    url url_;
    url_errc error_{};
};

/// Parses an absolute `http` or `https` URL (RFC 3986, restricted as described at `url`).
///
/// The scheme and host are lower-cased; a host is a DNS-style name (labels of letters, digits,
/// `-`, `_`), a dotted-quad IPv4 address (a host whose last label is numeric must be one:
/// `1.2.3`, `0x7f.0.0.1` and `01.2.3.4` are refused as ambiguous), or a bracketed IPv6
/// address without zone. `http://h:/` (empty port) means the default port. The fragment is
/// validated and dropped.
LTX_DECL url_result parse_url(std::string_view s);

/// True when `parse_url(s)` succeeds: `s` is an absolute http or https URL ltx would send to.
LTX_DECL bool is_absolute_http_url(std::string_view s);

/// Resolves the reference `relative` against `base` (RFC 3986 section 5.2, fragment dropped).
///
/// A relative path is appended to the base path's directory, that is up to and including its
/// last `/`, then `.` and `..` segments are removed. So the base URL must end with `/`:
/// `https://api.useapi.net/v1/ltxstudio/` with `videos/ltx-create` gives
/// `https://api.useapi.net/v1/ltxstudio/videos/ltx-create`, while a base without the final
/// `/` would lose its last segment. A reference starting with `/` replaces the path, one
/// starting with `?` only the query; a reference with its own scheme or `//` authority is
/// parsed as a URL of its own. The query of `relative` is kept as written. A path segment
/// holding `:` or `@` (such as a job id) must be percent-encoded (`percent_encode`), else
/// `email:...` reads as a URL whose scheme is `email` (`unsupported_scheme`).
LTX_DECL url_result resolve(const url& base, std::string_view relative);

/// `resolve(parse_url(base), relative)`; fails with the parse error when `base` is invalid.
LTX_DECL url_result resolve(std::string_view base, std::string_view relative);

namespace detail {

/// `resolve(base, reference)`, with the URL's path built in `reference`'s own buffer: no copy
/// when `reference` is a path starting with `/`, nor when it is a relative path and its
/// capacity also holds the base path's directory. The client writes the base's directory and
/// then an endpoint's target into one string and resolves it here.
LTX_DECL url_result resolve_owned(const url& base, std::string reference);

} // namespace detail

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
#include <ltx/http/impl/url.ipp>
#endif

#endif
