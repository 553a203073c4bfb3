// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The client core: every call, wait, download and runner, written once for any API the
// client speaks. What differs between two APIs is a small description type (`Api`, see
// `ltx::api_description`); the LTX Studio client (`ltx::basic_client`, client.hpp) and the
// official LTX API client (`ltx::lightricks::basic_client`) add their named calls on top.
#ifndef LTX_BASIC_API_CLIENT_HPP
#define LTX_BASIC_API_CLIENT_HPP

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
#include <ltx/options.hpp>
#include <ltx/validation_error.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>

namespace ltx {

/// What the client core needs to know of an API, beside its endpoints' traits: how it
/// answers an error, how a job is named, polled and read, and whether a create is sent
/// again after a 429. `ltx::studio_api` and `ltx::lightricks::api` model it.
template <class A>
concept api_description = requires(const http::response& resp, std::string_view secret,
                                   std::error_code& ec, diagnostics& diag, const typename A::job& j,
                                   const typename A::job_ref& ref) {
    typename A::poll;
    { A::poll_request(ref) } -> std::convertible_to<typename A::poll::request>;
    { A::resend_after_429 } -> std::convertible_to<bool>;
    A::read_error(resp, secret, ec, diag);
    { A::is_done(j) } -> std::convertible_to<bool>;
    { A::is_failed(j) } -> std::convertible_to<bool>;
    A::read_failure(j, diag);
    { A::artifact_url(j) } -> std::convertible_to<std::optional<std::string>>;
};

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

/// The client core over any transport, for the API `Api` describes: typed calls of any
/// endpoint of that API, retries, waiting for jobs and downloads, in every form. Each API's
/// client derives from it and adds one named call per endpoint.
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
template <api_description Api, class Transport, class Clock = system_clock_source>
class basic_api_client {
public:
    /// The API's description.
    using api_type = Api;
    /// What a status poll answers, and `wait` returns.
    using job_type = typename Api::job;
    /// What names a job for `wait`.
    using job_ref = typename Api::job_ref;
    /// How `wait` follows a job of this API.
    using wait_options = basic_wait_options<job_type>;

    /// A client sending through `transport` as `cfg` says.
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL, or
    /// when `cfg.token` or `cfg.user_agent` holds CR, LF or NUL.
    basic_api_client(Transport& transport, ltx::config cfg, Clock clock = {});

    /// The configuration.
    const ltx::config& config() const noexcept { return config_; }
    /// The transport the client sends through.
    Transport& transport() const noexcept { return transport_; }
    /// The client's time source.
    const Clock& clock() const noexcept { return clock_; }

    /// Calls endpoint `E` (see `ltx::endpoints`) with `req`; throws on failure.
    template <class E> typename E::response call(const typename E::request& req);
    /// Calls endpoint `E` with `req`; on failure sets `ec` and fills `diag`.
    template <class E>
    typename E::response call(const typename E::request& req, std::error_code& ec,
                              diagnostics& diag);

    /// Polls the job's status (`Api::poll`: `GET assets/{jobId}`, ...) until the job is done
    /// (completed with a result URL), failed (`errc::job_failed`, the server's message in the
    /// diagnostics), past the deadline (`errc::wait_timeout`) or cancelled. Needs only the
    /// job's reference, so a wait can be resumed by another process.
    job_type wait(const job_ref& job_id, const wait_options& opts = {});
    job_type wait(const job_ref& job_id, const wait_options& opts, std::error_code& ec,
                  diagnostics& diag);

    /// Streams the artifact of `done` into `path`, through a temporary file in the same
    /// directory renamed into place at the end: a failure never leaves a partial file at
    /// `path`. Checks the size when Content-Length is known. Sends no API token.
    void download(const job_type& done, const std::filesystem::path& path,
                  const download_options& opts = {});
    void download(const job_type& done, const std::filesystem::path& path,
                  const download_options& opts, std::error_code& ec, diagnostics& diag);
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
        return run_async<detail::call_op<Api, typename E::response>>(std::forward<Token>(token),
                                                                     diag, make_call<E>(req));
    }

