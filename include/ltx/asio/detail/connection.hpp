// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_CONNECTION_HPP
#define LTX_ASIO_DETAIL_CONNECTION_HPP

#include <ltx/detail/config.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/stream.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ltx::asio::detail {

// One TCP connection, with its TLS layer for https. Never moved once made: the TLS stream
// refers to the socket.
struct connection {
    explicit connection(const ::asio::any_io_executor& ex) : socket(ex) {}
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    ::asio::ip::tcp::socket socket;
    std::unique_ptr<::asio::ssl::stream<::asio::ip::tcp::socket&>> tls;
    std::chrono::steady_clock::time_point idle_since{};
};

// Idle kept-alive connections by origin. Thread-safe. A connection taken out belongs to one
// exchange until it is put back or dropped.
class connection_pool {
public:
    using clock = std::chrono::steady_clock;

    // The most recently used idle connection to `origin` that is younger than `max_idle` and
    // still open (the peer has neither closed it nor sent anything), or null.
    LTX_DECL std::unique_ptr<connection> take(const std::string& origin, clock::time_point now,
                                              clock::duration max_idle);

    // Keeps `c` for reuse unless `origin` already has `cap` idle connections.
    LTX_DECL void put(const std::string& origin, std::unique_ptr<connection> c,
                      clock::time_point now, std::size_t cap, clock::duration max_idle);

    // Closes every idle connection.
    LTX_DECL void clear();

    // The number of idle connections kept.
    LTX_DECL std::size_t size() const;

private:
    void sweep(clock::time_point now, clock::duration max_idle);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> idle_;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/asio/detail/impl/connection.ipp>
#endif

#endif
