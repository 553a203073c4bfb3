// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of the CLI's `--request` file reader (tools/ltx/, libFuzzer). The input is the
// file's text. The CLI parses it into a JSON object (`request_object`) and decodes that,
// with no option overlaid, through `request_options::apply` (`read_json_value`). The oracle
// is the library's streaming decoder on the same text (`read_json`):
//  1. a text the reader refuses as no JSON object, `read_json` refuses too;
//  2. otherwise both accept, with the same request (the same JSON written), or both refuse
//     with the same error, which the CLI reports as `request: <path>: <message>`; the one
//     documented difference, a key repeated in one object (a parsed object holds each key
//     once, the last), is the only one tolerated;
//  3. an accepted request validates and writes without throwing.
#include "fuzz_support.hpp"

#include <commands.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace ltx_fuzz;

// Counts the keys of a JSON text, repeated ones included (basic_parser's events).
struct key_counter {
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();
    std::size_t keys = 0;

    using sv = boost::json::string_view;
    using ec = boost::json::error_code;
    bool on_document_begin(ec&) { return true; }
    bool on_document_end(ec&) { return true; }
    bool on_object_begin(ec&) { return true; }
    bool on_object_end(std::size_t, ec&) { return true; }
    bool on_array_begin(ec&) { return true; }
    bool on_array_end(std::size_t, ec&) { return true; }
    bool on_key_part(sv, std::size_t, ec&) { return true; }
    bool on_key(sv, std::size_t, ec&) { return ++keys, true; }
    bool on_string_part(sv, std::size_t, ec&) { return true; }
    bool on_string(sv, std::size_t, ec&) { return true; }
    bool on_number_part(sv, ec&) { return true; }
    bool on_int64(std::int64_t, sv, ec&) { return true; }
    bool on_uint64(std::uint64_t, sv, ec&) { return true; }
    bool on_double(double, sv, ec&) { return true; }
    bool on_bool(bool, ec&) { return true; }
    bool on_null(ec&) { return true; }
    bool on_comment_part(sv, ec&) { return true; }
    bool on_comment(sv, ec&) { return true; }
};

std::size_t keys_in(const boost::json::value& v) {
    std::size_t n = 0;
    if (const auto* o = v.if_object()) {
        for (const auto& kv : *o) {
            n += 1 + keys_in(kv.value());
        }
    } else if (const auto* a = v.if_array()) {
        for (const auto& e : *a) {
            n += keys_in(e);
        }
    }
    return n;
}

// True when a key repeats in one object of `text`, a valid JSON text parsed as `doc`.
bool has_repeated_key(std::string_view text, const boost::json::object& doc) {
    boost::json::basic_parser<key_counter> p{boost::json::parse_options{}};
    boost::json::error_code ec;
    p.write_some(false, text.data(), text.size(), ec);
    return p.handler().keys != keys_in(doc);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = as_text(data, size);
    ltx::ltx_create_request direct;
    ltx::reflect::json_error err;
    const bool streamed = ltx::reflect::read_json(text, direct, err);

    auto object = ltx_cli::detail::request_object(text);
    if (!object) {
        expect(!streamed, "read_json accepts a text the request reader refuses", text);
        return 0;
    }
    const bool repeated = has_repeated_key(text, *object);
    ltx::ltx_create_request request;
    const ltx_cli::request_options<ltx::ltx_create_request> options;
    // The input is a `--request` file: errors name its JSON paths, as read_json's do.
    const auto problem = options.apply(std::move(*object), request, /*from_file=*/true);
    if (streamed) {
        expect(!problem, "the request reader refuses what read_json accepts", *problem);
        expect(ltx::reflect::to_json(request) == ltx::reflect::to_json(direct),
               "the request reader and read_json read different requests", text);
        (void)ltx::reflect::validate(request);
        return 0;
    }
    if (repeated) {
        return 0; // the documented difference: read_json refuses, or reports an earlier error
    }
    const std::string want = "request: " + (err.path.empty() ? "" : err.path + ": ") + err.message;
    expect(problem.has_value(), "the request reader accepts what read_json refuses", want);
    expect(*problem == want, "the request reader and read_json refuse differently",
           *problem + " | " + want);
    return 0;
}
