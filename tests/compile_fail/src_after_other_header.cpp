// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Must not compile: <ltx/src.hpp> after another ltx header, whose definitions it would then
// silently leave out (each header includes its impl/*.ipp only the first time).
#define LTX_SEPARATE_COMPILATION
#include <ltx/error.hpp>
#include <ltx/src.hpp>

int main() {
    return 0;
}
