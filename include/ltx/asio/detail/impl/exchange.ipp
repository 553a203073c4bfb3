// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_EXCHANGE_IPP
#define LTX_ASIO_DETAIL_IMPL_EXCHANGE_IPP

#include <ltx/asio/detail/exchange.hpp>
#include <ltx/http/detail/http1/serializer.hpp>
#include <ltx/http/error.hpp>
#include <ltx/http/headers.hpp>

#include <asio/bind_executor.hpp>
#include <asio/buffer.hpp>
#include <asio/error.hpp>
#include <asio/execution/outstanding_work.hpp>
#include <asio/post.hpp>
#include <asio/prefer.hpp>
#include <asio/ssl/error.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <string_view>

namespace ltx::asio::detail {

namespace http1 = ltx::http::detail::http1;
using http::transport_errc;

// Small bodies go out in the same write (and TLS record) as the head.
inline constexpr std::size_t inline_body_limit = 16 * 1024;

LTX_DECL bool has_close_token(std::string_view value) noexcept {
    while (!value.empty()) {
        const auto comma = value.find(',');
        auto token = value.substr(0, comma);
        while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) {
            token.remove_prefix(1);
        }
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) {
            token.remove_suffix(1);
        }
        if (http::iequals(token, "close")) {
            return true;
        }
        value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    }
    return false;
}

LTX_DECL std::error_code map_parser_error(const std::error_code& ec) {
    switch (static_cast<http1::error>(ec.value())) {
    case http1::error::headers_too_large:
    case http1::error::too_many_headers:
        return transport_errc::headers_too_large;
    case http1::error::body_too_large:
        return transport_errc::body_too_large;
    case http1::error::partial_message:
        return transport_errc::connection_reset;
    default:
        return transport_errc::protocol_error;
    }
}

LTX_DECL exchange_op::exchange_op(std::shared_ptr<transport_state> state, const void* home,
                                  ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                                  const http::request* req, std::optional<http::request> owned,
                                  http::response_handler done)
    : state_(std::move(state)), pool_(state_->pool), home_(home), ex_(std::move(ex)),
      socket_ex_(std::move(socket_ex)), owned_(std::move(owned)), req_(owned_ ? &*owned_ : req),
      done_(std::move(done)), timer_(ex_),
      parser_(http1::parser_limits{
          state_->options.max_header_bytes, state_->options.max_header_count,
          req_->sink != nullptr ? std::uint64_t(-1) : state_->options.max_body_bytes}) {}

LTX_DECL void exchange_op::start() {
    ::asio::post(ex_, [self = shared_from_this()] { self->run(); });
}

LTX_DECL void exchange_op::cancel() {
    ::asio::post(ex_, [self = shared_from_this()] {
        if (self->phase_ == phase::finished) {
            return;
        }
        self->cancelled_ = true;
        self->close_io();
    });
}

template <class F> void exchange_op::with_stream(F&& f) {
    if (conn_->tls) {
        f(*conn_->tls);
    } else {
        f(conn_->socket);
    }
}

