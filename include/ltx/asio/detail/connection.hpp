// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_CONNECTION_HPP
#define LTX_ASIO_DETAIL_CONNECTION_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/options.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/stream.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ltx::asio::detail {

class connection_pool;

// One of the connections an origin may have open: given by the pool, handed back when it is
// destroyed (after its socket is closed, so the peer never sees one more than the cap).
class connection_permit {
public:
    connection_permit() = default;
    // Adopts a permit the pool has counted.
    connection_permit(connection_pool* pool, std::string origin)
        : pool_(pool), origin_(std::move(origin)) {}
    connection_permit(connection_permit&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), origin_(std::move(other.origin_)) {}
    connection_permit& operator=(connection_permit&&) = delete;
    connection_permit(const connection_permit&) = delete;
    connection_permit& operator=(const connection_permit&) = delete;
    LTX_DECL ~connection_permit();

private:
    connection_pool* pool_ = nullptr;
    std::string origin_;
};

// One TCP connection, with its TLS layer for https. Never moved once made: the TLS stream
// refers to the socket. `home` names the execution context its socket is bound to (null: the
// transport's executor; otherwise a sync lane), since a connection serves only exchanges
// running there.
struct connection {
    connection(const ::asio::any_io_executor& ex, connection_permit p, const void* h)
        : permit(std::move(p)), home(h), socket(ex) {}
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    connection_permit permit; // first: destroyed last, once the socket is closed
    const void* home;
    ::asio::ip::tcp::socket socket;
    std::unique_ptr<::asio::ssl::stream<::asio::ip::tcp::socket&>> tls;
    std::chrono::steady_clock::time_point idle_since{};
};

// An exchange waiting for a connection to an origin at its cap.
class pool_waiter {
public:
    // Called once, on any thread, with no lock held; must not block nor call the pool back
    // before returning. `reuse`: a kept-alive connection handed over; null: a permit to open a
    // new connection, counted already.
    virtual void grant(std::unique_ptr<connection> reuse) = 0;

protected:
    ~pool_waiter() = default;
};

// The connections of a transport by origin: how many are open or being opened (idle or busy,
// sync or async), the idle ones kept for reuse, and the exchanges waiting in FIFO order for
// one when the origin is at `max_connections_per_host`. Thread-safe. No connection is
// destroyed under the lock: its permit takes the lock to pass itself on to a waiter.
class connection_pool {
public:
    using clock = std::chrono::steady_clock;
    enum class acquired { reused, open_new, queued };

    connection_pool() = default;
    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;
    LTX_DECL ~connection_pool();

    // A connection for an exchange on `home`: the most recently used idle one younger than
    // `idle_timeout` and still open (`reused`, in `out`); else a permit to open one
    // (`open_new`); else, at the cap, `w` is queued (`queued`) and granted one later.
    LTX_DECL acquired acquire(const std::string& origin, const void* home, clock::time_point now,
                              const transport_options& opts, std::shared_ptr<pool_waiter> w,
                              std::unique_ptr<connection>& out);

    // Takes `w` out of the queue; false when it was not there (granted already).
    LTX_DECL bool leave(const std::string& origin, const pool_waiter* w);

    // `c` finished an exchange and may carry another: handed to the first waiter, kept idle,
    // or closed (the idle cap, or a first waiter on another home).
    LTX_DECL void release(const std::string& origin, std::unique_ptr<connection> c,
                          clock::time_point now, const transport_options& opts);

    // Closes every idle connection, or those of `home`.
    LTX_DECL void clear();
    LTX_DECL void clear(const void* home);

    LTX_DECL std::size_t idle_count() const;
    LTX_DECL std::size_t open_count() const;
    LTX_DECL std::size_t waiting_count() const;

private:
    friend class connection_permit;
    struct waiting {
        std::shared_ptr<pool_waiter> waiter;
        const void* home;
    };
    struct origin_state {
        std::size_t open = 0;
        std::vector<std::unique_ptr<connection>> idle; // the most recently used last
        std::deque<waiting> waiters;
    };
    using connection_list = std::vector<std::unique_ptr<connection>>;

    void closed(const std::string& origin);
    void sweep(clock::time_point now, clock::duration max_idle, connection_list& dead);
    void forget_if_unused(const std::string& origin);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, origin_state> origins_;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/asio/detail/impl/connection.ipp>
#endif

#endif
