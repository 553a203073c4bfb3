// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The simulator: two listeners on one single-threaded io_context. The API listener answers
// the endpoints of the reference (with fault injection); the storage listener serves signed
// asset URLs. One timer drives the ends of jobs that need work (refunds, webhooks).
//
// Declarations only: server.cpp defines them, compiled once into the `ltx_sim` library, which
// the program, the tests, the benchmarks and the fuzz target link. A file that starts a
// simulator therefore compiles none of its handlers.
#ifndef LTX_SIM_SERVER_HPP
#define LTX_SIM_SERVER_HPP

#include "options.hpp"
#include "stats.hpp"

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace ltx::sim {

/// The simulator. The constructor binds both listeners (so the ports are known at once);
/// `run` serves on the calling thread until `stop`.
class server {
public:
    /// @throws std::runtime_error when a fixture cannot be read,
    ///         boost::system::system_error when a port cannot be bound.
    explicit server(options o);
    server(const server&) = delete;
    server& operator=(const server&) = delete;
    ~server();

    /// Serves until `stop`.
    void run();

    /// Stops serving; `run` returns soon after. Thread-safe.
    void stop();

    // The addresses are read once, by the constructor, so that other threads can ask for them
    // while the server's thread runs the acceptors.

    /// `http://host:port` of the API.
    const std::string& api_url() const noexcept;
    /// `http://host:port` of the storage listener.
    const std::string& storage_url() const noexcept;
    std::uint16_t api_port() const noexcept;
    std::uint16_t storage_port() const noexcept;

    /// Where the server logs; null: nowhere.
    std::ostream* log() const noexcept;

    /// The io_context the server runs on (for signal sets and timers of the caller).
    boost::asio::io_context& io() noexcept;

    /// The simulator's clock: milliseconds since the epoch, plus any `advance_clock`.
    std::int64_t now_ms() const;

    /// Moves the simulator's clock forward (jobs progress, URLs expire) without waiting.
    /// Thread-safe.
    void advance_clock(std::chrono::milliseconds d);

    /// Writes the state snapshot into `--state-dir`, if one was given. Call it when `run` has
    /// returned (or from the server's thread).
    /// @throws std::runtime_error or std::filesystem::filesystem_error on failure.
    void save_state();

    /// Every request the storage listener received. Thread-safe.
    std::vector<recorded_request> storage_requests() const;

    /// Back to the state right after construction, without binding the listeners or reading
    /// the fixtures again: forgets every account change, job, upload, recorded request and
    /// counter, restarts the ids and the faults from the seed and drops any `advance_clock`
    /// (a state loaded from `--state-dir` is not loaded again). Call it on the server's
    /// thread (`on_server_thread`) while no request is being answered: a fuzz target resets
    /// the simulator after each input, so every input meets the same simulator.
    void reset();

    /// The counters. Runs on the server's thread: call it from another thread while `run`
    /// is running.
    sim_stats stats();

    /// Runs `f` on the server's thread and returns its result (or throws what it threw); for
    /// tests. Call it from another thread while `run` is running.
    template <class F> std::invoke_result_t<F> on_server_thread(F f) {
        std::packaged_task<std::invoke_result_t<F>()> task{std::move(f)};
        auto result = task.get_future();
        run_on_server_thread([&task] { task(); });
        return result.get();
    }

private:
    class impl;

    // Posts `f` to the server's thread and returns once it has run; `f` must not throw.
    void run_on_server_thread(const std::function<void()>& f);

    std::unique_ptr<impl> impl_;
};

/// A server running on a thread of its own until destroyed: what tests use.
class background_server {
public:
    explicit background_server(options o)
        : server_(std::move(o)), thread_([this] { server_.run(); }) {}
    background_server(const background_server&) = delete;
    background_server& operator=(const background_server&) = delete;
    ~background_server() {
        server_.stop();
        thread_.join();
        try {
            server_.save_state();
        } catch (const std::exception& e) {
            if (auto* log = server_.log())
                *log << e.what() << std::endl;
        }
    }
    server& operator*() noexcept { return server_; }
    server* operator->() noexcept { return &server_; }

private:
    server server_;
    std::thread thread_;
};

} // namespace ltx::sim

#endif
