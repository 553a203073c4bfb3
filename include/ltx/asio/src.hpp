// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Compiled mode with the Asio adapter: <ltx/src.hpp> plus the definitions of <ltx/asio.hpp>.
// Include it, in place of <ltx/src.hpp>, in exactly one .cpp file of a program built with
// LTX_SEPARATE_COMPILATION defined in every translation unit; see <ltx/src.hpp>.
#ifndef LTX_ASIO_SRC_HPP
#define LTX_ASIO_SRC_HPP

#include <ltx/src.hpp>

#include <ltx/asio.hpp>

#endif
