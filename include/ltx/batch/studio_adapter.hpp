// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// LTX Studio behind the batch runner: video creates (`videos/ltx-create`) over any client whose
// async calls complete a plain callback.
#ifndef LTX_BATCH_STUDIO_ADAPTER_HPP
#define LTX_BATCH_STUDIO_ADAPTER_HPP

#include <ltx/batch/runner.hpp>
#include <ltx/client.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace ltx::batch {

/// The runner's adapter for LTX Studio video creates (see `ltx::batch::runner`).
///
/// `Client` is an `ltx::basic_client` over an async transport that can sleep (the Asio
/// transport, or the callback runner's); the client and `transport` must outlive the adapter.
/// Line `i` is `requests[i]`; its artifact is written to `out_dir / out_names[i]` (or
/// `<i>.mp4` when that name is empty). Each create carries a `replyRef` by which the runner can
/// find its job in `GET scheduler` if the answer is lost (`finds_running_jobs`). Each call's
/// diagnostics live in the operation's own shared state until its callback has run.
template <class Client, class Transport> class studio_adapter {
public:
    using job_type = ltx::job;

    studio_adapter(Client& client, Transport& transport, std::vector<ltx_create_request> requests,
                   std::filesystem::path out_dir, std::vector<std::string> out_names = {},
                   wait_options wait = {})
        : client_(client), transport_(transport), requests_(std::move(requests)),
          out_dir_(std::move(out_dir)), out_names_(std::move(out_names)), wait_(std::move(wait)) {
        for (const auto& r : requests_) {
            if (r.replyRef) {
                ++own_ref_uses_[*r.replyRef];
            }
        }
    }

    /// The `replyRef` line `index`'s create carries: `tag` (from the runner, unique to the line
    /// and the run), or the line's own `replyRef` when no other line of the batch has the same,
    /// or "" (none the runner can rely on) when one has.
    std::string reply_ref(std::size_t index, std::string tag) const {
        const auto& own = requests_.at(index).replyRef;
        if (!own) {
            return tag;
        }
        return own_ref_uses_.at(*own) == 1 ? *own : std::string{};
    }

    /// Sends line `index`'s create, carrying `reply_ref` unless the line has its own.
    template <class Handler>
    void async_submit(std::size_t index, std::string reply_ref, Handler h) {
        auto diag = std::make_shared<diagnostics>();
        const auto& line = requests_.at(index);
        auto send = [&](const ltx_create_request& request) {
            client_.template async_call<endpoints::create_video>(
                request,
                [diag, h = std::move(h)](std::error_code ec, ltx_create_response r) mutable {
                    h(ec, std::move(*diag), std::move(r.jobId));
                },
                diag.get());
        };
        if (line.replyRef || reply_ref.empty()) {
            send(line);
        } else {
            auto tagged = line;
            tagged.replyRef = std::move(reply_ref);
            send(tagged);
        }
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
        auto diag = std::make_shared<diagnostics>();
        auto opts = wait_;
        opts.cancel = std::move(cancel);
        if (polled) {
            opts.on_progress = [polled = std::move(polled),
                                own = std::move(opts.on_progress)](const job& j) {
                if (own) {
                    own(j);
                }
                poll_status status;
                if (const auto state = state_of(j)) {
                    status.state = reflect::to_wire(*state).value_or(std::string_view{});
                }
                if (j.status && j.status->progress) {
                    status.percent = *j.status->progress;
                }
                polled(status);
            };
        }
        client_.async_wait(
            std::move(job_id), std::move(opts),
            [diag, h = std::move(h)](std::error_code ec, job j) mutable {
                h(ec, std::move(*diag), std::move(j));
            },
            diag.get());
    }

    template <class Handler> void async_download(const job& done, std::size_t index, Handler h) {
        const std::string name = index < out_names_.size() && !out_names_[index].empty()
                                     ? out_names_[index]
                                     : std::to_string(index) + ".mp4";
        auto path = out_dir_ / name;
        client_.async_download(
            done, path, download_options{},
            [path, h = std::move(h)](std::error_code ec, std::uint64_t size) mutable {
                h(ec, path.string(), size);
            });
    }

    template <class Handler> void async_sleep(std::chrono::milliseconds delay, Handler h) {
        transport_.async_sleep(delay, [h = std::move(h)](std::error_code) mutable { h(); });
    }

private:
    Client& client_;
    Transport& transport_;
    std::vector<ltx_create_request> requests_;
    std::map<std::string, std::size_t> own_ref_uses_; // lines per `replyRef` the input sets
    std::filesystem::path out_dir_;
    std::vector<std::string> out_names_;
    wait_options wait_;
};

} // namespace ltx::batch

#endif
