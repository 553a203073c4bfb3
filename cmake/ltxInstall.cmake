# Install rules and the CMake package, so that find_package(ltx CONFIG) works.
include(CMakePackageConfigHelpers)

# Header-only: the package is architecture independent and lives under share/.
set(LTX_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/ltx"
    CACHE STRING "Install directory of ltx's CMake package files")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# The single headers get an include root of their own, the same layout as in the repository,
# because single_include/ltx/ltx.hpp would otherwise overwrite include/ltx/ltx.hpp:
# -I<prefix>/include/ltx-single then reads <ltx/ltx.hpp> as one file.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/single_include/"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/ltx-single")

install(TARGETS ltx EXPORT ltxTargets)
install(EXPORT ltxTargets NAMESPACE ltx:: DESTINATION "${LTX_INSTALL_CMAKEDIR}")
if(TARGET ltx_asio)
    install(TARGETS ltx_asio EXPORT ltxAsioTargets)
    install(EXPORT ltxAsioTargets NAMESPACE ltx:: DESTINATION "${LTX_INSTALL_CMAKEDIR}")
endif()

if(TARGET ltx_batch)
    install(TARGETS ltx_batch EXPORT ltxBatchTargets)
    install(EXPORT ltxBatchTargets NAMESPACE ltx:: DESTINATION "${LTX_INSTALL_CMAKEDIR}")
endif()

configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/ltxConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/ltxConfig.cmake"
    INSTALL_DESTINATION "${LTX_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/ltxConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion
    ARCH_INDEPENDENT)
install(FILES
    "${PROJECT_BINARY_DIR}/ltxConfig.cmake"
    "${PROJECT_BINARY_DIR}/ltxConfigVersion.cmake"
    DESTINATION "${LTX_INSTALL_CMAKEDIR}")

# pkg-config files, for builds without CMake: `pkg-config --cflags --libs ltx-asio`. Boost and
# standalone Asio are found on the compiler's default include path, as Debian installs them.
set(LTX_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig"
    CACHE STRING "Install directory of ltx's pkg-config files")
configure_file("${PROJECT_SOURCE_DIR}/cmake/ltx.pc.in" "${PROJECT_BINARY_DIR}/ltx.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/ltx.pc" DESTINATION "${LTX_INSTALL_PKGCONFIGDIR}")
if(TARGET ltx_asio)
    configure_file("${PROJECT_SOURCE_DIR}/cmake/ltx-asio.pc.in" "${PROJECT_BINARY_DIR}/ltx-asio.pc"
        @ONLY)
    install(FILES "${PROJECT_BINARY_DIR}/ltx-asio.pc" DESTINATION "${LTX_INSTALL_PKGCONFIGDIR}")
endif()
if(TARGET ltx_batch)
    configure_file("${PROJECT_SOURCE_DIR}/cmake/ltx-batch.pc.in"
        "${PROJECT_BINARY_DIR}/ltx-batch.pc" @ONLY)
    install(FILES "${PROJECT_BINARY_DIR}/ltx-batch.pc" DESTINATION "${LTX_INSTALL_PKGCONFIGDIR}")
endif()
