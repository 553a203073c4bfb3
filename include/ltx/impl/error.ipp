// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_IMPL_ERROR_IPP
#define LTX_IMPL_ERROR_IPP

#include <ltx/error.hpp>

namespace ltx {

namespace detail {

class ltx_category final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx"; }
    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::invalid_request:
            return "invalid request";
        case errc::bad_request:
            return "bad request (400)";
        case errc::unauthorized:
            return "unauthorized (401): missing or unknown API token";
        case errc::payment_required:
            return "payment required (402)";
        case errc::not_found:
            return "not found (404)";
        case errc::too_many_requests:
            return "too many concurrent jobs (429)";
        case errc::server_error:
            return "server error (5xx)";
        case errc::unexpected_response:
            return "unexpected response";
        case errc::outcome_unknown:
            return "the request may have reached the server and was not re-sent";
        case errc::job_failed:
            return "the job failed";
        case errc::wait_timeout:
            return "the job did not finish before the deadline";
        case errc::cancelled:
            return "cancelled";
        case errc::no_artifact:
            return "the job has no downloadable result";
        case errc::size_mismatch:
            return "the download's size differs from its Content-Length";
        case errc::file_error:
            return "a local file could not be read or written";
        case errc::request_too_large:
            return "request too large (413)";
        case errc::content_filtered:
            return "stopped by the content filter (422)";
        }
        return "unknown ltx error";
    }

    // A cancelled operation compares equal to std::errc::operation_canceled, as Asio's
    // operation_aborted does, so one test covers both.
    std::error_condition default_error_condition(int ev) const noexcept override {
        if (static_cast<errc>(ev) == errc::cancelled)
            return std::errc::operation_canceled;
        return {ev, *this};
    }
};

LTX_DECL std::string redact(std::string text, std::string_view secret) {
    if (secret.empty())
        return text;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 10))
        text.replace(pos, secret.size(), "<redacted>");
    return text;
}

} // namespace detail

LTX_DECL const std::error_category& error_category() noexcept {
    static const detail::ltx_category instance;
    return instance;
}

LTX_DECL errc errc_from_status(int status) noexcept {
    switch (status) {
    case 400:
        return errc::bad_request;
    case 401:
        return errc::unauthorized;
    case 402:
        return errc::payment_required;
    case 404:
        return errc::not_found;
    case 429:
        return errc::too_many_requests;
    default:
        return status >= 500 && status <= 599 ? errc::server_error : errc::unexpected_response;
    }
}

LTX_DECL std::string diagnostics::to_string(std::error_code ec) const {
    std::string s = ec.message();
    if (status != 0)
        s += " [HTTP " + std::to_string(status) + "]";
    if (!server_message.empty())
        s += ": " + server_message;
    for (const auto& v : violations)
        s += "; " + reflect::to_string(v);
    if (transport_error && transport_error != ec)
        s += " (transport: " + transport_error.message() + ")";
    if (!detail.empty())
        s += " (" + detail + ")";
    if (!request_id.empty())
        s += " [request id " + request_id + "]";
    return s;
}

} // namespace ltx

#endif
