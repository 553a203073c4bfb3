// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_VALIDATE_HPP
#define LTX_REFLECT_VALIDATE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>
#include <ltx/reflect/rules.hpp>
#include <ltx/reflect/schema.hpp>

#include <string>
#include <string_view>
#include <tuple>
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
    return v.path + ": " + v.message + " (" + v.rule + ")";
}

namespace detail {

inline std::string join_path(const std::string& base, std::string_view name) {
    return base.empty() ? std::string{name} : base + "." + std::string{name};
}

// The path of the value being checked, as a chain of stack frames: the string is built only
// for a violation, since building one per member cost more than the checks themselves.
struct value_path {
    const value_path* parent = nullptr;
    std::string_view name{}; // a member name or a map key
    std::size_t index = 0;
    bool is_index = false;

    std::string str() const {
        if (!parent)
            return std::string{};
        if (is_index)
            return parent->str() + "[" + std::to_string(index) + "]";
        return join_path(parent->str(), name);
    }
};

template <class T>
void validate_value(const T& v, const value_path& path, std::vector<violation>& out);

template <class V> decltype(auto) unwrap(const V& v) {
    if constexpr (kind_of<V> == type_kind::optional)
        return *v;
    else
        return (v);
}

template <class V> bool present(const V& v) {
    if constexpr (kind_of<V> == type_kind::optional)
        return v.has_value();
    else
        return true;
}

// Applies the rules of one member; returns false when `required` failed, so that the
// member's other rules, which would only repeat the point, are skipped.
template <class V, class... R>
bool apply_rules(const V& v, const value_path& path, const std::tuple<R...>& rules,
                 std::vector<violation>& out) {
    bool ok = true;
    std::apply(
        [&](const auto&... r) {
            (
                [&](const auto& rule) {
                    using rule_t = std::remove_cvref_t<decltype(rule)>;
                    if constexpr (std::is_same_v<rule_t, rules::required_t>) {
                        bool missing = !present(v);
                        if constexpr (kind_of<V> == type_kind::string)
                            missing = v.empty();
                        if (missing) {
                            out.push_back({path.str(), std::string{rule_t::name}, "is required"});
                            ok = false;
                        }
                    } else if constexpr (is_default<rule_t>::value) {
                        // documentation only
                    } else if constexpr (requires { rule.check(unwrap(v)); }) {
                        if (ok && present(v))
                            if (auto m = rule.check(unwrap(v)))
                                out.push_back(
                                    {path.str(), std::string{rule_t::name}, std::move(*m)});
                    } else {
                        static_assert(
                            requires { rule.check(unwrap(v)); },
                            "ltx::reflect: this rule does not apply to the member's type");
                    }
                }(r),
                ...);
        },
        rules);
    return ok;
}

template <class T, auto... M>
void check_struct_rule(const T& obj, const value_path& path, rules::at_least_one_of<M...>,
                       std::vector<violation>& out) {
    if ((present(obj.*M) || ...))
        return;
    std::string names;
    ((names += (names.empty() ? "" : " or ") + std::string{member_name<M>()}), ...);
    // Reported at the first member: that is where a value is most often missing.
    constexpr auto first = [] {
        std::string_view n[] = {member_name<M>()...};
        return n[0];
    }();
    out.push_back({value_path{&path, first}.str(), "at_least_one_of", names + " is required"});
}

template <class T>
void validate_struct(const T& obj, const value_path& path, std::vector<violation>& out) {
    constexpr const auto& s = schema_of<T>;
    for_each_member<T>([&](auto d) {
        const auto& member = obj.*d.pointer;
        const value_path member_path{&path, d.name};
        bool ok = true;
        std::apply(
            [&](const auto&... items) {
                (
                    [&](const auto& item) {
                        using item_t = std::remove_cvref_t<decltype(item)>;
                        if constexpr (is_field_rules<item_t>::value) {
                            if constexpr (rules_of_member<d.pointer>{}(
                                              std::type_identity<item_t>{}))
                                ok = apply_rules(member, member_path, item.rules, out) && ok;
                        }
                    }(items),
                    ...);
            },
            s);
        if (ok)
            validate_value(member, member_path, out);
    });
    std::apply(
        [&](const auto&... items) {
            (
                [&](const auto& item) {
                    if constexpr (!is_field_rules<std::remove_cvref_t<decltype(item)>>::value)
                        check_struct_rule(obj, path, item, out);
                }(items),
                ...);
        },
        s);
}

template <class T>
void validate_value(const T& v, const value_path& path, std::vector<violation>& out) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        validate_struct(v, path, out);
    } else if constexpr (kind == type_kind::optional) {
        if (v)
            validate_value(*v, path, out);
    } else if constexpr (kind == type_kind::sequence) {
        for (std::size_t i = 0; i < v.size(); ++i)
            validate_value(v[i], value_path{&path, {}, i, true}, out);
    } else if constexpr (kind == type_kind::map) {
        for (const auto& [key, item] : v) {
            if (!ltx::detail::utf8_length(key))
                out.push_back({path.str(), "utf8", "has a key that is not valid UTF-8"});
            validate_value(item, value_path{&path, key}, out);
        }
    } else if constexpr (kind == type_kind::string) {
        if (!ltx::detail::utf8_length(v))
            out.push_back({path.str(), "utf8", "must be valid UTF-8"});
    } else if constexpr (kind == type_kind::described_enum) {
        if (!to_wire(v))
            out.push_back({path.str(), "enum", "must be one of " + allowed_names<T>()});
    }
}

} // namespace detail

/// Checks `value` against its description and schema and returns every violation, in
/// member order (empty when valid). Checked for every member, recursively: the schema's
/// rules, valid UTF-8 for every string, a known enumerator for every enum, and the
/// struct-level rules.
template <class T> std::vector<violation> validate(const T& value) {
    require_reflectable<T>();
    std::vector<violation> out;
    detail::validate_value(value, detail::value_path{}, out);
    return out;
}

} // namespace ltx::reflect

#endif
