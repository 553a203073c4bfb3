// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx-sim: a local simulator of the LTX Studio API v1. See `ltx-sim --help`.
#include "sim/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

// Where the fixtures are when --fixtures does not say: beside an installed program
// (<prefix>/share/ltx-sim), beside a built one (fixtures/), then the source tree.
std::filesystem::path default_fixtures(const char* argv0) {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        exe = std::filesystem::absolute(argv0, ec);
    const auto dir = exe.parent_path();
    for (const auto& candidate : {dir / ".." / "share" / "ltx-sim", dir / "fixtures"})
        if (std::filesystem::exists(candidate / "start.png", ec))
            return candidate;
#ifdef LTX_SIM_FIXTURES_DIR
    return LTX_SIM_FIXTURES_DIR;
#else
    return dir / "fixtures";
#endif
}

// Each connection is a descriptor: lift the soft limit to the hard one so that thousands of
// concurrent clients (a load test) do not run the simulator out of them.
void raise_descriptor_limit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    auto parsed = ltx::sim::parse_options(args);
    if (parsed.help) {
        std::cout << ltx::sim::usage();
        return 0;
    }
    if (!parsed.error.empty()) {
        std::cerr << "ltx-sim: " << parsed.error << "\n" << ltx::sim::usage();
        return 2;
    }
    auto& opts = parsed.value;
    if (opts.fixtures_dir.empty())
        opts.fixtures_dir = default_fixtures(argv[0]);
    raise_descriptor_limit();
    try {
        ltx::sim::server sim{opts};
        boost::asio::signal_set signals{sim.io(), SIGINT, SIGTERM};
        signals.async_wait([&sim](const boost::system::error_code& ec, int) {
            if (!ec)
                sim.stop();
        });
        boost::asio::steady_timer deadline{sim.io()};
        if (opts.exit_after.count() > 0) {
            deadline.expires_after(opts.exit_after);
            deadline.async_wait([&sim](const boost::system::error_code& ec) {
                if (!ec)
                    sim.stop();
            });
        }
        std::cout << "listening on " << sim.api_url() << "\n"
                  << "storage on " << sim.storage_url() << std::endl;
        sim.run();
        sim.save_state();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}
