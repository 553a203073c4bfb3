// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_RESPONSE_PARSER_HPP
#define LTX_HTTP_DETAIL_HTTP1_RESPONSE_PARSER_HPP

#include <ltx/detail/config.hpp>

#include <ltx/http/detail/http1/body_decoder.hpp>
#include <ltx/http/detail/http1/error.hpp>
#include <ltx/http/detail/http1/fields.hpp>
#include <ltx/http/detail/http1/head.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string_view>
#include <system_error>

namespace ltx::http::detail::http1 {

/// Bounds on what a peer can make the parser hold or read.
struct parser_limits {
    /// Bytes of one head (status line, fields, CRLFs), of one chunk-size line, and of the
    /// trailer section; over it: `headers_too_large`.
    std::size_t max_header_bytes = 64 * 1024;
    /// Fields of one head, and trailer fields; over it: `too_many_headers`.
    std::size_t max_header_count = 100;
    /// Body bytes (chunk framing excluded); over it: `body_too_large`.
    std::uint64_t max_body_bytes = std::numeric_limits<std::uint64_t>::max();
};

/// An incremental, sans-I/O parser of one HTTP/1.1 response, fed the bytes read from a
/// connection in pieces of any size.
///
/// Interim 1xx responses (100 Continue, 103 Early Hints) are read and skipped; the results
/// describe the final response. 101 Switching Protocols is final, with no body and
/// `keep_alive() == false`. Responses to HEAD, 204 and 304 have no body. Bodies are
/// delimited by Content-Length, chunked coding (extensions checked and ignored, trailers
/// kept) or the end of the connection (`finish_eof`).
///
/// Strictness: lines must end in CRLF (a bare LF is an error, never a line end), obsolete
/// line folding is refused, Content-Length with Transfer-Encoding is refused, and the only
/// transfer coding accepted is a single `chunked`. Every byte is examined a bounded number
/// of times, so parsing is linear in the input however it is split.
class response_parser {
public:
    /// Receives the body in pieces; when none is set the body is checked and dropped. If it
    /// throws, the exception propagates and the parser must be `reset()` before reuse.
    using body_sink = std::function<void(std::string_view)>;

    /// A parser applying `limits`.
    explicit response_parser(parser_limits limits = {}) : limits_(limits) { reset(); }

    /// Prepares for the next response on the same connection: clears the message state
    /// and the HEAD flag, keeps the limits and the body sink.
    LTX_DECL void reset();

    /// Says whether the request was HEAD, so the response has no body. Set before feeding.
    void set_head_request(bool head) noexcept { head_request_ = head; }

    /// Streams the body to `sink`.
    void on_body(body_sink sink) { sink_ = std::move(sink); }

    /// Parses bytes of `[data, data + n)`; returns how many were consumed. All are consumed
    /// until the response is complete; bytes past its end are left (`done()` then holds).
    /// On error `ec` is set, and every later call fails with the same error.
    LTX_DECL std::size_t feed(const char* data, std::size_t n, std::error_code& ec);

    /// The peer closed the connection: completes a body delimited by the close; anything
    /// else incomplete fails with `partial_message`. No-op once `done()`.
    LTX_DECL void finish_eof(std::error_code& ec);

    /// True once a byte of this response (or of an interim one) was consumed. A connection
    /// that closes before it (`!started()`) was idle-closed, so a retry is safe.
    bool started() const noexcept { return started_; }

    /// True once the final response's head was parsed.
    bool header_done() const noexcept { return state_ == state::body || state_ == state::done; }

    /// True once the final response is complete.
    bool done() const noexcept { return state_ == state::done; }

    /// The status code of the final response, 101..599.
    int status() const noexcept { return status_.status; }

    /// Header fields of the final response, in wire order.
    const field_list& fields() const noexcept { return fields_; }

    /// Whether the connection may carry another request once `done()`: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive` and no
    /// Transfer-Encoding. Never for a close-delimited body, a 101, or after an error.
    bool keep_alive() const noexcept {
        return header_done() && keep_alive_ && !body_.trailer_close();
    }

private:
    enum class state { status_line, field_line, body, done, failed };

    LTX_DECL std::error_code on_line(std::string_view line);
    LTX_DECL std::error_code on_head_end();

    parser_limits limits_;
    body_sink sink_;
    bool head_request_ = false;
    bool started_ = false;
    bool keep_alive_ = false;
    bool framing_pending_ = false; // the last field awaits framing checks
    state state_ = state::status_line;
    std::error_code failure_;
    std::size_t head_budget_ = 0;
    line_reader line_;
    status_line status_;
    field_list fields_;
    framing framing_;
    body_decoder body_;
};

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
#include <ltx/http/detail/http1/impl/response_parser.ipp>
#endif

#endif