LTX_DECL void exchange_op::run() {
    if (cancelled_) {
        return complete(transport_errc::cancelled);
    }
    const http::request& r = *req_;
    if (r.url.empty()) {
        return complete(std::make_error_code(std::errc::invalid_argument));
    }
    std::error_code proxy_ec;
    auto route = proxy_for(state_->options.proxy, r.url, proxy_ec);
    if (proxy_ec) {
        return complete(proxy_ec);
    }
    proxy_ = std::move(route);
    // Through a proxy, plain http goes in absolute form; https goes through a tunnel.
    target_ = proxy_ && !r.url.is_https() ? r.url.to_string() : r.url.target();
    const bool framed_method = r.method == http::method::post || r.method == http::method::put ||
                               r.method == http::method::patch;
    const std::string authority = r.url.authority();
    http1::request_head head{http::to_string(r.method), target_, authority, std::nullopt};
    if (!r.body.empty() || framed_method) {
        head.body_length = r.body.size();
    }
    // In absolute form the request itself goes to the proxy, with the proxy's credentials.
    const bool authorize = proxy_ && !r.url.is_https() && !proxy_->authorization.empty() &&
                           !r.headers.contains("Proxy-Authorization");
    std::optional<http::headers> with_authorization;
    if (authorize) {
        with_authorization.emplace(r.headers);
        with_authorization->add("Proxy-Authorization", proxy_->authorization);
    }
    if (auto ec =
            http1::write_request_head(head, authorize ? *with_authorization : r.headers, out_)) {
        return complete(ec);
    }
    if (const auto* file = r.body.file()) {
        file_.reset(std::fopen(file->path().c_str(), "rb"));
        if (!file_) {
            return complete(std::error_code(errno, std::generic_category()));
        }
        file_left_ = file->size();
    } else if (r.body.size() <= inline_body_limit) {
        out_.append(*r.body.bytes());
        body_in_out_ = true;
    }
    buf_ = std::make_unique_for_overwrite<char[]>(read_buffer_size);
    parser_.on_body([this](std::string_view piece) { on_body_piece(piece); });
    parser_.set_head_request(r.method == http::method::head);

    const auto budget = r.timeout.count() > 0 ? r.timeout : state_->options.request_timeout;
    if (budget.count() > 0) {
        request_deadline_ = clock::now() + budget;
    }
    origin_ = r.url.scheme() + "://" + r.url.host() + ":" + std::to_string(r.url.port());
    if (proxy_) {
        origin_ += " via " + proxy_->url.host() + ":" + std::to_string(proxy_->url.port());
    }
    acquire();
}

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
    connect(connection_permit{&pool_, origin_});
}

// The connect_op's deadline replaces the request's until it completes: it is the earlier one.
LTX_DECL void exchange_op::connect(connection_permit permit) {
    phase_ = phase::connecting;
    auto deadline = request_deadline_;
    if (state_->options.connect_timeout.count() > 0) {
        deadline = std::min(deadline, clock::now() + state_->options.connect_timeout);
    }
    timer_.expires_at(clock::time_point::max());
    auto op = std::make_shared<connect_op>(
        state_, home_, ex_, socket_ex_, std::move(permit), req_->url, proxy_, deadline,
        [self = shared_from_this()](const std::error_code& ec, std::unique_ptr<connection> c) {
            self->on_connected(ec, std::move(c));
        });
    connect_ = op;
    op->start();
}

LTX_DECL void exchange_op::on_connected(const std::error_code& ec, std::unique_ptr<connection> c) {
    connect_.reset();
    if (ec) {
        return complete(ec);
    }
    conn_ = std::move(c);
    arm(request_deadline_);
    write_request();
}

LTX_DECL void exchange_op::write_request() {
    phase_ = phase::writing;
    const std::string* bytes = req_->body.bytes();
    std::array<::asio::const_buffer, 2> buffers{::asio::buffer(out_), ::asio::const_buffer{}};
    if (bytes != nullptr && !body_in_out_) {
        buffers[1] = ::asio::buffer(*bytes);
    }
    with_stream([&](auto& stream) {
        ::asio::async_write(
            stream, buffers,
            ::asio::bind_executor(
                ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                    self->on_written(ec, n);
                }));
    });
}

LTX_DECL void exchange_op::on_written(const std::error_code& ec, std::size_t n) {
    if (phase_ == phase::finished) {
        return;
    }
    // A TLS stream reports a record as written only once all of it is out: a record cut short
    // cannot be decrypted, so a server acts on nothing when n is 0, with or without TLS.
    wrote_any_ = wrote_any_ || n > 0;
    if (ec || expired_ || cancelled_) {
        return fail(ec ? ec : ::asio::error::operation_aborted);
    }
    if (file_) {
        return write_file_chunk();
    }
    start_read();
}

