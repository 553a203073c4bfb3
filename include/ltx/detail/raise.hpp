// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_RAISE_HPP
#define LTX_DETAIL_RAISE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/error.hpp>
#include <ltx/validation_error.hpp>

#include <exception>
#include <system_error>
#include <utility>

namespace ltx::detail {

/// The exception that reports `ec` with `diag`, as every throwing form of the client throws
/// it: `ltx::validation_error` for an invalid request with its violations, `ltx::api_error`
/// for the other `ltx::errc` codes, `std::system_error` for the transport's.
inline std::exception_ptr make_exception(std::error_code ec, diagnostics diag) {
    if (ec == errc::invalid_request && !diag.violations.empty())
        return std::make_exception_ptr(validation_error{std::move(diag.violations)});
    if (ec.category() == error_category())
        return std::make_exception_ptr(api_error{ec, std::move(diag)});
    return std::make_exception_ptr(std::system_error{ec, diag.to_string(ec)});
}

/// Throws `make_exception(ec, diag)`.
[[noreturn]] inline void raise(std::error_code ec, diagnostics diag) {
    std::rethrow_exception(make_exception(ec, std::move(diag)));
}

} // namespace ltx::detail

#endif
