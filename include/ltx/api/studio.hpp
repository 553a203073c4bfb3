// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The LTX Studio API v1 as the client core sees it: what differs between the APIs the client
// speaks (see `ltx::basic_api_client`), for this one.
#ifndef LTX_API_STUDIO_HPP
#define LTX_API_STUDIO_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/common.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/api/job.hpp>
#include <ltx/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/reflect.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace ltx {

/// The description of the LTX Studio API v1 (served by useapi.net) that `ltx::basic_client`
/// is built on. The members an API description has are listed at `ltx::api_description`.
struct studio_api {
    /// What a status poll answers.
    using job = ltx::job;
    /// What names a job to poll: its `jobId`.
    using job_ref = std::string;
    /// The status poll: `GET assets/{jobId}`.
    using poll = endpoints::get_job;
    static poll::request poll_request(const job_ref& id) { return {id}; }

    /// The API documents a 429 as "not accepted": a create is sent again after one.
    static constexpr bool resend_after_429 = true;

    /// A non-2xx answer: its status as `ltx::errc`, and the `error` text of its body
    /// `{"error": "...", "code": N}`.
    static void read_error(const http::response& resp, std::string_view secret, std::error_code& ec,
                           diagnostics& diag) {
        ec = errc_from_status(resp.status);
        error_body body;
        reflect::json_error ignored;
        if (reflect::read_json(resp.body, body, ignored) && body.error)
            diag.server_message = detail::redact(*body.error, secret);
    }

    /// Finished with a downloadable result (`completed` with an artifact URL).
    static bool is_done(const job& j) { return ltx::is_done(j); }
    /// Ended in `failed`.
    static bool is_failed(const job& j) { return ltx::is_failed(j); }
    /// What a failed job says of its failure, into `diag`.
    static void read_failure(const job& j, diagnostics& diag) {
        if (j.status && j.status->message)
            diag.server_message = *j.status->message;
    }
    /// The URL of a finished job's result.
    static std::optional<std::string> artifact_url(const job& j) { return ltx::artifact_url(j); }
};

} // namespace ltx

#endif
