// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_IMPL_OPTIONS_IPP
#define LTX_ASIO_IMPL_OPTIONS_IPP

#include <ltx/asio/options.hpp>

#include <cstdlib>

namespace ltx::asio {

namespace detail {

// The lower-case spelling wins, as in most tools that read these variables.
LTX_DECL std::string environment(const char* lower, const char* upper) {
    for (const char* name : {lower, upper}) {
        if (const char* v = std::getenv(name); v != nullptr && *v != '\0') {
            return v;
        }
    }
    return {};
}

} // namespace detail

LTX_DECL proxy_options proxy_from_environment() {
    proxy_options p;
    const std::string all = detail::environment("all_proxy", "ALL_PROXY");
    p.https_proxy = detail::environment("https_proxy", "HTTPS_PROXY");
    p.http_proxy = detail::environment("http_proxy", "HTTP_PROXY");
    if (p.https_proxy.empty()) {
        p.https_proxy = all;
    }
    if (p.http_proxy.empty()) {
        p.http_proxy = all;
    }
    p.no_proxy = detail::environment("no_proxy", "NO_PROXY");
    return p;
}

} // namespace ltx::asio

#endif
