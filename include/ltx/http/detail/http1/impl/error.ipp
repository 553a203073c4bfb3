// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_ERROR_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_ERROR_IPP

#include <ltx/http/detail/http1/error.hpp>

#include <string>

namespace ltx::http::detail::http1 {

namespace impl {

class error_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.http1"; }

    std::string message(int ev) const override {
        switch (static_cast<error>(ev)) {
        case error::bad_method:
            return "request method is not a token";
        case error::bad_target:
            return "invalid request-target";
        case error::missing_host:
            return "request has no Host";
        case error::bad_line_ending:
            return "bare CR or LF line ending";
        case error::bad_version:
            return "bad HTTP version in status line";
        case error::bad_status:
            return "bad status code";
        case error::bad_reason:
            return "bad reason phrase";
        case error::bad_field_name:
            return "header field name is not a token";
        case error::bad_field_value:
            return "header field value holds a control character";
        case error::obs_fold:
            return "obsolete line folding in header";
        case error::bad_content_length:
            return "bad Content-Length";
        case error::multiple_content_length:
            return "conflicting Content-Length values";
        case error::bad_transfer_encoding:
            return "unsupported or repeated Transfer-Encoding";
        case error::content_length_with_chunked:
            return "both Content-Length and Transfer-Encoding";
        case error::bad_connection:
            return "bad Connection field";
        case error::bad_chunk_size:
            return "bad chunk size";
        case error::chunk_size_overflow:
            return "chunk size overflows";
        case error::bad_chunk_extension:
            return "bad chunk extension";
        case error::bad_chunk:
            return "chunk data not followed by CRLF";
        case error::bad_trailer:
            return "framing field in trailer";
        case error::headers_too_large:
            return "header section too large";
        case error::too_many_headers:
            return "too many header fields";
        case error::body_too_large:
            return "body too large";
        case error::partial_message:
            return "connection closed before the message was complete";
        }
        return "unknown ltx.http1 error";
    }
};

} // namespace impl

LTX_DECL const std::error_category& error_category() noexcept {
    // A function-local static gives one category object per program even header-only,
    // since error_code equality compares category addresses.
    static const impl::error_category_impl category;
    return category;
}

} // namespace ltx::http::detail::http1

#endif
