// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Must not compile: <ltx/src.hpp> in a header-only build, where it would define every
// non-template function a second time beside the inline ones.
#include <ltx/src.hpp>

int main() {
    return 0;
}
