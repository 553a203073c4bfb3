// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_VIOLATION_IPP
#define LTX_REFLECT_IMPL_VIOLATION_IPP

#include <ltx/reflect/violation.hpp>

namespace ltx::reflect {

namespace detail {

LTX_DECL void append_decimal(std::string& out, unsigned long long v, bool negative) {
    char buf[21];
    const char* p = ltx::detail::format_decimal(buf + sizeof buf, v, negative);
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

LTX_DECL void append_decimal(std::string& out, long long v) {
    append_decimal(out, ltx::detail::magnitude(v), v < 0);
}

LTX_DECL void value_path::append_to(std::string& out) const {
    if (!parent)
        return;
    parent->append_to(out);
    if (is_index) {
        out.append("[", 1);
        append_decimal(out, static_cast<unsigned long long>(index));
        out.append("]", 1);
    } else if (name.empty()) {
        out.append("[\"\"]", 4);
    } else {
        if (!out.empty())
            out.append(".", 1);
        out.append(name.data(), name.size());
    }
}

} // namespace detail

LTX_DECL void report::fail(std::string_view message) const {
    // Built in place with append alone: each std::string member used here is compiled into
    // every TU that validates.
    auto& v = out_.emplace_back();
    path_.append_to(v.path);
    v.rule.append(rule_.data(), rule_.size());
    v.message.append(message.data(), message.size());
}

} // namespace ltx::reflect

#endif
