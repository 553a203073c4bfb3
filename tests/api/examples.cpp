// The JSON bodies of the API reference decode into their models and re-encode without
// losing a field; the requests encode to the exact bytes expected.
#include <ltx/ltx.hpp>

#include "reference_bodies.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

namespace {

namespace reference = ltx_test::reference;

// Decodes, re-encodes, and compares the two documents as JSON values (member order and
// whitespace aside), so a field the model drops or renames fails the test.
template <class T> void round_trip(const std::string& text) {
    CAPTURE(text);
    const T decoded = ltx::reflect::from_json<T>(text);
    const auto again = ltx::reflect::to_json(decoded);
    CAPTURE(again);
    CHECK(boost::json::parse(again) == boost::json::parse(text));
}

} // namespace

TEST_CASE("ltx-create responses") {
    round_trip<ltx::ltx_create_response>(R"({"jobId": "...", "generationId": "gen_..."})");
    round_trip<ltx::job>(reference::job);
    for (const char* state : {"active", "completed", "failed"}) {
        std::string text = reference::job;
        text.replace(text.find("completed"), 9, state);
        round_trip<ltx::job>(text);
    }
    const auto j = ltx::reflect::from_json<ltx::job>(reference::job);
    CHECK(ltx::is_done(j));
    CHECK(j.status->artifact->asset->artifactSubtype == "model-serving");
}

TEST_CASE("error bodies") {
    for (
        const char* text :
        {R"({"error": "startAssetId or endAssetId is required", "code": 400})",
         R"({"error": "Unauthorized", "code": 401})", reference::error_insufficient_credits,
         R"({"error": "Missing required cookie fields: lt_token | lt_refresh_token", "code": 400})",
         R"({"error": "Subscription required", "code": 402})"})
        round_trip<ltx::error_body>(text);
}

TEST_CASE("POST assets response") {
    round_trip<ltx::upload_asset_response>(reference::signed_asset);
}

TEST_CASE("GET assets page") {
    const std::string page = reference::asset_page;
    round_trip<ltx::asset_page>(page);
    const auto p = ltx::reflect::from_json<ltx::asset_page>(page);
    CHECK(p.items->at(0).relatedAssets->thumbnails->at("large").asset->mimeType == "image/webp");
    CHECK(p.meta->totalPages == 110);
}

TEST_CASE("account model") {
    round_trip<ltx::account>(reference::account);
}

TEST_CASE("GET accounts and GET scheduler answers") {
    round_trip<ltx::account_map>(reference::account_map);
    const auto accounts = ltx::reflect::from_json<ltx::account_map>(reference::account_map);
    CHECK(accounts.at("user@example.com").cookie->at("lt_id") == "user12345");
    CHECK_FALSE(accounts.at("user@example.com").balance.has_value());
    round_trip<ltx::scheduled_jobs>(reference::scheduled_jobs);
    round_trip<ltx::scheduled_jobs>("[]");
    const auto jobs = ltx::reflect::from_json<ltx::scheduled_jobs>(reference::scheduled_jobs);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].elapsed == "03:45");
    // The 204 of the DELETEs: no body.
    CHECK(ltx::reflect::from_json<ltx::no_content>("") == ltx::no_content{});
    for (const char* text :
         {R"({"error": "Configuration not found. To create configuration use POST /accounts.", )"
          R"("code": 404})",
          R"({"error": "Account configuration not found for the specified email address.", )"
          R"("code": 404})",
          R"({"error": "Unable to locate running jobId email:a@b.c:1-type:video", "code": 404})"})
        round_trip<ltx::error_body>(text);
}

