// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx: a C++20 client for the LTX Studio video API v1. This header is the core: models,
// reflection engine, endpoints, HTTP values and transport concepts, and the client. It includes no
// Asio and no OpenSSL; networking over Asio is opt-in through <ltx/asio.hpp>.
#ifndef LTX_LTX_HPP
#define LTX_LTX_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect.hpp>
#include <ltx/api/common.hpp>
#include <ltx/api/job.hpp>
#include <ltx/api/videos.hpp>
#include <ltx/api/assets.hpp>
#include <ltx/api/accounts.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/validation_error.hpp>
#include <ltx/error.hpp>
#include <ltx/config.hpp>
#include <ltx/options.hpp>
#include <ltx/mime.hpp>
#include <ltx/http/transport.hpp>
#include <ltx/http/url.hpp>
#include <ltx/client.hpp>

#endif
