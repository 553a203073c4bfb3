// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_FORM_HPP
#define LTX_REFLECT_FORM_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/fields.hpp>
#include <ltx/reflect/detail/text.hpp>
#include <ltx/reflect/enum.hpp>
#include <ltx/reflect/json_read.hpp>
#include <ltx/reflect/json_write.hpp>

#include <boost/json/value.hpp>

#include <array>
#include <string>
#include <string_view>

namespace ltx::reflect {

namespace detail {

// Writes the JSON of the value at `p` (an X) into `out`: how form text is made for a member
// that is a struct, a vector or a map.
using composite_text = void (*)(const void* p, std::string& out);
template <class X> void write_composite_text(const void* p, std::string& out) {
    write_json(*static_cast<const X*>(p), out);
}

template <class X> consteval composite_text composite_text_of() {
    if constexpr (leaf_of<X>() == leaf::composite)
        return &write_composite_text<X>;
    else
        return nullptr;
}

template <class T, template <class...> class L, class... D>
consteval auto make_composite_writers(L<D...>) {
    return std::array<composite_text, sizeof...(D) + 1>{
        composite_text_of<unwrap_t<member_value_t<T, D>>>()..., nullptr};
}
template <class T>
inline constexpr auto composite_writers = make_composite_writers<T>(members_of<T>{});

/// The form text of one present member (its value, an optional's unwrapped, at `value`):
/// a view of the string itself, or of `scratch` where the text is made.
LTX_DECL std::string_view form_text(const field_row& row, const void* value,
                                    composite_text composite, std::string& scratch);

} // namespace detail

/// Calls `f(name, text)` for each present member of the described struct `v`, in
/// declaration order, with the member's value as form text: strings as they are, enums as
/// their wire names, integers in decimal, floating-point numbers as JSON writes them,
/// booleans as `true`/`false`, and anything structured as its compact JSON. Unset optionals
/// are skipped. This is the one traversal behind both the query and the multipart encoders,
/// and it reads the struct's member table (`detail/fields.hpp`), as validation and JSON
/// output do.
///
/// @throws enum_value_error for an enum value without a wire name (see `enum.hpp`).
template <class T, class F> void for_each_form_field(const T& v, F&& f) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form and query encoding take a described struct");
    constexpr std::size_t n = detail::field_table<T>.size;
    const void* values[n + 1];
    detail::member_addresses(v, values);
    std::string scratch;
    for (std::size_t i = 0; i < n; ++i) {
        if (!values[i])
            continue; // an unset optional
        const detail::field_row& row = detail::field_table<T>.rows[i];
        f(row.name, detail::form_text(row, values[i], detail::composite_writers<T>[i], scratch));
    }
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

namespace detail {

/// The JSON value the form text of a member of kind `row` stands for: a number for an
/// integer or floating-point member whose text is one, a boolean for `true` / `false`, the
/// parsed document for a struct, vector or map member whose text is JSON, and otherwise the
/// text as a string, so that the decoder reports a mistyped value as it does for JSON.
LTX_DECL boost::json::value form_value(const field_row& row, std::string_view text);

/// The row of the member named `name` of a table, or null.
LTX_DECL const field_row* find_field(const field_row* rows, std::size_t n, std::string_view name);

} // namespace detail

/// The JSON value that the form text `text` of member `name` of the described struct `T`
/// stands for (see `read_form`); null for a name `T` does not have. For a program that
/// assembles a JSON body from text fields of its own, such as command-line options.
template <class T>
boost::json::value form_field_value(std::string_view name, std::string_view text) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form decoding takes a described struct");
    const auto* row =
        detail::find_field(detail::field_table<T>.rows, detail::field_table<T>.size, name);
    return row ? detail::form_value(*row, text) : boost::json::value{};
}

/// Decodes form fields into the described struct `out`: the inverse of `for_each_form_field`,
/// for a query string or a multipart/form-data body once split into fields.
///
/// Each field's text is read as the JSON value it stands for, given the member it names
/// (`form_field_value`), and the object they make is decoded by the one JSON decoder
/// (`read_json_value`), so the rules and errors are `read_json`'s: unknown names are ignored,
/// an absent optional is left unset, a missing required member or a text that does not fit
/// its member (`seed=abc`: `seed: expected an integer`) fails with the member's path. When a
/// name comes more than once, its first field is used.
///
/// @param fields a range of pairs of (name, text), both convertible to `std::string_view`,
///               already percent-decoded.
/// @param out    the struct to fill, as for `read_json`.
/// @param err    set on failure.
/// @return true when the fields decoded into `out`.
///
/// @code
/// std::vector<std::pair<std::string, std::string>> fields{{"page", "2"}, {"limit", "10"}};
/// ltx::list_assets_request req;
/// ltx::reflect::json_error err;
/// bool ok = ltx::reflect::read_form(fields, req, err); // req.page == 2
/// @endcode
template <class T, class Fields> bool read_form(const Fields& fields, T& out, json_error& err) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form decoding takes a described struct");
    constexpr auto& table = detail::field_table<T>;
    boost::json::object obj;
    for (const auto& [name, text] : fields) {
        const std::string_view key{name};
        const auto* row = detail::find_field(table.rows, table.size, key);
        if (row && !obj.contains(key))
            obj.emplace(key, detail::form_value(*row, std::string_view{text}));
    }
    return read_json_value(boost::json::value(std::move(obj)), out, err);
}

} // namespace ltx::reflect

#ifdef LTX_HEADER_ONLY
#include <ltx/reflect/impl/form.ipp>
#endif

#endif
