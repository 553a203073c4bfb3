// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The test server, on Boost.Beast and Boost.Asio coroutines. Requests are parsed with Beast;
// answers are written as raw bytes, so a route controls framing, pacing and how the
// connection ends.
#include "test_server.hpp"

// Clang 14 cannot emit -fsanitize=function's prologue for coroutines ("Cannot represent a
// difference across sections"): that check is off for this file's functions. Functions first
// declared in the header keep it, which clang notes as an ignored attribute.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wignored-attributes"
#pragma clang attribute push(__attribute__((no_sanitize("function"))), apply_to = function)
#endif

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <atomic>
#include <charconv>
#include <map>
#include <mutex>
#include <thread>

namespace ltx_test {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;

namespace {

std::string query_value(std::string_view target, std::string_view key) {
    const auto q = target.find('?');
    if (q == std::string_view::npos) {
        return {};
    }
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == key && eq != std::string_view::npos) {
            return std::string(pair.substr(eq + 1));
        }
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    }
    return {};
}

std::size_t to_size(const std::string& s, std::size_t fallback) {
    std::size_t v = fallback;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::string response(int status, std::string_view reason, std::string_view body,
                     std::string_view extra_headers = {}) {
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
    out += extra_headers;
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

std::string json_response(std::string_view body) {
    return response(200, "OK", body, "Content-Type: application/json\r\n");
}

// What a route asks the session to do after writing its answer.
enum class then { keep_alive, close, reset, hang };

} // namespace

struct http_server::impl {
    net::io_context io{1};
    tcp::acceptor acceptor{io};
    std::unique_ptr<net::ssl::context> tls;
    std::thread thread;
    std::atomic<std::size_t> accepted{0};
    std::atomic<std::size_t> open{0};
    std::atomic<std::size_t> peak{0};
    mutable std::mutex mutex;
    std::vector<received_request> received;
    std::map<std::string, int> hits;
    std::map<std::string, int> polls;

    explicit impl(std::unique_ptr<net::ssl::context> ctx) : tls(std::move(ctx)) {
        tcp::endpoint ep{net::ip::make_address("127.0.0.1"), 0};
        acceptor.open(ep.protocol());
        acceptor.set_option(net::socket_base::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen();
        net::co_spawn(io, accept_loop(), net::detached);
        thread = std::thread([this] { io.run(); });
    }

    ~impl() {
        io.stop();
        thread.join();
    }

    awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(net::as_tuple(use_awaitable));
            if (ec) {
                co_return;
            }
            ++accepted;
            peak = std::max(peak.load(), ++open);
            socket.set_option(tcp::no_delay(true));
            if (tls) {
                net::co_spawn(io, tls_session(std::move(socket)), net::detached);
            } else {
                net::co_spawn(io, session(std::move(socket)), net::detached);
            }
        }
    }

    awaitable<void> tls_session(tcp::socket socket) {
        net::ssl::stream<tcp::socket> stream{std::move(socket), *tls};
        auto [ec] = co_await stream.async_handshake(net::ssl::stream_base::server,
                                                    net::as_tuple(use_awaitable));
        if (!ec) {
            co_await session_loop(stream);
        }
        --open; // not reached when the server stops first, which destroys the coroutine
    }

    awaitable<void> session(tcp::socket socket) {
        co_await session_loop(socket);
        --open;
    }

    template <class Stream> awaitable<void> session_loop(Stream& stream) {
        boost::beast::flat_buffer buffer;
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(256 * 1024 * 1024);
            parser.header_limit(1024 * 1024);
            auto [ec, n] =
                co_await http::async_read(stream, buffer, parser, net::as_tuple(use_awaitable));
            (void)n;
            if (ec) {
                co_return;
            }
            auto req = parser.release();
            received_request r;
            r.method = std::string(req.method_string());
            r.target = std::string(req.target());
            for (const auto& f : req) {
                r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
            }
            r.body = req.body();
            {
                std::lock_guard lock{mutex};
                received.push_back(r);
            }
            const then next = co_await answer(stream, r);
            if (next == then::keep_alive && req.keep_alive()) {
                continue;
            }
            auto& socket = stream_socket(stream);
            boost::system::error_code ignored;
            if (next == then::reset) {
                socket.set_option(net::socket_base::linger(true, 0), ignored);
                socket.close(ignored);
            } else if (next == then::hang) {
                char byte = 0;
                co_await socket.async_read_some(net::buffer(&byte, 1),
                                                net::as_tuple(use_awaitable));
            } else {
                socket.shutdown(tcp::socket::shutdown_send, ignored);
                socket.close(ignored);
            }
            co_return;
        }
    }

    static tcp::socket& stream_socket(tcp::socket& s) { return s; }
    static tcp::socket& stream_socket(net::ssl::stream<tcp::socket>& s) { return s.next_layer(); }

    template <class Stream> awaitable<void> write(Stream& stream, std::string_view bytes) {
        co_await net::async_write(stream, net::buffer(bytes.data(), bytes.size()),
                                  net::as_tuple(use_awaitable));
    }

    int hit(const std::string& key) {
        std::lock_guard lock{mutex};
        return ++hits[key];
    }

    // An answer: its bytes, whether they go out one byte per write, and what follows. Built
    // outside the coroutines, so no temporary lives across a co_await.
    struct answer_t {
        std::string bytes;
        bool bytewise = false;
        std::chrono::milliseconds delay{0};
        then next = then::keep_alive;
    };

    template <class Stream> awaitable<then> answer(Stream& stream, const received_request& r) {
        const answer_t a = make_answer(r);
        if (a.delay.count() > 0) {
            net::steady_timer timer{stream.get_executor(), a.delay};
            co_await timer.async_wait(net::as_tuple(use_awaitable));
        }
        if (a.bytewise) {
            for (std::size_t i = 0; i < a.bytes.size(); ++i) {
                co_await write(stream, std::string_view(a.bytes).substr(i, 1));
            }
        } else if (!a.bytes.empty()) {
            co_await write(stream, a.bytes);
        }
        co_return a.next;
    }

    answer_t make_answer(const received_request& r) {
        const std::string_view target = r.target;
        const std::string_view path = target.substr(0, target.find('?'));
        answer_t a;
        if (path == "/json") {
            a.bytes = json_response(R"({"ok":true})");
        } else if (path == "/chunked") {
            a.bytes = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                      "Trailer: X-Checksum\r\n\r\n"
                      "7\r\nHello, \r\n8\r\nchunked \r\n5\r\nworld\r\n"
                      "0\r\nX-Checksum: 42\r\n\r\n";
        } else if (path == "/close") {
            a.bytes = "HTTP/1.1 200 OK\r\n\r\nclose-delimited body";
            a.next = then::close;
        } else if (path == "/bytewise") {
            a.bytes = json_response(R"({"bytewise":true})");
            a.bytewise = true;
        } else if (path == "/reset") {
            a.bytes = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n0123456789";
            a.next = then::reset;
        } else if (path == "/hang-body") {
            a.bytes = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789";
            a.next = then::hang;
        } else if (path == "/big-headers") {
            std::string fields;
            for (int i = 0; i < 200; ++i) {
                fields += "X-Filler-" + std::to_string(i) + ": " + std::string(1000, 'f') + "\r\n";
            }
            a.bytes = response(200, "OK", "{}", fields);
        } else if (path == "/many-headers") {
            std::string fields;
            for (int i = 0; i < 500; ++i) {
                fields += "X-F" + std::to_string(i) + ": v\r\n";
            }
            a.bytes = response(200, "OK", "{}", fields);
        } else if (path == "/big-body") {
            const auto n = to_size(query_value(target, "n"), 1000);
            a.bytes = response(200, "OK", std::string(n, 'x'));
        } else if (path == "/slow") {
            a.delay = std::chrono::milliseconds(to_size(query_value(target, "ms"), 50));
            a.bytes = json_response(R"({"slow":true})");
        } else if (path.starts_with("/silent")) {
            a.next = then::hang;
        } else if (path == "/429") {
            if (hit(std::string(target)) == 1) {
                std::string after = query_value(target, "after");
                if (after.empty()) {
                    after = "1";
                }
                a.bytes =
                    response(429, "Too Many Requests", R"({"error":"Too many jobs","code":429})",
                             "Retry-After: " + after + "\r\n");
            } else {
                a.bytes = json_response(R"({"ok":true})");
            }
        } else if (path == "/echo") {
            std::string extra = "X-Method: " + r.method + "\r\nX-Target: " + r.target + "\r\n";
            for (const auto& [name, value] : r.headers) {
                if (boost::beast::iequals(name, "Host")) {
                    extra += "X-Host: " + value + "\r\n";
                }
            }
            extra += "X-Length: " + std::to_string(r.body.size()) + "\r\n";
            a.bytes = response(200, "OK", r.body, extra);
        } else if (path.starts_with("/status/")) {
            const int status = static_cast<int>(to_size(std::string(path.substr(8)), 500));
            if (status == 204 || status == 304) {
                a.bytes = "HTTP/1.1 " + std::to_string(status) + " No Body\r\n\r\n";
            } else {
                a.bytes = response(status, "Status", "");
            }
        } else if (path == "/connection-close") {
            a.bytes = response(200, "OK", "bye", "Connection: close\r\n");
            a.next = then::close;
        } else if (path.starts_with("/v1/ltxstudio/")) {
            a.bytes = api(r, path.substr(14));
        } else {
            a.bytes = response(404, "Not Found", R"({"error":"no route","code":404})");
        }
        if (r.method == "HEAD") {
            a.bytes.resize(a.bytes.find("\r\n\r\n") + 4); // the head only
        }
        return a;
    }

    // Jobs whose id holds "forever" stay active; others complete at their third poll.
    std::string api(const received_request& r, std::string_view path) {
        if (r.method == "POST" && path == "videos/ltx-create") {
            return json_response(R"({"jobId":"job-1","generationId":"gen_1"})");
        }
        if (r.method == "GET" && path.starts_with("assets/") && path.size() > 7) {
            const std::string id{path.substr(7)};
            int n = 0;
            {
                std::lock_guard lock{mutex};
                n = ++polls[id];
            }
            if (id.find("forever") != std::string::npos || n < 3) {
                return json_response(R"({"jobId":")" + id +
                                     R"(","status":{"type":"active","progress":)" +
                                     std::to_string(n * 30) + "}}");
            }
            return json_response(
                R"({"jobId":")" + id +
                R"(","status":{"type":"completed","progress":100,"artifact":{"assetUrl":)"
                R"("http://127.0.0.1/artifact.mp4","expirationDateString":"1748919477350"}}})");
        }
        if (r.method == "GET" && path == "assets/") {
            return json_response(R"({"items":[],"meta":{"totalItems":0}})");
        }
        if (path.starts_with("accounts")) {
            return json_response(R"({"email":"a@example.com","maxJobs":20})");
        }
        return response(404, "Not Found", R"({"error":"unknown","code":404})");
    }
};

