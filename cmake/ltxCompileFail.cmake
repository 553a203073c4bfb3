# Compile-fail tests: a CTest test that runs the C++ compiler on one source file with ltx's
# include directories and passes when the compilation fails with output matching a regex.
#
#   ltx_add_compile_fail_test(<name> <source> <regex>)
#   ltx_add_compile_fail_tests_from(<list file>)   # lines `name;file;regex`, file relative to
#                                                  # the list file; blanks and # lines skipped

set(LTX_COMPILE_FAIL_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/compile_fail.cmake")

# The settings travel in a generated file rather than on the command line, so a regex may hold
# any character (;, |, quotes, brackets).
function(ltx_add_compile_fail_test name source regex)
    get_filename_component(source "${source}" ABSOLUTE)
    if(NOT EXISTS "${source}")
        message(FATAL_ERROR "ltx_add_compile_fail_test(${name}): no file ${source}")
    endif()

    set(args ${CMAKE_CXX20_STANDARD_COMPILE_OPTION} -DASIO_NO_DEPRECATED
        "-I${PROJECT_SOURCE_DIR}/include")
    # A system directory passed with -I changes the search order and breaks #include_next.
    foreach(dir IN LISTS Boost_INCLUDE_DIRS)
        if(NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
            list(APPEND args "-I${dir}")
        endif()
    endforeach()
    if(MSVC)
        list(APPEND args /Zs)
    else()
        list(APPEND args -fsyntax-only)
    endif()

    set(eq "=")
    while(regex MATCHES "]${eq}]")
        string(APPEND eq "=")
    endwhile()
    set(settings "${CMAKE_CURRENT_BINARY_DIR}/compile_fail/${name}.cmake")
    file(WRITE "${settings}"
        "set(LTX_COMPILER [[${CMAKE_CXX_COMPILER}]])\n"
        "set(LTX_ARGS [[${args}]])\n"
        "set(LTX_SOURCE [[${source}]])\n"
        "set(LTX_REGEX [${eq}[${regex}]${eq}])\n")
    add_test(NAME "${name}"
        COMMAND "${CMAKE_COMMAND}" "-DLTX_COMPILE_FAIL_SETTINGS=${settings}"
                -P "${LTX_COMPILE_FAIL_SCRIPT}")
    set_tests_properties("${name}" PROPERTIES LABELS compile_fail)
endfunction()

function(ltx_add_compile_fail_tests_from list_file)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${list_file}")
    get_filename_component(base "${list_file}" DIRECTORY)
    file(READ "${list_file}" content)
    # Hide the characters that CMake lists treat specially before splitting into lines.
    string(REPLACE ";" "<LTX_SEMI>" content "${content}")
    string(REPLACE "[" "<LTX_OPEN>" content "${content}")
    string(REPLACE "]" "<LTX_CLOSE>" content "${content}")
    string(REPLACE "\n" ";" lines "${content}")
    foreach(line IN LISTS lines)
        string(REPLACE "<LTX_SEMI>" ";" line "${line}")
        string(REPLACE "<LTX_OPEN>" "[" line "${line}")
        string(REPLACE "<LTX_CLOSE>" "]" line "${line}")
        string(STRIP "${line}" line)
        if(line STREQUAL "" OR line MATCHES "^#")
            continue()
        endif()
        if(NOT line MATCHES "^([^;]+);([^;]+);(.+)$")
            message(FATAL_ERROR "${list_file}: expected `name;file;regex`, got: ${line}")
        endif()
        ltx_add_compile_fail_test("${CMAKE_MATCH_1}" "${base}/${CMAKE_MATCH_2}" "${CMAKE_MATCH_3}")
    endforeach()
endfunction()
