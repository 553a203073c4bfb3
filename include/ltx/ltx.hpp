// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx: a C++20 client for the LTX Studio video API v1. This header is the core: the models
// of every endpoint, the reflection engine that validates and encodes them, and the endpoint
// traits: all a program needs to build, check and serialise requests and decode responses.
// The client over any transport is <ltx/client.hpp>; over Asio, <ltx/asio.hpp> (which
// includes the client). The single header single_include/ltx/ltx.hpp holds both this core and
// the client. It includes no
// Asio and no OpenSSL; networking over Asio is opt-in through <ltx/asio.hpp>.
#ifndef LTX_LTX_HPP
#define LTX_LTX_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect.hpp>
#include <ltx/api/common.hpp>
#include <ltx/api/job.hpp>
#include <ltx/api/videos.hpp>
#include <ltx/api/images.hpp>
#include <ltx/api/assets.hpp>
#include <ltx/api/accounts.hpp>
#include <ltx/api/scheduler.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/validation_error.hpp>

#endif