namespace {

std::unique_ptr<net::ssl::context> server_context(const tls_identity& id) {
    auto ctx = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    ctx->use_certificate_chain(net::buffer(id.cert));
    ctx->use_private_key(net::buffer(id.key), net::ssl::context::pem);
    return ctx;
}

} // namespace

http_server::http_server() : impl_(std::make_unique<impl>(nullptr)) {}

http_server::http_server(tls_identity identity)
    : impl_(std::make_unique<impl>(server_context(identity))) {}

http_server::~http_server() = default;

std::uint16_t http_server::port() const {
    return impl_->acceptor.local_endpoint().port();
}

std::string http_server::url(std::string_view path) const {
    return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port()) +
           std::string(path);
}

std::size_t http_server::connections() const {
    return impl_->accepted.load();
}

std::size_t http_server::peak_open_connections() const {
    return impl_->peak.load();
}

std::vector<received_request> http_server::requests() const {
    std::lock_guard lock{impl_->mutex};
    return impl_->received;
}

struct mute_server::impl {
    net::io_context io{1};
    tcp::acceptor acceptor{io, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}};
    std::vector<tcp::socket> held;
    std::thread thread;

    impl() {
        net::co_spawn(io, accept_loop(), net::detached);
        thread = std::thread([this] { io.run(); });
    }
    ~impl() {
        io.stop();
        thread.join();
    }
    awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(net::as_tuple(use_awaitable));
            if (ec) {
                co_return;
            }
            held.push_back(std::move(socket));
        }
    }
};

