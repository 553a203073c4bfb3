// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_CLIENT_HPP
#define LTX_CLIENT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/studio.hpp>
#include <ltx/basic_api_client.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/config.hpp>
#include <ltx/detail/operation.hpp>
#include <ltx/detail/raise.hpp>
#include <ltx/detail/run_callback.hpp>
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
#include <type_traits>

namespace ltx {

/// The LTX Studio API client over any transport: one typed call per endpoint, retries,
/// waiting for jobs, downloads and uploads.
///
/// Every call comes in a throwing form and a `(std::error_code&, ltx::diagnostics&)` form;
/// with an async transport, an `async_` form completes a callback `void(std::error_code, R)`.
/// Requests are validated before any I/O: on bad input no byte is sent (throwing form:
/// `ltx::validation_error`; error-code form: `ltx::errc::invalid_request` with the violations
/// in the diagnostics). The API token is sent only to the API's own origin, never to the
/// storage host of downloads, and never appears in a message. The calls every API shares
/// (`call`, `wait`, `download`, their `async_` forms) are those of `ltx::basic_api_client`.
///
/// The client holds a reference to the transport, which must outlive it. A client is not
/// synchronised: use one per thread, or serialise calls, as with the transport.
template <class Transport, class Clock = system_clock_source>
class basic_client : public basic_api_client<studio_api, Transport, Clock> {
    using base = basic_api_client<studio_api, Transport, Clock>;

public:
    using typename base::default_token;

    /// A client sending through `transport` as `cfg` says.
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL, or
    /// when `cfg.token` or `cfg.user_agent` holds CR, LF or NUL.
    basic_client(Transport& transport, ltx::config cfg, Clock clock = {})
        : base(transport, std::move(cfg), std::move(clock)) {}

    /// `POST videos/ltx-create`. Never sent twice unless the server said it did not accept it.
    ltx_create_response create_video(const ltx_create_request& req) {
        return this->template call<endpoints::create_video>(req);
    }
    ltx_create_response create_video(const ltx_create_request& req, std::error_code& ec,
                                     diagnostics& diag) {
        return this->template call<endpoints::create_video>(req, ec, diag);
    }

    /// `POST videos/veo-create`: a video with Google Veo. Never sent twice unless the server
    /// said it did not accept it.
    veo_create_response create_veo_video(const veo_create_request& req) {
        return this->template call<endpoints::create_veo_video>(req);
    }
    veo_create_response create_veo_video(const veo_create_request& req, std::error_code& ec,
                                         diagnostics& diag) {
        return this->template call<endpoints::create_veo_video>(req, ec, diag);
    }

    /// `POST images/create`: an image from a prompt; the job id ends `-type:image`, and `wait`
    /// and `download` take it as they take a video job's. Never sent twice unless the server
    /// said it did not accept it.
    image_job_response create_image(const image_create_request& req) {
        return this->template call<endpoints::create_image>(req);
    }
    image_job_response create_image(const image_create_request& req, std::error_code& ec,
                                    diagnostics& diag) {
        return this->template call<endpoints::create_image>(req, ec, diag);
    }

    /// `POST images/edit`: an image from one to three reference images and a prompt (an image
    /// job, as `create_image`). Never sent twice unless the server said it did not accept it.
    image_job_response edit_image(const image_edit_request& req) {
        return this->template call<endpoints::edit_image>(req);
    }
    image_job_response edit_image(const image_edit_request& req, std::error_code& ec,
                                  diagnostics& diag) {
        return this->template call<endpoints::edit_image>(req, ec, diag);
    }

    /// `POST images/upscale`: twice the width and height of a completed image job's image, as
    /// a new image job. Never sent twice unless the server said it did not accept it.
    image_job_response upscale_image(const image_upscale_request& req) {
        return this->template call<endpoints::upscale_image>(req);
    }
    image_job_response upscale_image(const image_upscale_request& req, std::error_code& ec,
                                     diagnostics& diag) {
        return this->template call<endpoints::upscale_image>(req, ec, diag);
    }

    /// `GET assets/{jobId}`: the job's status.
    job get_job(std::string job_id) {
        return this->template call<endpoints::get_job>({std::move(job_id)});
    }
    job get_job(std::string job_id, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::get_job>({std::move(job_id)}, ec, diag);
    }

    /// `GET assets/`: a page of the account's assets.
    asset_page list_assets(const list_assets_request& req = {}) {
        return this->template call<endpoints::list_assets>(req);
    }
    asset_page list_assets(const list_assets_request& req, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::list_assets>(req, ec, diag);
    }

