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
    std::ifstream got{out, std::ios::binary}, want{o.fixtures_dir / "sample.mp4", std::ios::binary};
    const std::string got_bytes{std::istreambuf_iterator<char>{got}, {}};
    const std::string want_bytes{std::istreambuf_iterator<char>{want}, {}};
    CHECK(got_bytes == want_bytes);
    CHECK(size == want_bytes.size());
    std::filesystem::remove(out);

    const auto seen = sim->storage_requests();
    REQUIRE_FALSE(seen.empty());
    for (const auto& r : seen) {
        CHECK(r.headers.count("authorization") == 0);
        for (const auto& [name, value] : r.headers)
            CHECK(value.find("test-token") == std::string::npos);
    }
    CHECK(sim->stats().jobsCreated == 1);
}
