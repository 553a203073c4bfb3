// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// First header of every ltx header: the project-wide macros.
#ifndef LTX_DETAIL_CONFIG_HPP
#define LTX_DETAIL_CONFIG_HPP

#if __cplusplus < 202002L && (!defined(_MSVC_LANG) || _MSVC_LANG < 202002L)
#error "ltx requires C++20"
#endif

// Non-template functions are declared with LTX_DECL and defined in impl/*.ipp files.
// By default they are inline and the .ipp files are included by their headers, so the
// library is header-only. Defining LTX_SEPARATE_COMPILATION makes LTX_DECL empty: the
// .ipp files are then compiled once, by including <ltx/src.hpp> in exactly one TU.
#ifndef LTX_DECL
#ifdef LTX_SEPARATE_COMPILATION
#define LTX_DECL
#else
#define LTX_DECL inline
#define LTX_HEADER_ONLY 1
#endif
#endif

#endif
