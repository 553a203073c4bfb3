// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The members of a described struct as constexpr data, read at run time by non-template code.
//
// Each struct has one table, `field_table<T>`, built at compile time: per member its wire
// name, its JSON key, how to read its value and whether it may be absent. A struct is handled
// by one small template that takes the address of each member (null for an absent optional);
// the rest is a loop over the table, compiled once per TU whatever the models.
#ifndef LTX_REFLECT_DETAIL_FIELDS_HPP
#define LTX_REFLECT_DETAIL_FIELDS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace ltx::reflect::detail {

/// How the engine reads a member's value (an optional's, once unwrapped): a string, a
/// boolean, an integer or floating-point number of a given width (enums are read as their
/// underlying integer), or `composite`, which goes through a function of its own type.
enum class leaf : std::uint8_t {
    composite,
    string,
    boolean,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    f_long,
};

template <class I> consteval leaf integer_leaf() {
    static_assert(sizeof(I) <= 8, "ltx::reflect: integers wider than 64 bits are not supported");
    constexpr bool s = std::is_signed_v<I>;
    if constexpr (sizeof(I) == 1)
        return s ? leaf::i8 : leaf::u8;
    else if constexpr (sizeof(I) == 2)
        return s ? leaf::i16 : leaf::u16;
    else if constexpr (sizeof(I) == 4)
        return s ? leaf::i32 : leaf::u32;
    else
        return s ? leaf::i64 : leaf::u64;
}

template <class X> consteval leaf leaf_of() {
    constexpr auto kind = kind_of<X>;
    if constexpr (kind == type_kind::string)
        return leaf::string;
    else if constexpr (kind == type_kind::boolean)
        return leaf::boolean;
    else if constexpr (kind == type_kind::integer)
        return integer_leaf<X>();
    else if constexpr (kind == type_kind::described_enum)
        return integer_leaf<std::underlying_type_t<X>>();
    else if constexpr (std::is_same_v<X, float>)
        return leaf::f32;
    else if constexpr (std::is_same_v<X, double>)
        return leaf::f64;
    else if constexpr (kind == type_kind::floating)
        return leaf::f_long;
    else
        return leaf::composite;
}

constexpr bool is_signed_leaf(leaf k) noexcept {
    return k == leaf::i8 || k == leaf::i16 || k == leaf::i32 || k == leaf::i64;
}
constexpr bool is_unsigned_leaf(leaf k) noexcept {
    return k == leaf::u8 || k == leaf::u16 || k == leaf::u32 || k == leaf::u64;
}

/// The value of a signed integer leaf at `p`, widened.
LTX_DECL long long read_signed(leaf k, const void* p) noexcept;
/// The value of an unsigned integer leaf at `p`, widened.
LTX_DECL unsigned long long read_unsigned(leaf k, const void* p) noexcept;
/// The value of a floating-point leaf at `p`, as a double.
LTX_DECL double read_floating(leaf k, const void* p) noexcept;
/// The wire-table key of an enum read as the integer leaf `k` (as wire_key computes it).
LTX_DECL std::uint64_t read_wire_key(leaf k, const void* p) noexcept;

// Member names are C++ identifiers, so `"name":` needs no escaping and is built at compile
// time: the keys of all the members of a struct in one block (`"a":"bb":`), which costs less
// to compile than a constant per member. A plain array rather than std::array: nothing of it
// is compiled into code.
template <std::size_t N> struct key_text { char data[N]; };

template <std::size_t N, std::size_t M>
consteval key_text<N> make_key_text(const std::string_view (&names)[M]) {
    key_text<N> out{};
    std::size_t k = 0;
    for (std::size_t i = 0; i + 1 < M; ++i) { // the last name is the array's terminator
        out.data[k++] = '"';
        for (const char c : names[i])
            out.data[k++] = c;
        out.data[k++] = '"';
        out.data[k++] = ':';
    }
    return out;
}

template <class List> struct key_block;
template <template <class...> class L, class... D> struct key_block<L<D...>> {
    static constexpr std::string_view names[] = {D::name..., {}};
    static constexpr std::size_t size = ((std::string_view{D::name}.size() + 3) + ... + 0);
    static constexpr key_text<size == 0 ? 1 : size> text = make_key_text < size == 0
                                                               ? 1
                                                               : size > (names);
};

/// One member of a described struct.
struct field_row {
    std::string_view name; ///< the wire name
    std::string_view key;  ///< `"name":`
    leaf kind;             ///< how to read the (unwrapped) value
    bool optional;         ///< an optional: absent when its address is null
    const wire_row* wire;  ///< an enum's wire names (kind is its underlying integer), or null
    std::size_t wire_size;
};

// The member's type, and the type of its value once an optional is unwrapped.
template <class T, class D>
using member_value_t = std::remove_cvref_t<decltype(std::declval<const T&>().*D::pointer)>;

template <class V> struct unwrap { using type = V; };
template <class V>
requires(kind_of<V> == type_kind::optional) struct unwrap<V> {
    using type = typename V::value_type;
};
template <class V> using unwrap_t = typename unwrap<V>::type;

template <class X>
constexpr field_row value_row(std::string_view name, std::string_view key, bool optional) {
    field_row row{name, key, leaf_of<X>(), optional, nullptr, 0};
    if constexpr (kind_of<X> == type_kind::described_enum) {
        row.wire = wire_rows<X>.rows;
        row.wire_size = wire_rows<X>.size;
    }
    return row;
}

template <std::size_t N> struct field_rows_t {
    static constexpr std::size_t size = N;
    field_row rows[N == 0 ? 1 : N];
};

template <class T, template <class...> class L, class... D>
consteval auto make_field_table(L<D...>) {
    field_rows_t<sizeof...(D)> table{{value_row<unwrap_t<member_value_t<T, D>>>(
        D::name, {}, kind_of<member_value_t<T, D>> == type_kind::optional)...}};
    const char* keys = key_block<L<D...>>::text.data;
    std::size_t at = 0;
    for (std::size_t i = 0; i < sizeof...(D); ++i) {
        const std::size_t size = table.rows[i].name.size() + 3;
        table.rows[i].key = std::string_view{keys + at, size};
        at += size;
    }
    (void)keys; // unused for a struct without members
    (void)at;
    return table;
}

/// The table of the members of `T`, in declaration order.
template <class T> inline constexpr auto field_table = make_field_table<T>(members_of<T>{});

/// The address of a member's value, or null for an absent optional: the one function per
/// member type that handling a struct compiles.
struct optional_access {
    template <class V> static const void* value_address(const V& v) noexcept {
        if constexpr (kind_of<V> == type_kind::optional)
            return v ? static_cast<const void*>(&*v) : nullptr;
        else
            return &v;
    }
};

template <class T, std::size_t... I>
void member_addresses(const T& obj, const void** out, std::index_sequence<I...>) noexcept {
    ((out[I] =
          optional_access::value_address(obj.*boost::mp11::mp_at_c<members_of<T>, I>::pointer)),
     ...);
    out[sizeof...(I)] = nullptr;
}

/// The addresses of the members of `obj` (see optional_access), into out[0, members), and null
/// into out[members], so that the array callers size `members + 1` is written whole even for a
/// struct without members: the one function per struct that validating or writing it compiles.
template <class T> void member_addresses(const T& obj, const void** out) noexcept {
    member_addresses(obj, out, std::make_index_sequence<field_table<T>.size>{});
}

} // namespace ltx::reflect::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/reflect/impl/fields.ipp>
#endif

#endif
