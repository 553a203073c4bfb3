// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The official LTX API (`https://api.ltx.video`): the request and response models of its
// generators, status, upload and errors, with the rules of the reference as schemas. The
// model × resolution × fps × duration matrix is one table, `video_matrix`, which validation and
// the simulator both read.
#ifndef LTX_LIGHTRICKS_MODELS_HPP
#define LTX_LIGHTRICKS_MODELS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace ltx::lightricks {

namespace detail {
/// Whether `s` is a media input the API takes: a storage URI `ltx://uploads/<id>`, an https
/// URL whose host is a name (not an IP address), or a `data:<mime>;base64,<payload>` URI.
LTX_DECL bool is_media_uri(std::string_view s);
} // namespace detail

namespace rules {

/// A media input (`image_uri`, `last_frame_uri`, `video_uri`, `audio_uri`): a storage URI from
/// `POST v1/upload`, an https URL with a host name, or a base64 data URI. Whether the file
/// behind it is of the right kind, size and length only the server can tell.
struct media_uri_t {
    static constexpr std::string_view name = "media_uri";
    void check(const std::string& s, const reflect::report& r) const {
        if (!detail::is_media_uri(s))
            r.fail("must be an ltx://uploads/ storage URI, an https URL with a host name, or a "
                   "base64 data: URI");
    }
};
inline constexpr media_uri_t media_uri{};

} // namespace rules

/// The generation models. `ltx-2-fast` and `ltx-2-pro` were removed on 2026-08-15: a value
/// of this enum cannot name them, and a server answer naming them fails to decode.
enum class model { ltx_2_3_fast, ltx_2_3_pro, ltx_2_5_fast, ltx_2_5_pro };
BOOST_DESCRIBE_ENUM(model, ltx_2_3_fast, ltx_2_3_pro, ltx_2_5_fast, ltx_2_5_pro)
constexpr auto ltx_wire_names(reflect::tag<model>) {
    return reflect::enum_names<model>({{model::ltx_2_3_fast, "ltx-2-3-fast"},
                                       {model::ltx_2_3_pro, "ltx-2-3-pro"},
                                       {model::ltx_2_5_fast, "ltx-2-5-fast"},
                                       {model::ltx_2_5_pro, "ltx-2-5-pro"}});
}

/// The output sizes of the generators, `<width>x<height>`, landscape and portrait.
enum class resolution {
    r1280x720,
    r720x1280,
    r1920x1080,
    r1080x1920,
    r2560x1440,
    r1440x2560,
    r3840x2160,
    r2160x3840,
};
BOOST_DESCRIBE_ENUM(resolution, r1280x720, r720x1280, r1920x1080, r1080x1920, r2560x1440,
                    r1440x2560, r3840x2160, r2160x3840)
constexpr auto ltx_wire_names(reflect::tag<resolution>) {
    return reflect::enum_names<resolution>({{resolution::r1280x720, "1280x720"},
                                            {resolution::r720x1280, "720x1280"},
                                            {resolution::r1920x1080, "1920x1080"},
                                            {resolution::r1080x1920, "1080x1920"},
                                            {resolution::r2560x1440, "2560x1440"},
                                            {resolution::r1440x2560, "1440x2560"},
                                            {resolution::r3840x2160, "3840x2160"},
                                            {resolution::r2160x3840, "2160x3840"}});
}

/// The output sizes of `video-to-video-reframe`: 1:1, 4:5, 5:4, 9:16 and 16:9.
enum class reframe_resolution {
    r720x720,
    r1080x1080,
    r720x900,
    r1080x1350,
    r900x720,
    r1350x1080,
    r720x1280,
    r1080x1920,
    r1280x720,
    r1920x1080,
};
BOOST_DESCRIBE_ENUM(reframe_resolution, r720x720, r1080x1080, r720x900, r1080x1350, r900x720,
                    r1350x1080, r720x1280, r1080x1920, r1280x720, r1920x1080)
