// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Compiled mode (CMake's LTX_TEST_MODES=compiled, meson's -Dcompiled_mode=true): the test
// layers are built with LTX_SEPARATE_COMPILATION, and this is their one translation unit that
// defines ltx's non-template functions; the test files see declarations only. A function the
// src headers leave out fails the link, and one defined in a header as well as here fails it as
// a duplicate.
#ifndef LTX_SEPARATE_COMPILATION
#error "tests/compiled_mode/src.cpp is for builds with LTX_SEPARATE_COMPILATION"
#endif

#ifdef LTX_TEST_COMPILED_MODE_ASIO
#include <ltx/asio/src.hpp>
#else
#include <ltx/src.hpp>
#endif
