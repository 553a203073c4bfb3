// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// First header of every ltx header: the project-wide macros.
#ifndef LTX_DETAIL_CONFIG_HPP
#define LTX_DETAIL_CONFIG_HPP

#if __cplusplus < 202002L && (!defined(_MSVC_LANG) || _MSVC_LANG < 202002L)
#error "ltx requires C++20"
#endif

// Non-template functions are declared with LTX_DECL and defined in impl/*.ipp files, which
// a header includes while LTX_HEADER_ONLY is defined. By default LTX_DECL is `inline` and
// LTX_HEADER_ONLY is defined, so the library is header-only. Defining LTX_SEPARATE_COMPILATION
// (in every translation unit) makes LTX_DECL empty and leaves the .ipp files out: they are then
// compiled once, in the one .cpp file that includes <ltx/src.hpp> (or <ltx/asio/src.hpp>).
#ifndef LTX_DECL
#ifdef LTX_SEPARATE_COMPILATION
#define LTX_DECL
#else
#define LTX_DECL inline
#define LTX_HEADER_ONLY 1
#endif
#endif

#endif
