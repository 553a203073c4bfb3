// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_IMPL_TRANSPORT_IPP
#define LTX_ASIO_IMPL_TRANSPORT_IPP

#include <ltx/asio/transport.hpp>

#include <system_error>

namespace ltx::asio {

LTX_DECL transport::transport(executor_type ex, ::asio::ssl::context& tls, transport_options opts)
    : state_(std::make_shared<detail::transport_state>(std::move(ex), &tls, opts)) {}

LTX_DECL transport::transport(executor_type ex, transport_options opts)
    : state_(std::make_shared<detail::transport_state>(std::move(ex), nullptr, opts)) {}

LTX_DECL transport::~transport() {
    if (state_) {
        state_->pool.clear();
    }
}

LTX_DECL http::response transport::send(const http::request& req, std::error_code& ec) {
    auto lane = state_->acquire_lane();
    http::response out;
    bool finished = false;
    ec.clear();
    auto op = std::make_shared<detail::exchange_op>(state_, lane.get(), lane->io.get_executor(),
                                                    lane->io.get_executor(), &req, std::nullopt,
                                                    [&](std::error_code e, http::response r) {
                                                        ec = e;
                                                        out = std::move(r);
                                                        finished = true;
                                                    });
    lane->io.restart();
    op->start();
    op.reset();
    // An exception escaping a handler leaves the lane in an unknown state: it is dropped, not
    // returned to the free list.
    lane->io.run();
    state_->release_lane(std::move(lane));
    if (!finished) {
        ec = http::transport_errc::cancelled;
    }
    return out;
}

LTX_DECL http::response transport::send(const http::request& req) {
    std::error_code ec;
    auto r = send(req, ec);
    if (ec) {
        throw std::system_error(ec);
    }
    return r;
}

LTX_DECL void transport::close_idle_connections() {
    state_->pool.clear(); // the sync lanes' idle connections too
}

LTX_DECL transport_stats transport::stats() const {
    transport_stats s;
    s.connections_opened = state_->connections_opened.load();
    s.connections_reused = state_->connections_reused.load();
    s.idle_connections = state_->pool.idle_count();
    s.open_connections = state_->pool.open_count();
    s.waiting_exchanges = state_->pool.waiting_count();
    return s;
}

} // namespace ltx::asio

#endif
