// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What validation reports: a violation (path, rule, message), and `report`, through which a
// rule adds one.
#ifndef LTX_REFLECT_VIOLATION_HPP
#define LTX_REFLECT_VIOLATION_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/detail/text.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ltx::reflect {

/// One broken rule: where (`items[3].asset.fileId`), which rule (`length`), and a readable
/// message that never quotes the offending value.
struct violation {
    std::string path;
    std::string rule;
    std::string message;

    friend bool operator==(const violation&, const violation&) = default;
};

/// `path: message (rule)`, for logs and exception texts.
inline std::string to_string(const violation& v) {
    std::string s;
    s.reserve(v.path.size() + v.message.size() + v.rule.size() + 5);
    s.append(v.path).append(": ", 2).append(v.message).append(" (", 2).append(v.rule);
    s.append(")", 1);
    return s;
}

namespace detail {

// The path of the value being checked, as a chain of stack frames: the string is built only
// for a violation, since building one per member cost more than the checks themselves. An
// empty map key reads `a[""]`, as in decode errors (json_read.hpp): `a.` would look cut off.
struct value_path {
    const value_path* parent = nullptr;
    std::string_view name{}; // a member name or a map key
    std::size_t index = 0;
    bool is_index = false;

    /// Appends the path; `out` holds the parent's path, or nothing.
    LTX_DECL void append_to(std::string& out) const;
};

} // namespace detail

/// Where a rule reports that the value it checks breaks it: `r.fail("must be ...")`. The
/// path and the rule's name are filled in. All of it is non-template code, so a rule's
/// check compiles to a test and a call, whatever the types it is applied to.
class report {
public:
    report(std::vector<violation>& out, const detail::value_path& path,
           std::string_view rule) noexcept
        : out_(out), path_(path), rule_(rule) {}

    /// Adds a violation with this message.
    LTX_DECL void fail(std::string_view message) const;

private:
    std::vector<violation>& out_;
    const detail::value_path& path_;
    std::string_view rule_;
};

namespace detail {

/// Appends the decimal digits of `v` (ltx::detail::format_decimal); `negative` puts a minus
/// sign first.
LTX_DECL void append_decimal(std::string& out, unsigned long long v, bool negative = false);
LTX_DECL void append_decimal(std::string& out, long long v);

} // namespace detail

} // namespace ltx::reflect

#ifdef LTX_HEADER_ONLY
#include <ltx/reflect/impl/violation.ipp>
#endif

#endif
