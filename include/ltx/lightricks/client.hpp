// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_LIGHTRICKS_CLIENT_HPP
#define LTX_LIGHTRICKS_CLIENT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/basic_api_client.hpp>
#include <ltx/lightricks/api.hpp>
#include <ltx/lightricks/detail/upload.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::lightricks {

/// The official LTX API client (`https://api.ltx.video`) over any transport: the `v2` jobs
/// (submit, status, `wait`, `download`), the `v1` calls that answer with the MP4 (streamed to
/// a file or a sink, never held whole), and the signed-URL upload.
///
/// It is `ltx::basic_api_client` over `lightricks::api`: the retries, waits, downloads,
/// validation, transports and completion tokens are those of the LTX Studio client, and so
/// are the forms of every call (throwing, `(std::error_code&, ltx::diagnostics&)`, `async_`
/// with any token the transport takes). Failures carry the API's `error.type` in
/// `diagnostics::error_type` (`error_type_of` reads it) and its `x-request-id` in
/// `diagnostics::request_id`.
///
/// No submit (`v1` or `v2`) is ever sent twice once a byte of it may have reached the server,
/// nor after a 429 (the call fails with `errc::too_many_requests`; submitting again is the
/// caller's decision): each is a billed job.
///
/// ```
/// ltx::lightricks::basic_client api{http, ltx::lightricks::default_config(key)};
/// auto image = api.upload_file("start.png");
/// auto sub = api.submit_image_to_video({.image_uri = image, .prompt = "waves",
///     .model = ltx::lightricks::model::ltx_2_3_fast, .duration = 5,
///     .resolution = ltx::lightricks::resolution::r1920x1080});
/// auto done = api.wait({ltx::lightricks::generator::image_to_video, sub.id});
/// api.download(done, "out.mp4");
/// ```
template <class Transport, class Clock = system_clock_source>
class basic_client : public basic_api_client<api, Transport, Clock> {
    using base = basic_api_client<api, Transport, Clock>;

public:
    using typename base::default_token;

    /// A client sending through `transport` as `cfg` says (`default_config(key)` for the
    /// provider's host).
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL, or
    /// when `cfg.token` or `cfg.user_agent` holds CR, LF or NUL.
    basic_client(Transport& transport, ltx::config cfg, Clock clock = {})
        : base(transport, std::move(cfg), std::move(clock)) {}

    // ---- v2: jobs ----------------------------------------------------------------------------

    /// Submits a `v2` job to endpoint `E` (see `lightricks::endpoints`, `submit_*`): the
    /// `202`'s id, which with `E::generator` names the job for `get_status`, `wait`.
    template <class E> submitted_job submit(const typename E::request& req) {
        return this->template call<E>(req);
    }
    template <class E>
    submitted_job submit(const typename E::request& req, std::error_code& ec, diagnostics& diag) {
        return this->template call<E>(req, ec, diag);
    }
    /// `submit` asynchronously; signature `void(std::error_code, submitted_job)`. As
    /// `async_call` (see `ltx::basic_api_client`): a submit that may have reached the server
    /// completes with `errc::outcome_unknown` and is not sent again.
    template <class E, class Token = default_token>
    auto async_submit(const typename E::request& req, Token&& token = {}) {
        return this->template async_call<E>(req, std::forward<Token>(token));
    }

