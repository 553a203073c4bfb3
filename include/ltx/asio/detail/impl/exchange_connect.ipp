// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The connecting half of exchange_op: pool, resolve, connect, proxy tunnel, TLS handshake.
#ifndef LTX_ASIO_DETAIL_IMPL_EXCHANGE_CONNECT_IPP
#define LTX_ASIO_DETAIL_IMPL_EXCHANGE_CONNECT_IPP

#include <ltx/asio/detail/exchange.hpp>
#include <ltx/asio/detail/proxy.hpp>
#include <ltx/asio/tls.hpp>
#include <ltx/http/error.hpp>

#include <asio/bind_executor.hpp>
#include <asio/buffer.hpp>
#include <asio/error.hpp>
#include <asio/execution/outstanding_work.hpp>
#include <asio/post.hpp>
#include <asio/prefer.hpp>
#include <asio/ssl/error.hpp>
#include <asio/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <string>

namespace ltx::asio::detail {

LTX_DECL void exchange_op::acquire() {
    std::unique_ptr<connection> idle;
    switch (
        pool_.acquire(origin_, home_, clock::now(), state_->options, shared_from_this(), idle)) {
    case connection_pool::acquired::reused:
        return reuse(std::move(idle));
    case connection_pool::acquired::open_new:
        return open_new();
    case connection_pool::acquired::queued:
        break;
    }
    // The wait counts against the request's time limit. A grant is posted to `ex_`, so it
    // cannot arrive before the phase is set.
    phase_ = phase::waiting;
    waiting_work_ = ::asio::prefer(ex_, ::asio::execution::outstanding_work.tracked);
    arm(request_deadline_);
}

LTX_DECL void exchange_op::grant(std::unique_ptr<connection> reuse) {
    ::asio::post(ex_, [self = shared_from_this(), c = std::move(reuse)]() mutable {
        self->on_granted(std::move(c));
    });
}

LTX_DECL void exchange_op::on_granted(std::unique_ptr<connection> reuse) {
    waiting_work_ = {};
    if (phase_ != phase::waiting) {
        return give_back(std::move(reuse));
    }
    if (expired_ || cancelled_) {
        give_back(std::move(reuse));
        return fail(::asio::error::operation_aborted);
    }
    if (reuse) {
        return this->reuse(std::move(reuse));
    }
    open_new();
}

// A grant that came too late passes on to the next waiter.
LTX_DECL void exchange_op::give_back(std::unique_ptr<connection> reuse) {
    if (reuse) {
        pool_.release(origin_, std::move(reuse), clock::now(), state_->options);
    } else {
        [[maybe_unused]] const connection_permit unused{&pool_, origin_};
    }
}

LTX_DECL void exchange_op::reuse(std::unique_ptr<connection> c) {
    conn_ = std::move(c);
    reused_ = true;
    ++state_->connections_reused;
    arm(request_deadline_);
    write_request();
}

LTX_DECL void exchange_op::open_new() {
    conn_ = std::make_unique<connection>(socket_ex_, connection_permit{&pool_, origin_}, home_);
    connect();
}

LTX_DECL void exchange_op::connect() {
    phase_ = phase::connecting;
    connect_deadline_ = request_deadline_;
    if (state_->options.connect_timeout.count() > 0) {
        connect_deadline_ =
            std::min(connect_deadline_, clock::now() + state_->options.connect_timeout);
    }
    arm(connect_deadline_);
    const http::url& u = proxy_ ? *proxy_ : req_->url;
    const std::string host{u.host_unbracketed()};
    if (u.kind() != http::host_kind::name) {
        std::error_code ec;
        const auto address = ::asio::ip::make_address(host, ec);
        if (ec) {
            return fail(ec);
        }
        endpoints_ = ::asio::ip::tcp::resolver::results_type::create(
            ::asio::ip::tcp::endpoint(address, u.port()), host, std::to_string(u.port()));
        next_endpoint_ = endpoints_.begin();
        return connect_next();
    }
    resolver_ = std::make_unique<::asio::ip::tcp::resolver>(socket_ex_);
    resolver_->async_resolve(
        host, std::to_string(u.port()),
        ::asio::bind_executor(
            ex_, [self = shared_from_this()](const std::error_code& ec,
                                             ::asio::ip::tcp::resolver::results_type results) {
                if (self->phase_ == phase::finished) {
                    return;
                }
                if (ec || self->expired_ || self->cancelled_) {
                    return self->fail(ec ? ec : ::asio::error::operation_aborted);
                }
                self->endpoints_ = std::move(results);
                self->next_endpoint_ = self->endpoints_.begin();
                self->connect_next();
            }));
}

// Tries the resolved addresses in turn. Written out rather than asio::async_connect, which
// moves on to the next address after an abort: a timeout or a cancellation must stop it.
LTX_DECL void exchange_op::connect_next() {
    if (next_endpoint_ == endpoints_.end()) {
        return fail(::asio::error::host_not_found);
    }
    const auto endpoint = next_endpoint_->endpoint();
    ++next_endpoint_;
    std::error_code ignored;
    conn_->socket.close(ignored);
    conn_->socket.async_connect(
        endpoint,
        ::asio::bind_executor(ex_, [self = shared_from_this()](const std::error_code& ec) {
            self->on_connected(ec);
        }));
}

LTX_DECL void exchange_op::on_connected(const std::error_code& ec) {
    if (phase_ == phase::finished) {
        return;
    }
    if (expired_ || cancelled_) {
        return fail(::asio::error::operation_aborted);
    }
    if (ec) {
        if (next_endpoint_ != endpoints_.end()) {
            return connect_next();
        }
        return fail(ec);
    }
    std::error_code ignored;
    conn_->socket.set_option(::asio::ip::tcp::no_delay(true), ignored);
    ++state_->connections_opened;
    if (proxy_ && req_->url.is_https()) {
        return write_connect();
    }
    if (req_->url.is_https()) {
        return handshake();
    }
    arm(request_deadline_);
    write_request();
}

LTX_DECL void exchange_op::write_connect() {
    phase_ = phase::tunnelling;
    const http::url& u = req_->url;
    const std::string authority = u.host() + ":" + std::to_string(u.port());
    tunnel_ = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (!proxy_authorization_.empty()) {
        tunnel_ += "Proxy-Authorization: " + proxy_authorization_ + "\r\n";
    }
    tunnel_ += "\r\n";
    ::asio::async_write(conn_->socket, ::asio::buffer(tunnel_),
                        ::asio::bind_executor(ex_, [self = shared_from_this()](
                                                       const std::error_code& ec, std::size_t) {
                            if (self->phase_ == phase::finished) {
                                return;
                            }
                            if (ec || self->expired_ || self->cancelled_) {
                                return self->fail(ec ? ec : ::asio::error::operation_aborted);
                            }
                            self->tunnel_.clear();
                            self->read_connect();
                        }));
}

LTX_DECL void exchange_op::read_connect() {
    conn_->socket.async_read_some(
        ::asio::buffer(buf_.get(), buffer_size),
        ::asio::bind_executor(
            ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                self->on_connect_read(ec, n);
            }));
}

