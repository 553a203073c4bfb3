// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_BODY_HPP
#define LTX_HTTP_BODY_HPP

#include <ltx/detail/config.hpp>
#include <ltx/http/headers.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>

namespace ltx::http {

/// A request body read from a file while it is sent, so an upload of any size is never held in
/// memory.
///
/// The size is taken when the object is made (it becomes the `Content-Length`); a transport
/// sends exactly that many bytes and fails with `transport_errc::protocol_error` if the file
/// then turns out shorter. The file is opened by the transport, not here.
class file_body {
public:
    /// The file at `path`, sized now.
    /// @throws std::filesystem::filesystem_error when `path` is not a regular file or its size
    ///         cannot be read.
    LTX_DECL explicit file_body(std::filesystem::path path);

    /// The file at `path`, sized now; on failure `ec` is set and `size()` is 0.
    LTX_DECL file_body(std::filesystem::path path, std::error_code& ec);

    /// The file at `path`, trusted to hold `size` bytes (no file system access).
    file_body(std::filesystem::path path, std::uint64_t size) noexcept
        : path_(std::move(path)), size_(size) {}

    /// The path given at construction.
    const std::filesystem::path& path() const noexcept { return path_; }

    /// The number of bytes to send.
    std::uint64_t size() const noexcept { return size_; }

    /// File bodies are equal when path and size are equal.
    friend bool operator==(const file_body&, const file_body&) = default;

private:
    std::filesystem::path path_;
    std::uint64_t size_ = 0;
};

/// A request body: bytes held in memory, or a file streamed from disk.
///
/// Converts implicitly from `std::string`, `std::string_view`, a string literal and
/// `file_body`, so `request{.body = json_text}` and `request{.body = file_body{"a.png"}}`
/// both read naturally. Default: empty bytes.
class body {
public:
    /// An empty in-memory body.
    body() = default;

    /// An in-memory body holding `bytes`.
    body(std::string bytes) noexcept : value_(std::move(bytes)) {}

    /// An in-memory body holding a copy of `bytes`.
    body(std::string_view bytes) : value_(std::string(bytes)) {}

    /// An in-memory body holding a copy of the NUL-terminated `bytes`.
    body(const char* bytes) : value_(std::string(bytes)) {}

    /// A body streamed from `file`.
    body(file_body file) noexcept : value_(std::move(file)) {}

    /// True when the body is a file.
    bool is_file() const noexcept { return std::holds_alternative<file_body>(value_); }

    /// The in-memory bytes, or nullptr for a file body.
    const std::string* bytes() const noexcept { return std::get_if<std::string>(&value_); }

    /// The in-memory bytes, or nullptr for a file body.
    std::string* bytes() noexcept { return std::get_if<std::string>(&value_); }

    /// The file, or nullptr for an in-memory body.
    const file_body* file() const noexcept { return std::get_if<file_body>(&value_); }

    /// The number of bytes to send: the `Content-Length`.
    std::uint64_t size() const noexcept {
        const auto* b = bytes();
        return b != nullptr ? b->size() : file()->size();
    }

    /// True when there is no byte to send.
    bool empty() const noexcept { return size() == 0; }

    /// Bodies are equal when they hold equal bytes or equal file bodies.
    friend bool operator==(const body&, const body&) = default;

private:
    std::variant<std::string, file_body> value_;
};

/// Where a transport delivers a response body piece by piece instead of buffering it, so a
/// large download goes to disk with bounded memory.
///
/// A transport that is given a sink (`request::sink`) calls, in this order and from the thread
/// completing the exchange: `on_headers` once, when the status line and headers are in (when
/// set); then `on_chunk` for each non-empty piece of the body, in order, until the body ends.
/// A view passed to `on_chunk` is valid only during the call. If either returns a non-empty
/// error code, the transport stops reading, drops the connection and completes the exchange
/// with that error. The `response::body` of a sunk exchange stays empty; status and headers
/// are filled as usual. Bodies of every status are sunk: `on_headers` is where a sink decides
/// what to do with a non-2xx answer.
struct body_sink {
    /// Receives the next piece of the body; returns an error to abort the exchange.
    std::function<std::error_code(std::string_view chunk)> on_chunk;

    /// Optional: receives the status and headers before the first piece; returns an error to
    /// abort the exchange (for example on an unexpected status or a `Content-Length` too big).
    std::function<std::error_code(int status, const headers& fields)> on_headers;
};

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
#include <ltx/http/impl/body.ipp>
#endif

#endif
