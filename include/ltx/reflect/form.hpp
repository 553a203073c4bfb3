// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_FORM_HPP
#define LTX_REFLECT_FORM_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/text.hpp>
#include <ltx/reflect/enum.hpp>
#include <ltx/reflect/json_write.hpp>

#include <charconv>
#include <string>
#include <string_view>

namespace ltx::reflect {

/// Calls `f(name, text)` for each present member of the described struct `v`, in
/// declaration order, with the member's value as form text: strings as they are, enums as
/// their wire names, numbers in decimal, booleans as `true`/`false`, and anything
/// structured as its compact JSON. Unset optionals are skipped. This is the one traversal
/// behind both the query and the multipart encoders.
///
/// @throws enum_value_error for an enum value without a wire name (see `enum.hpp`).
template <class T, class F> void for_each_form_field(const T& v, F&& f) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form and query encoding take a described struct");
    for_each_member<T>([&](auto d) {
        const auto& m = v.*d.pointer;
        auto emit = [&](const auto& x) {
            using X = std::remove_cvref_t<decltype(x)>;
            constexpr auto kind = kind_of<X>;
            if constexpr (kind == type_kind::string) {
                f(std::string_view{d.name}, std::string_view{x});
            } else if constexpr (kind == type_kind::described_enum) {
                f(std::string_view{d.name},
                  detail::wire_name_or_throw(detail::wire_rows<X>.rows, detail::wire_rows<X>.size,
                                             detail::wire_key(x)));
            } else if constexpr (kind == type_kind::boolean) {
                f(std::string_view{d.name}, x ? std::string_view{"true"} : "false");
            } else if constexpr (kind == type_kind::integer) {
                char buf[24];
                const auto r = std::to_chars(buf, buf + sizeof buf, x);
                f(std::string_view{d.name}, std::string_view{buf, r.ptr});
            } else {
                const auto json = to_json(x);
                f(std::string_view{d.name}, std::string_view{json});
            }
        };
        if constexpr (kind_of<decltype(m)> == type_kind::optional) {
            if (m)
                emit(*m);
        } else {
            emit(m);
        }
    });
}

/// Appends `name=value&...` for the present members of `v`, names and values
/// percent-encoded. `skip(name)` leaves members out (those that go into the URL path).
template <class T, class Skip> void write_query(const T& v, std::string& out, Skip skip) {
    for_each_form_field(v, [&](std::string_view name, std::string_view text) {
        if (skip(name))
            return;
        if (!out.empty() && out.back() != '?')
            out += '&';
        ltx::detail::percent_encode(name, out);
        out += '=';
        ltx::detail::percent_encode(text, out);
    });
}

/// `write_query` without members left out.
template <class T> void write_query(const T& v, std::string& out) {
    write_query(v, out, [](std::string_view) { return false; });
}

/// Appends the multipart/form-data body of `v`: one part per present member, then the
/// closing delimiter. Returns false, leaving `out` unspecified, when a value contains the
/// delimiter `--boundary`; the caller then picks another boundary. The matching
/// Content-Type is `multipart/form-data; boundary=<boundary>`.
template <class T> bool write_multipart(const T& v, std::string_view boundary, std::string& out) {
    bool ok = true;
    const std::string delimiter = "--" + std::string{boundary};
    for_each_form_field(v, [&](std::string_view name, std::string_view text) {
        if (text.find(delimiter) != std::string_view::npos)
            ok = false;
        out += delimiter;
        out += "\r\nContent-Disposition: form-data; name=\"";
        out += name; // a C++ identifier: nothing to escape
        out += "\"\r\n\r\n";
        out += text;
        out += "\r\n";
    });
    out += delimiter;
    out += "--\r\n";
    return ok;
}

} // namespace ltx::reflect

#endif
