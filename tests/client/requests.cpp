// Every endpoint's request line, headers and body, as the transport receives them.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

using ltx::http::method;
using namespace ltx_test;

TEST_CASE_FIXTURE(fixture, "create_video: POST with the JSON body, token, content type") {
    mock.expect(method::post, "videos/ltx-create")
        .respond(200, R"({"jobId":"j1","generationId":"gen_1"})")
        .header("Content-Type", "application/json");
    const auto j = client.create_video({.prompt = "Waves", .startAssetId = "asset:1"});
    CHECK(j.jobId == "j1");
    CHECK(j.generationId == "gen_1");
    REQUIRE(mock.requests().size() == 1);
    const auto& r = mock.requests()[0];
    CHECK(r.method == method::post);
    CHECK(r.url == std::string{base} + "videos/ltx-create");
    CHECK(r.headers.find("Authorization") == std::string{"Bearer "} + token);
    CHECK(r.headers.find("Content-Type") == "application/json");
    CHECK(r.headers.find("Accept") == "application/json");
    CHECK(r.body == R"({"prompt":"Waves","startAssetId":"asset:1"})");
}

TEST_CASE("the account email defaults from the config") {
    ltx::testing::manual_clock clock;
    ltx::testing::timed_mock_transport mock{clock};
    auto cfg = test_config();
    cfg.email = "me@example.com";
    ltx::basic_client client{mock, cfg, clock};
    mock.expect(method::post).respond(200, R"({"jobId":"j"})");
    mock.expect(method::post).respond(200, R"({"jobId":"j"})");
    mock.expect(method::get).respond(200, R"({"items":[]})");
    client.create_video({.prompt = "p", .startAssetId = "a"});
    client.create_video({.email = "other@example.com", .prompt = "p", .startAssetId = "a"});
    client.list_assets({.page = 2});
    REQUIRE(mock.requests().size() == 3);
    CHECK(mock.requests()[0].body ==
          R"({"email":"me@example.com","prompt":"p","startAssetId":"a"})");
    CHECK(mock.requests()[1].body.find("other@example.com") != std::string::npos);
    CHECK(mock.requests()[2].url == std::string{base} + "assets/?email=me%40example.com&page=2");
}

TEST_CASE_FIXTURE(fixture, "get_job: GET with the job id percent-encoded in the path") {
    mock.expect(method::get).respond(200, completed_job);
    const auto j = client.get_job("email:me@example.com:123e4567-type:video");
    CHECK(ltx::is_done(j));
    const auto& r = mock.requests().at(0);
    CHECK(r.method == method::get);
    CHECK(r.url == std::string{base} + "assets/email%3Ame%40example.com%3A123e4567-type%3Avideo");
    CHECK(r.body.empty());
    CHECK_FALSE(r.headers.contains("Content-Type"));
}

TEST_CASE_FIXTURE(fixture, "list_assets: GET with page, limit and filter in the query") {
    mock.expect(method::get).respond(200, R"({"items":[{"id":"x"}],"meta":{"totalItems":1}})");
    const auto page =
        client.list_assets({.page = 3, .limit = 5, .filter = ltx::asset_filter::videos});
    CHECK(page.items->at(0).id == "x");
    CHECK(mock.requests().at(0).url == std::string{base} + "assets/?page=3&limit=5&filter=videos");
}

TEST_CASE_FIXTURE(fixture, "configure_account and get_account") {
    mock.expect(method::post, "accounts").respond(200, R"({"email":"me@example.com","maxJobs":5})");
    mock.expect(method::get, "accounts/").respond(200, R"({"email":"me@example.com"})");
    const auto a = client.configure_account({"lt_token=a; lt_refresh_token=b", 5});
    CHECK(a.maxJobs == 5);
    CHECK(mock.requests().at(0).url == std::string{base} + "accounts");
    CHECK(mock.requests().at(0).body ==
          R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":5})");
    client.get_account("me@example.com");
    CHECK(mock.requests().at(1).url == std::string{base} + "accounts/me%40example.com");
}

TEST_CASE_FIXTURE(fixture, "list_accounts: GET accounts, no body, the map keyed by e-mail") {
    mock.expect(method::get, "accounts")
        .respond(200, R"({"a@example.com":{"email":"a@example.com","maxJobs":3},)"
                      R"("b@example.com":{"email":"b@example.com"}})")
        .header("Content-Type", "application/json");
    const auto all = client.list_accounts();
    REQUIRE(all.size() == 2);
    CHECK(all.at("a@example.com").maxJobs == 3);
    CHECK(all.at("b@example.com").email == "b@example.com");
    const auto& r = mock.requests().at(0);
    CHECK(r.method == method::get);
    CHECK(r.url == std::string{base} + "accounts");
    CHECK(r.headers.find("Authorization") == std::string{"Bearer "} + token);
    CHECK(r.headers.find("Accept") == "application/json");
    CHECK_FALSE(r.headers.contains("Content-Type"));
    CHECK(r.body.empty());
}

