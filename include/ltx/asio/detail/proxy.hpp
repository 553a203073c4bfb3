// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_PROXY_HPP
#define LTX_ASIO_DETAIL_PROXY_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/options.hpp>
#include <ltx/http/url.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace ltx::asio::detail {

// True when `no_proxy` (NO_PROXY syntax) sends `host` (lower case, IPv6 without brackets)
// around the proxy.
LTX_DECL bool bypasses_proxy(std::string_view no_proxy, std::string_view host) noexcept;

// A proxy to go through, and the value of `Proxy-Authorization` for it (empty: none).
struct proxy_route {
    http::url url;
    std::string authorization;
};

// The proxy to reach `target` through, if any; `ec` is set when the configured proxy URL is
// not `http://[user[:password]@]host[:port]`.
LTX_DECL std::optional<proxy_route> proxy_for(const proxy_options& opts, const http::url& target,
                                              std::error_code& ec);

// RFC 4648 base64, padded.
LTX_DECL std::string base64(std::string_view bytes);

// The status of a proxy's answer to CONNECT once `head` holds its whole head (up to the empty
// line): 0 while incomplete, -1 when malformed.
LTX_DECL int connect_status(std::string_view head) noexcept;

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/asio/detail/impl/proxy.ipp>
#endif

#endif
