// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The one translation unit of ltx_compiled_mode_test that defines ltx's non-template
// functions; every other one sees declarations only (LTX_SEPARATE_COMPILATION).
#ifdef LTX_TEST_COMPILED_MODE_ASIO
#include <ltx/asio/src.hpp>
#else
#include <ltx/src.hpp>
#endif
