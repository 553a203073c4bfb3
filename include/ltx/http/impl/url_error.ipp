// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_URL_ERROR_IPP
#define LTX_HTTP_IMPL_URL_ERROR_IPP

#include <ltx/http/url_error.hpp>

#include <string>

namespace ltx::http {

namespace detail {

class url_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.url"; }

    std::string message(int ev) const override {
        switch (static_cast<url_errc>(ev)) {
        case url_errc::empty:
            return "URL is empty";
        case url_errc::missing_scheme:
            return "URL has no scheme (expected http:// or https://)";
        case url_errc::unsupported_scheme:
            return "URL scheme is not http or https";
        case url_errc::missing_authority:
            return "URL has no authority (expected // after the scheme)";
        case url_errc::userinfo_not_allowed:
            return "URL contains userinfo (user:password@ before the host), which is refused";
        case url_errc::empty_host:
            return "URL has an empty host";
        case url_errc::invalid_host:
            return "URL host is not a host name, a dotted-quad IPv4 or a bracketed IPv6 address";
        case url_errc::invalid_port:
            return "URL port is not a number from 1 to 65535";
        case url_errc::invalid_character:
            return "URL contains a character that must be percent-encoded";
        case url_errc::invalid_percent_encoding:
            return "URL contains a % not followed by two hex digits";
        }
        return "unknown URL error";
    }
};

} // namespace detail

LTX_DECL const std::error_category& url_category() noexcept {
    static const detail::url_category_impl category;
    return category;
}

} // namespace ltx::http

#endif
