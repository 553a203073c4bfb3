// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The simulator's configuration and its command line.
#ifndef LTX_SIM_OPTIONS_HPP
#define LTX_SIM_OPTIONS_HPP

#include <ltx/reflect/detail/text.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ltx::sim {

/// An LTX Studio account the simulator starts with.
struct account_config {
    std::string email;
    /// Credits; a job costs one credit per second of video.
    double credits = 100;
    /// Concurrent-job limit. The API caps it at 100 for `POST accounts`; the command line does
    /// not, so that load tests can run thousands of jobs on one account.
    int max_jobs = 20;
};

/// Everything the simulator can be told.
struct options {
    /// Address both listeners bind to.
    std::string host = "127.0.0.1";
    /// Port of the API listener; 0 lets the system pick one.
    std::uint16_t port = 0;
    /// Port of the storage listener (signed asset URLs); 0 lets the system pick one.
    std::uint16_t storage_port = 0;
    /// Accepted API tokens (`Authorization: Bearer <token>`).
    std::vector<std::string> tokens{"test-token"};
    /// The configured accounts.
    std::vector<account_config> accounts{{"sim@example.com", 100, 20}};
    /// Real time a job takes from 0 to 100 %. A job lasts 30 s of API time; the server's
    /// `pollForResult` polls every 3 s of API time, i.e. every `speed / 10` of real time.
    std::chrono::milliseconds speed{3000};
    /// Where uploads and the state snapshot live; empty keeps everything in memory.
    std::filesystem::path state_dir{};
    /// Directory holding the video artifacts (`video-<S>s-<W>x<H>.mp4`) and `start.png`.
    std::filesystem::path fixtures_dir{};
    /// Lifetime of signed asset URLs.
    std::chrono::seconds url_ttl{3600};
    /// A completed job reads `completed` without its artifact URL once, as the reference
    /// warns the real service may do.
    bool url_lag = true;
    /// Credits of accounts created by `POST accounts`.
    double new_account_credits = 100;
    /// The official LTX API: generations that may run at once per key (more is 429
    /// `concurrency_limit_error`).
    int lx_concurrency = 2;
    /// The official LTX API: how long a finished job's status and result stay readable.
    std::chrono::seconds lx_retention{24 * 3600};
    /// The official LTX API: generator requests allowed per minute (more is 429
    /// `rate_limit_error`); 0: no limit.
    int lx_rate_limit = 0;
    /// The official LTX API: credits, in seconds of output (a job that costs more than is left
    /// is 402 `insufficient_funds_error`); unset: unlimited.
    std::optional<std::int64_t> lx_credits{};

    // Fault injection, decided by a PRNG seeded with `seed`, in request order.
    /// Share of GET requests answered with a 5xx.
    double fail_rate = 0;
    /// Share of POST requests answered with a 5xx (before anything is created).
    double fail_post_rate = 0;
    /// Share of requests whose connection is closed without an answer.
    double drop_rate = 0;
    /// Delay before every API answer.
    std::chrono::milliseconds delay{0};
    /// The next N accepted `POST videos/ltx-create` answer 429 instead.
    int burst_429 = 0;
    /// Seed of the simulator's PRNGs (ids, signatures, faults); random when unset.
    std::optional<std::uint64_t> seed{};

    /// Stop after this long (0: run until a signal).
    std::chrono::seconds exit_after{0};
    /// Log one line per request.
    bool verbose = false;
    /// Where failed webhooks and, with `verbose`, requests are logged; null: nowhere.
    std::ostream* log = &std::cerr;
};

/// The `--help` text.
inline std::string_view usage() {
    return R"(usage: ltx-sim [options]
A local simulator of the LTX Studio API v1 (under / and /v1/ltxstudio/) and of the official
LTX API (/v1/<generator>, /v1/upload, /v2/...), on the same listeners and tokens. Prints
`listening on http://HOST:PORT` (the API) and `storage on http://HOST:PORT2` (signed asset
URLs), then serves until SIGINT/SIGTERM.

  --host ADDR            bind address (default 127.0.0.1)
  --port N               API port; 0 picks a free one (default 0)
  --storage-port N       storage port (default 0)
  --token T              accepted API token; repeatable (default test-token)
  --account E[:C[:M]]    account e-mail, credits, maxJobs; repeatable
                         (default sim@example.com:100:20)
  --speed MS             real time of a job from 0 to 100 % (default 3000; 0 = instant)
  --url-ttl SECONDS      lifetime of signed URLs (default 3600)
  --no-url-lag           report the artifact URL with the first `completed`
  --state-dir DIR        keep uploads and a state snapshot in DIR (default: memory)
  --fixtures DIR         directory of the video-*.mp4 artifacts and start.png
  --fail-rate R          share of GETs answered 5xx (0..1)
  --fail-post-rate R     share of POSTs answered 5xx (0..1)
  --drop-rate R          share of requests whose connection is dropped (0..1)
  --delay-ms MS          delay before every API answer
  --burst-429 N          the next N create requests get 429
  --seed N               seed of ids, signatures and faults
  --lx-concurrency N     official API: generations at once per key (default 2)
  --lx-retention SECONDS official API: life of a finished job and its result (default 86400)
  --lx-rate-limit N      official API: generator requests per minute, then 429
                         rate_limit_error (default 0, no limit)
  --lx-credits S         official API: credits in seconds of output, then 402
                         insufficient_funds_error (default unlimited)
  --exit-after SECONDS   stop after this long
  --verbose              log requests to stderr
  --help                 this text
)";
}

