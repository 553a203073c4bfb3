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
/// `<i>.mp4` when that name is empty). Each call's diagnostics live in the operation's own
/// shared state until its callback has run.
template <class Client, class Transport> class studio_adapter {
public:
    using job_type = ltx::job;

    studio_adapter(Client& client, Transport& transport, std::vector<ltx_create_request> requests,
                   std::filesystem::path out_dir, std::vector<std::string> out_names = {},
                   wait_options wait = {})
        : client_(client), transport_(transport), requests_(std::move(requests)),
          out_dir_(std::move(out_dir)), out_names_(std::move(out_names)), wait_(std::move(wait)) {}

    template <class Handler> void async_submit(std::size_t index, Handler h) {
        auto diag = std::make_shared<diagnostics>();
        client_.template async_call<endpoints::create_video>(
            requests_.at(index),
            [diag, h = std::move(h)](std::error_code ec, ltx_create_response r) mutable {
                h(ec, std::move(*diag), std::move(r.jobId));
            },
            diag.get());
    }

    template <class Handler>
    void async_wait(std::string job_id, std::shared_ptr<cancellation::state> cancel, Handler h) {
        auto diag = std::make_shared<diagnostics>();
        auto opts = wait_;
        opts.cancel = std::move(cancel);
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
    std::filesystem::path out_dir_;
    std::vector<std::string> out_names_;
    wait_options wait_;
};

} // namespace ltx::batch

#endif
