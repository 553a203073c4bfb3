// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of the simulator's multipart/form-data parser (tools/ltx-sim/sim/decode.hpp,
// libFuzzer). The input is the request's Content-Type value, a line feed, then the body.
//  1. `parse_multipart` refuses or reads; it never throws, nor reads out of bounds;
//  2. the fields it reads, written again as multipart/form-data with the same boundary, read
//     back the same, when they can be written (a name without `"`, CR or LF, a value that
//     does not hold the delimiter);
//  3. the whole decoding of a request body (`decode_body`, multipart or JSON, into the create
//     request) answers, without throwing.
#include "fuzz_support.hpp"

#include <sim/decode.hpp>

#include <ltx/ltx.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace ltx_fuzz;

// `fields` as a multipart/form-data body with `boundary`, or nothing when they cannot be.
std::optional<std::string> write_form(const ltx::sim::form_fields& fields,
                                      const std::string& boundary) {
    const std::string delimiter = "--" + boundary;
    std::string body;
    for (const auto& [name, value] : fields) {
        // The value must end where its closing delimiter starts, not earlier.
        if (name.find_first_of("\"\r\n") != std::string::npos ||
            (value + "\r\n" + delimiter).find("\r\n" + delimiter) != value.size()) {
            return std::nullopt;
        }
        body += delimiter + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
                value + "\r\n";
    }
    return body + delimiter + "--\r\n";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [content_type, body] = split_at(as_text(data, size), '\n');

    const auto fields = ltx::sim::parse_multipart(content_type, body);
    if (fields) {
        const auto boundary = ltx::sim::detail::header_param(content_type, "boundary");
        expect(boundary && !boundary->empty(), "fields read without a boundary", content_type);
        const std::string again_type = boundary->find('"') == std::string::npos
                                           ? "multipart/form-data; boundary=\"" + *boundary + "\""
                                           : "multipart/form-data; boundary=" + *boundary;
        if (const auto written = write_form(*fields, *boundary)) {
            const auto again = ltx::sim::parse_multipart(again_type, *written);
            expect(again && *again == *fields, "fields written again read back otherwise",
                   *written);
        }
    }

    ltx::ltx_create_request request;
    (void)ltx::sim::decode_body(content_type, body, request);
    return 0;
}
