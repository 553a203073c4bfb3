// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_ERROR_HPP
#define LTX_HTTP_DETAIL_HTTP1_ERROR_HPP

#include <ltx/detail/config.hpp>

#include <system_error>
#include <type_traits>

namespace ltx::http::detail::http1 {

/// Errors of the HTTP/1.1 codec: malformed or unsafe messages and exceeded limits.
/// Every value is non-zero, so a default `std::error_code` still means success.
enum class error {
    // Request serializer.
    bad_method = 1, ///< The request method is not a token.
    bad_target,     ///< The request-target is empty or holds a space, CTL or non-ASCII byte.
    missing_host,   ///< No Host field and no usable host given.
    // Response head.
    bad_line_ending,             ///< A line ends in a bare LF, or holds a bare CR.
    bad_version,                 ///< The status line does not start with HTTP/1.0 or HTTP/1.1.
    bad_status,                  ///< The status code is not three digits in 100..599.
    bad_reason,                  ///< The reason phrase holds a control character.
    bad_field_name,              ///< A field name is empty or not a token.
    bad_field_value,             ///< A field value holds a control character.
    obs_fold,                    ///< A field line is folded (obsolete line folding).
    bad_content_length,          ///< Content-Length is not a decimal number, or overflows.
    multiple_content_length,     ///< Content-Length values disagree.
    bad_transfer_encoding,       ///< Transfer-Encoding is repeated or other than `chunked`.
    content_length_with_chunked, ///< Content-Length and Transfer-Encoding both present.
    bad_connection,              ///< Connection (or Proxy-Connection) is not a list of tokens.
    // Chunked body.
    bad_chunk_size,      ///< A chunk size is not hexadecimal.
    chunk_size_overflow, ///< A chunk size does not fit 64 bits.
    bad_chunk_extension, ///< A chunk extension is malformed.
    bad_chunk,           ///< Chunk data is not followed by CRLF.
    bad_trailer,         ///< A trailer field may not be a trailer (framing fields).
    // Limits and end of input.
    headers_too_large, ///< A head, chunk line or trailer section exceeds max_header_bytes.
    too_many_headers,  ///< A head or trailer section has more than max_header_count fields.
    body_too_large,    ///< The body exceeds max_body_bytes.
    partial_message,   ///< The connection closed before the message was complete.
};

/// The category of `error` values; its name is "ltx.http1".
LTX_DECL const std::error_category& error_category() noexcept;

/// Wraps `e` in a `std::error_code` of `error_category()`.
inline std::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), error_category()};
}

} // namespace ltx::http::detail::http1

template <> struct std::is_error_code_enum<ltx::http::detail::http1::error> : std::true_type {};

#ifdef LTX_HEADER_ONLY
#include <ltx/http/detail/http1/impl/error.ipp>
#endif

#endif
