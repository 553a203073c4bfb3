// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The signed-URL upload of the official LTX API as one machine of ltx/detail/operation.hpp:
// `POST v1/upload` for a ticket, then the `PUT` of the file to the ticket's URL. Each step is an
// `exchange` with the core's retry rules; the runners drive it as any other operation.
#ifndef LTX_LIGHTRICKS_DETAIL_UPLOAD_HPP
#define LTX_LIGHTRICKS_DETAIL_UPLOAD_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/operation.hpp>
#include <ltx/http/body.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/url.hpp>
#include <ltx/lightricks/models.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::lightricks::detail {

using ltx::detail::exchange;
using ltx::detail::op_step;
using ltx::detail::op_time;
using ltx::detail::retry_machine;

/// Uploads one file; the result is the ticket's `storage_uri`. The PUT carries the ticket's
/// `required_headers` verbatim, the file's Content-Type and the User-Agent, and never the
/// API key (the upload URL is another host's).
template <class Api> class upload_op {
public:
    using result_type = std::string;

    upload_op(http::request ticket_req, http::body body, std::string content_type,
              retry_machine ticket_retry, retry_machine put_retry, std::string_view secret,
              std::string user_agent, std::chrono::milliseconds timeout)
        : x_{std::move(ticket_req), std::move(ticket_retry)}, put_retry_(std::move(put_retry)),
          body_(std::move(body)), content_type_(std::move(content_type)), secret_(secret),
          user_agent_(std::move(user_agent)), timeout_(timeout) {}

    /// An upload that failed before any I/O.
    upload_op(std::error_code ec, diagnostics d, retry_machine retry)
        : x_{{}, retry}, put_retry_(std::move(retry)), ec_(ec), diag_(std::move(d)),
          failed_early_(true) {}

    upload_op(const upload_op&) = delete;
    upload_op& operator=(const upload_op&) = delete;

    op_step start(op_time) { return {failed_early_ ? op_step::done : op_step::send}; }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::chrono::milliseconds delay{0};
        switch (x_.on_response(tec, resp, now, delay, ec_, diag_)) {
        case exchange::again:
            return {op_step::sleep, delay};
        case exchange::failed:
            return {op_step::done};
        case exchange::answered:
            break;
        }
        return putting_ ? on_stored(resp) : on_ticket(resp, now);
    }

    op_step on_wake(op_time) { return {op_step::send}; }

    op_step on_cancelled() {
        ec_ = errc::cancelled;
        return {op_step::done};
    }

    const http::request& request() const noexcept { return x_.req; }
    std::error_code error() const noexcept { return ec_; }
    std::string take_result() { return ec_ ? std::string{} : std::move(ticket_.storage_uri); }
    diagnostics take_diag() { return std::move(diag_); }
    cancellation::state* cancel_token() const noexcept { return nullptr; }

private:
    op_step on_ticket(const http::response& resp, op_time now) {
        ltx::detail::decode_response<Api>(resp, secret_, now, ticket_, ec_, diag_);
        if (ec_)
            return {op_step::done};
        auto url = http::parse_url(ticket_.upload_url);
        if (!url) {
            ec_ = errc::unexpected_response;
            diag_.detail = "the upload ticket's upload_url is not an absolute http(s) URL";
            return {op_step::done};
        }
        http::request put;
        put.method = http::method::put;
        put.url = std::move(url).value();
        for (const auto& [name, value] : ticket_.required_headers) {
            if (!http::is_token(name) || !http::is_valid_field_value(value)) {
                ec_ = errc::unexpected_response;
                diag_.detail = "the upload ticket's required_headers hold a header that cannot "
                               "be sent";
                return {op_step::done};
            }
            put.headers.set(name, value);
        }
        put.headers.set("Content-Type", content_type_);
        put.headers.set("User-Agent", user_agent_);
        put.headers.erase("Authorization"); // whatever the ticket says: not the API host
        put.body = std::move(body_);
        put.timeout = timeout_;
        x_ = exchange{std::move(put), std::move(put_retry_)};
        putting_ = true;
        diag_ = {};
        return {op_step::send};
    }

    op_step on_stored(const http::response& resp) {
        diag_.status = resp.status;
        if (resp.ok()) {
            ec_.clear();
            return {op_step::done};
        }
        // The storage host's answers do not use the API's error envelope.
        ec_ = errc_from_status(resp.status);
        diag_.detail = resp.status == 403
                           ? "the storage host refused the upload: a required header missing "
                             "or changed, or the upload URL expired"
                           : "the storage host refused the upload";
        return {op_step::done};
    }

    exchange x_;
    retry_machine put_retry_;
    http::body body_;
    std::string content_type_;
    std::string_view secret_;
    std::string user_agent_;
    std::chrono::milliseconds timeout_{0};
    upload_ticket ticket_;
    std::error_code ec_;
    diagnostics diag_;
    bool putting_ = false;
    bool failed_early_ = false;
};

/// What an `upload_op` is made of (see `ltx::detail::call_recipe`).
template <class Api> struct upload_recipe {
    bool ok = false;
    std::error_code ec;
    diagnostics diag;
    http::request ticket_req;
    http::body body;
    std::string content_type;
    retry_machine ticket_retry;
    retry_machine put_retry;
    std::string_view secret;
    std::string user_agent;
    std::chrono::milliseconds timeout{0};

    upload_op<Api> operator()() {
        if (!ok) {
            if (!ec)
                ec = errc::invalid_request;
            return upload_op<Api>{ec, std::move(diag), std::move(ticket_retry)};
        }
        return upload_op<Api>{std::move(ticket_req),   std::move(body),
                              std::move(content_type), std::move(ticket_retry),
                              std::move(put_retry),    secret,
                              std::move(user_agent),   timeout};
    }
};

} // namespace ltx::lightricks::detail

#endif
