// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_VALIDATE_IPP
#define LTX_REFLECT_IMPL_VALIDATE_IPP

#include <ltx/reflect/validate.hpp>

#include <algorithm>
#include <string>

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

inline std::string_view text_at(const void* value) {
    return *static_cast<const std::string*>(value);
}

inline bool has_key(const std::uint64_t* keys, std::size_t n, std::uint64_t key) {
    for (std::size_t i = 0; i < n; ++i)
        if (keys[i] == key)
            return true;
    return false;
}

LTX_DECL void check_conditional(const group_row& group, const struct_tables& t,
                                const void* const* values, const value_path& parent,
                                std::vector<violation>& out) {
    const field_row& cond = t.fields[group.when_member];
    const void* cond_value = values[group.when_member];
    const std::uint64_t key =
        cond_value ? read_wire_key(cond.kind, cond_value) : group.when_default;
    if (cond_value ? !has_key(group.when_keys, group.when_size, key) : !group.when_absent)
        return;
    const std::size_t i = group.members[0];
    const field_row& field = t.fields[i];
    const void* value = values[i];
    std::string m;
    switch (group.kind) {
    case group_kind::absent_when:
        if (!value)
            return;
        m = "is not taken";
        break;
    case group_kind::required_when:
        if (field.optional ? value != nullptr
                           : field.kind != leaf::string || !text_at(value).empty())
            return;
        m = "is required";
        break;
    default: // one_of_when
        if (!value || has_key(group.allowed, group.allowed_size, read_wire_key(field.kind, value)))
            return;
        m = "must be one of ";
        for (std::size_t k = 0; k < group.allowed_size; ++k) {
            if (k)
                m.append(", ", 2);
            if (const auto* name = find_wire_name(field.wire, field.wire_size, group.allowed[k]))
                m.append(name->data(), name->size());
        }
        break;
    }
    m.append(" when ", 6);
    m.append(cond.name.data(), cond.name.size());
    m.append(" is ", 4);
    if (const auto* name = find_wire_name(cond.wire, cond.wire_size, key))
        m.append(name->data(), name->size());
    const std::string_view rule = group.kind == group_kind::absent_when     ? "absent_when"
                                  : group.kind == group_kind::required_when ? "required_when"
                                                                            : "one_of_when";
    report{out, value_path{&parent, field.name}, rule}.fail(m);
}

// The text of a combinations member's value in a message: an enum's wire name, a number.
inline void append_combination_value(std::string& m, const field_row& field, std::uint64_t key) {
    if (field.wire_size != 0) {
        if (const auto* name = find_wire_name(field.wire, field.wire_size, key))
            m.append(name->data(), name->size());
    } else if (is_signed_leaf(field.kind)) {
        append_decimal(m, static_cast<long long>(key));
    } else {
        append_decimal(m, static_cast<unsigned long long>(key));
    }
}

LTX_DECL void check_combinations(const group_row& group, const struct_tables& t,
                                 const void* const* values, const value_path& parent,
                                 std::vector<violation>& out) {
    const std::size_t n = group.size;
    std::uint64_t keys[64];
    for (std::size_t k = 0; k < n; ++k) {
        const void* value = values[group.members[k]];
        const field_row& field = t.fields[group.members[k]];
        if (value)
            keys[k] = read_wire_key(field.kind, value);
        else if ((group.default_mask >> k) & 1U)
            keys[k] = group.defaults[k];
        else
            return; // absent without a default: its `required` rule reports it
        bool offered = false;
        for (std::size_t r = 0; r < group.allowed_size && !offered; ++r) {
            const std::uint64_t* row = group.allowed + r * n;
            offered = std::equal(keys, keys + k + 1, row);
        }
        if (offered)
            continue;
        std::string m = "is not offered";
        for (std::size_t j = 0; j < k; ++j) {
            m.append(j == 0 ? " with " : ", ");
            const field_row& before = t.fields[group.members[j]];
            m.append(before.name.data(), before.name.size());
            m.push_back(' ');
            append_combination_value(m, before, keys[j]);
        }
        report{out, value_path{&parent, field.name}, "combinations"}.fail(m);
        return;
    }
}

LTX_DECL void check_string_value(const field_row&, const void* value, const value_path& path,
                                 std::vector<violation>& out) {
    check_utf8(text_at(value), path, out);
}

LTX_DECL void check_enum_value(const field_row& field, const void* value, const value_path& path,
                               std::vector<violation>& out) {
    check_enum(field.wire, field.wire_size, read_wire_key(field.kind, value), path, out);
}

LTX_DECL void validate_fields(const struct_tables& t, const void* const* values,
                              const value_path& parent, std::vector<violation>& out) {
    for (std::size_t i = 0; i < t.size; ++i) {
        const field_row& field = t.fields[i];
        const void* value = values[i];
        const rule_span span = t.spans[i];
        const value_check check = t.checks[i];
        if (span.count == 0 && !check)
            continue;
        const value_path path{&parent, field.name};
        // A failed `required` skips the member's later rules and its own check, which would
        // only repeat the point; the rules of an absent optional do not run.
        bool ok = true;
        for (std::size_t j = span.first; j < span.first + span.count; ++j) {
            const rule_row& rule = t.rules[j];
            if (!rule.run) { // required
                const bool missing = field.optional
                                         ? value == nullptr
                                         : field.kind == leaf::string && text_at(value).empty();
                if (missing) {
                    report{out, path, rule.name}.fail("is required");
                    ok = false;
                }
            } else if (ok && value) {
                rule.run(rule, value, report{out, path, rule.name});
            }
        }
        if (ok && value && check)
            check(field, value, path, out);
    }
    for (std::size_t g = 0; g < t.group_count; ++g) {
        const group_row& group = t.groups[g];
        if (group.kind == group_kind::combinations) {
            check_combinations(group, t, values, parent, out);
            continue;
        }
        if (group.kind != group_kind::at_least_one_of) {
            check_conditional(group, t, values, parent, out);
            continue;
        }
        bool present = false;
        for (std::size_t k = 0; k < group.size; ++k)
            present = present || values[group.members[k]] != nullptr;
        if (!present)
            fail_at_least_one_of(group.names, group.size, parent, out);
    }
}

} // namespace ltx::reflect::detail

#endif
