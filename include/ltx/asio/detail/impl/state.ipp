// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ASIO_DETAIL_IMPL_STATE_IPP
#define LTX_ASIO_DETAIL_IMPL_STATE_IPP

#include <ltx/asio/detail/state.hpp>
#include <ltx/asio/tls.hpp>

namespace ltx::asio::detail {

LTX_DECL ::asio::ssl::context& transport_state::tls_context() {
    if (user_tls != nullptr) {
        return *user_tls;
    }
    // Made on first https use, so a transport for http:// never reads the system CAs.
    std::call_once(own_tls_once, [this] {
        own_tls = std::make_unique<::asio::ssl::context>(default_tls_context());
    });
    return *own_tls;
}

LTX_DECL std::unique_ptr<sync_lane> transport_state::acquire_lane() {
    {
        std::lock_guard lock{lanes_mutex};
        if (!lanes.empty()) {
            auto lane = std::move(lanes.back());
            lanes.pop_back();
            return lane;
        }
    }
    return std::make_unique<sync_lane>(pool);
}

LTX_DECL void transport_state::release_lane(std::unique_ptr<sync_lane> lane) {
    std::lock_guard lock{lanes_mutex};
    lanes.push_back(std::move(lane));
}

} // namespace ltx::asio::detail

#endif
