// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `POST images/create` (an image from a prompt), `POST images/edit` (an image from one to three
// reference images and a prompt) and `POST images/upscale` (a larger version of a generated
// image). Image jobs have ids ending `-type:image` and are waited on and downloaded as video
// jobs are; their artifact is a PNG.
#ifndef LTX_API_IMAGES_HPP
#define LTX_API_IMAGES_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/job.hpp>
#include <ltx/api/videos.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ltx {

/// The image model: FLUX.1 Kontext, FLUX.1 Kontext Max, Gemini 2.5 Flash Image.
enum class image_model { flux, flux_premium, nano_banana };
BOOST_DESCRIBE_ENUM(image_model, flux, flux_premium, nano_banana)
constexpr auto ltx_wire_names(reflect::tag<image_model>) {
    return reflect::enum_names<image_model>({{image_model::flux, "flux"},
                                             {image_model::flux_premium, "flux-premium"},
                                             {image_model::nano_banana, "nano-banana"}});
}

/// The style of a `flux` image; `base` is no style.
enum class image_style {
    cinematic,
    vintage,
    low_key,
    indy,
    y2k,
    pop,
    grunge,
    dreamy,
    hand_drawn,
    novel_2d,
    boost,
    scribble,
    film_noir,
    anime,
    cartoon_3d,
    colored,
    base
};
BOOST_DESCRIBE_ENUM(image_style, cinematic, vintage, low_key, indy, y2k, pop, grunge, dreamy,
                    hand_drawn, novel_2d, boost, scribble, film_noir, anime, cartoon_3d, colored,
                    base)
constexpr auto ltx_wire_names(reflect::tag<image_style>) {
    return reflect::enum_names<image_style>({{image_style::cinematic, "cinematic"},
                                             {image_style::vintage, "vintage"},
                                             {image_style::low_key, "low_key"},
                                             {image_style::indy, "indy"},
                                             {image_style::y2k, "y2k"},
                                             {image_style::pop, "pop"},
                                             {image_style::grunge, "grunge"},
                                             {image_style::dreamy, "dreamy"},
                                             {image_style::hand_drawn, "hand_drawn"},
                                             {image_style::novel_2d, "2d_novel"},
                                             {image_style::boost, "boost"},
                                             {image_style::scribble, "scribble"},
                                             {image_style::film_noir, "film_noir"},
                                             {image_style::anime, "anime"},
                                             {image_style::cartoon_3d, "3d_cartoon"},
                                             {image_style::colored, "colored"},
                                             {image_style::base, "base"}});
}

/// The camera angle of an image.
enum class shot_angle { eye_level, low_angle, over_the_shoulder, overhead, birds_eye_view };
BOOST_DESCRIBE_ENUM(shot_angle, eye_level, low_angle, over_the_shoulder, overhead, birds_eye_view)
constexpr auto ltx_wire_names(reflect::tag<shot_angle>) {
    return reflect::enum_names<shot_angle>({{shot_angle::eye_level, "eye-level"},
                                            {shot_angle::low_angle, "low-angle"},
                                            {shot_angle::over_the_shoulder, "over-the-shoulder"},
                                            {shot_angle::overhead, "overhead"},
                                            {shot_angle::birds_eye_view, "birds-eye-view"}});
}

