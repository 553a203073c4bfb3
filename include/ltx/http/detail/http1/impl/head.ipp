// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_HEAD_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_HEAD_IPP

#include <ltx/http/detail/http1/head.hpp>
#include <ltx/detail/ascii.hpp>

#include <algorithm>
#include <cstring>

namespace ltx::http::detail::http1 {

LTX_DECL std::size_t line_reader::read(const char* p, std::size_t n, std::size_t& budget,
                                       std::error_code& ec) {
    ec = {};
    const auto* lf = static_cast<const char*>(std::memchr(p, '\n', n));
    const std::size_t take = lf ? static_cast<std::size_t>(lf - p) + 1 : n;
    // Checked before copying, so a peer cannot make us buffer more than the limit.
    if (take > budget) {
        ec = error::headers_too_large;
        return 0;
    }
    budget -= take;
    if (!lf) {
        buf_.append(p, n);
        return n;
    }
    std::string_view whole;
    if (buf_.empty()) {
        whole = {p, take}; // the common case: the line arrived in one piece, no copy
    } else {
        buf_.append(p, take);
        whole = buf_;
    }
    if (whole.size() < 2 || whole[whole.size() - 2] != '\r') {
        ec = error::bad_line_ending;
        return take;
    }
    line_ = whole.substr(0, whole.size() - 2);
    if (line_.find('\r') != std::string_view::npos) {
        ec = error::bad_line_ending;
        return take;
    }
    complete_ = true;
    return take;
}

LTX_DECL std::error_code parse_status_line(std::string_view line, status_line& out) {
    if (line.size() < 9 || line.substr(0, 7) != "HTTP/1." || line[8] != ' ' ||
        (line[7] != '0' && line[7] != '1')) {
        return error::bad_version;
    }
    if (line.size() < 13 || !is_digit(line[9]) || !is_digit(line[10]) || !is_digit(line[11]) ||
        line[12] != ' ') {
        return error::bad_status;
    }
    const int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (status < 100 || status > 599) {
        return error::bad_status;
    }
    const auto reason = line.substr(13);
    if (!std::all_of(reason.begin(), reason.end(), is_field_char)) {
        return error::bad_reason;
    }
    out.version = line[7] == '1' ? 11 : 10;
    out.status = status;
    out.reason.assign(reason);
    return {};
}

LTX_DECL std::error_code parse_field_line(std::string_view line, std::string_view& name,
                                          std::string_view& value) {
    if (!line.empty() && is_ows(line.front())) {
        return error::obs_fold;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
        return error::bad_field_name;
    }
    const auto rest = line.substr(colon + 1);
    if (!std::all_of(rest.begin(), rest.end(), is_field_char)) {
        return error::bad_field_value;
    }
    name = line.substr(0, colon);
    value = trim_ows(rest);
    return {};
}

LTX_DECL std::error_code framing::on_field(std::string_view name, std::string_view value) {
    if (iequals(name, "content-length")) {
        std::error_code ec;
        const auto length = parse_content_length(value, ec);
        if (ec) {
            return ec;
        }
        if (content_length && *content_length != length) {
            return error::multiple_content_length;
        }
        content_length = length;
        return chunked ? error::content_length_with_chunked : std::error_code{};
    }
    if (iequals(name, "transfer-encoding")) {
        // Only a single `chunked` is decodable; anything else (gzip, chunked twice,
        // a second field) would leave the body's end unknown, the root of smuggling.
        if (chunked || !iequals(value, "chunked")) {
            return error::bad_transfer_encoding;
        }
        chunked = true;
        return content_length ? error::content_length_with_chunked : std::error_code{};
    }
    if (iequals(name, "connection") || iequals(name, "proxy-connection")) {
        return parse_connection(value, connection) ? std::error_code{} : error::bad_connection;
    }
    return {};
}

} // namespace ltx::http::detail::http1

#endif
