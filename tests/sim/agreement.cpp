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

} // namespace

TEST_CASE("ltx-sim and the library agree on every rule of POST videos/ltx-create") {
    auto o = test_options();
    o.accounts = {{"sim@example.com", 1e9, 100}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto image = upload_png(c);

    const std::vector<json_case> cases{
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
        {"pollForResult 1", set("pollForResult", 1)},
        {"pollForResult 20", set("pollForResult", 20)},
        {"pollForResult 0", set("pollForResult", 0)},
        {"pollForResult 21", set("pollForResult", 21)},
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
        {"email syntax 2", set("email", "sim@example")},
        {"unknown fields ignored", set("colour", "blue")},
        {"not an object", [](auto& j) { j.clear(); }},
    };
    int compared = 0;
    for (const auto& k : cases) {
        boost::json::object body{{"prompt", "A river"},
                                 {"startAssetId", boost::json::string(image)}};
        k.change(body);
        const auto json = boost::json::serialize(body);
        CAPTURE(k.rule);
        const bool lib = library_accepts<ltx::ltx_create_request>(json);
        const auto r = c.post("/videos/ltx-create", json);
        CAPTURE(r.body());
        CHECK((r.result_int() != 400) == lib);
        if (lib)
            CHECK(r.result_int() == 200);
        ++compared;

        // The same request as multipart/form-data, when the library can hold it.
        ltx::ltx_create_request value;
        ltx::reflect::json_error err;
        if (!ltx::reflect::read_json(json, value, err))
            continue;
        std::string form;
        REQUIRE(ltx::reflect::write_multipart(value, "ltx-agreement-boundary", form));
        const auto m = c.post("/videos/ltx-create", form,
                              "multipart/form-data; boundary=ltx-agreement-boundary");
        CAPTURE(m.body());
        CHECK((m.result_int() != 400) == ltx::reflect::validate(value).empty());
        ++compared;
    }
    CHECK(compared > 80);
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
            {"image/png", "x", {"sim@example.com", "image"}},
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
    }

    SUBCASE("GET assets: page >= 1, limit >= 1, filter in its set") {
        const std::vector<boost::json::object> cases{
            {},
            {{"page", 1}, {"limit", 1}},
            {{"page", 0}},
            {{"page", -3}},
            {{"limit", 0}},
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