    /// `POST v2/text-to-video`.
    submitted_job submit_text_to_video(const text_to_video_request& req) {
        return submit<endpoints::submit_text_to_video>(req);
    }
    submitted_job submit_text_to_video(const text_to_video_request& req, std::error_code& ec,
                                       diagnostics& diag) {
        return submit<endpoints::submit_text_to_video>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_text_to_video(const text_to_video_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_text_to_video>(req, std::forward<Token>(token));
    }

    /// `POST v2/image-to-video`.
    submitted_job submit_image_to_video(const image_to_video_request& req) {
        return submit<endpoints::submit_image_to_video>(req);
    }
    submitted_job submit_image_to_video(const image_to_video_request& req, std::error_code& ec,
                                        diagnostics& diag) {
        return submit<endpoints::submit_image_to_video>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_image_to_video(const image_to_video_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_image_to_video>(req, std::forward<Token>(token));
    }

    /// `POST v2/audio-to-video`.
    submitted_job submit_audio_to_video(const audio_to_video_request& req) {
        return submit<endpoints::submit_audio_to_video>(req);
    }
    submitted_job submit_audio_to_video(const audio_to_video_request& req, std::error_code& ec,
                                        diagnostics& diag) {
        return submit<endpoints::submit_audio_to_video>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_audio_to_video(const audio_to_video_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_audio_to_video>(req, std::forward<Token>(token));
    }

    /// `POST v2/retake`.
    submitted_job submit_retake(const retake_request& req) {
        return submit<endpoints::submit_retake>(req);
    }
    submitted_job submit_retake(const retake_request& req, std::error_code& ec, diagnostics& diag) {
        return submit<endpoints::submit_retake>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_retake(const retake_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_retake>(req, std::forward<Token>(token));
    }

    /// `POST v2/extend`.
    submitted_job submit_extend(const extend_request& req) {
        return submit<endpoints::submit_extend>(req);
    }
    submitted_job submit_extend(const extend_request& req, std::error_code& ec, diagnostics& diag) {
        return submit<endpoints::submit_extend>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_extend(const extend_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_extend>(req, std::forward<Token>(token));
    }

    /// `POST v2/video-to-video-hdr`: its result is `result.exr_frames_url`, a ZIP of frames.
    submitted_job submit_hdr(const hdr_request& req) { return submit<endpoints::submit_hdr>(req); }
    submitted_job submit_hdr(const hdr_request& req, std::error_code& ec, diagnostics& diag) {
        return submit<endpoints::submit_hdr>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_hdr(const hdr_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_hdr>(req, std::forward<Token>(token));
    }

    /// `POST v2/video-to-video-reframe`.
    submitted_job submit_reframe(const reframe_request& req) {
        return submit<endpoints::submit_reframe>(req);
    }
    submitted_job submit_reframe(const reframe_request& req, std::error_code& ec,
                                 diagnostics& diag) {
        return submit<endpoints::submit_reframe>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_reframe(const reframe_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_reframe>(req, std::forward<Token>(token));
    }

    /// `GET v2/{endpoint}/{id}`: the job's status (`errc::not_found` for an unknown,
    /// mismatched or expired job).
    job_status get_status(const job_ref& job) {
        return this->template call<endpoints::get_status>(job);
    }
    job_status get_status(const job_ref& job, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::get_status>(job, ec, diag);
    }
    template <class Token = default_token>
    auto async_get_status(const job_ref& job, Token&& token = {}) {
        return this->template async_call<endpoints::get_status>(job, std::forward<Token>(token));
    }

    // ---- v1: the MP4 in the answer -------------------------------------------------------

    /// Calls the `v1` endpoint `E` (see `lightricks::endpoints`: `text_to_video`, ...) and
    /// streams the MP4 of its `200` into `path`, through a temporary file renamed into place
    /// at the end (a failure leaves no file). Returns the bytes written. Sent once: a
    /// connection lost after the request may have reached the server fails with
    /// `errc::outcome_unknown`. The connection is held while the video is made: its time limit
    /// is the larger of `config::request_timeout` and `render_timeout`.
    template <class E>
    std::uint64_t render(const typename E::request& req, const std::filesystem::path& path,
                         const download_options& opts = {}) {
        return this->or_throw(
            [&](std::error_code& ec, diagnostics& d) { return render<E>(req, path, opts, ec, d); });
    }
    template <class E>
    std::uint64_t render(const typename E::request& req, const std::filesystem::path& path,
                         const download_options& opts, std::error_code& ec, diagnostics& diag) {
        auto op = make_render<E>(req, {}, path, opts)();
        return this->run_sync(op, ec, diag);
    }
    /// As `render(req, path, opts, ec, diag)`, into `sink` (which returns an error to stop; an
    /// empty piece means a new attempt starts over).
    template <class E>
    std::uint64_t render(const typename E::request& req,
                         const std::function<std::error_code(std::string_view)>& sink,
                         const download_options& opts, std::error_code& ec, diagnostics& diag) {
        auto op = make_render<E>(req, sink, {}, opts)();
        return this->run_sync(op, ec, diag);
    }
    /// `render` asynchronously, into `path`; signature `void(std::error_code, std::uint64_t)`.
    /// Cancellation and executors as `async_download` (see `ltx::basic_api_client`).
    template <class E, class Token = default_token>
    auto async_render(const typename E::request& req, const std::filesystem::path& path,
                      download_options opts, Token&& token = {}) {
        return this->template run_async<ltx::detail::download_op>(
            std::forward<Token>(token), nullptr, make_render<E>(req, {}, path, std::move(opts)));
    }
    template <class E, class Token = default_token>
    requires(!std::is_convertible_v<Token, const download_options&>) auto async_render(
        const typename E::request& req, const std::filesystem::path& path, Token&& token = {}) {
        return async_render<E>(req, path, download_options{}, std::forward<Token>(token));
    }

    /// The shortest time limit of a `v1` call.
    static constexpr std::chrono::milliseconds render_timeout{std::chrono::minutes{10}};

    /// `POST v1/text-to-video` into `path`.
    std::uint64_t text_to_video(const text_to_video_request& req, const std::filesystem::path& path,
                                const download_options& opts = {}) {
        return render<endpoints::text_to_video>(req, path, opts);
    }
    /// `POST v1/image-to-video` into `path`.
    std::uint64_t image_to_video(const image_to_video_request& req,
                                 const std::filesystem::path& path,
                                 const download_options& opts = {}) {
        return render<endpoints::image_to_video>(req, path, opts);
    }
    /// `POST v1/audio-to-video` into `path`.
    std::uint64_t audio_to_video(const audio_to_video_request& req,
                                 const std::filesystem::path& path,
                                 const download_options& opts = {}) {
        return render<endpoints::audio_to_video>(req, path, opts);
    }
    /// `POST v1/retake` into `path`.
    std::uint64_t retake(const retake_request& req, const std::filesystem::path& path,
                         const download_options& opts = {}) {
        return render<endpoints::retake>(req, path, opts);
    }
    /// `POST v1/extend` into `path`.
    std::uint64_t extend(const extend_request& req, const std::filesystem::path& path,
                         const download_options& opts = {}) {
        return render<endpoints::extend>(req, path, opts);
    }

    // ---- upload ------------------------------------------------------------------------------

    /// Uploads the file at `path`: `POST v1/upload`, then a `PUT` of the file to the ticket's
    /// `upload_url` with every `required_headers` pair, the file's MIME type (detected from
    /// its first bytes, then its name, unless `mime_type` is given) and no `Authorization`.
    /// Returns the `storage_uri` to pass as `image_uri`, `video_uri`, ... Both steps are
    /// retried as GETs are: neither creates billed work, and a second PUT replaces the bytes.
    std::string upload_file(const std::filesystem::path& path,
                            std::optional<std::string> mime_type = std::nullopt) {
        return this->or_throw([&](std::error_code& ec, diagnostics& d) {
            return upload_file(path, std::move(mime_type), ec, d);
        });
    }
    std::string upload_file(const std::filesystem::path& path, std::optional<std::string> mime_type,
                            std::error_code& ec, diagnostics& diag) {
        auto op = make_upload(path, std::move(mime_type))();
        return this->run_sync(op, ec, diag);
    }
    /// `upload_file` asynchronously; signature `void(std::error_code, std::string)`: the
    /// `storage_uri`. The file is opened before the call returns and read as it is sent.
    template <class Token = default_token>
    auto async_upload_file(const std::filesystem::path& path, Token&& token = {}) {
        return this->template run_async<detail::upload_op<api>>(std::forward<Token>(token), nullptr,
                                                                make_upload(path, std::nullopt));
    }

private:
    template <class E>
    ltx::detail::download_recipe
    make_render(const typename E::request& req, ltx::detail::chunk_sink sink,
                const std::filesystem::path& path, download_options opts) {
        ltx::detail::download_recipe r{false,
                                       {},
                                       {},
                                       {},
                                       std::move(sink),
                                       path,
                                       std::move(opts),
                                       this->retry_for(E::retry_safe),
                                       {&api::read_error, this->secret()}};
        r.ok = this->template prepare<E>(req, {}, {}, r.req, r.ec, r.diag);
        if (r.ok) {
            r.req.headers.set("Accept", "video/mp4, application/json");
            if (r.req.timeout < render_timeout)
                r.req.timeout = render_timeout;
        }
        return r;
    }

    detail::upload_recipe<api> make_upload(const std::filesystem::path& path,
                                           std::optional<std::string> mime_type) {
        detail::upload_recipe<api> r{false,
                                     {},
                                     {},
                                     {},
                                     {},
                                     {},
                                     this->retry_for(true),
                                     this->retry_for(true),
                                     this->secret(),
                                     this->config_.user_agent,
                                     this->config_.request_timeout};
        auto file = this->open_file_body(path, r.ec, r.diag);
        if (!file)
            return r;
        if (file->size() == 0) {
            r.ec = errc::invalid_request;
            r.diag.detail = "the file is empty";
            return r;
        }
        r.body = http::body{std::move(*file)};
        r.content_type =
            mime_type ? std::move(*mime_type) : this->detect_body_mime(r.body, r.ec, r.diag);
        if (r.ec)
            return r;
        r.ok = this->template prepare<endpoints::create_upload>({}, {}, {}, r.ticket_req, r.ec,
                                                                r.diag);
        return r;
    }
};

} // namespace ltx::lightricks

#endif
