// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The official LTX API as the client core sees it: one traits type per endpoint (the same
// shape as `ltx::endpoints`), the error types, and `api`, the description that
// `ltx::basic_api_client` is parameterised on. What differs from the LTX Studio API is here and
// in models.hpp; the retries, waits, downloads and runners are the core's.
#ifndef LTX_LIGHTRICKS_API_HPP
#define LTX_LIGHTRICKS_API_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/config.hpp>
#include <ltx/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/method.hpp>
#include <ltx/lightricks/models.hpp>
#include <ltx/options.hpp>
#include <ltx/reflect.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

/// The provider suggests polling every 5 s; the status has no progress to pace by.
template <> struct ltx::wait_pace<ltx::lightricks::job_status> {
    static constexpr std::chrono::milliseconds interval{5'000};
    static constexpr double backoff = 1.0;
    static constexpr std::chrono::milliseconds max_interval{5'000};
};

namespace ltx::lightricks {

/// The API's base URL.
inline constexpr std::string_view default_base_url = "https://api.ltx.video/";

/// A configuration for this API: `config::base_url` set to `default_base_url`, and the key
/// (`LTXV_API_KEY`) as `token`.
inline ltx::config default_config(std::string key = {}) {
    ltx::config c;
    c.token = std::move(key);
    c.base_url = std::string{default_base_url};
    return c;
}

/// The generators, by the path segment of their endpoints (`v1/<segment>`, `v2/<segment>`,
/// and the status `v2/<segment>/{id}`).
enum class generator {
    text_to_video,
    image_to_video,
    audio_to_video,
    retake,
    extend,
    video_to_video_hdr,
    video_to_video_reframe,
};
BOOST_DESCRIBE_ENUM(generator, text_to_video, image_to_video, audio_to_video, retake, extend,
                    video_to_video_hdr, video_to_video_reframe)
constexpr auto ltx_wire_names(reflect::tag<generator>) {
    return reflect::enum_names<generator>(
        {{generator::text_to_video, "text-to-video"},
         {generator::image_to_video, "image-to-video"},
         {generator::audio_to_video, "audio-to-video"},
         {generator::retake, "retake"},
         {generator::extend, "extend"},
         {generator::video_to_video_hdr, "video-to-video-hdr"},
         {generator::video_to_video_reframe, "video-to-video-reframe"}});
}

/// What names a v2 job: the generator it was submitted to, and the `id` of its `202`. Also
/// the request of `GET v2/{endpoint}/{id}`.
struct job_ref {
    lightricks::generator endpoint{};
    std::string id{};
};
BOOST_DESCRIBE_STRUCT(job_ref, (), (endpoint, id))

constexpr auto ltx_schema(reflect::tag<job_ref>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&job_ref::id>(r::required, r::length{1, 256}));
}

/// The `error.type` values of the reference, each mapped to an `ltx::errc` by `api`. The
/// exact text stays in `diagnostics::error_type`; `error_type_of` reads it back.
enum class error_type {
    invalid_request_error,    ///< 400 (and 405): `errc::bad_request`
    authentication_error,     ///< 401: `errc::unauthorized`
    insufficient_funds_error, ///< 402: `errc::payment_required`
    not_found_error,          ///< 404: `errc::not_found`
    request_too_large,        ///< 413: `errc::request_too_large`
    content_filtered_error,   ///< 422: `errc::content_filtered`
    rate_limit_error,         ///< 429: `errc::too_many_requests`
    concurrency_limit_error,  ///< 429: `errc::too_many_requests`
    api_error,                ///< 500 (and 504): `errc::server_error`
    service_unavailable,      ///< 503: `errc::server_error`
    overloaded_error,         ///< 529: `errc::server_error`
};
BOOST_DESCRIBE_ENUM(error_type, invalid_request_error, authentication_error,
                    insufficient_funds_error, not_found_error, request_too_large,
                    content_filtered_error, rate_limit_error, concurrency_limit_error, api_error,
                    service_unavailable, overloaded_error)

/// The `ltx::errc` of an `error.type`.
constexpr errc errc_of(error_type t) noexcept {
    switch (t) {
    case error_type::invalid_request_error:
        return errc::bad_request;
    case error_type::authentication_error:
        return errc::unauthorized;
    case error_type::insufficient_funds_error:
        return errc::payment_required;
    case error_type::not_found_error:
        return errc::not_found;
    case error_type::request_too_large:
        return errc::request_too_large;
    case error_type::content_filtered_error:
        return errc::content_filtered;
    case error_type::rate_limit_error:
    case error_type::concurrency_limit_error:
        return errc::too_many_requests;
    case error_type::api_error:
    case error_type::service_unavailable:
    case error_type::overloaded_error:
        return errc::server_error;
    }
    return errc::unexpected_response;
}

/// The `error.type` a failure reported, when it is one of the reference's.
inline std::optional<error_type> error_type_of(const diagnostics& d) {
    return reflect::from_wire<error_type>(d.error_type);
}

/// The description of the official LTX API that `ltx::lightricks::basic_client` is built on
/// (see `ltx::api_description`).
struct api {
    /// What a status poll answers.
    using job = job_status;
    /// What names a job to poll.
    using job_ref = lightricks::job_ref;

    /// The status poll: `GET v2/{endpoint}/{id}`.
    struct poll {
        using request = lightricks::job_ref;
        using response = job_status;
        static constexpr http::method method = http::method::get;
        static constexpr std::string_view path = "v2/{endpoint}/{id}";
        static constexpr body_encoding body = body_encoding::none;
        static constexpr bool retry_safe = true;
    };
    static const job_ref& poll_request(const job_ref& r) { return r; }

    /// A 429 created no job, but resending a submit is the caller's decision (the reference,
    /// "Retries"): only GETs and the upload are sent again after one.
    static constexpr bool resend_after_429 = false;

    /// A non-2xx answer: `{"type": "error", "error": {"type", "message"}}`. The `errc` comes from
    /// `error.type` when it is one of the reference's, else from the status (413 and 422
    /// included); the type's text goes into `diag.error_type`.
    static void read_error(const http::response& resp, std::string_view secret, std::error_code& ec,
                           diagnostics& diag) {
        error_envelope body;
        reflect::json_error ignored;
        std::optional<error_type> type;
        if (reflect::read_json(resp.body, body, ignored) && body.error) {
            diag.server_message = ltx::detail::redact(body.error->message, secret);
            diag.error_type = ltx::detail::redact(body.error->type, secret);
            type = reflect::from_wire<error_type>(body.error->type);
        }
        if (type)
            ec = errc_of(*type);
        else if (resp.status == 413)
            ec = errc::request_too_large;
        else if (resp.status == 422)
            ec = errc::content_filtered;
        else
            ec = errc_from_status(resp.status);
    }

    /// Finished with a result (`completed` with a result URL).
    static bool is_done(const job& j) {
        return j.status == "completed" && artifact_url(j).has_value();
    }
    /// Ended in `failed`. A status this client does not know reads as still running.
    static bool is_failed(const job& j) { return j.status == "failed"; }
    /// A failed job's `error`: its message and type.
    static void read_failure(const job& j, diagnostics& diag) {
        if (j.error) {
            diag.server_message = j.error->message;
            diag.error_type = j.error->type;
        }
    }
    /// The result's URL: `result.video_url`, or for HDR `result.exr_frames_url` (a ZIP).
    static std::optional<std::string> artifact_url(const job& j) {
        if (!j.result)
            return std::nullopt;
        if (j.result->video_url && !j.result->video_url->empty())
            return j.result->video_url;
        if (j.result->exr_frames_url && !j.result->exr_frames_url->empty())
            return j.result->exr_frames_url;
        return std::nullopt;
    }
};

/// How `wait` follows a job of this API.
using wait_options = basic_wait_options<job_status>;

namespace endpoints {

/// A `v2` submit to generator `G` with body `Request`: `202` with the job's id. Never sent
/// twice once it may have reached the server, nor after a 429.
template <generator G, class Request, std::string_view const& Path> struct submit {
    using request = Request;
    using response = submitted_job;
    static constexpr lightricks::generator generator = G;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = Path;
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// A `v1` call to generator `G` with body `Request`: `200` with the MP4 itself, streamed to a
/// file or a sink. Never sent twice once it may have reached the server, nor after a 429.
template <generator G, class Request, std::string_view const& Path> struct render {
    using request = Request;
    static constexpr lightricks::generator generator = G;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = Path;
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

namespace paths {
inline constexpr std::string_view v2_t2v = "v2/text-to-video";
inline constexpr std::string_view v2_i2v = "v2/image-to-video";
inline constexpr std::string_view v2_a2v = "v2/audio-to-video";
inline constexpr std::string_view v2_retake = "v2/retake";
inline constexpr std::string_view v2_extend = "v2/extend";
inline constexpr std::string_view v2_hdr = "v2/video-to-video-hdr";
inline constexpr std::string_view v2_reframe = "v2/video-to-video-reframe";
inline constexpr std::string_view v1_t2v = "v1/text-to-video";
inline constexpr std::string_view v1_i2v = "v1/image-to-video";
inline constexpr std::string_view v1_a2v = "v1/audio-to-video";
inline constexpr std::string_view v1_retake = "v1/retake";
inline constexpr std::string_view v1_extend = "v1/extend";
} // namespace paths

/// `POST v2/text-to-video`.
using submit_text_to_video = submit<generator::text_to_video, text_to_video_request, paths::v2_t2v>;
/// `POST v2/image-to-video`.
using submit_image_to_video =
    submit<generator::image_to_video, image_to_video_request, paths::v2_i2v>;
/// `POST v2/audio-to-video`.
using submit_audio_to_video =
    submit<generator::audio_to_video, audio_to_video_request, paths::v2_a2v>;
/// `POST v2/retake`.
using submit_retake = submit<generator::retake, retake_request, paths::v2_retake>;
/// `POST v2/extend`.
using submit_extend = submit<generator::extend, extend_request, paths::v2_extend>;
/// `POST v2/video-to-video-hdr` (async only).
using submit_hdr = submit<generator::video_to_video_hdr, hdr_request, paths::v2_hdr>;
/// `POST v2/video-to-video-reframe` (async only).
using submit_reframe =
    submit<generator::video_to_video_reframe, reframe_request, paths::v2_reframe>;

/// `POST v1/text-to-video`.
using text_to_video = render<generator::text_to_video, text_to_video_request, paths::v1_t2v>;
/// `POST v1/image-to-video`.
using image_to_video = render<generator::image_to_video, image_to_video_request, paths::v1_i2v>;
/// `POST v1/audio-to-video`.
using audio_to_video = render<generator::audio_to_video, audio_to_video_request, paths::v1_a2v>;
/// `POST v1/retake`.
using retake = render<generator::retake, retake_request, paths::v1_retake>;
/// `POST v1/extend`.
using extend = render<generator::extend, extend_request, paths::v1_extend>;

/// `GET v2/{endpoint}/{id}`.
using get_status = api::poll;

/// `POST v1/upload`: no body; the `upload_ticket`. Sent again after a failure: it creates
/// nothing billed, and an unused ticket expires.
struct create_upload {
    using request = ltx::no_parameters;
    using response = upload_ticket;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "v1/upload";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

} // namespace endpoints

} // namespace ltx::lightricks

#endif
