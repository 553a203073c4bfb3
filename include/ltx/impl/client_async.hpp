// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The callback driver of the client: the same retry and wait machines as the sync driver,
// run over `transport.async_send` and `transport.async_sleep`.
#ifndef LTX_IMPL_CLIENT_ASYNC_HPP
#define LTX_IMPL_CLIENT_ASYNC_HPP

#include <ltx/client.hpp>

#include <atomic>
#include <memory>
#include <utility>

namespace ltx::detail {

// One request with its retries. Owns itself through shared_ptr copies held by the pending
// completion handlers; `done(ec, response, diag)` runs exactly once.
template <class Client, class Transport, class Clock, class Done>
struct async_exchange_op
    : std::enable_shared_from_this<async_exchange_op<Client, Transport, Clock, Done>> {
    async_exchange_op(Transport& t, Clock& c, http::request r, retry_machine m, Done d)
        : transport(t), clock(c), req(std::move(r)), retry(std::move(m)), done(std::move(d)) {}

    void attempt() {
        transport.async_send(
            req, [self = this->shared_from_this()](std::error_code tec, http::response resp) {
                self->on_response(tec, std::move(resp));
            });
    }

    void on_response(std::error_code tec, http::response resp) {
        const auto d = retry.on_outcome(outcome_of(tec, resp), clock.now());
        if (d.kind == retry_decision::retry) {
            transport.async_sleep(d.delay, [self = this->shared_from_this()](std::error_code ec) {
                if (ec)
                    return self->finish(ec, {});
                self->attempt();
            });
            return;
        }
        if (d.kind == retry_decision::ambiguous) {
            diag.transport_error = tec;
            return finish(errc::outcome_unknown, {});
        }
        if (tec) {
            diag.transport_error = tec;
            return finish(tec, {});
        }
        finish({}, std::move(resp));
    }

    void finish(std::error_code ec, http::response resp) {
        auto d = std::move(done);
        d(ec, std::move(resp), std::move(diag));
    }

    Transport& transport;
    Clock& clock;
    http::request req;
    retry_machine retry;
    Done done;
    diagnostics diag;
};

} // namespace ltx::detail

