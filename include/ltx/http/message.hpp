// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_MESSAGE_HPP
#define LTX_HTTP_MESSAGE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/http/body.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/http/method.hpp>
#include <ltx/http/url.hpp>

#include <chrono>
#include <string>

namespace ltx::http {

/// An HTTP request as the client hands it to a transport.
///
/// A plain aggregate: build it with designated initializers,
/// `request{.method = method::post, .url = u, .headers = {{"Content-Type", "application/json"}},
/// .body = json}`. The transport derives the request line from `method` and `url.target()`,
/// adds `Host` (from `url.authority()`) and `Content-Length` (from `body.size()`) when the
/// headers lack them, and sends everything else exactly as given.
struct request {
    /// The request method.
    http::method method = http::method::get;

    /// The absolute URL, already parsed and validated (see `parse_url`, `resolve`).
    http::url url{};

    /// The header fields, in the order they are sent. May hold `Authorization`: transports
    /// must never log it or put it in an error message.
    http::headers headers{};

    /// The body: in-memory bytes or a file streamed from disk.
    http::body body{};

    /// Time limit of the whole exchange (connect, send, receive); zero means the transport's
    /// default. Exceeding it fails the exchange with `transport_errc::timeout`.
    std::chrono::milliseconds timeout{0};

    /// When not null, the transport streams the response body into this sink instead of
    /// `response::body` (see `body_sink`). Not owned: it must outlive the exchange.
    body_sink* sink = nullptr;
};

/// An HTTP response as a transport returns it.
struct response {
    /// The status code (200, 404, ...); 0 in a default-constructed response.
    int status = 0;

    /// The header fields, in received order.
    http::headers headers{};

    /// The body bytes; empty when the request had a sink.
    std::string body{};

    /// True for a 2xx status.
    bool ok() const noexcept { return status >= 200 && status <= 299; }
};

} // namespace ltx::http

#endif
