// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_CLIENT_HPP
#define LTX_CLIENT_HPP

#include <ltx/detail/config.hpp>
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

namespace detail {
/// The default completion token of a transport that has none: using it does not compile.
struct no_default_token {};
} // namespace detail

/// How the async calls of a client over `Transport` run and complete.
///
/// By default a completion token is a callable `void(std::error_code, R)`, run by the
/// plain-callback runner over any transport modelling `ltx::async_transport` and
/// `ltx::async_sleeper`; the call returns nothing, and there is no default token.
/// `<ltx/asio.hpp>` specialises it for every transport with an Asio `executor_type` (the
/// property it is selected by, so a decorator of `ltx::asio::transport` that keeps the
/// executor keeps every Asio token): one `asio::async_compose` operation per call, any Asio
/// completion token, `deferred` as default token.
template <class Transport, class = void> struct completion_adapter {
    /// The token of an `async_` call given none.
    using default_token = detail::no_default_token;

    /// Runs the machine `make()` returns over `t`; completes `token`, filling `*diag` (when not
    /// null) first.
    template <class Op, class Clock, class Token, class Make>
    static void run(Transport& t, Clock& c, Token&& token, diagnostics* diag, Make&& make) {
        static_assert(!std::is_same_v<std::decay_t<Token>, detail::no_default_token>,
                      "this transport has no default completion token: pass a callback "
                      "void(std::error_code, R)");
        static_assert(
            std::is_invocable_v<std::decay_t<Token>&&, std::error_code, typename Op::result_type>,
            "this completion token is neither a callback void(std::error_code, R) nor a token "
            "the transport adapts (include <ltx/asio.hpp> for Asio's)");
        static_assert(async_transport<Transport> && async_sleeper<Transport>,
                      "async calls need a transport modelling ltx::async_transport and "
                      "ltx::async_sleeper");
        detail::run_callback<Op>(t, c, std::forward<Token>(token), diag, std::forward<Make>(make));
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
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL, or
    /// when `cfg.token` or `cfg.user_agent` holds CR, LF or NUL.
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
    ltx_create_response create_video(const ltx_create_request& req) {
        return call<endpoints::create_video>(req);
    }
    ltx_create_response create_video(const ltx_create_request& req, std::error_code& ec,
                                     diagnostics& diag) {
        return call<endpoints::create_video>(req, ec, diag);
    }

    /// `POST videos/veo-create`: a video with Google Veo. Never sent twice unless the server
    /// said it did not accept it.
    veo_create_response create_veo_video(const veo_create_request& req) {
        return call<endpoints::create_veo_video>(req);
    }
    veo_create_response create_veo_video(const veo_create_request& req, std::error_code& ec,
                                         diagnostics& diag) {
        return call<endpoints::create_veo_video>(req, ec, diag);
    }

    /// `POST images/create`: an image from a prompt; the job id ends `-type:image`, and `wait`
    /// and `download` take it as they take a video job's. Never sent twice unless the server
    /// said it did not accept it.
    image_job_response create_image(const image_create_request& req) {
        return call<endpoints::create_image>(req);
    }
    image_job_response create_image(const image_create_request& req, std::error_code& ec,
                                    diagnostics& diag) {
        return call<endpoints::create_image>(req, ec, diag);
    }

    /// `POST images/edit`: an image from one to three reference images and a prompt (an image
    /// job, as `create_image`). Never sent twice unless the server said it did not accept it.
    image_job_response edit_image(const image_edit_request& req) {
        return call<endpoints::edit_image>(req);
    }
    image_job_response edit_image(const image_edit_request& req, std::error_code& ec,
                                  diagnostics& diag) {
        return call<endpoints::edit_image>(req, ec, diag);
    }

    /// `POST images/upscale`: twice the width and height of a completed image job's image, as
    /// a new image job. Never sent twice unless the server said it did not accept it.
    image_job_response upscale_image(const image_upscale_request& req) {
        return call<endpoints::upscale_image>(req);
    }
    image_job_response upscale_image(const image_upscale_request& req, std::error_code& ec,
                                     diagnostics& diag) {
        return call<endpoints::upscale_image>(req, ec, diag);
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

    /// `GET accounts`: every configured account, keyed by e-mail (`errc::not_found` when none
    /// is).
    account_map list_accounts() { return call<endpoints::list_accounts>({}); }
    account_map list_accounts(std::error_code& ec, diagnostics& diag) {
        return call<endpoints::list_accounts>({}, ec, diag);
    }

    /// `DELETE accounts/{email}`: removes the account's configuration (`errc::not_found` when
    /// it is not configured).
    void delete_account(std::string email) { call<endpoints::delete_account>({std::move(email)}); }
    void delete_account(std::string email, std::error_code& ec, diagnostics& diag) {
        call<endpoints::delete_account>({std::move(email)}, ec, diag);
    }

    /// `GET scheduler`: the jobs now running, empty when none is.
    scheduled_jobs list_scheduled_jobs() { return call<endpoints::list_scheduled_jobs>({}); }
    scheduled_jobs list_scheduled_jobs(std::error_code& ec, diagnostics& diag) {
        return call<endpoints::list_scheduled_jobs>({}, ec, diag);
    }

    /// `DELETE scheduler/{jobId}`: stops tracking a running job. The job goes on and `get_job`
    /// still reads it, but no webhook is sent for it and it leaves `list_scheduled_jobs`.
    /// `errc::not_found` when the job is not running or not tracked.
    void cancel_scheduled_job(std::string job_id) {
        call<endpoints::cancel_scheduled_job>({std::move(job_id)});
    }
    void cancel_scheduled_job(std::string job_id, std::error_code& ec, diagnostics& diag) {
        call<endpoints::cancel_scheduled_job>({std::move(job_id)}, ec, diag);
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

    // ---- async calls ---------------------------------------------------------------------
    //
    // The contract every `async_` call below states in its own block, and the errors they
    // share. The transport: `ltx::asio::transport` (or another `ltx::asio::asio_transport`),
    // run by one `asio::async_compose` operation per call, or another `ltx::async_transport`
    // that can `async_sleep`, run by the plain-callback runner.
    //
    // - Returns what the token makes of the operation: nothing for a callback, a
    //   `std::future<R>` for `asio::use_future`, an `asio::awaitable<R>` for
    //   `asio::use_awaitable`, a deferred operation (started when invoked with a token) for
    //   the default token `ltx::asio::deferred`. Arguments are taken when the call is made,
    //   deferred or not.
    // - The client and its transport must outlive the operation; so must a `diagnostics*`.
    // - Cancellation (Asio transport): the handler's associated cancellation slot, types
    //   `terminal` and `partial`; both end the operation at once, the request or the pause in
    //   flight included (the connection of a request in flight is closed). `total` alone is
    //   filtered out: the operation runs on. The `cancel` member of `wait_options` and
    //   `download_options` is seen between steps (and by a download at each piece of the
    //   body) with the Asio transport, and at once, from any thread, with the callback runner.
    // - Executor (Asio transport): every step after the start, and the handler, run on the
    //   handler's associated executor (the transport's when it has none); the handler is
    //   never invoked from within the initiating call (a call that fails before any I/O
    //   completes through a zero pause). Callback runner: the handler runs on the thread that
    //   completes the last step, or on the thread that cancels; never from within the
    //   initiating call unless the transport completes inside `async_send`.
    // - Errors, as `ec` (with `asio::use_awaitable`, `asio::use_future` and
    //   `ltx::asio::with_diagnostics`, as the exception the sync throwing form throws:
    //   `ltx::validation_error`, `ltx::api_error`, `std::system_error`):
    //     `errc::invalid_request`  the request broke the API's rules; nothing was sent
    //     `errc::bad_request`, `unauthorized`, `payment_required`, `not_found`,
    //     `too_many_requests`, `server_error`, `unexpected_response`
    //                              the server's answer (status and text in the diagnostics),
    //                              after the retries `config::retry` allows
    //     `errc::outcome_unknown`  a paid POST may have reached the server, then failed or
    //                              was cancelled; it is never sent twice
    //     `errc::cancelled`        cancelled (equal to `std::errc::operation_canceled`)
    //     `http::transport_errc::*` the connection failed, timed out, ... after the retries
    // The result is default-constructed on error, unless a block says otherwise.

    /// The token of an `async_` call given none (`ltx::asio::deferred` with the Asio
    /// transport).
    using default_token = typename completion_adapter<Transport>::default_token;

    /// Calls endpoint `E` (see `ltx::endpoints`) asynchronously.
    ///
    /// - Completes once the server answered and the answer was decoded, or on failure, after
    ///   the retries that `config::retry` and `E::retry_safe` allow.
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    ///   `diag`, when not null, must outlive the operation; it receives the diagnostics before
    ///   the handler runs.
    /// - Signature: `void(std::error_code, typename E::response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight (`errc::cancelled`, or `errc::outcome_unknown` for a paid
    ///   POST that may have reached the server); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: see "async calls" above (all of them may occur).
    ///
    /// ```
    /// api.async_call<ltx::endpoints::get_job>({"job-id"}, [](std::error_code ec, ltx::job j) {});
    /// ```
    template <class E, class Token = default_token>
    auto async_call(const typename E::request& req, Token&& token = {},
                    diagnostics* diag = nullptr) {
        return run_async<detail::call_op<typename E::response>>(std::forward<Token>(token), diag,
                                                                make_call<E>(req));
    }

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
        return async_call<endpoints::create_video>(req, std::forward<Token>(token));
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
        return async_call<endpoints::create_veo_video>(req, std::forward<Token>(token));
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
        return async_call<endpoints::create_image>(req, std::forward<Token>(token));
    }

    /// Creates an image-edit job (`POST images/edit`) asynchronously: as `async_create_image`.
    ///
    /// ```
    /// auto created = co_await api.async_edit_image(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_edit_image(const image_edit_request& req, Token&& token = {}) {
        return async_call<endpoints::edit_image>(req, std::forward<Token>(token));
    }

    /// Creates an upscale job (`POST images/upscale`) asynchronously: as `async_create_image`.
    ///
    /// ```
    /// auto created = co_await api.async_upscale_image({.jobId = id}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_upscale_image(const image_upscale_request& req, Token&& token = {}) {
        return async_call<endpoints::upscale_image>(req, std::forward<Token>(token));
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
        return async_call<endpoints::get_job>({std::move(job_id)}, std::forward<Token>(token));
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
        return async_call<endpoints::list_assets>(req, std::forward<Token>(token));
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
        return async_call<endpoints::configure_account>(req, std::forward<Token>(token));
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
        return async_call<endpoints::get_account>({std::move(email)}, std::forward<Token>(token));
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
        return async_call<endpoints::list_accounts>({}, std::forward<Token>(token));
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
        return async_call<endpoints::delete_account>({std::move(email)},
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
        return async_call<endpoints::list_scheduled_jobs>({}, std::forward<Token>(token));
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
        return async_call<endpoints::cancel_scheduled_job>({std::move(job_id)},
                                                           std::forward<Token>(token));
    }

    /// Waits for a job asynchronously: polls `GET assets/{jobId}`, pausing `opts.interval`
    /// (growing by `opts.backoff` up to `opts.max_interval`) between polls.
    ///
    /// - Completes when the job is done (completed, with an artifact URL), failed, past
    ///   `opts.timeout`, cancelled, or when a poll fails with an error that is not transient.
    /// - `job_id` and `opts` are moved into the operation. `opts.on_progress` is called after
    ///   each poll with the job as the server described it, on the executor that runs the
    ///   steps (below); `opts.cancel`'s state is shared with the caller's `ltx::cancellation`.
    /// - Signature: `void(std::error_code, ltx::job)`: the last job seen, also on failure
    ///   (empty when no poll succeeded).
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   poll or pause in flight with `errc::cancelled`; `total` is not supported. `opts.cancel` is
    ///   seen before the next poll or pause with the Asio transport, at once with the callback
    ///   runner.
    /// - Asio transport: the handler, and `on_progress`, run on the handler's associated
    ///   executor (the transport's when it has none); the handler is never invoked from within
    ///   this call. Another async transport: see "async calls".
    /// - Errors: `errc::job_failed` (the server's message in the diagnostics),
    ///   `errc::wait_timeout`, `errc::cancelled`, a poll's error when it is not transient
    ///   (`errc::not_found`, `errc::unauthorized`, ...; see "async calls" above).
    ///
    /// ```
    /// ltx::job done = co_await api.async_wait(id, {.interval = 2s}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_wait(std::string job_id, wait_options opts, Token&& token = {}) {
        return start_wait(std::move(job_id), std::move(opts), std::forward<Token>(token), nullptr);
    }
    /// As `async_wait(job_id, wait_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const wait_options&>) auto async_wait(
        std::string job_id, Token&& token = {}) {
        return start_wait(std::move(job_id), wait_options{}, std::forward<Token>(token), nullptr);
    }
    /// As `async_wait(job_id, opts, token)`, filling `*diag` before the handler runs; `diag`
    /// must outlive the operation.
    template <class Token>
    auto async_wait(std::string job_id, wait_options opts, Token&& token, diagnostics* diag) {
        return start_wait(std::move(job_id), std::move(opts), std::forward<Token>(token), diag);
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
        return run_async<detail::call_op<upload_asset_response>>(
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
        return run_async<detail::call_op<upload_asset_response>>(
            std::forward<Token>(token), nullptr, make_upload_file(path, opts));
    }
    /// As `async_upload_file(path, upload_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const upload_options&>) auto async_upload_file(
        const std::filesystem::path& path, Token&& token = {}) {
        return async_upload_file(path, upload_options{}, std::forward<Token>(token));
    }

    /// Downloads the artifact of `done` into `path` asynchronously, through a temporary file
    /// in the same directory renamed into place at the end. Sends no API token.
    ///
    /// - Completes once the whole body is at `path` (its size checked against Content-Length
    ///   when known), or on failure: a failed or cancelled download leaves no file, neither
    ///   at `path` nor beside it.
    /// - `done`'s artifact URL and `path` are copied before the call returns; `opts` is moved
    ///   in. `opts.on_progress` is called as each piece of the body is written, on the
    ///   transport's executor (the exchange's strand) with the Asio transport.
    /// - Signature: `void(std::error_code, std::uint64_t)`: the bytes written.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   transfer or retry pause in flight with `errc::cancelled`; `total` is not supported.
    ///   `opts.cancel` (`errc::cancelled`, no file left) is seen at the next piece of the body or
    ///   between steps with the Asio transport, at once with the callback runner.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::no_artifact` (no URL in `done`; nothing sent), `errc::size_mismatch`,
    ///   `errc::file_error` (the temporary file or the rename), `errc::cancelled`, and the
    ///   others of "async calls" above.
    ///
    /// ```
    /// std::uint64_t n = co_await api.async_download(done, "out.mp4", {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_download(const job& done, const std::filesystem::path& path, download_options opts,
                        Token&& token = {}) {
        const auto url = artifact_url(done);
        return run_async<detail::download_op>(
            std::forward<Token>(token), nullptr,
            make_download(url ? std::optional<std::string>{*url} : std::nullopt, {}, path,
                          std::move(opts)));
    }
    /// As `async_download(done, path, download_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const download_options&>) auto async_download(
        const job& done, const std::filesystem::path& path, Token&& token = {}) {
        return async_download(done, path, download_options{}, std::forward<Token>(token));
    }

    /// Downloads the file at `url` into `path` asynchronously, as `async_download` does for
    /// an artifact URL. Sends no API token.
    ///
    /// - Completes once the whole body is at `path` (its size checked against Content-Length
    ///   when known), or on failure, leaving no file.
    /// - `url` is parsed (a URL that is not absolute http(s) fails, without I/O, with
    ///   `errc::invalid_request`) and `path` copied before the call returns; `opts` is moved
    ///   in. `opts.on_progress` runs as for `async_download`.
    /// - Signature: `void(std::error_code, std::uint64_t)`: the bytes written.
    /// - Cancellation (Asio transport): as for `async_download`: `terminal` and `partial` through
    ///   the handler's slot (`errc::cancelled`, no file left); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request`, `errc::size_mismatch`, `errc::file_error`,
    ///   `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// std::uint64_t n = co_await api.async_download_url(url, "out.mp4", {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_download_url(std::string url, const std::filesystem::path& path,
                            download_options opts, Token&& token = {}) {
        return run_async<detail::download_op>(
            std::forward<Token>(token), nullptr,
            make_download(std::optional<std::string>{std::move(url)}, {}, path, std::move(opts)));
    }
    /// As `async_download_url(url, path, download_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const download_options&>) auto async_download_url(
        std::string url, const std::filesystem::path& path, Token&& token = {}) {
        return async_download_url(std::move(url), path, download_options{},
                                  std::forward<Token>(token));
    }