constexpr auto ltx_wire_names(reflect::tag<reframe_resolution>) {
    using r = reframe_resolution;
    return reflect::enum_names<r>({{r::r720x720, "720x720"},
                                   {r::r1080x1080, "1080x1080"},
                                   {r::r720x900, "720x900"},
                                   {r::r1080x1350, "1080x1350"},
                                   {r::r900x720, "900x720"},
                                   {r::r1350x1080, "1350x1080"},
                                   {r::r720x1280, "720x1280"},
                                   {r::r1080x1920, "1080x1920"},
                                   {r::r1280x720, "1280x720"},
                                   {r::r1920x1080, "1920x1080"}});
}

/// The camera's movement in text- and image-to-video.
enum class camera_motion {
    dolly_in,
    dolly_out,
    dolly_left,
    dolly_right,
    jib_up,
    jib_down,
    static_,
    focus_shift,
};
BOOST_DESCRIBE_ENUM(camera_motion, dolly_in, dolly_out, dolly_left, dolly_right, jib_up, jib_down,
                    static_, focus_shift)
constexpr auto ltx_wire_names(reflect::tag<camera_motion>) {
    using c = camera_motion;
    return reflect::enum_names<c>({{c::dolly_in, "dolly_in"},
                                   {c::dolly_out, "dolly_out"},
                                   {c::dolly_left, "dolly_left"},
                                   {c::dolly_right, "dolly_right"},
                                   {c::jib_up, "jib_up"},
                                   {c::jib_down, "jib_down"},
                                   {c::static_, "static"},
                                   {c::focus_shift, "focus_shift"}});
}

/// What a retake regenerates.
enum class retake_mode { replace_audio, replace_video, replace_audio_and_video };
BOOST_DESCRIBE_ENUM(retake_mode, replace_audio, replace_video, replace_audio_and_video)

/// Where an extension goes: after the input (`end`) or before it (`start`).
enum class extend_mode { end, start };
BOOST_DESCRIBE_ENUM(extend_mode, end, start)

/// One combination of the matrix: model, resolution, fps, duration in seconds.
using matrix_row = std::tuple<model, resolution, int, int>;

namespace detail {

// The matrix of the reference as it is written: models × landscape resolutions × fps ×
// durations, each block once; video_matrix expands it, with each resolution's portrait form.
struct matrix_block {
    std::array<model, 2> models;
    std::size_t model_count;
    std::array<resolution, 4> landscape;
    std::size_t resolution_count;
    std::array<int, 4> fps;
    std::size_t fps_count;
    bool up_to_20s; ///< D20 = D10 ∪ {12, 14, 16, 18, 20}; D10 otherwise
};

inline constexpr int d10[] = {2, 3, 4, 5, 6, 8, 10};
inline constexpr int d20[] = {2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20};

inline constexpr matrix_block matrix_blocks[] = {
    {{model::ltx_2_3_fast, model::ltx_2_5_fast},
     2,
     {resolution::r1280x720, resolution::r1920x1080},
     2,
     {24, 25},
     2,
     true},
    {{model::ltx_2_3_fast, model::ltx_2_5_fast},
     2,
     {resolution::r1280x720, resolution::r1920x1080},
     2,
     {48, 50},
     2,
     false},
    {{model::ltx_2_3_fast, model::ltx_2_5_fast},
     2,
     {resolution::r2560x1440, resolution::r3840x2160},
     2,
     {24, 25, 48, 50},
     4,
     false},
    {{model::ltx_2_3_pro},
     1,
     {resolution::r1280x720, resolution::r1920x1080, resolution::r2560x1440,
      resolution::r3840x2160},
     4,
     {24, 25, 48, 50},
     4,
     false},
    {{model::ltx_2_5_pro},
     1,
     {resolution::r1280x720, resolution::r1920x1080},
     2,
     {24, 25, 50},
     3,
     false},
};

/// The portrait form of a landscape resolution (each landscape enumerator is followed by it).
constexpr resolution portrait_of(resolution r) {
    return static_cast<resolution>(static_cast<int>(r) + 1);
}

consteval std::size_t matrix_size() {
    std::size_t n = 0;
    for (const auto& b : matrix_blocks)
        n += b.model_count * b.resolution_count * 2 * b.fps_count *
             (b.up_to_20s ? std::size(d20) : std::size(d10));
    return n;
}

} // namespace detail

