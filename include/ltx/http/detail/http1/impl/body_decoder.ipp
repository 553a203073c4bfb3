// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_BODY_DECODER_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_BODY_DECODER_IPP

#include <ltx/http/detail/http1/body_decoder.hpp>

#include <ltx/http/detail/http1/syntax.hpp>

#include <algorithm>
#include <limits>

namespace ltx::http::detail::http1 {

LTX_DECL std::error_code parse_chunk_line(std::string_view line, std::uint64_t& size) {
    std::size_t i = 0;
    std::uint64_t v = 0;
    for (; i < line.size() && hex_value(line[i]) >= 0; ++i) {
        if (v > std::numeric_limits<std::uint64_t>::max() >> 4) {
            return error::chunk_size_overflow;
        }
        v = (v << 4) | static_cast<std::uint64_t>(hex_value(line[i]));
    }
    if (i == 0 || (i < line.size() && !is_ows(line[i]) && line[i] != ';')) {
        return error::bad_chunk_size;
    }
    const auto skip_ows = [&] {
        while (i < line.size() && is_ows(line[i]))
            ++i;
    };
    const auto token = [&] {
        const auto start = i;
        while (i < line.size() && is_tchar(line[i]))
            ++i;
        return i > start;
    };
    const auto quoted = [&] {
        for (++i; i < line.size(); ++i) {
            if (line[i] == '"') {
                ++i;
                return true;
            }
            if (line[i] == '\\' && ++i == line.size()) {
                return false;
            }
            if (!is_field_char(line[i])) {
                return false;
            }
        }
        return false;
    };
    while (i < line.size()) {
        // Whitespace is allowed before ';' but not at the end of the line.
        skip_ows();
        if (i == line.size() || line[i] != ';') {
            return error::bad_chunk_extension;
        }
        ++i;
        skip_ows();
        if (!token()) {
            return error::bad_chunk_extension;
        }
        const auto after_name = i;
        skip_ows();
        if (i < line.size() && line[i] == '=') {
            ++i;
            skip_ows();
            if (!(i < line.size() && line[i] == '"' ? quoted() : token())) {
                return error::bad_chunk_extension;
            }
        } else {
            i = after_name;
        }
    }
    size = v;
    return {};
}

LTX_DECL std::error_code body_decoder::start(body_kind kind, std::uint64_t length,
                                             const limits& lim) {
    limits_ = lim;
    remaining_ = 0;
    size_ = 0;
    line_.clear();
    trailer_count_ = 0;
    trailer_connection_ = {};
    switch (kind) {
    case body_kind::none:
        state_ = state::done;
        break;
    case body_kind::length:
        if (length > lim.max_body_bytes) {
            state_ = state::done;
            return error::body_too_large;
        }
        remaining_ = length;
        state_ = length == 0 ? state::done : state::length;
        break;
    case body_kind::chunked:
        line_budget_ = lim.max_line_bytes;
        state_ = state::chunk_line;
        break;
    case body_kind::until_eof:
        state_ = state::until_eof;
        break;
    }
    return {};
}

LTX_DECL std::size_t body_decoder::decode(const char* p, std::size_t n, std::string_view& out,
                                          std::error_code& ec) {
    ec = {};
    out = {};
    if (n == 0) {
        return 0;
    }
    switch (state_) {
    case state::length:
    case state::chunk_data: {
        const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, n));
        out = {p, take};
        remaining_ -= take;
        size_ += take;
        if (remaining_ == 0) {
            state_ = state_ == state::length ? state::done : state::chunk_cr;
        }
        return take;
    }
    case state::until_eof:
        // Refused whole, before handing anything out, as the limit is on what we keep.
        if (n > limits_.max_body_bytes - size_) {
            ec = error::body_too_large;
            return 0;
        }
        out = {p, n};
        size_ += n;
        return n;
    case state::chunk_cr:
    case state::chunk_lf:
        if (*p != (state_ == state::chunk_cr ? '\r' : '\n')) {
            ec = error::bad_chunk;
            return 0;
        }
        if (state_ == state::chunk_cr) {
            state_ = state::chunk_lf;
        } else {
            state_ = state::chunk_line;
            line_budget_ = limits_.max_line_bytes;
        }
        return 1;
    case state::chunk_line:
    case state::trailer: {
        const auto used = line_.read(p, n, line_budget_, ec);
        if (ec || !line_.complete()) {
            return used;
        }
        ec = state_ == state::chunk_line ? on_chunk_line() : on_trailer_line();
        line_.clear();
        return used;
    }
    case state::done:
        break;
    }
    return 0;
}

LTX_DECL void body_decoder::finish_eof(std::error_code& ec) {
    if (state_ == state::until_eof) {
        state_ = state::done;
    }
    ec = state_ == state::done ? std::error_code{} : error::partial_message;
}

LTX_DECL std::error_code body_decoder::on_chunk_line() {
    std::uint64_t chunk = 0;
    if (auto ec = parse_chunk_line(line_.line(), chunk)) {
        return ec;
    }
    if (chunk == 0) {
        // The trailer section shares one budget, as a head does.
        line_budget_ = limits_.max_line_bytes;
        state_ = state::trailer;
        return {};
    }
    if (chunk > limits_.max_body_bytes - size_) {
        return error::body_too_large;
    }
    remaining_ = chunk;
    state_ = state::chunk_data;
    return {};
}

LTX_DECL std::error_code body_decoder::on_trailer_line() {
    const auto line = line_.line();
    if (line.empty()) {
        state_ = state::done;
        return {};
    }
    if (trailer_count_ >= limits_.max_field_count) {
        return error::too_many_headers;
    }
    std::string_view name;
    std::string_view value;
    if (auto ec = parse_field_line(line, name, value)) {
        return ec;
    }
    if (iequals(name, "content-length") || iequals(name, "transfer-encoding")) {
        return error::bad_trailer;
    }
    if ((iequals(name, "connection") || iequals(name, "proxy-connection")) &&
        !parse_connection(value, trailer_connection_)) {
        return error::bad_connection;
    }
    ++trailer_count_;
    return {};
}

} // namespace ltx::http::detail::http1

#endif
