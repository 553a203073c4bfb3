// The library's client over its Asio transport against ltx-sim: the whole workflow, what
// reaches the storage listener, the client's own validation, and the client riding out the
// simulator's injected faults, and ten thousand jobs waited at once by one client on one thread.
#include "../../tools/ltx-sim/sim/server.hpp"

#include "support.hpp"

#include <ltx/asio.hpp>
#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <vector>

using namespace sim_test;
using namespace std::chrono_literals;

namespace {

using api_client = ltx::basic_client<ltx::asio::transport>;

ltx::wait_options quick_wait() {
    ltx::wait_options w;
    w.interval = 20ms;
    w.backoff = 1.0;
    w.timeout = 60s;
    return w;
}

std::filesystem::path temp_path(const std::string& name) {
    return std::filesystem::temp_directory_path() /
           ("ltx-sim-" + std::to_string(std::random_device{}()) + "-" + name);
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream f{p, std::ios::binary};
    return {std::istreambuf_iterator<char>{f}, std::istreambuf_iterator<char>{}};
}

// Raises the soft limit of open files to the hard one when it is below `need`, as ltx-sim's
// main does; false when even the hard limit is below `need`.
bool raise_descriptor_limit(rlim_t need) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return false;
    if (lim.rlim_cur >= need)
        return true;
    if (lim.rlim_max < need)
        return false;
    lim.rlim_cur = lim.rlim_max;
    return ::setrlimit(RLIMIT_NOFILE, &lim) == 0;
}

// A transport for at most `max_connections` connections to one host, further exchanges queued
// in order by the transport itself, and every connection kept for reuse: a connection closed
// after each exchange would leave its port in TIME_WAIT, and tens of thousands of exchanges
// would run out of ephemeral ports. Without the cap, ten thousand concurrent jobs would open
// ten thousand client sockets, and as many on the simulator's side, in this one process.
ltx::asio::transport_options load_transport_options(std::size_t max_connections) {
    ltx::asio::transport_options t;
    t.max_connections_per_host = max_connections;
    t.max_idle_per_host = max_connections;
    return t;
}

} // namespace

TEST_CASE("ltx client + ltx-sim: upload, create, wait, download, no token reaches storage") {
    auto o = test_options();
    o.speed = 300ms;
    ltx::sim::background_server sim{o};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    api_client api{http, config_for(sim)};

    const auto uploaded = api.upload_file(o.fixtures_dir / "start.png");
    REQUIRE_FALSE(uploaded.asset.fileId.empty());
    CHECK(uploaded.asset.mimeType == "image/png");
    ltx::ltx_create_request req;
    req.prompt = "A serene landscape with flowing water";
    req.startAssetId = uploaded.asset.fileId;
    req.duration = ltx::duration::s5;
    const auto created = api.create_video(req);
    REQUIRE_FALSE(created.jobId.empty());

    std::vector<int> progress;
    auto w = quick_wait();
    w.on_progress = [&](const ltx::job& j) {
        if (j.status && j.status->progress)
            progress.push_back(*j.status->progress);
    };
    const auto done = api.wait(created.jobId, w);
    CHECK(ltx::is_done(done));
    CHECK(progress.size() >= 3);
    CHECK(std::is_sorted(progress.begin(), progress.end()));

    const auto out = temp_path("out.mp4");
    api.download(done, out);
    CHECK(slurp(out) == video_fixture(5));
    std::filesystem::remove(out);

    const auto seen = sim->storage_requests();
    REQUIRE_FALSE(seen.empty());
    for (const auto& r : seen) {
        CAPTURE(r.target);
        CHECK(r.headers.count("authorization") == 0);
        for (const auto& [name, value] : r.headers)
            CHECK(value.find(sim_token) == std::string::npos);
    }

    const auto account = api.get_account("sim@example.com");
    CHECK(account.balance->LTXStudio_token == 95);
    const auto page = api.list_assets({.filter = ltx::asset_filter::videos});
    CHECK(page.meta->totalItems == 1);
}