LTX_DECL void exchange_op::write_file_chunk() {
    if (file_left_ == 0) {
        return start_read();
    }
    const auto want =
        static_cast<std::size_t>(std::min<std::uint64_t>(read_buffer_size, file_left_));
    const std::size_t got = std::fread(buf_.get(), 1, want, file_.get());
    if (got == 0) {
        // The file shrank after its size was announced: the server waits for bytes that will
        // never come, so the connection is dropped.
        return complete(transport_errc::protocol_error);
    }
    file_left_ -= got;
    with_stream([&](auto& stream) {
        ::asio::async_write(
            stream, ::asio::buffer(buf_.get(), got),
            ::asio::bind_executor(
                ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                    self->on_written(ec, n);
                }));
    });
}

LTX_DECL void exchange_op::start_read() {
    phase_ = phase::reading;
    read_some();
}

LTX_DECL void exchange_op::read_some() {
    with_stream([&](auto& stream) {
        stream.async_read_some(
            ::asio::buffer(buf_.get(), read_buffer_size),
            ::asio::bind_executor(
                ex_, [self = shared_from_this()](const std::error_code& ec, std::size_t n) {
                    self->on_read(ec, n);
                }));
    });
}

LTX_DECL void exchange_op::on_read(const std::error_code& ec, std::size_t n) {
    if (phase_ == phase::finished) {
        return;
    }
    if (expired_ || cancelled_) {
        return fail(::asio::error::operation_aborted);
    }
    if (n > 0) {
        std::error_code pec;
        const std::size_t used = parser_.feed(buf_.get(), n, pec);
        if (sink_error_) {
            return complete(sink_error_);
        }
        if (pec) {
            return complete(map_parser_error(pec));
        }
        if (parser_.header_done() && !headers_delivered_) {
            deliver_headers();
            if (sink_error_) {
                return complete(sink_error_);
            }
        }
        if (parser_.done()) {
            return succeed(used == n);
        }
    }
    if (!ec) {
        return read_some();
    }
    const bool end_of_stream =
        ec == ::asio::error::eof || ec == ::asio::ssl::error::stream_truncated;
    if (end_of_stream) {
        std::error_code pec;
        parser_.finish_eof(pec);
        if (!pec && parser_.done()) {
            if (!headers_delivered_) {
                deliver_headers();
                if (sink_error_) {
                    return complete(sink_error_);
                }
            }
            return succeed(false);
        }
    }
    if (may_retry_fresh()) {
        return retry_fresh();
    }
    if (end_of_stream) {
        return complete(transport_errc::connection_reset);
    }
    fail(ec);
}

LTX_DECL void exchange_op::on_body_piece(std::string_view piece) {
    if (sink_error_) {
        return;
    }
    if (!headers_delivered_) {
        deliver_headers();
        if (sink_error_) {
            return;
        }
    }
    http::body_sink* sink = req_->sink;
    if (sink == nullptr) {
        resp_.body.append(piece);
        return;
    }
    try {
        if (sink->on_chunk) {
            sink_error_ = sink->on_chunk(piece);
        }
    } catch (...) {
        sink_error_ = std::make_error_code(std::errc::io_error);
    }
}

LTX_DECL void exchange_op::deliver_headers() {
    headers_delivered_ = true;
    resp_.status = parser_.status();
    try {
        for (const auto& f : parser_.fields()) {
            resp_.headers.add(f.name, f.value);
        }
    } catch (const std::invalid_argument&) {
        sink_error_ = transport_errc::protocol_error;
        return;
    }
    http::body_sink* sink = req_->sink;
    if (sink != nullptr && sink->on_headers) {
        try {
            sink_error_ = sink->on_headers(resp_.status, resp_.headers);
        } catch (...) {
            sink_error_ = std::make_error_code(std::errc::io_error);
        }
    }
}

// A kept-alive connection the server closed while it sat idle fails the next request before
// any byte of an answer. Sending again on a new connection is safe when nothing was written
// (whatever the method), or when the method is idempotent.
LTX_DECL bool exchange_op::may_retry_fresh() const {
    if (!reused_ || retried_ || parser_.started() || expired_ || cancelled_) {
        return false;
    }
    return !wrote_any_ || http::is_idempotent(req_->method);
}

