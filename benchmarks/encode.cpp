// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Encoding a typical `POST videos/ltx-create` body: ltx (validate + write_json into a reused
// string, and write_json alone) beside the same JSON built as a Boost.JSON document and
// serialized, built with nlohmann::json and dumped, and the floor: copying the finished bytes.
#include "support.hpp"

#include <ltx/ltx.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <nlohmann/json.hpp>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

ltx::ltx_create_request typical_request() {
    return {
        .prompt = "A slow aerial shot over a misty pine forest at sunrise, golden light breaking "
                  "through the fog, a river winding below, birds crossing the frame, cinematic",
        .startAssetId = "asset:5d0c7a52-3f1e-4b8a-9c41-7e2f0d9b6a13-type:image/png",
        .endAssetId = "asset:a9e4b1c0-62d7-4f35-8e0a-1b3c5d7f9e21-type:image/jpeg",
        .model = ltx::model::ltxv_turbo,
        .duration = ltx::duration::s5,
        .aspectRatio = ltx::aspect_ratio::landscape_16_9,
        .intensity = ltx::intensity::medium,
        .seed = 1748919477,
        .audioSFX = true,
        .replyUrl = "https://hooks.example.com/ltx/jobs?tenant=42",
        .replyRef = "order-7731",
    };
}

// The wire names, written out by hand as code without reflection would.
const char* model_name(ltx::model m) {
    return m == ltx::model::ltxv ? "ltxv" : "ltxv-turbo";
}
const char* duration_name(ltx::duration d) {
    switch (d) {
    case ltx::duration::s3:
        return "3";
    case ltx::duration::s5:
        return "5";
    case ltx::duration::s7:
        return "7";
    case ltx::duration::s9:
        return "9";
    case ltx::duration::s15:
        return "15";
    case ltx::duration::s30:
        return "30";
    }
    return "3";
}
const char* aspect_name(ltx::aspect_ratio a) {
    switch (a) {
    case ltx::aspect_ratio::landscape_16_9:
        return "16:9";
    case ltx::aspect_ratio::portrait_9_16:
        return "9:16";
    case ltx::aspect_ratio::square_1_1:
        return "1:1";
    }
    return "16:9";
}
const char* intensity_name(ltx::intensity i) {
    switch (i) {
    case ltx::intensity::low:
        return "low";
    case ltx::intensity::medium:
        return "medium";
    case ltx::intensity::high:
        return "high";
    }
    return "medium";
}

std::string boost_dom(const ltx::ltx_create_request& r) {
    boost::json::object o;
    if (r.email)
        o["email"] = *r.email;
    o["prompt"] = r.prompt;
    if (r.startAssetId)
        o["startAssetId"] = *r.startAssetId;
    if (r.endAssetId)
        o["endAssetId"] = *r.endAssetId;
    if (r.model)
        o["model"] = model_name(*r.model);
    if (r.duration)
        o["duration"] = duration_name(*r.duration);
    if (r.aspectRatio)
        o["aspectRatio"] = aspect_name(*r.aspectRatio);
    if (r.intensity)
        o["intensity"] = intensity_name(*r.intensity);
    if (r.seed)
        o["seed"] = *r.seed;
    if (r.audioSFX)
        o["audioSFX"] = *r.audioSFX;
    if (r.pollForResult)
        o["pollForResult"] = *r.pollForResult;
    if (r.maxJobs)
        o["maxJobs"] = *r.maxJobs;
    if (r.replyUrl)
        o["replyUrl"] = *r.replyUrl;
    if (r.replyRef)
        o["replyRef"] = *r.replyRef;
    return boost::json::serialize(o);
}

