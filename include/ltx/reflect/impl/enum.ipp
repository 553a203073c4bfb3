// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_ENUM_IPP
#define LTX_REFLECT_IMPL_ENUM_IPP

#include <ltx/reflect/enum.hpp>

namespace ltx::reflect::detail {

LTX_DECL const std::string_view* find_wire_name(const wire_row* rows, std::size_t n,
                                                std::uint64_t value) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (rows[i].value == value)
            return &rows[i].name;
    return nullptr;
}

LTX_DECL std::string_view wire_name_or_throw(const wire_row* rows, std::size_t n,
                                             std::uint64_t value) {
    if (const auto* name = find_wire_name(rows, n, value))
        return *name;
    throw enum_value_error{"ltx::reflect: an enum value outside " + join_wire_names(rows, n) +
                           " has no wire name"};
}

LTX_DECL const wire_row* find_wire_value(const wire_row* rows, std::size_t n,
                                         std::string_view name) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (rows[i].name == name)
            return &rows[i];
    return nullptr;
}

LTX_DECL void append_wire_names(std::string& out, const wire_row* rows, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        if (i)
            out.append(", ", 2);
        out.append("'", 1);
        out.append(rows[i].name.data(), rows[i].name.size());
        out.append("'", 1);
    }
}

LTX_DECL std::string join_wire_names(const wire_row* rows, std::size_t n) {
    std::string out;
    append_wire_names(out, rows, n);
    return out;
}

} // namespace ltx::reflect::detail

#endif
