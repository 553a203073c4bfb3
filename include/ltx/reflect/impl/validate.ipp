// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_VALIDATE_IPP
#define LTX_REFLECT_IMPL_VALIDATE_IPP

#include <ltx/reflect/validate.hpp>

namespace ltx::reflect::detail {

LTX_DECL void check_utf8(std::string_view s, const value_path& path, std::vector<violation>& out) {
    if (std::size_t n; !ltx::detail::utf8_count(s, n))
        report{out, path, "utf8"}.fail("must be valid UTF-8");
}

LTX_DECL void check_enum(const wire_row* rows, std::size_t n, std::uint64_t key,
                         const value_path& path, std::vector<violation>& out) {
    if (find_wire_name(rows, n, key))
        return;
    std::string m;
    m.append("must be one of ", 15);
    append_wire_names(m, rows, n);
    report{out, path, "enum"}.fail(m);
}

LTX_DECL void fail_at_least_one_of(const std::string_view* members, std::size_t n,
                                   const value_path& path, std::vector<violation>& out) {
    std::string m;
    for (std::size_t i = 0; i < n; ++i) {
        if (i)
            m.append(" or ", 4);
        m.append(members[i].data(), members[i].size());
    }
    m.append(" is required", 12);
    report{out, value_path{&path, n ? members[0] : std::string_view{}}, "at_least_one_of"}.fail(m);
}

} // namespace ltx::reflect::detail

#endif
