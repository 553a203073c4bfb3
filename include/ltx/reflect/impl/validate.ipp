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

} // namespace ltx::reflect::detail

#endif
