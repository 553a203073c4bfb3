// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_TESTING_MOCK_TRANSPORT_HPP
#define LTX_TESTING_MOCK_TRANSPORT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/http/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/response_handler.hpp>
#include <ltx/http/transport.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace ltx::testing {

/// Failures of the mock itself, as opposed to the transport errors a script injects.
enum class mock_errc {
    script_exhausted = 1, ///< A request arrived after every scripted step was used.
    unexpected_request,   ///< A request did not match its step's method or URL substring.
};

/// The error category of `mock_errc`, named `"ltx.mock"`.
LTX_DECL const std::error_category& mock_category() noexcept;

/// Makes `e` an error code of `mock_category()`; found by argument-dependent lookup.
inline std::error_code make_error_code(mock_errc e) noexcept {
    return {static_cast<int>(e), mock_category()};
}

/// One scripted exchange of a `mock_transport`: what request to expect, what to answer.
///
/// Public members, plus chainable setters for the common cases:
/// `mock.expect(method::post, "videos/ltx-create").respond(200, R"({"jobId":"j"})")`.
struct mock_step {
    /// Expected method; any when unset.
    std::optional<http::method> method;

    /// Expected substring of the request's full URL (`url.to_string()`); any when empty.
    std::string url_contains;

    /// When set, the exchange fails with this code before any response byte: no status,
    /// no sink call. Models a connect failure, a reset while sending, a timeout, ...
    std::error_code error;

    /// Status of the canned response.
    int status = 200;

    /// Headers of the canned response.
    http::headers headers;

    /// Body of the canned response.
    std::string body;

    /// When set, only the first `*fail_after_bytes` body bytes (at most the whole body) are
    /// delivered, to the sink if any, then the exchange fails with `body_error`.
    std::optional<std::size_t> fail_after_bytes;

    /// The error of a mid-body failure (see `fail_after_bytes`).
    std::error_code body_error;

    /// Answers with `status_code` and `body_bytes`; returns `*this`.
    mock_step& respond(int status_code, std::string body_bytes = {}) {
        status = status_code;
        body = std::move(body_bytes);
        return *this;
    }

    /// Adds a header to the canned response; returns `*this`.
    mock_step& header(std::string_view name, std::string_view value) {
        headers.add(name, value);
        return *this;
    }

    /// Fails the exchange with `ec` instead of answering; returns `*this`.
    mock_step& fail(std::error_code ec) {
        error = ec;
        return *this;
    }

    /// Delivers `bytes` body bytes, then fails with `ec`; returns `*this`.
    mock_step& fail_after(std::size_t bytes,
                          std::error_code ec = http::transport_errc::connection_reset) {
        fail_after_bytes = bytes;
        body_error = ec;
        return *this;
    }
};

/// A request as the mock received it, for the test to inspect.
struct recorded_request {
    http::method method = http::method::get; ///< The method.
    std::string url;                         ///< The full URL, `url.to_string()`.
    http::headers headers;                   ///< The headers, as given (no `Host` added).
    std::string body;                        ///< The body bytes; a file body's are read in.
    bool file_body = false;                  ///< True when the body was a `file_body`.
    std::chrono::milliseconds timeout{0};    ///< The request's timeout.
    bool had_sink = false;                   ///< True when the request carried a sink.
};

