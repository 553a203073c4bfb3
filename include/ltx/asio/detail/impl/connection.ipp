// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_CONNECTION_IPP
#define LTX_ASIO_DETAIL_IMPL_CONNECTION_IPP

#include <ltx/asio/detail/connection.hpp>

#include <asio/buffer.hpp>
#include <asio/error.hpp>

#include <algorithm>
#include <iterator>

namespace ltx::asio::detail {

// An idle HTTP/1.1 connection has nothing to read: readable bytes or an end of stream mean the
// server closed it (or sent a close_notify or a 408), so it must not carry a request. Peeking
// one byte without blocking tells which, at the cost of one system call.
LTX_DECL bool still_open(connection& c) {
    std::error_code ec;
    c.socket.non_blocking(true, ec);
    if (ec) {
        return false;
    }
    char byte = 0;
    c.socket.receive(::asio::buffer(&byte, 1), ::asio::socket_base::message_peek, ec);
    return ec == ::asio::error::would_block;
}

LTX_DECL connection_permit::~connection_permit() {
    if (pool_ != nullptr) {
        pool_->closed(origin_);
    }
}

LTX_DECL connection_pool::~connection_pool() {
    clear(); // the permits of idle connections come back while the map is whole
}

LTX_DECL void connection_pool::sweep(clock::time_point now, clock::duration max_idle,
                                     connection_list& dead) {
    for (auto& [origin, state] : origins_) {
        auto& list = state.idle;
        auto expired = std::stable_partition(list.begin(), list.end(), [&](const auto& c) {
            return now - c->idle_since < max_idle;
        });
        std::move(expired, list.end(), std::back_inserter(dead));
        list.erase(expired, list.end());
    }
}

// Entries stay while a permit of theirs is out; an origin seen once does not stay forever.
LTX_DECL void connection_pool::forget_if_unused(const std::string& origin) {
    const auto it = origins_.find(origin);
    if (it != origins_.end() && it->second.open == 0 && it->second.waiters.empty()) {
        origins_.erase(it);
    }
}

LTX_DECL connection_pool::acquired connection_pool::acquire(const std::string& origin,
                                                            const void* home, clock::time_point now,
                                                            const transport_options& opts,
                                                            std::shared_ptr<pool_waiter> w,
                                                            std::unique_ptr<connection>& out) {
    connection_list dead; // destroyed after the lock is released: their permits take it
    std::lock_guard lock{mutex_};
    sweep(now, opts.idle_timeout, dead);
    auto& state = origins_[origin];
    auto& idle = state.idle;
    for (auto i = idle.size(); i-- > 0;) {
        if (idle[i]->home != home) {
            continue;
        }
        auto c = std::move(idle[i]);
        idle.erase(idle.begin() + static_cast<std::ptrdiff_t>(i));
        if (still_open(*c)) {
            out = std::move(c);
            return acquired::reused;
        }
        dead.push_back(std::move(c));
    }
    const std::size_t cap = opts.max_connections_per_host;
    if (state.waiters.empty() && (cap == 0 || state.open < cap)) {
        ++state.open;
        return acquired::open_new;
    }
    // At the cap, an idle connection bound to another context is of no use to this exchange:
    // closing it makes room. (While exchanges wait, no idle connection is left for them.)
    if (!idle.empty()) {
        dead.push_back(std::move(idle.front()));
        idle.erase(idle.begin());
    }
    state.waiters.push_back({std::move(w), home});
    return acquired::queued;
}

LTX_DECL bool connection_pool::leave(const std::string& origin, const pool_waiter* w) {
    std::lock_guard lock{mutex_};
    const auto it = origins_.find(origin);
    if (it == origins_.end()) {
        return false;
    }
    auto& waiters = it->second.waiters;
    const auto found = std::find_if(waiters.begin(), waiters.end(),
                                    [&](const waiting& x) { return x.waiter.get() == w; });
    if (found == waiters.end()) {
        return false;
    }
    waiters.erase(found);
    return true;
}

LTX_DECL void connection_pool::release(const std::string& origin, std::unique_ptr<connection> c,
                                       clock::time_point now, const transport_options& opts) {
    connection_list dead;
    std::shared_ptr<pool_waiter> next;
    {
        std::lock_guard lock{mutex_};
        sweep(now, opts.idle_timeout, dead);
        auto& state = origins_[origin];
        if (opts.max_idle_per_host == 0 || opts.idle_timeout <= clock::duration::zero()) {
            dead.push_back(std::move(c)); // never reused; a waiter gets its permit
        } else if (!state.waiters.empty()) {
            // The first waiter takes the connection, or, bound elsewhere, the permit it
            // leaves when it closes.
            if (state.waiters.front().home == c->home) {
                next = std::move(state.waiters.front().waiter);
                state.waiters.pop_front();
            } else {
                dead.push_back(std::move(c));
            }
        } else {
            auto& idle = state.idle;
            const auto same_home = [&](const auto& x) { return x->home == c->home; };
            if (static_cast<std::size_t>(std::count_if(idle.begin(), idle.end(), same_home)) >=
                opts.max_idle_per_host) {
                const auto oldest = std::find_if(idle.begin(), idle.end(), same_home);
                dead.push_back(std::move(*oldest));
                idle.erase(oldest);
            }
            c->idle_since = now;
            idle.push_back(std::move(c));
        }
    }
    if (next) {
        next->grant(std::move(c));
    }
}

LTX_DECL void connection_pool::closed(const std::string& origin) {
    std::shared_ptr<pool_waiter> next;
    {
        std::lock_guard lock{mutex_};
        const auto it = origins_.find(origin);
        if (it == origins_.end()) {
            return;
        }
        auto& state = it->second;
        if (!state.waiters.empty()) {
            next = std::move(state.waiters.front().waiter); // the permit passes on
            state.waiters.pop_front();
        } else {
            --state.open;
            forget_if_unused(origin);
        }
    }
    if (next) {
        next->grant(nullptr);
    }
}

LTX_DECL void connection_pool::clear() {
    connection_list dead;
    std::lock_guard lock{mutex_};
    for (auto& [origin, state] : origins_) {
        std::move(state.idle.begin(), state.idle.end(), std::back_inserter(dead));
        state.idle.clear();
    }
}

LTX_DECL void connection_pool::clear(const void* home) {
    connection_list dead;
    std::lock_guard lock{mutex_};
    for (auto& [origin, state] : origins_) {
        auto& list = state.idle;
        auto others = std::stable_partition(list.begin(), list.end(),
                                            [&](const auto& c) { return c->home != home; });
        std::move(others, list.end(), std::back_inserter(dead));
        list.erase(others, list.end());
    }
}

LTX_DECL std::size_t connection_pool::idle_count() const {
    std::lock_guard lock{mutex_};
    std::size_t n = 0;
    for (const auto& [origin, state] : origins_) {
        n += state.idle.size();
    }
    return n;
}

LTX_DECL std::size_t connection_pool::open_count() const {
    std::lock_guard lock{mutex_};
    std::size_t n = 0;
    for (const auto& [origin, state] : origins_) {
        n += state.open;
    }
    return n;
}

LTX_DECL std::size_t connection_pool::waiting_count() const {
    std::lock_guard lock{mutex_};
    std::size_t n = 0;
    for (const auto& [origin, state] : origins_) {
        n += state.waiters.size();
    }
    return n;
}

} // namespace ltx::asio::detail

#endif
