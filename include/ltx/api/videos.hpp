// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `POST videos/ltx-create`: create a video with the LTX-Video models from a start and/or end
// frame and a prompt. `POST videos/veo-create`: create a video with the Google Veo models.
#ifndef LTX_API_VIDEOS_HPP
#define LTX_API_VIDEOS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/job.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ltx {

/// The LTX-Video model.
enum class model { ltxv, ltxv_turbo };
BOOST_DESCRIBE_ENUM(model, ltxv, ltxv_turbo)
constexpr auto ltx_wire_names(reflect::tag<model>) {
    return reflect::enum_names<model>({{model::ltxv, "ltxv"}, {model::ltxv_turbo, "ltxv-turbo"}});
}

/// The video's length in seconds; a string on the wire (`"5"`).
enum class duration { s3, s5, s7, s9, s15, s30 };
BOOST_DESCRIBE_ENUM(duration, s3, s5, s7, s9, s15, s30)
constexpr auto ltx_wire_names(reflect::tag<duration>) {
    return reflect::enum_names<duration>({{duration::s3, "3"},
                                          {duration::s5, "5"},
                                          {duration::s7, "7"},
                                          {duration::s9, "9"},
                                          {duration::s15, "15"},
                                          {duration::s30, "30"}});
}

/// The frame's shape.
enum class aspect_ratio { landscape_16_9, portrait_9_16, square_1_1 };
BOOST_DESCRIBE_ENUM(aspect_ratio, landscape_16_9, portrait_9_16, square_1_1)
constexpr auto ltx_wire_names(reflect::tag<aspect_ratio>) {
    return reflect::enum_names<aspect_ratio>({{aspect_ratio::landscape_16_9, "16:9"},
                                              {aspect_ratio::portrait_9_16, "9:16"},
                                              {aspect_ratio::square_1_1, "1:1"}});
}

/// How much motion the video has.
enum class intensity { low, medium, high };
BOOST_DESCRIBE_ENUM(intensity, low, medium, high)

