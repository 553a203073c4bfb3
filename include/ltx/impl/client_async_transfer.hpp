// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The async uploads and downloads of the client: the same preparation, retry rules and
// download machine as the sync forms, run over `transport.async_send` and `async_sleep`.
#ifndef LTX_IMPL_CLIENT_ASYNC_TRANSFER_HPP
#define LTX_IMPL_CLIENT_ASYNC_TRANSFER_HPP

#include <ltx/client.hpp>
#include <ltx/detail/download.hpp>

#include <memory>
#include <utility>

namespace ltx::detail {

// One download into a file with its retries. Owns itself through the shared_ptr copies held
// by the pending completion handlers; the handler runs exactly once.
template <class Transport, class Clock, class Handler>
struct async_download_op
    : std::enable_shared_from_this<async_download_op<Transport, Clock, Handler>> {
    async_download_op(Transport& t, Clock& c, http::request r, const std::filesystem::path& path,
                      download_options o, retry_machine m, Handler h, diagnostics* d)
        : transport(t), clock(c), req(std::move(r)), file(path),
          machine([this](std::string_view chunk) { return file.write(chunk); }, std::move(o),
                  std::move(m)),
          handler(std::move(h)), diag_out(d) {
        machine.attach(req);
    }

    void attempt() {
        if (machine.cancelled())
            return finish(errc::cancelled);
        machine.begin_attempt();
        transport.async_send(
            req, [self = this->shared_from_this()](std::error_code tec, http::response resp) {
                self->on_response(tec, resp);
            });
    }

    void on_response(std::error_code tec, const http::response& resp) {
        std::error_code ec;
        const auto d = machine.on_attempt(tec, resp, clock.now(), ec, diag);
        if (d.kind != retry_decision::retry)
            return finish(ec);
        transport.async_sleep(d.delay, [self = this->shared_from_this()](std::error_code e) {
            if (e)
                return self->finish(e);
            self->attempt();
        });
    }

    void finish(std::error_code ec) {
        file.commit(ec, diag);
        if (diag_out)
            *diag_out = std::move(diag);
        auto h = std::move(handler);
        std::move(h)(ec, ec ? std::uint64_t{0} : machine.received());
    }

    Transport& transport;
    Clock& clock;
    http::request req;
    part_file file;
    download_machine machine;
    Handler handler;
    diagnostics* diag_out;
    diagnostics diag;
};

} // namespace ltx::detail

namespace ltx {

template <class Transport, class Clock>
template <class Handler>
void basic_client<Transport, Clock>::start_upload(http::body body, const upload_options& opts,
                                                  Handler&& handler, diagnostics* diag) {
    std::error_code ec;
    diagnostics d;
    http::request hr;
    const bool ready = prepare_upload(std::move(body), opts, hr, ec, d);
    async_run<upload_asset_response>(ready, ec, std::move(d), std::move(hr),
                                     endpoints::upload_asset::retry_safe,
                                     std::forward<Handler>(handler), diag);
}

template <class Transport, class Clock>
template <class Handler>
void basic_client<Transport, Clock>::start_upload_file(const std::filesystem::path& path,
                                                       const upload_options& opts,
                                                       Handler&& handler, diagnostics* diag) {
    std::error_code ec;
    diagnostics d;
    auto file = open_file_body(path, ec, d);
    if (!file)
        return async_fail<upload_asset_response>(ec, std::move(d), std::forward<Handler>(handler),
                                                 diag);
    start_upload(std::move(*file), opts, std::forward<Handler>(handler), diag);
}

template <class Transport, class Clock>
template <class Handler>
void basic_client<Transport, Clock>::start_download(const std::string& url,
                                                    const std::filesystem::path& path,
                                                    download_options opts, Handler&& handler,
                                                    diagnostics* diag) {
    static_assert(async_transport<Transport> && async_sleeper<Transport>,
                  "async calls need a transport modelling ltx::async_transport and "
                  "ltx::async_sleeper");
    std::error_code ec;
    diagnostics d;
    http::request hr;
    if (!prepare_download(url, hr, ec, d))
        return async_fail<std::uint64_t>(ec, std::move(d), std::forward<Handler>(handler), diag);
    using op_t = detail::async_download_op<Transport, Clock, std::decay_t<Handler>>;
    auto op =
        std::make_shared<op_t>(transport_, clock_, std::move(hr), path, std::move(opts),
                               detail::retry_machine{config_.retry, true, detail::next_seed(seed_)},
                               std::forward<Handler>(handler), diag);
    if (!op->file.is_open()) {
        d.detail = "cannot write " + op->file.temp_path().string();
        return async_fail<std::uint64_t>(errc::file_error, std::move(d), std::move(op->handler),
                                         diag);
    }
    op->attempt();
}

} // namespace ltx

#endif
