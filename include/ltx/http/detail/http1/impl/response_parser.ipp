// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_RESPONSE_PARSER_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_RESPONSE_PARSER_IPP

#include <ltx/http/detail/http1/response_parser.hpp>

namespace ltx::http::detail::http1 {

LTX_DECL void response_parser::reset() {
    head_request_ = false;
    started_ = false;
    keep_alive_ = false;
    framing_pending_ = false;
    state_ = state::status_line;
    failure_ = {};
    head_budget_ = limits_.max_header_bytes;
    line_.clear();
    status_ = {};
    fields_.clear();
    framing_ = {};
    body_.start(body_kind::none, 0, {});
}

LTX_DECL std::size_t response_parser::feed(const char* data, std::size_t n, std::error_code& ec) {
    if (state_ == state::failed) {
        ec = failure_;
        return 0;
    }
    ec = {};
    std::size_t used = 0;
    while (used < n && state_ != state::done) {
        if (state_ == state::body) {
            std::string_view piece;
            used += body_.decode(data + used, n - used, piece, ec);
            if (ec) {
                break;
            }
            if (!piece.empty() && sink_) {
                sink_(piece);
            }
            if (body_.done()) {
                state_ = state::done;
            }
            continue;
        }
        used += line_.read(data + used, n - used, head_budget_, ec);
        if (ec) {
            break;
        }
        if (!line_.complete()) {
            continue; // all input was used
        }
        ec = on_line(line_.line());
        line_.clear();
        if (ec) {
            break;
        }
    }
    started_ = started_ || used > 0;
    if (ec) {
        failure_ = ec;
        state_ = state::failed;
    }
    return used;
}

LTX_DECL void response_parser::finish_eof(std::error_code& ec) {
    if (state_ == state::failed) {
        ec = failure_;
        return;
    }
    ec = {};
    if (state_ == state::body && body_.until_eof()) {
        body_.finish_eof(ec);
        state_ = state::done;
    }
    if (state_ != state::done) {
        ec = error::partial_message;
        failure_ = ec;
        state_ = state::failed;
    }
}

LTX_DECL std::error_code response_parser::on_line(std::string_view line) {
    if (state_ == state::status_line) {
        if (auto ec = parse_status_line(line, status_)) {
            return ec;
        }
        state_ = state::field_line;
        return {};
    }
    if (!line.empty() && is_ows(line.front())) {
        return error::obs_fold;
    }
    // The previous field's framing meaning is judged only now that it is known not to be
    // folded: "Content-Length:" alone is bad, but the fault is the fold that would follow.
    if (framing_pending_) {
        framing_pending_ = false;
        if (auto ec = framing_.on_field(fields_[fields_.size() - 1].name,
                                        fields_[fields_.size() - 1].value)) {
            return ec;
        }
    }
    if (line.empty()) {
        return on_head_end();
    }
    if (fields_.size() >= limits_.max_header_count) {
        return error::too_many_headers;
    }
    std::string_view name;
    std::string_view value;
    if (auto ec = parse_field_line(line, name, value)) {
        return ec;
    }
    fields_.add(std::string(name), std::string(value));
    framing_pending_ = true;
    return {};
}

LTX_DECL std::error_code response_parser::on_head_end() {
    const int status = status_.status;
    if (status / 100 == 1 && status != 101) {
        // An interim response: its fields are dropped, the final one follows.
        fields_.clear();
        framing_ = {};
        head_budget_ = limits_.max_header_bytes;
        state_ = state::status_line;
        return {};
    }
    body_kind kind = body_kind::until_eof;
    if (head_request_ || status == 101 || status == 204 || status == 304) {
        kind = body_kind::none;
    } else if (framing_.chunked) {
        kind = body_kind::chunked;
    } else if (framing_.content_length) {
        kind = body_kind::length;
    }
    const auto& conn = framing_.connection;
    keep_alive_ =
        status_.version == 11 ? !conn.close : conn.keep_alive && !conn.close && !framing_.chunked;
    if (status == 101 || kind == body_kind::until_eof) {
        keep_alive_ = false;
    }
    state_ = state::body;
    const body_decoder::limits lim{limits_.max_header_bytes, limits_.max_header_count,
                                   limits_.max_body_bytes};
    if (auto ec = body_.start(kind, framing_.content_length.value_or(0), lim)) {
        return ec;
    }
    if (body_.done()) {
        state_ = state::done;
    }
    return {};
}

} // namespace ltx::http::detail::http1

#endif
