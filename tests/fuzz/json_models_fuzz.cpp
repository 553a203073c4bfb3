// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of the JSON decoder over every response model of the API, the error body, the
// request models the simulator decodes, and the models of the official LTX API (libFuzzer). Each
// input is decoded into every model. When a decode succeeds, the value is encoded, the text decoded
// again and encoded again:
//  1. the second decode succeeds (what the encoder writes, the decoder reads);
//  2. both encodings are identical (encode -> decode -> encode is stable: no value, sign or
//     digit is lost or invented on the way);
//  3. a failed decode names why (a message), and nothing escapes as an exception.
#include "fuzz_support.hpp"

#include <ltx/lightricks.hpp>
#include <ltx/ltx.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace ltx_fuzz;

template <class T> void round_trip(std::string_view in, const char* model) {
    T value{};
    ltx::reflect::json_error err;
    if (!ltx::reflect::read_json(in, value, err)) {
        expect(!err.message.empty(), "a failed decode without a message", model);
        return;
    }
    const std::string first = ltx::reflect::to_json(value);
    T again{};
    if (!ltx::reflect::read_json(first, again, err)) {
        fail("an encoding does not decode",
             std::string{model} + ": " + err.path + ": " + err.message + " in " + first);
    }
    const std::string second = ltx::reflect::to_json(again);
    expect(first == second, "encode -> decode -> encode is not stable",
           std::string{model} + ": " + first + " then " + second);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in = as_text(data, size);
    // The responses of every endpoint (endpoints.hpp) and the error body.
    round_trip<ltx::created_job>(in, "created_job");
    round_trip<ltx::job>(in, "job");
    round_trip<ltx::upload_asset_response>(in, "upload_asset_response");
    round_trip<ltx::asset_page>(in, "asset_page");
    round_trip<ltx::account>(in, "account");
    round_trip<ltx::account_map>(in, "account_map");
    round_trip<ltx::scheduled_jobs>(in, "scheduled_jobs");
    round_trip<ltx::no_content>(in, "no_content");
    round_trip<ltx::error_body>(in, "error_body");
    // The requests the simulator reads from JSON bodies.
    round_trip<ltx::ltx_create_request>(in, "ltx_create_request");
    round_trip<ltx::account_request>(in, "account_request");
    round_trip<ltx::list_assets_request>(in, "list_assets_request");
    // The official LTX API: its answers, and the requests its simulator will read.
    namespace lx = ltx::lightricks;
    round_trip<lx::submitted_job>(in, "lightricks submitted_job");
    round_trip<lx::job_status>(in, "lightricks job_status");
    round_trip<lx::upload_ticket>(in, "lightricks upload_ticket");
    round_trip<lx::error_envelope>(in, "lightricks error_envelope");
    round_trip<lx::text_to_video_request>(in, "lightricks text_to_video_request");
    round_trip<lx::image_to_video_request>(in, "lightricks image_to_video_request");
    round_trip<lx::audio_to_video_request>(in, "lightricks audio_to_video_request");
    round_trip<lx::retake_request>(in, "lightricks retake_request");
    round_trip<lx::extend_request>(in, "lightricks extend_request");
    round_trip<lx::reframe_request>(in, "lightricks reframe_request");
    return 0;
}
