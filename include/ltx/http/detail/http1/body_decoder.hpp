// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_BODY_DECODER_HPP
#define LTX_HTTP_DETAIL_HTTP1_BODY_DECODER_HPP

#include <ltx/detail/config.hpp>

#include <ltx/http/detail/http1/error.hpp>
#include <ltx/http/detail/http1/head.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace ltx::http::detail::http1 {

/// How a response body is delimited (RFC 9112 section 6.3).
enum class body_kind {
    none,      ///< No body: HEAD, 1xx, 204, 304, or Content-Length: 0.
    length,    ///< Exactly Content-Length bytes.
    chunked,   ///< Transfer-Encoding: chunked, then trailers.
    until_eof, ///< Everything until the connection closes.
};

/// Parses a chunk-size line without its CRLF: `1*HEXDIG` then chunk extensions
/// `*( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )`, which are checked
/// and ignored. Fails with `bad_chunk_size`, `chunk_size_overflow` or `bad_chunk_extension`.
LTX_DECL std::error_code parse_chunk_line(std::string_view line, std::uint64_t& size);

/// Decodes one response body from input that arrives in arbitrary pieces, handing out the
/// body bytes as views into that input (no copy).
class body_decoder {
public:
    /// Limits applied while decoding; see `parser_limits`.
    struct limits {
        std::size_t max_line_bytes;   ///< Per chunk-size line, and for the trailer section.
        std::size_t max_field_count;  ///< Trailer fields.
        std::uint64_t max_body_bytes; ///< Body bytes, summed over all chunks.
    };

    /// Starts a body of `kind`; `length` is the Content-Length for `body_kind::length`.
    /// Fails with `body_too_large` when the announced length is over the limit.
    LTX_DECL std::error_code start(body_kind kind, std::uint64_t length, const limits& lim);

    /// Consumes bytes of `[p, p + n)` and returns how many; at least one while `n > 0` and
    /// not `done()`. Body bytes found are returned in `out` (empty when none), a view into
    /// the input. On error `ec` is set and decoding must stop.
    LTX_DECL std::size_t decode(const char* p, std::size_t n, std::string_view& out,
                                std::error_code& ec);

    /// The connection closed: completes a `until_eof` body, else `partial_message`.
    LTX_DECL void finish_eof(std::error_code& ec);

    /// True once the whole body (and trailer section) was read.
    bool done() const noexcept { return state_ == state::done; }

    /// True when the body ends only when the connection closes.
    bool until_eof() const noexcept { return state_ == state::until_eof; }

    /// True when a trailer field listed `Connection: close`.
    bool trailer_close() const noexcept { return trailer_connection_.close; }

private:
    enum class state {
        length,
        until_eof,
        chunk_line,
        chunk_data,
        chunk_cr,
        chunk_lf,
        trailer,
        done
    };

    LTX_DECL std::error_code on_chunk_line();
    LTX_DECL std::error_code on_trailer_line();

    state state_ = state::done;
    limits limits_{};
    std::uint64_t remaining_ = 0; // of the Content-Length body or the current chunk
    std::uint64_t size_ = 0;      // body bytes handed out, chunk framing excluded
    std::size_t line_budget_ = 0;
    line_reader line_;
    std::size_t trailer_count_ = 0; // checked, counted against the limit, not kept
    connection_options trailer_connection_;
};

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
#include <ltx/http/detail/http1/impl/body_decoder.ipp>
#endif

#endif
