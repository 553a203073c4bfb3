// ltx-sim: the storage listener (signed URLs, what reaches it), webhooks, fault injection.
#include "../../tools/ltx-sim/sim/server.hpp"

#include "support.hpp"

#include <ltx/client.hpp>
#include <ltx/lightricks.hpp>
#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <thread>

using namespace sim_test;
using ltx::reflect::to_json;

namespace {

// Creates an instant job and returns it once done (the second read, past the URL lag).
ltx::job finished_job(client& c, const std::string& file_id) {
    ltx::ltx_create_request r;
    r.prompt = "A river";
    r.startAssetId = file_id;
    r.pollForResult = 1;
    const auto j = decode<ltx::job>(c.post("/videos/ltx-create", to_json(r)));
    REQUIRE(ltx::is_done(j));
    return j;
}

// A webhook receiver: accepts one connection, reads one request, answers 200.
class receiver {
public:
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

    std::optional<http::request<http::string_body>> wait(std::chrono::seconds limit) {
        tcp::socket socket{io_};
        beast::flat_buffer buffer;
        http::request<http::string_body> req;
        http::response<http::string_body> res{http::status::ok, 11};
        bool got = false;
        acceptor_.async_accept(socket, [&](beast::error_code ec) {
            if (ec)
                return;
            http::async_read(socket, buffer, req, [&](beast::error_code e, std::size_t) {
                if (e)
                    return;
                got = true;
                res.prepare_payload();
                http::async_write(socket, res, [](beast::error_code, std::size_t) {});
            });
        });
        io_.restart();
        io_.run_for(limit);
        if (!got)
            return std::nullopt;
        return req;
    }

private:
    net::io_context io_;
    tcp::acceptor acceptor_{io_, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}};
};

} // namespace

TEST_CASE("ltx-sim storage: signed URLs serve the bytes, forged or expired ones get 403") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    client storage{sim->storage_port(), ""};
    const auto job = finished_job(c, upload_png(c));
    const auto path = path_of(*ltx::artifact_url(job));

    const auto ok = storage.get(path);
    CHECK(ok.result_int() == 200);
    CHECK(ok[http::field::content_type] == "video/mp4");
    auto forged = path;
    forged.back() = forged.back() == '0' ? '1' : '0';
    CHECK(storage.get(forged).result_int() == 403);
    CHECK(error_of(storage.get(forged)) == "Invalid signature");
    CHECK(storage.get(path.substr(0, path.find('?'))).result_int() == 403);
    // Another expiry with the old signature is a forgery too.
    const auto at = path.find("expires=") + 8;
    auto later = path;
    later[at] = later[at] == '9' ? '8' : '9';
    CHECK(storage.get(later).result_int() == 403);
    CHECK(storage.get("/nothing").result_int() == 404);
    CHECK(storage.call(http::verb::post, path, "x").result_int() == 405);

    const auto head = storage.call(http::verb::head, path);
    CHECK(head.result_int() == 200);
    CHECK(head[http::field::content_length] == std::to_string(ok.body().size()));
    const auto part = storage.call(http::verb::get, path, "", "", {{"Range", "bytes=4-7"}});
    CHECK(part.result_int() == 206);
    CHECK(part.body() == "ftyp");
    CHECK(part[http::field::content_range] == "bytes 4-7/" + std::to_string(ok.body().size()));

    sim->advance_clock(test_options().url_ttl + std::chrono::seconds{1});
    const auto expired = storage.get(path);
    CHECK(expired.result_int() == 403);
    CHECK(error_of(expired) == "Signed URL expired");
    // A fresh read of the job signs a fresh URL.
    const auto again =
        decode<ltx::job>(c.get(target<ltx::endpoints::get_job>(ltx::get_job_request{*job.jobId})));
    CHECK(storage.get(path_of(*ltx::artifact_url(again))).result_int() == 200);
}

