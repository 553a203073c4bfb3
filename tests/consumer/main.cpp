// Uses ltx::ltx as an installed, add_subdirectory'd or fetched package: the core headers are
// found and the program links.
#include <ltx/ltx.hpp>

#ifndef LTX_DECL
#error "ltx's configuration macros are missing"
#endif

int main() {
    return 0;
}