/// A scripted transport for tests, modelling both `ltx::sync_transport` and
/// `ltx::async_transport`, with no I/O besides reading file bodies.
///
/// Each request consumes the next scripted `mock_step` in order, is checked against it and
/// answered by it. Every request is recorded (`requests()`) before anything else happens.
/// When the script is empty or a request does not match, the exchange fails with a
/// `mock_errc` code and a description goes to `failures()`, so a test can both see the
/// client's reaction and assert `failures().empty()`. A request whose file body cannot be
/// read in full fails with the file's error or `transport_errc::protocol_error`, consuming no
/// step. Response bodies go to `request::sink` when set, in pieces of `chunk_size()` bytes.
///
/// `async_send` completes either before it returns (`completion::immediate`) or when the test
/// calls `run_one()` / `run_pending()` (`completion::deferred`), which makes re-entrancy
/// and ordering deterministic. Requests are recorded and steps consumed when `async_send` is
/// called; sink delivery and the handler run at completion. Handlers still pending when the
/// mock is destroyed are dropped uncalled. Not thread-safe.
class mock_transport {
public:
    /// When `async_send` completes its handler.
    enum class completion {
        immediate, ///< Inside `async_send`, before it returns.
        deferred,  ///< From `run_one()` / `run_pending()`, in call order.
    };

    /// An empty script; `mode` chooses when async handlers run.
    explicit mock_transport(completion mode = completion::immediate) noexcept : mode_(mode) {}

    /// Appends a step expecting method `m` and a URL containing `url_contains`; returns it for
    /// chaining. The reference stays valid until the step is consumed.
    LTX_DECL mock_step& expect(http::method m, std::string url_contains = {});

    /// Appends a step accepting any request; returns it for chaining.
    LTX_DECL mock_step& expect_any();

    /// Appends `step`; returns a reference to the stored copy.
    LTX_DECL mock_step& push(mock_step step);

    /// Performs one scripted exchange (see the class description). Clears `ec` on success.
    LTX_DECL http::response send(const http::request& req, std::error_code& ec);

    /// Starts one scripted exchange; `handler` gets `(ec, response)` immediately or when the
    /// test pumps, depending on `completion_mode()`.
    LTX_DECL void async_send(http::request req, http::response_handler handler);

    /// Completes the oldest pending async exchange; returns false when none was pending.
    LTX_DECL bool run_one();

    /// Completes pending async exchanges, including those their handlers start, until none
    /// is left; returns how many were completed.
    LTX_DECL std::size_t run_pending();

    /// The number of async exchanges waiting for `run_one()` / `run_pending()`.
    std::size_t pending() const noexcept { return queue_.size(); }

    /// When `async_send` completes.
    completion completion_mode() const noexcept { return mode_; }

    /// Changes when later `async_send` calls complete.
    void set_completion_mode(completion mode) noexcept { mode_ = mode; }

    /// The largest piece of body passed to a sink at once.
    std::size_t chunk_size() const noexcept { return chunk_size_; }

    /// Sets `chunk_size()`. @throws std::invalid_argument when `n` is 0.
    LTX_DECL void set_chunk_size(std::size_t n);

    /// Every request received, in order.
    const std::vector<recorded_request>& requests() const noexcept { return requests_; }

    /// The number of scripted steps not yet consumed.
    std::size_t remaining() const noexcept { return script_.size(); }

    /// Descriptions of script violations (exhausted script, mismatched request), in order.
    const std::vector<std::string>& failures() const noexcept { return failures_; }

    /// True when every step was consumed and nothing went against the script.
    bool satisfied() const noexcept { return script_.empty() && failures_.empty(); }

private:
    struct exchange {
        std::error_code error;
        mock_step step;
    };

    struct pending_exchange {
        exchange ex;
        http::body_sink* sink;
        http::response_handler handler;
    };

    LTX_DECL exchange begin(const http::request& req);
    LTX_DECL http::response finish(const exchange& ex, http::body_sink* sink, std::error_code& ec);

    std::deque<mock_step> script_;
    std::deque<pending_exchange> queue_;
    std::vector<recorded_request> requests_;
    std::vector<std::string> failures_;
    std::size_t chunk_size_ = 4096;
    completion mode_;
};

} // namespace ltx::testing

/// Lets `mock_errc` convert implicitly to `std::error_code`.
template <> struct std::is_error_code_enum<ltx::testing::mock_errc> : std::true_type {};

#ifdef LTX_HEADER_ONLY
#include <ltx/testing/impl/mock_transport.ipp>
#endif

#endif
