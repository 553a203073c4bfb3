// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The simulator's server, compiled once (the `ltx_sim` library of CMake and meson): the
// listeners, the sessions and every handler behind the declarations of server.hpp.
#include "server.hpp"

#include "api.hpp"
#include "persist.hpp"
#include "render.hpp"
#include "session.hpp"
#include "storage.hpp"
#include "store.hpp"
#include "webhook.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

namespace ltx::sim {

namespace {

inline std::uint64_t pick_seed(const options& o) {
    if (o.seed)
        return *o.seed;
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

inline tcp::acceptor listen_on(net::io_context& io, const std::string& host, std::uint16_t port) {
    tcp::acceptor a{io};
    const tcp::endpoint ep{net::ip::make_address(host), port};
    a.open(ep.protocol());
    a.set_option(net::socket_base::reuse_address(true));
    a.bind(ep);
    a.listen(net::socket_base::max_listen_connections);
    return a;
}

} // namespace

// What `server` holds and does; its members are documented in server.hpp.
class server::impl {
public:
    explicit impl(options o)
        : opts_(std::move(o)), seed_(pick_seed(opts_)), store_(opts_, seed_),
          artifacts_(opts_.fixtures_dir), api_acceptor_(listen_on(io_, opts_.host, opts_.port)),
          storage_acceptor_(listen_on(io_, opts_.host, opts_.storage_port)),
          renderer_(store_, url_of(storage_acceptor_)), api_(store_, renderer_),
          lx_(opts_, artifacts_, url_of(storage_acceptor_), seed_ ^ lx_seed),
          storage_(store_, artifacts_, &lx_), faults_(seed_ ^ faults_seed),
          api_url_(url_of(api_acceptor_)), api_port_(api_acceptor_.local_endpoint().port()),
          storage_port_(storage_acceptor_.local_endpoint().port()) {
        if (!opts_.state_dir.empty() && load_state(store_, opts_.state_dir))
            schedule_events(); // ends of restored jobs that still owe a refund or a webhook
        accept(api_acceptor_, api_handler_, api_retry_, &store_.stats().connections);
        accept(storage_acceptor_, storage_handler_, storage_retry_, nullptr);
    }

    impl(const impl&) = delete;
    impl& operator=(const impl&) = delete;
    ~impl() { io_.stop(); }

    // The addresses are read once, here, so that other threads can ask for them while the
    // server's thread runs the acceptors.

    const std::string& api_url() const noexcept { return api_url_; }
    const std::string& storage_url() const noexcept { return renderer_.storage_base(); }
    std::uint16_t api_port() const noexcept { return api_port_; }
    std::uint16_t storage_port() const noexcept { return storage_port_; }

    std::ostream* log() const noexcept { return opts_.log; }

    net::io_context& io() noexcept { return io_; }

    void run() { io_.run(); }

    void stop() { io_.stop(); }

    std::int64_t now_ms() const {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() +
               offset_ms_.load();
    }

    void advance_clock(std::chrono::milliseconds d) {
        offset_ms_ += d.count();
        net::post(io_, [this] {
            armed_ = false;
            schedule_events();
        });
    }

    void save_state() {
        if (!opts_.state_dir.empty())
            sim::save_state(store_, opts_.state_dir);
    }

    std::vector<recorded_request> storage_requests() const { return storage_.requests(); }

    void reset() {
        events_.cancel();
        armed_ = false;
        armed_for_ = 0;
        offset_ms_ = 0;
        store_ = store{opts_, seed_};
        lx_.reset(seed_ ^ lx_seed);
        storage_.reset();
        faults_ = prng{seed_ ^ faults_seed};
    }

    sim_stats stats() { return storage_.stats(now_ms()); }

private:
    // The official API's ids and the faults draw from the seed, each in its own sequence.
    static constexpr std::uint64_t lx_seed = 0x1C7A1C7A1C7A1C7Aull;
    static constexpr std::uint64_t faults_seed = 0x5EED5EED5EED5EEDull;

    static std::string url_of(const tcp::acceptor& a) {
        const auto ep = a.local_endpoint();
        const auto addr = ep.address();
        const auto host = addr.is_v6() ? "[" + addr.to_string() + "]" : addr.to_string();
        return "http://" + host + ":" + std::to_string(ep.port());
    }

    void accept(tcp::acceptor& a, const session::handler& h, net::steady_timer& retry,
                std::uint64_t* count) {
        a.async_accept([this, &a, &h, &retry, count](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted)
                return;
            if (ec) {
                // Out of descriptors, most likely: accept again once some are freed.
                retry.expires_after(std::chrono::milliseconds{50});
                retry.async_wait([this, &a, &h, &retry, count](beast::error_code e) {
                    if (!e)
                        accept(a, h, retry, count);
                });
                return;
            }
            beast::error_code ignored;
            socket.set_option(tcp::no_delay{true}, ignored);
            if (count)
                ++*count;
            std::make_shared<session>(std::move(socket), h)->start();
            accept(a, h, retry, count);
        });
    }

    void on_api(const std::shared_ptr<session>& s) {
        auto& c = store_.stats();
        ++c.requests;
        const auto& req = s->request();
        if (faults_.chance(opts_.drop_rate)) {
            ++c.dropped;
            log(req, "dropped");
            return s->drop();
        }
        const double fail_rate = req.method() == http::verb::get    ? opts_.fail_rate
                                 : req.method() == http::verb::post ? opts_.fail_post_rate
                                                                    : 0.0;
        std::optional<api_reply> injected;
        if (faults_.chance(fail_rate)) {
            ++c.injected_5xx;
            static constexpr unsigned statuses[] = {500, 502, 503};
            const auto status = statuses[faults_.next() % 3];
            injected = error_reply(status, "Injected fault (ltx-sim --fail-rate)");
        }
        if (opts_.delay.count() > 0) {
            s->timer().expires_after(opts_.delay);
            s->timer().async_wait([this, s, injected](beast::error_code ec) {
                if (!ec)
                    injected ? respond(s, *injected) : process(s);
            });
            return;
        }
        injected ? respond(s, *injected) : process(s);
    }