mute_server::mute_server() : impl_(std::make_unique<impl>()) {}
mute_server::~mute_server() = default;
std::uint16_t mute_server::port() const {
    return impl_->acceptor.local_endpoint().port();
}

struct connect_proxy::impl {
    net::io_context io{1};
    tcp::acceptor acceptor{io, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}};
    mutable std::mutex mutex;
    std::vector<std::string> lines;
    std::vector<std::string> heads;
    std::string required_authorization;
    std::thread thread;

    explicit impl(std::string authorization) : required_authorization(std::move(authorization)) {
        net::co_spawn(io, accept_loop(), net::detached);
        thread = std::thread([this] { io.run(); });
    }
    ~impl() {
        io.stop();
        thread.join();
    }

    awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(net::as_tuple(use_awaitable));
            if (ec) {
                co_return;
            }
            net::co_spawn(io, tunnel(std::make_shared<tcp::socket>(std::move(socket))),
                          net::detached);
        }
    }

    static awaitable<void> relay(std::shared_ptr<tcp::socket> from,
                                 std::shared_ptr<tcp::socket> to) {
        std::array<char, 16384> buf;
        for (;;) {
            auto [ec, n] =
                co_await from->async_read_some(net::buffer(buf), net::as_tuple(use_awaitable));
            if (ec) {
                break;
            }
            auto [wec, w] = co_await net::async_write(*to, net::buffer(buf.data(), n),
                                                      net::as_tuple(use_awaitable));
            (void)w;
            if (wec) {
                break;
            }
        }
        boost::system::error_code ignored;
        to->shutdown(tcp::socket::shutdown_send, ignored);
    }

    awaitable<void> tunnel(std::shared_ptr<tcp::socket> client) {
        std::string head;
        auto [ec, n] = co_await net::async_read_until(*client, net::dynamic_buffer(head),
                                                      "\r\n\r\n", net::as_tuple(use_awaitable));
        if (ec) {
            co_return;
        }
        const std::string line = head.substr(0, head.find("\r\n"));
        {
            std::lock_guard lock{mutex};
            lines.push_back(line);
            heads.push_back(head.substr(0, n));
        }
        const bool authorized = required_authorization.empty() ||
                                head.find("\r\nProxy-Authorization: " + required_authorization +
                                          "\r\n") != std::string::npos;
        const std::string reply_405 =
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n";
        const std::string reply_502 = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";
        const std::string reply_200 = "HTTP/1.1 200 Connection established\r\n\r\n";
        const std::string reply_407 = "HTTP/1.1 407 Proxy Authentication Required\r\n"
                                      "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                                      "Content-Length: 0\r\n\r\n";
        if (!authorized) {
            co_await net::async_write(*client, net::buffer(reply_407),
                                      net::as_tuple(use_awaitable));
            co_return;
        }
        if (!line.starts_with("CONNECT ") || n != head.size()) {
            co_await net::async_write(*client, net::buffer(reply_405),
                                      net::as_tuple(use_awaitable));
            co_return;
        }
        const std::string authority = line.substr(8, line.find(' ', 8) - 8);
        const auto colon = authority.rfind(':');
        const std::string port = authority.substr(colon + 1);
        auto upstream = std::make_shared<tcp::socket>(io);
        tcp::endpoint target{net::ip::make_address("127.0.0.1"),
                             static_cast<unsigned short>(to_size(port, 0))};
        auto [cec] = co_await upstream->async_connect(target, net::as_tuple(use_awaitable));
        if (cec) {
            co_await net::async_write(*client, net::buffer(reply_502),
                                      net::as_tuple(use_awaitable));
            co_return;
        }
        co_await net::async_write(*client, net::buffer(reply_200), net::as_tuple(use_awaitable));
        net::co_spawn(io, relay(upstream, client), net::detached);
        co_await relay(client, upstream);
    }
};

connect_proxy::connect_proxy() : impl_(std::make_unique<impl>(std::string{})) {}
connect_proxy::connect_proxy(std::string required_authorization)
    : impl_(std::make_unique<impl>(std::move(required_authorization))) {}
connect_proxy::~connect_proxy() = default;
std::uint16_t connect_proxy::port() const {
    return impl_->acceptor.local_endpoint().port();
}
std::string connect_proxy::url() const {
    return "http://127.0.0.1:" + std::to_string(port());
}
std::vector<std::string> connect_proxy::request_lines() const {
    std::lock_guard lock{impl_->mutex};
    return impl_->lines;
}
std::vector<std::string> connect_proxy::request_heads() const {
    std::lock_guard lock{impl_->mutex};
    return impl_->heads;
}

std::uint16_t unused_port() {
    net::io_context io;
    tcp::acceptor a{io, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}};
    return a.local_endpoint().port();
}

} // namespace ltx_test

#if defined(__clang__)
#pragma clang attribute pop
#pragma clang diagnostic pop
#endif
