// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The `ltx` command line over the library's public API. `run` is independent of the
// transport, so tests drive it with a scripted one and `main` with the Asio transport.
#ifndef LTX_TOOLS_LTX_CLI_HPP
#define LTX_TOOLS_LTX_CLI_HPP

#include "dry_run.hpp"
#include "options.hpp"
#include "progress.hpp"

#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace ltx_cli {

/// Exit codes, as documented in `ltx --help`.
enum exit_code : int {
    exit_ok = 0,         ///< done
    exit_bad_input = 2,  ///< bad arguments, invalid request, unreadable file
    exit_api = 3,        ///< the API refused or answered unexpectedly
    exit_network = 4,    ///< network or TLS failure
    exit_job_failed = 5, ///< the job failed
};

/// The exit code for a failure.
inline int exit_code_for(std::error_code ec) {
    if (ec == ltx::errc::invalid_request || ec == ltx::errc::file_error)
        return exit_bad_input;
    if (ec == ltx::errc::job_failed)
        return exit_job_failed;
    if (ec.category() == ltx::error_category())
        return exit_api;
    return exit_network;
}

/// Where the program reads and writes.
struct environment {
    std::ostream& out;
    std::ostream& err;
    bool terminal = false;
    std::function<std::optional<std::string>(const char*)> getenv = [](const char* n) {
        const char* v = std::getenv(n);
        return v ? std::optional<std::string>{v} : std::nullopt;
    };
    /// The clock of the progress displays.
    clock_fn now = [] { return std::chrono::steady_clock::now(); };
};

/// What `main` provides: a client factory over the real transport, called once the base
/// URL and token are known.
struct settings {
    ltx::config config;
    bool json = false;
    bool dry_run = false;
    bool quiet = false;
};

/// Runs the command line; `with_client(settings, f)` must call `f` with a client over the
/// real transport (`f` is generic over the client type) and return what it returns.
template <class WithClient>
int run(int argc, const char* const* argv, environment env, WithClient with_client);

namespace detail {

inline void print_error(environment& env, const settings& s, std::error_code ec,
                        const ltx::diagnostics& d) {
    if (s.json) {
        boost::json::object o;
        o["error"] = d.to_string(ec);
        o["exit"] = exit_code_for(ec);
        if (d.status != 0)
            o["status"] = d.status;
        env.out << boost::json::serialize(o) << "\n";
        return;
    }
    env.err << "ltx: " << d.to_string(ec) << "\n";
}

inline std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace detail

} // namespace ltx_cli

#include "commands.hpp"

#endif
