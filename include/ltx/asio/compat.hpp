// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The one place that knows which Asio version spells what. Debian 12 ships Asio 1.22, where
// `deferred` is still experimental; Asio 1.24 moved it to namespace asio.
#ifndef LTX_ASIO_COMPAT_HPP
#define LTX_ASIO_COMPAT_HPP

#include <ltx/detail/config.hpp>

#include <asio/version.hpp>

#if ASIO_VERSION >= 102400
#include <asio/deferred.hpp>
#else
#include <asio/experimental/deferred.hpp>
#endif

namespace ltx::asio {

#if ASIO_VERSION >= 102400
/// The type of `ltx::asio::deferred`.
using deferred_t = ::asio::deferred_t;
#else
/// The type of `ltx::asio::deferred`.
using deferred_t = ::asio::experimental::deferred_t;
#endif

/// The completion token that makes an async call return a deferred operation, launched later
/// by calling it with another token: `auto op = api.async_get_job(id, ltx::asio::deferred);
/// std::move(op)(handler);`. Names `asio::deferred` or `asio::experimental::deferred`,
/// whichever this Asio has.
inline constexpr deferred_t deferred{};

} // namespace ltx::asio

#endif
