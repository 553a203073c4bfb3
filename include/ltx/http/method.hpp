// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_METHOD_HPP
#define LTX_HTTP_METHOD_HPP

#include <ltx/detail/config.hpp>

#include <optional>
#include <string_view>

namespace ltx::http {

/// An HTTP request method (RFC 9110 section 9).
///
/// Only the methods an HTTP API client plausibly sends are listed. `delete_` carries a trailing
/// underscore because `delete` is a keyword; its wire name is `DELETE`.
enum class method {
    get,     ///< `GET`: read a resource.
    head,    ///< `HEAD`: as GET, without a response body.
    post,    ///< `POST`: create or process; neither safe nor idempotent.
    put,     ///< `PUT`: replace a resource.
    delete_, ///< `DELETE`: remove a resource.
    patch,   ///< `PATCH`: partially modify a resource.
    options, ///< `OPTIONS`: ask for communication options.
};

/// The wire name of `m`, upper case as it appears in a request line (`"POST"`).
/// Returns an empty view for a value outside the enumeration.
constexpr std::string_view to_string(method m) noexcept {
    switch (m) {
    case method::get:
        return "GET";
    case method::head:
        return "HEAD";
    case method::post:
        return "POST";
    case method::put:
        return "PUT";
    case method::delete_:
        return "DELETE";
    case method::patch:
        return "PATCH";
    case method::options:
        return "OPTIONS";
    }
    return {};
}

/// The method whose wire name is exactly `name`, or nullopt.
///
/// Method names are case-sensitive (RFC 9110 section 9.1): `"get"` is not `GET`.
constexpr std::optional<method> parse_method(std::string_view name) noexcept {
    for (method m : {method::get, method::head, method::post, method::put, method::delete_,
                     method::patch, method::options}) {
        if (to_string(m) == name) {
            return m;
        }
    }
    return std::nullopt;
}

/// True when RFC 9110 defines `m` as idempotent (GET, HEAD, PUT, DELETE, OPTIONS): sending
/// such a request twice has the same intended effect as sending it once. POST and PATCH are
/// not, so a client must not re-send them after a failure unless it knows nothing was sent.
constexpr bool is_idempotent(method m) noexcept {
    return m != method::post && m != method::patch;
}

} // namespace ltx::http

#endif
