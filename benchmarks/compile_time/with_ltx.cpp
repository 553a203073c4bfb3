// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Compile-time probe, with ltx: the core umbrella header, and one request decoded, validated
// and encoded, which instantiates the reflection engine for ltx_create_request both ways.
// scripts/compile-time.sh compiles it against deps_only.cpp.
#include <ltx/ltx.hpp>

#include <string>

std::string reencode_request(std::string_view text) {
    ltx::ltx_create_request request;
    ltx::reflect::json_error error;
    std::string body;
    if (ltx::reflect::read_json(text, request, error) && ltx::reflect::validate(request).empty())
        ltx::reflect::write_json(request, body);
    return body;
}

int main() {
    return static_cast<int>(
        reencode_request(R"({"prompt":"Waves at dusk","startAssetId":"asset:1"})").size());
}
