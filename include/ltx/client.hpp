// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_CLIENT_HPP
#define LTX_CLIENT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/config.hpp>
#include <ltx/detail/download.hpp>
#include <ltx/detail/retry.hpp>
#include <ltx/detail/wait.hpp>
#include <ltx/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/method.hpp>
#include <ltx/http/transport.hpp>
#include <ltx/http/url.hpp>
#include <ltx/mime.hpp>
#include <ltx/options.hpp>
#include <ltx/validation_error.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>

namespace ltx {

/// A file body streamed from disk: `api.upload_asset(ltx::file_body{"start.png"})`.
using http::file_body;

/// The default time source of the client: the system clock, and a blocking sleep for the
/// synchronous calls. Tests substitute a simulated clock with the same two members.
struct system_clock_source {
    std::chrono::system_clock::time_point now() const { return std::chrono::system_clock::now(); }
    void sleep_for(std::chrono::milliseconds d) const { std::this_thread::sleep_for(d); }
};

/// An asynchronous transport that can also wait: `t.async_sleep(delay, handler)` calls
/// `handler(std::error_code)` once after `delay`. The client's async calls need it for the
/// pauses between retries and polls.
template <class T>
concept async_sleeper = requires(T& t, std::chrono::milliseconds d) {
    t.async_sleep(d, [](std::error_code) {});
};

/// How an async call turns its completion token into a handler and a return value.
/// By default the token is the handler itself, a callable `void(std::error_code, R)`, and the
/// call returns nothing. A transport library specialises it for its own tokens: the Asio
/// adapter makes `use_future`, `use_awaitable` and `deferred` work.
template <class Transport, class Token, class R, class = void> struct completion_adapter {
    template <class T, class Initiation> static void initiate(T&& token, Initiation&& init) {
        static_assert(std::is_invocable_v<Token&&, std::error_code, R>,
                      "this completion token is neither a callback void(std::error_code, R) nor "
                      "a token the transport adapts");
        std::forward<Initiation>(init)(std::forward<T>(token));
    }
};

/// The LTX Studio API client over any transport: one typed call per endpoint, retries,
/// waiting for jobs, downloads and uploads.
///
/// Every call comes in a throwing form and a `(std::error_code&, ltx::diagnostics&)` form;
/// with an async transport, an `async_` form completes a callback `void(std::error_code, R)`.
/// Requests are validated before any I/O: on bad input no byte is sent (throwing form:
/// `ltx::validation_error`; error-code form: `ltx::errc::invalid_request` with the violations
/// in the diagnostics). The API token is sent only to the API's own origin, never to the
/// storage host of downloads, and never appears in a message.
///
/// The client holds a reference to the transport, which must outlive it. A client is not
/// synchronised: use one per thread, or serialise calls, as with the transport.
template <class Transport, class Clock = system_clock_source> class basic_client {
public:
    /// A client sending through `transport` as `cfg` says.
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL.
    basic_client(Transport& transport, ltx::config cfg, Clock clock = {});

    /// The configuration.
    const ltx::config& config() const noexcept { return config_; }

    /// Calls endpoint `E` (see `ltx::endpoints`) with `req`; throws on failure.
    template <class E> typename E::response call(const typename E::request& req);
    /// Calls endpoint `E` with `req`; on failure sets `ec` and fills `diag`.
    template <class E>
    typename E::response call(const typename E::request& req, std::error_code& ec,
                              diagnostics& diag);

    /// `POST videos/ltx-create`. Never sent twice unless the server said it did not accept it.
    job create_video(const ltx_create_request& req) { return call<endpoints::create_video>(req); }
    job create_video(const ltx_create_request& req, std::error_code& ec, diagnostics& diag) {
        return call<endpoints::create_video>(req, ec, diag);
    }

    /// `GET assets/{jobId}`: the job's status.
    job get_job(std::string job_id) { return call<endpoints::get_job>({std::move(job_id)}); }
    job get_job(std::string job_id, std::error_code& ec, diagnostics& diag) {
        return call<endpoints::get_job>({std::move(job_id)}, ec, diag);
    }

    /// `GET assets/`: a page of the account's assets.
    asset_page list_assets(const list_assets_request& req = {}) {
        return call<endpoints::list_assets>(req);
    }
    asset_page list_assets(const list_assets_request& req, std::error_code& ec, diagnostics& diag) {
        return call<endpoints::list_assets>(req, ec, diag);
    }

    /// `POST accounts`: configure an LTX Studio account.
    account configure_account(const account_request& req) {
        return call<endpoints::configure_account>(req);
    }
    account configure_account(const account_request& req, std::error_code& ec, diagnostics& diag) {
        return call<endpoints::configure_account>(req, ec, diag);
    }

    /// `GET accounts/{email}`.
    account get_account(std::string email) {
        return call<endpoints::get_account>({std::move(email)});
    }
    account get_account(std::string email, std::error_code& ec, diagnostics& diag) {
        return call<endpoints::get_account>({std::move(email)}, ec, diag);
    }

    /// `POST assets/`: uploads `body` (bytes, or a `http::file_body` streamed from disk). The
    /// MIME type is detected from the first bytes, then the file name, unless given.
    /// An empty body or an unreadable file fails before any I/O.
    upload_asset_response upload_asset(http::body body, const upload_options& opts = {});
    upload_asset_response upload_asset(http::body body, const upload_options& opts,
                                       std::error_code& ec, diagnostics& diag);
    /// Uploads the file at `path`.
    upload_asset_response upload_file(const std::filesystem::path& path,
                                      const upload_options& opts = {});
    upload_asset_response upload_file(const std::filesystem::path& path, const upload_options& opts,
                                      std::error_code& ec, diagnostics& diag);

    /// Polls `GET assets/{jobId}` until the job is done (completed with an artifact URL),
    /// failed (`errc::job_failed`, the server's message in the diagnostics), past the
    /// deadline (`errc::wait_timeout`) or cancelled. Needs only the job id, so a wait can be
    /// resumed by another process.
    job wait(const std::string& job_id, const wait_options& opts = {});
    job wait(const std::string& job_id, const wait_options& opts, std::error_code& ec,
             diagnostics& diag);

    /// Streams the artifact of `done` into `path`, through a temporary file in the same
    /// directory renamed into place at the end: a failure never leaves a partial file at
    /// `path`. Checks the size when Content-Length is known. Sends no API token.
    void download(const job& done, const std::filesystem::path& path,
                  const download_options& opts = {});
    void download(const job& done, const std::filesystem::path& path, const download_options& opts,
                  std::error_code& ec, diagnostics& diag);
    /// Streams the file at `url` into `path` (see above).
    void download_url(const std::string& url, const std::filesystem::path& path,
                      const download_options& opts = {});
    void download_url(const std::string& url, const std::filesystem::path& path,
                      const download_options& opts, std::error_code& ec, diagnostics& diag);
    /// Streams the file at `url` into `sink`, which returns an error to stop.
    void download_url(const std::string& url,
                      const std::function<std::error_code(std::string_view)>& sink,
                      const download_options& opts, std::error_code& ec, diagnostics& diag);

    /// Calls endpoint `E` asynchronously; `handler(std::error_code, typename E::response)` is
    /// called exactly once, from the transport's completion context. `diag`, when not null,
    /// must stay alive until then and receives the diagnostics.
    /// Needs an async transport that models `ltx::async_sleeper`.
    template <class E, class Handler>
    void async_call(const typename E::request& req, Handler&& handler, diagnostics* diag = nullptr);

    /// Async `create_video`: `token` is a callback `void(std::error_code, ltx::job)`, or,
    /// with a transport that adapts completion tokens (the Asio one), any token it accepts.
    template <class Token> auto async_create_video(const ltx_create_request& req, Token&& token) {
        return async_with<endpoints::create_video>(req, std::forward<Token>(token));
    }
    /// Async `get_job`.
    template <class Token> auto async_get_job(std::string job_id, Token&& token) {
        return async_with<endpoints::get_job>({std::move(job_id)}, std::forward<Token>(token));
    }
    /// Async `list_assets`.
    template <class Token> auto async_list_assets(const list_assets_request& req, Token&& token) {
        return async_with<endpoints::list_assets>(req, std::forward<Token>(token));
    }
    /// Async `configure_account`.
    template <class Token> auto async_configure_account(const account_request& req, Token&& token) {
        return async_with<endpoints::configure_account>(req, std::forward<Token>(token));
    }
    /// Async `get_account`.
    template <class Token> auto async_get_account(std::string email, Token&& token) {
        return async_with<endpoints::get_account>({std::move(email)}, std::forward<Token>(token));
    }
    /// Async `wait`, completing with `(std::error_code, ltx::job)`; cancel with `opts.cancel`,
    /// which completes the wait at once with `errc::cancelled`, or (Asio transport) through
    /// the token's cancellation slot, which ends the poll or pause in flight and completes the
    /// wait with `errc::cancelled` too.
    template <class Token> auto async_wait(std::string job_id, wait_options opts, Token&& token) {
        return completion_adapter<Transport, std::decay_t<Token>, job>::initiate(
            std::forward<Token>(token),
            [self = this, id = std::move(job_id), o = std::move(opts)](auto&& handler) mutable {
                self->start_wait(std::move(id), std::move(o),
                                 std::forward<decltype(handler)>(handler), nullptr);
            });
    }
    /// Async `wait` with a callback, filling `diag` (which must outlive the wait).
    template <class Handler>
    void async_wait(std::string job_id, wait_options opts, Handler&& handler, diagnostics* diag) {
        start_wait(std::move(job_id), std::move(opts), std::forward<Handler>(handler), diag);
    }

    /// Async `upload_asset`, completing with `(std::error_code, ltx::upload_asset_response)`.
    /// The MIME type is found (and a bad body refused) before any I/O, as in the sync form; a
    /// file body is read by the transport as it sends.
    template <class Token>
    auto async_upload_asset(http::body body, upload_options opts, Token&& token) {
        return completion_adapter<Transport, std::decay_t<Token>, upload_asset_response>::initiate(
            std::forward<Token>(token),
            [self = this, b = std::move(body), o = std::move(opts)](auto&& handler) mutable {
                self->start_upload(std::move(b), o, std::forward<decltype(handler)>(handler),
                                   nullptr);
            });
    }
    /// Async `upload_file`: uploads the file at `path`.
    template <class Token>
    auto async_upload_file(std::filesystem::path path, upload_options opts, Token&& token) {
        return completion_adapter<Transport, std::decay_t<Token>, upload_asset_response>::initiate(
            std::forward<Token>(token),
            [self = this, p = std::move(path), o = std::move(opts)](auto&& handler) mutable {
                self->start_upload_file(p, o, std::forward<decltype(handler)>(handler), nullptr);
            });
    }
    /// Async `download`, completing with `(std::error_code, std::uint64_t bytes)` once the
    /// artifact of `done` is at `path` (same temporary-file, size and no-token rules as the
    /// sync form). `opts.cancel` is checked at each piece of the body and between attempts;
    /// a transport's own cancellation (the Asio adapter's slots) stops a stalled exchange.
    template <class Token>
    auto async_download(const job& done, std::filesystem::path path, download_options opts,
                        Token&& token) {
        return completion_adapter<Transport, std::decay_t<Token>, std::uint64_t>::initiate(
            std::forward<Token>(token), [self = this, u = artifact_url(done), p = std::move(path),
                                         o = std::move(opts)](auto&& handler) mutable {
                if (!u)
                    return self->template async_fail<std::uint64_t>(
                        errc::no_artifact, {}, std::forward<decltype(handler)>(handler), nullptr);
                self->start_download(*u, p, std::move(o), std::forward<decltype(handler)>(handler),
                                     nullptr);
            });
    }
    /// Async `download_url`: streams the file at `url` into `path`.
    template <class Token>
    auto async_download_url(std::string url, std::filesystem::path path, download_options opts,
                            Token&& token) {
        return completion_adapter<Transport, std::decay_t<Token>, std::uint64_t>::initiate(
            std::forward<Token>(token), [self = this, u = std::move(url), p = std::move(path),
                                         o = std::move(opts)](auto&& handler) mutable {
                self->start_download(u, p, std::move(o), std::forward<decltype(handler)>(handler),
                                     nullptr);
            });
    }

private:
    template <class E>
    bool prepare(const typename E::request& req, http::body body, std::string content_type,
                 http::request& out, std::error_code& ec, diagnostics& diag) const;
    bool prepare_upload(http::body body, const upload_options& opts, http::request& out,
                        std::error_code& ec, diagnostics& diag) const;
    bool prepare_download(const std::string& url, http::request& out, std::error_code& ec,
                          diagnostics& diag) const;
    static std::optional<http::file_body> open_file_body(const std::filesystem::path& path,
                                                         std::error_code& ec, diagnostics& diag);
    http::response exchange(const http::request& req, bool retry_safe,
                            const std::shared_ptr<cancellation::state>& cancel, std::error_code& ec,
                            diagnostics& diag);
    template <class R>
    R finish(const http::response& resp, std::error_code& ec, diagnostics& diag) const;
    [[noreturn]] void raise(std::error_code ec, diagnostics& diag) const;
    template <class F> auto or_throw(F&& f);
    template <class E, class Token> auto async_with(const typename E::request& req, Token&& token) {
        using response_t = typename E::response;
        return completion_adapter<Transport, std::decay_t<Token>, response_t>::initiate(
            std::forward<Token>(token), [self = this, req](auto&& handler) {
                self->template async_call<E>(req, std::forward<decltype(handler)>(handler));
            });
    }
    template <class Handler>
    void start_wait(std::string job_id, wait_options opts, Handler&& handler, diagnostics* diag);
    template <class R, class Handler>
    void async_run(bool ready, std::error_code ec, diagnostics d, http::request hr, bool retry_safe,
                   Handler&& handler, diagnostics* diag);
    template <class R, class Handler>
    void async_fail(std::error_code ec, diagnostics d, Handler&& handler, diagnostics* diag);
    template <class Handler>
    void start_upload(http::body body, const upload_options& opts, Handler&& handler,
                      diagnostics* diag);
    template <class Handler>
    void start_upload_file(const std::filesystem::path& path, const upload_options& opts,
                           Handler&& handler, diagnostics* diag);
    template <class Handler>
    void start_download(const std::string& url, const std::filesystem::path& path,
                        download_options opts, Handler&& handler, diagnostics* diag);

    Transport& transport_;
    ltx::config config_;
    Clock clock_;
    http::url base_;
    std::uint64_t seed_;
};

/// Decodes the body a webhook receives at `replyUrl`: the job model, with `replyRef`.
/// @throws reflect::json_decode_error when the body is not a job model.
inline job parse_webhook(std::string_view body) {
    return reflect::from_json<job>(body);
}

/// Decodes a webhook body; on failure sets `ec` to `errc::unexpected_response` and `detail`
/// to where and why.
inline job parse_webhook(std::string_view body, std::error_code& ec,
                         std::string* detail = nullptr) {
    job j;
    reflect::json_error err;
    if (!reflect::read_json(body, j, err)) {
        ec = errc::unexpected_response;
        if (detail)
            *detail = err.path.empty() ? err.message : err.path + ": " + err.message;
        return {};
    }
    ec.clear();
    return j;
}

} // namespace ltx

#include <ltx/impl/client.hpp>
#include <ltx/impl/client_async.hpp>
#include <ltx/impl/client_async_transfer.hpp>

#endif
