// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The simulator's configuration and its command line.
#ifndef LTX_SIM_OPTIONS_HPP
#define LTX_SIM_OPTIONS_HPP

#include <ltx/reflect/detail/text.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <limits>
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

/// Reads the command line (`args` without the program name) with CLI11. Every refused value
/// is a check of its option, so an error reads `--option: why`; an unknown option or a stray
/// argument reads `ARG: unknown option`, a missing value `--option: needs a value`.
inline parsed_options parse_options(const std::vector<std::string_view>& args) {
    parsed_options out;
    auto& o = out.value;
    CLI::App app{"ltx-sim: a local simulator of the LTX Studio API v1", "ltx-sim"};
    app.set_help_flag("-h,--help", "this text");
    app.allow_extras();

    // A check that `parse` accepts the text; `why` is the error after `--option: `.
    const auto check = [](auto parse, std::string why) {
        return CLI::Validator{
            [parse, why](std::string& text) { return parse(text) ? std::string{} : why; }, "", ""};
    };
    const auto whole = [](long long min, long long max) {
        return [min, max](const std::string& text) {
            long long n = 0;
            return detail::parse_number(text, n) && n >= min && n <= max;
        };
    };
    constexpr long long unbounded = std::numeric_limits<long long>::max();
    const auto to_whole = [](const std::string& text) {
        long long n = 0;
        detail::parse_number(text, n);
        return n;
    };
    const auto share = [](const std::string& text) {
        double r = 0;
        return detail::parse_rate(text, r);
    };
    const auto to_share = [](const std::string& text) {
        double r = 0;
        detail::parse_rate(text, r);
        return r;
    };
    // An option with one value, checked, then stored by `store`.
    const auto add = [&](std::string name, auto store, CLI::Validator validator) {
        app.add_option_function<std::string>(std::move(name), std::move(store))
            ->check(std::move(validator))
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    };

    add(
        "--host", [&](const std::string& v) { o.host = v; }, CLI::Validator{});
    const auto port = check(whole(0, 65535), "expected a port number, 0 to 65535");
    add(
        "--port", [&](const std::string& v) { o.port = static_cast<std::uint16_t>(to_whole(v)); },
        port);
    add(
        "--storage-port",
        [&](const std::string& v) { o.storage_port = static_cast<std::uint16_t>(to_whole(v)); },
        port);
    std::vector<std::string> tokens;
    app.add_option("--token", tokens)
        ->check(check([](const std::string& t) { return !t.empty(); }, "a token cannot be empty"));
    std::vector<std::string> accounts;
    app.add_option("--account", accounts)
        ->check(check([](const std::string& a) { return detail::parse_account(a).has_value(); },
                      "expected EMAIL[:credits[:maxJobs]], maxJobs at least 1"));
    const auto millis = check(whole(0, unbounded), "expected milliseconds, 0 or more");
    add(
        "--speed", [&](const std::string& v) { o.speed = std::chrono::milliseconds{to_whole(v)}; },
        millis);
    add(
        "--delay-ms",
        [&](const std::string& v) { o.delay = std::chrono::milliseconds{to_whole(v)}; }, millis);
    add(
        "--url-ttl", [&](const std::string& v) { o.url_ttl = std::chrono::seconds{to_whole(v)}; },
        check(whole(1, unbounded), "expected seconds"));
    add(
        "--exit-after",
        [&](const std::string& v) { o.exit_after = std::chrono::seconds{to_whole(v)}; },
        check(whole(0, unbounded), "expected seconds"));
    add(
        "--state-dir", [&](const std::string& v) { o.state_dir = std::filesystem::path{v}; },
        CLI::Validator{});
    add(
        "--fixtures", [&](const std::string& v) { o.fixtures_dir = std::filesystem::path{v}; },
        CLI::Validator{});
    const auto rate = check(share, "expected a share from 0 to 1");
    add(
        "--fail-rate", [&](const std::string& v) { o.fail_rate = to_share(v); }, rate);
    add(
        "--fail-post-rate", [&](const std::string& v) { o.fail_post_rate = to_share(v); }, rate);
    add(
        "--drop-rate", [&](const std::string& v) { o.drop_rate = to_share(v); }, rate);
    const int int_max = std::numeric_limits<int>::max();
    add(
        "--burst-429", [&](const std::string& v) { o.burst_429 = static_cast<int>(to_whole(v)); },
        check(whole(0, int_max), "expected a count"));
    add(
        "--lx-concurrency",
        [&](const std::string& v) { o.lx_concurrency = static_cast<int>(to_whole(v)); },
        check(whole(1, int_max), "expected a count, 1 or more"));
    add(
        "--lx-retention",
        [&](const std::string& v) { o.lx_retention = std::chrono::seconds{to_whole(v)}; },
        check(whole(1, unbounded), "expected seconds"));
    add(
        "--lx-rate-limit",
        [&](const std::string& v) { o.lx_rate_limit = static_cast<int>(to_whole(v)); },
        check(whole(0, int_max), "expected a count, 0 or more"));
    add(
        "--lx-credits", [&](const std::string& v) { o.lx_credits = to_whole(v); },
        check(whole(0, unbounded), "expected seconds, 0 or more"));
    add(
        "--seed",
        [&](const std::string& v) {
            std::uint64_t s = 0;
            detail::parse_number(v, s);
            o.seed = s;
        },
        check(
            [](const std::string& v) {
                std::uint64_t s = 0;
                return detail::parse_number(v, s);
            },
            "expected an unsigned integer"));
    app.add_flag_callback("--no-url-lag", [&] { o.url_lag = false; });
    app.add_flag_callback("--verbose", [&] { o.verbose = true; });

    // CLI11 takes the arguments last first.
    std::vector<std::string> reversed;
    reversed.reserve(args.size());
    for (auto it = args.rbegin(); it != args.rend(); ++it)
        reversed.emplace_back(*it);
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        out.help = true;
        return out;
    } catch (const CLI::ArgumentMismatch& e) {
        const std::string_view what = e.what();
        out.error = std::string{what.substr(0, what.find(':'))};
        out.error += ": needs a value";
        return out;
    } catch (const CLI::ParseError& e) {
        out.error = e.what();
        return out;
    }
    if (const auto extras = app.remaining(); !extras.empty()) {
        out.error = extras.front();
        out.error += ": unknown option";
        return out;
    }
    if (!tokens.empty())
        o.tokens = std::move(tokens);
    if (!accounts.empty()) {
        o.accounts.clear();
        for (const auto& a : accounts)
            o.accounts.push_back(*detail::parse_account(a));
    }
    return out;
}

} // namespace ltx::sim

#endif
