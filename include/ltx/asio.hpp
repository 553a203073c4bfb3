// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx over Asio: an HTTP/1.1 transport over TCP and TLS with connection reuse, timeouts and
// size limits (`ltx::asio::transport`), TLS contexts (`ltx::asio::default_tls_context`,
// `make_tls_context`), and the completion-token front end of the client's async calls.
// Needs standalone Asio and OpenSSL; the core (<ltx/ltx.hpp>) needs neither.
#ifndef LTX_ASIO_HPP
#define LTX_ASIO_HPP

#include <ltx/detail/config.hpp>
#include <ltx/asio/compat.hpp>
#include <ltx/asio/completion.hpp>
#include <ltx/asio/options.hpp>
#include <ltx/asio/tls.hpp>
#include <ltx/asio/transport.hpp>

#endif
