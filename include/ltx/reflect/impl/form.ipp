// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_FORM_IPP
#define LTX_REFLECT_IMPL_FORM_IPP

#include <ltx/reflect/form.hpp>

#include <boost/json/parse.hpp>

#include <charconv>
#include <cmath>

namespace ltx::reflect::detail {

LTX_DECL std::string_view form_text(const field_row& row, const void* value,
                                    composite_text composite, std::string& scratch) {
    scratch.clear();
    if (row.wire)
        return wire_name_or_throw(row.wire, row.wire_size, read_wire_key(row.kind, value));
    switch (row.kind) {
    case leaf::string:
        return *static_cast<const std::string*>(value);
    case leaf::boolean:
        return *static_cast<const bool*>(value) ? "true" : "false";
    case leaf::composite:
        composite(value, scratch);
        return scratch;
    default:
        break;
    }
    char buf[32];
    char* end = buf + sizeof buf;
    char* first = nullptr;
    if (is_signed_leaf(row.kind)) {
        const long long v = read_signed(row.kind, value);
        first = ltx::detail::format_decimal(end, ltx::detail::magnitude(v), v < 0);
    } else if (is_unsigned_leaf(row.kind)) {
        first = ltx::detail::format_decimal(end, read_unsigned(row.kind, value));
    } else {
        // As JSON writes a number: the shortest round trip, and null for what JSON lacks.
        const double v = read_floating(row.kind, value);
        if (!std::isfinite(v))
            return "null";
        first = buf;
        end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    }
    scratch.assign(first, end);
    return scratch;
}

LTX_DECL const field_row* find_field(const field_row* rows, std::size_t n, std::string_view name) {
    for (std::size_t i = 0; i < n; ++i)
        if (rows[i].name == name)
            return &rows[i];
    return nullptr;
}

LTX_DECL boost::json::value form_value(const field_row& row, std::string_view text) {
    const char* first = text.data();
    const char* last = first + text.size();
    if (!row.wire && (is_signed_leaf(row.kind) || is_unsigned_leaf(row.kind))) {
        long long i = 0;
        if (const auto r = std::from_chars(first, last, i); r.ec == std::errc{} && r.ptr == last)
            return i;
        unsigned long long u = 0;
        if (const auto r = std::from_chars(first, last, u); r.ec == std::errc{} && r.ptr == last)
            return u;
    } else if (row.kind == leaf::boolean) {
        if (text == "true" || text == "false")
            return text == "true";
    } else if (!row.wire && row.kind != leaf::string) { // floating point, or composite
        boost::json::error_code ec;
        auto jv = parse_json(std::string_view{first, text.size()}, ec);
        if (!ec && (row.kind == leaf::composite || jv.is_number()))
            return jv;
    }
    return boost::json::string{boost::json::string_view{first, text.size()}};
}

} // namespace ltx::reflect::detail

#endif