TEST_CASE("ltx-sim storage: records what reaches it, the API token does not") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    client storage{sim->storage_port(), ""};
    const auto job = finished_job(c, upload_png(c));
    CHECK(storage.get(path_of(*ltx::artifact_url(job))).result_int() == 200);
    auto seen = sim->storage_requests();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].method == "GET");
    CHECK(seen[0].headers.count("host") == 1);
    CHECK(seen[0].headers.count("authorization") == 0);

    // A client that leaked a token is caught: refused, counted, and shown in the record.
    client leaky{sim->storage_port(), sim_token};
    const auto refused = leaky.get(path_of(*ltx::artifact_url(job)));
    CHECK(refused.result_int() == 400);
    CHECK(error_of(refused).find("Authorization") != std::string::npos);
    CHECK(refused.body().find(sim_token) == std::string::npos);
    seen = sim->storage_requests();
    REQUIRE(seen.size() == 2);
    CHECK(seen[1].headers.at("authorization") == std::string{"Bearer "} + sim_token);

    // The same record over HTTP, for tests that run the simulator as a program.
    const auto listed = storage.get("/_sim/requests");
    std::vector<ltx::sim::recorded_request> over_http;
    ltx::reflect::json_error err;
    REQUIRE(ltx::reflect::read_json(listed.body(), over_http, err));
    CHECK(over_http.size() == 2);
    const auto stats = decode<ltx::sim::sim_stats>(storage.get("/_sim/stats"));
    CHECK(stats.jobsCreated == 1);
    CHECK(stats.uploads == 1);
    CHECK(stats.storageRequests == 2);
    CHECK(stats.storageAuthorized == 1);
}

TEST_CASE("ltx-sim webhooks: the job model with replyRef is POSTed to replyUrl") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    receiver hook;
    ltx::ltx_create_request r;
    r.prompt = "A river";
    r.startAssetId = upload_png(c);
    r.replyUrl = "http://127.0.0.1:" + std::to_string(hook.port()) + "/hooks/ltx?k=1";
    r.replyRef = "order-17";
    const auto created = decode<ltx::job>(c.post("/videos/ltx-create", to_json(r)));
    const auto got = hook.wait(std::chrono::seconds{10});
    REQUIRE(got);
    CHECK(got->method() == http::verb::post);
    CHECK(got->target() == "/hooks/ltx?k=1");
    CHECK((*got)[http::field::content_type] == "application/json");
    CHECK((*got)[http::field::authorization].empty());
    const auto j = ltx::parse_webhook(got->body());
    CHECK(j.jobId == created.jobId);
    CHECK(j.replyRef == "order-17");
    CHECK(j.replyUrl == r.replyUrl);
    CHECK(ltx::is_done(j)); // a webhook shows the artifact at once

    r.prompt = "Breaks [fail]";
    c.post("/videos/ltx-create", to_json(r));
    const auto failed = hook.wait(std::chrono::seconds{10});
    REQUIRE(failed);
    CHECK(ltx::is_failed(ltx::parse_webhook(failed->body())));
    for (int i = 0; i < 200 && sim->stats().webhooksSent < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    CHECK(sim->stats().webhooksSent == 2);
}

