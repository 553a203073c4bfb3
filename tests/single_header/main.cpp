// Built with single_include/ as the only ltx include directory: proves the generated single
// header is self-contained. second_tu.cpp includes it too, so the two link without ODR clashes.
#include <ltx/ltx.hpp>
#ifdef LTX_TEST_SINGLE_HEADER_ASIO
#include <ltx/ltx_asio.hpp>
#endif

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <type_traits>

#ifndef LTX_DECL
#error "the single header must define LTX_DECL"
#endif

int ltx_single_header_second_tu();

namespace {

LTX_DECL int answer() {
    return 42;
}

} // namespace

TEST_CASE("single header: compiles alone and links from two translation units") {
    CHECK(answer() == 42);
    CHECK(ltx_single_header_second_tu() == 7);
    CHECK(std::is_same_v<decltype(answer()), int>);
}