// The proxy's answer to CONNECT: a head and nothing more, since the server cannot speak
// before the TLS ClientHello. Any refusal means nothing reached the server.
LTX_DECL void exchange_op::on_connect_read(const std::error_code& ec, std::size_t n) {
    if (phase_ == phase::finished) {
        return;
    }
    if (expired_ || cancelled_) {
        return fail(::asio::error::operation_aborted);
    }
    tunnel_.append(buf_.get(), n);
    const int status = connect_status(tunnel_);
    if (status == 0 && !ec && tunnel_.size() <= state_->options.max_header_bytes) {
        return read_connect();
    }
    const bool whole = status > 0 && tunnel_.ends_with("\r\n\r\n") &&
                       tunnel_.find("\r\n\r\n") == tunnel_.size() - 4;
    if (status / 100 != 2 || !whole) {
        return complete(http::transport_errc::connection_failed);
    }
    tunnel_.clear();
    handshake();
}

LTX_DECL void exchange_op::handshake() {
    phase_ = phase::handshaking;
    ::asio::ssl::context* ctx = nullptr;
    try {
        ctx = &state_->tls_context();
    } catch (const std::system_error& e) {
        return complete(e.code());
    }
    conn_->tls =
        std::make_unique<::asio::ssl::stream<::asio::ip::tcp::socket&>>(conn_->socket, *ctx);
    SSL* ssl = conn_->tls->native_handle();
    const http::url& u = req_->url;
    const std::string host{u.host_unbracketed()};
    bool configured = false;
    if (u.kind() == http::host_kind::name) {
        configured = SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 &&
                     SSL_set1_host(ssl, host.c_str()) == 1;
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    } else {
        configured = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) == 1;
    }
    std::error_code ec;
    conn_->tls->set_verify_mode(::asio::ssl::verify_peer, ec);
    if (!configured || ec) {
        return complete(http::transport_errc::tls_failure);
    }
    conn_->tls->async_handshake(
        ::asio::ssl::stream_base::client,
        ::asio::bind_executor(ex_, [self = shared_from_this()](const std::error_code& hec) {
            self->on_handshake(hec);
        }));
}

LTX_DECL void exchange_op::on_handshake(const std::error_code& ec) {
    if (phase_ == phase::finished) {
        return;
    }
    if (ec && !expired_ && !cancelled_) {
        const long verify = SSL_get_verify_result(conn_->tls->native_handle());
        if (verify != X509_V_OK) {
            return complete(std::error_code(static_cast<int>(verify), tls_verify_category()));
        }
    }
    if (ec || expired_ || cancelled_) {
        return fail(ec ? ec : ::asio::error::operation_aborted);
    }
    arm(request_deadline_);
    write_request();
}

} // namespace ltx::asio::detail

#endif
