// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ERROR_HPP
#define LTX_ERROR_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/violation.hpp>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace ltx {

/// What went wrong in a call of the client, as `std::error_code`s of `ltx::error_category()`.
/// Failures below HTTP keep the transport's own codes (`ltx::http::transport_errc`).
enum class errc {
    invalid_request = 1, ///< the request broke the API's rules; nothing was sent
    bad_request,         ///< 400: the server refused the request
    unauthorized,        ///< 401: missing or unknown API token
    payment_required,    ///< 402: insufficient credits or no subscription
    not_found,           ///< 404: unknown or expired job, unconfigured account
    too_many_requests,   ///< 429: too many concurrent jobs; the job was not accepted
    server_error,        ///< 5xx
    unexpected_response, ///< another status, a body that is not the expected JSON, a redirect
    outcome_unknown,     ///< the connection failed after the request may have reached the
                         ///< server; a paid request is never sent twice, so the job may or
                         ///< may not exist
    job_failed,          ///< the job ended in `failed`
    wait_timeout,        ///< the job did not finish before the wait's deadline
    cancelled,           ///< the caller cancelled the operation (equal to
                         ///< `std::errc::operation_canceled`)
    no_artifact,         ///< the job has no downloadable result (yet)
    size_mismatch,       ///< a download's length differs from its Content-Length
    file_error,          ///< a local file could not be read or written
    request_too_large,   ///< 413: the body, or a data URI in it, is over the API's limit
    content_filtered,    ///< 422: the safety filters stopped the request or its output
};

/// The category of `ltx::errc`, named `"ltx"`.
LTX_DECL const std::error_category& error_category() noexcept;

/// Makes `e` an error code of `error_category()`.
inline std::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// The `errc` an HTTP status maps to (`bad_request` for 400, ...; `unexpected_response` for a
/// status the API does not document, including 3xx).
LTX_DECL errc errc_from_status(int status) noexcept;

/// What is known of a failure beyond its error code: the HTTP status, the server's `error`
/// text, the violations of an invalid request, the transport's error behind an
/// `outcome_unknown`. Nothing in it ever holds the API token.
struct diagnostics {
    int status = 0;
    std::string server_message;
    std::vector<reflect::violation> violations;
    std::error_code transport_error;
    std::string detail;
    /// The server's machine-readable kind of error, when its API has one (the official LTX
    /// API's `error.type`: `rate_limit_error`, `concurrency_limit_error`, ...); else empty.
    std::string error_type;
    /// The server's id of the exchange (its `x-request-id` header), to quote to its support.
    std::string request_id;
    /// The delay the server asked for before the next request (its `Retry-After` header, in
    /// seconds or as an HTTP-date read against the client's clock, capped at a day), when the
    /// answer that ended the call had one that parses; else empty. A 429 or 503 that the
    /// client's own retries did not overcome carries it (a caller pacing its own requests,
    /// such as `ltx::batch::runner`, waits that long).
    std::optional<std::chrono::milliseconds> retry_after;

    /// A one-line summary: the code's message, the status and the server's text.
    LTX_DECL std::string to_string(std::error_code ec) const;
    /// Empties every field.
    void clear() { *this = diagnostics{}; }
};

/// Thrown by the client's throwing calls for failures reported by the API or detected by
/// the client (all `ltx::errc` codes but `invalid_request`, which throws
/// `ltx::validation_error`). Transport failures throw `std::system_error` with the
/// transport's code.
class api_error : public std::system_error {
public:
    api_error(std::error_code ec, diagnostics d)
        : std::system_error(ec, d.to_string(ec)), diag_(std::move(d)) {}

    /// The HTTP status, or 0.
    int status() const noexcept { return diag_.status; }
    /// The server's `error` text, possibly empty.
    const std::string& server_message() const noexcept { return diag_.server_message; }
    /// The server's `x-request-id` of the failed exchange, possibly empty.
    const std::string& request_id() const noexcept { return diag_.request_id; }
    /// Everything known about the failure.
    const ltx::diagnostics& diagnostics() const noexcept { return diag_; }

private:
    ltx::diagnostics diag_;
};

namespace detail {

/// Replaces every occurrence of `secret` in `text` by `<redacted>`. Applied to every string
/// that comes from the server before it reaches a message, whatever the server echoes back.
LTX_DECL std::string redact(std::string text, std::string_view secret);

} // namespace detail

} // namespace ltx

template <> struct std::is_error_code_enum<ltx::errc> : std::true_type {};

#ifdef LTX_HEADER_ONLY
#include <ltx/impl/error.ipp>
#endif

#endif
