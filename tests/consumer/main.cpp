// Uses ltx::ltx as an installed or add_subdirectory'd package: the core headers are found and
// the program links. Before the umbrella header exists, the first ltx header stands in for it.
#if __has_include(<ltx/ltx.hpp>)
#include <ltx/ltx.hpp>
#else
#include <ltx/detail/config.hpp>
#endif

#ifndef LTX_DECL
#error "ltx's configuration macros are missing"
#endif

int main() {
    return 0;
}
