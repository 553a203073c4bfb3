// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What the transport tests share: building requests, and an io_context run on a thread for
// the async tests.
#ifndef LTX_TESTS_ASIO_TRANSPORT_SUPPORT_HPP
#define LTX_TESTS_ASIO_TRANSPORT_SUPPORT_HPP

#include <ltx/asio/transport.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace ltx::test {

/// A GET (or `m`) of `url`.
inline http::request make_request(const std::string& url, http::method m = http::method::get) {
    http::request r;
    r.method = m;
    r.url = http::parse_url(url).value();
    return r;
}

/// An io_context run by a thread of its own until `join()` or destruction.
class io_thread {
public:
    io_thread() : thread_([this] { io_.run(); }) {}
    ~io_thread() { join(); }
    /// Stops the io_context and waits for its thread; the io_context itself lives on. A test
    /// whose operations cross two io_threads joins both before destroying either: the thread
    /// that completes an operation may still be touching the other io_context (releasing the
    /// work it held there, or signalling it after a post) when the result is already seen.
    void join() {
        work_.reset();
        io_.stop();
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    io_thread(const io_thread&) = delete;
    io_thread& operator=(const io_thread&) = delete;
    ::asio::io_context& io() { return io_; }
    ::asio::any_io_executor executor() { return io_.get_executor(); }

private:
    ::asio::io_context io_;
    ::asio::executor_work_guard<::asio::io_context::executor_type> work_{io_.get_executor()};
    std::thread thread_;
};

/// Milliseconds elapsed since `start`.
inline long long elapsed_ms(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
}

} // namespace ltx::test

#endif
