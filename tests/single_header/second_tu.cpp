// Second translation unit of ltx_single_header_test: any non-inline definition in the single
// header would now be defined twice and fail to link.
#include <ltx/ltx.hpp>
#ifdef LTX_TEST_SINGLE_HEADER_ASIO
#include <ltx/ltx_asio.hpp>
#endif

// The library's error category as this translation unit sees it: one object for the program,
// or error codes made here would not compare equal to those made in main.cpp.
const std::error_category* ltx_single_header_second_tu() {
    return &ltx::make_error_code(ltx::errc::not_found).category();
}
