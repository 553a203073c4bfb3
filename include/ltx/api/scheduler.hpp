// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The scheduler: `GET scheduler` (the jobs now running under the token's accounts) and
// `DELETE scheduler/{jobId}` (stop tracking one).
#ifndef LTX_API_SCHEDULER_HPP
#define LTX_API_SCHEDULER_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/assets.hpp>
#include <ltx/api/common.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ltx {

/// `DELETE scheduler/{jobId}`: the job id in the path, with the rules of `GET assets/{jobId}`.
using cancel_scheduled_job_request = get_job_request;

/// One running job, as `GET scheduler` lists it: the shape the reference's "Open questions"
/// settle on. The four fields it always shows are required, so an entry without them fails
/// the decode (`errc::unexpected_response`).
struct scheduled_job {
    /// The job id, `email:<account email>:<id>-type:video`; pass it to `get_job`, `wait`,
    /// or `cancel_scheduled_job`.
    std::string jobId{};
    /// The account running the job.
    std::string email{};
    /// When the job started: ISO 8601 UTC with milliseconds, `2025-06-03T12:34:56.789Z`.
    std::string started{};
    /// Minutes and seconds since `started`, `MM:SS`.
    std::string elapsed{};
    /// The job's `replyUrl`, when it was created with one.
    std::optional<std::string> replyUrl{};
    /// The job's `replyRef`, when it was created with one.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(scheduled_job, (), (jobId, email, started, elapsed, replyUrl, replyRef))

/// The answer of `GET scheduler`: the running jobs, empty when none runs.
using scheduled_jobs = std::vector<scheduled_job>;

} // namespace ltx

#endif
