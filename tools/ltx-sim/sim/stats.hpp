// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What the simulator counts and records, as `/_sim/stats` and `/_sim/requests` show it and
// `server::stats` and `server::storage_requests` return it.
#ifndef LTX_SIM_STATS_HPP
#define LTX_SIM_STATS_HPP

#include <boost/describe/class.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace ltx::sim {

/// A request the storage listener received: method, target and every header (names in lower
/// case, repeated headers joined with `, `).
struct recorded_request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;
};
BOOST_DESCRIBE_STRUCT(recorded_request, (), (method, target, headers))

/// The counters of `/_sim/stats`.
struct sim_stats {
    std::uint64_t jobsCreated = 0;
    std::uint64_t jobsActive = 0;
    std::uint64_t jobsFailed = 0;
    std::uint64_t uploads = 0;
    std::uint64_t requests = 0;
    std::uint64_t connections = 0;
    std::uint64_t rejected429 = 0;
    std::uint64_t injected5xx = 0;
    std::uint64_t dropped = 0;
    std::uint64_t webhooksSent = 0;
    std::uint64_t webhooksFailed = 0;
    /// Jobs the official LTX API accepted (v1 and v2).
    std::uint64_t lightricksJobs = 0;
    std::uint64_t storageRequests = 0;
    /// Storage requests that carried an Authorization header (refused): a token leaked.
    std::uint64_t storageAuthorized = 0;
};
BOOST_DESCRIBE_STRUCT(sim_stats, (),
                      (jobsCreated, jobsActive, jobsFailed, uploads, requests, connections,
                       rejected429, injected5xx, dropped, webhooksSent, webhooksFailed,
                       lightricksJobs, storageRequests, storageAuthorized))

} // namespace ltx::sim

#endif
