// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_DOWNLOAD_HPP
#define LTX_DETAIL_DOWNLOAD_HPP

#include <ltx/detail/config.hpp>
#include <ltx/detail/http_date.hpp>
#include <ltx/detail/retry.hpp>
#include <ltx/error.hpp>
#include <ltx/http/body.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/http/message.hpp>
#include <ltx/options.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::detail {

inline std::optional<std::uint64_t> parse_content_length(const http::headers& h) {
    const auto v = h.find("Content-Length");
    if (!v)
        return std::nullopt;
    std::uint64_t n = 0;
    const auto r = std::from_chars(v->data(), v->data() + v->size(), n);
    if (r.ec != std::errc{} || r.ptr != v->data() + v->size())
        return std::nullopt;
    return n;
}

/// What the headers of the answer that ends a call tell its caller, into `diag`: the
/// `x-request-id` as `request_id` (redacted of `secret`, as all server text) and the
/// `Retry-After` as `retry_after` (a delay from `now`, see `parse_retry_after`), when the
/// server sent them.
inline void keep_answer_headers(const http::response& resp, std::string_view secret,
                                std::chrono::system_clock::time_point now, diagnostics& diag) {
    if (const auto id = resp.headers.find("x-request-id"))
        diag.request_id = redact(std::string{*id}, secret);
    if (const auto after = resp.headers.find("Retry-After"))
        diag.retry_after = parse_retry_after(*after, now);
}

/// Where the pieces of a download go; an empty piece means "a new attempt starts over".
using chunk_sink = std::function<std::error_code(std::string_view)>;

/// How the answer of an API call that streams a file (the official LTX API's `v1`
/// generators) reads a status other than 200: the API's error reader (`Api::read_error`) over
/// the error body, kept up to `error_body_limit` bytes. Downloads from a storage host have none.
struct error_reader {
    void (*read)(const http::response& resp, std::string_view secret, std::error_code& ec,
                 diagnostics& diag) = nullptr;
    std::string_view secret;
    static constexpr std::size_t error_body_limit = 64 * 1024;
};

/// A download without I/O: the body sink it installs on the request, and what the end of
/// each attempt means (send again after a pause, or finish with an error code and
/// diagnostics). The sync and async drivers of the client share it.
///
/// Only a 200 answer's body reaches the caller's sink: any other status is refused in
/// `on_headers`, so no byte of an error page is written (with an `error_reader`, the error
/// body is kept, bounded, for it to read). Each attempt that delivers a body first hands the
/// sink an empty piece, so a retry after a reset mid-body restarts the output. A request that
/// is not retry-safe and may have reached the server ends with `errc::outcome_unknown`.
class download_machine {
public:
    download_machine(chunk_sink sink, download_options opts, retry_machine retry,
                     error_reader errors = {})
        : sink_(std::move(sink)), opts_(std::move(opts)), retry_(std::move(retry)),
          errors_(errors) {
        body_.on_headers = [this](int st, const http::headers& h) -> std::error_code {
            status_ = st;
            received_ = 0;
            total_ = parse_content_length(h);
            error_body_.clear();
            if (st != 200 && !errors_.read)
                return errc_from_status(st); // read no body of an error answer
            return {};
        };
        body_.on_chunk = [this](std::string_view chunk) -> std::error_code {
            if (cancelled())
                return errc::cancelled;
            if (status_ != 200) { // an error answer, kept for errors_.read
                const auto room = error_reader::error_body_limit - error_body_.size();
                error_body_.append(chunk.substr(0, std::min(room, chunk.size())));
                return {};
            }
            if (received_ == 0 && !chunk.empty()) {
                if (auto e = sink_({}))
                    return e;
            }
            received_ += chunk.size();
            if (auto e = sink_(chunk))
                return e;
            if (opts_.on_progress)
                opts_.on_progress(received_, total_);
            return {};
        };
    }
    // The sink's callbacks point at this object.
    download_machine(const download_machine&) = delete;
    download_machine& operator=(const download_machine&) = delete;

    /// Streams the response of `req` into this download; `*this` must outlive the exchanges.
    void attach(http::request& req) { req.sink = &body_; }

    /// True once the caller cancelled the download.
    bool cancelled() const noexcept { return opts_.cancel && opts_.cancel->cancelled(); }

    /// Bytes of the body received by the latest attempt.
    std::uint64_t received() const noexcept { return received_; }

    /// Call before each attempt.
    void begin_attempt() noexcept { status_ = 0; }

