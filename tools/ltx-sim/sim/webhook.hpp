// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Webhook delivery: the job model POSTed as JSON to the caller's replyUrl, once, over plain
// HTTP. The reference documents no signature and no retry, so the simulator sends none.
#ifndef LTX_SIM_WEBHOOK_HPP
#define LTX_SIM_WEBHOOK_HPP

#include "reply.hpp"
#include "session.hpp"

#include <ltx/http/url.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/version.hpp>

#include <functional>
#include <memory>
#include <string>

namespace ltx::sim {

/// One webhook POST; `done(ok, why)` is called once, `ok` when the receiver answered 2xx.
class webhook_post : public std::enable_shared_from_this<webhook_post> {
public:
    using callback = std::function<void(bool ok, const std::string& why)>;

    /// Give up on a receiver after this long.
    static constexpr std::chrono::seconds timeout{10};

    webhook_post(net::any_io_executor ex, webhook w, callback done)
        : resolver_(ex), stream_(ex), hook_(std::move(w)), done_(std::move(done)) {}

    void start() {
        const auto u = ltx::http::parse_url(hook_.url);
        if (!u)
            return finish(false, "replyUrl is not a URL");
        if (u->is_https())
            return finish(false, "https replyUrl: the simulator delivers over plain http only");
        req_ = {http::verb::post, u->target(), 11};
        req_.set(http::field::host, u->authority());
        req_.set(http::field::user_agent, "ltx-sim");
        req_.set(http::field::content_type, "application/json");
        req_.keep_alive(false);
        req_.body() = hook_.body;
        req_.prepare_payload();
        stream_.expires_after(timeout);
        resolver_.async_resolve(
            std::string{u->host_unbracketed()}, std::to_string(u->port()),
            [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
                if (ec)
                    return self->finish(false, "resolve: " + ec.message());
                self->connect(r);
            });
    }

private:
    void connect(const tcp::resolver::results_type& r) {
        stream_.async_connect(r, [self = shared_from_this()](beast::error_code ec,
                                                             const tcp::endpoint&) {
            if (ec)
                return self->finish(false, "connect: " + ec.message());
            http::async_write(self->stream_, self->req_, [self](beast::error_code e, std::size_t) {
                if (e)
                    return self->finish(false, "write: " + e.message());
                self->read();
            });
        });
    }

    void read() {
        http::async_read(
            stream_, buffer_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
                if (ec)
                    return self->finish(false, "read: " + ec.message());
                const auto status = self->res_.result_int();
                self->finish(status / 100 == 2, "receiver answered " + std::to_string(status));
            });
    }

    void finish(bool ok, const std::string& why) {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        if (auto f = std::exchange(done_, nullptr))
            f(ok, why);
    }

    tcp::resolver resolver_;
    beast::tcp_stream stream_;
    webhook hook_;
    callback done_;
    request_t req_;
    beast::flat_buffer buffer_;
    response_t res_;
};

} // namespace ltx::sim

#endif
