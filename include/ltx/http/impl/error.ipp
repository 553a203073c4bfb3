// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_ERROR_IPP
#define LTX_HTTP_IMPL_ERROR_IPP

#include <ltx/http/error.hpp>

#include <string>

namespace ltx::http {

namespace detail {

class transport_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.transport"; }

    std::string message(int ev) const override {
        switch (static_cast<transport_errc>(ev)) {
        case transport_errc::connection_failed:
            return "connection failed (nothing was sent)";
        case transport_errc::connection_reset:
            return "connection closed or reset by the peer";
        case transport_errc::timeout:
            return "HTTP exchange timed out";
        case transport_errc::tls_failure:
            return "TLS failure";
        case transport_errc::body_too_large:
            return "response body too large";
        case transport_errc::headers_too_large:
            return "response headers too large";
        case transport_errc::protocol_error:
            return "HTTP protocol error";
        case transport_errc::cancelled:
            return "HTTP exchange cancelled";
        case transport_errc::pool_timeout:
            return "timed out waiting for a connection (nothing was sent)";
        case transport_errc::certificate_refused:
            return "TLS certificate refused (nothing was sent)";
        }
        return "unknown transport error";
    }

    std::error_condition default_error_condition(int ev) const noexcept override {
        switch (static_cast<transport_errc>(ev)) {
        case transport_errc::timeout:
        case transport_errc::pool_timeout:
            return std::errc::timed_out;
        case transport_errc::connection_reset:
            return std::errc::connection_reset;
        case transport_errc::cancelled:
            return std::errc::operation_canceled;
        default:
            return {ev, *this};
        }
    }

    // A refused certificate, of this category or another, is also a TLS failure.
    bool equivalent(const std::error_code& code, int condition) const noexcept override {
        if (condition == static_cast<int>(transport_errc::tls_failure) &&
            code.default_error_condition() ==
                std::error_condition(static_cast<int>(transport_errc::certificate_refused), *this))
            return true;
        return std::error_category::equivalent(code, condition);
    }
};

} // namespace detail

LTX_DECL const std::error_category& transport_category() noexcept {
    static const detail::transport_category_impl category;
    return category;
}

} // namespace ltx::http

#endif
