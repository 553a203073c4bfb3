// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Every client operation (a call, a wait, an upload, a download) as one machine without I/O.
// A machine says what comes next: send `request()`, pause for a delay, or done with `error()`
// and `take_result()`. The runners (the sync loop of impl/client.hpp, the callback runner of
// run_callback.hpp and the Asio composed operation of ltx/asio/run.hpp) feed it the outcome
// of each step; none of them knows what the operation is.
//
// The interface a runner uses:
//   op_step start(time_point now);
//   op_step on_response(std::error_code, http::response, time_point now);  // after a send
//   op_step on_wake(time_point now);                                      // after a pause
//   op_step on_cancelled();                    // the runner's caller cancelled: finish now
//   const http::request& request() const;      // what a `send` step sends
//   std::error_code error() const;  result_type take_result();  diagnostics take_diag();
//   cancellation::state* cancel_token() const;  // options' cancellation, or null
// A machine is not movable once started (a download's request points at its body sink).
#ifndef LTX_DETAIL_OPERATION_HPP
#define LTX_DETAIL_OPERATION_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/detail/download.hpp>
#include <ltx/detail/retry.hpp>
#include <ltx/detail/wait.hpp>
#include <ltx/error.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/http/message.hpp>
#include <ltx/options.hpp>
#include <ltx/reflect.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::detail {

/// What a machine asks its runner to do next.
struct op_step {
    enum kind_t {
        send,  ///< send the machine's `request()`, then call `on_response`
        sleep, ///< pause for `delay`, then call `on_wake`
        done,  ///< the operation is over: `error()`, `take_result()`, `take_diag()`
    } kind = done;
    std::chrono::milliseconds delay{0};
};

using op_time = std::chrono::system_clock::time_point;