TEST_CASE_FIXTURE(fixture, "delete_account: DELETE with the e-mail encoded, 204 with no body") {
    mock.expect(method::delete_, "accounts/").respond(204);
    client.delete_account("me+x@example.com");
    const auto& r = mock.requests().at(0);
    CHECK(r.method == method::delete_);
    CHECK(r.url == std::string{base} + "accounts/me%2Bx%40example.com");
    CHECK(r.headers.find("Authorization") == std::string{"Bearer "} + token);
    CHECK_FALSE(r.headers.contains("Content-Type"));
    CHECK(r.body.empty());
    // A value without e-mail syntax never leaves.
    std::error_code ec;
    ltx::diagnostics d;
    client.delete_account("not-an-email", ec, d);
    CHECK(ec == ltx::errc::invalid_request);
    REQUIRE(d.violations.size() == 1);
    CHECK(d.violations[0].path == "email");
    CHECK(mock.requests().size() == 1);
}

TEST_CASE_FIXTURE(fixture, "list_scheduled_jobs: GET scheduler, the array of running jobs") {
    mock.expect(method::get, "scheduler")
        .respond(200, R"([{"jobId":"email:a@example.com:1-type:video","email":"a@example.com",)"
                      R"("started":"2025-06-03T12:34:56.789Z","elapsed":"03:45","replyRef":"r"}])")
        .header("Content-Type", "application/json");
    mock.expect(method::get, "scheduler").respond(200, "[]");
    const auto running = client.list_scheduled_jobs();
    REQUIRE(running.size() == 1);
    CHECK(running[0].jobId == "email:a@example.com:1-type:video");
    CHECK(running[0].elapsed == "03:45");
    CHECK(running[0].replyRef == "r");
    CHECK_FALSE(running[0].replyUrl.has_value());
    CHECK(client.list_scheduled_jobs().empty());
    const auto& r = mock.requests().at(0);
    CHECK(r.method == method::get);
    CHECK(r.url == std::string{base} + "scheduler");
    CHECK(r.headers.find("Authorization") == std::string{"Bearer "} + token);
    CHECK(r.body.empty());
}

TEST_CASE_FIXTURE(fixture, "cancel_scheduled_job: DELETE with the job id encoded, 204") {
    mock.expect(method::delete_, "scheduler/").respond(204);
    client.cancel_scheduled_job("email:me@example.com:123e4567-type:video");
    const auto& r = mock.requests().at(0);
    CHECK(r.method == method::delete_);
    CHECK(r.url ==
          std::string{base} + "scheduler/email%3Ame%40example.com%3A123e4567-type%3Avideo");
    CHECK(r.headers.find("Authorization") == std::string{"Bearer "} + token);
    CHECK_FALSE(r.headers.contains("Content-Type"));
    CHECK(r.body.empty());
    std::error_code ec;
    ltx::diagnostics d;
    client.cancel_scheduled_job("", ec, d);
    CHECK(ec == ltx::errc::invalid_request);
    CHECK(mock.requests().size() == 1);
}

TEST_CASE_FIXTURE(fixture, "the new calls map 404 and a malformed answer to errors") {
    mock.expect(method::get, "accounts")
        .respond(404, R"({"error":"Configuration not found. To create configuration use POST )"
                      R"(/accounts.","code":404})");
    mock.expect(method::get, "scheduler").respond(200, R"([{"jobId":"j"}])");
    mock.expect(method::delete_, "scheduler/").respond(404, R"({"error":"x","code":404})");
    std::error_code ec;
    ltx::diagnostics d;
    CHECK(client.list_accounts(ec, d).empty());
    CHECK(ec == ltx::errc::not_found);
    CHECK(d.server_message ==
          "Configuration not found. To create configuration use POST /accounts.");
    CHECK(client.list_scheduled_jobs(ec, d).empty());
    CHECK(ec == ltx::errc::unexpected_response);
    CHECK(d.detail.find("[0].email") != std::string::npos);
    CHECK_THROWS_AS(client.cancel_scheduled_job("j"), ltx::api_error);
}

