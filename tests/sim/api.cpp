// ltx-sim: every endpoint of the reference and its errors, over HTTP, in-process.
#include "../../tools/ltx-sim/sim/server.hpp"

#include "support.hpp"

#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <string>
#include <thread>

using namespace sim_test;
using ltx::reflect::to_json;

TEST_CASE("ltx-sim: binds two OS-picked ports and names them") {
    ltx::sim::background_server sim{test_options()};
    CHECK(sim->api_port() != 0);
    CHECK(sim->storage_port() != 0);
    CHECK(sim->api_port() != sim->storage_port());
    CHECK(sim->api_url() == "http://127.0.0.1:" + std::to_string(sim->api_port()));
    CHECK(sim->storage_url() == "http://127.0.0.1:" + std::to_string(sim->storage_port()));
}

TEST_CASE("ltx-sim: create, poll (completed without URL once), download the MP4") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto file_id = upload_png(c);
    CHECK(file_id.starts_with("asset:"));
    CHECK(file_id.ends_with("-type:image/png"));

    const auto created = c.post("/videos/ltx-create", to_json(create_req(file_id)));
    REQUIRE(created.result_int() == 200);
    const auto job = decode<ltx::job>(created);
    REQUIRE(job.jobId);
    CHECK(job.jobId->starts_with("email:sim@example.com:"));
    CHECK(job.jobId->ends_with("-type:video"));
    CHECK(job.generationId.value_or("").starts_with("gen_"));
    CHECK_FALSE(job.status); // without pollForResult: the ids only

    // The reference warns that `completed` can come before the URL: the simulator does it once.
    const auto first = decode<ltx::job>(c.get(job_target(*job.jobId)));
    CHECK(ltx::state_of(first) == ltx::job_state::completed);
    CHECK_FALSE(ltx::is_done(first));
    const auto second = decode<ltx::job>(c.get(job_target(*job.jobId)));
    REQUIRE(ltx::is_done(second));
    const auto& art = *second.status->artifact;
    CHECK(art.asset->fileId.value().ends_with("-type:video/mp4"));
    CHECK(art.asset->type == "artifact");
    CHECK(art.asset->artifactSubtype == "model-serving");
    CHECK(second.status->progress == 100);
    CHECK(std::stoll(art.expirationDateString.value()) > sim->now_ms());

    const auto url = *ltx::artifact_url(second);
    REQUIRE(url.starts_with(sim->storage_url() + "/"));
    client storage{sim->storage_port(), ""};
    const auto mp4 = storage.get(path_of(url));
    REQUIRE(mp4.result_int() == 200);
    CHECK(mp4[http::field::content_type] == "video/mp4");
    CHECK(mp4.body() == video_fixture());
    CHECK(mp4.body().substr(4, 4) == "ftyp");
}

TEST_CASE("ltx-sim: the API answers under /v1/ltxstudio/ too") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    CHECK(c.get("/v1/ltxstudio/assets/").result_int() == 200);
    CHECK(c.get("/v1/ltxstudio/accounts/sim%40example.com").result_int() == 200);
}

TEST_CASE("ltx-sim: 401 without a token or with an unknown one, on every endpoint") {
    auto o = test_options();
    o.tokens = {"alpha", "beta"};
    ltx::sim::background_server sim{o};
    for (const char* token : {"", "gamma", "alph"}) {
        CAPTURE(token);
        client c{sim->api_port(), token};
        for (const auto& [method, path] : std::vector<std::pair<http::verb, std::string>>{
                 {http::verb::post, "/videos/ltx-create"},
                 {http::verb::get, "/assets/email%3Asim%40example.com%3Ax-type%3Avideo"},
                 {http::verb::post, "/assets/"},
                 {http::verb::get, "/assets/"},
                 {http::verb::post, "/accounts"},
                 {http::verb::get, "/accounts/sim%40example.com"},
                 {http::verb::get, "/accounts"},
                 {http::verb::delete_, "/accounts/sim%40example.com"},
                 {http::verb::get, "/scheduler"},
                 {http::verb::delete_, "/scheduler/email%3Asim%40example.com%3Ax-type%3Avideo"}}) {
            const auto r = c.call(method, path, "{}");
            CHECK(r.result_int() == 401);
            CHECK(error_of(r) == "Unauthorized");
            CHECK(decode<ltx::error_body>(r).code == 401);
        }
    }
    client beta{sim->api_port(), "beta"};
    CHECK(beta.get("/assets/").result_int() == 200);
}