namespace ltx {

template <class Transport, class Clock>
template <class E, class Handler>
void basic_client<Transport, Clock>::async_call(const typename E::request& req, Handler&& handler,
                                                diagnostics* diag) {
    std::error_code ec;
    diagnostics d;
    http::request hr;
    const bool ready = prepare<E>(req, {}, {}, hr, ec, d);
    async_run<typename E::response>(ready, ec, std::move(d), std::move(hr), E::retry_safe,
                                    std::forward<Handler>(handler), diag);
}

template <class Transport, class Clock>
template <class R, class Handler>
void basic_client<Transport, Clock>::async_run(bool ready, std::error_code ec, diagnostics d,
                                               http::request hr, bool retry_safe, Handler&& handler,
                                               diagnostics* diag) {
    static_assert(async_transport<Transport> && async_sleeper<Transport>,
                  "async calls need a transport modelling ltx::async_transport and "
                  "ltx::async_sleeper");
    auto h = std::forward<Handler>(handler);
    if (!ready)
        return async_fail<R>(ec, std::move(d), std::move(h), diag);
    auto done = [this, h = std::move(h), diag](std::error_code ec, http::response resp,
                                               diagnostics d) mutable {
        R out{};
        if (!ec)
            out = finish<R>(resp, ec, d);
        if (diag)
            *diag = std::move(d);
        std::move(h)(ec, std::move(out));
    };
    using op_t = detail::async_exchange_op<basic_client, Transport, Clock, decltype(done)>;
    auto op = std::make_shared<op_t>(
        transport_, clock_, std::move(hr),
        detail::retry_machine{config_.retry, retry_safe, detail::next_seed(seed_)},
        std::move(done));
    op->attempt();
}

template <class Transport, class Clock>
template <class R, class Handler>
void basic_client<Transport, Clock>::async_fail(std::error_code ec, diagnostics d,
                                                Handler&& handler, diagnostics* diag) {
    // Nothing was sent; complete through the transport rather than inline, so a handler never
    // runs inside the call that started it.
    transport_.async_sleep(
        std::chrono::milliseconds{0},
        [h = std::forward<Handler>(handler), ec, d = std::move(d), diag](std::error_code) mutable {
            if (diag)
                *diag = std::move(d);
            std::move(h)(ec, R{});
        });
}

namespace detail {

// A wait over async polls. Completion is claimed through `finished`, so a cancellation from
// another thread and a poll completing at the same time end the wait once. However the wait is
// cancelled (`wait_options::cancel`, or a transport cancelling the poll or pause in flight, as
// the Asio adapter does for a cancellation slot), it completes with `errc::cancelled`: only the
// wait's own caller can cancel the operations the wait starts (wait_machine maps a cancelled
// poll; a cancelled pause is mapped here).
template <class Client, class Transport, class Clock, class Handler>
struct async_wait_op
    : std::enable_shared_from_this<async_wait_op<Client, Transport, Clock, Handler>> {
    async_wait_op(Client& c, Transport& t, Clock& k, std::string id, wait_options o, Handler h,
                  diagnostics* d)
        : client(c), transport(t), clock(k), job_id(std::move(id)), opts(std::move(o)),
          machine(opts, clock.now()), handler(std::move(h)), diag_out(d) {}

    void start() {
        if (opts.cancel) {
            std::weak_ptr<async_wait_op> weak = this->shared_from_this();
            opts.cancel->on_cancel([weak] {
                if (auto self = weak.lock())
                    self->complete(errc::cancelled, {});
            });
        }
        step(machine.start());
    }

    void step(wait_step s) {
        if (finished.load())
            return;
        switch (s.kind) {
        case wait_step::poll:
            client.template async_call<endpoints::get_job>(
                get_job_request{job_id},
                [self = this->shared_from_this()](std::error_code ec, job j) {
                    self->on_poll(ec, std::move(j));
                },
                &poll_diag);
            return;
        case wait_step::sleep: {
            const auto now = clock.now();
            const auto delay = s.until > now
                                   ? std::chrono::ceil<std::chrono::milliseconds>(s.until - now)
                                   : std::chrono::milliseconds{0};
            transport.async_sleep(delay, [self = this->shared_from_this()](std::error_code ec) {
                if (ec)
                    return self->complete(cancelled_or(ec), {});
                self->step(self->machine.start());
            });
            return;
        }
        case wait_step::done:
            return complete({}, {});
        case wait_step::fail: {
            diagnostics d;
            if (s.error == errc::job_failed && last.status && last.status->message)
                d.server_message = redact(*last.status->message, client.config().token);
            else if (s.error != errc::wait_timeout)
                d = poll_diag;
            return complete(s.error, std::move(d));
        }
        }
    }

    void on_poll(std::error_code ec, job j) {
        if (finished.load())
            return;
        if (ec)
            return step(machine.on_error(ec, clock.now()));
        last = std::move(j);
        if (opts.on_progress)
            opts.on_progress(last);
        step(machine.on_job(last, clock.now()));
    }

    static std::error_code cancelled_or(std::error_code ec) {
        return ec == http::transport_errc::cancelled ? std::error_code{errc::cancelled} : ec;
    }

    void complete(std::error_code ec, diagnostics d) {
        if (finished.exchange(true))
            return;
        if (opts.cancel)
            opts.cancel->clear_callback();
        if (diag_out)
            *diag_out = std::move(d);
        auto h = std::move(handler);
        std::move(h)(ec, last);
    }

    Client& client;
    Transport& transport;
    Clock& clock;
    std::string job_id;
    wait_options opts;
    wait_machine machine;
    Handler handler;
    diagnostics* diag_out;
    diagnostics poll_diag;
    job last;
    std::atomic<bool> finished{false};
};

} // namespace detail

template <class Transport, class Clock>
template <class Handler>
void basic_client<Transport, Clock>::start_wait(std::string job_id, wait_options opts,
                                                Handler&& handler, diagnostics* diag) {
    using op_t = detail::async_wait_op<basic_client, Transport, Clock, std::decay_t<Handler>>;
    auto op = std::make_shared<op_t>(*this, transport_, clock_, std::move(job_id), std::move(opts),
                                     std::forward<Handler>(handler), diag);
    op->start();
}

} // namespace ltx

#endif
