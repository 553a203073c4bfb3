// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// LTX Studio behind the batch runner: the generator endpoints (`videos/ltx-create`,
// `videos/veo-create`, `images/create`, `images/edit`, `images/upscale`) over any client whose
// async calls complete a plain callback.
#ifndef LTX_BATCH_STUDIO_ADAPTER_HPP
#define LTX_BATCH_STUDIO_ADAPTER_HPP

#include <ltx/batch/endpoint_request.hpp>
#include <ltx/batch/runner.hpp>
#include <ltx/client.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace ltx::batch {

/// The LTX Studio endpoints a batch line may name: those that create a job. Alternative `i` of
/// `studio_request` is the body of the `i`-th.
using studio_endpoints =
    std::tuple<endpoints::create_video, endpoints::create_veo_video, endpoints::create_image,
               endpoints::edit_image, endpoints::upscale_image>;

/// One line of an LTX Studio batch: the request of one of `studio_endpoints`.
using studio_request = endpoint_request<studio_endpoints>;

/// The file name extension of the artifact an LTX Studio generator endpoint makes: `.mp4` for
/// the video creates, `.png` for the image ones (the reference: their artifact is a PNG).
template <class Endpoint> constexpr std::string_view studio_artifact_extension() noexcept {
    if constexpr (std::is_same_v<Endpoint, endpoints::create_video> ||
                  std::is_same_v<Endpoint, endpoints::create_veo_video>) {
        return ".mp4";
    } else {
        return ".png";
    }
}

/// The extension of the artifact `request`'s endpoint makes (see
/// `studio_artifact_extension<Endpoint>`).
inline std::string_view studio_artifact_extension(const studio_request& request) {
    return visit_endpoint<studio_endpoints>(request, [](auto endpoint, const auto&) {
        return studio_artifact_extension<typename decltype(endpoint)::type>();
    });
}