TEST_CASE("ltx-sim: 404 for unknown jobs and routes, 405 for a wrong method") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto unknown =
        c.get(job_target("email:sim@example.com:00000000-0000-4000-8000-000000000000-type:video"));
    CHECK(unknown.result_int() == 404);
    CHECK(decode<ltx::error_body>(unknown).code == 404);
    CHECK(c.get(job_target("nonsense")).result_int() == 404);
    CHECK(c.get("/videos/other").result_int() == 404);
    const auto wrong = c.get("/videos/ltx-create");
    CHECK(wrong.result_int() == 405);
    CHECK(wrong[http::field::allow] == "POST");
    // A job id names its account: the same uuid under another e-mail is unknown.
    const auto file_id = upload_png(c);
    const auto id =
        decode<ltx::job>(c.post("/videos/ltx-create", to_json(create_req(file_id)))).jobId.value();
    auto other = id;
    other.replace(6, 15, "xx@example.com");
    CHECK(c.get(job_target(other)).result_int() == 404);
    CHECK(c.get(job_target(id)).result_int() == 200);
}

TEST_CASE("ltx-sim: email is optional with one account, required with several") {
    auto o = test_options();
    o.accounts = {{"a@example.com", 100, 5}, {"b@example.com", 100, 5}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    // Assets need an account too: upload to a.
    const auto png = ltx::sim::detail::read_fixture(o.fixtures_dir, "start.png");
    const auto no_email = c.post("/assets/?type=image", *png, "image/png");
    CHECK(no_email.result_int() == 400);
    CHECK(error_of(no_email) == "email is required when several accounts are configured");
    const auto up = c.post("/assets/?email=a%40example.com", *png, "image/png");
    REQUIRE(up.result_int() == 200);
    const auto file_id = *decode<ltx::signed_asset>(up).asset->fileId;

    auto req = create_req(file_id);
    const auto r1 = c.post("/videos/ltx-create", to_json(req));
    CHECK(r1.result_int() == 400);
    CHECK(error_of(r1) == "email is required when several accounts are configured");
    req.email = "c@example.com";
    const auto r2 = c.post("/videos/ltx-create", to_json(req));
    CHECK(r2.result_int() == 400);
    CHECK(error_of(r2).find("c@example.com") != std::string::npos);
    req.email = "b@example.com";
    const auto r3 = c.post("/videos/ltx-create", to_json(req));
    REQUIRE(r3.result_int() == 200);
    CHECK(decode<ltx::job>(r3).jobId.value().starts_with("email:b@example.com:"));
    CHECK(c.get("/assets/").result_int() == 400);
    CHECK(c.get("/assets/?email=b%40example.com").result_int() == 200);
}

TEST_CASE("ltx-sim: credits run out with 402, a failed job is refunded") {
    auto o = test_options();
    o.accounts = {{"sim@example.com", 8, 20}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto file_id = upload_png(c);
    auto req = create_req(file_id);
    req.duration = ltx::duration::s5;
    CHECK(c.post("/videos/ltx-create", to_json(req)).result_int() == 200); // 3 left
    const auto broke = c.post("/videos/ltx-create", to_json(req));
    CHECK(broke.result_int() == 402);
    CHECK(error_of(broke) == "Insufficient credits");
    CHECK(decode<ltx::error_body>(broke).code == 402);
    const auto balance = [&] {
        return decode<ltx::account>(c.get("/accounts/sim%40example.com"))
            .balance.value()
            .LTXStudio_token.value();
    };
    CHECK(balance() == 3);

    req.duration.reset(); // 3 s, the default: the last 3 credits
    req.prompt = "This one breaks [fail]";
    req.pollForResult = 1;
    const auto failed = decode<ltx::job>(c.post("/videos/ltx-create", to_json(req)));
    CHECK(ltx::is_failed(failed));
    CHECK(failed.status->message.value_or("").find("[fail]") != std::string::npos);
    CHECK(failed.code == 200);
    // The refund happens on the server's thread right after the failure.
    for (int i = 0; i < 200 && balance() != 3; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    CHECK(balance() == 3);
    CHECK(sim->stats().jobsFailed == 1);
}

TEST_CASE("ltx-sim: 429 past maxJobs active jobs, the request's maxJobs overrides") {
    auto o = test_options();
    o.speed = std::chrono::milliseconds{60'000};
    o.accounts = {{"sim@example.com", 1000, 2}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto file_id = upload_png(c);
    auto req = create_req(file_id);
    CHECK(c.post("/videos/ltx-create", to_json(req)).result_int() == 200);
    CHECK(c.post("/videos/ltx-create", to_json(req)).result_int() == 200);
    const auto full = c.post("/videos/ltx-create", to_json(req));
    CHECK(full.result_int() == 429);
    CHECK(decode<ltx::error_body>(full).code == 429);
    req.maxJobs = 3;
    CHECK(c.post("/videos/ltx-create", to_json(req)).result_int() == 200);
    CHECK(c.post("/videos/ltx-create", to_json(req)).result_int() == 429);
    CHECK(sim->stats().jobsActive == 3);
    CHECK(sim->stats().rejected429 == 2);
    sim->advance_clock(std::chrono::milliseconds{60'000});
    req.maxJobs.reset();
    CHECK(c.post("/videos/ltx-create", to_json(req)).result_int() == 200);
    CHECK(sim->stats().jobsCreated == 4);
}

TEST_CASE("ltx-sim: jobs progress with the clock") {
    auto o = test_options();
    // An hour, so that real time (slow under sanitizers) moves progress by well under 1 %.
    o.speed = std::chrono::hours{1};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto id =
        decode<ltx::job>(c.post("/videos/ltx-create", to_json(create_req(upload_png(c)))))
            .jobId.value();
    const auto at_start = decode<ltx::job>(c.get(job_target(id)));
    CHECK(ltx::state_of(at_start) == ltx::job_state::active);
    CHECK(at_start.status->progress.value() < 2);
    sim->advance_clock(std::chrono::minutes{30});
    const auto half = decode<ltx::job>(c.get(job_target(id)));
    CHECK(ltx::state_of(half) == ltx::job_state::active);
    CHECK(half.status->progress.value() >= 50);
    CHECK(half.status->progress.value() < 52);
    sim->advance_clock(std::chrono::minutes{30});
    CHECK(ltx::state_of(decode<ltx::job>(c.get(job_target(id)))) == ltx::job_state::completed);
    CHECK(ltx::is_done(decode<ltx::job>(c.get(job_target(id)))));
}

TEST_CASE("ltx-sim: pollForResult waits up to its polls, then answers the job model") {
    auto o = test_options();
    o.speed = std::chrono::milliseconds{1'000}; // polls every 100 ms
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    auto req = create_req(upload_png(c));
    req.pollForResult = 1;
    const auto t0 = std::chrono::steady_clock::now();
    const auto early = c.post("/videos/ltx-create", to_json(req));
    const auto waited = std::chrono::steady_clock::now() - t0;
    REQUIRE(early.result_int() == 200);
    const auto j1 = decode<ltx::job>(early);
    CHECK(j1.code == 200);
    CHECK(ltx::state_of(j1) == ltx::job_state::active);
    CHECK(waited >= std::chrono::milliseconds{100});
    CHECK(waited < std::chrono::milliseconds{900});

    req.pollForResult = 20; // up to 2 s: the job takes 1 s
    const auto done = decode<ltx::job>(c.post("/videos/ltx-create", to_json(req)));
    CHECK(done.code == 200);
    CHECK(ltx::is_done(done));
    CHECK(done.jobId.value().starts_with("email:sim@example.com:"));
}

TEST_CASE("ltx-sim: multipart/form-data bodies are accepted and checked like JSON") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto file_id = upload_png(c);
    auto req = create_req(file_id);
    req.duration = ltx::duration::s7;
    req.pollForResult = 2;
    req.seed = 7;
    req.audioSFX = true;
    std::string body;
    REQUIRE(ltx::reflect::write_multipart(req, "xYzBoundary", body));
    const auto ok = c.post("/videos/ltx-create", body, "multipart/form-data; boundary=xYzBoundary");
    REQUIRE(ok.result_int() == 200);
    CHECK(ltx::is_done(decode<ltx::job>(ok)));

    req.pollForResult = 21;
    body.clear();
    REQUIRE(ltx::reflect::write_multipart(req, "b", body));
    const auto bad = c.post("/videos/ltx-create", body, "multipart/form-data; boundary=b");
    CHECK(bad.result_int() == 400);
    CHECK(error_of(bad) == "pollForResult: must be between 1 and 20, got 21 (range)");
    const auto garbled =
        c.post("/videos/ltx-create", "nonsense", "multipart/form-data; boundary=b");
    CHECK(garbled.result_int() == 400);
}

TEST_CASE("ltx-sim: POST assets stores the body under its Content-Type") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto r = c.post("/assets/?type=image", "GIF89a-not-really", "image/gif");
    REQUIRE(r.result_int() == 200);
    const auto a = decode<ltx::signed_asset>(r);
    CHECK(a.asset->type == "image");
    CHECK(a.asset->mimeType == "image/gif");
    CHECK(a.asset->fileId.value().ends_with("-type:image/gif"));
    client storage{sim->storage_port(), ""};
    const auto back = storage.get(path_of(a.assetUrl.value()));
    CHECK(back.body() == "GIF89a-not-really");
    CHECK(back[http::field::content_type] == "image/gif");

    const auto no_type = c.call(http::verb::post, "/assets/", "bytes", "");
    CHECK(no_type.result_int() == 400);
    CHECK(error_of(no_type) == "Content-Type: is required (required)");
    const auto bad_type = c.post("/assets/", "bytes", "png");
    CHECK(bad_type.result_int() == 400);
    CHECK(error_of(bad_type).starts_with("Content-Type: "));
    const auto empty = c.post("/assets/", "", "image/png");
    CHECK(empty.result_int() == 400);
    CHECK(error_of(empty).starts_with("body: "));
    // The type defaults to the MIME type's kind.
    const auto audio = decode<ltx::signed_asset>(c.post("/assets/", "ID3", "audio/mpeg"));
    CHECK(audio.asset->type == "audio");
}

TEST_CASE("ltx-sim: GET assets pages, limits and filters, with meta") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto file_id = upload_png(c);
    for (int i = 0; i < 4; ++i)
        REQUIRE(c.post("/videos/ltx-create", to_json(create_req(file_id))).result_int() == 200);
    REQUIRE(c.post("/assets/", "ID3", "audio/mpeg").result_int() == 200);

    const auto all = decode<ltx::asset_page>(c.get("/assets/"));
    CHECK(all.meta->totalItems == 6);
    CHECK(all.meta->itemsPerPage == 20);
    CHECK(all.meta->currentPage == 1);
    CHECK(all.items->size() == 6);

    ltx::list_assets_request q;
    q.page = 2;
    q.limit = 2;
    q.filter = ltx::asset_filter::videos;
    const auto page2 = decode<ltx::asset_page>(c.get(target<ltx::endpoints::list_assets>(q)));
    CHECK(page2.meta->totalItems == 4);
    CHECK(page2.meta->itemCount == 2);
    CHECK(page2.meta->totalPages == 2);
    CHECK(page2.meta->currentPage == 2);
    for (const auto& item : *page2.items) {
        CHECK(item.jobId.value().ends_with("-type:video"));
        CHECK(item.signedAsset->asset->mimeType == "video/mp4");
    }
    q.filter = ltx::asset_filter::images;
    q.page.reset();
    const auto images = decode<ltx::asset_page>(c.get(target<ltx::endpoints::list_assets>(q)));
    REQUIRE(images.items->size() == 1);
    CHECK(images.items->front().signedAsset->asset->fileId == file_id);
    q.filter = ltx::asset_filter::audio;
    CHECK(decode<ltx::asset_page>(c.get(target<ltx::endpoints::list_assets>(q))).meta->totalItems ==
          1);
    q.filter = ltx::asset_filter::other;
    CHECK(decode<ltx::asset_page>(c.get(target<ltx::endpoints::list_assets>(q))).meta->totalItems ==
          0);
    const auto beyond = decode<ltx::asset_page>(c.get("/assets/?page=9&limit=5"));
    CHECK(beyond.items->empty());
    CHECK(beyond.meta->totalItems == 6);

    CHECK(error_of(c.get("/assets/?page=0")) == "page: must be at least 1, got 0 (range)");
    CHECK(error_of(c.get("/assets/?limit=x")) == "limit: expected an integer");
    CHECK(error_of(c.get("/assets/?filter=films")).starts_with("filter: unknown value"));
}

TEST_CASE("ltx-sim: POST accounts and GET accounts/{email}") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    ltx::account_request req{"lt_token=SECRET1; lt_refresh_token=SECRET2; theme=dark", 7};
    const auto r = c.post("/accounts", to_json(req));
    REQUIRE(r.result_int() == 200);
    CHECK(r.body().find("SECRET") == std::string::npos);
    const auto a = decode<ltx::account>(r);
    CHECK(a.email == "sim@example.com"); // the one configured account
    CHECK(a.maxJobs == 7);
    CHECK(a.cookie->at("lt_token") == "\xE2\x80\xA6secured\xE2\x80\xA6");
    CHECK(a.cookie->at("theme") == "dark");
    CHECK(a.balance->LTXStudio_token == 100);
    CHECK(a.updatedUTC.value().ends_with("Z"));

    const auto missing = c.post("/accounts", R"({"cookie":"lt_token=a"})");
    CHECK(missing.result_int() == 400);
    CHECK(error_of(missing) == "Missing required cookie fields: lt_token | lt_refresh_token");
    CHECK(error_of(c.post("/accounts", "{}")) ==
          "Missing required cookie fields: lt_token | lt_refresh_token");
    req.maxJobs = 101;
    CHECK(error_of(c.post("/accounts", to_json(req))) ==
          "maxJobs: must be between 1 and 100, got 101 (range)");

    // A JWT lt_token names a new account (payload {"email":"new@example.com"}).
    req.cookie = "lt_token=h.eyJlbWFpbCI6Im5ld0BleGFtcGxlLmNvbSJ9.s; lt_refresh_token=r";
    req.maxJobs.reset();
    const auto created = decode<ltx::account>(c.post("/accounts", to_json(req)));
    CHECK(created.email == "new@example.com");
    CHECK(created.maxJobs == 20);
    const auto got = c.get(target<ltx::endpoints::get_account>({"new@example.com"}));
    REQUIRE(got.result_int() == 200);
    CHECK(decode<ltx::account>(got).balance->LTXStudio_token == 100);
    const auto unknown = c.get("/accounts/nobody%40example.com");
    CHECK(unknown.result_int() == 404);
    CHECK(decode<ltx::error_body>(unknown).code == 404);
    CHECK(error_of(c.get("/accounts/not-an-email")) == "email: must be an e-mail address (email)");
    // With two accounts, creating a job needs an e-mail now.
    const auto two =
        c.post("/videos/ltx-create", to_json(create_req(upload_png(c, "new@example.com"))));
    CHECK(two.result_int() == 400);
}

TEST_CASE("ltx-sim: GET accounts lists the configured accounts by e-mail, 404 when none") {
    auto o = test_options();
    o.accounts = {{"a@example.com", 100, 5}, {"b@example.com", 50, 7}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto r = c.get(target<ltx::endpoints::list_accounts>({}));
    REQUIRE(r.result_int() == 200);
    const auto all = decode<ltx::account_map>(r);
    REQUIRE(all.size() == 2);
    CHECK(all.at("a@example.com").email == "a@example.com");
    CHECK(all.at("a@example.com").maxJobs == 5);
    CHECK(all.at("b@example.com").maxJobs == 7);
    CHECK(all.at("b@example.com").updatedUTC.value().ends_with("Z"));
    // The listing carries no balance (GET accounts/{email} does).
    CHECK_FALSE(all.at("a@example.com").balance.has_value());
    CHECK(r.body().find("LTXStudio_token") == std::string::npos);

    CHECK(c.call(http::verb::delete_, "/accounts/a%40example.com").result_int() == 204);
    CHECK(decode<ltx::account_map>(c.get("/accounts")).size() == 1);
    CHECK(c.call(http::verb::delete_, "/accounts/b@example.com").result_int() == 204);
    const auto none = c.get("/accounts");
    CHECK(none.result_int() == 404);
    CHECK(error_of(none) == "Configuration not found. To create configuration use POST /accounts.");
    CHECK(decode<ltx::error_body>(none).code == 404);
    const auto wrong = c.call(http::verb::put, "/accounts", "{}");
    CHECK(wrong.result_int() == 405);
    CHECK(wrong[http::field::allow] == "GET, POST");
}

TEST_CASE("ltx-sim: DELETE accounts/{email}: 204 without a body, 400, 404, and POST revives it") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto file_id = upload_png(c);
    const auto gone =
        c.call(http::verb::delete_, target<ltx::endpoints::delete_account>({"sim@example.com"}));
    CHECK(gone.result_int() == 204);
    CHECK(gone.body().empty());
    CHECK(gone[http::field::content_type].empty());
    constexpr auto not_found = "Account configuration not found for the specified email address.";
    const auto again = c.call(http::verb::delete_, "/accounts/sim%40example.com");
    CHECK(again.result_int() == 404);
    CHECK(error_of(again) == not_found);
    CHECK(decode<ltx::error_body>(again).code == 404);
    CHECK(error_of(c.get("/accounts/sim@example.com")) == not_found);
    const auto bad = c.call(http::verb::delete_, "/accounts/not-an-email");
    CHECK(bad.result_int() == 400);
    CHECK(error_of(bad) == "email: must be an e-mail address (email)");
    const auto malformed = c.call(http::verb::delete_, "/accounts/sim%4");
    CHECK(malformed.result_int() == 400);
    CHECK(error_of(malformed).starts_with("email: "));
    // No account is left to run a job.
    CHECK(c.post("/videos/ltx-create", to_json(create_req(file_id))).result_int() == 400);

    // Configuring it again brings back the account with its uploads.
    const ltx::account_request req{"lt_token=a; lt_refresh_token=b; email=sim@example.com", {}};
    REQUIRE(c.post("/accounts", to_json(req)).result_int() == 200);
    CHECK(c.get("/accounts/sim%40example.com").result_int() == 200);
    CHECK(c.post("/videos/ltx-create", to_json(create_req(file_id))).result_int() == 200);
    const auto wrong = c.call(http::verb::post, "/accounts/sim%40example.com", "{}");
    CHECK(wrong.result_int() == 405);
    CHECK(wrong[http::field::allow] == "GET, DELETE");
}

TEST_CASE("ltx-sim: GET scheduler lists the running jobs, DELETE scheduler/{jobId} untracks one") {
    auto o = test_options();
    o.speed = std::chrono::hours{1};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto empty = c.get(target<ltx::endpoints::list_scheduled_jobs>({}));
    REQUIRE(empty.result_int() == 200);
    CHECK(empty.body() == "[]");

    const auto file_id = upload_png(c);
    auto with_reply = create_req(file_id);
    with_reply.replyUrl = "http://127.0.0.1:9/hook";
    with_reply.replyRef = "ref-1";
    const auto first = decode<ltx::ltx_create_response>(
        c.post("/videos/ltx-create", to_json(create_req(file_id))));
    const auto second =
        decode<ltx::ltx_create_response>(c.post("/videos/ltx-create", to_json(with_reply)));
    sim->advance_clock(std::chrono::seconds{225});
    auto running = decode<ltx::scheduled_jobs>(c.get("/scheduler"));
    REQUIRE(running.size() == 2);
    CHECK(running[0].jobId == first.jobId);
    CHECK(running[0].email == "sim@example.com");
    CHECK(running[0].elapsed.starts_with("03:4")); // 3 min 45 s, plus the test's own time
    CHECK(running[0].started.size() == 24);        // 2025-06-03T12:34:56.789Z
    CHECK(running[0].started[10] == 'T');
    CHECK(running[0].started.ends_with("Z"));
    CHECK_FALSE(running[0].replyUrl.has_value());
    CHECK_FALSE(running[0].replyRef.has_value());
    CHECK(running[1].jobId == second.jobId);
    CHECK(running[1].replyUrl == with_reply.replyUrl);
    CHECK(running[1].replyRef == "ref-1");

    // Raw or percent-encoded, the id names the job.
    const auto cancelled = c.call(http::verb::delete_, "/scheduler/" + first.jobId);
    CHECK(cancelled.result_int() == 204);
    CHECK(cancelled.body().empty());
    running = decode<ltx::scheduled_jobs>(c.get("/scheduler"));
    REQUIRE(running.size() == 1);
    CHECK(running[0].jobId == second.jobId);
    // The job goes on.
    const auto still = c.get(job_target(first.jobId));
    CHECK(still.result_int() == 200);
    CHECK(ltx::state_of(decode<ltx::job>(still)) == ltx::job_state::active);

    const auto twice =
        c.call(http::verb::delete_, target<ltx::endpoints::cancel_scheduled_job>({first.jobId}));
    CHECK(twice.result_int() == 404);
    CHECK(error_of(twice) == "Unable to locate running jobId " + first.jobId);
    CHECK(decode<ltx::error_body>(twice).code == 404);
    const auto unknown = c.call(http::verb::delete_, "/scheduler/nobody%3Ax");
    CHECK(unknown.result_int() == 404);
    CHECK(error_of(unknown) == "Unable to locate running jobId nobody:x");
    const auto malformed = c.call(http::verb::delete_, "/scheduler/email%3");
    CHECK(malformed.result_int() == 400);
    CHECK(error_of(malformed).starts_with("jobId: "));

    // A finished job leaves the list and cannot be untracked.
    sim->advance_clock(std::chrono::hours{1});
    CHECK(c.get("/scheduler").body() == "[]");
    const auto finished =
        c.call(http::verb::delete_, target<ltx::endpoints::cancel_scheduled_job>({second.jobId}));
    CHECK(finished.result_int() == 404);
    const auto wrong = c.call(http::verb::post, "/scheduler", "{}");
    CHECK(wrong.result_int() == 405);
    CHECK(wrong[http::field::allow] == "GET");
    CHECK(c.get("/scheduler/x").result_int() == 405);
}

namespace {

// Writes `bytes` on a fresh connection and returns what comes back until `stop` is seen or
// the connection closes (at most 10 s).
std::string raw_exchange(std::uint16_t port, const std::string& bytes, const std::string& stop,
                         const std::string& then = {}) {
    net::io_context io;
    beast::tcp_stream s{io};
    s.expires_after(std::chrono::seconds{10});
    s.connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port});
    net::write(s.socket(), net::buffer(bytes));
    std::string got;
    bool sent_rest = then.empty();
    for (;;) {
        char buf[4096];
        beast::error_code ec;
        const auto n = s.socket().read_some(net::buffer(buf), ec);
        got.append(buf, n);
        if (!sent_rest && got.find("\r\n\r\n") != std::string::npos) {
            net::write(s.socket(), net::buffer(then));
            sent_rest = true;
            got += "|";
            continue;
        }
        if (ec || (sent_rest && got.find(stop) != std::string::npos))
            return got;
    }
}

} // namespace

TEST_CASE("ltx-sim HTTP: Expect: 100-continue, malformed requests, keep-alive") {
    ltx::sim::background_server sim{test_options()};
    const auto port = sim->api_port();
    const std::string head =
        "POST /assets/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        "sim-SECRET-token\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n";
    const auto cont =
        raw_exchange(port, head + "Expect: 100-continue\r\n\r\n", "\"asset\"", "hello");
    CHECK(cont.starts_with("HTTP/1.1 100 Continue\r\n\r\n|HTTP/1.1 200 OK\r\n"));
    // An HTTP/1.0 client's expectation is ignored: no interim answer, only the final one.
    std::string head10 = head;
    head10.replace(head10.find("HTTP/1.1"), 8, "HTTP/1.0");
    const auto v10 = raw_exchange(port, head10 + "Expect: 100-continue\r\n\r\nhello", "\"asset\"");
    CHECK(v10.find("100 Continue") == std::string::npos);
    CHECK(v10.find(" 200 OK\r\n") != std::string::npos);

    const auto garbage = raw_exchange(port, "NOT HTTP AT ALL\r\n\r\n", "}");
    CHECK(garbage.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(garbage.find("\"code\":400") != std::string::npos);

    // Two requests on one kept-alive connection: four connections in all.
    client c{port};
    CHECK(c.get("/assets/").result_int() == 200);
    CHECK(c.get("/assets/").result_int() == 200);
    CHECK(sim->stats().connections == 4);
}

TEST_CASE("ltx-sim: images/create makes an image job whose PNG feeds ltx-create and upscale") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto created = c.post("/images/create", R"({"prompt":"A red door"})");
    REQUIRE(created.result_int() == 200);
    const auto id = decode<ltx::created_job>(created).jobId;
    CHECK(id.starts_with("email:sim@example.com:"));
    CHECK(id.ends_with("-type:image"));

    const auto done = done_job(c, id);
    REQUIRE(ltx::is_done(done));
    CHECK(done.jobId == id);
    const auto& art = *done.status->artifact;
    CHECK(art.asset->mimeType == "image/png");
    CHECK(art.asset->artifactSubtype == "vertex-ai");
    const auto file_id = art.asset->fileId.value();
    CHECK(file_id.ends_with("-type:image/png"));
    client storage{sim->storage_port(), ""};
    const auto png = storage.get(path_of(art.assetUrl.value()));
    REQUIRE(png.result_int() == 200);
    CHECK(png[http::field::content_type] == "image/png");
    CHECK(png.body().substr(1, 3) == "PNG");

    // The image is listed with the account's images, and is an image input of every generator.
    const auto images = decode<ltx::asset_page>(c.get("/assets/?filter=images"));
    bool listed = false;
    for (const auto& item : images.items.value())
        listed = listed || item.jobId == id;
    CHECK(listed);
    const auto video = c.post("/videos/ltx-create", to_json(create_req(file_id)));
    CHECK(video.result_int() == 200);
    CHECK(decode<ltx::created_job>(video).jobId.ends_with("-type:video"));
    const auto edit =
        c.post("/images/edit",
               to_json(ltx::image_edit_request{.prompt = "Blue", .referenceAssetId = file_id}));
    CHECK(edit.result_int() == 200);

    const auto up = c.post("/images/upscale", to_json(ltx::image_upscale_request{.jobId = id}));
    REQUIRE(up.result_int() == 200);
    const auto up_id = decode<ltx::created_job>(up).jobId;
    CHECK(up_id.ends_with("-type:image"));
    CHECK(up_id != id);
    CHECK(ltx::is_done(done_job(c, up_id)));
    // An upscale of an upscale is an upscale of a completed image job too.
    CHECK(c.post("/images/upscale", to_json(ltx::image_upscale_request{.jobId = up_id}))
              .result_int() == 200);
}

TEST_CASE("ltx-sim: the old image paths, 405 and 401 on the new endpoints") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    for (const std::string path : {"/images/flux-create", "/images/create/"}) {
        const auto r = c.post(path, R"({"prompt":"p"})");
        CHECK(r.result_int() == 200);
        CHECK(decode<ltx::created_job>(r).jobId.ends_with("-type:image"));
    }
    const auto image = upload_png(c);
    const auto edit =
        c.post("/images/flux-edit",
               to_json(ltx::image_edit_request{.prompt = "p", .referenceAssetId = image}));
    CHECK(edit.result_int() == 200);
    for (const std::string path : {"/videos/veo-create", "/images/create", "/images/flux-create",
                                   "/images/edit", "/images/flux-edit", "/images/upscale"}) {
        CAPTURE(path);
        const auto wrong = c.get(path);
        CHECK(wrong.result_int() == 405);
        CHECK(wrong[http::field::allow] == "POST");
        client anonymous{sim->api_port(), ""};
        CHECK(anonymous.post(path, "{}").result_int() == 401);
    }
    CHECK(c.post("/images/flux-upscale", "{}").result_int() == 404);
}

TEST_CASE("ltx-sim: veo-create makes a video job and names the refused field") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto image = upload_png(c);
    const auto ok =
        c.post("/videos/veo-create",
               to_json(ltx::veo_create_request{.prompt = "Surf", .startAssetId = image}));
    REQUIRE(ok.result_int() == 200);
    const auto id = decode<ltx::created_job>(ok).jobId;
    CHECK(id.ends_with("-type:video"));
    const auto done = done_job(c, id);
    REQUIRE(ltx::is_done(done));
    CHECK(done.status->artifact->asset->mimeType == "video/mp4");
    CHECK(c.post("/videos/veo-create", R"({"model":"veo3"})").result_int() == 200);

    const auto resolution =
        c.post("/videos/veo-create", R"({"startAssetId":")" + image + R"(","resolution":"720p"})");
    CHECK(resolution.result_int() == 400);
    CHECK(error_of(resolution) == "resolution: is not taken when model is veo2 (absent_when)");
    const auto no_start = c.post("/videos/veo-create", R"({"prompt":"p"})");
    CHECK(no_start.result_int() == 400);
    CHECK(error_of(no_start).starts_with("startAssetId: is required when model is veo2"));
    const auto duration = c.post("/videos/veo-create", R"({"model":"veo3","duration":"5"})");
    CHECK(error_of(duration) == "duration: must be one of 8 when model is veo3 (one_of_when)");
    // An unknown asset, and a video where an image is expected.
    const auto unknown =
        c.post("/videos/veo-create",
               R"({"startAssetId":"asset:00000000-0000-4000-8000-000000000000-type:image/png"})");
    CHECK(unknown.result_int() == 400);
    CHECK(error_of(unknown).starts_with("startAssetId"));
    const auto video_file = done.status->artifact->asset->fileId.value();
    const auto not_image =
        c.post("/videos/veo-create", R"({"startAssetId":")" + video_file + R"("})");
    CHECK(not_image.result_int() == 400);
    CHECK(error_of(not_image).starts_with("startAssetId"));
}