    /// `POST accounts`: configure an LTX Studio account.
    account configure_account(const account_request& req) {
        return this->template call<endpoints::configure_account>(req);
    }
    account configure_account(const account_request& req, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::configure_account>(req, ec, diag);
    }

    /// `GET accounts/{email}`.
    account get_account(std::string email) {
        return this->template call<endpoints::get_account>({std::move(email)});
    }
    account get_account(std::string email, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::get_account>({std::move(email)}, ec, diag);
    }

    /// `GET accounts`: every configured account, keyed by e-mail (`errc::not_found` when none
    /// is).
    account_map list_accounts() { return this->template call<endpoints::list_accounts>({}); }
    account_map list_accounts(std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::list_accounts>({}, ec, diag);
    }

    /// `DELETE accounts/{email}`: removes the account's configuration (`errc::not_found` when
    /// it is not configured).
    void delete_account(std::string email) {
        this->template call<endpoints::delete_account>({std::move(email)});
    }
    void delete_account(std::string email, std::error_code& ec, diagnostics& diag) {
        this->template call<endpoints::delete_account>({std::move(email)}, ec, diag);
    }

    /// `GET scheduler`: the jobs now running, empty when none is.
    scheduled_jobs list_scheduled_jobs() {
        return this->template call<endpoints::list_scheduled_jobs>({});
    }
    scheduled_jobs list_scheduled_jobs(std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::list_scheduled_jobs>({}, ec, diag);
    }

    /// `DELETE scheduler/{jobId}`: stops tracking a running job. The job goes on and `get_job`
    /// still reads it, but no webhook is sent for it and it leaves `list_scheduled_jobs`.
    /// `errc::not_found` when the job is not running or not tracked.
    void cancel_scheduled_job(std::string job_id) {
        this->template call<endpoints::cancel_scheduled_job>({std::move(job_id)});
    }
    void cancel_scheduled_job(std::string job_id, std::error_code& ec, diagnostics& diag) {
        this->template call<endpoints::cancel_scheduled_job>({std::move(job_id)}, ec, diag);
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

    /// Creates a video job (`POST videos/ltx-create`) asynchronously.
    ///
    /// - Completes once the server accepted the job (the `ltx::ltx_create_response` it returns,
    ///   with its `jobId`), or on failure. The request is sent again only when it cannot have
    ///   created a job: after a `429`, or a connection that failed before the request went out.
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    /// - Signature: `void(std::error_code, ltx::ltx_create_response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot. Before
    ///   the request may have reached the server (or during a retry pause): `errc::cancelled`;
    ///   after: `errc::outcome_unknown`, since the job may exist. `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::payment_required`,
    ///   `errc::too_many_requests` (not accepted), `errc::outcome_unknown`, `errc::cancelled`,
    ///   and the others of "async calls" above.
    ///
    /// ```
    /// auto created = co_await api.async_create_video(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_create_video(const ltx_create_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::create_video>(req, std::forward<Token>(token));
    }

