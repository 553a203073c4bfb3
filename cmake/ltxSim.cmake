# ltx_add_sim_library(<target> [<library>...])
# The simulator's server (tools/ltx-sim/sim/server.cpp) as a static library: compiled once per
# build and linked by ltx-sim, the test layers that start a simulator, and the benchmarks. The
# libraries given are linked publicly: the compiled-mode tests pass the one that defines ltx's
# functions (and carries LTX_SEPARATE_COMPILATION), so the server is built in their mode.
function(ltx_add_sim_library target)
    find_package(Threads REQUIRED)
    find_package(PNG REQUIRED) # the images it makes (sim/artifacts.hpp)
    find_package(CLI11 CONFIG REQUIRED) # its options (sim/options.hpp)
    add_library(${target} STATIC "${PROJECT_SOURCE_DIR}/tools/ltx-sim/sim/server.cpp")
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/tools/ltx-sim")
    target_link_libraries(${target} PUBLIC
        ltx::ltx Boost::headers Threads::Threads PNG::PNG CLI11::CLI11 ${ARGN})
    ltx_target_warnings(${target})
endfunction()