/// The runner's adapter for the LTX Studio generator endpoints (see `ltx::batch::runner`).
///
/// `Client` is an `ltx::basic_client` over an async transport that can sleep (the Asio
/// transport, or the callback runner's); the client and `transport` must outlive the adapter.
/// Line `i` is `requests[i]`, sent to its endpoint (`studio_endpoints`); its artifact is
/// written to `out_dir / out_names[i]`, or, when that name is empty, `<i + 1>.mp4` for a video
/// and `<i + 1>.png` for an image (`studio_artifact_extension`). Each create of an endpoint
/// whose request has a `replyRef` (every generator of the reference has one) carries a
/// reference by which the runner can find its job in `GET scheduler` if the answer is lost
/// (`finds_running_jobs`); a request without `replyRef` carries none (`reply_ref` is "") and
/// its line, if its answer is lost, cannot be looked up. Each call's diagnostics live in the
/// operation's own shared state until its callback has run.
template <class Client, class Transport> class studio_adapter {
public:
    using job_type = ltx::job;

    /// The adapter for the lines `requests`, of any Studio generator endpoint.
    studio_adapter(Client& client, Transport& transport, std::vector<studio_request> requests,
                   std::filesystem::path out_dir, std::vector<std::string> out_names = {},
                   wait_options wait = {})
        : client_(client), transport_(transport), requests_(std::move(requests)),
          out_dir_(std::move(out_dir)), out_names_(std::move(out_names)), wait_(std::move(wait)) {
        for (const auto& r : requests_) {
            if (auto own = own_ref(r)) {
                ++own_ref_uses_[*own];
            }
        }
    }

    /// The adapter for `videos/ltx-create` lines alone.
    studio_adapter(Client& client, Transport& transport, std::vector<ltx_create_request> requests,
                   std::filesystem::path out_dir, std::vector<std::string> out_names = {},
                   wait_options wait = {})
        : studio_adapter(client, transport,
                         std::vector<studio_request>(std::make_move_iterator(requests.begin()),
                                                     std::make_move_iterator(requests.end())),
                         std::move(out_dir), std::move(out_names), std::move(wait)) {}

    /// The `replyRef` line `index`'s create carries: `tag` (from the runner, unique to the line
    /// and the run), or the line's own `replyRef` when no other line of the batch has the same,
    /// or "" (none the runner can rely on) when one has, or when the line's endpoint takes no
    /// `replyRef`.
    std::string reply_ref(std::size_t index, std::string tag) const {
        const auto& line = requests_.at(index);
        if (!takes_reply_ref(line)) {
            return {};
        }
        const auto own = own_ref(line);
        if (!own) {
            return tag;
        }
        return own_ref_uses_.at(*own) == 1 ? *own : std::string{};
    }

    /// Sends line `index`'s create to its endpoint, carrying `reply_ref` unless the line has its
    /// own (or its endpoint takes none).
    template <class Handler>
    void async_submit(std::size_t index, std::string reply_ref, Handler h) {
        auto diag = std::make_shared<diagnostics>();
        visit_endpoint<studio_endpoints>(requests_.at(index), [&](auto endpoint, const auto& line) {
            using E = typename decltype(endpoint)::type;
            auto send = [&](const typename E::request& request) {
                client_.template async_call<E>(
                    request,
                    [diag, h = std::move(h)](std::error_code ec, typename E::response r) mutable {
                        h(ec, std::move(*diag), std::move(r.jobId));
                    },
                    diag.get());
            };
            if constexpr (requires { line.replyRef; }) {
                if (!line.replyRef && !reply_ref.empty()) {
                    auto tagged = line;
                    tagged.replyRef = std::move(reply_ref);
                    send(tagged);
                    return;
                }
            }
            send(line);
        });
    }

    /// Lists the running jobs (`GET scheduler`) with their `replyRef`.
    template <class Handler> void async_list_running(Handler h) {
        auto diag = std::make_shared<diagnostics>();
        client_.template async_call<endpoints::list_scheduled_jobs>(
            {},
            [diag, h = std::move(h)](std::error_code ec, scheduled_jobs jobs) mutable {
                std::vector<running_job> running;
                for (auto& j : jobs) {
                    running.push_back({j.replyRef.value_or(""), std::move(j.jobId)});
                }
                h(ec, std::move(*diag), std::move(running));
            },
            diag.get());
    }

    template <class Handler>
    void async_wait(std::string job_id, std::shared_ptr<cancellation::state> cancel, Handler h) {
        async_wait(std::move(job_id), std::move(cancel), {}, std::move(h));
    }

    /// As the wait above, calling `polled` after each poll with the job's state and progress
    /// (`reports_polls`), after the `on_progress` of the adapter's wait options; an empty
    /// `polled` is not called.
    template <class Handler>
    void async_wait(std::string job_id, std::shared_ptr<cancellation::state> cancel,
                    std::function<void(const poll_status&)> polled, Handler h) {
        detail::async_wait_line(client_, std::move(job_id), wait_, std::move(cancel),
                                std::move(polled), &poll_of, std::move(h));
    }

    template <class Handler> void async_download(const job& done, std::size_t index, Handler h) {
        detail::async_download_line(client_, done, out_dir_, out_names_, index,
                                    studio_artifact_extension(requests_.at(index)), std::move(h));
    }

    template <class Handler> void async_sleep(std::chrono::milliseconds delay, Handler h) {
        detail::async_sleep_then(transport_, delay, std::move(h));
    }

private:
    // What a poll of `j` said: its state and progress.
    static poll_status poll_of(const job& j) {
        poll_status status;
        if (const auto state = state_of(j)) {
            status.state = reflect::to_wire(*state).value_or(std::string_view{});
        }
        if (j.status && j.status->progress) {
            status.percent = *j.status->progress;
        }
        return status;
    }

    static bool takes_reply_ref(const studio_request& r) {
        return std::visit(
            [](const auto& req) {
                return requires {
                    req.replyRef;
                };
            },
            r);
    }
    static std::optional<std::string> own_ref(const studio_request& r) {
        return std::visit(
            [](const auto& req) -> std::optional<std::string> {
                if constexpr (requires { req.replyRef; }) {
                    return req.replyRef;
                } else {
                    return std::nullopt;
                }
            },
            r);
    }

    Client& client_;
    Transport& transport_;
    std::vector<studio_request> requests_;
    std::map<std::string, std::size_t> own_ref_uses_; // lines per `replyRef` the input sets
    std::filesystem::path out_dir_;
    std::vector<std::string> out_names_;
    wait_options wait_;
};

} // namespace ltx::batch

#endif