/// The body of `POST videos/ltx-create`. Unset optionals are left out of the request and
/// the server applies the default noted on each member.
struct ltx_create_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// What the video shows: 1 to 2000 Unicode characters. Required.
    std::string prompt{};
    /// `fileId` of the first frame's asset. At least one of startAssetId and endAssetId.
    std::optional<std::string> startAssetId{};
    /// `fileId` of the last frame's asset.
    std::optional<std::string> endAssetId{};
    /// Default `ltxv-turbo`.
    std::optional<ltx::model> model{};
    /// Default 3 seconds.
    std::optional<ltx::duration> duration{};
    /// Default 16:9.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// Default medium.
    std::optional<ltx::intensity> intensity{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// Generate sound effects; default false.
    std::optional<bool> audioSFX{};
    /// 1 to 20: the server polls every 3 s up to this many times before answering, and then
    /// returns the job model instead of just its id. Unset: it answers at once.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100. (The reference
    /// gives no range of its own; the account range is assumed.)
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(ltx_create_request, (),
                      (email, prompt, startAssetId, endAssetId, model, duration, aspectRatio,
                       intensity, seed, audioSFX, pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `ltx_create_request`. "Required" is read as non-empty for the
/// prompt: the reference does not say whether the server accepts an empty one, and an empty
/// prompt can only be a mistake.
constexpr auto ltx_schema(reflect::tag<ltx_create_request>) {
    namespace r = reflect::rules;
    using R = ltx_create_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::prompt>(r::required, r::length{1, 2000}),
        reflect::field<&R::startAssetId>(r::not_empty),
        reflect::field<&R::endAssetId>(r::not_empty),
        reflect::field<&R::model>(r::defaults_to<ltx::model>{model::ltxv_turbo}),
        reflect::field<&R::duration>(r::defaults_to<ltx::duration>{duration::s3}),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::intensity>(r::defaults_to<ltx::intensity>{intensity::medium}),
        reflect::field<&R::audioSFX>(r::defaults_to<bool>{false}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::at_least_one_of<&R::startAssetId, &R::endAssetId>{});
}

/// The response of `POST videos/ltx-create`: the new job's id (required), and with
/// `pollForResult` the job as it stood.
using ltx_create_response = created_job;

/// The Google Veo model.
enum class veo_model { veo2, veo3, veo3_fast };
BOOST_DESCRIBE_ENUM(veo_model, veo2, veo3, veo3_fast)
constexpr auto ltx_wire_names(reflect::tag<veo_model>) {
    return reflect::enum_names<veo_model>({{veo_model::veo2, "veo2"},
                                           {veo_model::veo3, "veo3"},
                                           {veo_model::veo3_fast, "veo3-fast"}});
}

/// A Veo video's length in seconds; a string on the wire (`"8"`).
enum class veo_duration { s5, s6, s7, s8 };
BOOST_DESCRIBE_ENUM(veo_duration, s5, s6, s7, s8)
constexpr auto ltx_wire_names(reflect::tag<veo_duration>) {
    return reflect::enum_names<veo_duration>({{veo_duration::s5, "5"},
                                              {veo_duration::s6, "6"},
                                              {veo_duration::s7, "7"},
                                              {veo_duration::s8, "8"}});
}

/// The height of a Veo video's frame.
enum class resolution { p720, p1080 };
BOOST_DESCRIBE_ENUM(resolution, p720, p1080)
constexpr auto ltx_wire_names(reflect::tag<resolution>) {
    return reflect::enum_names<resolution>(
        {{resolution::p720, "720p"}, {resolution::p1080, "1080p"}});
}

/// The body of `POST videos/veo-create`. What each model takes:
///
/// | member        | `veo2` (default)         | `veo3`, `veo3-fast`       |
/// |---------------|--------------------------|---------------------------|
/// | startAssetId  | required                 | optional                  |
/// | duration      | 5 (default), 6, 7, 8     | 8 (default)               |
/// | aspectRatio   | 16:9 (default), 9:16     | 16:9 (default)            |
/// | resolution    | not taken (renders 720p) | 720p, 1080p (default)     |
///
/// Unset optionals are left out of the request and the server applies the default noted on
/// each member.
struct veo_create_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// Default `veo2`.
    std::optional<veo_model> model{};
    /// What the video shows: at most 2000 Unicode characters.
    std::optional<std::string> prompt{};
    /// `fileId` of the first frame's asset; required for `veo2`.
    std::optional<std::string> startAssetId{};
    /// Default 5 seconds for `veo2`, 8 for `veo3` and `veo3-fast` (which take 8 only).
    std::optional<veo_duration> duration{};
    /// Default 16:9; 1:1 is taken by no Veo model, 9:16 by `veo2` only.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// Generate sound (a separate track for `veo2`, in the video otherwise); default false.
    std::optional<bool> audioSFX{};
    /// Default 1080p; not taken by `veo2`.
    std::optional<ltx::resolution> resolution{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// 1 to 20: see `ltx_create_request::pollForResult`.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100.
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(veo_create_request, (),
                      (email, model, prompt, startAssetId, duration, aspectRatio, audioSFX,
                       resolution, seed, pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `veo_create_request`, the per-model table as struct-level rules.
constexpr auto ltx_schema(reflect::tag<veo_create_request>) {
    namespace r = reflect::rules;
    using R = veo_create_request;
    using veo2 = r::when<&R::model, veo_model::veo2>;
    using veo3 = r::when<&R::model, veo_model::veo3, veo_model::veo3_fast>;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::model>(r::defaults_to<veo_model>{veo_model::veo2}),
        reflect::field<&R::prompt>(r::length{0, 2000}),
        reflect::field<&R::startAssetId>(r::not_empty),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::audioSFX>(r::defaults_to<bool>{false}),
        reflect::field<&R::resolution>(r::defaults_to<ltx::resolution>{resolution::p1080}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::required_when<&R::startAssetId, veo2>{},
        r::one_of_when<&R::duration, veo3, veo_duration::s8>{},
        r::one_of_when<&R::aspectRatio, veo2, aspect_ratio::landscape_16_9,
                       aspect_ratio::portrait_9_16>{},
        r::one_of_when<&R::aspectRatio, veo3, aspect_ratio::landscape_16_9>{},
        r::absent_when<&R::resolution, veo2>{});
}

/// The response of `POST videos/veo-create`: the new job's id (required), and with
/// `pollForResult` the job as it stood.
using veo_create_response = created_job;

} // namespace ltx

#endif