TEST_CASE("ltx-sim webhooks: none for a job DELETE scheduler/{jobId} stopped tracking") {
    auto o = test_options();
    o.speed = std::chrono::hours{1};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    receiver hook;
    ltx::ltx_create_request r;
    r.prompt = "A river";
    r.startAssetId = upload_png(c);
    r.replyUrl = "http://127.0.0.1:" + std::to_string(hook.port()) + "/hooks/ltx";
    // Both jobs post to the one receiver; the untracked one would end, and post, first.
    const auto untracked = decode<ltx::job>(c.post("/videos/ltx-create", to_json(r))).jobId.value();
    sim->advance_clock(std::chrono::seconds{1});
    const auto tracked = decode<ltx::job>(c.post("/videos/ltx-create", to_json(r))).jobId.value();
    REQUIRE(c.call(http::verb::delete_, "/scheduler/" + untracked).result_int() == 204);
    sim->advance_clock(std::chrono::hours{2});
    const auto got = hook.wait(std::chrono::seconds{10});
    REQUIRE(got);
    CHECK(ltx::parse_webhook(got->body()).jobId == tracked);
    for (int i = 0; i < 200 && sim->stats().webhooksSent < 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
    const auto stats = sim->stats();
    CHECK(stats.webhooksSent == 1);
    CHECK(stats.webhooksFailed == 0);
    // The untracked job finished all the same.
    const auto finished =
        decode<ltx::job>(c.get(target<ltx::endpoints::get_job>(ltx::get_job_request{untracked})));
    CHECK(ltx::state_of(finished) == ltx::job_state::completed);
}

TEST_CASE("ltx-sim faults: 5xx on GETs at the asked rate, deterministic from the seed") {
    auto o = test_options();
    o.fail_rate = 0.3;
    o.seed = 7;
    const auto run = [&] {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        std::string pattern;
        for (int i = 0; i < 200; ++i) {
            const auto s = c.get("/assets/").result_int();
            CHECK((s == 200 || s == 500 || s == 502 || s == 503));
            pattern += s == 200 ? '.' : 'x';
        }
        // POSTs are not affected by --fail-rate.
        CHECK(c.post("/assets/", "x", "text/plain").result_int() == 200);
        return pattern;
    };
    const auto first = run();
    const auto failures = std::count(first.begin(), first.end(), 'x');
    CHECK(failures > 30);
    CHECK(failures < 90);
    CHECK(run() == first);
}

TEST_CASE("ltx-sim faults: 5xx on POSTs create nothing") {
    auto o = test_options();
    o.fail_post_rate = 1;
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto r = c.post("/videos/ltx-create", R"({"prompt":"p","startAssetId":"x"})");
    CHECK(r.result_int() >= 500);
    CHECK(decode<ltx::error_body>(r).code == static_cast<int>(r.result_int()));
    CHECK(c.get("/assets/").result_int() == 200);
    CHECK(sim->stats().jobsCreated == 0);
    CHECK(sim->stats().injected5xx == 1);
}

TEST_CASE("ltx-sim faults: dropped connections and delays") {
    auto o = test_options();
    o.drop_rate = 1;
    {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        c.get("/assets/");
        CHECK(c.last_error());
        CHECK(sim->stats().dropped == 1);
    }
    o.drop_rate = 0;
    o.delay = std::chrono::milliseconds{150};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(c.get("/assets/").result_int() == 200);
    CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds{150});
}

TEST_CASE("ltx-sim faults: a burst of 429 on create accepts no job until it is over") {
    auto o = test_options();
    o.burst_429 = 2;
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    ltx::ltx_create_request r;
    r.prompt = "A river";
    r.startAssetId = upload_png(c);
    CHECK(c.post("/videos/ltx-create", to_json(r)).result_int() == 429);
    CHECK(c.post("/videos/ltx-create", to_json(r)).result_int() == 429);
    CHECK(sim->stats().jobsCreated == 0);
    CHECK(c.post("/videos/ltx-create", to_json(r)).result_int() == 200);
    CHECK(c.post("/videos/ltx-create", to_json(r)).result_int() == 200);
    CHECK(sim->stats().jobsCreated == 2);
    // Invalid requests are refused before the burst counts them.
    auto bad = r;
    bad.prompt.clear();
    auto o2 = o;
    ltx::sim::background_server sim2{o2};
    client c2{sim2->api_port()};
    CHECK(c2.post("/videos/ltx-create", to_json(bad)).result_int() == 400);
}