TEST_CASE_FIXTURE(fixture, "upload_asset: raw body, detected Content-Type, type in the query") {
    const std::string png = std::string{"\x89PNG\r\n\x1a\n", 8} + std::string(32, '\0');
    mock.expect(method::post, "assets/")
        .respond(
            200,
            R"({"assetUrl":"https://s/x.png","asset":{"type":"image","fileId":"asset:9-type:image/png","mimeType":"image/png"}})");
    const auto up = client.upload_asset(png);
    CHECK(up.asset.fileId == "asset:9-type:image/png");
    const auto& r = mock.requests().at(0);
    CHECK(r.url == std::string{base} + "assets/?type=image");
    CHECK(r.headers.find("Content-Type") == "image/png");
    CHECK(r.body == png);
    CHECK(r.headers.find("Authorization") == std::string{"Bearer "} + token);
}

TEST_CASE_FIXTURE(fixture, "upload_asset: an explicit MIME type and type win") {
    mock.expect(method::post).respond(200, R"({"asset":{"fileId":"f"}})");
    client.upload_asset(std::string{"RIFFxxxxWEBPVP8 "},
                        {.mime_type = "image/webp", .type = ltx::upload_type::reference_image});
    CHECK(mock.requests().at(0).headers.find("Content-Type") == "image/webp");
    CHECK(mock.requests().at(0).url == std::string{base} + "assets/?type=reference-image");
}

TEST_CASE_FIXTURE(fixture, "parse_webhook reads the job model with replyRef") {
    const auto j = ltx::parse_webhook(
        R"({"status":{"type":"failed","message":"nsfw"},"jobId":"j","replyRef":"order-7"})");
    CHECK(j.replyRef == "order-7");
    CHECK(ltx::is_failed(j));
    std::error_code ec;
    std::string why;
    ltx::parse_webhook(R"({"status":{"type":"exploded"}})", ec, &why);
    CHECK(ec == ltx::errc::unexpected_response);
    CHECK(why.find("status.type") != std::string::npos);
}

TEST_CASE("a bad base URL or a token with CR/LF is refused at construction") {
    ltx::testing::mock_transport mock;
    auto cfg = test_config();
    cfg.base_url = "not a url";
    CHECK_THROWS_AS(ltx::basic_client(mock, cfg), std::invalid_argument);
    cfg = test_config();
    cfg.token = "abc\r\nX-Evil: 1";
    try {
        ltx::basic_client c(mock, cfg);
        FAIL("accepted");
    } catch (const std::invalid_argument& e) {
        no_token(e.what());
        CHECK(std::string{e.what()}.find("X-Evil") == std::string::npos);
    }
}

TEST_CASE("printing a config redacts the token") {
    std::ostringstream os;
    os << test_config();
    no_token(os.str());
    CHECK(os.str().find("<redacted>") != std::string::npos);
}

namespace {

// The request a generator sent: a POST to `path` with the token, JSON in and out, and `body`.
void check_generator_request(const ltx::testing::mock_transport& mock, std::string_view path,
                             std::string_view body) {
    REQUIRE(mock.requests().size() == 1);
    const auto& r = mock.requests()[0];
    CHECK(r.method == method::post);
    CHECK(r.url == std::string{base} + std::string{path});
    CHECK(r.headers.find("Authorization") == std::string{"Bearer "} + token);
    CHECK(r.headers.find("Content-Type") == "application/json");
    CHECK(r.headers.find("Accept") == "application/json");
    CHECK(r.body == body);
}

} // namespace

TEST_CASE_FIXTURE(fixture, "create_veo_video: POST videos/veo-create with the JSON body") {
    mock.expect(method::post, "videos/veo-create")
        .respond(200, R"({"jobId":"email:me@example.com:v-type:video","generationId":"gen_2"})");
    const auto j = client.create_veo_video({.model = ltx::veo_model::veo3_fast,
                                            .prompt = "Surf",
                                            .duration = ltx::veo_duration::s8,
                                            .aspectRatio = ltx::aspect_ratio::landscape_16_9,
                                            .audioSFX = true,
                                            .resolution = ltx::resolution::p720,
                                            .seed = 4});
    CHECK(j.jobId == "email:me@example.com:v-type:video");
    CHECK(j.generationId == "gen_2");
    check_generator_request(
        mock, "videos/veo-create",
        R"({"model":"veo3-fast","prompt":"Surf","duration":"8","aspectRatio":"16:9","audioSFX":true,"resolution":"720p","seed":4})");
}

TEST_CASE_FIXTURE(fixture, "create_image: POST images/create with the JSON body") {
    mock.expect(method::post, "images/create")
        .respond(200, R"({"jobId":"email:me@example.com:i-type:image","generationId":"gen_3"})");
    std::error_code ec;
    ltx::diagnostics d;
    const auto j = client.create_image({.prompt = "A fox",
                                        .model = ltx::image_model::flux,
                                        .aspectRatio = ltx::aspect_ratio::square_1_1,
                                        .referenceAssetId = "asset:r",
                                        .reference_strength = 70,
                                        .style = ltx::image_style::novel_2d,
                                        .shotType = "close-up",
                                        .shotAngle = ltx::shot_angle::eye_level,
                                        .pollForResult = 2},
                                       ec, d);
    CHECK_FALSE(ec);
    CHECK(j.jobId == "email:me@example.com:i-type:image");
    check_generator_request(
        mock, "images/create",
        R"({"prompt":"A fox","model":"flux","aspectRatio":"1:1","referenceAssetId":"asset:r","reference_strength":70,"style":"2d_novel","shotType":"close-up","shotAngle":"eye-level","pollForResult":2})");
}

TEST_CASE_FIXTURE(fixture, "edit_image: POST images/edit with the JSON body") {
    mock.expect(method::post, "images/edit")
        .respond(200, R"({"jobId":"email:me@example.com:e-type:image"})");
    const auto j = client.edit_image({.prompt = "At night",
                                      .referenceAssetId = "asset:a",
                                      .referenceAssetId2 = "asset:b",
                                      .referenceAssetId3 = "asset:c",
                                      .model = ltx::image_model::nano_banana,
                                      .replyUrl = "https://hook.example/x",
                                      .replyRef = "r1"});
    CHECK(j.jobId == "email:me@example.com:e-type:image");
    check_generator_request(
        mock, "images/edit",
        R"({"prompt":"At night","referenceAssetId":"asset:a","referenceAssetId2":"asset:b","referenceAssetId3":"asset:c","model":"nano-banana","replyUrl":"https://hook.example/x","replyRef":"r1"})");
}

TEST_CASE_FIXTURE(fixture, "upscale_image: POST images/upscale with the JSON body") {
    mock.expect(method::post, "images/upscale")
        .respond(200, R"({"jobId":"email:me@example.com:u-type:image"})");
    std::error_code ec;
    ltx::diagnostics d;
    const auto j =
        client.upscale_image({.jobId = "email:me@example.com:i-type:image", .maxJobs = 3}, ec, d);
    CHECK_FALSE(ec);
    CHECK(j.jobId == "email:me@example.com:u-type:image");
    check_generator_request(mock, "images/upscale",
                            R"({"jobId":"email:me@example.com:i-type:image","maxJobs":3})");
}

// Each generator creates paid work: never re-sent once the request may have reached the server.
static_assert(!ltx::endpoints::create_veo_video::retry_safe);
static_assert(!ltx::endpoints::create_image::retry_safe);
static_assert(!ltx::endpoints::edit_image::retry_safe);
static_assert(!ltx::endpoints::upscale_image::retry_safe);

TEST_CASE_FIXTURE(fixture, "the generators refuse a field the chosen model does not take") {
    std::error_code ec;
    ltx::diagnostics d;
    client.create_veo_video({.startAssetId = "asset:s", .resolution = ltx::resolution::p1080}, ec,
                            d);
    CHECK(ec == ltx::errc::invalid_request);
    REQUIRE(d.violations.size() == 1);
    CHECK(d.violations[0].path == "resolution");
    CHECK_THROWS_AS(client.create_image({.prompt = "p",
                                         .model = ltx::image_model::nano_banana,
                                         .style = ltx::image_style::anime}),
                    ltx::validation_error);
    CHECK_THROWS_AS(
        client.edit_image(
            {.prompt = "p", .referenceAssetId = "asset:a", .referenceAssetId3 = "asset:c"}),
        ltx::validation_error);
    CHECK_THROWS_AS(client.upscale_image({}), ltx::validation_error);
    CHECK(mock.requests().empty());
}

TEST_CASE_FIXTURE(fixture, "an image job is waited on and downloaded as a video job is") {
    const std::string id = "email:me@example.com:i-type:image";
    const std::string done =
        R"({"status":{"type":"completed","progress":100,"artifact":{"assetUrl":"https://storage.example.test/i/a.png?sig=2","asset":{"type":"artifact","fileId":"asset:2-type:image/png","mimeType":"image/png","artifactSubtype":"vertex-ai"}}},"jobId":")" +
        id + R"("})";
    mock.expect(method::get)
        .respond(200, R"({"status":{"type":"active","progress":40},"jobId":")" + id + R"("})");
    mock.expect(method::get).respond(200, done);
    const auto j = client.wait(id);
    CHECK(ltx::is_done(j));
    CHECK(mock.requests().at(0).url ==
          std::string{base} + "assets/email%3Ame%40example.com%3Ai-type%3Aimage");
    temp_dir dir;
    const std::string png = "\x89PNG\r\n\x1a\n-image-bytes";
    mock.expect(method::get, "storage.example.test").respond(200, png);
    client.download(j, dir.path / "frame.png");
    CHECK(read_file(dir.path / "frame.png") == png);
    CHECK(mock.requests().at(2).url == "https://storage.example.test/i/a.png?sig=2");
    CHECK_FALSE(mock.requests().at(2).headers.contains("Authorization"));
}
