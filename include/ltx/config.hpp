// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_CONFIG_HPP
#define LTX_CONFIG_HPP

#include <ltx/detail/config.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ltx {

/// When and how often the client sends a request again.
///
/// Requests that are safe to repeat (every GET, `POST accounts`) are retried on 408, 429,
/// 5xx and transport failures, except a cancellation and a TLS failure
/// (`ltx::http::is_tls_failure`: a refused certificate is refused again). A request that creates a
/// paid job or an asset is re-sent only when it certainly was not accepted: a 429 (documented as
/// "not accepted"), or a connection that failed before any byte of the request was written. After
/// any other failure it is never re-sent and the call fails with `ltx::errc::outcome_unknown`.
struct retry_policy {
    /// Attempts in all, the first included; 1 disables retries.
    int max_attempts = 4;
    /// The backoff before the second attempt; it grows by `multiplier` each time.
    std::chrono::milliseconds initial_backoff{500};
    /// Growth of the backoff between attempts.
    double multiplier = 2.0;
    /// The backoff never exceeds this. Each wait is drawn uniformly from [0, backoff]
    /// ("full jitter"), so many clients do not retry in step.
    std::chrono::milliseconds max_backoff{30'000};
    /// A server's `Retry-After` (seconds or HTTP-date) is obeyed up to this; when it asks for
    /// longer, the call fails at once instead.
    std::chrono::milliseconds max_retry_after{120'000};
};

/// Everything the client needs to reach the API. Printing it never shows the token.
struct config {
    /// The useapi.net API token, sent as `Authorization: Bearer` to the API host only.
    std::string token{};
    /// The API's base URL; the endpoint paths are resolved against it.
    std::string base_url = "https://api.useapi.net/v1/ltxstudio/";
    /// The LTX Studio account; used as the `email` of every request that takes one and
    /// leaves it unset.
    std::optional<std::string> email{};
    /// Retries of single requests.
    retry_policy retry{};
    /// Time limit of each HTTP exchange; zero leaves it to the transport.
    std::chrono::milliseconds request_timeout{60'000};
    /// The User-Agent header.
    std::string user_agent = "ltx/0.1";
    /// Seed of the retry jitter; zero draws one from std::random_device.
    std::uint64_t jitter_seed = 0;
};

/// Prints the configuration with the token redacted.
inline std::ostream& operator<<(std::ostream& os, const config& c) {
    os << "ltx::config{token=" << (c.token.empty() ? "<none>" : "<redacted>")
       << ", base_url=" << c.base_url << ", email=" << c.email.value_or("<none>")
       << ", max_attempts=" << c.retry.max_attempts
       << ", request_timeout=" << c.request_timeout.count() << "ms"
       << ", user_agent=" << c.user_agent << "}";
    return os;
}

} // namespace ltx

#endif
