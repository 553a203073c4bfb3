// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The transport contract (tests/http/transport_conformance.hpp) over ltx::asio::transport's
// blocking `send`.
#include <ltx/asio/transport.hpp>

#include "http/transport_conformance.hpp"

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

namespace {

struct asio_factory {
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    ltx::asio::transport& transport() { return t; }
};

} // namespace

TYPE_TO_STRING(asio_factory);
LTX_TRANSPORT_CONFORMANCE(asio_factory)