/// Every combination text-to-video and image-to-video offer (v1 and v2), 836 rows. The schemas
/// of both requests check against it, so does the simulator; any other combination is `400`,
/// naming the first of model → resolution → fps → duration that no row allows with the ones
/// before it. (The reference's table in force since August 2026; a 4K `ltx-2-5-pro` mentioned
/// in a later price list is unverified, so refused.)
inline constexpr auto video_matrix = [] {
    std::array<matrix_row, detail::matrix_size()> rows{};
    std::size_t k = 0;
    for (const auto& b : detail::matrix_blocks)
        for (std::size_t m = 0; m < b.model_count; ++m)
            for (std::size_t r = 0; r < b.resolution_count; ++r)
                for (const resolution res : {b.landscape[r], detail::portrait_of(b.landscape[r])})
                    for (std::size_t f = 0; f < b.fps_count; ++f) {
                        const auto add = [&](int d) {
                            rows[k++] = {b.models[m], res, b.fps[f], d};
                        };
                        if (b.up_to_20s)
                            for (const int d : detail::d20)
                                add(d);
                        else
                            for (const int d : detail::d10)
                                add(d);
                    }
    return rows;
}();

/// Whether the matrix offers this combination.
constexpr bool offered(model m, resolution r, int fps, int duration) {
    for (const auto& row : video_matrix)
        if (row == matrix_row{m, r, fps, duration})
            return true;
    return false;
}

namespace detail {
// The single-member tables of the fields that take a part of an enum.
inline constexpr std::tuple<resolution> hd_resolutions[] = {{resolution::r1920x1080},
                                                            {resolution::r1080x1920}};
inline constexpr std::tuple<model> audio_models[] = {
    {model::ltx_2_3_pro}, {model::ltx_2_5_fast}, {model::ltx_2_5_pro}};
inline constexpr std::tuple<model> pro_2_3_only[] = {{model::ltx_2_3_pro}};
} // namespace detail

/// The body of `POST v1/text-to-video` and `POST v2/text-to-video`: a video from a prompt.
/// `model`, `duration` and `resolution` are required (there is no auto duration); their
/// combination with `fps` must be a row of `video_matrix`.
struct text_to_video_request {
    /// What the video shows: 1 to 5000 Unicode code points.
    std::string prompt{};
    /// Required.
    std::optional<lightricks::model> model{};
    /// Seconds, an integer. Required.
    std::optional<int> duration{};
    /// Required.
    std::optional<lightricks::resolution> resolution{};
    /// Frames per second; default 24.
    std::optional<int> fps{};
    /// `false` gives a silent video; default true.
    std::optional<bool> generate_audio{};
    /// None by default.
    std::optional<lightricks::camera_motion> camera_motion{};
};
BOOST_DESCRIBE_STRUCT(text_to_video_request, (),
                      (prompt, model, duration, resolution, fps, generate_audio, camera_motion))

constexpr auto ltx_schema(reflect::tag<text_to_video_request>) {
    namespace r = reflect::rules;
    using R = text_to_video_request;
    return reflect::schema(
        reflect::field<&R::prompt>(r::required, r::length{1, 5000}),
        reflect::field<&R::model>(r::required), reflect::field<&R::duration>(r::required),
        reflect::field<&R::resolution>(r::required),
        reflect::field<&R::fps>(r::defaults_to<int>{24}),
        reflect::field<&R::generate_audio>(r::defaults_to<bool>{true}),
        r::combinations<video_matrix, &R::model, &R::resolution, &R::fps, &R::duration>{});
}

