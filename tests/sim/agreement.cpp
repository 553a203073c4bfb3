// The simulator's validation and the library's agree on every rule of the reference: each
// case below goes to both, the library (decode + reflect::validate) and the simulator (over
// HTTP: 400 or not), and the verdicts must be the same.
#include "../../tools/ltx-sim/sim/server.hpp"

#include "support.hpp"

#include <ltx/ltx.hpp>

#include <boost/json/serialize.hpp>

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

using namespace sim_test;

namespace {

using edit = std::function<void(boost::json::object&)>;

struct json_case {
    std::string rule;
    edit change;
};

edit set(std::string key, boost::json::value v) {
    return [key, v](boost::json::object& o) { o[key] = v; };
}
edit set_text(std::string key, const std::string& s) {
    return set(std::move(key), boost::json::value(boost::json::string(s)));
}
edit erase(std::string key) {
    return [key](boost::json::object& o) { o.erase(key); };
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

// The library's verdict on a JSON body: it decodes and breaks no rule.
template <class T> bool library_accepts(const std::string& json) {
    T value{};
    ltx::reflect::json_error err;
    return ltx::reflect::read_json(json, value, err) && ltx::reflect::validate(value).empty();
}

// A query string from a flat JSON object: strings as they are, numbers in decimal.
std::string query_of(const boost::json::object& o) {
    std::string q;
    for (const auto& kv : o) {
        q += q.empty() ? "" : "&";
        ltx::detail::percent_encode(std::string_view{kv.key().data(), kv.key().size()}, q);
        q += '=';
        const auto text = kv.value().is_string() ? std::string{kv.value().get_string()}
                                                 : boost::json::serialize(kv.value());
        ltx::detail::percent_encode(text, q);
    }
    return q;
}

// Sends `base` changed by each case to `path`, as JSON and (when the library can hold it) as
// multipart/form-data, and checks that the simulator refuses (400) exactly what the library
// refuses (decoding or validation) and creates the job otherwise. Returns the comparisons made.
template <class T>
int agree(client& c, const std::string& path, const boost::json::object& base,
          const std::vector<json_case>& cases) {
    int compared = 0;
    for (const auto& k : cases) {
        boost::json::object body = base;
        k.change(body);
        const auto json = boost::json::serialize(body);
        CAPTURE(path);
        CAPTURE(k.rule);
        const bool lib = library_accepts<T>(json);
        const auto r = c.post(path, json);
        CAPTURE(r.body());
        CHECK((r.result_int() != 400) == lib);
        if (lib)
            CHECK(r.result_int() == 200);
        ++compared;

        T value;
        ltx::reflect::json_error err;
        if (!ltx::reflect::read_json(json, value, err))
            continue;
        std::string form;
        REQUIRE(ltx::reflect::write_multipart(value, "ltx-agreement-boundary", form));
        const auto m = c.post(path, form, "multipart/form-data; boundary=ltx-agreement-boundary");
        CAPTURE(m.body());
        CHECK((m.result_int() != 400) == ltx::reflect::validate(value).empty());
        ++compared;
    }
    return compared;
}

// The cases of the options every generator takes (Jobs in the reference).
std::vector<json_case> job_option_cases() {
    return {
        {"pollForResult 1", set("pollForResult", 1)},
        {"pollForResult 20", set("pollForResult", 20)},
        {"pollForResult 0", set("pollForResult", 0)},
        {"pollForResult 21", set("pollForResult", 21)},
        {"pollForResult a fraction", set("pollForResult", 2.5)},
        {"maxJobs 1", set("maxJobs", 1)},
        {"maxJobs 100", set("maxJobs", 100)},
        {"maxJobs 0", set("maxJobs", 0)},
        {"maxJobs 101", set("maxJobs", 101)},
        {"replyUrl https", set("replyUrl", "https://hooks.example.com/x?y=1")},
        {"replyUrl relative", set("replyUrl", "/hook")},
        {"replyUrl ftp", set("replyUrl", "ftp://example.com/")},
        {"replyRef", set("replyRef", "order 17")},
        {"email configured", set("email", "sim@example.com")},
        {"email syntax", set("email", "sim-at-example.com")},
        {"unknown fields ignored", set("colour", "blue")},
        {"not an object", [](auto& j) { j.clear(); }},
    };
}

std::vector<json_case> with_job_options(std::vector<json_case> cases) {
    for (auto& k : job_option_cases())
        cases.push_back(std::move(k));
    return cases;
}

} // namespace

TEST_CASE("ltx-sim and the library agree on every rule of POST videos/ltx-create") {
    auto o = test_options();
    o.accounts = {{"sim@example.com", 1e9, 100}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto image = upload_png(c);

    const auto cases = with_job_options({
        {"valid", [](auto&) {}},
        {"prompt required", erase("prompt")},
        {"prompt non-empty", set("prompt", "")},
        {"prompt 1 char", set("prompt", "x")},
        {"prompt 2000 chars", set_text("prompt", std::string(2000, 'a'))},
        {"prompt 2001 chars", set_text("prompt", std::string(2001, 'a'))},
        {"prompt 2000 4-byte chars", set_text("prompt", repeat("\xF0\x9F\x8E\xAC", 2000))},
        {"prompt 2001 4-byte chars", set_text("prompt", repeat("\xF0\x9F\x8E\xAC", 2001))},
        {"prompt a string", set("prompt", 5)},
        {"start or end required", erase("startAssetId")},
        {"end alone",
         [&](auto& j) { j.erase("startAssetId"), j["endAssetId"] = boost::json::string(image); }},
        {"both", set_text("endAssetId", image)},
        {"start non-empty", set("startAssetId", "")},
        {"end non-empty", set("endAssetId", "")},
        {"start null is absent", [](auto& j) { j["startAssetId"] = nullptr; }},
        {"model ltxv", set("model", "ltxv")},
        {"model ltxv-turbo", set("model", "ltxv-turbo")},
        {"model unknown", set("model", "ltxv2")},
        {"duration 3", set("duration", "3")},
        {"duration 30", set("duration", "30")},
        {"duration 4", set("duration", "4")},
        {"duration a number", set("duration", 5)},
        {"aspectRatio 9:16", set("aspectRatio", "9:16")},
        {"aspectRatio 1:1", set("aspectRatio", "1:1")},
        {"aspectRatio 4:3", set("aspectRatio", "4:3")},
        {"intensity high", set("intensity", "high")},
        {"intensity extreme", set("intensity", "extreme")},
        {"seed negative", set("seed", -9223372036854775807LL)},
        {"seed a string", set("seed", "12")},
        {"seed a fraction", set("seed", 1.5)},
        {"audioSFX true", set("audioSFX", true)},
        {"audioSFX a string", set("audioSFX", "yes")},
        {"email syntax 2", set("email", "sim@example")},
    });
    const boost::json::object base{{"prompt", "A river"},
                                   {"startAssetId", boost::json::string(image)}};
    CHECK(agree<ltx::ltx_create_request>(c, "/videos/ltx-create", base, cases) > 80);
}

TEST_CASE("ltx-sim and the library agree on every rule of POST videos/veo-create") {
    auto o = test_options();
    o.accounts = {{"sim@example.com", 1e9, 100}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto image = upload_png(c);
    const auto cases = with_job_options({
        {"valid", [](auto&) {}},
        {"model veo2", set("model", "veo2")},
        {"model veo3", set("model", "veo3")},
        {"model veo3-fast", set("model", "veo3-fast")},
        {"model unknown", set("model", "veo4")},
        {"prompt absent", erase("prompt")},
        {"prompt empty", set("prompt", "")},
        {"prompt 2000 chars", set_text("prompt", std::string(2000, 'a'))},
        {"prompt 2001 chars", set_text("prompt", std::string(2001, 'a'))},
        {"prompt a number", set("prompt", 5)},
        {"startAssetId required for veo2", erase("startAssetId")},
        {"startAssetId required for an explicit veo2",
         [](auto& j) { j.erase("startAssetId"), j["model"] = "veo2"; }},
        {"startAssetId optional for veo3",
         [](auto& j) { j.erase("startAssetId"), j["model"] = "veo3"; }},
        {"startAssetId optional for veo3-fast",
         [](auto& j) { j.erase("startAssetId"), j["model"] = "veo3-fast"; }},
        {"startAssetId non-empty", set("startAssetId", "")},
        {"duration 5", set("duration", "5")},
        {"duration 6", set("duration", "6")},
        {"duration 7", set("duration", "7")},
        {"duration 8", set("duration", "8")},
        {"duration 3", set("duration", "3")},
        {"duration 9", set("duration", "9")},
        {"duration a number", set("duration", 8)},
        {"veo3 duration 8", [](auto& j) { j["model"] = "veo3", j["duration"] = "8"; }},
        {"veo3 duration 5", [](auto& j) { j["model"] = "veo3", j["duration"] = "5"; }},
        {"veo3-fast duration 7", [](auto& j) { j["model"] = "veo3-fast", j["duration"] = "7"; }},
        {"aspectRatio 16:9", set("aspectRatio", "16:9")},
        {"aspectRatio 9:16", set("aspectRatio", "9:16")},
        {"aspectRatio 1:1", set("aspectRatio", "1:1")},
        {"aspectRatio 4:3", set("aspectRatio", "4:3")},
        {"veo3 aspectRatio 16:9", [](auto& j) { j["model"] = "veo3", j["aspectRatio"] = "16:9"; }},
        {"veo3 aspectRatio 9:16", [](auto& j) { j["model"] = "veo3", j["aspectRatio"] = "9:16"; }},
        {"veo3-fast aspectRatio 9:16",
         [](auto& j) { j["model"] = "veo3-fast", j["aspectRatio"] = "9:16"; }},
        {"resolution refused for veo2", set("resolution", "720p")},
        {"resolution 1080p refused for veo2",
         [](auto& j) { j["model"] = "veo2", j["resolution"] = "1080p"; }},
        {"veo3 resolution 720p", [](auto& j) { j["model"] = "veo3", j["resolution"] = "720p"; }},
        {"veo3-fast resolution 1080p",
         [](auto& j) { j["model"] = "veo3-fast", j["resolution"] = "1080p"; }},
        {"veo3 resolution 480p", [](auto& j) { j["model"] = "veo3", j["resolution"] = "480p"; }},
        {"audioSFX true", set("audioSFX", true)},
        {"audioSFX a string", set("audioSFX", "yes")},
        {"seed", set("seed", 42)},
        {"seed a string", set("seed", "42")},
    });
    const boost::json::object base{{"startAssetId", boost::json::string(image)}};
    CHECK(agree<ltx::veo_create_request>(c, "/videos/veo-create", base, cases) > 80);
}

TEST_CASE("ltx-sim and the library agree on every rule of POST images/create and its alias") {
    auto o = test_options();
    o.accounts = {{"sim@example.com", 1e9, 100}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto image = upload_png(c);
    const auto cases = with_job_options({
        {"valid", [](auto&) {}},
        {"prompt required", erase("prompt")},
        {"prompt non-empty", set("prompt", "")},
        {"prompt 2000 chars", set_text("prompt", std::string(2000, 'a'))},
        {"prompt 2001 chars", set_text("prompt", std::string(2001, 'a'))},
        {"model flux", set("model", "flux")},
        {"model flux-premium", set("model", "flux-premium")},
        {"model nano-banana", set("model", "nano-banana")},
        {"model unknown", set("model", "flux2")},
        {"aspectRatio 1:1", set("aspectRatio", "1:1")},
        {"aspectRatio 9:16", set("aspectRatio", "9:16")},
        {"aspectRatio 4:3", set("aspectRatio", "4:3")},
        {"referenceAssetId for flux", set_text("referenceAssetId", image)},
        {"referenceAssetId non-empty", set("referenceAssetId", "")},
        {"referenceAssetId refused for flux-premium",
         [&](auto& j) {
             j["model"] = "flux-premium", j["referenceAssetId"] = boost::json::string(image);
         }},
        {"referenceAssetId refused for nano-banana",
         [&](auto& j) {
             j["model"] = "nano-banana", j["referenceAssetId"] = boost::json::string(image);
         }},
        {"reference_strength 0", set("reference_strength", 0)},
        {"reference_strength 100", set("reference_strength", 100)},
        {"reference_strength 101", set("reference_strength", 101)},
        {"reference_strength -1", set("reference_strength", -1)},
        {"reference_strength a string", set("reference_strength", "50")},
        {"reference_strength refused for nano-banana",
         [](auto& j) { j["model"] = "nano-banana", j["reference_strength"] = 50; }},
        {"style anime", set("style", "anime")},
        {"style 2d_novel", set("style", "2d_novel")},
        {"style base", set("style", "base")},
        {"style unknown", set("style", "watercolor")},
        {"style refused for flux-premium",
         [](auto& j) { j["model"] = "flux-premium", j["style"] = "base"; }},
        {"location 2000 chars", set_text("location", std::string(2000, 'l'))},
        {"location 2001 chars", set_text("location", std::string(2001, 'l'))},
        {"weather 2001 chars", set_text("weather", std::string(2001, 'w'))},
        {"lighting 2001 chars", set_text("lighting", std::string(2001, 'x'))},
        {"shotType free text", set("shotType", "extreme close-up")},
        {"shotAngle birds-eye-view", set("shotAngle", "birds-eye-view")},
        {"shotAngle unknown", set("shotAngle", "dutch")},
        {"referenceAssetId2 refused", set_text("referenceAssetId2", image)},
        {"referenceAssetId3 refused",
         [&](auto& j) {
             j["model"] = "nano-banana", j["referenceAssetId3"] = boost::json::string(image);
         }},
        {"seed a string", set("seed", "7")},
    });
    const boost::json::object base{{"prompt", "A fox in the snow"}};
    CHECK(agree<ltx::image_create_request>(c, "/images/create", base, cases) > 80);
    CHECK(agree<ltx::image_create_request>(c, "/images/flux-create", base, cases) > 80);
}

TEST_CASE("ltx-sim and the library agree on every rule of POST images/edit and its alias") {
    auto o = test_options();
    o.accounts = {{"sim@example.com", 1e9, 100}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto image = upload_png(c);
    const auto cases = with_job_options({
        {"valid", [](auto&) {}},
        {"prompt required", erase("prompt")},
        {"prompt 2001 chars", set_text("prompt", std::string(2001, 'a'))},
        {"referenceAssetId required", erase("referenceAssetId")},
        {"referenceAssetId non-empty", set("referenceAssetId", "")},
        {"referenceAssetId2", set_text("referenceAssetId2", image)},
        {"referenceAssetId2 non-empty", set("referenceAssetId2", "")},
        {"referenceAssetId3 refused for flux", set_text("referenceAssetId3", image)},
        {"referenceAssetId3 refused for an explicit flux",
         [&](auto& j) {
             j["model"] = "flux", j["referenceAssetId3"] = boost::json::string(image);
         }},
        {"referenceAssetId3 for flux-premium",
         [&](auto& j) {
             j["model"] = "flux-premium", j["referenceAssetId3"] = boost::json::string(image);
         }},
        {"referenceAssetId3 for nano-banana",
         [&](auto& j) {
             j["model"] = "nano-banana", j["referenceAssetId3"] = boost::json::string(image);
         }},
        {"model unknown", set("model", "banana")},
        {"aspectRatio 9:16", set("aspectRatio", "9:16")},
        {"aspectRatio 4:3", set("aspectRatio", "4:3")},
        {"aspectRatio refused for nano-banana",
         [](auto& j) { j["model"] = "nano-banana", j["aspectRatio"] = "16:9"; }},
        {"nano-banana without aspectRatio", set("model", "nano-banana")},
        {"location 2001 chars", set_text("location", std::string(2001, 'l'))},
        {"shotAngle low-angle", set("shotAngle", "low-angle")},
        {"shotAngle unknown", set("shotAngle", "sideways")},
        {"seed", set("seed", -3)},
    });
    const boost::json::object base{{"prompt", "The same street at night"},
                                   {"referenceAssetId", boost::json::string(image)}};
    CHECK(agree<ltx::image_edit_request>(c, "/images/edit", base, cases) > 60);
    CHECK(agree<ltx::image_edit_request>(c, "/images/flux-edit", base, cases) > 60);
}

TEST_CASE("ltx-sim and the library agree on every rule of POST images/upscale") {
    auto o = test_options();
    o.accounts = {{"sim@example.com", 1e9, 100}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto created = c.post("/images/create", R"({"prompt":"A lighthouse"})");
    REQUIRE(created.result_int() == 200);
    const auto source = decode<ltx::created_job>(created).jobId;
    const auto cases = with_job_options({
        {"valid", [](auto&) {}},
        {"jobId required", erase("jobId")},
        {"jobId non-empty", set("jobId", "")},
        {"jobId a string", set("jobId", 7)},
    });
    const boost::json::object base{{"jobId", boost::json::string(source)}};
    CHECK(agree<ltx::image_upscale_request>(c, "/images/upscale", base, cases) > 30);
}

TEST_CASE("ltx-sim and the library agree on the rules of assets and accounts") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};

    SUBCASE("POST assets: Content-Type a MIME type, body non-empty, email syntax") {
        struct upload_case {
            std::string content_type, body;
            ltx::upload_asset_request query;
        };
        const std::vector<upload_case> cases{
            {"image/png", "x", {}},
            {"image/png; charset=binary", "x", {}},
            {"", "x", {}},
            {"png", "x", {}},
            {"image/", "x", {}},
            {"image/png", "", {}},
            {"image/png", "x", {"sim@example.com", ltx::upload_type::image}},
            {"image/png", "x", {std::nullopt, ltx::upload_type::reference_image}},
            {"image/png", "x", {"sim.example.com", std::nullopt}},
        };
        for (const auto& k : cases) {
            CAPTURE(k.content_type);
            CAPTURE(k.body.size());
            const bool lib =
                ltx::reflect::validate(ltx::upload_content{k.content_type, k.body.size()})
                    .empty() &&
                ltx::reflect::validate(k.query).empty();
            const auto r = c.call(http::verb::post, target<ltx::endpoints::upload_asset>(k.query),
                                  k.body, k.content_type);
            CAPTURE(r.body());
            CHECK((r.result_int() != 400) == lib);
        }
        // A type outside image / reference-image: the library cannot even hold it.
        for (const std::string type : {"video", "reference_image", "image", "reference-image"}) {
            CAPTURE(type);
            const bool lib = library_accepts<ltx::upload_asset_request>(
                boost::json::serialize(boost::json::object{{"type", type}}));
            const auto r = c.post("/assets/?type=" + type, "x", "image/png");
            CHECK((r.result_int() != 400) == lib);
        }
    }

    SUBCASE("GET assets: page >= 1, limit 1-100, filter in its set") {
        const std::vector<boost::json::object> cases{
            {},
            {{"page", 1}, {"limit", 1}},
            {{"page", 0}},
            {{"page", -3}},
            {{"limit", 0}},
            {{"limit", 100}},
            {{"limit", 101}},
            {{"page", "x"}},
            {{"limit", 1.5}},
            {{"filter", "images"}},
            {{"filter", "videos"}},
            {{"filter", "audio"}},
            {{"filter", "other"}},
            {{"filter", "films"}},
            {{"email", "sim@example.com"}},
            {{"email", "nope"}},
        };
        for (const auto& q : cases) {
            const auto json = boost::json::serialize(q);
            CAPTURE(json);
            const bool lib = library_accepts<ltx::list_assets_request>(json);
            const auto r = c.get("/assets/?" + query_of(q));
            CAPTURE(r.body());
            CHECK((r.result_int() != 400) == lib);
        }
    }

    SUBCASE("POST accounts: cookie with lt_token and lt_refresh_token, maxJobs 1-100") {
        const std::vector<std::string> cases{
            R"({"cookie":"lt_token=a; lt_refresh_token=b"})",
            R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":1})",
            R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":100})",
            R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":0})",
            R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":101})",
            R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":"5"})",
            R"({"cookie":"lt_token=a"})",
            R"({"cookie":"lt_refresh_token=b"})",
            R"({"cookie":""})",
            R"({"cookie":7})",
            R"({})",
        };
        for (const auto& json : cases) {
            CAPTURE(json);
            const bool lib = library_accepts<ltx::account_request>(json);
            const auto r = c.post("/accounts", json);
            CAPTURE(r.body());
            CHECK((r.result_int() != 400) == lib);
            ltx::account_request value;
            ltx::reflect::json_error err;
            if (!ltx::reflect::read_json(json, value, err))
                continue;
            std::string form;
            REQUIRE(ltx::reflect::write_multipart(value, "b0undary", form));
            const auto m = c.post("/accounts", form, "multipart/form-data; boundary=b0undary");
            CHECK((m.result_int() != 400) == ltx::reflect::validate(value).empty());
        }
    }

    SUBCASE("GET accounts/{email} and assets/{jobId}: required, e-mail syntax") {
        for (const std::string email :
             {"sim@example.com", "other@example.com", "", "me@", "me", "a b@example.com"}) {
            CAPTURE(email);
            const ltx::get_account_request req{email};
            const auto r = c.get(target<ltx::endpoints::get_account>(req));
            CHECK((r.result_int() != 400) == ltx::reflect::validate(req).empty());
        }
        // An empty jobId would be `GET assets/`, the listing: the library refuses to send it.
        CHECK_FALSE(ltx::reflect::validate(ltx::get_job_request{""}).empty());
        for (const std::string id : {"email:sim@example.com:x-type:video", " ", "\xC0\xAF"}) {
            const ltx::get_job_request req{id};
            const auto r = c.get(target<ltx::endpoints::get_job>(req));
            CHECK((r.result_int() != 400) == ltx::reflect::validate(req).empty());
        }
    }
}
