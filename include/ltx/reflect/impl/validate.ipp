// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_VALIDATE_IPP
#define LTX_REFLECT_IMPL_VALIDATE_IPP

#include <ltx/reflect/validate.hpp>

namespace ltx::reflect::detail {

LTX_DECL void value_path::append_to(std::string& out) const {
    if (!parent)
        return;
    parent->append_to(out);
    if (is_index) {
        out += '[';
        out += std::to_string(static_cast<unsigned long long>(index));
        out += ']';
    } else if (name.empty()) {
        out += "[\"\"]";
    } else {
        if (!out.empty())
            out += '.';
        out.append(name.data(), name.size());
    }
}

LTX_DECL void add_violation(std::vector<violation>& out, const value_path& path,
                            std::string_view rule, std::string message) {
    out.push_back(violation{path.str(), std::string(rule.data(), rule.size()), std::move(message)});
}

LTX_DECL void check_utf8(std::string_view s, const value_path& path, std::vector<violation>& out) {
    if (std::size_t n; !ltx::detail::utf8_count(s, n))
        add_violation(out, path, "utf8", "must be valid UTF-8");
}

LTX_DECL void check_enum(const wire_row* rows, std::size_t n, std::uint64_t key,
                         const value_path& path, std::vector<violation>& out) {
    if (!find_wire_name(rows, n, key))
        add_violation(out, path, "enum", "must be one of " + join_wire_names(rows, n));
}

} // namespace ltx::reflect::detail

#endif
