// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of webhook parsing, `ltx::parse_webhook`: the body a `replyUrl` receives (libFuzzer).
//  1. the throwing form and the error-code form agree: the first throws
//     `reflect::json_decode_error` exactly when the second sets `errc::unexpected_response`, with
//     a detail saying where and why, and on success both give the same job;
//  2. a parsed job, encoded, parses again to the same encoding (what a receiver stores and
//     reads back is what it got);
//  3. nothing else escapes as an exception.
#include "fuzz_support.hpp"

#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ltx_fuzz;
    const std::string_view body = as_text(data, size);
    std::error_code ec;
    std::string detail;
    const ltx::job parsed = ltx::parse_webhook(body, ec, &detail);
    bool threw = false;
    ltx::job thrown{};
    try {
        thrown = ltx::parse_webhook(body);
    } catch (const ltx::reflect::json_decode_error&) {
        threw = true;
    }
    expect(threw == static_cast<bool>(ec), "the two forms of parse_webhook disagree",
           threw ? "the throwing form threw" : "the error-code form failed");
    if (ec) {
        expect(ec == ltx::errc::unexpected_response, "a failed parse with another code",
               ec.message());
        expect(!detail.empty(), "a failed parse without a detail");
        return 0;
    }
    const std::string first = ltx::reflect::to_json(parsed);
    expect(first == ltx::reflect::to_json(thrown), "the two forms parse different jobs", first);
    std::error_code again_ec;
    const ltx::job again = ltx::parse_webhook(first, again_ec, &detail);
    if (again_ec)
        fail("an encoded job does not parse as a webhook", first + ": " + detail);
    expect(ltx::reflect::to_json(again) == first, "webhook -> encode -> parse is not stable",
           first);
    return 0;
}