    /// Waits for a job asynchronously: polls its status (`Api::poll`), pausing `opts.interval`
    /// (growing by `opts.backoff` up to `opts.max_interval`) between polls.
    ///
    /// - Completes when the job is done (completed, with an artifact URL), failed, past
    ///   `opts.timeout`, cancelled, or when a poll fails with an error that is not transient.
    /// - `job_id` and `opts` are moved into the operation. `opts.on_progress` is called after
    ///   each poll with the job as the server described it, on the executor that runs the
    ///   steps (below); `opts.cancel`'s state is shared with the caller's `ltx::cancellation`.
    /// - Signature: `void(std::error_code, job_type)`: the last job seen, also on failure
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
    auto async_wait(job_ref job_id, wait_options opts, Token&& token = {}) {
        return start_wait(std::move(job_id), std::move(opts), std::forward<Token>(token), nullptr);
    }
    /// As `async_wait(job_id, wait_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const wait_options&>) auto async_wait(
        job_ref job_id, Token&& token = {}) {
        return start_wait(std::move(job_id), wait_options{}, std::forward<Token>(token), nullptr);
    }
    /// As `async_wait(job_id, opts, token)`, filling `*diag` before the handler runs; `diag`
    /// must outlive the operation.
    template <class Token>
    auto async_wait(job_ref job_id, wait_options opts, Token&& token, diagnostics* diag) {
        return start_wait(std::move(job_id), std::move(opts), std::forward<Token>(token), diag);
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
    auto async_download(const job_type& done, const std::filesystem::path& path,
                        download_options opts, Token&& token = {}) {
        const auto url = Api::artifact_url(done);
        return run_async<detail::download_op>(
            std::forward<Token>(token), nullptr,
            make_download(url ? std::optional<std::string>{*url} : std::nullopt, {}, path,
                          std::move(opts)));
    }
    /// As `async_download(done, path, download_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const download_options&>) auto async_download(
        const job_type& done, const std::filesystem::path& path, Token&& token = {}) {
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

protected:
    template <class E>
    bool prepare(const typename E::request& req, http::body body, std::string content_type,
                 http::request& out, std::error_code& ec, diagnostics& diag) const;
    template <class E>
    bool build_request(const typename E::request& r, http::body body, std::string content_type,
                       http::request& out, std::error_code& ec, diagnostics& diag) const;
    bool prepare_download(const std::string& url, http::request& out, std::error_code& ec,
                          diagnostics& diag) const;
    static std::optional<http::file_body> open_file_body(const std::filesystem::path& path,
                                                         std::error_code& ec, diagnostics& diag);
    /// The MIME type to send `body` with: from its first bytes, then a file body's name (see
    /// `ltx::detect_mime`). Sets `ec` (`errc::file_error`) and `diag` when the file cannot be
    /// read.
    static std::string detect_body_mime(const http::body& body, std::error_code& ec,
                                        diagnostics& diag);
    template <class F> auto or_throw(F&& f);
    template <class Op>
    typename Op::result_type run_sync(Op& op, std::error_code& ec, diagnostics& diag);
    template <class Op, class Token, class Make>
    auto run_async(Token&& token, diagnostics* diag, Make&& make) {
        return completion_adapter<Transport>::template run<Op>(
            transport_, clock_, std::forward<Token>(token), diag, std::forward<Make>(make));
    }
    /// A retry machine for a request that is `retry_safe` or not, with the next seed.
    detail::retry_machine retry_for(bool retry_safe) {
        return detail::retry_machine{config_.retry, retry_safe, detail::next_seed(seed_),
                                     Api::resend_after_429};
    }
    template <class E>
    detail::call_recipe<Api, typename E::response> make_call(const typename E::request& req);
    detail::download_recipe make_download(std::optional<std::string> url, detail::chunk_sink sink,
                                          const std::filesystem::path& path, download_options opts);
    detail::wait_recipe<Api> make_wait(job_ref job_id, wait_options opts);
    static bool build_poll(const void* self, const job_ref& job_id, http::request& out,
                           std::error_code& ec, diagnostics& diag);
    template <class Token>
    auto start_wait(job_ref job_id, wait_options opts, Token&& token, diagnostics* diag) {
        return run_async<detail::wait_op<Api>>(std::forward<Token>(token), diag,
                                               make_wait(std::move(job_id), std::move(opts)));
    }
    /// The token, for redaction of server text.
    std::string_view secret() const noexcept { return config_.token; }

    Transport& transport_;
    ltx::config config_;
    Clock clock_;
    http::url base_;
    http::headers api_headers_; // Authorization (with a token), Accept, User-Agent
    std::uint64_t seed_;
};

} // namespace ltx

#include <ltx/impl/basic_api_client.hpp>

#endif