std::string nlohmann_dom(const ltx::ltx_create_request& r) {
    nlohmann::json j;
    if (r.email)
        j["email"] = *r.email;
    j["prompt"] = r.prompt;
    if (r.startAssetId)
        j["startAssetId"] = *r.startAssetId;
    if (r.endAssetId)
        j["endAssetId"] = *r.endAssetId;
    if (r.model)
        j["model"] = model_name(*r.model);
    if (r.duration)
        j["duration"] = duration_name(*r.duration);
    if (r.aspectRatio)
        j["aspectRatio"] = aspect_name(*r.aspectRatio);
    if (r.intensity)
        j["intensity"] = intensity_name(*r.intensity);
    if (r.seed)
        j["seed"] = *r.seed;
    if (r.audioSFX)
        j["audioSFX"] = *r.audioSFX;
    if (r.pollForResult)
        j["pollForResult"] = *r.pollForResult;
    if (r.maxJobs)
        j["maxJobs"] = *r.maxJobs;
    if (r.replyUrl)
        j["replyUrl"] = *r.replyUrl;
    if (r.replyRef)
        j["replyRef"] = *r.replyRef;
    return j.dump();
}

void encode_ltx(benchmark::State& state) {
    const auto req = typical_request();
    std::string out;
    const auto op = [&] {
        if (!ltx::reflect::validate(req).empty())
            state.SkipWithError("the request does not validate");
        out.clear();
        ltx::reflect::write_json(req, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    };
    for (auto _ : state)
        op();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * out.size()));
    ltx_bench::report_allocations(state, op);
}
BENCHMARK(encode_ltx)->Name("encode/ltx");

void encode_ltx_no_validation(benchmark::State& state) {
    const auto req = typical_request();
    std::string out;
    const auto op = [&] {
        out.clear();
        ltx::reflect::write_json(req, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    };
    for (auto _ : state)
        op();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * out.size()));
    ltx_bench::report_allocations(state, op);
}
BENCHMARK(encode_ltx_no_validation)->Name("encode/ltx_no_validation");

void encode_boost_dom(benchmark::State& state) {
    const auto req = typical_request();
    if (boost_dom(req) != ltx::reflect::to_json(req))
        state.SkipWithError("the Boost.JSON document differs from ltx's output");
    std::size_t size = 0;
    const auto op = [&] {
        auto s = boost_dom(req);
        size = s.size();
        benchmark::DoNotOptimize(s.data());
        benchmark::ClobberMemory();
    };
    for (auto _ : state)
        op();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
    ltx_bench::report_allocations(state, op);
}
BENCHMARK(encode_boost_dom)->Name("encode/boost_dom");

void encode_nlohmann(benchmark::State& state) {
    const auto req = typical_request();
    if (nlohmann::json::parse(nlohmann_dom(req)) !=
        nlohmann::json::parse(ltx::reflect::to_json(req)))
        state.SkipWithError("the nlohmann document differs from ltx's output");
    std::size_t size = 0;
    const auto op = [&] {
        auto s = nlohmann_dom(req);
        size = s.size();
        benchmark::DoNotOptimize(s.data());
        benchmark::ClobberMemory();
    };
    for (auto _ : state)
        op();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
    ltx_bench::report_allocations(state, op);
}
BENCHMARK(encode_nlohmann)->Name("encode/nlohmann");

// Nothing can produce the body faster than copying it.
void encode_floor_memcpy(benchmark::State& state) {
    const auto body = ltx::reflect::to_json(typical_request());
    std::vector<char> buffer(body.size());
    const auto op = [&] {
        benchmark::DoNotOptimize(body.data());
        std::memcpy(buffer.data(), body.data(), body.size());
        benchmark::DoNotOptimize(buffer.data());
        benchmark::ClobberMemory();
    };
    for (auto _ : state)
        op();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
    ltx_bench::report_allocations(state, op);
}
BENCHMARK(encode_floor_memcpy)->Name("encode/floor_memcpy");

// The target: validate + encode in at most 0.3 of the time of a Boost.JSON document.
[[maybe_unused]] const bool ratios = ltx_bench::add_ratios({
    {"encode: ltx/boost_dom", "encode/ltx", "encode/boost_dom", 0.3},
    {"encode: ltx(no validation)/boost_dom", "encode/ltx_no_validation", "encode/boost_dom", 0},
    {"encode: ltx/nlohmann", "encode/ltx", "encode/nlohmann", 0},
    {"encode: ltx/floor(memcpy)", "encode/ltx", "encode/floor_memcpy", 0},
    {"encode: ltx(no validation)/floor(memcpy)", "encode/ltx_no_validation", "encode/floor_memcpy",
     0},
});

} // namespace
