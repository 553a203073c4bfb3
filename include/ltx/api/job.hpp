// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The job model: what `GET assets/{jobId}`, `pollForResult` answers and webhooks return; and
// what a generator answers when it creates a job.
#ifndef LTX_API_JOB_HPP
#define LTX_API_JOB_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/common.hpp>

#include <boost/describe/enum.hpp>

#include <optional>
#include <string>

namespace ltx {

/// Where a job is in its lifecycle: `active` -> `completed` | `failed`.
enum class job_state { active, completed, failed };
BOOST_DESCRIBE_ENUM(job_state, active, completed, failed)

/// The progress and result of a job.
struct job_status {
    /// The lifecycle state.
    std::optional<job_state> type{};
    /// Progress in percent, 0 to 100.
    std::optional<int> progress{};
    /// A human-readable message; for failed jobs, why.
    std::optional<std::string> message{};
    /// The generated video (MP4) or image (PNG), once there is one. It may appear after `type`
    /// reads `completed`: see `is_done`.
    std::optional<signed_asset> artifact{};
};
BOOST_DESCRIBE_STRUCT(job_status, (), (type, progress, message, artifact))

/// A generation job.
struct job {
    /// Progress and result.
    std::optional<job_status> status{};
    /// The job id, `email:<account email>:<id>-type:video` for a video job,
    /// `...-type:image` for an image job.
    std::optional<std::string> jobId{};
    /// The generation id, `gen_...`.
    std::optional<std::string> generationId{};
    /// The caller's `replyRef`, echoed back.
    std::optional<std::string> replyRef{};
    /// The caller's `replyUrl`, echoed back.
    std::optional<std::string> replyUrl{};
    /// The HTTP status, repeated in bodies returned with `pollForResult`.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(job, (), (status, jobId, generationId, replyRef, replyUrl, code))

/// The job's state, or nullopt when the server did not say.
/// What a generator answers when it created a job (`POST videos/ltx-create`, ...).
///
/// Without `pollForResult` the answer is `{"jobId": ..., "generationId": ...}`; with it, the
/// job model as it stood when the server stopped polling (`code` 200). Either way `jobId` is
/// there: it is required, so an answer without it fails as `errc::unexpected_response` in the
/// client, and a caller reads `created.jobId` with no check of its own.
struct created_job {
    /// The new job's id, to pass to `wait`, `get_job` and `download`.
    std::string jobId{};
    /// The generation id, `gen_...`; only in the answer without `pollForResult`.
    std::optional<std::string> generationId{};
    /// With `pollForResult`: progress and result as they stood.
    std::optional<job_status> status{};
    /// The caller's `replyRef`, echoed back.
    std::optional<std::string> replyRef{};
    /// The caller's `replyUrl`, echoed back.
    std::optional<std::string> replyUrl{};
    /// With `pollForResult`: the HTTP status, repeated.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(created_job, (), (jobId, generationId, status, replyRef, replyUrl, code))

/// The job model of a generator's answer, for `is_done`, `artifact_url` and `download` when
/// `pollForResult` already saw the job finish.
inline job to_job(const created_job& c) {
    return job{c.status, c.jobId, c.generationId, c.replyRef, c.replyUrl, c.code};
}

inline std::optional<job_state> state_of(const job& j) {
    return j.status ? j.status->type : std::nullopt;
}

/// The signed URL of the finished video, or nullopt.
inline std::optional<std::string> artifact_url(const job& j) {
    if (j.status && j.status->artifact && j.status->artifact->assetUrl &&
        !j.status->artifact->assetUrl->empty())
        return j.status->artifact->assetUrl;
    return std::nullopt;
}

/// True when the job is finished with a downloadable result: `completed` and an artifact
/// URL present. The API warns that `completed` can be read before the URL is there.
inline bool is_done(const job& j) {
    // As artifact_url(j).has_value(), without copying the URL.
    return state_of(j) == job_state::completed && j.status->artifact &&
           j.status->artifact->assetUrl && !j.status->artifact->assetUrl->empty();
}

/// True when the job failed.
inline bool is_failed(const job& j) {
    return state_of(j) == job_state::failed;
}

} // namespace ltx

#endif
