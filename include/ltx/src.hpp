// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Compiled mode. By default ltx is header-only: every non-template function (declared with
// LTX_DECL) is inline and compiled in each translation unit that uses it. A program that
// would rather compile them once defines LTX_SEPARATE_COMPILATION in every translation unit
// and includes this header in exactly one .cpp file of its own:
//
//     // ltx_src.cpp
//     #include <ltx/src.hpp>
//
// It defines the non-template functions of the core, the client, the HTTP/1.1 codec (core code,
// without Asio) and ltx::testing. A program that uses the Asio adapter includes
// <ltx/asio/src.hpp> instead, which defines those too. Templates stay in the headers either way.
#ifndef LTX_SRC_HPP
#define LTX_SRC_HPP

#ifndef LTX_SEPARATE_COMPILATION
#error                                                                                             \
    "<ltx/src.hpp> is for the compiled mode: define LTX_SEPARATE_COMPILATION in every translation unit, or leave this header out"
#endif

// Each header includes its impl/*.ipp definitions only while LTX_HEADER_ONLY is defined, and
// only the first time it is included; a header that came earlier in this file has already
// been passed over, so its definitions would be missing at link time.
#ifdef LTX_DETAIL_CONFIG_HPP
#error "<ltx/src.hpp> must come before any other ltx header in its translation unit"
#endif

#define LTX_HEADER_ONLY 1

#include <ltx/client.hpp>
#include <ltx/http/detail/http1/response_parser.hpp>
#include <ltx/http/detail/http1/serializer.hpp>
#include <ltx/lightricks.hpp>
#include <ltx/ltx.hpp>
#include <ltx/testing/manual_clock.hpp>
#include <ltx/testing/mock_transport.hpp>

#endif