// Distinct, reproducible seeds for the jitter of successive calls (splitmix64); a state of 0
// means "random per call".
inline std::uint64_t next_seed(std::uint64_t& state) {
    if (state == 0)
        return 0;
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Whether the media type before any parameters, blanks ignored, ends in `word` (lower case),
// and how many characters other than blanks it has.
inline bool media_type_ends_with(std::string_view type, std::string_view word,
                                 std::size_t& length) noexcept {
    length = 0;
    std::size_t k = word.size();
    bool match = true;
    for (std::size_t i = type.size(); i-- > 0;) {
        const char c = type[i];
        if (c == ' ' || c == '\t')
            continue;
        ++length;
        if (k > 0)
            match = match && to_lower(c) == word[--k];
    }
    return match && k == 0;
}

inline bool is_json_content_type(std::string_view v) {
    const auto type = v.substr(0, v.find(';'));
    std::size_t length = 0;
    constexpr std::string_view json = "application/json";
    if (media_type_ends_with(type, json, length) && length == json.size())
        return true;
    return media_type_ends_with(type, "+json", length) && length > 5;
}

/// Maps a complete response, received at `now`, to `R`: a non-2xx status to the error
/// `Api::read_error` makes of it (the server's text, redacted of `secret`, in `diag`), a body
/// that is not the expected JSON to `unexpected_response`. The answer's request id and
/// Retry-After go to `diag` in every case (see `keep_answer_headers`).
template <class Api, class R>
void decode_response(const http::response& resp, std::string_view secret, op_time now, R& out,
                     std::error_code& ec, diagnostics& diag) {
    diag.status = resp.status;
    keep_answer_headers(resp, secret, now, diag);
    if (!resp.ok()) {
        Api::read_error(resp, secret, ec, diag);
        return;
    }
    if (const auto type = resp.headers.find("Content-Type"); type && !is_json_content_type(*type)) {
        ec = errc::unexpected_response;
        diag.detail =
            redact("expected a JSON body, got Content-Type " + std::string{*type}, secret);
        return;
    }
    reflect::json_error err;
    if (!reflect::read_json(resp.body, out, err)) {
        out = R{};
        ec = errc::unexpected_response;
        diag.detail = redact(
            "unexpected response body: " + (err.path.empty() ? "" : err.path + ": ") + err.message,
            secret);
        return;
    }
    ec.clear();
}

/// A transport's cancellation as the client reports every cancellation.
inline std::error_code as_client_cancel(std::error_code ec) {
    return ec == http::transport_errc::cancelled ? std::error_code{errc::cancelled} : ec;
}

/// One request and its retries: the part of every machine that sends.
struct exchange {
    enum outcome {
        again,    ///< send the request again after `delay`
        failed,   ///< over, with the error and diagnostics set
        answered, ///< over, with a complete response (of any status)
    };

    http::request req;
    retry_machine retry;

    /// After a send that ended with `tec` or `resp`.
    outcome on_response(std::error_code tec, const http::response& resp, op_time now,
                        std::chrono::milliseconds& delay, std::error_code& ec, diagnostics& diag) {
        const auto d = retry.on_outcome(outcome_of(tec, resp), now);
        if (d.kind == retry_decision::retry) {
            delay = d.delay;
            return again;
        }
        if (d.kind == retry_decision::ambiguous) {
            diag.transport_error = tec;
            ec = errc::outcome_unknown;
            return failed;
        }
        if (tec) {
            diag.transport_error = tec;
            ec = as_client_cancel(tec);
            return failed;
        }
        return answered;
    }
};

/// One request and its retries, answered by a JSON model `R` (errors as `Api` reads them):
/// calls and uploads.
template <class Api, class R> class call_op {
public:
    using result_type = R;

    /// A call that sends `req` under `retry`'s rules.
    call_op(http::request req, retry_machine retry, std::string_view secret)
        : x_{std::move(req), std::move(retry)}, secret_(secret) {}

    /// A call that failed before any I/O (validation): completes with `ec` and `d`.
    call_op(std::error_code ec, diagnostics d, retry_machine retry)
        : x_{{}, std::move(retry)}, ec_(ec), diag_(std::move(d)), failed_early_(true) {}

    call_op(const call_op&) = delete;
    call_op& operator=(const call_op&) = delete;

    op_step start(op_time) {
        if (failed_early_)
            return {op_step::done};
        return {op_step::send};
    }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::chrono::milliseconds delay{0};
        switch (x_.on_response(tec, resp, now, delay, ec_, diag_)) {
        case exchange::again:
            return {op_step::sleep, delay};
        case exchange::failed:
            return {op_step::done};
        case exchange::answered:
            decode_response<Api>(resp, secret_, now, result_, ec_, diag_);
            return {op_step::done};
        }
        return {op_step::done};
    }

    op_step on_wake(op_time) { return {op_step::send}; }

    op_step on_cancelled() {
        ec_ = errc::cancelled;
        return {op_step::done};
    }

    const http::request& request() const noexcept { return x_.req; }
    std::error_code error() const noexcept { return ec_; }
    R take_result() { return std::move(result_); }
    diagnostics take_diag() { return std::move(diag_); }
    cancellation::state* cancel_token() const noexcept { return nullptr; }

private:
    exchange x_;
    std::string_view secret_;
    std::error_code ec_;
    diagnostics diag_;
    R result_{};
    bool failed_early_ = false;
};

/// What a `call_op<R>` is made of, kept until the operation starts (a deferred operation
/// starts when it is launched): a prepared request, or the error that stopped its
/// preparation.
template <class Api, class R> struct call_recipe {
    bool ok = false;
    std::error_code ec;
    diagnostics diag;
    http::request req;
    retry_machine retry;
    std::string_view secret;

    call_op<Api, R> operator()() {
        if (!ok)
            return call_op<Api, R>{ec, std::move(diag), std::move(retry)};
        return call_op<Api, R>{std::move(req), std::move(retry), secret};
    }
};

/// How a wait builds the request of each poll: the client's preparation of `Api::poll`
/// (`GET assets/{jobId}`, ...), behind a pointer, so a sleeping wait holds no request.
template <class Api> struct poll_builder {
    const void* client = nullptr;
    bool (*build)(const void* client, const typename Api::job_ref& job, http::request& out,
                  std::error_code& ec, diagnostics& diag) = nullptr;
};

