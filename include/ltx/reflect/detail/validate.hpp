// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_VALIDATE_HPP
#define LTX_REFLECT_DETAIL_VALIDATE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/fields.hpp>
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
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ltx::reflect::detail {

// The value's own checks of a string (valid UTF-8) and of an enum (a known enumerator).
LTX_DECL void check_utf8(std::string_view s, const value_path& path, std::vector<violation>& out);
LTX_DECL void check_enum(const wire_row* rows, std::size_t n, std::uint64_t key,
                         const value_path& path, std::vector<violation>& out);

// A struct-level at_least_one_of that no member satisfies: "a or b is required", reported at
// the first member, where a value is most often missing.
LTX_DECL void fail_at_least_one_of(const std::string_view* members, std::size_t n,
                                   const value_path& path, std::vector<violation>& out);

template <class T>
void validate_value(const T& v, const value_path& path, std::vector<violation>& out);

// Whether a value of type V has anything of its own to check (UTF-8, enumerators, members):
// numbers and booleans have nothing.
template <class V> consteval bool checks_value() {
    constexpr auto kind = kind_of<V>;
    if constexpr (kind == type_kind::optional)
        return checks_value<typename V::value_type>();
    else
        return kind == type_kind::described_struct || kind == type_kind::sequence ||
               kind == type_kind::map || kind == type_kind::string ||
               kind == type_kind::described_enum;
}

// The rules of a schema as data (see detail/fields.hpp). A row names its rule and the
// function that runs it: the rule's own `check`, called on the rule object inside the
// struct's schema_of. Built-in rules and a user's rules are run alike; a TU compiles one small
// runner per rule type and member type its models use.
struct rule_row;
using rule_runner = void (*)(const rule_row& rule, const void* value, const report& r);

struct rule_row {
    std::string_view name;
    rule_runner run = nullptr;  ///< null for `required`, which validate_fields handles
    const void* rule = nullptr; ///< the rule, inside its struct's schema_of
};

template <class Rule, class X>
void run_rule(const rule_row& row, const void* value, const report& r) {
    static_cast<const Rule*>(row.rule)->check(*static_cast<const X*>(value), r);
}

// The row of one rule applied to a member whose value (an optional's, unwrapped) is an X.
// `rule` is the rule inside schema_of<T>, whose address the row keeps.
template <class X, class Rule> consteval rule_row rule_row_of(const Rule& rule) {
    if constexpr (std::is_same_v<Rule, rules::required_t>) {
        return {Rule::name};
    } else {
        static_assert(
            requires(const X& x, const report& r) { rule.check(x, r); },
            "ltx::reflect: this rule does not apply to the member's type");
        return {Rule::name, &run_rule<Rule, X>, &rule};
    }
}

// The member index a schema item constrains (no_member for a struct-level rule), and how
// many rows its rules make (rules::defaults_to documents a default and makes none).
template <class Item> struct item_info {
    static constexpr std::size_t owner = no_member;
    static constexpr std::size_t rules = 0;
    static constexpr std::size_t rows = 0;
};
template <auto M, class... R> struct item_info<field_rules<M, R...>> {
    using owner_type = typename member_pointer_traits<decltype(M)>::owner;
    using value_type = unwrap_t<typename member_pointer_traits<decltype(M)>::value>;
    static constexpr std::size_t owner = member_index_in<M>(members_of<owner_type>{});
    static constexpr std::size_t rules = sizeof...(R);
    static constexpr std::size_t rows = (std::size_t{!is_default<R>::value} + ... + 0);
};

template <class X, class Rule>
consteval void append_rule_row(rule_row* out, std::size_t& k, const Rule& rule) {
    if constexpr (!is_default<Rule>::value) {
        out[k++] = rule_row_of<X>(rule);
    } else {
        (void)out;
        (void)k;
        (void)rule;
    }
}

template <class T> using schema_type = std::remove_cvref_t<decltype(schema_of<T>)>;

template <class T, std::size_t J> using schema_item_t = pack_element_t<schema_type<T>, J>;

// The rows of schema item J (a field<...>(rules...)), K over its rules.
template <class T, std::size_t J, std::size_t... K>
consteval void append_item_rows(rule_row* out, std::size_t& k, std::index_sequence<K...>) {
    using info = item_info<schema_item_t<T, J>>;
    (void)out; // unused for an item without rules
    (void)k;
    (append_rule_row<typename info::value_type>(out, k,
                                                pack_get<K>(pack_get<J>(schema_of<T>).rules)),
     ...);
}

/// The rules of one member: rows[first, first + count) of its struct's rule table.
struct rule_span {
    std::size_t first;
    std::size_t count;
};

/// What a struct-level rule asks.
enum class group_kind : unsigned char {
    at_least_one_of,
    absent_when,
    required_when,
    one_of_when,
    combinations,
};

/// A struct-level rule. at_least_one_of: the members (indices, names) of which one must be set.
/// The conditional rules: one member, and the condition (`rules::when`) under which it must be
/// absent, present, or hold one of `allowed` (enum wire keys). combinations: the members, and
/// `allowed` the table's rows, `allowed_size` of them, each `size` keys long; `defaults` the
/// members' default keys, where bit i of `default_mask` says member i has one.
struct group_row {
    const std::size_t* members;
    const std::string_view* names;
    std::size_t size;
    group_kind kind = group_kind::at_least_one_of;
    std::size_t when_member = no_member;      ///< the condition's member
    const std::uint64_t* when_keys = nullptr; ///< the keys that satisfy the condition
    std::size_t when_size = 0;
    bool when_absent = false;       ///< an absent condition member satisfies it (its default)
    std::uint64_t when_default = 0; ///< the key of that default
    const std::uint64_t* allowed = nullptr;
    std::size_t allowed_size = 0;
    const std::uint64_t* defaults = nullptr;
    std::uint64_t default_mask = 0;
};

template <class T, class Item> struct group_of {
    static_assert(sizeof(Item) == 0, "ltx::reflect: a schema item that is neither "
                                     "field<...>(rules...) nor a struct-level rule");
};
template <class T, auto... M> struct group_of<T, rules::at_least_one_of<M...>> {
    static constexpr std::size_t members[] = {member_index_in<M>(members_of<T>{})...};
    static constexpr std::string_view names[] = {member_name<M>()...};
    static_assert(((member_index_in<M>(members_of<T>{}) != no_member) && ...),
                  "ltx::reflect: at_least_one_of names a member that is not a described member "
                  "of its type");
    static constexpr group_row row() { return {members, names, std::size(members)}; }
};

// The parts shared by the conditional rules: the member `M` and the condition `When`.
template <class T, auto M, class When> struct conditional_group;
template <class T, auto M, auto C, auto... V> struct conditional_group<T, M, rules::when<C, V...>> {
    static constexpr std::size_t members[] = {member_index_in<M>(members_of<T>{})};
    static constexpr std::string_view names[] = {member_name<M>()};
    static constexpr std::uint64_t keys[] = {wire_key(V)...};
    // The indexes are computed again: clang reads no element of `members` while the class is
    // incomplete.
    static_assert(member_index_in<M>(members_of<T>{}) != no_member &&
                      member_index_in<C>(members_of<T>{}) != no_member,
                  "ltx::reflect: a conditional rule names a member that is not a described "
                  "member of its type");
    static_assert(kind_of<unwrap_t<typename member_pointer_traits<decltype(C)>::value>> ==
                      type_kind::described_enum,
                  "ltx::reflect: a rules::when condition is on an enum member");
    static constexpr group_row row(group_kind kind) {
        group_row r{members, names, 1, kind};
        r.when_member = member_index_in<C>(members_of<T>{});
        r.when_keys = keys;
        r.when_size = sizeof...(V);
        if constexpr (has_default<C>()) {
            r.when_default = wire_key(default_of<C>());
            r.when_absent = ((default_of<C>() == V) || ...);
        }
        return r;
    }
};
template <class T, auto M, class When> struct group_of<T, rules::absent_when<M, When>> {
    static constexpr group_row row() {
        return conditional_group<T, M, When>::row(group_kind::absent_when);
    }
};
template <class T, auto M, class When> struct group_of<T, rules::required_when<M, When>> {
    static constexpr group_row row() {
        return conditional_group<T, M, When>::row(group_kind::required_when);
    }
};
template <class T, auto M, class When, auto... A>
struct group_of<T, rules::one_of_when<M, When, A...>> {
    static_assert(kind_of<unwrap_t<typename member_pointer_traits<decltype(M)>::value>> ==
                      type_kind::described_enum,
                  "ltx::reflect: one_of_when applies to an enum member");
    static constexpr std::uint64_t allowed[] = {wire_key(A)...};
    static constexpr group_row row() {
        group_row r = conditional_group<T, M, When>::row(group_kind::one_of_when);
        r.allowed = allowed;
        r.allowed_size = sizeof...(A);
        return r;
    }
};

// The key of a combinations member's value, as read_wire_key reads it back from the member:
// an enum's wire key, an integer converted to 64 bits (a signed one sign-extended).
template <class V> constexpr std::uint64_t combination_key(V v) noexcept {
    if constexpr (std::is_enum_v<V>)
        return wire_key(v);
    else if constexpr (std::is_signed_v<V>)
        return static_cast<std::uint64_t>(static_cast<long long>(v));
    else
        return static_cast<std::uint64_t>(v);
}

template <auto M> consteval std::uint64_t combination_default() {
    if constexpr (has_default<M>())
        return combination_key(default_of<M>());
    else
        return 0;
}

template <class T, const auto& Table, auto... M>
struct group_of<T, rules::combinations<Table, M...>> {
    static constexpr std::size_t n = sizeof...(M);
    static_assert(n > 0 && n <= 64, "ltx::reflect: combinations of 1 to 64 members");
    static_assert(((member_index_in<M>(members_of<T>{}) != no_member) && ...),
                  "ltx::reflect: combinations names a member that is not a described member of "
                  "its type");
    static_assert(
        ((std::is_enum_v<unwrap_t<typename member_pointer_traits<decltype(M)>::value>> ||
          (std::is_integral_v<unwrap_t<typename member_pointer_traits<decltype(M)>::value>> &&
           !std::is_same_v<unwrap_t<typename member_pointer_traits<decltype(M)>::value>, bool>)) &&
         ...),
        "ltx::reflect: combinations applies to enum and integer members");
    using row_type = std::remove_cvref_t<decltype(*std::begin(Table))>;
    static_assert(std::tuple_size_v<row_type> == n,
                  "ltx::reflect: each row of a combinations table has one value per member");
    static constexpr std::size_t rows = std::size(Table);

    template <std::size_t... I> static consteval auto flatten(std::index_sequence<I...>) {
        std::array<std::uint64_t, (rows == 0 ? 1 : rows * n)> keys{};
        std::size_t k = 0;
        for (const auto& row : Table)
            ((keys[k++] = combination_key(std::get<I>(row))), ...);
        return keys;
    }
    template <std::size_t... I> static consteval bool row_types_match(std::index_sequence<I...>) {
        return (std::is_same_v<std::remove_cvref_t<std::tuple_element_t<I, row_type>>,
                               unwrap_t<typename member_pointer_traits<decltype(M)>::value>> &&
                ...);
    }
    static_assert(row_types_match(std::make_index_sequence<n>{}),
                  "ltx::reflect: a combinations table's columns have its members' types");

    static constexpr std::size_t members[] = {member_index_in<M>(members_of<T>{})...};
    static constexpr std::string_view names[] = {member_name<M>()...};
    static constexpr auto keys = flatten(std::make_index_sequence<n>{});
    static constexpr std::uint64_t defaults[] = {combination_default<M>()...};
    static constexpr group_row row() {
        group_row r{members, names, n, group_kind::combinations};
        r.allowed = keys.data();
        r.allowed_size = rows;
        r.defaults = defaults;
        std::uint64_t bit = 1;
        ((r.default_mask |= has_default<M>() ? bit : 0, bit <<= 1), ...);
        return r;
    }
};

// A member's value's own check once its rules passed: valid UTF-8 for a string, a known
// enumerator for an enum, its own validate_value for a composite with anything to check.
using value_check = void (*)(const field_row& field, const void* value, const value_path& path,
                             std::vector<violation>& out);

LTX_DECL void check_string_value(const field_row&, const void* value, const value_path& path,
                                 std::vector<violation>& out);
LTX_DECL void check_enum_value(const field_row& field, const void* value, const value_path& path,
                               std::vector<violation>& out);

template <class X>
void check_nested_value(const field_row&, const void* value, const value_path& path,
                        std::vector<violation>& out) {
    validate_value(*static_cast<const X*>(value), path, out);
}

template <class X> consteval value_check value_check_of() {
    if constexpr (kind_of<X> == type_kind::described_enum)
        return &check_enum_value;
    else if constexpr (kind_of<X> == type_kind::string)
        return &check_string_value;
    else if constexpr (checks_value<X>())
        return &check_nested_value<X>;
    else
        return nullptr;
}

template <std::size_t R, std::size_t N, std::size_t G> struct rule_table_t {
    rule_row rows[R == 0 ? 1 : R];
    rule_span spans[N == 0 ? 1 : N];
    value_check checks[N == 0 ? 1 : N];
    group_row groups[G == 0 ? 1 : G];
    static constexpr std::size_t group_count = G;
};

// The rows of every member in declaration order, each member's in schema order; the value
// checks; the struct-level rules in schema order.
template <class T, class... D, std::size_t... J>
consteval auto make_rule_table(boost::mp11::mp_list<D...>, std::index_sequence<J...>) {
    constexpr std::size_t n = sizeof...(D);
    constexpr std::size_t total = (item_info<schema_item_t<T, J>>::rows + ... + 0);
    constexpr std::size_t groups =
        (std::size_t{item_info<schema_item_t<T, J>>::owner == no_member} + ... + 0);
    constexpr std::size_t owners[] = {item_info<schema_item_t<T, J>>::owner..., no_member};
    (void)owners;
    rule_table_t<total, n, groups> table{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
        table.spans[i].first = k;
        ((owners[J] == i ? append_item_rows<T, J>(
                               table.rows, k,
                               std::make_index_sequence<item_info<schema_item_t<T, J>>::rules>{})
                         : void()),
         ...);
        table.spans[i].count = k - table.spans[i].first;
    }
    std::size_t m = 0;
    ((table.checks[m++] = value_check_of<unwrap_t<member_value_t<T, D>>>()), ...);
    (void)m;
    std::size_t g = 0;
    (
        [&] {
            if constexpr (item_info<schema_item_t<T, J>>::owner == no_member) {
                table.groups[g++] = group_of<T, schema_item_t<T, J>>::row();
            }
        }(),
        ...);
    (void)g;
    return table;
}

template <class T>
inline constexpr auto
    rule_table = make_rule_table<T>(boost::mp11::mp_rename<members_of<T>, boost::mp11::mp_list>{},
                                    std::make_index_sequence<schema_type<T>::size>{});

struct struct_tables;

// A conditional struct-level rule (absent_when, required_when, one_of_when): checks its member
// when its condition holds.
LTX_DECL void check_conditional(const group_row& group, const struct_tables& t,
                                const void* const* values, const value_path& path,
                                std::vector<violation>& out);

// A combinations rule: finds the first member whose value no row allows with the ones before.
LTX_DECL void check_combinations(const group_row& group, const struct_tables& t,
                                 const void* const* values, const value_path& path,
                                 std::vector<violation>& out);

/// What validate_fields reads of one struct.
struct struct_tables {
    const field_row* fields;
    std::size_t size;
    const rule_row* rules;
    const rule_span* spans;
    const value_check* checks;
    const group_row* groups;
    std::size_t group_count;
};

/// Validates the members of one struct from its tables and its members' addresses (null for
/// an absent optional): the table-driven half of validate_value for a described struct.
LTX_DECL void validate_fields(const struct_tables& t, const void* const* values,
                              const value_path& path, std::vector<violation>& out);

template <class T>
void validate_struct(const T& obj, const value_path& path, std::vector<violation>& out) {
    constexpr std::size_t n = field_table<T>.size;
    const void* values[n + 1];
    member_addresses(obj, values);
    static constexpr struct_tables tables{field_table<T>.rows,      n,
                                          rule_table<T>.rows,       rule_table<T>.spans,
                                          rule_table<T>.checks,     rule_table<T>.groups,
                                          rule_table<T>.group_count};
    validate_fields(tables, values, path, out);
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
        check_enum(wire_rows<T>.rows, wire_rows<T>.size, wire_key(v), path, out);
    }
}

} // namespace ltx::reflect::detail

#endif
