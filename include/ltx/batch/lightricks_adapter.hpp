// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The official LTX API behind the batch runner: the v2 submits (`v2/text-to-video`, ...), their
// jobs followed and their results downloaded, over any client whose async calls complete a
// plain callback.
#ifndef LTX_BATCH_LIGHTRICKS_ADAPTER_HPP
#define LTX_BATCH_LIGHTRICKS_ADAPTER_HPP

#include <ltx/batch/endpoint_request.hpp>
#include <ltx/batch/runner.hpp>
#include <ltx/lightricks.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ltx::batch {

/// The official LTX API's endpoints a batch line may name: the v2 submits, each a job.
/// Alternative `i` of `lightricks_request` is the body of the `i`-th; a batch file names them
/// by their paths as the reference writes them (`v2/text-to-video`, `v2/image-to-video`,
/// `v2/audio-to-video`, `v2/retake`, `v2/extend`, `v2/video-to-video-hdr`,
/// `v2/video-to-video-reframe`).
using lightricks_endpoints =
    std::tuple<lightricks::endpoints::submit_text_to_video,
               lightricks::endpoints::submit_image_to_video,
               lightricks::endpoints::submit_audio_to_video, lightricks::endpoints::submit_retake,
               lightricks::endpoints::submit_extend, lightricks::endpoints::submit_hdr,
               lightricks::endpoints::submit_reframe>;

/// One line of an official-API batch: the request of one of `lightricks_endpoints`.
using lightricks_request = endpoint_request<lightricks_endpoints>;

/// The file name extension of a completed job's result: `.zip` when it is a ZIP of OpenEXR
/// frames (`result.exr_frames_url`, what `v2/video-to-video-hdr` makes), else `.mp4`.
inline std::string_view lightricks_artifact_extension(const lightricks::job_status& done) {
    const bool frames = done.result &&
                        !(done.result->video_url && !done.result->video_url->empty()) &&
                        done.result->exr_frames_url && !done.result->exr_frames_url->empty();
    return frames ? ".zip" : ".mp4";
}

/// The runner's adapter for the official LTX API's v2 jobs (see `ltx::batch::runner`).
///
/// `Client` is an `ltx::lightricks::basic_client` over an async transport that can sleep (the
/// Asio transport, or the callback runner's); the client and `transport` must outlive the
/// adapter. Line `i` is `requests[i]`, submitted to its endpoint (`lightricks_endpoints`); the
/// job is followed with the client's `async_wait` and its result downloaded to
/// `out_dir / out_names[i]`, or, when that name is empty, `<i + 1>.mp4` (`<i + 1>.zip` for a
/// ZIP of frames: `lightricks_artifact_extension`).
///
/// The job id a submit reports to the runner, and the journal keeps, is
/// `<generator>/<id>` (`text-to-video/5f0c…`): a v2 job is named by its endpoint and its id,
/// the two arguments of `ltx lightricks status`.
///
/// The API lists no running jobs and a submit carries no reference of the caller's, so this
/// adapter does not model `finds_running_jobs`: a line whose submit may have reached the server
/// (`unknown`) cannot be looked up, and stays `unknown` unless the run is told to resubmit it
/// (`run_options::resubmit_unknown`, which may pay for a second job). Each call's diagnostics
/// live in the operation's own shared state until its callback has run.
template <class Client, class Transport> class lightricks_adapter {
public:
    using job_type = lightricks::job_status;

    /// The adapter for the lines `requests`.
    lightricks_adapter(Client& client, Transport& transport,
                       std::vector<lightricks_request> requests, std::filesystem::path out_dir,
                       std::vector<std::string> out_names = {}, lightricks::wait_options wait = {})
        : client_(client), transport_(transport), requests_(std::move(requests)),
          out_dir_(std::move(out_dir)), out_names_(std::move(out_names)), wait_(std::move(wait)) {}

    /// Submits line `index` to its endpoint; `h(std::error_code, diagnostics, job id)` with the
    /// job id as `<generator>/<id>`.
    template <class Handler> void async_submit(std::size_t index, Handler h) {
        auto diag = std::make_shared<diagnostics>();
        visit_endpoint<lightricks_endpoints>(
            requests_.at(index), [&](auto endpoint, const auto& request) {
                using E = typename decltype(endpoint)::type;
                client_.template async_call<E>(
                    request,
                    [diag, h = std::move(h)](std::error_code ec,
                                             lightricks::submitted_job job) mutable {
                        std::string id;
                        if (!ec) {
                            id = std::string{*reflect::to_wire(E::generator)};
                            id += '/';
                            id += job.id;
                        }
                        h(ec, std::move(*diag), std::move(id));
                    },
                    diag.get());
            });
    }

    /// Follows the job `job_id` (`<generator>/<id>`) until it ends; `h(std::error_code,
    /// diagnostics, lightricks::job_status)`. An id of another form fails with
    /// `errc::invalid_request`.
    template <class Handler>
    void async_wait(std::string job_id, std::shared_ptr<cancellation::state> cancel, Handler h) {
        async_wait(std::move(job_id), std::move(cancel), {}, std::move(h));
    }

    /// As the wait above, calling `polled` after each poll with the job's `status` (the API
    /// reports no percentage) (`reports_polls`), after the `on_progress` of the adapter's wait
    /// options; an empty `polled` is not called.
    template <class Handler>
    void async_wait(std::string job_id, std::shared_ptr<cancellation::state> cancel,
                    std::function<void(const poll_status&)> polled, Handler h) {
        auto diag = std::make_shared<diagnostics>();
        const auto slash = job_id.find('/');
        const auto generator = slash == std::string::npos
                                   ? std::nullopt
                                   : reflect::from_wire<lightricks::generator>(
                                         std::string_view{job_id}.substr(0, slash));
        if (!generator) {
            diag->detail = "not a job id of the form <generator>/<id>: " + job_id;
            transport_.async_sleep(
                std::chrono::milliseconds{0}, [diag, h = std::move(h)](std::error_code) mutable {
                    h(make_error_code(errc::invalid_request), std::move(*diag), job_type{});
                });
            return;
        }
        detail::async_wait_line(
            client_, lightricks::job_ref{*generator, job_id.substr(slash + 1)}, wait_,
            std::move(cancel), std::move(polled),
            [](const job_type& j) {
                return poll_status{j.status, std::nullopt};
            },
            std::move(h));
    }

    /// Downloads the result of the job `done` of line `index`; `h(std::error_code, file,
    /// bytes)`.
    template <class Handler>
    void async_download(const job_type& done, std::size_t index, Handler h) {
        detail::async_download_line(client_, done, out_dir_, out_names_, index,
                                    lightricks_artifact_extension(done), std::move(h));
    }

    /// `h()` after `delay`.
    template <class Handler> void async_sleep(std::chrono::milliseconds delay, Handler h) {
        detail::async_sleep_then(transport_, delay, std::move(h));
    }

private:
    Client& client_;
    Transport& transport_;
    std::vector<lightricks_request> requests_;
    std::filesystem::path out_dir_;
    std::vector<std::string> out_names_;
    lightricks::wait_options wait_;
};

} // namespace ltx::batch

#endif