namespace detail {

template <class T> bool parse_number(std::string_view s, T& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

inline bool parse_rate(std::string_view s, double& out) {
    // from_chars for double is missing from some standard libraries this builds with.
    try {
        std::size_t used = 0;
        out = std::stod(std::string{s}, &used);
        return used == s.size() && out >= 0 && out <= 1;
    } catch (...) {
        return false;
    }
}

inline std::optional<account_config> parse_account(std::string_view s) {
    account_config a;
    const auto c1 = s.find(':');
    a.email = std::string{s.substr(0, c1)};
    if (!ltx::detail::is_email(a.email))
        return std::nullopt;
    if (c1 == std::string_view::npos)
        return a;
    auto rest = s.substr(c1 + 1);
    const auto c2 = rest.find(':');
    long long credits = 0;
    if (!parse_number(rest.substr(0, c2), credits) || credits < 0)
        return std::nullopt;
    a.credits = static_cast<double>(credits);
    if (c2 != std::string_view::npos &&
        (!parse_number(rest.substr(c2 + 1), a.max_jobs) || a.max_jobs < 1))
        return std::nullopt;
    return a;
}

} // namespace detail

/// The outcome of `parse_options`: options, or an error text; `help` when --help was given.
struct parsed_options {
    options value;
    std::string error;
    bool help = false;
};

/// Reads the command line (`args` without the program name).
inline parsed_options parse_options(const std::vector<std::string_view>& args) {
    parsed_options out;
    auto& o = out.value;
    bool tokens_given = false;
    bool accounts_given = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto arg = args[i];
        const auto fail = [&](std::string why) {
            out.error = std::string{arg} + ": " + why;
            return out;
        };
        if (arg == "--help" || arg == "-h") {
            out.help = true;
            return out;
        }
        if (arg == "--no-url-lag") {
            o.url_lag = false;
            continue;
        }
        if (arg == "--verbose") {
            o.verbose = true;
            continue;
        }
        static constexpr std::string_view with_value[] = {
            "--host",           "--port",         "--storage-port",  "--token",
            "--account",        "--speed",        "--delay-ms",      "--url-ttl",
            "--exit-after",     "--state-dir",    "--fixtures",      "--fail-rate",
            "--fail-post-rate", "--drop-rate",    "--burst-429",     "--seed",
            "--lx-concurrency", "--lx-retention", "--lx-rate-limit", "--lx-credits"};
        if (std::find(std::begin(with_value), std::end(with_value), arg) == std::end(with_value))
            return fail("unknown option");
        if (i + 1 >= args.size())
            return fail("needs a value");
        const auto v = args[++i];
        long long n = 0;
        if (arg == "--host") {
            o.host = std::string{v};
        } else if (arg == "--port" || arg == "--storage-port") {
            if (!detail::parse_number(v, n) || n < 0 || n > 65535)
                return fail("expected a port number, 0 to 65535");
            (arg == "--port" ? o.port : o.storage_port) = static_cast<std::uint16_t>(n);
        } else if (arg == "--token") {
            if (v.empty())
                return fail("a token cannot be empty");
            if (!tokens_given)
                o.tokens.clear();
            tokens_given = true;
            o.tokens.emplace_back(v);
        } else if (arg == "--account") {
            auto a = detail::parse_account(v);
            if (!a)
                return fail("expected EMAIL[:credits[:maxJobs]], maxJobs at least 1");
            if (!accounts_given)
                o.accounts.clear();
            accounts_given = true;
            o.accounts.push_back(std::move(*a));
        } else if (arg == "--speed" || arg == "--delay-ms") {
            if (!detail::parse_number(v, n) || n < 0)
                return fail("expected milliseconds, 0 or more");
            (arg == "--speed" ? o.speed : o.delay) = std::chrono::milliseconds{n};
        } else if (arg == "--url-ttl" || arg == "--exit-after") {
            if (!detail::parse_number(v, n) || n < (arg == "--url-ttl" ? 1 : 0))
                return fail("expected seconds");
            (arg == "--url-ttl" ? o.url_ttl : o.exit_after) = std::chrono::seconds{n};
        } else if (arg == "--state-dir") {
            o.state_dir = std::filesystem::path{std::string{v}};
        } else if (arg == "--fixtures") {
            o.fixtures_dir = std::filesystem::path{std::string{v}};
        } else if (arg == "--fail-rate" || arg == "--fail-post-rate" || arg == "--drop-rate") {
            double r = 0;
            if (!detail::parse_rate(v, r))
                return fail("expected a share from 0 to 1");
            (arg == "--fail-rate"   ? o.fail_rate
             : arg == "--drop-rate" ? o.drop_rate
                                    : o.fail_post_rate) = r;
        } else if (arg == "--burst-429") {
            if (!detail::parse_number(v, o.burst_429) || o.burst_429 < 0)
                return fail("expected a count");
        } else if (arg == "--lx-concurrency") {
            if (!detail::parse_number(v, o.lx_concurrency) || o.lx_concurrency < 1)
                return fail("expected a count, 1 or more");
        } else if (arg == "--lx-retention") {
            if (!detail::parse_number(v, n) || n < 1)
                return fail("expected seconds");
            o.lx_retention = std::chrono::seconds{n};
        } else if (arg == "--lx-rate-limit") {
            if (!detail::parse_number(v, o.lx_rate_limit) || o.lx_rate_limit < 0)
                return fail("expected a count, 0 or more");
        } else if (arg == "--lx-credits") {
            if (!detail::parse_number(v, n) || n < 0)
                return fail("expected seconds, 0 or more");
            o.lx_credits = n;
        } else if (arg == "--seed") {
            std::uint64_t s = 0;
            if (!detail::parse_number(v, s))
                return fail("expected an unsigned integer");
            o.seed = s;
        }
    }
    return out;
}

} // namespace ltx::sim

#endif