TEST_CASE("the seed request encodes to the expected bytes") {
    ltx::ltx_create_request req{
        .prompt = "A serene landscape with flowing water",
        .startAssetId = "asset:0f1e2d3c-type:image/png",
        .duration = ltx::duration::s5,
    };
    CHECK(ltx::reflect::validate(req).empty());
    CHECK(ltx::reflect::to_json(req) ==
          R"({"prompt":"A serene landscape with flowing water",)"
          R"("startAssetId":"asset:0f1e2d3c-type:image/png","duration":"5"})");

    req.email = "me@example.com";
    req.endAssetId = "asset:9a8b-type:image/jpeg";
    req.model = ltx::model::ltxv;
    req.aspectRatio = ltx::aspect_ratio::portrait_9_16;
    req.intensity = ltx::intensity::high;
    req.seed = -42;
    req.audioSFX = true;
    req.pollForResult = 20;
    req.maxJobs = 3;
    req.replyUrl = "https://hooks.example.com/ltx";
    req.replyRef = "order \"7\"";
    const auto all = ltx::reflect::to_json(req);
    CHECK(all == reference::create_request_all_fields);
    // ...and decodes back to the same request.
    CHECK(ltx::reflect::to_json(ltx::reflect::from_json<ltx::ltx_create_request>(all)) == all);
}

TEST_CASE("multipart golden output of ltx-create") {
    ltx::ltx_create_request req{.prompt = "Waves", .startAssetId = "asset:1", .audioSFX = true};
    std::string body;
    REQUIRE(ltx::reflect::write_multipart(req, "ltx-7f3a", body));
    CHECK(body == "--ltx-7f3a\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nWaves\r\n"
                  "--ltx-7f3a\r\nContent-Disposition: form-data; name=\"startAssetId\"\r\n\r\n"
                  "asset:1\r\n"
                  "--ltx-7f3a\r\nContent-Disposition: form-data; name=\"audioSFX\"\r\n\r\ntrue\r\n"
                  "--ltx-7f3a--\r\n");
}

TEST_CASE("query golden outputs") {
    CHECK(ltx::request_target<ltx::endpoints::list_assets>({}) == "assets/");
    CHECK(ltx::request_target<ltx::endpoints::list_assets>({.email = "me+1@example.com",
                                                            .page = 2,
                                                            .limit = 50,
                                                            .filter = ltx::asset_filter::images}) ==
          "assets/?email=me%2B1%40example.com&page=2&limit=50&filter=images");
    CHECK(ltx::request_target<ltx::endpoints::upload_asset>(
              {.email = "me@example.com", .type = ltx::upload_type::reference_image}) ==
          "assets/?email=me%40example.com&type=reference-image");
    // A JSON endpoint sends nothing in the query.
    CHECK(ltx::request_target<ltx::endpoints::create_video>({.prompt = "p", .startAssetId = "a"}) ==
          "videos/ltx-create");
}

TEST_CASE("endpoint traits") {
    using namespace ltx::endpoints;
    static_assert(!create_video::retry_safe && get_job::retry_safe && list_assets::retry_safe);
    static_assert(std::is_same_v<get_job::response, ltx::job>);
    static_assert(ltx::is_path_param<get_job>("jobId") && !ltx::is_path_param<get_job>("job"));
    CHECK(create_video::method == ltx::http::method::post);
    CHECK(get_account::path == "accounts/{email}");
    static_assert(list_accounts::retry_safe && list_scheduled_jobs::retry_safe);
    static_assert(delete_account::retry_safe && cancel_scheduled_job::retry_safe);
    static_assert(std::is_same_v<delete_account::response, ltx::no_content>);
    static_assert(std::is_same_v<cancel_scheduled_job::response, ltx::no_content>);
    CHECK(delete_account::method == ltx::http::method::delete_);
    CHECK(cancel_scheduled_job::method == ltx::http::method::delete_);
    CHECK(ltx::request_target<list_accounts>({}) == "accounts");
    CHECK(ltx::request_target<list_scheduled_jobs>({}) == "scheduler");
    CHECK(ltx::request_target<delete_account>({"a b@example.com"}) ==
          "accounts/a%20b%40example.com");
    CHECK(ltx::request_target<cancel_scheduled_job>({"email:a@b.c:1-type:video"}) ==
          "scheduler/email%3Aa%40b.c%3A1-type%3Avideo");
}
