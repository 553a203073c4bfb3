// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Decoding the body of a completed job (`GET assets/{jobId}`) into ltx::job: ltx's read_json
// (parser events straight into the struct) beside Boost.JSON's parse followed by hand-written
// extraction into the same struct, and nlohmann::json's parse with the same extraction.
#include "support.hpp"

#include <ltx/ltx.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace {

const std::string completed_job =
    R"({"status":{"type":"completed","progress":100,"message":"Video generated successfully",)"
    R"("artifact":{"assetUrl":"https://cdn.example.com/ltx-studio/generations/)"
    R"(9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f/output.mp4?Expires=1748919477&KeyName=ltx-prod&)"
    R"(Signature=Qm9vc3RKU09OaXNmYXN0YnV0cmVmbGVjdGlvbmlzZmFzdGVy-_x7Y2Fm",)"
    R"("expirationDateString":"1748919477350","asset":{"type":"artifact",)"
    R"("fileId":"asset:9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f-type:video/mp4",)"
    R"("mimeType":"video/mp4","artifactSubtype":"model-serving"}}},)"
    R"("jobId":"email:jane.doe@example.com:3b1f6c2e-8d47-4a90-b5e1-0c9f2d7a6e48-type:video",)"
    R"("generationId":"gen_01JX4M2K8Q7W3T9R5V6Y1Z0ABC","replyRef":"order-7731",)"
    R"("replyUrl":"https://hooks.example.com/ltx/jobs?tenant=42","code":200})";

// ---- Boost.JSON DOM, extracted by hand --------------------------------------------------------

std::optional<std::string> boost_string(const boost::json::object& o, std::string_view key) {
    if (const auto* v = o.if_contains(key))
        if (const auto* s = v->if_string())
            return std::string{s->data(), s->size()};
    return std::nullopt;
}

std::optional<int> boost_int(const boost::json::object& o, std::string_view key) {
    if (const auto* v = o.if_contains(key))
        if (v->is_int64())
            return static_cast<int>(v->get_int64());
    return std::nullopt;
}

ltx::asset boost_asset(const boost::json::object& o) {
    return {boost_string(o, "type"), boost_string(o, "fileId"), boost_string(o, "mimeType"),
            boost_string(o, "artifactSubtype")};
}

ltx::signed_asset boost_signed_asset(const boost::json::object& o) {
    ltx::signed_asset a{boost_string(o, "assetUrl"), boost_string(o, "expirationDateString"), {}};
    if (const auto* v = o.if_contains("asset"))
        if (const auto* ao = v->if_object())
            a.asset = boost_asset(*ao);
    return a;
}

std::optional<ltx::job_state> state_named(std::string_view s) {
    if (s == "active")
        return ltx::job_state::active;
    if (s == "completed")
        return ltx::job_state::completed;
    if (s == "failed")
        return ltx::job_state::failed;
    return std::nullopt;
}

bool boost_job(std::string_view text, ltx::job& j) {
    boost::json::error_code ec;
    const auto jv = boost::json::parse(boost::json::string_view{text.data(), text.size()}, ec);
    const auto* root = jv.if_object();
    if (ec || !root)
        return false;
    if (const auto* v = root->if_contains("status")) {
        if (const auto* so = v->if_object()) {
            ltx::job_status st;
            if (const auto* t = so->if_contains("type"))
                if (const auto* s = t->if_string())
                    st.type = state_named({s->data(), s->size()});
            st.progress = boost_int(*so, "progress");
            st.message = boost_string(*so, "message");
            if (const auto* a = so->if_contains("artifact"))
                if (const auto* ao = a->if_object())
                    st.artifact = boost_signed_asset(*ao);
            j.status = std::move(st);
        }
    }
    j.jobId = boost_string(*root, "jobId");
    j.generationId = boost_string(*root, "generationId");
    j.replyRef = boost_string(*root, "replyRef");
    j.replyUrl = boost_string(*root, "replyUrl");
    j.code = boost_int(*root, "code");
    return true;
}

// ---- nlohmann::json, extracted by hand --------------------------------------------------------

std::optional<std::string> nl_string(const nlohmann::json& o, const char* key) {
    const auto it = o.find(key);
    if (it != o.end() && it->is_string())
        return it->get_ref<const std::string&>();
    return std::nullopt;
}

std::optional<int> nl_int(const nlohmann::json& o, const char* key) {
    const auto it = o.find(key);
    if (it != o.end() && it->is_number_integer())
        return it->get<int>();
    return std::nullopt;
}

bool nlohmann_job(std::string_view text, ltx::job& j) {
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object())
        return false;
    if (const auto s = doc.find("status"); s != doc.end() && s->is_object()) {
        ltx::job_status st;
        if (const auto t = nl_string(*s, "type"))
            st.type = state_named(*t);
        st.progress = nl_int(*s, "progress");
        st.message = nl_string(*s, "message");
        if (const auto a = s->find("artifact"); a != s->end() && a->is_object()) {
            ltx::signed_asset sa{
                nl_string(*a, "assetUrl"), nl_string(*a, "expirationDateString"), {}};
            if (const auto as = a->find("asset"); as != a->end() && as->is_object())
                sa.asset =
                    ltx::asset{nl_string(*as, "type"), nl_string(*as, "fileId"),
                               nl_string(*as, "mimeType"), nl_string(*as, "artifactSubtype")};
            st.artifact = std::move(sa);
        }
        j.status = std::move(st);
    }
    j.jobId = nl_string(doc, "jobId");
    j.generationId = nl_string(doc, "generationId");
    j.replyRef = nl_string(doc, "replyRef");
    j.replyUrl = nl_string(doc, "replyUrl");
    j.code = nl_int(doc, "code");
    return true;
}

// Every variant decodes into a fresh ltx::job, as a client does for each response, and must
// produce exactly what ltx::reflect::read_json produces.
template <class Decode> void run(benchmark::State& state, Decode decode) {
    const auto expected = ltx::reflect::to_json(ltx::reflect::from_json<ltx::job>(completed_job));
    {
        ltx::job j;
        if (!decode(completed_job, j) || ltx::reflect::to_json(j) != expected)
            state.SkipWithError("this decoder does not produce the expected job");
    }
    const auto op = [&] {
        ltx::job j;
        const bool ok = decode(completed_job, j);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(j);
        benchmark::ClobberMemory();
    };
    for (auto _ : state)
        op();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * completed_job.size()));
    ltx_bench::report_allocations(state, op);
}

void decode_ltx_read_json(benchmark::State& state) {
    run(state, [](std::string_view text, ltx::job& j) {
        ltx::reflect::json_error err;
        return ltx::reflect::read_json(text, j, err);
    });
}
BENCHMARK(decode_ltx_read_json)->Name("decode/ltx_read_json");

void decode_boost_parse_hand(benchmark::State& state) {
    run(state, boost_job);
}
BENCHMARK(decode_boost_parse_hand)->Name("decode/boost_parse_hand");

void decode_nlohmann_hand(benchmark::State& state) {
    run(state, nlohmann_job);
}
BENCHMARK(decode_nlohmann_hand)->Name("decode/nlohmann_hand");

// The target: decoding costs at most half of parsing a document and extracting by hand.
[[maybe_unused]] const bool ratios = ltx_bench::add_ratios({
    {"decode: ltx/parse+hand", "decode/ltx_read_json", "decode/boost_parse_hand", 0.5},
    {"decode: ltx/nlohmann", "decode/ltx_read_json", "decode/nlohmann_hand", 0},
});

} // namespace
