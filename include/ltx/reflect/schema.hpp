// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_SCHEMA_HPP
#define LTX_REFLECT_SCHEMA_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/rules.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>
#include <type_traits>

namespace ltx::reflect {

namespace detail {

template <std::size_t I, class T> struct pack_leaf { T value; };
template <class Indices, class... T> struct pack_base;
template <std::size_t... I, class... T>
struct pack_base<std::index_sequence<I...>, T...> : pack_leaf<I, T>... {};

// Element I of a pack, found by deducing the base class, so no recursion is instantiated.
template <std::size_t I, class T> constexpr const T& pack_get(const pack_leaf<I, T>& leaf) {
    return leaf.value;
}
template <std::size_t I, class T> T pack_element_of(const pack_leaf<I, T>&);

} // namespace detail

/// A fixed list of constexpr values of any types: the storage of schemas and of a member's
/// rules. An aggregate rather than std::tuple, whose constructors cost more to compile than
/// the rest of a model header: every schema of every model is parsed by each TU.
template <class... T> struct pack : detail::pack_base<std::index_sequence_for<T...>, T...> {
    static constexpr std::size_t size = sizeof...(T);
};

namespace detail {

template <class Pack, std::size_t I>
using pack_element_t = decltype(pack_element_of<I>(std::declval<const Pack&>()));

} // namespace detail

/// The rules of one member, named by its member pointer: `field<&T::prompt>(rules...)`.
template <auto Member, class... Rules> struct field_rules { pack<Rules...> rules; };

/// Attaches rules to a member: `field<&ltx_create_request::prompt>(rules::required,
/// rules::length{1, 2000})`.
template <auto Member, class... Rules> constexpr field_rules<Member, Rules...> field(Rules... r) {
    return {{{{r}...}}};
}

/// Gathers field rules and struct-level rules into a schema. A type opts in by declaring,
/// in its own namespace, `constexpr auto ltx_schema(ltx::reflect::tag<T>)` returning one.
template <class... Items> constexpr pack<Items...> schema(Items... items) {
    return {{{items}...}};
}

namespace detail {

template <class T>
concept has_schema = requires {
    ltx_schema(tag<T>{});
};

template <class M> struct member_pointer_traits;
template <class C, class V> struct member_pointer_traits<V C::*> {
    using owner = C;
    using value = V;
};

template <class X> struct is_field_rules : std::false_type {};
template <auto M, class... R> struct is_field_rules<field_rules<M, R...>> : std::true_type {};

template <class A, class B> constexpr bool same_pointer(A, B) {
    return false;
}
template <class A> constexpr bool same_pointer(A a, A b) {
    return a == b;
}

template <auto A, auto B> constexpr bool same_member() {
    return same_pointer(A, B);
}

inline constexpr std::size_t no_member = static_cast<std::size_t>(-1);

// The index of member pointer M among the descriptors D, or no_member. A fold rather than a
// loop of generic lambdas: it runs for every rule of every schema, and the lambdas were a
// large part of the time spent compiling validate().
template <auto M, template <class...> class L, class... D>
consteval std::size_t member_index_in(L<D...>) {
    std::size_t i = 0;
    std::size_t found = no_member;
    ((found = found == no_member && same_pointer(D::pointer, M) ? i : found, ++i), ...);
    return found;
}

template <template <class...> class L, class... D> consteval auto member_names_in(L<D...>) {
    return std::array<std::string_view, sizeof...(D)>{std::string_view{D::name}...};
}

// A rule that names a member the description does not list would silently never run.
template <class T, auto Member> constexpr bool is_described_member() {
    return member_index_in<Member>(members_of<T>{}) != no_member;
}

template <class T, class X> constexpr bool item_belongs_to() {
    if constexpr (is_field_rules<X>::value)
        return []<auto M, class... R>(std::type_identity<field_rules<M, R...>>) {
            return std::is_same_v<typename member_pointer_traits<decltype(M)>::owner, T> &&
                   is_described_member<T, M>();
        }
    (std::type_identity<X>{});
    else return true;
}

} // namespace detail

/// The schema of `T`: what `ltx_schema(tag<T>)` returns, or an empty pack.
template <class T>
inline constexpr auto schema_of = [] {
    if constexpr (detail::has_schema<T>) {
        constexpr auto s = ltx_schema(tag<T>{});
        static_assert(
            []<class... Items>(std::type_identity<pack<Items...>>) {
                return (detail::item_belongs_to<T, Items>() && ... && true);
            }(std::type_identity<std::remove_cvref_t<decltype(s)>>{}),
            "ltx::reflect: a schema names a member that is not a described member of "
            "its type");
        return s;
    } else {
        return pack<>{};
    }
}();

/// The wire name of a described member: `member_name<&T::startAssetId>()`.
template <auto Member> constexpr std::string_view member_name() {
    using owner = typename detail::member_pointer_traits<decltype(Member)>::owner;
    constexpr auto i = detail::member_index_in<Member>(members_of<owner>{});
    if constexpr (i == detail::no_member)
        return {};
    else
        return detail::member_names_in(members_of<owner>{})[i];
}

namespace detail {

// Index of the first pack element satisfying Pred, or the pack size.
template <class Pack, class Pred> consteval std::size_t find_index(Pred pred) {
    return []<std::size_t... I>(Pred p, std::index_sequence<I...>) {
        std::size_t found = sizeof...(I);
        ((found == sizeof...(I) && p(std::type_identity<pack_element_t<Pack, I>>{}) ? (found = I)
                                                                                    : 0),
         ...);
        return found;
    }
    (pred, std::make_index_sequence<Pack::size>{});
}

template <class X> struct is_default : std::false_type {};
template <class V> struct is_default<rules::defaults_to<V>> : std::true_type {};

template <auto Member> struct rules_of_member {
    template <class X> constexpr bool operator()(std::type_identity<X>) const {
        if constexpr (is_field_rules<X>::value)
            return []<auto M, class... R>(std::type_identity<field_rules<M, R...>>) {
                return same_member<M, Member>();
            }
        (std::type_identity<X>{});
        else return false;
    }
};

struct default_rule {
    template <class X> constexpr bool operator()(std::type_identity<X>) const {
        return is_default<X>::value;
    }
};

} // namespace detail

/// The documented default of a member, from its `rules::defaults_to` in the schema;
/// refused at compile time when the schema gives none.
template <auto Member> constexpr auto default_of() {
    using owner = typename detail::member_pointer_traits<decltype(Member)>::owner;
    using schema_type = std::remove_cvref_t<decltype(schema_of<owner>)>;
    constexpr auto i = detail::find_index<schema_type>(detail::rules_of_member<Member>{});
    static_assert(i < schema_type::size, "ltx::reflect: this member has no rules");
    constexpr const auto& rules = detail::pack_get<i>(schema_of<owner>).rules;
    using rules_type = std::remove_cvref_t<decltype(rules)>;
    constexpr auto j = detail::find_index<rules_type>(detail::default_rule{});
    static_assert(j < rules_type::size,
                  "ltx::reflect: this member has no rules::defaults_to in its schema");
    return detail::pack_get<j>(rules).value;
}

namespace detail {

/// Whether the schema gives `Member` a `rules::defaults_to`.
template <auto Member> consteval bool has_default() {
    using owner = typename member_pointer_traits<decltype(Member)>::owner;
    using schema_type = std::remove_cvref_t<decltype(schema_of<owner>)>;
    constexpr auto i = find_index<schema_type>(rules_of_member<Member>{});
    if constexpr (i == schema_type::size) {
        return false;
    } else {
        using rules_type = std::remove_cvref_t<decltype(pack_get<i>(schema_of<owner>).rules)>;
        return find_index<rules_type>(default_rule{}) < rules_type::size;
    }
}

} // namespace detail

} // namespace ltx::reflect

#endif