/// Following a job to its end: polls (each an `exchange` with its own retries) and pauses,
/// as `wait_machine` decides, reading each answer as `Api` says (`is_done`, `is_failed`,
/// `read_failure`). Between polls it keeps the job's reference, the last body that decoded
/// (the job is decoded again at the end), and no request and no diagnostics until there are
/// some: thousands of waits may sleep at once.
template <class Api> class wait_op {
public:
    using result_type = typename Api::job;
    using job_ref = typename Api::job_ref;
    using options = basic_wait_options<result_type>;

    /// A wait that polls for `job_id` with requests from `builder`, each poll under `policy`
    /// (which must outlive the wait) with a seed drawn from `seed` (the client's).
    wait_op(poll_builder<Api> builder, job_ref job_id, const retry_policy& policy,
            std::uint64_t& seed, options opts, std::string_view secret)
        : opts_(std::move(opts)), policy_(&policy), seed_(&seed), builder_(builder),
          job_id_(std::move(job_id)), secret_(secret) {}

    wait_op(const wait_op&) = delete;
    wait_op& operator=(const wait_op&) = delete;

    op_step start(op_time now) {
        machine_.emplace(opts_, now);
        return follow(machine_->start(), now);
    }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::chrono::milliseconds delay{0};
        std::error_code ec;
        diagnostics d;
        const auto outcome = poll_->on_response(tec, resp, now, delay, ec, d);
        if (outcome == exchange::again) {
            retrying_ = true;
            return {op_step::sleep, delay};
        }
        poll_.reset();
        if (outcome == exchange::failed) {
            keep(std::move(d));
            return follow(machine_->on_error(ec, now), now);
        }
        result_type j;
        decode_response<Api>(resp, secret_, now, j, ec, d);
        if (ec) {
            keep(std::move(d));
            return follow(machine_->on_error(ec, now), now);
        }
        last_body_ = std::move(resp.body);
        if (opts_.on_progress)
            opts_.on_progress(j);
        const bool failed = Api::is_failed(j);
        if (failed) {
            diagnostics f;
            f.request_id = std::move(d.request_id);
            Api::read_failure(j, f);
            f.server_message = redact(std::move(f.server_message), secret_);
            keep(std::move(f));
        }
        return follow(machine_->on_job(Api::is_done(j), failed, now), now);
    }

    op_step on_wake(op_time now) {
        if (retrying_) {
            retrying_ = false;
            return {op_step::send};
        }
        return follow(machine_->start(), now);
    }

    op_step on_cancelled() {
        ec_ = errc::cancelled;
        diag_.reset();
        return {op_step::done};
    }

    const http::request& request() const noexcept { return poll_->req; }
    std::error_code error() const noexcept { return ec_; }
    /// The last job a poll returned (default-constructed when none did).
    result_type take_result() {
        result_type j;
        if (!last_body_.empty()) {
            std::error_code ignored;
            diagnostics unused;
            decode_response<Api>(http::response{200, {}, std::move(last_body_)}, secret_, op_time{},
                                 j, ignored, unused);
        }
        return j;
    }
    diagnostics take_diag() { return diag_ ? std::move(*diag_) : diagnostics{}; }
    cancellation::state* cancel_token() const noexcept { return opts_.cancel.get(); }

private:
    void keep(diagnostics d) { diag_ = std::make_unique<diagnostics>(std::move(d)); }

    op_step follow(wait_step s, op_time now) {
        if (opts_.cancel && opts_.cancel->cancelled())
            return on_cancelled();
        switch (s.kind) {
        case wait_step::poll: {
            diag_.reset();
            poll_ = std::make_unique<exchange>(
                exchange{{}, retry_machine{*policy_, true, next_seed(*seed_)}});
            diagnostics d;
            if (!builder_.build(builder_.client, job_id_, poll_->req, ec_, d)) {
                keep(std::move(d));
                return {op_step::done};
            }
            return {op_step::send};
        }
        case wait_step::sleep:
            return {op_step::sleep,
                    s.until > now ? std::chrono::ceil<std::chrono::milliseconds>(s.until - now)
                                  : std::chrono::milliseconds{0}};
        case wait_step::done:
            ec_.clear();
            diag_.reset();
            return {op_step::done};
        case wait_step::fail:
            ec_ = s.error;
            if (s.error == errc::wait_timeout)
                diag_.reset();
            return {op_step::done};
        }
        return {op_step::done};
    }

    options opts_;
    std::optional<wait_machine> machine_;
    const retry_policy* policy_ = nullptr;
    std::uint64_t* seed_ = nullptr;
    poll_builder<Api> builder_;
    job_ref job_id_;
    std::unique_ptr<exchange> poll_; // while a poll is in flight
    std::string_view secret_;
    std::string last_body_;
    std::error_code ec_;
    std::unique_ptr<diagnostics> diag_;
    bool retrying_ = false;
};

