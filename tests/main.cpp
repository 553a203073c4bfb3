// The doctest main of ltx_tests; the test cases live in the files listed in tests/sources.txt.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
