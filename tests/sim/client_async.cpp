// The whole workflow through the client's async calls over its Asio transport, against
// ltx-sim: upload, create, wait, download, chained on one thread, with no blocking call.
#include "../../tools/ltx-sim/sim/server.hpp"

#include "support.hpp"

#include <ltx/asio.hpp>
#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

using namespace sim_test;
using namespace std::chrono_literals;

TEST_CASE("ltx client + ltx-sim: the whole workflow async, one thread, no token at storage") {
    auto o = test_options();
    o.speed = 100ms;
    ltx::sim::background_server sim{o};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    ltx::basic_client api{http, config_for(sim)};
    const auto out = std::filesystem::temp_directory_path() /
                     ("ltx-sim-async-" + std::to_string(std::random_device{}()) + ".mp4");

    std::vector<std::string> steps;
    std::error_code failure;
    std::uint64_t size = 0;
    const auto fail = [&](const char* step, std::error_code ec) {
        failure = ec;
        steps.push_back(std::string{step} + " failed: " + ec.message());
    };
    api.async_upload_file(
        o.fixtures_dir / "start.png", {}, [&](std::error_code ec, ltx::upload_asset_response up) {
            if (ec)
                return fail("upload", ec);
            steps.push_back("uploaded " + up.asset.mimeType.value_or("?"));
            ltx::ltx_create_request req;
            req.prompt = "Waves at dusk";
            req.startAssetId = up.asset.fileId;
            api.async_create_video(req, [&](std::error_code ec, ltx::ltx_create_response created) {
                if (ec)
                    return fail("create", ec);
                steps.push_back("created");
                api.async_wait(created.jobId, {.interval = 20ms, .backoff = 1.0, .timeout = 60s},
                               [&](std::error_code ec, ltx::job done) {
                                   if (ec)
                                       return fail("wait", ec);
                                   steps.push_back("done");
                                   api.async_download(done, out, {},
                                                      [&](std::error_code ec, std::uint64_t n) {
                                                          if (ec)
                                                              return fail("download", ec);
                                                          steps.push_back("downloaded");
                                                          size = n;
                                                      });
                               });
            });
        });
    const auto t0 = std::chrono::steady_clock::now();
    while (!failure && steps.size() < 4 && std::chrono::steady_clock::now() - t0 < 60s)
        io.run_for(50ms);

    std::string trace;
    for (const auto& s : steps)
        trace += s + "; ";
    INFO("steps: " << trace);
    CHECK_FALSE(failure);
    REQUIRE(steps.size() == 4);
    CHECK(steps[0] == "uploaded image/png");
    std::ifstream got{out, std::ios::binary};
    const std::string got_bytes{std::istreambuf_iterator<char>{got}, {}};
    CHECK(got_bytes == video_fixture());
    CHECK(size == got_bytes.size());
    std::filesystem::remove(out);

    const auto seen = sim->storage_requests();
    REQUIRE_FALSE(seen.empty());
    for (const auto& r : seen) {
        CHECK(r.headers.count("authorization") == 0);
        for (const auto& [name, value] : r.headers)
            CHECK(value.find(sim_token) == std::string::npos);
    }
    CHECK(sim->stats().jobsCreated == 1);
}

TEST_CASE("ltx client + ltx-sim: list and delete accounts, list and untrack jobs, async") {
    auto o = test_options();
    o.speed = std::chrono::hours{1};
    o.accounts = {{"sim@example.com", 100, 20}, {"other@example.com", 100, 3}};
    ltx::sim::background_server sim{o};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    ltx::basic_client api{http, config_for(sim)};
    ltx::ltx_create_request req;
    req.email = "sim@example.com";
    req.prompt = "Waves";
    req.startAssetId =
        api.upload_file(o.fixtures_dir / "start.png", {.email = "sim@example.com"}).asset.fileId;
    const auto job_id = api.create_video(req).jobId;
    // Runs the handlers the calls started until none is left.
    const auto run = [&io] {
        io.restart();
        io.run_for(60s);
    };

    std::error_code listed_ec{ltx::errc::cancelled};
    ltx::account_map accounts;
    api.async_list_accounts([&](std::error_code ec, ltx::account_map m) {
        listed_ec = ec;
        accounts = std::move(m);
    });
    run();
    CHECK_FALSE(listed_ec);
    REQUIRE(accounts.size() == 2);
    CHECK(accounts.at("other@example.com").maxJobs == 3);

    std::error_code jobs_ec{ltx::errc::cancelled};
    ltx::scheduled_jobs jobs;
    api.async_list_scheduled_jobs([&](std::error_code ec, ltx::scheduled_jobs j) {
        jobs_ec = ec;
        jobs = std::move(j);
    });
    run();
    CHECK_FALSE(jobs_ec);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].jobId == job_id);

    std::vector<std::error_code> cancels;
    for (int i = 0; i < 2; ++i) {
        api.async_cancel_scheduled_job(
            job_id, [&](std::error_code ec, ltx::no_content) { cancels.push_back(ec); });
        run();
    }
    REQUIRE(cancels.size() == 2);
    CHECK_FALSE(cancels[0]);
    CHECK(cancels[1] == ltx::errc::not_found); // untracked by the first
    CHECK(api.list_scheduled_jobs().empty());

    std::vector<std::error_code> deletes;
    for (const char* email : {"other@example.com", "other@example.com"}) {
        api.async_delete_account(
            email, [&](std::error_code ec, ltx::no_content) { deletes.push_back(ec); });
        run();
    }
    REQUIRE(deletes.size() == 2);
    CHECK_FALSE(deletes[0]);
    CHECK(deletes[1] == ltx::errc::not_found);
    CHECK(api.list_accounts().size() == 1);

    // The coroutine form throws what the sync throwing form throws.
    auto f = api.async_delete_account("other@example.com", ::asio::use_future);
    run();
    CHECK_THROWS_AS(f.get(), ltx::api_error);
}
