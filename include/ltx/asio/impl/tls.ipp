// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_IMPL_TLS_IPP
#define LTX_ASIO_IMPL_TLS_IPP

#include <ltx/asio/tls.hpp>
#include <ltx/http/error.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>

namespace ltx::asio {

namespace detail {

class tls_verify_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.tls"; }

    std::string message(int ev) const override {
        return std::string("TLS certificate rejected: ") + X509_verify_cert_error_string(ev);
    }

    std::error_condition default_error_condition(int) const noexcept override {
        return make_error_code(http::transport_errc::certificate_refused).default_error_condition();
    }
};

} // namespace detail

LTX_DECL const std::error_category& tls_verify_category() noexcept {
    static const detail::tls_verify_category_impl category;
    return category;
}

LTX_DECL bool is_tls_error(const std::error_code& ec) noexcept {
    return ec.category() == tls_verify_category() || http::is_tls_failure(ec);
}

LTX_DECL ::asio::ssl::context make_tls_context(const tls_options& opts) {
    ::asio::ssl::context ctx{::asio::ssl::context::tls_client};
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    ctx.set_options(::asio::ssl::context::default_workarounds | ::asio::ssl::context::no_sslv2 |
                    ::asio::ssl::context::no_sslv3 | ::asio::ssl::context::no_compression);
    ctx.set_verify_mode(::asio::ssl::verify_peer);
    if (opts.system_cas) {
        ctx.set_default_verify_paths();
    }
    if (!opts.ca_file.empty()) {
        ctx.load_verify_file(opts.ca_file);
    }
    if (!opts.ca_dir.empty()) {
        ctx.add_verify_path(opts.ca_dir);
    }
    return ctx;
}

} // namespace ltx::asio

#endif
