// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_VALIDATE_HPP
#define LTX_REFLECT_VALIDATE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>
#include <ltx/reflect/rules.hpp>
#include <ltx/reflect/schema.hpp>
#include <ltx/reflect/violation.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ltx::reflect {

namespace detail {

// The value's own checks of a string (valid UTF-8) and of an enum (a known enumerator).
LTX_DECL void check_utf8(std::string_view s, const value_path& path, std::vector<violation>& out);
LTX_DECL void check_enum(const wire_row* rows, std::size_t n, std::uint64_t key,
                         const value_path& path, std::vector<violation>& out);

template <class V> const auto& unwrapped(const V& v) {
    if constexpr (kind_of<V> == type_kind::optional)
        return *v;
    else
        return v;
}

// A struct-level at_least_one_of that no member satisfies: "a or b is required", reported at
// the first member, where a value is most often missing.
LTX_DECL void fail_at_least_one_of(const std::string_view* members, std::size_t n,
                                   const value_path& path, std::vector<violation>& out);

template <class T>
void validate_value(const T& v, const value_path& path, std::vector<violation>& out);

template <class V> bool present(const V& v) {
    if constexpr (kind_of<V> == type_kind::optional)
        return static_cast<bool>(v);
    else
        return true;
}

// Applies one rule to a member's value. `ok` turns false when `required` failed, so that the
// member's later rules, which would only repeat the point, are skipped. A template of the
// rule's and the value's types only, so members alike share it.
template <class Rule, class V>
void apply_rule(const Rule& rule, const V& v, const value_path& path, bool& ok,
                std::vector<violation>& out) {
    constexpr bool is_optional = kind_of<V> == type_kind::optional;
    if constexpr (std::is_same_v<Rule, rules::required_t>) {
        bool missing;
        if constexpr (is_optional)
            missing = !v;
        else if constexpr (kind_of<V> == type_kind::string)
            missing = v.empty();
        else
            missing = false;
        if (missing) {
            report{out, path, Rule::name}.fail("is required");
            ok = false;
        }
    } else if constexpr (is_default<Rule>::value) {
        // documentation only
    } else if constexpr (is_optional) {
        static_assert(
            requires(const report& r) { rule.check(*v, r); },
            "ltx::reflect: this rule does not apply to the member's type");
        if (ok && v)
            rule.check(*v, report{out, path, Rule::name});
    } else {
        static_assert(
            requires(const report& r) { rule.check(v, r); },
            "ltx::reflect: this rule does not apply to the member's type");
        if (ok)
            rule.check(v, report{out, path, Rule::name});
    }
}

// Applies the rules of one schema item, in order; false when `required` failed.
template <class V, std::size_t... K, class... R>
bool apply_rules(const V& v, const value_path& path, std::vector<violation>& out,
                 const pack_base<std::index_sequence<K...>, R...>& rules) {
    bool ok = true;
    (apply_rule(static_cast<const pack_leaf<K, R>&>(rules).value, v, path, ok, out), ...);
    return ok;
}

template <class T, auto... M>
void check_struct_rule(const T& obj, const value_path& path, rules::at_least_one_of<M...>,
                       std::vector<violation>& out) {
    if ((present(obj.*M) || ...))
        return;
    static constexpr std::string_view members[] = {member_name<M>()...};
    fail_at_least_one_of(members, sizeof...(M), path, out);
}

// Whether a value of type V has anything of its own to check (UTF-8, enumerators, members):
// numbers and booleans have nothing, so members of those types without rules compile to
// nothing.
template <class V> consteval bool checks_value() {
    constexpr auto kind = kind_of<V>;
    if constexpr (kind == type_kind::optional)
        return checks_value<typename V::value_type>();
    else
        return kind == type_kind::described_struct || kind == type_kind::sequence ||
               kind == type_kind::map || kind == type_kind::string ||
               kind == type_kind::described_enum;
}

// Which schema items carry the rules of which member, worked out once per type: matching
// every member against every item with generic lambdas made validate() the costliest part of
// compiling a request. For each item: the index of the member it constrains, no_member for a
// struct-level rule, unchecked for a field that checks nothing (only rules::defaults_to) or
// whose member is not described (schema_of refuses those).
inline constexpr std::size_t unchecked = no_member - 1;

template <class T, class Item> struct rules_owner {
    static constexpr std::size_t value = no_member;
};
template <class T, auto M, class... R> struct rules_owner<T, field_rules<M, R...>> {
    static constexpr std::size_t found = member_index_in<M>(members_of<T>{});
    static constexpr bool checks = (!is_default<R>::value || ... || false);
    static constexpr std::size_t value = found != no_member && checks ? found : unchecked;
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

template <class T, std::size_t I> inline constexpr auto items_of = rules_items<T, I>();

// The rules of member I: one pack of rules per schema item constraining it.
template <class T, std::size_t I>
inline constexpr auto member_rules = []<std::size_t... N>(std::index_sequence<N...>) {
    return pack<std::remove_cvref_t<decltype(pack_get<items_of<T, I>[N]>(schema_of<T>).rules)>...>{
        {{pack_get<items_of<T, I>[N]>(schema_of<T>).rules}...}};
}
(std::make_index_sequence<items_of<T, I>.size()>{});

// The members of T that have rules or a value to check, in declaration order.
template <class T, std::size_t... I>
consteval auto make_checked_members(std::index_sequence<I...>) {
    constexpr bool checked[] = {
        (items_of<T, I>.size() > 0 ||
         checks_value<
             std::remove_cvref_t<decltype(std::declval<const T&>().*
                                          boost::mp11::mp_at_c<members_of<T>, I>::pointer)>>())...,
        false};
    std::array<std::size_t, (std::size_t{checked[I]} + ... + 0)> out{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < sizeof...(I); ++i)
        if (checked[i])
            out[k++] = i;
    return out;
}

template <class T>
inline constexpr auto checked_members =
    make_checked_members<T>(std::make_index_sequence<boost::mp11::mp_size<members_of<T>>::value>{});

// Applies every schema item that constrains a member, then checks the value itself unless
// `required` failed. A template of the member's type and rules only: members alike share it.
template <class V, std::size_t... N, class... Items>
void validate_field(const V& m, std::string_view name, const value_path& parent,
                    std::vector<violation>& out,
                    const pack_base<std::index_sequence<N...>, Items...>& items) {
    const value_path path{&parent, name};
    bool ok = true;
    ((ok = apply_rules(m, path, out, static_cast<const pack_leaf<N, Items>&>(items).value) && ok),
     ...);
    if constexpr (checks_value<V>()) {
        using X = std::remove_cvref_t<decltype(unwrapped(m))>;
        const X* x = nullptr;
        if constexpr (kind_of<V> == type_kind::optional) {
            if (ok && m)
                x = &*m;
        } else {
            if (ok)
                x = &m;
        }
        // Strings and enums are checked here, by non-template code, rather than through a
        // validate_value of their own for each type.
        if constexpr (kind_of<X> == type_kind::string) {
            if (x)
                check_utf8(*x, path, out);
        } else if constexpr (kind_of<X> == type_kind::described_enum) {
            if (x)
                check_enum(wire_rows<X>.rows, wire_rows<X>.size,
                           static_cast<std::uint64_t>(static_cast<std::underlying_type_t<X>>(*x)),
                           path, out);
        } else {
            if (x)
                validate_value(*x, path, out);
        }
    }
}

template <class T, std::size_t I>
using member_at = boost::mp11::mp_at_c<members_of<T>, checked_members<T>[I]>;

// Members in declaration order, then the struct-level rules in schema order.
template <class T, std::size_t... I, std::size_t... S>
void validate_struct(const T& obj, const value_path& path, std::vector<violation>& out,
                     std::index_sequence<I...>, std::index_sequence<S...>) {
    (validate_field(obj.*member_at<T, I>::pointer, member_at<T, I>::name, path, out,
                    member_rules<T, checked_members<T>[I]>),
     ...);
    (check_struct_rule(obj, path, pack_get<items_of<T, no_member>[S]>(schema_of<T>), out), ...);
}

template <class T>
void validate_struct(const T& obj, const value_path& path, std::vector<violation>& out) {
    validate_struct(obj, path, out, std::make_index_sequence<checked_members<T>.size()>{},
                    std::make_index_sequence<items_of<T, no_member>.size()>{});
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
            if (std::size_t n; !ltx::detail::utf8_count(key, n))
                report{out, path, "utf8"}.fail("has a key that is not valid UTF-8");
            validate_value(item, value_path{&path, key}, out);
        }
    } else if constexpr (kind == type_kind::string) {
        check_utf8(v, path, out);
    } else if constexpr (kind == type_kind::described_enum) {
        check_enum(wire_rows<T>.rows, wire_rows<T>.size,
                   static_cast<std::uint64_t>(static_cast<std::underlying_type_t<T>>(v)), path,
                   out);
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

#ifdef LTX_HEADER_ONLY
#include <ltx/reflect/impl/validate.ipp>
#endif

#endif