/// The body of `POST v1/image-to-video` and `POST v2/image-to-video`: a video starting from an
/// image, with every field and rule of text-to-video.
struct image_to_video_request {
    /// The first frame: an image (see `rules::media_uri`). Required.
    std::string image_uri{};
    /// What the video shows: 1 to 5000 Unicode code points.
    std::string prompt{};
    /// Required.
    std::optional<lightricks::model> model{};
    /// Seconds, an integer. Required.
    std::optional<int> duration{};
    /// Required.
    std::optional<lightricks::resolution> resolution{};
    /// Frames per second; default 24.
    std::optional<int> fps{};
    /// `false` gives a silent video; default true.
    std::optional<bool> generate_audio{};
    /// None by default.
    std::optional<lightricks::camera_motion> camera_motion{};
    /// The last frame, an image: the video interpolates between the two.
    std::optional<std::string> last_frame_uri{};
};
BOOST_DESCRIBE_STRUCT(image_to_video_request, (),
                      (image_uri, prompt, model, duration, resolution, fps, generate_audio,
                       camera_motion, last_frame_uri))

constexpr auto ltx_schema(reflect::tag<image_to_video_request>) {
    namespace r = reflect::rules;
    using R = image_to_video_request;
    return reflect::schema(
        reflect::field<&R::image_uri>(r::required, rules::media_uri),
        reflect::field<&R::prompt>(r::required, r::length{1, 5000}),
        reflect::field<&R::model>(r::required), reflect::field<&R::duration>(r::required),
        reflect::field<&R::resolution>(r::required),
        reflect::field<&R::fps>(r::defaults_to<int>{24}),
        reflect::field<&R::generate_audio>(r::defaults_to<bool>{true}),
        reflect::field<&R::last_frame_uri>(rules::media_uri),
        r::combinations<video_matrix, &R::model, &R::resolution, &R::fps, &R::duration>{});
}

/// The body of `POST v1/audio-to-video` and `POST v2/audio-to-video`: a video driven by an
/// audio track of 2 to 20 s, at 25 fps, as long as the audio. Without `image_uri` the prompt
/// must be non-empty; with one it may be `""` (the server checks that pairing: a rule here
/// would need a condition on a string member's absence, which the schema does not express).
struct audio_to_video_request {
    /// The audio: WAV, MP3, M4A (AAC-LC) or OGG, 2 to 20 s. Required.
    std::string audio_uri{};
    /// The first frame, an image.
    std::optional<std::string> image_uri{};
    /// At most 5000 Unicode code points.
    std::optional<std::string> prompt{};
    /// `1920x1080` or `1080x1920`; by default portrait for a portrait image, else landscape.
    std::optional<lightricks::resolution> resolution{};
    /// Any finite number; default 5 without an image, 9 with one.
    std::optional<double> guidance_scale{};
    /// `ltx-2-3-pro` (default), `ltx-2-5-fast` or `ltx-2-5-pro`.
    std::optional<lightricks::model> model{};
};
BOOST_DESCRIBE_STRUCT(audio_to_video_request, (),
                      (audio_uri, image_uri, prompt, resolution, guidance_scale, model))

constexpr auto ltx_schema(reflect::tag<audio_to_video_request>) {
    namespace r = reflect::rules;
    using R = audio_to_video_request;
    return reflect::schema(
        reflect::field<&R::audio_uri>(r::required, rules::media_uri),
        reflect::field<&R::image_uri>(rules::media_uri),
        reflect::field<&R::prompt>(r::length{0, 5000}),
        reflect::field<&R::guidance_scale>(r::real_range{}),
        reflect::field<&R::model>(r::defaults_to<lightricks::model>{model::ltx_2_3_pro}),
        r::at_least_one_of<&R::prompt, &R::image_uri>{},
        r::combinations<detail::hd_resolutions, &R::resolution>{},
        r::combinations<detail::audio_models, &R::model>{});
}

