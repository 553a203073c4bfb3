// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_STATE_HPP
#define LTX_ASIO_DETAIL_STATE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/detail/connection.hpp>
#include <ltx/asio/options.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/io_context.hpp>
#include <asio/ssl/context.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace ltx::asio::detail {

// What the synchronous `send` runs on: a private single-threaded io_context with its own
// connections (kept in the transport's pool, with the lane as their home). One lane per
// concurrent caller; lanes are reused, so a thread making calls one after the other keeps its
// connections.
struct sync_lane {
    explicit sync_lane(connection_pool& p) : pool(p) {}
    ~sync_lane() { pool.clear(this); } // its sockets close before the io_context goes
    sync_lane(const sync_lane&) = delete;
    sync_lane& operator=(const sync_lane&) = delete;

    ::asio::io_context io{1};
    connection_pool& pool;
};

// Shared by a transport and its operations in flight, which keep it alive.
struct transport_state {
    transport_state(::asio::any_io_executor ex, ::asio::ssl::context* tls, transport_options opts)
        : executor(std::move(ex)), options(opts), user_tls(tls) {}

    LTX_DECL ::asio::ssl::context& tls_context();
    LTX_DECL std::unique_ptr<sync_lane> acquire_lane();
    LTX_DECL void release_lane(std::unique_ptr<sync_lane> lane);

    ::asio::any_io_executor executor;
    transport_options options;
    connection_pool pool; // before `lanes`, which give their connections back to it
    std::atomic<std::uint64_t> connections_opened{0};
    std::atomic<std::uint64_t> connections_reused{0};

private:
    ::asio::ssl::context* user_tls;
    std::once_flag own_tls_once;
    std::unique_ptr<::asio::ssl::context> own_tls;
    std::mutex lanes_mutex;
    std::vector<std::unique_ptr<sync_lane>> lanes;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/asio/detail/impl/state.ipp>
#endif

#endif