/// What a `wait_op` is made of (see `call_recipe`). Nothing is prepared ahead: the first
/// poll's request is built, and the id validated, when the wait starts, before any I/O.
template <class Api> struct wait_recipe {
    poll_builder<Api> builder;
    typename Api::job_ref job_id;
    const retry_policy* policy = nullptr; // the client's
    std::uint64_t* seed = nullptr;
    basic_wait_options<typename Api::job> opts;
    std::string_view secret;

    wait_op<Api> operator()() {
        return wait_op<Api>{builder, std::move(job_id), *policy, *seed, std::move(opts), secret};
    }
};

/// A download into a sink, or into a file through a temporary renamed into place at the end.
/// The result is the number of bytes received.
class download_op {
public:
    using result_type = std::uint64_t;

    /// Streams the answer to `req` into `sink`.
    download_op(http::request req, chunk_sink sink, download_options opts, retry_machine retry,
                error_reader errors = {})
        : req_(std::move(req)), opts_(std::move(opts)),
          machine_(std::move(sink), opts_, std::move(retry), errors) {
        machine_.attach(req_);
    }

    /// Streams the answer to `req` into the file at `path`.
    download_op(http::request req, const std::filesystem::path& path, download_options opts,
                retry_machine retry, error_reader errors = {})
        : req_(std::move(req)), opts_(std::move(opts)),
          file_(std::make_unique<part_file>(path, opts_.durable ? &sync_path : nullptr)),
          machine_([f = file_.get()](std::string_view chunk) { return f->write(chunk); }, opts_,
                   std::move(retry), errors) {
        machine_.attach(req_);
        if (!file_->is_open()) {
            ec_ = errc::file_error;
            diag_.detail = "cannot write " + file_->temp_path().string();
            failed_early_ = true;
        }
    }

    /// A download that failed before any I/O.
    download_op(std::error_code ec, diagnostics d, download_options opts)
        : opts_(std::move(opts)), machine_(nullptr, opts_, retry_machine{retry_policy{}, true, 0}),
          ec_(ec), diag_(std::move(d)), failed_early_(true) {}

    download_op(const download_op&) = delete;
    download_op& operator=(const download_op&) = delete;

    op_step start(op_time) {
        if (failed_early_)
            return {op_step::done};
        return attempt();
    }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::error_code ec;
        const auto d = machine_.on_attempt(tec, resp, now, ec, diag_);
        if (d.kind == retry_decision::retry)
            return {op_step::sleep, d.delay};
        return finish(ec);
    }

    op_step on_wake(op_time) { return attempt(); }

    op_step on_cancelled() { return finish(errc::cancelled); }

    const http::request& request() const noexcept { return req_; }
    std::error_code error() const noexcept { return ec_; }
    std::uint64_t take_result() noexcept { return bytes_; }
    diagnostics take_diag() { return std::move(diag_); }
    cancellation::state* cancel_token() const noexcept { return opts_.cancel.get(); }

private:
    op_step attempt() {
        if (machine_.cancelled())
            return finish(errc::cancelled);
        machine_.begin_attempt();
        return {op_step::send};
    }

    op_step finish(std::error_code ec) {
        if (file_)
            file_->commit(ec, diag_);
        ec_ = as_client_cancel(ec);
        bytes_ = ec_ ? 0 : machine_.received();
        return {op_step::done};
    }

    http::request req_;
    download_options opts_;
    std::unique_ptr<part_file> file_;
    download_machine machine_;
    std::error_code ec_;
    diagnostics diag_;
    std::uint64_t bytes_ = 0;
    bool failed_early_ = false;
};

/// What a `download_op` is made of (see `call_recipe`): into `sink` when it is set, else
/// into the file at `path`; an API call's answer when `errors` is set.
struct download_recipe {
    bool ok = false;
    std::error_code ec;
    diagnostics diag;
    http::request req;
    chunk_sink sink;
    std::filesystem::path path;
    download_options opts;
    retry_machine retry;
    error_reader errors{};

    download_op operator()() {
        if (!ok)
            return download_op{ec, std::move(diag), std::move(opts)};
        if (sink)
            return download_op{std::move(req), std::move(sink), std::move(opts), std::move(retry),
                               errors};
        return download_op{std::move(req), path, std::move(opts), std::move(retry), errors};
    }
};

} // namespace ltx::detail

#endif
