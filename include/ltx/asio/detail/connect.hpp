// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_CONNECT_HPP
#define LTX_ASIO_DETAIL_CONNECT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/detail/connection.hpp>
#include <ltx/asio/detail/proxy.hpp>
#include <ltx/asio/detail/state.hpp>
#include <ltx/http/url.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

namespace ltx::asio::detail {

// The size of the pieces connect_op and exchange_op read.
inline constexpr std::size_t read_buffer_size = 16 * 1024;

// Opens a connection under `permit` to the origin of `target`, directly or through `proxy`:
// resolves, tries each address in turn, asks the proxy for a tunnel when `target` is https,
// and runs the TLS handshake for https. Every step runs on `ex` (a strand, or a sync lane's
// single-threaded io_context), so the deadline timer, a cancellation and the I/O completions
// never race. Completes `done` once, on `ex`: with the ready connection, or with an error and
// no connection, the permit given back already. The errors are those of the transport:
// `connection_failed` (also when `deadline` passes), `tls_failure`, a certificate rejected in
// `tls_verify_category()`, `cancelled`.
class connect_op final : public std::enable_shared_from_this<connect_op> {
public:
    using clock = std::chrono::steady_clock;
    using handler = std::function<void(std::error_code, std::unique_ptr<connection>)>;

    // `home` and `socket_ex` as for exchange_op: the new socket is bound to `socket_ex`.
    LTX_DECL connect_op(std::shared_ptr<transport_state> state, const void* home,
                        ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                        connection_permit permit, http::url target,
                        std::optional<proxy_route> proxy, clock::time_point deadline, handler done);

    // Starts connecting, on `ex`; `done` runs within when the address cannot be parsed.
    LTX_DECL void start();

    // Ends the operation with `transport_errc::cancelled`. On `ex` only.
    LTX_DECL void cancel();

private:
    enum class phase { idle, connecting, tunnelling, handshaking, finished };

    void connect_next();
    void on_connected(const std::error_code& ec);
    void write_connect();
    void read_connect();
    void on_connect_read(const std::error_code& ec, std::size_t n);
    void handshake();
    void on_handshake(const std::error_code& ec);
    void fail(const std::error_code& ec);
    void complete(std::error_code ec);
    void on_timer(const std::error_code& ec);
    void close_io();

    std::shared_ptr<transport_state> state_;
    ::asio::any_io_executor ex_;
    ::asio::any_io_executor socket_ex_;
    std::unique_ptr<connection> conn_;
    http::url target_;
    std::optional<proxy_route> proxy_;
    clock::time_point deadline_;
    handler done_;
    ::asio::steady_timer timer_;
    std::unique_ptr<::asio::ip::tcp::resolver> resolver_;
    ::asio::ip::tcp::resolver::results_type endpoints_;
    ::asio::ip::tcp::resolver::results_type::const_iterator next_endpoint_;
    std::string tunnel_;
    std::unique_ptr<char[]> buf_;
    phase phase_ = phase::idle;
    bool expired_ = false;
    bool cancelled_ = false;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/asio/detail/impl/connect.ipp>
#endif

#endif