    /// Decides after the attempt that ended with `tec` / `resp`: `retry` after the returned
    /// delay, or `finish`, with `ec` and `diag` set.
    retry_decision on_attempt(std::error_code tec, const http::response& resp,
                              std::chrono::system_clock::time_point now, std::error_code& ec,
                              diagnostics& diag) {
        if (tec == errc::cancelled || tec == errc::file_error) { // from the sink or the caller
            ec = tec;
            return {};
        }
        auto o = outcome_of(tec, resp);
        if (tec && tec.category() == error_category()) { // refused in on_headers: an HTTP status
            o = {};
            o.status = status_;
        }
        const auto d = retry_.on_outcome(o, now);
        if (d.kind == retry_decision::retry) {
            if (cancelled()) {
                ec = errc::cancelled;
                return {};
            }
            return d;
        }
        if (d.kind == retry_decision::ambiguous) {
            ec = errc::outcome_unknown;
            diag.transport_error = o.transport_error;
            return {};
        }
        if (o.transport_error) {
            ec = o.transport_error;
            diag.transport_error = o.transport_error;
            return {};
        }
        diag.status = o.status;
        if (o.status != 200 && errors_.read) {
            errors_.read(http::response{o.status, resp.headers, std::move(error_body_)},
                         errors_.secret, ec, diag);
            keep_answer_headers(resp, errors_.secret, now, diag);
            return {};
        }
        if (o.status != 200) {
            ec = errc_from_status(o.status);
            if (o.status == 403)
                diag.detail = "the signed URL may have expired";
            return {};
        }
        if (total_ && received_ != *total_) {
            ec = errc::size_mismatch;
            diag.detail = "received " + std::to_string(received_) + " of " +
                          std::to_string(*total_) + " bytes";
            return {};
        }
        ec.clear();
        return {};
    }

private:
    chunk_sink sink_;
    download_options opts_;
    retry_machine retry_;
    error_reader errors_;
    std::string error_body_;
    http::body_sink body_;
    int status_ = 0;
    std::uint64_t received_ = 0;
    std::optional<std::uint64_t> total_;
};

/// Syncs to the disk what the file system holds of the file or folder at `p` (POSIX `fsync`).
/// A file system that cannot sync a folder (`EINVAL`) is not an error for a folder.
inline std::error_code sync_path(const std::filesystem::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {errno, std::system_category()};
    std::error_code ec;
    if (::fsync(fd) != 0) {
        const int err = errno;
        std::error_code ignored;
        if (!(err == EINVAL && std::filesystem::is_directory(p, ignored)))
            ec.assign(err, std::system_category());
    }
    ::close(fd);
    return ec;
}

/// How a `part_file` syncs a path to the disk (`sync_path`), or null: no sync.
using path_sync = std::error_code (*)(const std::filesystem::path&);

/// The temporary of a download to `<file>` is `<file>` followed by this and decimal digits.
inline constexpr std::string_view part_file_infix = ".part-";

/// True when `name` is a download's temporary file name (see `part_file_infix`): one that a
/// process killed mid-download may have left.
inline bool is_part_file_name(std::string_view name) {
    const auto at = name.rfind(part_file_infix);
    if (at == std::string_view::npos || at == 0 || at + part_file_infix.size() == name.size())
        return false;
    return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(at + part_file_infix.size()),
                       name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The file a download writes: a temporary beside `target`, renamed into place by `commit`,
/// so a failed download never leaves a partial file at `target`. Removed unless committed.
/// With a `sync`, `commit` syncs the temporary before the rename and the folder after it.
class part_file {
public:
    explicit part_file(std::filesystem::path target, path_sync sync = nullptr)
        : target_(std::move(target)), sync_(sync) {
        std::random_device rd;
        temp_ =
            target_.parent_path() / (target_.filename().string() + std::string{part_file_infix} +
                                     std::to_string(rd()) + std::to_string(rd()));
        out_.open(temp_, std::ios::binary | std::ios::trunc);
    }
    part_file(const part_file&) = delete;
    part_file& operator=(const part_file&) = delete;
    ~part_file() {
        if (!committed_) {
            out_.close();
            std::error_code ignored;
            std::filesystem::remove(temp_, ignored);
        }
    }

    /// False when the temporary file could not be created.
    bool is_open() const { return out_.is_open(); }
    const std::filesystem::path& temp_path() const noexcept { return temp_; }

    /// A `chunk_sink` step: appends `chunk`, or starts the file over on an empty one.
    std::error_code write(std::string_view chunk) {
        if (chunk.empty()) {
            out_.close();
            out_.open(temp_, std::ios::binary | std::ios::trunc);
        } else {
            out_.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        }
        return out_ ? std::error_code{} : make_error_code(errc::file_error);
    }

    /// Closes the file and, when `ec` is clear, moves it to the target; sets `ec` and `diag`
    /// when that fails.
    void commit(std::error_code& ec, diagnostics& diag) {
        out_.close();
        if (ec)
            return;
        if (!out_) {
            ec = errc::file_error;
            diag.detail = "cannot write " + temp_.string();
            return;
        }
        if (sync_) {
            if (const auto sec = sync_(temp_)) {
                ec = errc::file_error;
                diag.detail = "cannot sync " + temp_.string() + ": " + sec.message();
                return;
            }
        }
        std::error_code fec;
        std::filesystem::rename(temp_, target_, fec);
        if (fec) {
            ec = errc::file_error;
            diag.detail = "cannot move the download to " + target_.string() + ": " + fec.message();
            return;
        }
        committed_ = true;
        if (sync_) {
            const auto dir =
                target_.has_parent_path() ? target_.parent_path() : std::filesystem::path{"."};
            if (const auto sec = sync_(dir)) {
                ec = errc::file_error;
                diag.detail = "cannot sync the folder " + dir.string() + ": " + sec.message();
            }
        }
    }

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    path_sync sync_ = nullptr;
    std::ofstream out_;
    bool committed_ = false;
};

} // namespace ltx::detail

#endif