TEST_CASE("ltx client + ltx-sim: what the client refuses never reaches the simulator, what the "
          "simulator refuses comes back as api_error") {
    ltx::sim::background_server sim{test_options()};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    api_client api{http, config_for(sim)};
    ltx::ltx_create_request bad;
    bad.prompt = "p";
    bad.pollForResult = 30;
    CHECK_THROWS_AS(api.create_video(bad), ltx::validation_error);
    CHECK(sim->stats().requests == 0);

    ltx::ltx_create_request unknown_asset;
    unknown_asset.prompt = "p";
    unknown_asset.startAssetId = "asset:00000000-0000-4000-8000-000000000000-type:image/png";
    try {
        api.create_video(unknown_asset);
        FAIL("no error");
    } catch (const ltx::api_error& e) {
        CHECK(e.code() == ltx::errc::bad_request);
        CHECK(e.status() == 400);
        CHECK(e.server_message() == "startAssetId: no image asset has this fileId");
    }
    try {
        api.get_job("email:sim@example.com:00000000-0000-4000-8000-000000000000-type:video");
        FAIL("no error");
    } catch (const ltx::api_error& e) {
        CHECK(e.code() == ltx::errc::not_found);
    }
    auto wrong = config_for(sim);
    wrong.token = "wrong-SECRET-token";
    api_client stranger{http, wrong};
    try {
        stranger.list_assets();
        FAIL("no error");
    } catch (const ltx::api_error& e) {
        CHECK(e.code() == ltx::errc::unauthorized);
        ltx_test::record_output("sim", e.what());
        CHECK(std::string{e.what()}.find(wrong.token) == std::string::npos);
    }
}

TEST_CASE("ltx client + ltx-sim: list and delete accounts, list and untrack running jobs") {
    auto o = test_options();
    o.speed = std::chrono::hours{1};
    o.accounts = {{"sim@example.com", 100, 20}, {"other@example.com", 100, 3}};
    ltx::sim::background_server sim{o};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    api_client api{http, config_for(sim)};
    const auto file_id =
        api.upload_file(o.fixtures_dir / "start.png", {.email = "sim@example.com"}).asset.fileId;
    ltx::ltx_create_request req;
    req.email = "sim@example.com";
    req.prompt = "Waves";
    req.startAssetId = file_id;

    // Throwing forms.
    const auto all = api.list_accounts();
    REQUIRE(all.size() == 2);
    CHECK(all.at("other@example.com").maxJobs == 3);
    CHECK(api.list_scheduled_jobs().empty());
    const auto first = api.create_video(req).jobId;
    const auto running = api.list_scheduled_jobs();
    REQUIRE(running.size() == 1);
    CHECK(running[0].jobId == first);
    CHECK(running[0].email == "sim@example.com");
    api.cancel_scheduled_job(first);
    CHECK(api.list_scheduled_jobs().empty());
    CHECK(ltx::state_of(api.get_job(first)) == ltx::job_state::active); // the job goes on
    try {
        api.cancel_scheduled_job(first);
        FAIL("no error");
    } catch (const ltx::api_error& e) {
        CHECK(e.code() == ltx::errc::not_found);
        CHECK(e.server_message() == "Unable to locate running jobId " + first);
    }
    api.delete_account("other@example.com");
    CHECK(api.list_accounts().size() == 1);
    CHECK_THROWS_AS(api.delete_account("other@example.com"), ltx::api_error);
    CHECK_THROWS_AS(api.delete_account("not an e-mail"), ltx::validation_error);

    // error_code forms.
    std::error_code ec;
    ltx::diagnostics d;
    const auto second = api.create_video(req).jobId;
    const auto listed = api.list_scheduled_jobs(ec, d);
    CHECK_FALSE(ec);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].jobId == second);
    api.cancel_scheduled_job(second, ec, d);
    CHECK_FALSE(ec);
    CHECK(d.status == 204);
    api.cancel_scheduled_job(second, ec, d);
    CHECK(ec == ltx::errc::not_found);
    CHECK(d.status == 404);
    CHECK(api.list_accounts(ec, d).size() == 1);
    CHECK_FALSE(ec);
    api.delete_account("other@example.com", ec, d);
    CHECK(ec == ltx::errc::not_found);
    CHECK(d.server_message == "Account configuration not found for the specified email address.");
    api.delete_account("sim@example.com", ec, d);
    CHECK_FALSE(ec);
    CHECK(api.list_accounts(ec, d).empty());
    CHECK(ec == ltx::errc::not_found);
    CHECK(d.server_message ==
          "Configuration not found. To create configuration use POST /accounts.");
}

