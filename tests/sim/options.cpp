// ltx-sim's command line.
#include "../../tools/ltx-sim/sim/options.hpp"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

using ltx::sim::parse_options;

TEST_CASE("ltx-sim options: defaults") {
    const auto p = parse_options({});
    REQUIRE(p.error.empty());
    CHECK_FALSE(p.help);
    const auto& o = p.value;
    CHECK(o.port == 0);
    CHECK(o.tokens == std::vector<std::string>{"test-token"});
    REQUIRE(o.accounts.size() == 1);
    CHECK(o.accounts[0].email == "sim@example.com");
    CHECK(o.accounts[0].credits == 100);
    CHECK(o.accounts[0].max_jobs == 20);
    CHECK(o.speed == std::chrono::milliseconds{3000});
    CHECK(o.state_dir.empty());
    CHECK(o.fail_rate == 0);
    CHECK_FALSE(o.seed);
}

TEST_CASE("ltx-sim options: every option") {
    const auto p = parse_options({"--port",           "8080",
                                  "--storage-port",   "8081",
                                  "--token",          "a",
                                  "--token",          "b",
                                  "--account",        "x@example.com",
                                  "--account",        "y@example.com:5:3",
                                  "--speed",          "0",
                                  "--state-dir",      "/tmp/s",
                                  "--fail-rate",      "0.3",
                                  "--fail-post-rate", "0.1",
                                  "--drop-rate",      "0.05",
                                  "--delay-ms",       "20",
                                  "--burst-429",      "2",
                                  "--seed",           "99",
                                  "--exit-after",     "5",
                                  "--url-ttl",        "60",
                                  "--no-url-lag",     "--verbose",
                                  "--host",           "::1",
                                  "--fixtures",       "/f"});
    REQUIRE(p.error.empty());
    const auto& o = p.value;
    CHECK(o.port == 8080);
    CHECK(o.storage_port == 8081);
    CHECK(o.tokens == std::vector<std::string>{"a", "b"});
    REQUIRE(o.accounts.size() == 2);
    CHECK(o.accounts[0].credits == 100);
    CHECK(o.accounts[1].email == "y@example.com");
    CHECK(o.accounts[1].credits == 5);
    CHECK(o.accounts[1].max_jobs == 3);
    CHECK(o.speed.count() == 0);
    CHECK(o.state_dir == "/tmp/s");
    CHECK(o.fail_rate == 0.3);
    CHECK(o.fail_post_rate == 0.1);
    CHECK(o.drop_rate == 0.05);
    CHECK(o.delay.count() == 20);
    CHECK(o.burst_429 == 2);
    CHECK(o.seed == 99u);
    CHECK(o.exit_after.count() == 5);
    CHECK(o.url_ttl.count() == 60);
    CHECK_FALSE(o.url_lag);
    CHECK(o.verbose);
    CHECK(o.host == "::1");
    CHECK(o.fixtures_dir == "/f");
}

TEST_CASE("ltx-sim options: errors name the option") {
    for (const auto& args :
         std::vector<std::vector<std::string_view>>{{"--port", "70000"},
                                                    {"--port"},
                                                    {"--fail-rate", "1.5"},
                                                    {"--fail-rate", "x"},
                                                    {"--account", "not-an-email"},
                                                    {"--account", "a@example.com:x"},
                                                    {"--account", "a@example.com:5:0"},
                                                    {"--speed", "-1"},
                                                    {"--token", ""},
                                                    {"--frobnicate", "1"},
                                                    {"--frobnicate"},
                                                    {"--seed"},
                                                    {"stray"}}) {
        const auto p = parse_options(args);
        CAPTURE(args[0]);
        CHECK_FALSE(p.error.empty());
        CHECK(p.error.starts_with(std::string{args[0]}));
    }
    CHECK(parse_options({"--frobnicate"}).error == "--frobnicate: unknown option");
    CHECK(parse_options({"--seed"}).error == "--seed: needs a value");
    CHECK(parse_options({"--help"}).help);
}