private:
    template <class E>
    bool prepare(const typename E::request& req, http::body body, std::string content_type,
                 http::request& out, std::error_code& ec, diagnostics& diag) const;
    template <class E>
    bool build_request(const typename E::request& r, http::body body, std::string content_type,
                       http::request& out, std::error_code& ec, diagnostics& diag) const;
    bool prepare_upload(http::body body, const upload_options& opts, http::request& out,
                        std::error_code& ec, diagnostics& diag) const;
    bool prepare_download(const std::string& url, http::request& out, std::error_code& ec,
                          diagnostics& diag) const;
    static std::optional<http::file_body> open_file_body(const std::filesystem::path& path,
                                                         std::error_code& ec, diagnostics& diag);
    template <class F> auto or_throw(F&& f);
    template <class Op>
    typename Op::result_type run_sync(Op& op, std::error_code& ec, diagnostics& diag);
    template <class Op, class Token, class Make>
    auto run_async(Token&& token, diagnostics* diag, Make&& make) {
        return completion_adapter<Transport>::template run<Op>(
            transport_, clock_, std::forward<Token>(token), diag, std::forward<Make>(make));
    }
    template <class E>
    detail::call_recipe<typename E::response> make_call(const typename E::request& req);
    detail::call_recipe<upload_asset_response> make_upload(std::optional<http::body> body,
                                                           const upload_options& opts,
                                                           std::error_code ec, diagnostics d);
    detail::call_recipe<upload_asset_response> make_upload_file(const std::filesystem::path& path,
                                                                const upload_options& opts);
    detail::download_recipe make_download(std::optional<std::string> url, detail::chunk_sink sink,
                                          const std::filesystem::path& path, download_options opts);
    detail::wait_recipe make_wait(std::string job_id, wait_options opts);
    static bool build_poll(const void* self, const std::string& job_id, http::request& out,
                           std::error_code& ec, diagnostics& diag);
    template <class Token>
    auto start_wait(std::string job_id, wait_options opts, Token&& token, diagnostics* diag) {
        return run_async<detail::wait_op>(std::forward<Token>(token), diag,
                                          make_wait(std::move(job_id), std::move(opts)));
    }

    Transport& transport_;
    ltx::config config_;
    Clock clock_;
    http::url base_;
    http::headers api_headers_; // Authorization (with a token), Accept, User-Agent
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

#endif
