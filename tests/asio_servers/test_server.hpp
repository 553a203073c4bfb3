// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// An HTTP/1.1 server for the transport tests, on 127.0.0.1 with a port the OS picks, run on a
// thread of its own from construction to destruction. Its interface names no networking type,
// so the tests that use it compile without the server's own networking library.
//
// Routes (path; the query is ignored unless said):
//   /json                 200, a small JSON body with Content-Length, kept alive
//   /chunked              200, chunked body "Hello, chunked world" in three chunks + a trailer
//   /close                200, body delimited by closing the connection
//   /bytewise             200 with Content-Length, written one byte per write
//   /reset                200 announcing 100000 bytes, 10 sent, then a TCP reset
//   /hang-body            200 announcing 100 bytes, 10 sent, then silence
//   /big-headers          200 with ~200 KB of header fields
//   /many-headers         200 with 500 header fields
//   /big-body?n=N         200 with N bytes of 'x'
//   /slow?ms=N            200, /json's body after N milliseconds (default 50)
//   /silent...            reads the request, never answers
//   /429?after=S          429 with `Retry-After: S` the first time, then 200 /json's body
//   /echo                 200, the request body back; X-Method, X-Target, X-Host, X-Length
//   /status/NNN           that status, empty body (none at all for 204 and 304)
//   /connection-close     200 with Content-Length and `Connection: close`, then closes
//   /v1/ltxstudio/...     a small simulation of the API (create, job polls, account)
#ifndef LTX_TESTS_ASIO_SERVERS_TEST_SERVER_HPP
#define LTX_TESTS_ASIO_SERVERS_TEST_SERVER_HPP

#include "certs.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ltx_test {

/// A TLS server's certificate chain (`cert`: the leaf, then its issuers) and private key.
using tls_identity = pem_identity;

/// A request as the server received it.
struct received_request {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

/// The test server; see the routes above.
class http_server {
public:
    /// A plain HTTP server.
    http_server();
    /// An HTTPS server presenting `identity`.
    explicit http_server(tls_identity identity);
    /// Stops the server and joins its thread.
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    /// The port it listens on.
    std::uint16_t port() const;
    /// `http(s)://127.0.0.1:<port>` followed by `path`.
    std::string url(std::string_view path = "/") const;
    /// Connections accepted so far.
    std::size_t connections() const;
    /// The most connections open at once so far (accepted, not yet closed by either side).
    std::size_t peak_open_connections() const;
    /// Requests received so far, in order.
    std::vector<received_request> requests() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A TCP listener on 127.0.0.1 that accepts connections and never reads nor writes: a server
/// that never answers, even the TLS handshake.
class mute_server {
public:
    mute_server();
    ~mute_server();
    mute_server(const mute_server&) = delete;
    mute_server& operator=(const mute_server&) = delete;
    std::uint16_t port() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// An HTTP proxy that only tunnels: it answers `CONNECT host:port` with 200 and relays bytes
/// both ways; a target that refuses gets a 502, any other method a 405. Made with a
/// `Proxy-Authorization` value, it answers a CONNECT without that value with a 407.
class connect_proxy {
public:
    connect_proxy();
    explicit connect_proxy(std::string required_authorization);
    ~connect_proxy();
    connect_proxy(const connect_proxy&) = delete;
    connect_proxy& operator=(const connect_proxy&) = delete;
    std::uint16_t port() const;
    /// `http://127.0.0.1:<port>`.
    std::string url() const;
    /// The request lines received (`CONNECT 127.0.0.1:4431 HTTP/1.1`, ...), in order.
    std::vector<std::string> request_lines() const;
    /// The whole heads received (request line and fields), in order.
    std::vector<std::string> request_heads() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A port on 127.0.0.1 where nothing listens (bound, then closed).
std::uint16_t unused_port();

} // namespace ltx_test

#endif
