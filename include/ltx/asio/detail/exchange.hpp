// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_EXCHANGE_HPP
#define LTX_ASIO_DETAIL_EXCHANGE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/detail/connect.hpp>
#include <ltx/asio/detail/connection.hpp>
#include <ltx/http/detail/http1/response_parser.hpp>
#include <ltx/asio/detail/proxy.hpp>
#include <ltx/asio/detail/state.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/response_handler.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

namespace ltx::asio::detail {

struct file_closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

// One HTTP exchange over a pooled connection, or a new one that a connect_op opens: the I/O
// around the sans-I/O codec. Every step runs on `ex` (a strand, or a sync lane's
// single-threaded io_context), so the deadline timer, a cancellation, a connection granted by
// the pool, the connect_op's completion and the I/O completions never race. While a connect_op
// runs, its deadline (never later than the request's) is the only one armed. Completes `done`
// once.
class exchange_op final : public pool_waiter, public std::enable_shared_from_this<exchange_op> {
public:
    // `home` names where `socket_ex` runs, the context new sockets are bound to (null: the
    // transport's executor, else a sync lane); `req` must outlive the operation unless it is
    // moved in through `owned`.
    LTX_DECL exchange_op(std::shared_ptr<transport_state> state, const void* home,
                         ::asio::any_io_executor ex, ::asio::any_io_executor socket_ex,
                         const http::request* req, std::optional<http::request> owned,
                         http::response_handler done);

    // Starts the exchange; `done` never runs before start returns.
    LTX_DECL void start();

    // Ends the exchange with `transport_errc::cancelled`, closing its connection. Any thread.
    LTX_DECL void cancel();

    // From the pool, when a connection to a capped origin became free. Any thread.
    LTX_DECL void grant(std::unique_ptr<connection> reuse) override;

private:
    enum class phase { idle, waiting, connecting, writing, reading, finished };
    using clock = std::chrono::steady_clock;

    void run();
    void acquire();
    void on_granted(std::unique_ptr<connection> reuse);
    void give_back(std::unique_ptr<connection> reuse);
    void open_new();
    void reuse(std::unique_ptr<connection> c);
    void connect(connection_permit permit);
    void on_connected(const std::error_code& ec, std::unique_ptr<connection> c);
    void write_request();
    void on_written(const std::error_code& ec, std::size_t n);
    void write_file_chunk();
    void start_read();
    void read_some();
    void on_read(const std::error_code& ec, std::size_t n);
    void on_body_piece(std::string_view piece);
    void deliver_headers();
    bool may_retry_fresh() const;
    void retry_fresh();
    void fail(const std::error_code& ec);
    void succeed(bool clean_end);
    void complete(std::error_code ec);
    void arm(clock::time_point deadline);
    void on_timer(const std::error_code& ec);
    void close_io();
    template <class F> void with_stream(F&& f);

    std::shared_ptr<transport_state> state_;
    connection_pool& pool_;
    const void* home_;
    ::asio::any_io_executor ex_;
    ::asio::any_io_executor socket_ex_;
    ::asio::any_io_executor waiting_work_; // holds a sync lane's io_context running meanwhile
    std::optional<http::request> owned_;
    const http::request* req_;
    http::response_handler done_;
    ::asio::steady_timer timer_;
    std::weak_ptr<connect_op> connect_; // kept alive by its own pending I/O
    std::unique_ptr<connection> conn_;
    std::string origin_;
    std::optional<proxy_route> proxy_;
    std::string target_;
    std::string out_;
    bool body_in_out_ = false;
    std::unique_ptr<std::FILE, file_closer> file_;
    std::uint64_t file_left_ = 0;
    std::unique_ptr<char[]> buf_;
    ltx::http::detail::http1::response_parser parser_;
    http::response resp_;
    std::error_code sink_error_;
    clock::time_point request_deadline_ = clock::time_point::max();
    phase phase_ = phase::idle;
    bool headers_delivered_ = false;
    bool reused_ = false;
    bool retried_ = false;
    bool wrote_any_ = false;
    bool expired_ = false;
    bool cancelled_ = false;
};

} // namespace ltx::asio::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/asio/detail/impl/exchange.ipp>
#endif

#endif