/// The body of `POST v1/retake` and `POST v2/retake`: regenerates a section of a video of at
/// least 73 frames. The section's end past the input's end is cut there, and `start_time` must
/// leave 2 s (the server checks both against the input).
struct retake_request {
    /// The video. Required.
    std::string video_uri{};
    /// The section's start in seconds, at least 0. Required.
    std::optional<double> start_time{};
    /// The section's length in seconds, at least 2. Required.
    std::optional<double> duration{};
    /// At most 5000 Unicode code points.
    std::optional<std::string> prompt{};
    /// Default `replace_audio_and_video`.
    std::optional<retake_mode> mode{};
    /// `1920x1080` or `1080x1920`; by default the input's orientation.
    std::optional<lightricks::resolution> resolution{};
    /// `ltx-2-3-pro` only, the default.
    std::optional<lightricks::model> model{};
};
BOOST_DESCRIBE_STRUCT(retake_request, (),
                      (video_uri, start_time, duration, prompt, mode, resolution, model))

constexpr auto ltx_schema(reflect::tag<retake_request>) {
    namespace r = reflect::rules;
    using R = retake_request;
    return reflect::schema(
        reflect::field<&R::video_uri>(r::required, rules::media_uri),
        reflect::field<&R::start_time>(r::required, r::real_range{0}),
        reflect::field<&R::duration>(r::required, r::real_range{2}),
        reflect::field<&R::prompt>(r::length{0, 5000}),
        reflect::field<&R::mode>(r::defaults_to<retake_mode>{retake_mode::replace_audio_and_video}),
        reflect::field<&R::model>(r::defaults_to<lightricks::model>{model::ltx_2_3_pro}),
        r::combinations<detail::hd_resolutions, &R::resolution>{},
        r::combinations<detail::pro_2_3_only, &R::model>{});
}

/// The body of `POST v1/extend` and `POST v2/extend`: frames added before or after a video of
/// at least 73 frames, 16:9 or 9:16. `context` and `duration` together must fit 505 frames at
/// the input's frame rate, `round((context + duration) × fps) ≤ 505`: only the server, which
/// reads the input, checks that.
struct extend_request {
    /// The video. Required.
    std::string video_uri{};
    /// The new section's length in seconds, 2 to 20. Required.
    std::optional<double> duration{};
    /// At most 5000 Unicode code points.
    std::optional<std::string> prompt{};
    /// Default `end`.
    std::optional<extend_mode> mode{};
    /// `ltx-2-3-pro` only, the default.
    std::optional<lightricks::model> model{};
    /// Seconds of the input the model sees, above 0 and at most 20; by default the most that
    /// fits.
    std::optional<double> context{};
};
BOOST_DESCRIBE_STRUCT(extend_request, (), (video_uri, duration, prompt, mode, model, context))

constexpr auto ltx_schema(reflect::tag<extend_request>) {
    namespace r = reflect::rules;
    using R = extend_request;
    return reflect::schema(
        reflect::field<&R::video_uri>(r::required, rules::media_uri),
        reflect::field<&R::duration>(r::required, r::real_range{2, 20}),
        reflect::field<&R::prompt>(r::length{0, 5000}),
        reflect::field<&R::mode>(r::defaults_to<extend_mode>{extend_mode::end}),
        reflect::field<&R::model>(r::defaults_to<lightricks::model>{model::ltx_2_3_pro}),
        reflect::field<&R::context>(r::real_range{0, 20, true}),
        r::combinations<detail::pro_2_3_only, &R::model>{});
}

/// The body of `POST v2/video-to-video-hdr`: an SDR video to HDR frames (async only). The
/// frame cap of the input's size tier (181, 101 or 41 frames) is the server's to check.
struct hdr_request {
    /// The video. Required.
    std::string video_uri{};
};
BOOST_DESCRIBE_STRUCT(hdr_request, (), (video_uri))