TEST_CASE("ltx client + ltx-sim: 30% 5xx on GETs and a burst of 429 are ridden out, one job") {
    auto o = test_options();
    o.speed = 200ms;
    o.fail_rate = 0.3;
    o.burst_429 = 2;
    o.seed = 11;
    ltx::sim::background_server sim{o};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    api_client api{http, config_for(sim)};
    ltx::ltx_create_request req;
    req.prompt = "Waves";
    req.startAssetId = api.upload_file(o.fixtures_dir / "start.png").asset.fileId;
    const auto created = api.create_video(req);
    const auto done = api.wait(created.jobId, quick_wait());
    CHECK(ltx::is_done(done));
    const auto stats = sim->stats();
    CHECK(stats.jobsCreated == 1);
    CHECK(stats.rejected429 == 2);
    CHECK(stats.injected5xx > 0);
}

// Client and simulator share this process: each connection costs two descriptors. Below that
// hard limit of open files (RLIMIT_NOFILE) the case is skipped, and doctest says so.
constexpr std::size_t load_connections = 256;

TEST_CASE("ltx client + ltx-sim: 10,000 jobs created and waited concurrently, async, one thread" *
          doctest::skip(!raise_descriptor_limit(2 * load_connections + 64))) {
    constexpr int jobs = 10'000;
    constexpr std::size_t max_connections = load_connections;
    auto o = test_options();
    // Jobs never end by real time, however slow the build: once the last one is created (all
    // active at once), the test moves the simulator's clock past their end, and every wait
    // finds its job done at its next poll.
    o.speed = std::chrono::hours{10};
    o.url_lag = false; // one poll fewer per job; the lag has tests of its own
    o.accounts = {{"load@example.com", 1e9, jobs}};
    ltx::sim::background_server sim{o};
    ::asio::io_context io{1};
    ltx::asio::transport http{io.get_executor(), load_transport_options(max_connections)};
    auto cfg = config_for(sim);
    // An exchange's time limit includes its wait for a connection: ten thousand creates queue
    // behind a few hundred connections, longer than the default minute under sanitizers.
    cfg.request_timeout = std::chrono::minutes{10};
    api_client api{http, cfg};
    std::size_t peak_open = 0, peak_waiting = 0;
    ltx::ltx_create_request req;
    req.prompt = "Load";
    req.startAssetId = api.upload_file(o.fixtures_dir / "start.png").asset.fileId;

    int created = 0, create_failed = 0, completed = 0, failed = 0;
    std::uint64_t peak_active = 0;
    auto w = quick_wait();
    w.interval = 500ms;
    w.timeout = 10min;
    const auto t0 = std::chrono::steady_clock::now();
    auto all_created = t0;
    for (int i = 0; i < jobs; ++i)
        api.async_create_video(req, [&](std::error_code ec, ltx::ltx_create_response j) {
            ec ? ++create_failed : ++created;
            if (created + create_failed == jobs) {
                peak_active = sim->stats().jobsActive; // every job created, none finished
                sim->advance_clock(o.speed);
                all_created = std::chrono::steady_clock::now();
            }
            if (ec)
                return;
            api.async_wait(j.jobId, w, [&](std::error_code e, ltx::job done) {
                ++(!e && ltx::is_done(done) ? completed : failed);
            });
        });
    while (completed + failed + create_failed < jobs && !io.stopped() &&
           std::chrono::steady_clock::now() - t0 < 240s) {
        io.run_for(20ms);
        const auto t = http.stats();
        peak_open = std::max(peak_open, t.open_connections);
        peak_waiting = std::max(peak_waiting, t.waiting_exchanges);
    }
    const auto stats = sim->stats();
    const auto ms = [&](auto t) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(t - t0).count();
    };
    MESSAGE(jobs << " jobs in " << ms(std::chrono::steady_clock::now()) << " ms, all created after "
                 << ms(all_created) << " ms; " << peak_active << " active at once; "
                 << stats.requests << " API requests over " << stats.connections
                 << " connections, at most " << peak_open << " open and " << peak_waiting
                 << " waiting for one");
    CHECK(create_failed == 0);
    CHECK(failed == 0);
    CHECK(completed == jobs);
    CHECK(peak_active == jobs);
    CHECK(stats.jobsCreated == jobs);
    CHECK(stats.jobsActive == 0);
    CHECK(peak_open <= max_connections);
    CHECK(peak_waiting > 0); // the cap was reached: the queue, not the sockets, held the jobs
    CHECK(stats.connections <= 2 * max_connections); // kept alive and reused, not one per call
}
