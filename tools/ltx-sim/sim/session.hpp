// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// One HTTP/1.1 server connection on Boost.Beast: reads a request (answering
// `Expect: 100-continue`), hands it to the listener's handler, writes the answer the handler
// gives, and reads the next request while the connection is kept alive.
#ifndef LTX_SIM_SESSION_HPP
#define LTX_SIM_SESSION_HPP

#include "reply.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace ltx::sim {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

using request_t = http::request<http::string_body>;
using response_t = http::response<http::string_body>;

/// A server connection. The handler is called with the session once a whole request is read;
/// it must eventually call `send` or `drop`, at once or later (a delay, a poll).
class session : public std::enable_shared_from_this<session> {
public:
    using handler = std::function<void(const std::shared_ptr<session>&)>;

    /// Limits of one request: bodies up to 256 MiB (uploads), heads up to 64 KiB.
    static constexpr std::uint64_t body_limit = 256ull << 20;
    static constexpr std::uint32_t header_limit = 64u << 10;
    /// How long an idle or slow connection is kept.
    static constexpr std::chrono::seconds idle_timeout{120};

    session(tcp::socket socket, const handler& h)
        : stream_(std::move(socket)), timer_(stream_.get_executor()), handler_(h) {}

    void start() { read(); }

    /// The request being answered.
    const request_t& request() const { return parser_->get(); }

    /// A timer for the handler's waits; cancelled when the session ends.
    net::steady_timer& timer() noexcept { return timer_; }

    /// Writes `res` (its length and keep-alive set here), then reads the next request unless
    /// the connection closes.
    void send(response_t res) {
        const auto& req = request();
        res.version(req.version());
        res.keep_alive(req.keep_alive());
        if (req.method() == http::verb::head) {
            // The length of the body a GET would get, without the body.
            const auto size = res.body().size();
            res.body().clear();
            res.content_length(size);
        } else {
            res.prepare_payload();
        }
        res_ = std::move(res);
        stream_.expires_after(idle_timeout);
        http::async_write(
            stream_, res_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
    }

    /// Closes the connection without an answer.
    void drop() {
        beast::error_code ec;
        timer_.cancel();
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
    }

private:
    void read() {
        parser_.emplace();
        parser_->body_limit(body_limit);
        parser_->header_limit(header_limit);
        stream_.expires_after(idle_timeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    self->on_header(ec);
                                });
    }

    void on_header(beast::error_code ec) {
        if (ec)
            return fail(ec);
        // An HTTP/1.0 client's expectation is ignored (RFC 9110, 10.1.1): it gets no interim
        // answer, which it would not understand.
        const auto expect = parser_->get()[http::field::expect];
        if (parser_->get().version() >= 11 && beast::iequals(expect, "100-continue")) {
            continue_.emplace(http::status::continue_, parser_->get().version());
            http::async_write(stream_, *continue_,
                              [self = shared_from_this()](beast::error_code e, std::size_t) {
                                  if (e)
                                      return self->drop();
                                  self->read_body();
                              });
            return;
        }
        read_body();
    }

    void read_body() {
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec)
            return fail(ec);
        stream_.expires_never();
        handler_(shared_from_this());
    }

    // A request that could not be read: a malformed or oversized one gets an answer, a
    // closed or timed-out connection none.
    void fail(beast::error_code ec) {
        const bool malformed =
            ec.category() == http::make_error_code(http::error::bad_method).category() &&
            ec != http::error::end_of_stream && ec != http::error::partial_message;
        if (!malformed)
            return drop();
        const auto status = ec == http::error::body_limit ? 413u : 400u;
        response_t res{static_cast<http::status>(status), 11};
        res.set(http::field::content_type, "application/json");
        res.keep_alive(false);
        res.body() = error_reply(status, "Bad request: " + ec.message()).body;
        res.prepare_payload();
        res_ = std::move(res);
        stream_.expires_after(idle_timeout);
        http::async_write(
            stream_, res_,
            [self = shared_from_this()](beast::error_code, std::size_t) { self->drop(); });
    }

    void on_write(beast::error_code ec) {
        if (ec || !res_.keep_alive())
            return drop();
        read();
    }

    beast::tcp_stream stream_;
    net::steady_timer timer_;
    const handler& handler_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::response<http::empty_body>> continue_;
    response_t res_;
};

} // namespace ltx::sim

#endif
