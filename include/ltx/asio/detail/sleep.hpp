// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_SLEEP_HPP
#define LTX_ASIO_DETAIL_SLEEP_HPP

#include <ltx/detail/config.hpp>

#include <ltx/http/error.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <system_error>
#include <utility>

namespace ltx::asio::detail {

// A pause that a cancellation from any thread ends early: the timer is touched only on its
// own strand, where a cancellation that comes before the wait starts is seen by it.
struct sleep_op : std::enable_shared_from_this<sleep_op> {
    explicit sleep_op(const ::asio::any_io_executor& ex) : timer(ex) {}

    // Completes `done(std::error_code)`: empty after `delay`, `cancelled` on cancellation.
    template <class Done> void start(std::chrono::milliseconds delay, Done done) {
        ::asio::post(timer.get_executor(),
                     [self = shared_from_this(), delay, done = std::move(done)]() mutable {
                         if (self->cancelled) {
                             return done(std::error_code{http::transport_errc::cancelled});
                         }
                         self->timer.expires_after(delay);
                         self->timer.async_wait(
                             [self, done = std::move(done)](const std::error_code& ec) mutable {
                                 std::error_code result;
                                 if (ec || self->cancelled) {
                                     result = http::transport_errc::cancelled;
                                 }
                                 done(result);
                             });
                     });
    }

    void cancel() {
        ::asio::post(timer.get_executor(), [self = shared_from_this()] {
            self->cancelled = true;
            self->timer.cancel();
        });
    }

    ::asio::steady_timer timer;
    bool cancelled = false;
};

} // namespace ltx::asio::detail

#endif
