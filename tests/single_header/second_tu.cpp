// Second translation unit of ltx_single_header_test: any non-inline definition in the single
// header would now be defined twice and fail to link.
#include <ltx/ltx.hpp>
#ifdef LTX_TEST_SINGLE_HEADER_ASIO
#include <ltx/ltx_asio.hpp>
#endif

int ltx_single_header_second_tu() {
    return 7;
}
