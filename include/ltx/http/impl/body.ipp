// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_BODY_IPP
#define LTX_HTTP_IMPL_BODY_IPP

#include <ltx/http/body.hpp>

namespace ltx::http {

LTX_DECL file_body::file_body(std::filesystem::path path) : path_(std::move(path)) {
    std::error_code ec;
    *this = file_body(path_, ec);
    if (ec) {
        throw std::filesystem::filesystem_error("ltx::http::file_body", path_, ec);
    }
}

LTX_DECL file_body::file_body(std::filesystem::path path, std::error_code& ec)
    : path_(std::move(path)) {
    ec.clear();
    // A directory or device has no meaningful size to announce as Content-Length.
    const auto status = std::filesystem::status(path_, ec);
    if (ec) {
        return;
    }
    if (!std::filesystem::is_regular_file(status)) {
        ec = std::make_error_code(std::errc::invalid_argument);
        return;
    }
    const auto size = std::filesystem::file_size(path_, ec);
    size_ = ec ? 0 : size;
}

} // namespace ltx::http

#endif
