// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_VALIDATE_HPP
#define LTX_REFLECT_VALIDATE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>
#include <ltx/reflect/rules.hpp>
#include <ltx/reflect/schema.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
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

// Applies rule K of schema item J of T to a member's value. `ok` turns false when
// `required` failed, so that the member's later rules, which would only repeat the point, are
// skipped. The rule is read at compile time, so no tuple access is compiled.
template <class T, std::size_t J, std::size_t K, class V>
void apply_rule(const V& v, const value_path& path, bool& ok, std::vector<violation>& out) {
    static constexpr const auto& rule = pack_get<K>(pack_get<J>(schema_of<T>).rules);
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
                out.push_back({path.str(), std::string{rule_t::name}, std::move(*m)});
    } else {
        static_assert(
            requires { rule.check(unwrap(v)); },
            "ltx::reflect: this rule does not apply to the member's type");
    }
}

// Applies the rules of schema item J of T, in order; false when `required` failed.
template <class T, std::size_t J, class V, std::size_t... K>
bool apply_rules(const V& v, const value_path& path, std::vector<violation>& out,
                 std::index_sequence<K...>) {
    bool ok = true;
    (apply_rule<T, J, K>(v, path, ok, out), ...);
    return ok;
}

template <class T, auto... M>
void check_struct_rule(const T& obj, const value_path& path, rules::at_least_one_of<M...>,
                       std::vector<violation>& out) {
    if ((present(obj.*M) || ...))
        return;
    static constexpr std::array<std::string_view, sizeof...(M)> members{member_name<M>()...};
    std::string names;
    for (const auto name : members) {
        if (!names.empty())
            names += " or ";
        names += name;
    }
    // Reported at the first member: that is where a value is most often missing.
    out.push_back({value_path{&path, members[0]}.str(), "at_least_one_of", names + " is required"});
}

// Which schema items carry the rules of which member, worked out once per type: matching
// every member against every item with generic lambdas made validate() the costliest part of
// compiling a request. For each item: the index of the member it constrains, no_member for a
// struct-level rule, not_described for a field whose member is not described (schema_of
// refuses those).
inline constexpr std::size_t not_described = no_member - 1;

template <class T, class Item> struct rules_owner {
    static constexpr std::size_t value = no_member;
};
template <class T, auto M, class... R> struct rules_owner<T, field_rules<M, R...>> {
    static constexpr std::size_t found = member_index_in<M>(members_of<T>{});
    static constexpr std::size_t value = found == no_member ? not_described : found;
};

template <class T> using schema_type = std::remove_cvref_t<decltype(schema_of<T>)>;

template <class T, std::size_t... J> consteval auto make_rules_owners(std::index_sequence<J...>) {
    return std::array<std::size_t, sizeof...(J)>{
        rules_owner<T, pack_element_t<schema_type<T>, J>>::value...};
}

template <class T>
inline constexpr auto
    rules_owners = make_rules_owners<T>(std::make_index_sequence<schema_type<T>::size>{});

// The schema items constraining member I of T, in schema order.
template <class T, std::size_t I> consteval auto rules_items() {
    constexpr const auto& owners = rules_owners<T>;
    constexpr std::size_t n = [] {
        std::size_t c = 0;
        for (auto o : rules_owners<T>)
            c += o == I ? 1 : 0;
        return c;
    }();
    std::array<std::size_t, n> items{};
    std::size_t k = 0;
    for (std::size_t j = 0; j < owners.size(); ++j)
        if (owners[j] == I)
            items[k++] = j;
    return items;
}

template <class T, std::size_t J>
using rules_sequence =
    std::make_index_sequence<std::remove_cvref_t<decltype(pack_get<J>(schema_of<T>).rules)>::size>;

// Applies every schema item that constrains member I, then checks the value itself unless
// `required` failed.
template <class T, std::size_t I, std::size_t... N>
void validate_member(const T& obj, const value_path& path, std::vector<violation>& out,
                     std::index_sequence<N...>) {
    using D = boost::mp11::mp_at_c<members_of<T>, I>;
    [[maybe_unused]] static constexpr auto items = rules_items<T, I>();
    const auto& member = obj.*D::pointer;
    const value_path member_path{&path, D::name};
    bool ok = true;
    ((ok = apply_rules<T, items[N]>(member, member_path, out, rules_sequence<T, items[N]>{}) && ok),
     ...);
    if (ok)
        validate_value(member, member_path, out);
}

template <class T, std::size_t J>
void check_struct_item(const T& obj, const value_path& path, std::vector<violation>& out) {
    static constexpr const auto& item = pack_get<J>(schema_of<T>);
    check_struct_rule(obj, path, item, out);
}

// Members in declaration order, then the struct-level rules in schema order.
template <class T, std::size_t... I, std::size_t... S>
void validate_struct(const T& obj, const value_path& path, std::vector<violation>& out,
                     std::index_sequence<I...>, std::index_sequence<S...>) {
    (validate_member<T, I>(obj, path, out, std::make_index_sequence<rules_items<T, I>().size()>{}),
     ...);
    [[maybe_unused]] static constexpr auto struct_rules = rules_items<T, no_member>();
    (check_struct_item<T, struct_rules[S]>(obj, path, out), ...);
}

template <class T>
void validate_struct(const T& obj, const value_path& path, std::vector<violation>& out) {
    validate_struct(obj, path, out,
                    std::make_index_sequence<boost::mp11::mp_size<members_of<T>>::value>{},
                    std::make_index_sequence<rules_items<T, no_member>().size()>{});
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
