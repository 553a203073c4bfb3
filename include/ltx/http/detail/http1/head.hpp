// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_HEAD_HPP
#define LTX_HTTP_DETAIL_HTTP1_HEAD_HPP

#include <ltx/detail/config.hpp>

#include <ltx/http/detail/http1/error.hpp>
#include <ltx/http/detail/http1/syntax.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

// The line-level pieces of response parsing: collecting CRLF-terminated lines from split
// input, and the grammar of status lines, field lines and framing fields.
namespace ltx::http::detail::http1 {

/// Collects one CRLF-terminated line from input that arrives in arbitrary pieces. Each
/// byte is examined once: a later `read` resumes where the previous one stopped.
class line_reader {
public:
    /// Takes bytes of `[p, p + n)` up to and including the first LF and returns how many it
    /// took. They count against `budget` (decreased accordingly); taking more than `budget`
    /// bytes fails with `headers_too_large`. Once the LF is taken `complete()` holds, unless
    /// the line ends in a bare LF or holds a CR elsewhere (`bad_line_ending`).
    LTX_DECL std::size_t read(const char* p, std::size_t n, std::size_t& budget,
                              std::error_code& ec);

    /// True once a whole line was read.
    bool complete() const noexcept { return complete_; }

    /// The complete line without its CRLF; valid until `clear()` or the next `read`, and
    /// while the input last given to `read` is alive.
    std::string_view line() const noexcept { return line_; }

    /// Prepares for the next line, keeping the storage.
    void clear() noexcept {
        buf_.clear();
        line_ = {};
        complete_ = false;
    }

private:
    std::string buf_;       // a line split across reads; empty when it arrived whole
    std::string_view line_; // the complete line, in buf_ or in the caller's input
    bool complete_ = false;
};

/// A parsed status line.
struct status_line {
    int version = 0;    ///< 10 for HTTP/1.0, 11 for HTTP/1.1.
    int status = 0;     ///< 100..599.
    std::string reason; ///< The reason phrase, possibly empty.
};

/// Parses `HTTP/1.x SP 3DIGIT SP reason` (no CRLF). Fails with `bad_version` (only 1.0 and
/// 1.1 are accepted), `bad_status` (not 3 digits in 100..599, or no SP after it) or
/// `bad_reason` (a control byte).
LTX_DECL std::error_code parse_status_line(std::string_view line, status_line& out);

/// Parses a non-empty field line `name ":" OWS value OWS` (no CRLF). Fails with `obs_fold`
/// when the line starts with whitespace, `bad_field_name` when the name is not a token (no
/// whitespace before the colon), `bad_field_value` on a control byte in the value.
LTX_DECL std::error_code parse_field_line(std::string_view line, std::string_view& name,
                                          std::string_view& value);

/// The framing a head announces, gathered field by field.
struct framing {
    std::optional<std::uint64_t> content_length; ///< Content-Length, when present.
    bool chunked = false;                        ///< Transfer-Encoding: chunked.
    connection_options connection;               ///< Connection / Proxy-Connection tokens.

    /// Takes one field into account. Fails with `bad_content_length`,
    /// `multiple_content_length`, `bad_transfer_encoding` (repeated, or other than exactly
    /// `chunked`: no other coding can be decoded here), `content_length_with_chunked` (both
    /// present, in either order) or `bad_connection`.
    LTX_DECL std::error_code on_field(std::string_view name, std::string_view value);
};

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
#include <ltx/http/detail/http1/impl/head.ipp>
#endif

#endif