    void process(const std::shared_ptr<session>& s) {
        const auto& req = s->request();
        const api_request r{req.method_string(), req.target(), req[http::field::authorization],
                            req[http::field::content_type], req.body()};
        if (lightricks_service::owns(r.target.substr(0, r.target.find('?'))))
            return respond(s, lx_.handle(r, now_ms()));
        auto out = api_.handle(r, now_ms());
        schedule_events();
        if (out.poll)
            return poll(s, *out.poll);
        respond(s, out.reply);
    }

    void poll(const std::shared_ptr<session>& s, poll_plan plan) {
        if (auto reply = api_.poll(plan, now_ms()))
            return respond(s, *reply);
        s->timer().expires_after(std::chrono::milliseconds{plan.interval_ms});
        s->timer().async_wait([this, s, plan](beast::error_code ec) {
            if (!ec)
                poll(s, plan);
        });
    }

    void respond(const std::shared_ptr<session>& s, const api_reply& reply) {
        response_t res{static_cast<http::status>(reply.status), 11};
        if (reply.status != 204)
            res.set(http::field::content_type, reply.content_type);
        if (!reply.allow.empty())
            res.set(http::field::allow, reply.allow);
        for (const auto& [name, value] : reply.headers)
            res.set(name, value);
        res.body() = reply.body;
        log(s->request(), std::to_string(reply.status));
        s->send(std::move(res));
    }

    void on_storage(const std::shared_ptr<session>& s) {
        auto res = storage_.handle(s->request(), now_ms());
        log(s->request(), "storage " + std::to_string(res.result_int()));
        s->send(std::move(res));
    }

    // Arms the events timer for the earliest job end that needs work, unless it already is.
    void schedule_events() {
        const auto next = store_.next_event_ms();
        if (!next || (armed_ && *next >= armed_for_))
            return;
        armed_ = true;
        armed_for_ = *next;
        events_.expires_after(
            std::chrono::milliseconds{std::max<std::int64_t>(0, *next - now_ms())});
        events_.async_wait([this](beast::error_code ec) {
            if (ec)
                return;
            armed_ = false;
            const auto now = now_ms();
            while (const auto job = store_.pop_due_event(now))
                if (auto hook = api_.settle(*job, now))
                    send(std::move(*hook));
            schedule_events();
        });
    }

    void send(webhook w) {
        auto url = w.url;
        std::make_shared<webhook_post>(io_.get_executor(), std::move(w),
                                       [this, url](bool ok, const std::string& why) {
                                           auto& c = store_.stats();
                                           ++(ok ? c.webhooks_sent : c.webhooks_failed);
                                           if (opts_.log && (!ok || opts_.verbose))
                                               *opts_.log << "ltx-sim: webhook to " << url << ": "
                                                          << why << std::endl;
                                       })
            ->start();
    }

    void log(const request_t& req, const std::string& what) const {
        if (opts_.log && opts_.verbose)
            *opts_.log << "ltx-sim: " << req.method_string() << " " << req.target() << " -> "
                       << what << std::endl;
    }

    // The io_context comes first: it is destroyed last, after every I/O object.
    net::io_context io_{1};
    options opts_;
    std::uint64_t seed_;
    store store_;
    artifact_set artifacts_;
    tcp::acceptor api_acceptor_;
    tcp::acceptor storage_acceptor_;
    net::steady_timer api_retry_{io_};
    net::steady_timer storage_retry_{io_};
    renderer renderer_;
    api api_;
    lightricks_service lx_;
    storage storage_;
    prng faults_;
    net::steady_timer events_{io_};
    bool armed_ = false;
    std::int64_t armed_for_ = 0;
    std::string api_url_;
    std::uint16_t api_port_;
    std::uint16_t storage_port_;
    std::atomic<std::int64_t> offset_ms_{0};
    session::handler api_handler_{[this](const std::shared_ptr<session>& s) { on_api(s); }};
    session::handler storage_handler_{[this](const std::shared_ptr<session>& s) { on_storage(s); }};
};

server::server(options o) : impl_(std::make_unique<impl>(std::move(o))) {}
server::~server() = default;

void server::run() {
    impl_->run();
}
void server::stop() {
    impl_->stop();
}
const std::string& server::api_url() const noexcept {
    return impl_->api_url();
}
const std::string& server::storage_url() const noexcept {
    return impl_->storage_url();
}
std::uint16_t server::api_port() const noexcept {
    return impl_->api_port();
}
std::uint16_t server::storage_port() const noexcept {
    return impl_->storage_port();
}
std::ostream* server::log() const noexcept {
    return impl_->log();
}
boost::asio::io_context& server::io() noexcept {
    return impl_->io();
}
std::int64_t server::now_ms() const {
    return impl_->now_ms();
}
void server::advance_clock(std::chrono::milliseconds d) {
    impl_->advance_clock(d);
}
void server::save_state() {
    impl_->save_state();
}
std::vector<recorded_request> server::storage_requests() const {
    return impl_->storage_requests();
}
void server::reset() {
    impl_->reset();
}

sim_stats server::stats() {
    return on_server_thread([this] { return impl_->stats(); });
}

void server::run_on_server_thread(const std::function<void()>& f) {
    std::promise<void> done;
    auto finished = done.get_future();
    net::post(impl_->io(), [&f, &done] {
        f();
        done.set_value();
    });
    finished.get();
}

} // namespace ltx::sim
