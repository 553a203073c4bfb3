// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_CONNECTION_IPP
#define LTX_ASIO_DETAIL_IMPL_CONNECTION_IPP

#include <ltx/asio/detail/connection.hpp>

#include <asio/buffer.hpp>
#include <asio/error.hpp>

#include <algorithm>

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

LTX_DECL void connection_pool::sweep(clock::time_point now, clock::duration max_idle) {
    for (auto it = idle_.begin(); it != idle_.end();) {
        auto& list = it->second;
        std::erase_if(list, [&](const auto& c) { return now - c->idle_since >= max_idle; });
        it = list.empty() ? idle_.erase(it) : std::next(it);
    }
}

LTX_DECL std::unique_ptr<connection>
connection_pool::take(const std::string& origin, clock::time_point now, clock::duration max_idle) {
    std::unique_ptr<connection> found;
    std::vector<std::unique_ptr<connection>> dead;
    {
        std::lock_guard lock{mutex_};
        sweep(now, max_idle);
        const auto it = idle_.find(origin);
        if (it == idle_.end()) {
            return nullptr;
        }
        auto& list = it->second;
        while (!list.empty() && !found) {
            auto c = std::move(list.back());
            list.pop_back();
            if (still_open(*c)) {
                found = std::move(c);
            } else {
                dead.push_back(std::move(c));
            }
        }
        if (list.empty()) {
            idle_.erase(it);
        }
    }
    return found; // `dead` closes outside the lock
}

LTX_DECL void connection_pool::put(const std::string& origin, std::unique_ptr<connection> c,
                                   clock::time_point now, std::size_t cap,
                                   clock::duration max_idle) {
    if (cap == 0 || max_idle <= clock::duration::zero()) {
        return;
    }
    c->idle_since = now;
    std::lock_guard lock{mutex_};
    sweep(now, max_idle);
    auto& list = idle_[origin];
    if (list.size() >= cap) {
        list.erase(list.begin()); // the oldest goes
    }
    list.push_back(std::move(c));
}

LTX_DECL void connection_pool::clear() {
    std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> idle;
    {
        std::lock_guard lock{mutex_};
        idle.swap(idle_);
    }
}

LTX_DECL std::size_t connection_pool::size() const {
    std::lock_guard lock{mutex_};
    std::size_t n = 0;
    for (const auto& [origin, list] : idle_) {
        n += list.size();
    }
    return n;
}

} // namespace ltx::asio::detail

#endif
