// ltx-sim holds ten thousand concurrent jobs: each is a small record whose progress comes from
// its timestamps, with no timer of its own.
#include "../../tools/ltx-sim/sim/server.hpp"
#include "../../tools/ltx-sim/sim/store.hpp"

#include "support.hpp"

#include <ltx/ltx.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace sim_test;

static_assert(sizeof(ltx::sim::job_rec) <= 48, "a job record stays small");

TEST_CASE("ltx-sim: 10,000 concurrent jobs, created over HTTP, all completing") {
    constexpr int jobs = 10'000;
    auto o = test_options();
    // Hours, so that the real time spent creating the jobs (long under sanitizers) moves
    // progress by well under one percent.
    o.speed = std::chrono::hours{10};
    o.accounts = {{"load@example.com", 1e9, jobs}};
    ltx::sim::background_server sim{o};
    client c{sim->api_port()};
    ltx::ltx_create_request req;
    req.prompt = "Load";
    req.startAssetId = upload_png(c);
    const auto body = ltx::reflect::to_json(req);

    std::vector<std::string> ids;
    ids.reserve(jobs);
    for (int i = 0; i < jobs; ++i) {
        const auto r = c.post("/videos/ltx-create", body);
        REQUIRE(r.result_int() == 200);
        ids.push_back(decode<ltx::job>(r).jobId.value());
    }
    CHECK(sim->stats().jobsActive == jobs);
    const auto over = c.post("/videos/ltx-create", body);
    CHECK(over.result_int() == 429);

    sim->advance_clock(std::chrono::hours{5});
    for (const auto i : {0, jobs / 2, jobs - 1}) {
        const auto j = decode<ltx::job>(c.get(target<ltx::endpoints::get_job>({ids[i]})));
        CHECK(ltx::state_of(j) == ltx::job_state::active);
        REQUIRE(j.status->progress.has_value());
        CHECK(*j.status->progress >= 49);
        CHECK(*j.status->progress <= 51);
    }
    sim->advance_clock(std::chrono::hours{5});
    CHECK(sim->stats().jobsActive == 0);
    const auto page = decode<ltx::asset_page>(c.get("/assets/?filter=videos&limit=1"));
    CHECK(page.meta->totalItems == jobs);
    for (const auto i : {0, jobs - 1}) {
        const auto t = target<ltx::endpoints::get_job>({ids[i]});
        decode<ltx::job>(c.get(t)); // the one read without URL
        CHECK(ltx::is_done(decode<ltx::job>(c.get(t))));
    }
}