LTX_DECL void exchange_op::retry_fresh() {
    retried_ = true;
    reused_ = false;
    wrote_any_ = false;
    // The new connection takes over the permit of the old one: a retry never queues.
    connection_permit permit{std::move(conn_->permit)};
    conn_.reset();
    parser_.reset();
    parser_.set_head_request(req_->method == http::method::head);
    resp_ = {};
    headers_delivered_ = false;
    if (const auto* file = req_->body.file()) {
        if (std::fseek(file_.get(), 0, SEEK_SET) != 0) {
            return complete(transport_errc::connection_reset);
        }
        file_left_ = file->size();
    }
    connect(std::move(permit));
}

LTX_DECL void exchange_op::fail(const std::error_code& ec) {
    if (cancelled_) {
        return complete(transport_errc::cancelled);
    }
    if (expired_) {
        if (phase_ == phase::waiting) {
            return complete(transport_errc::pool_timeout);
        }
        return complete(transport_errc::timeout);
    }
    const bool tls = ec.category() == ::asio::error::get_ssl_category() ||
                     ec == ::asio::ssl::error::stream_truncated;
    switch (phase_) {
    case phase::idle:
    case phase::waiting:
    case phase::connecting:
        return complete(transport_errc::connection_failed);
    case phase::writing:
        if (may_retry_fresh()) {
            return retry_fresh();
        }
        if (!wrote_any_) {
            return complete(transport_errc::connection_failed);
        }
        return complete(tls ? transport_errc::tls_failure : transport_errc::connection_reset);
    case phase::reading:
    case phase::finished:
        break;
    }
    complete(tls ? transport_errc::tls_failure : transport_errc::connection_reset);
}

LTX_DECL void exchange_op::succeed(bool clean_end) {
    const auto& opts = state_->options;
    const auto connection_field = req_->headers.find("Connection");
    const bool keep = clean_end && parser_.keep_alive() && file_left_ == 0 &&
                      !(connection_field && has_close_token(*connection_field));
    if (keep) {
        pool_.release(origin_, std::move(conn_), clock::now(), opts);
    }
    complete({});
}

LTX_DECL void exchange_op::complete(std::error_code ec) {
    if (phase_ == phase::finished) {
        return;
    }
    phase_ = phase::finished;
    waiting_work_ = {};
    timer_.cancel();
    conn_.reset();
    file_.reset();
    auto done = std::move(done_);
    if (ec) {
        done(ec, http::response{});
    } else {
        done(ec, std::move(resp_));
    }
}

LTX_DECL void exchange_op::arm(clock::time_point deadline) {
    if (deadline == clock::time_point::max() || timer_.expiry() == deadline) {
        return;
    }
    timer_.expires_at(deadline);
    timer_.async_wait(::asio::bind_executor(
        ex_, [self = shared_from_this()](const std::error_code& ec) { self->on_timer(ec); }));
}

LTX_DECL void exchange_op::on_timer(const std::error_code& ec) {
    if (ec == ::asio::error::operation_aborted || phase_ == phase::finished ||
        phase_ == phase::connecting) {
        return;
    }
    if (clock::now() < request_deadline_) {
        return arm(request_deadline_);
    }
    expired_ = true;
    close_io();
}

LTX_DECL void exchange_op::close_io() {
    if (phase_ == phase::waiting) {
        // Out of the queue, it ends now; if a grant is on its way, on_granted ends it.
        if (pool_.leave(origin_, this)) {
            fail(::asio::error::operation_aborted);
        }
        return;
    }
    if (phase_ == phase::connecting) {
        if (auto op = connect_.lock()) {
            op->cancel();
        }
        return;
    }
    if (conn_) {
        std::error_code ignored;
        conn_->socket.close(ignored);
    }
}

} // namespace ltx::asio::detail

#endif