TEST_CASE("ltx-sim: images/create and images/edit refuse the fields a model does not take") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto image = upload_png(c);
    const auto style =
        c.post("/images/create", R"({"prompt":"p","model":"nano-banana","style":"anime"})");
    CHECK(style.result_int() == 400);
    CHECK(error_of(style) == "style: is not taken when model is nano-banana (absent_when)");
    const auto second =
        c.post("/images/create", R"({"prompt":"p","referenceAssetId2":")" + image + R"("})");
    CHECK(second.result_int() == 400);
    CHECK(error_of(second).starts_with("referenceAssetId2: is not taken"));
    const auto third = c.post("/images/edit", R"({"prompt":"p","referenceAssetId":")" + image +
                                                  R"(","referenceAssetId3":")" + image + R"("})");
    CHECK(third.result_int() == 400);
    CHECK(error_of(third) == "referenceAssetId3: is not taken when model is flux (absent_when)");
    const auto unknown = c.post("/images/edit", R"({"prompt":"p","referenceAssetId":"asset:x"})");
    CHECK(unknown.result_int() == 400);
    CHECK(error_of(unknown).starts_with("referenceAssetId"));
}

TEST_CASE("ltx-sim: images/upscale only of a completed image job of the same account") {
    auto o = test_options();
    o.speed = std::chrono::hours{1};
    o.accounts = {{"a@example.com", 1000, 50}, {"b@example.com", 1000, 50}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto running = decode<ltx::created_job>(
                             c.post("/images/create", R"({"email":"a@example.com","prompt":"p"})"))
                             .jobId;
    const auto image = upload_png(c, "a@example.com");
    const auto video =
        decode<ltx::created_job>(
            c.post("/videos/ltx-create",
                   R"({"email":"a@example.com","prompt":"p","startAssetId":")" + image + R"("})"))
            .jobId;
    const auto upscale = [&](const std::string& email, const std::string& id) {
        return c.post("/images/upscale",
                      to_json(ltx::image_upscale_request{.email = email, .jobId = id}));
    };
    const auto not_done = upscale("a@example.com", running);
    CHECK(not_done.result_int() == 400);
    CHECK(error_of(not_done).starts_with("jobId"));
    sim->advance_clock(std::chrono::hours{2});
    CHECK(upscale("a@example.com", running).result_int() == 200);
    for (const auto& attempt : std::vector<std::pair<std::string, std::string>>{
             {"b@example.com", running},
             {"a@example.com", video},
             {"a@example.com",
              "email:a@example.com:00000000-0000-4000-8000-000000000000-type:image"},
             {"a@example.com", "nonsense"}}) {
        CAPTURE(attempt.second);
        const auto r = upscale(attempt.first, attempt.second);
        CHECK(r.result_int() == 400);
        CHECK(error_of(r).starts_with("jobId"));
    }
    // A video job's id with the image suffix names no job.
    auto swapped = video;
    swapped.replace(swapped.size() - 5, 5, "image");
    CHECK(c.get(job_target(swapped)).result_int() == 404);
}
