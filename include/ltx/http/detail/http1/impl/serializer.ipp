// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_SERIALIZER_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_SERIALIZER_IPP

#include <ltx/http/detail/http1/serializer.hpp>

#include <ltx/http/detail/http1/syntax.hpp>

#include <algorithm>

namespace ltx::http::detail::http1::impl {

LTX_DECL std::error_code check_field(std::string_view name, std::string_view value,
                                     field_summary& summary) {
    if (!is_token(name)) {
        return error::bad_field_name;
    }
    if (!std::all_of(value.begin(), value.end(), is_field_char)) {
        return error::bad_field_value;
    }
    if (iequals(name, "host")) {
        summary.host = true;
    } else if (iequals(name, "transfer-encoding")) {
        summary.transfer_encoding = true;
    } else if (iequals(name, "content-length")) {
        const auto length = parse_decimal(trim_ows(value));
        if (!length || summary.content_length) {
            return error::bad_content_length;
        }
        summary.content_length = length;
    }
    return {};
}

LTX_DECL std::error_code check_head(const request_head& head, const field_summary& summary) {
    if (!is_token(head.method)) {
        return error::bad_method;
    }
    // Visible ASCII only: a space or control byte could split the request line, and
    // non-ASCII must arrive percent-encoded.
    if (head.target.empty() || !is_visible_ascii(head.target)) {
        return error::bad_target;
    }
    if (!summary.host) {
        if (head.host.empty()) {
            return error::missing_host;
        }
        if (!is_visible_ascii(head.host)) {
            return error::bad_field_value;
        }
    }
    if (summary.content_length) {
        if (summary.transfer_encoding) {
            return error::content_length_with_chunked;
        }
        if (*summary.content_length != head.body_length.value_or(0)) {
            return error::bad_content_length;
        }
    }
    return {};
}

LTX_DECL void append_request_line(const request_head& head, const field_summary& summary,
                                  std::string& out) {
    out.append(head.method).append(" ").append(head.target).append(" HTTP/1.1\r\n");
    if (!summary.host) {
        append_field("Host", head.host, out);
    }
}

LTX_DECL void append_field(std::string_view name, std::string_view value, std::string& out) {
    out.append(name).append(": ").append(value).append("\r\n");
}

LTX_DECL void append_end(const request_head& head, const field_summary& summary, std::string& out) {
    if (head.body_length && !summary.content_length && !summary.transfer_encoding) {
        append_field("Content-Length", std::to_string(*head.body_length), out);
    }
    out.append("\r\n");
}

} // namespace ltx::http::detail::http1::impl

#endif
