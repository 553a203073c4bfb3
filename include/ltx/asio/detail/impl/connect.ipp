// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_CONNECT_IPP
#define LTX_ASIO_DETAIL_IMPL_CONNECT_IPP

#include <ltx/asio/detail/connect.hpp>
#include <ltx/asio/detail/proxy.hpp>
#include <ltx/asio/tls.hpp>
#include <ltx/http/error.hpp>

#include <asio/bind_executor.hpp>
#include <asio/buffer.hpp>
#include <asio/error.hpp>
#include <asio/ssl/error.hpp>
#include <asio/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <string>

namespace ltx::asio::detail {

LTX_DECL connect_op::connect_op(std::shared_ptr<transport_state> state, const void* home,
                                ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                                connection_permit permit, http::url target,
                                std::optional<proxy_route> proxy, clock::time_point deadline,
                                handler done)
    : state_(std::move(state)), ex_(std::move(ex)), socket_ex_(std::move(socket_ex)),
      conn_(std::make_unique<connection>(socket_ex_, std::move(permit), home)),
      target_(std::move(target)), proxy_(std::move(proxy)), deadline_(deadline),
      done_(std::move(done)), timer_(ex_) {}

LTX_DECL void connect_op::start() {
    phase_ = phase::connecting;
    if (deadline_ != clock::time_point::max()) {
        timer_.expires_at(deadline_);
        timer_.async_wait(::asio::bind_executor(
            ex_, [self = shared_from_this()](const std::error_code& ec) { self->on_timer(ec); }));
    }
    const http::url& u = proxy_ ? proxy_->url : target_;
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

LTX_DECL void connect_op::cancel() {
    if (phase_ == phase::finished) {
        return;
    }
    cancelled_ = true;
    close_io();
}

// Tries the resolved addresses in turn. Written out rather than asio::async_connect, which
// moves on to the next address after an abort: a timeout or a cancellation must stop it.
LTX_DECL void connect_op::connect_next() {
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

LTX_DECL void connect_op::on_connected(const std::error_code& ec) {
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
    if (proxy_ && target_.is_https()) {
        return write_connect();
    }
    if (target_.is_https()) {
        return handshake();
    }
    complete({});
}

LTX_DECL void connect_op::write_connect() {
    phase_ = phase::tunnelling;
    const std::string authority = target_.host() + ":" + std::to_string(target_.port());
    tunnel_ = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (!proxy_->authorization.empty()) {
        tunnel_ += "Proxy-Authorization: " + proxy_->authorization + "\r\n";
    }
    tunnel_ += "\r\n";
    buf_ = std::make_unique_for_overwrite<char[]>(read_buffer_size);
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

LTX_DECL void connect_op::read_connect() {
    conn_->socket.async_read_some(
        ::asio::buffer(buf_.get(), read_buffer_size),
        ::asio::bind_executor(
            ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                self->on_connect_read(ec, n);
            }));
}

// The proxy's answer to CONNECT: a head and nothing more, since the server cannot speak
// before the TLS ClientHello. Any refusal means nothing reached the server.
LTX_DECL void connect_op::on_connect_read(const std::error_code& ec, std::size_t n) {
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
    buf_.reset();
    handshake();
}

LTX_DECL void connect_op::handshake() {
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
    const std::string host{target_.host_unbracketed()};
    bool configured = false;
    if (target_.kind() == http::host_kind::name) {
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

LTX_DECL void connect_op::on_handshake(const std::error_code& ec) {
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
    complete({});
}

// A deadline that passes is a connection that could not be made, whichever step it stopped.
LTX_DECL void connect_op::fail(const std::error_code& ec) {
    if (cancelled_) {
        return complete(http::transport_errc::cancelled);
    }
    const bool tls = ec.category() == ::asio::error::get_ssl_category() ||
                     ec == ::asio::ssl::error::stream_truncated;
    if (!expired_ && phase_ == phase::handshaking && tls) {
        return complete(http::transport_errc::tls_failure);
    }
    complete(http::transport_errc::connection_failed);
}

LTX_DECL void connect_op::complete(std::error_code ec) {
    if (phase_ == phase::finished) {
        return;
    }
    phase_ = phase::finished;
    timer_.cancel();
    if (resolver_) {
        resolver_->cancel();
    }
    if (ec) {
        conn_.reset();
    }
    auto done = std::move(done_);
    done_ = nullptr;
    done(ec, std::move(conn_));
}

LTX_DECL void connect_op::on_timer(const std::error_code& ec) {
    if (ec == ::asio::error::operation_aborted || phase_ == phase::finished) {
        return;
    }
    expired_ = true;
    close_io();
}

LTX_DECL void connect_op::close_io() {
    if (resolver_) {
        resolver_->cancel();
    }
    std::error_code ignored;
    conn_->socket.close(ignored);
}

} // namespace ltx::asio::detail

#endif