constexpr auto ltx_schema(reflect::tag<hdr_request>) {
    return reflect::schema(
        reflect::field<&hdr_request::video_uri>(reflect::rules::required, rules::media_uri));
}

/// The body of `POST v2/video-to-video-reframe`: a video of at most 60 s and 1800 frames
/// re-framed to another aspect ratio (async only).
struct reframe_request {
    /// The video. Required.
    std::string video_uri{};
    /// `ltx-2-3-pro`. Required.
    std::optional<lightricks::model> model{};
    /// Required.
    std::optional<reframe_resolution> resolution{};
};
BOOST_DESCRIBE_STRUCT(reframe_request, (), (video_uri, model, resolution))

constexpr auto ltx_schema(reflect::tag<reframe_request>) {
    namespace r = reflect::rules;
    using R = reframe_request;
    return reflect::schema(reflect::field<&R::video_uri>(r::required, rules::media_uri),
                           reflect::field<&R::model>(r::required),
                           reflect::field<&R::resolution>(r::required),
                           r::combinations<detail::pro_2_3_only, &R::model>{});
}

/// The `202` of every v2 submit.
struct submitted_job {
    /// The job's id, opaque.
    std::string id{};
    /// ISO 8601 UTC.
    std::string created_at{};
};
BOOST_DESCRIBE_STRUCT(submitted_job, (), (id, created_at))

constexpr auto ltx_schema(reflect::tag<submitted_job>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&submitted_job::id>(r::required),
                           reflect::field<&submitted_job::created_at>(r::required));
}

/// `error` of a failed job, and of every error answer: a type from the table of the reference
/// (`invalid_request_error`, `rate_limit_error`, …) and a message.
struct error_detail {
    std::string type{};
    std::string message{};
};
BOOST_DESCRIBE_STRUCT(error_detail, (), (type, message))

/// The body of every error answer of the API host: `{"type": "error", "error": {...}}`.
struct error_envelope {
    std::string type{};
    std::optional<error_detail> error{};
};
BOOST_DESCRIBE_STRUCT(error_envelope, (), (type, error))

/// The URLs of a completed job's result, pre-signed (never send the key to them).
struct job_result {
    /// The MP4, for every endpoint but HDR.
    std::optional<std::string> video_url{};
    /// A ZIP of OpenEXR frames, for `video-to-video-hdr`.
    std::optional<std::string> exr_frames_url{};
};
BOOST_DESCRIBE_STRUCT(job_result, (), (video_url, exr_frames_url))

/// `GET v2/{endpoint}/{id}`. `status` is kept as text: `pending`, `processing`, `completed`,
/// `failed`, and any status a later server adds, which a client reads as still running.
struct job_status {
    std::string status{};
    std::string id{};
    std::string created_at{};
    /// Set once `completed` or `failed`.
    std::optional<std::string> completed_at{};
    /// Set when `completed`.
    std::optional<job_result> result{};
    /// Set when `failed`.
    std::optional<error_detail> error{};
};
BOOST_DESCRIBE_STRUCT(job_status, (), (status, id, created_at, completed_at, result, error))

/// The answer of `POST v1/upload`: PUT the file to `upload_url` with every header of
/// `required_headers` (verbatim) and no `Authorization`, then pass `storage_uri` as a media
/// input.
struct upload_ticket {
    std::string upload_url{};
    /// `ltx://uploads/<uuid>`, usable for 24 h once the PUT succeeded.
    std::string storage_uri{};
    /// When `upload_url` stops taking the PUT (ISO 8601 UTC, creation + 1 h).
    std::string expires_at{};
    /// Opaque; may be empty.
    std::map<std::string, std::string> required_headers{};
};
BOOST_DESCRIBE_STRUCT(upload_ticket, (), (upload_url, storage_uri, expires_at, required_headers))

} // namespace ltx::lightricks

#ifdef LTX_HEADER_ONLY
#include <ltx/lightricks/impl/models.ipp>
#endif

#endif