    /// Creates a Veo video job (`POST videos/veo-create`) asynchronously: as
    /// `async_create_video` (never sent twice once it may have reached the server), with
    /// signature `void(std::error_code, ltx::veo_create_response)`.
    ///
    /// ```
    /// auto created = co_await api.async_create_veo_video(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_create_veo_video(const veo_create_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::create_veo_video>(req,
                                                                      std::forward<Token>(token));
    }

    /// Creates an image job (`POST images/create`) asynchronously: as `async_create_video`
    /// (never sent twice once it may have reached the server), with signature
    /// `void(std::error_code, ltx::image_job_response)`.
    ///
    /// ```
    /// auto created = co_await api.async_create_image(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_create_image(const image_create_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::create_image>(req, std::forward<Token>(token));
    }

    /// Creates an image-edit job (`POST images/edit`) asynchronously: as `async_create_image`.
    ///
    /// ```
    /// auto created = co_await api.async_edit_image(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_edit_image(const image_edit_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::edit_image>(req, std::forward<Token>(token));
    }

    /// Creates an upscale job (`POST images/upscale`) asynchronously: as `async_create_image`.
    ///
    /// ```
    /// auto created = co_await api.async_upscale_image({.jobId = id}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_upscale_image(const image_upscale_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::upscale_image>(req, std::forward<Token>(token));
    }

    /// Reads a job's status (`GET assets/{jobId}`) asynchronously.
    ///
    /// - Completes once the server described the job, or on failure; transient failures are
    ///   retried as `config::retry` says.
    /// - `job_id` is moved into the request before the call returns.
    /// - Signature: `void(std::error_code, ltx::job)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::not_found` (unknown or expired job), `errc::cancelled`, and the others
    ///   of "async calls" above.
    ///
    /// ```
    /// api.async_get_job(id, [](std::error_code ec, ltx::job j) { /* j.status */ });
    /// ```
    template <class Token = default_token>
    auto async_get_job(std::string job_id, Token&& token = {}) {
        return this->template async_call<endpoints::get_job>({std::move(job_id)},
                                                             std::forward<Token>(token));
    }

    /// Reads a page of the account's assets (`GET assets/`) asynchronously.
    ///
    /// - Completes once the server returned the page, or on failure; transient failures are
    ///   retried as `config::retry` says.
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    /// - Signature: `void(std::error_code, ltx::asset_page)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::cancelled`, and the others of
    ///   "async calls" above.
    ///
    /// ```
    /// ltx::asset_page page = co_await api.async_list_assets({}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_list_assets(const list_assets_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::list_assets>(req, std::forward<Token>(token));
    }
    /// As `async_list_assets(list_assets_request{}, token)`: the first page.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const list_assets_request&>) auto async_list_assets(
        Token&& token = {}) {
        return async_list_assets(list_assets_request{}, std::forward<Token>(token));
    }

    /// Configures an LTX Studio account (`POST accounts`) asynchronously.
    ///
    /// - Completes once the server returned the account, or on failure; transient failures
    ///   are retried as `config::retry` says (create-or-update is idempotent).
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    /// - Signature: `void(std::error_code, ltx::account)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::cancelled`, and the others of
    ///   "async calls" above.
    ///
    /// ```
    /// ltx::account acc = co_await api.async_configure_account(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_configure_account(const account_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::configure_account>(req,
                                                                       std::forward<Token>(token));
    }

    /// Reads an account (`GET accounts/{email}`) asynchronously.
    ///
    /// - Completes once the server returned the account, or on failure; transient failures
    ///   are retried as `config::retry` says.
    /// - `email` is moved into the request before the call returns.
    /// - Signature: `void(std::error_code, ltx::account)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::not_found` (unconfigured account), `errc::cancelled`, and the others of
    ///   "async calls" above.
    ///
    /// ```
    /// ltx::account acc = co_await api.async_get_account("me@example.com", asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_get_account(std::string email, Token&& token = {}) {
        return this->template async_call<endpoints::get_account>({std::move(email)},
                                                                 std::forward<Token>(token));
    }

    /// Lists every configured account (`GET accounts`) asynchronously.
    ///
    /// - Completes once the server returned the accounts, or on failure; transient failures
    ///   are retried as `config::retry` says.
    /// - Takes no arguments but the token.
    /// - Signature: `void(std::error_code, ltx::account_map)`: the accounts keyed by e-mail.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::not_found` (no account is configured), `errc::cancelled`, and the
    ///   others of "async calls" above.
    ///
    /// ```
    /// ltx::account_map all = co_await api.async_list_accounts(asio::use_awaitable);
    /// for (const auto& [email, acc] : all) { /* acc.maxJobs */ }
    /// ```
    template <class Token = default_token> auto async_list_accounts(Token&& token = {}) {
        return this->template async_call<endpoints::list_accounts>({}, std::forward<Token>(token));
    }

    /// Removes an account's configuration (`DELETE accounts/{email}`) asynchronously.
    ///
    /// - Completes once the server answered `204 No Content`, or on failure; transient
    ///   failures are retried as `config::retry` says (DELETE is idempotent; see
    ///   `endpoints::delete_account`).
    /// - `email` is validated (e-mail syntax; nothing is sent otherwise) and moved into the
    ///   request before the call returns.
    /// - Signature: `void(std::error_code, ltx::no_content)`: the second argument holds
    ///   nothing.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled` (the server may have removed
    ///   the account already); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::not_found` (the account is not
    ///   configured), `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// co_await api.async_delete_account("me@example.com", asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_delete_account(std::string email, Token&& token = {}) {
        return this->template async_call<endpoints::delete_account>({std::move(email)},
                                                                    std::forward<Token>(token));
    }

    /// Lists the running jobs (`GET scheduler`) asynchronously.
    ///
    /// - Completes once the server returned the list, or on failure; transient failures are
    ///   retried as `config::retry` says.
    /// - Takes no arguments but the token.
    /// - Signature: `void(std::error_code, ltx::scheduled_jobs)`: empty when no job runs.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// ltx::scheduled_jobs running = co_await api.async_list_scheduled_jobs(asio::use_awaitable);
    /// ```
    template <class Token = default_token> auto async_list_scheduled_jobs(Token&& token = {}) {
        return this->template async_call<endpoints::list_scheduled_jobs>(
            {}, std::forward<Token>(token));
    }

    /// Stops tracking a running job (`DELETE scheduler/{jobId}`) asynchronously. The job goes
    /// on and `async_get_job` still reads it; no webhook is sent for it.
    ///
    /// - Completes once the server answered `204 No Content`, or on failure; transient
    ///   failures are retried as `config::retry` says (see `endpoints::cancel_scheduled_job`).
    /// - `job_id` is validated (not empty; nothing is sent otherwise) and moved into the
    ///   request before the call returns.
    /// - Signature: `void(std::error_code, ltx::no_content)`: the second argument holds
    ///   nothing.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled` (the server may have stopped
    ///   tracking the job already); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::not_found` (the job is unknown,
    ///   finished or untracked), `errc::cancelled`, and the others of "async calls"
    ///   above.
    ///
    /// ```
    /// api.async_cancel_scheduled_job(id, [](std::error_code ec, ltx::no_content) {});
    /// ```
    template <class Token = default_token>
    auto async_cancel_scheduled_job(std::string job_id, Token&& token = {}) {
        return this->template async_call<endpoints::cancel_scheduled_job>(
            {std::move(job_id)}, std::forward<Token>(token));
    }

    /// Uploads an asset (`POST assets/`) asynchronously.
    ///
    /// - Completes once the server stored the asset, or on failure. Sent again only when it
    ///   cannot have stored an asset: after a `429`, or a connection that failed before the
    ///   request went out.
    /// - `body` is moved into the operation: bytes are kept in it; an `http::file_body` is
    ///   read as it is sent, so that file must stay readable, at its announced size, until
    ///   the operation completes. The MIME type is found (and an empty body refused) before
    ///   the call returns, as in the sync form; `opts` is copied.
    /// - Signature: `void(std::error_code, ltx::upload_asset_response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight: `errc::cancelled`, or `errc::outcome_unknown` once the
    ///   POST may have reached the server. `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (an empty body or an unknown MIME type; nothing sent),
    ///   `errc::outcome_unknown`, `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// auto up = co_await api.async_upload_asset(std::move(png_bytes), {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_upload_asset(http::body body, upload_options opts, Token&& token = {}) {
        return this->template run_async<detail::call_op<studio_api, upload_asset_response>>(
            std::forward<Token>(token), nullptr, make_upload(std::move(body), opts, {}, {}));
    }
    /// As `async_upload_asset(body, upload_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const upload_options&>) auto async_upload_asset(
        http::body body, Token&& token = {}) {
        return async_upload_asset(std::move(body), upload_options{}, std::forward<Token>(token));
    }

    /// Uploads the file at `path` (`POST assets/`) asynchronously, as `async_upload_asset`
    /// with an `http::file_body`.
    ///
    /// - Completes once the server stored the asset, or on failure, sent again only as
    ///   `async_upload_asset` says.
    /// - `path` is opened and its size taken before the call returns (a file that cannot be
    ///   opened fails, without I/O, with `errc::file_error`); the file is read as it is sent,
    ///   so it must stay readable, at that size, until the operation completes. `opts` is
    ///   copied.
    /// - Signature: `void(std::error_code, ltx::upload_asset_response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight: `errc::cancelled`, or `errc::outcome_unknown` once the
    ///   POST may have reached the server. `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::file_error`, `errc::invalid_request`, `errc::outcome_unknown`,
    ///   `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// auto up = co_await api.async_upload_file("start.png", {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_upload_file(const std::filesystem::path& path, upload_options opts,
                           Token&& token = {}) {
        return this->template run_async<detail::call_op<studio_api, upload_asset_response>>(
            std::forward<Token>(token), nullptr, make_upload_file(path, opts));
    }
    /// As `async_upload_file(path, upload_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const upload_options&>) auto async_upload_file(
        const std::filesystem::path& path, Token&& token = {}) {
        return async_upload_file(path, upload_options{}, std::forward<Token>(token));
    }

private:
    bool prepare_upload(http::body body, const upload_options& opts, http::request& out,
                        std::error_code& ec, diagnostics& diag) const;
    detail::call_recipe<studio_api, upload_asset_response>
    make_upload(std::optional<http::body> body, const upload_options& opts, std::error_code ec,
                diagnostics d);
    detail::call_recipe<studio_api, upload_asset_response>
    make_upload_file(const std::filesystem::path& path, const upload_options& opts);
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

#endif
