// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_SERIALIZER_HPP
#define LTX_HTTP_DETAIL_HTTP1_SERIALIZER_HPP

#include <ltx/detail/config.hpp>

#include <ltx/http/detail/http1/error.hpp>

#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <system_error>

namespace ltx::http::detail::http1 {

/// What the head of a request needs besides its header fields.
struct request_head {
    std::string_view method{}; ///< A token, e.g. `GET`, `POST`.
    std::string_view target{}; ///< The request-target, e.g. `/v1/ltxstudio/videos?x=1`.
    std::string_view host{};   ///< Sent as `Host` (first) when the fields hold no Host.
    /// Length of the body the caller writes after the head; nullopt when there is none.
    /// A `Content-Length` is added when the fields hold neither Content-Length nor
    /// Transfer-Encoding (with a value, 0 included: `Content-Length: 0`).
    std::optional<std::uint64_t> body_length{};
};

/// A header field element: an object with `name` and `value`, or a pair (name, value),
/// both convertible to `std::string_view`.
template <class F>
concept request_field = requires(const F& f) {
    std::string_view(f.name);
    std::string_view(f.value);
}
|| requires(const F& f) {
    std::string_view(f.first);
    std::string_view(f.second);
};

/// A forward range of request fields, e.g. `std::vector<std::pair<std::string,
/// std::string>>` or `ltx::http::headers`.
template <class R>
concept request_field_range =
    std::ranges::forward_range<const R> && request_field<std::ranges::range_value_t<const R>>;

namespace impl {

struct field_summary {
    bool host = false;
    bool transfer_encoding = false;
    std::optional<std::uint64_t> content_length;
};

LTX_DECL std::error_code check_field(std::string_view name, std::string_view value,
                                     field_summary& summary);
LTX_DECL std::error_code check_head(const request_head& head, const field_summary& summary);
LTX_DECL void append_request_line(const request_head& head, const field_summary& summary,
                                  std::string& out);
LTX_DECL void append_field(std::string_view name, std::string_view value, std::string& out);
LTX_DECL void append_end(const request_head& head, const field_summary& summary, std::string& out);

template <class F> std::pair<std::string_view, std::string_view> name_value(const F& f) {
    if constexpr (requires { std::string_view(f.name); }) {
        return {std::string_view(f.name), std::string_view(f.value)};
    } else {
        return {std::string_view(f.first), std::string_view(f.second)};
    }
}

} // namespace impl

/// Appends the head of an HTTP/1.1 request to `out`: request line, `Host` when `fields`
/// hold none, `fields` in order, `Content-Length` when a body is announced and no framing
/// field is given, and the empty line. The body itself is written by the caller.
///
/// Everything is validated before anything is written; on error `out` is unchanged and the
/// code says what was wrong: `bad_method`, `bad_target`, `missing_host`, `bad_field_name`
/// (not a token), `bad_field_value` (CR, LF, NUL or another control byte: no header line can
/// be injected), `bad_content_length` (a given Content-Length that is not a number, is
/// repeated, or disagrees with `body_length`), `content_length_with_chunked`.
template <request_field_range Fields>
std::error_code write_request_head(const request_head& head, const Fields& fields,
                                   std::string& out) {
    impl::field_summary summary;
    for (const auto& f : fields) {
        const auto [name, value] = impl::name_value(f);
        if (auto ec = impl::check_field(name, value, summary)) {
            return ec;
        }
    }
    if (auto ec = impl::check_head(head, summary)) {
        return ec;
    }
    impl::append_request_line(head, summary, out);
    for (const auto& f : fields) {
        const auto [name, value] = impl::name_value(f);
        impl::append_field(name, value, out);
    }
    impl::append_end(head, summary, out);
    return {};
}

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
#include <ltx/http/detail/http1/impl/serializer.ipp>
#endif

#endif
