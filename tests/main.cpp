// The doctest main of each test layer, ltx_<layer>_tests; the test cases live in the files that
// tests/sources.txt assigns to the layer.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#ifdef LTX_SEPARATE_COMPILATION
// Compiled mode: the headers must leave the impl/*.ipp files out of every TU but src.cpp.
#include <ltx/detail/config.hpp>
#ifdef LTX_HEADER_ONLY
#error "LTX_SEPARATE_COMPILATION must leave the impl/*.ipp files out of the headers"
#endif
#endif