/// The body of `POST images/create` (alias `images/flux-create`). `referenceAssetId`,
/// `reference_strength` and `style` are taken by `flux` only; `referenceAssetId2` and
/// `referenceAssetId3` by no model (the server refuses them; validation says so before
/// sending). Unset optionals are left out and the server applies the default noted.
struct image_create_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// What the image shows: 1 to 2000 Unicode characters. Required.
    std::string prompt{};
    /// Default `flux`.
    std::optional<image_model> model{};
    /// Default 16:9.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// `fileId` of an image to follow; `flux` only.
    std::optional<std::string> referenceAssetId{};
    /// How closely to follow the reference, 0 to 100; default 50; `flux` only.
    std::optional<int> reference_strength{};
    /// Default `base` (no style); `flux` only.
    std::optional<image_style> style{};
    /// The scene's place: at most 2000 Unicode characters.
    std::optional<std::string> location{};
    /// The scene's weather: at most 2000 Unicode characters.
    std::optional<std::string> weather{};
    /// The scene's light: at most 2000 Unicode characters.
    std::optional<std::string> lighting{};
    /// Free text such as `wide shot`, `close-up`; default empty.
    std::optional<std::string> shotType{};
    /// Not set by default.
    std::optional<ltx::shot_angle> shotAngle{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// Not taken by images/create: refused for every model.
    std::optional<std::string> referenceAssetId2{};
    /// Not taken by images/create: refused for every model.
    std::optional<std::string> referenceAssetId3{};
    /// 1 to 20: see `ltx_create_request::pollForResult`.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100.
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(image_create_request, (),
                      (email, prompt, model, aspectRatio, referenceAssetId, reference_strength,
                       style, location, weather, lighting, shotType, shotAngle, seed,
                       referenceAssetId2, referenceAssetId3, pollForResult, maxJobs, replyUrl,
                       replyRef))

/// The documented rules of `image_create_request`, the per-model table as struct-level rules.
constexpr auto ltx_schema(reflect::tag<image_create_request>) {
    namespace r = reflect::rules;
    using R = image_create_request;
    using not_flux = r::when<&R::model, image_model::flux_premium, image_model::nano_banana>;
    using any_model =
        r::when<&R::model, image_model::flux, image_model::flux_premium, image_model::nano_banana>;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::prompt>(r::required, r::length{1, 2000}),
        reflect::field<&R::model>(r::defaults_to<image_model>{image_model::flux}),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::referenceAssetId>(r::not_empty),
        reflect::field<&R::reference_strength>(r::range{0, 100}, r::defaults_to<int>{50}),
        reflect::field<&R::style>(r::defaults_to<image_style>{image_style::base}),
        reflect::field<&R::location>(r::length{0, 2000}),
        reflect::field<&R::weather>(r::length{0, 2000}),
        reflect::field<&R::lighting>(r::length{0, 2000}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::absent_when<&R::referenceAssetId, not_flux>{},
        r::absent_when<&R::reference_strength, not_flux>{}, r::absent_when<&R::style, not_flux>{},
        r::absent_when<&R::referenceAssetId2, any_model>{},
        r::absent_when<&R::referenceAssetId3, any_model>{});
}

/// The body of `POST images/edit` (alias `images/flux-edit`). `referenceAssetId3` is not taken
/// by `flux`, `aspectRatio` not by `nano-banana`. Unset optionals are left out and the server
/// applies the default noted.
struct image_edit_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// What to make of the references: 1 to 2000 Unicode characters. Required.
    std::string prompt{};
    /// `fileId` of the image to edit. Required.
    std::string referenceAssetId{};
    /// `fileId` of a second reference image.
    std::optional<std::string> referenceAssetId2{};
    /// `fileId` of a third reference image; not taken by `flux`.
    std::optional<std::string> referenceAssetId3{};
    /// Default `flux`.
    std::optional<image_model> model{};
    /// Default 16:9; not taken by `nano-banana`.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// The scene's place: at most 2000 Unicode characters.
    std::optional<std::string> location{};
    /// The scene's weather: at most 2000 Unicode characters.
    std::optional<std::string> weather{};
    /// The scene's light: at most 2000 Unicode characters.
    std::optional<std::string> lighting{};
    /// Free text such as `wide shot`, `close-up`; default empty.
    std::optional<std::string> shotType{};
    /// Not set by default.
    std::optional<ltx::shot_angle> shotAngle{};
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
BOOST_DESCRIBE_STRUCT(image_edit_request, (),
                      (email, prompt, referenceAssetId, referenceAssetId2, referenceAssetId3, model,
                       aspectRatio, location, weather, lighting, shotType, shotAngle, seed,
                       pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `image_edit_request`, the per-model table as struct-level rules.
constexpr auto ltx_schema(reflect::tag<image_edit_request>) {
    namespace r = reflect::rules;
    using R = image_edit_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::prompt>(r::required, r::length{1, 2000}),
        reflect::field<&R::referenceAssetId>(r::required),
        reflect::field<&R::referenceAssetId2>(r::not_empty),
        reflect::field<&R::referenceAssetId3>(r::not_empty),
        reflect::field<&R::model>(r::defaults_to<image_model>{image_model::flux}),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::location>(r::length{0, 2000}),
        reflect::field<&R::weather>(r::length{0, 2000}),
        reflect::field<&R::lighting>(r::length{0, 2000}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::absent_when<&R::referenceAssetId3, r::when<&R::model, image_model::flux>>{},
        r::absent_when<&R::aspectRatio, r::when<&R::model, image_model::nano_banana>>{});
}

/// The body of `POST images/upscale`.
struct image_upscale_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// The `jobId` of a completed image job (create, edit or an earlier upscale) of the same
    /// account. Required.
    std::string jobId{};
    /// 1 to 20: see `ltx_create_request::pollForResult`.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100.
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(image_upscale_request, (),
                      (email, jobId, pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `image_upscale_request`.
constexpr auto ltx_schema(reflect::tag<image_upscale_request>) {
    namespace r = reflect::rules;
    using R = image_upscale_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email), reflect::field<&R::jobId>(r::required),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url));
}

/// The response of the image endpoints: the new job's id (ending `-type:image`, required),
/// and with `pollForResult` the job as it stood.
using image_job_response = created_job;

} // namespace ltx

#endif
