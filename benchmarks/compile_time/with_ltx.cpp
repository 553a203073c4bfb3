// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Compile-time probe, with ltx: the core umbrella header, and one request validated and
// encoded, which instantiates the reflection engine for ltx_create_request.
// scripts/compile-time.sh compiles it against deps_only.cpp.
#include <ltx/ltx.hpp>

#include <string>

std::string encode_request(const ltx::ltx_create_request& request) {
    std::string body;
    if (ltx::reflect::validate(request).empty())
        ltx::reflect::write_json(request, body);
    return body;
}

int main() {
    return static_cast<int>(
        encode_request({.prompt = "Waves at dusk", .startAssetId = "asset:1"}).size());
}