TEST_CASE("ltx-sim --state-dir: uploads, jobs and balances survive a restart") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("ltx-sim-state-" + std::to_string(std::random_device{}()));
    auto o = test_options();
    o.state_dir = dir;
    std::string job_id, artifact_path, image_path;
    {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        const auto job = finished_job(c, upload_png(c));
        job_id = job.jobId.value();
        artifact_path = path_of(*ltx::artifact_url(job));
        const auto images = decode<ltx::asset_page>(c.get("/assets/?filter=images"));
        image_path = path_of(images.items.value().at(0).signedAsset->assetUrl.value());
    }
    CHECK(std::filesystem::exists(dir / "state.json"));
    {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        client storage{sim->storage_port(), ""};
        const auto job =
            decode<ltx::job>(c.get(target<ltx::endpoints::get_job>(ltx::get_job_request{job_id})));
        CHECK(ltx::is_done(job));
        // URLs signed before the restart still work; the uploaded bytes are still there.
        CHECK(storage.get(artifact_path).result_int() == 200);
        const auto png = storage.get(image_path);
        CHECK(png.result_int() == 200);
        CHECK(png.body() == *ltx::sim::detail::read_fixture(o.fixtures_dir, "start.png"));
        const auto account = decode<ltx::account>(c.get("/accounts/sim%40example.com"));
        CHECK(account.balance->LTXStudio_token == 97);
        // New ids continue the sequence rather than repeating it.
        ltx::ltx_create_request r;
        r.prompt = "Again";
        r.startAssetId = decode<ltx::asset_page>(c.get("/assets/?filter=images"))
                             .items->at(0)
                             .signedAsset->asset->fileId;
        CHECK(decode<ltx::job>(c.post("/videos/ltx-create", to_json(r))).jobId != job_id);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("ltx-sim --state-dir: a removed account and an untracked job stay so after a restart") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("ltx-sim-state-" + std::to_string(std::random_device{}()));
    auto o = test_options();
    o.state_dir = dir;
    o.speed = std::chrono::hours{1};
    o.accounts = {{"a@example.com", 100, 5}, {"b@example.com", 100, 5}};
    std::string untracked, tracked;
    {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        ltx::ltx_create_request r;
        r.email = "a@example.com";
        r.prompt = "A river";
        r.startAssetId = upload_png(c, "a@example.com");
        untracked = decode<ltx::job>(c.post("/videos/ltx-create", to_json(r))).jobId.value();
        tracked = decode<ltx::job>(c.post("/videos/ltx-create", to_json(r))).jobId.value();
        REQUIRE(c.call(http::verb::delete_, "/scheduler/" + untracked).result_int() == 204);
        REQUIRE(c.call(http::verb::delete_, "/accounts/b%40example.com").result_int() == 204);
    }
    {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        const auto accounts = decode<ltx::account_map>(c.get("/accounts"));
        REQUIRE(accounts.size() == 1);
        CHECK(accounts.count("a@example.com") == 1);
        const auto running = decode<ltx::scheduled_jobs>(c.get("/scheduler"));
        REQUIRE(running.size() == 1);
        CHECK(running[0].jobId == tracked);
        CHECK(
            c.get(target<ltx::endpoints::get_job>(ltx::get_job_request{untracked})).result_int() ==
            200);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("ltx-sim reset: the state right after construction, the same ids from the seed") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    client storage{sim->storage_port(), ""};
    const std::string lx_body =
        R"({"prompt":"A lighthouse","model":"ltx-2-3-fast","duration":6,"resolution":"1920x1080"})";
    const auto asset = upload_png(c);
    const auto job = finished_job(c, asset);
    CHECK(storage.get(path_of(*ltx::artifact_url(job))).result_int() == 200);
    const auto lx_job =
        decode<ltx::lightricks::submitted_job>(c.post("/v2/text-to-video", lx_body));
    auto stats = decode<ltx::sim::sim_stats>(storage.get("/_sim/stats"));
    CHECK(stats.jobsCreated == 1);
    CHECK(stats.lightricksJobs == 1);

    sim->on_server_thread([&sim] { sim->reset(); });
    stats = decode<ltx::sim::sim_stats>(storage.get("/_sim/stats"));
    CHECK(stats.jobsCreated == 0);
    CHECK(stats.uploads == 0);
    CHECK(stats.lightricksJobs == 0);
    CHECK(stats.storageRequests == 0);
    CHECK(sim->storage_requests().empty());

    // The same requests again get the same ids: the ids start from the seed again.
    CHECK(upload_png(c) == asset);
    CHECK(finished_job(c, asset).jobId == job.jobId);
    CHECK(decode<ltx::lightricks::submitted_job>(c.post("/v2/text-to-video", lx_body)).id ==
          lx_job.id);
    stats = decode<ltx::sim::sim_stats>(storage.get("/_sim/stats"));
    CHECK(stats.jobsCreated == 1);
    CHECK(stats.lightricksJobs == 1);
}
