// The `ltx` command line run in-process over the scripted mock transport, with a scripted
// environment and clock; every output is checked to hold no secret.
#ifndef LTX_TESTS_TOOLS_HARNESS_HPP
#define LTX_TESTS_TOOLS_HARNESS_HPP

#include "../../tools/ltx/run.hpp"

#include <ltx/testing/manual_clock.hpp>
#include <ltx/testing/mock_transport.hpp>

#include "../secrets.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace ltx_cli_test {

struct cli_result {
    int rc;
    std::string out, err;
};

struct harness {
    ltx::testing::mock_transport mock;
    std::map<std::string, std::string> env_vars{{"USEAPI_TOKEN", "tok-SECRET-cli"},
                                                {"LTXV_API_KEY", "key-SECRET-lx"}};
    bool terminal = false;
    // A scripted clock: each reading is `tick` later than the one before.
    std::chrono::steady_clock::time_point clock{};
    std::chrono::milliseconds tick{0};

    cli_result run(std::vector<std::string> args) {
        args.insert(args.begin(), "ltx");
        args.push_back("--base-url");
        args.push_back("http://127.0.0.1:9/v1/ltxstudio/");
        std::vector<const char*> argv;
        for (const auto& a : args)
            argv.push_back(a.c_str());
        std::ostringstream out, err;
        ltx_cli::environment env{out, err, terminal,
                                 [&](const char* n) -> std::optional<std::string> {
                                     auto it = env_vars.find(n);
                                     if (it == env_vars.end())
                                         return std::nullopt;
                                     return it->second;
                                 },
                                 [&] { return clock += tick; }};
        const int rc =
            ltx_cli::run(static_cast<int>(argv.size()), argv.data(), env,
                         [&](const ltx_cli::settings& s, auto&& f) {
                             auto cfg = s.config;
                             cfg.retry.initial_backoff = std::chrono::milliseconds{0};
                             // Simulated time: the waits' pauses take none.
                             ltx::basic_client c{mock, cfg, ltx::testing::manual_clock{}};
                             return f(c);
                         });
        ltx_test::record_output("tools", out.str());
        ltx_test::record_output("tools", err.str());
        CHECK(out.str().find("SECRET") == std::string::npos);
        CHECK(err.str().find("SECRET") == std::string::npos);
        return {rc, out.str(), err.str()};
    }
};

} // namespace ltx_cli_test

#endif
