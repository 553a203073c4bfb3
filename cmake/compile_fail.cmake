# Run by CTest: cmake -DLTX_COMPILE_FAIL_SETTINGS=<file> -P compile_fail.cmake
# Compiles LTX_SOURCE and succeeds only if the compiler fails and its output matches LTX_REGEX.
include("${LTX_COMPILE_FAIL_SETTINGS}")

execute_process(
    COMMAND "${LTX_COMPILER}" ${LTX_ARGS} "${LTX_SOURCE}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)

if(result EQUAL 0)
    message(FATAL_ERROR "${LTX_SOURCE} compiled, but it must not")
endif()
if(NOT output MATCHES "${LTX_REGEX}")
    message(FATAL_ERROR
        "${LTX_SOURCE} failed to compile as expected, but the output does not match "
        "`${LTX_REGEX}`:\n${output}")
endif()
message(STATUS "${LTX_SOURCE} fails to compile, as expected")
