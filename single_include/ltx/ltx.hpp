// ltx: the single-header form of include/ltx/ltx.hpp and include/ltx/client.hpp.
// GENERATED FILE, DO NOT EDIT. Regenerate with `python3 tools/amalgamate.py`;
// CI fails when it is stale (`python3 tools/amalgamate.py --check`).
// ---- begin ltx/ltx.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx: a C++20 client for the LTX Studio video API v1. This header is the core: the models
// of every endpoint, the reflection engine that validates and encodes them, and the endpoint
// traits: all a program needs to build, check and serialise requests and decode responses.
// The client over any transport is <ltx/client.hpp>; over Asio, <ltx/asio.hpp> (which
// includes the client). The single header single_include/ltx/ltx.hpp holds both this core and
// the client. It includes no
// Asio and no OpenSSL; networking over Asio is opt-in through <ltx/asio.hpp>.
#ifndef LTX_LTX_HPP
#define LTX_LTX_HPP

// ---- begin ltx/detail/config.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// First header of every ltx header: the project-wide macros.
#ifndef LTX_DETAIL_CONFIG_HPP
#define LTX_DETAIL_CONFIG_HPP

#if __cplusplus < 202002L && (!defined(_MSVC_LANG) || _MSVC_LANG < 202002L)
#error "ltx requires C++20"
#endif

// Non-template functions are declared with LTX_DECL and defined in impl/*.ipp files, which
// a header includes while LTX_HEADER_ONLY is defined. By default LTX_DECL is `inline` and
// LTX_HEADER_ONLY is defined, so the library is header-only. Defining LTX_SEPARATE_COMPILATION
// (in every translation unit) makes LTX_DECL empty and leaves the .ipp files out: they are then
// compiled once, in the one .cpp file that includes <ltx/src.hpp> (or <ltx/asio/src.hpp>).
#ifndef LTX_DECL
#ifdef LTX_SEPARATE_COMPILATION
#define LTX_DECL
#else
#define LTX_DECL inline
#define LTX_HEADER_ONLY 1
#endif
#endif

#endif
// ---- end ltx/detail/config.hpp ----
// ---- begin ltx/reflect.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The reflection engine: validation, JSON output and input, multipart and query encoding of
// any Boost.Describe'd aggregate. It knows nothing of the LTX API.
#ifndef LTX_REFLECT_HPP
#define LTX_REFLECT_HPP

// ---- begin ltx/reflect/classify.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_CLASSIFY_HPP
#define LTX_REFLECT_CLASSIFY_HPP


#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace ltx::reflect {

/// The one classification of C++ types that every encoder of the engine dispatches on.
/// Validation, JSON output, JSON input, multipart and query encoding all switch on
/// `kind_of<T>`, so they cannot disagree about what a type is.
enum class type_kind {
    described_struct, ///< an aggregate described with BOOST_DESCRIBE_STRUCT
    described_enum,   ///< an enum described with BOOST_DESCRIBE_ENUM (wire names: enum.hpp)
    optional,         ///< std::optional<T>: may be absent
    sequence,         ///< std::vector<T>: a JSON array
    map,              ///< std::map<std::string, T>: a JSON object with free keys
    string,           ///< std::string
    integer,          ///< any integral type except bool
    floating,         ///< float or double
    boolean,          ///< bool
    empty,            ///< std::monostate: no value (the answer of a call that returns no body)
    unsupported,      ///< anything else; refused at compile time with a readable message
};

/// Tag type naming a type without constructing it (used for ADL customisation points).
template <class T> struct tag {};

namespace detail {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T> struct is_string_map : std::false_type {};
template <class T, class C, class A>
struct is_string_map<std::map<std::string, T, C, A>> : std::true_type {};

template <class T> consteval type_kind classify() {
    if constexpr (std::is_same_v<T, bool>)
        return type_kind::boolean;
    else if constexpr (std::is_same_v<T, std::string>)
        return type_kind::string;
    else if constexpr (std::is_integral_v<T>)
        return type_kind::integer;
    else if constexpr (std::is_floating_point_v<T>)
        return type_kind::floating;
    else if constexpr (std::is_same_v<T, std::monostate>)
        return type_kind::empty;
    else if constexpr (is_optional<T>::value)
        return type_kind::optional;
    else if constexpr (is_vector<T>::value)
        return type_kind::sequence;
    else if constexpr (is_string_map<T>::value)
        return type_kind::map;
    else if constexpr (std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value)
        return type_kind::described_enum;
    else if constexpr (std::is_class_v<T> && boost::describe::has_describe_members<T>::value)
        return type_kind::described_struct;
    else
        return type_kind::unsupported;
}

} // namespace detail

/// The classification of `T` (cv-qualifiers and references ignored).
template <class T> inline constexpr type_kind kind_of = detail::classify<std::remove_cvref_t<T>>();

/// True when the engine knows how to handle `T`, recursively for its members.
template <class T> inline constexpr bool is_reflectable_v = kind_of<T> != type_kind::unsupported;

/// The public data members of a described struct, as a Boost.Describe descriptor list.
template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public>;

/// Refuses a type the engine cannot handle, with a message that says what to do.
/// Every entry point of the engine calls this first, so the error is one line, not a
/// template backtrace through the encoders.
template <class T> consteval void require_reflectable() {
    static_assert(kind_of<T> != type_kind::unsupported,
                  "ltx::reflect: this type is not described. Structs need "
                  "BOOST_DESCRIBE_STRUCT(T, (), (members...)), enums need "
                  "BOOST_DESCRIBE_ENUM(E, values...); supported leaves are std::string, bool, "
                  "integers, floating point, std::optional, std::vector, "
                  "std::map<std::string, T> and std::monostate.");
}

/// Calls `f(descriptor)` for each public member of the described struct `T`.
template <class T, class F> constexpr void for_each_member(F&& f) {
    boost::mp11::mp_for_each<members_of<T>>(f);
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/classify.hpp ----
// ---- begin ltx/reflect/enum.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_ENUM_HPP
#define LTX_REFLECT_ENUM_HPP


#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace ltx::reflect {

/// One row of an enum's wire-name table.
template <class E> struct enum_entry {
    E value;
    std::string_view name;
};

/// Builds a wire-name table: `enum_names<model>({{model::ltxv, "ltxv"}, ...})`.
template <class E, std::size_t N>
constexpr std::array<enum_entry<E>, N> enum_names(const enum_entry<E> (&rows)[N]) {
    std::array<enum_entry<E>, N> out{};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = rows[i];
    return out;
}

namespace detail {

template <class E>
concept has_wire_table = requires {
    ltx_wire_names(tag<E>{});
};

template <class E, template <class...> class L, class... D>
constexpr auto described_table(L<D...>) {
    return std::array<enum_entry<E>, sizeof...(D)>{enum_entry<E>{D::value, D::name}...};
}

template <class E> constexpr auto make_table() {
    if constexpr (has_wire_table<E>)
        return ltx_wire_names(tag<E>{});
    else
        return described_table<E>(boost::describe::describe_enumerators<E>{});
}

// The table must name each described enumerator exactly once, and no name twice; otherwise
// the engine could encode a value it cannot decode, or the reverse.
template <class E, class Table> constexpr std::size_t rows_holding(const Table& t, E value) {
    std::size_t hits = 0;
    for (const auto& row : t)
        hits += row.value == value ? 1 : 0;
    return hits;
}

// A fold over the enumerators rather than mp_for_each with a lambda, which instantiates a
// call operator per enumerator.
template <class E, class Table, template <class...> class L, class... D>
consteval bool table_is_complete(const Table& t, L<D...>) {
    bool ok = t.size() == sizeof...(D) && ((rows_holding<E>(t, D::value) == 1) && ...);
    for (std::size_t i = 0; i < t.size(); ++i)
        for (std::size_t j = i + 1; j < t.size(); ++j)
            ok = ok && t[i].name != t[j].name;
    return ok;
}

} // namespace detail

/// The wire names of enum `E`: its ADL customisation `ltx_wire_names(ltx::reflect::tag<E>)`
/// when one exists, else the identifiers Boost.Describe stringises.
/// Checked at compile time to cover each enumerator exactly once.
template <class E>
inline constexpr auto wire_table = [] {
    static_assert(kind_of<E> == type_kind::described_enum,
                  "ltx::reflect: enums need BOOST_DESCRIBE_ENUM(E, values...)");
    constexpr auto table = detail::make_table<E>();
    static_assert(detail::table_is_complete<E>(table, boost::describe::describe_enumerators<E>{}),
                  "ltx::reflect: the wire-name table must list every enumerator exactly once, "
                  "with distinct names");
    return table;
}();

/// The wire name of `value`, or nullopt for a value outside the enumeration
/// (for example a cast from an out-of-range integer).
template <class E> constexpr std::optional<std::string_view> to_wire(E value) noexcept {
    for (const auto& row : wire_table<E>)
        if (row.value == value)
            return row.name;
    return std::nullopt;
}

/// The enumerator whose wire name is `name`, or nullopt.
template <class E> constexpr std::optional<E> from_wire(std::string_view name) noexcept {
    for (const auto& row : wire_table<E>)
        if (row.name == name)
            return row.value;
    return std::nullopt;
}

namespace detail {

// The wire table as the engine reads it at run time: the values as integers, in a plain array,
// searched by non-template functions. Encoding, validation and decoding then compile no
// lookup per enum type.
struct wire_row {
    std::uint64_t value;
    std::string_view name;
};

template <std::size_t N> struct wire_rows_t {
    static constexpr std::size_t size = N;
    wire_row rows[N == 0 ? 1 : N];
};

template <class E> constexpr std::uint64_t wire_key(E value) noexcept {
    return static_cast<std::uint64_t>(static_cast<std::underlying_type_t<E>>(value));
}

template <class E>
inline constexpr auto wire_rows = [] {
    wire_rows_t<wire_table<E>.size()> out{};
    for (std::size_t i = 0; i < wire_table<E>.size(); ++i)
        out.rows[i] = {wire_key(wire_table<E>[i].value), wire_table<E>[i].name};
    return out;
}();

/// The name of the row holding `value`, or null.
LTX_DECL const std::string_view* find_wire_name(const wire_row* rows, std::size_t n,
                                                std::uint64_t value) noexcept;
/// The row named `name`, or null.
LTX_DECL const wire_row* find_wire_value(const wire_row* rows, std::size_t n,
                                         std::string_view name) noexcept;
/// `'a', 'b'`: the names, quoted and joined for messages.
LTX_DECL std::string join_wire_names(const wire_row* rows, std::size_t n);
/// As join_wire_names, appended to `out`.
LTX_DECL void append_wire_names(std::string& out, const wire_row* rows, std::size_t n);

/// The name of the row holding `value`; throws `enum_value_error` when no row holds it. The
/// one rule of every encoder (JSON, form, query, multipart) for such a value.
LTX_DECL std::string_view wire_name_or_throw(const wire_row* rows, std::size_t n,
                                             std::uint64_t value);

} // namespace detail

/// Thrown by the encoders (JSON, form, query, multipart) for an enum value that has no wire
/// name, such as a cast from an out-of-range integer: no encoder writes `null` or leaves the
/// member out in its place. Validation reports such a value as a violation (rule `enum`)
/// before anything is encoded, so the client, which validates first, never throws this.
class enum_value_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// The allowed wire names of `E`, joined for messages: `'ltxv', 'ltxv-turbo'`.
template <class E> std::string allowed_names() {
    return detail::join_wire_names(detail::wire_rows<E>.rows, detail::wire_rows<E>.size);
}

} // namespace ltx::reflect

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/reflect/impl/enum.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_ENUM_IPP
#define LTX_REFLECT_IMPL_ENUM_IPP


namespace ltx::reflect::detail {

LTX_DECL const std::string_view* find_wire_name(const wire_row* rows, std::size_t n,
                                                std::uint64_t value) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (rows[i].value == value)
            return &rows[i].name;
    return nullptr;
}

LTX_DECL std::string_view wire_name_or_throw(const wire_row* rows, std::size_t n,
                                             std::uint64_t value) {
    if (const auto* name = find_wire_name(rows, n, value))
        return *name;
    throw enum_value_error{"ltx::reflect: an enum value outside " + join_wire_names(rows, n) +
                           " has no wire name"};
}

LTX_DECL const wire_row* find_wire_value(const wire_row* rows, std::size_t n,
                                         std::string_view name) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (rows[i].name == name)
            return &rows[i];
    return nullptr;
}

LTX_DECL void append_wire_names(std::string& out, const wire_row* rows, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        if (i)
            out.append(", ", 2);
        out.append("'", 1);
        out.append(rows[i].name.data(), rows[i].name.size());
        out.append("'", 1);
    }
}

LTX_DECL std::string join_wire_names(const wire_row* rows, std::size_t n) {
    std::string out;
    append_wire_names(out, rows, n);
    return out;
}

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/impl/enum.ipp ----
#endif

#endif
// ---- end ltx/reflect/enum.hpp ----
// ---- begin ltx/reflect/form.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_FORM_HPP
#define LTX_REFLECT_FORM_HPP

// ---- begin ltx/reflect/detail/fields.hpp ----
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
// ---- begin ltx/reflect/impl/fields.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_FIELDS_IPP
#define LTX_REFLECT_IMPL_FIELDS_IPP


namespace ltx::reflect::detail {

// By memcpy: the member is an int, a long, a char or an enum of that width, not necessarily
// the fixed-width type named here.
LTX_DECL long long read_signed(leaf k, const void* p) noexcept {
    if (k == leaf::i8) {
        std::int8_t v;
        std::memcpy(&v, p, 1);
        return v;
    }
    if (k == leaf::i16) {
        std::int16_t v;
        std::memcpy(&v, p, 2);
        return v;
    }
    if (k == leaf::i32) {
        std::int32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    std::int64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

LTX_DECL unsigned long long read_unsigned(leaf k, const void* p) noexcept {
    if (k == leaf::u8) {
        std::uint8_t v;
        std::memcpy(&v, p, 1);
        return v;
    }
    if (k == leaf::u16) {
        std::uint16_t v;
        std::memcpy(&v, p, 2);
        return v;
    }
    if (k == leaf::u32) {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

LTX_DECL double read_floating(leaf k, const void* p) noexcept {
    switch (k) {
    case leaf::f32:
        return static_cast<double>(*static_cast<const float*>(p));
    case leaf::f64:
        return *static_cast<const double*>(p);
    default:
        return static_cast<double>(*static_cast<const long double*>(p));
    }
}

LTX_DECL std::uint64_t read_wire_key(leaf k, const void* p) noexcept {
    // As wire_key: the underlying value converted to 64 bits, so negative enumerators are
    // sign-extended on both sides.
    if (is_signed_leaf(k))
        return static_cast<std::uint64_t>(read_signed(k, p));
    return static_cast<std::uint64_t>(read_unsigned(k, p));
}

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/impl/fields.ipp ----
#endif

#endif
// ---- end ltx/reflect/detail/fields.hpp ----
// ---- begin ltx/reflect/detail/text.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_TEXT_HPP
#define LTX_REFLECT_DETAIL_TEXT_HPP


#include <cstddef>
#include <string>
#include <string_view>

namespace ltx::detail {

/// False when `s` is not valid UTF-8 (truncated or overlong sequences, surrogates, code
/// points above U+10FFFF), else the number of Unicode code points in `count`. No
/// std::optional: a function returning one instantiates it in every TU that includes this.
LTX_DECL bool utf8_count(std::string_view s, std::size_t& count) noexcept;

/// `local@domain` with a dot-atom local part and a domain of at least two DNS labels.
LTX_DECL bool is_email(std::string_view s) noexcept;

/// `type/subtype` made of RFC 9110 tokens, optionally followed by `; parameters`.
LTX_DECL bool is_mime_type(std::string_view s) noexcept;

/// |v| in unsigned arithmetic, so that the most negative value does not overflow; the sign is
/// `v < 0`. What format_decimal takes for a signed value.
constexpr unsigned long long magnitude(long long v) noexcept {
    return v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
}

/// Writes the decimal digits of `v`, with a minus sign first when `negative`, so that they
/// end at `end`, and returns where they start; 21 chars always suffice. By hand rather than
/// std::to_chars, which is several function templates more to compile in each TU that
/// validates or encodes. Tested against std::to_chars (tests/reflect/text.cpp).
LTX_DECL char* format_decimal(char* end, unsigned long long v, bool negative = false) noexcept;

/// Appends `s` percent-encoded: RFC 3986 unreserved characters are kept, every other
/// byte becomes `%XX` (upper-case hex). Safe for a path segment and for a query value.
LTX_DECL void percent_encode(std::string_view s, std::string& out);

/// The length of `s` percent-encoded as `percent_encode` writes it.
LTX_DECL std::size_t percent_encoded_size(std::string_view s) noexcept;

} // namespace ltx::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/reflect/impl/text.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_TEXT_IPP
#define LTX_REFLECT_IMPL_TEXT_IPP

// ---- begin ltx/detail/ascii.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The ASCII character classes, case folding and hex digits of the whole library. Protocol
// text (HTTP field names, URL schemes and hosts, MIME types) is ASCII and case-insensitive
// in ASCII only, so none of this consults the C locale as <cctype> does. Percent-encoding
// is ltx/http/percent_encoding.hpp, built on these.
#ifndef LTX_DETAIL_ASCII_HPP
#define LTX_DETAIL_ASCII_HPP


#include <cstddef>
#include <string>
#include <string_view>

namespace ltx::detail {

constexpr bool is_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}
constexpr bool is_lower(char c) noexcept {
    return c >= 'a' && c <= 'z';
}
constexpr bool is_alpha(char c) noexcept {
    return is_upper(c) || is_lower(c);
}
constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
constexpr bool is_alnum(char c) noexcept {
    return is_alpha(c) || is_digit(c);
}

/// An RFC 9110 `tchar`, a character of a token (field names, methods, MIME types).
constexpr bool is_tchar(char c) noexcept {
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return is_alnum(c);
    }
}

/// An RFC 3986 unreserved character: `A-Z a-z 0-9 - . _ ~`.
constexpr bool is_unreserved(char c) noexcept {
    return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/// `Class(c)` for every byte `c`, as a table: one load per character in the loops that scan
/// every byte of a URL or a percent-encoded value, where the tests of a class are branches.
template <bool (*Class)(char) noexcept> struct byte_class {
    static constexpr auto table = [] {
        struct bits {
            bool of[256];
        } t{};
        for (int b = 0; b < 256; ++b)
            t.of[b] = Class(static_cast<char>(b));
        return t;
    }();
    static constexpr bool test(char c) noexcept { return table.of[static_cast<unsigned char>(c)]; }
};

/// `c` with `A`-`Z` mapped to `a`-`z`; every other byte unchanged.
constexpr char to_lower(char c) noexcept {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `s` with `A`-`Z` mapped to `a`-`z`.
inline std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = to_lower(c);
    return out;
}

/// True when `a` and `b` are equal once `A`-`Z` are folded to `a`-`z`.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i]))
            return false;
    return true;
}

/// The value of the hex digit `c` (`0`-`9`, `a`-`f`, `A`-`F`), or -1.
constexpr int hex_value(char c) noexcept {
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
constexpr bool is_hex_digit(char c) noexcept {
    return hex_value(c) >= 0;
}

/// The hex digit of `v & 0xF`, upper case (`A`-`F`, as percent-encoding writes them).
constexpr char hex_digit_upper(unsigned v) noexcept {
    return "0123456789ABCDEF"[v & 0xFu];
}
/// The hex digit of `v & 0xF`, lower case.
constexpr char hex_digit_lower(unsigned v) noexcept {
    return "0123456789abcdef"[v & 0xFu];
}

} // namespace ltx::detail

#endif
// ---- end ltx/detail/ascii.hpp ----

#include <cstddef>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ltx::detail {

namespace chars {
using ltx::detail::is_alnum;
// A loop over the set rather than std::string_view::find: every std:: member function these
// checks call is compiled into each TU that validates.
constexpr bool in_set(const char* set, char c) noexcept {
    for (; *set; ++set)
        if (*set == c)
            return true;
    return false;
}
using ltx::detail::is_tchar;
constexpr bool is_atext(char c) noexcept {
    return is_alnum(c) || in_set("!#$%&'*+-/=?^_`{|}~", c);
}
// The last `c` in [b, e), or e.
constexpr const char* find_last(const char* b, const char* e, char c) noexcept {
    for (const char* p = e; p != b; --p)
        if (p[-1] == c)
            return p - 1;
    return e;
}
// The first `c` in [b, e), or e.
constexpr const char* find_first(const char* b, const char* e, char c) noexcept {
    while (b != e && *b != c)
        ++b;
    return b;
}
} // namespace chars

// Whether the eight (sixteen) bytes at `p` are all ASCII.
inline bool all_ascii8(const unsigned char* p) noexcept {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return (word & 0x8080808080808080u) == 0;
}
#ifdef __SSE2__
inline bool all_ascii16(const unsigned char* p) noexcept {
    return _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) == 0;
}
#endif

LTX_DECL bool utf8_count(std::string_view s, std::size_t& count) noexcept {
    const auto* const begin = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = begin + s.size();
    const auto* p = begin;
    // The count is the size less the continuation bytes of the multi-byte characters.
    std::size_t continuations = 0;
    while (p < end) {
        // Validation scans every string of every request: take ASCII sixteen bytes at a time
        // where SSE2 is there (every x86-64), then eight. Once fewer remain, the last sixteen
        // (or eight) bytes of the string, read at once, end the scan when they are ASCII: they
        // hold every byte left, and p is at a character's start.
#ifdef __SSE2__
        while (end - p >= 16 && all_ascii16(p))
            p += 16;
        if (end - p < 16 && end - begin >= 16 && all_ascii16(end - 16))
            break;
#endif
        while (end - p >= 8 && all_ascii8(p))
            p += 8;
        if (end - p < 8 && end - begin >= 8 && all_ascii8(end - 8))
            break;
        if (p == end)
            break;
        const unsigned char b = *p;
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++p;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
            cp = b & 0x1Fu;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
            cp = b & 0x0Fu;
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
            cp = b & 0x07u;
        } else {
            return false; // continuation byte, 0xC0/0xC1 (always overlong) or > 0xF4
        }
        if (static_cast<std::size_t>(end - p) <= extra)
            return false; // truncated
        for (std::size_t i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0u) != 0x80u)
                return false;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        // Overlong forms encode a code point in more bytes than needed.
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000))
            return false;
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        p += extra + 1;
        continuations += extra;
    }
    count = s.size() - continuations;
    return true;
}

LTX_DECL bool is_email(std::string_view text) noexcept {
    if (text.size() > 254)
        return false;
    const char* const b = text.data();
    const char* const e = b + text.size();
    const char* const at = chars::find_last(b, e, '@');
    if (at == e || at == b || at - b > 64)
        return false;
    // The local part: a dot-atom, so no dot first, last or twice in a row.
    if (*b == '.' || at[-1] == '.')
        return false;
    for (const char* p = b; p != at; ++p)
        if (*p == '.' ? p[1] == '.' : !chars::is_atext(*p))
            return false;
    // The domain: two labels or more, each 1 to 63 letters, digits and inner hyphens.
    std::size_t labels = 0;
    for (const char* label = at + 1;;) {
        const char* const end = chars::find_first(label, e, '.');
        if (end == label || end - label > 63 || *label == '-' || end[-1] == '-')
            return false;
        for (const char* p = label; p != end; ++p)
            if (!(chars::is_alnum(*p) || *p == '-'))
                return false;
        ++labels;
        if (end == e)
            break;
        label = end + 1;
    }
    return labels >= 2;
}

LTX_DECL bool is_mime_type(std::string_view text) noexcept {
    const char* const b = text.data();
    const char* const e = b + text.size();
    const char* const params = chars::find_first(b, e, ';');
    const char* const slash = chars::find_first(b, params, '/');
    if (slash == params || slash == b || slash + 1 == params)
        return false;
    for (const char* p = b; p != params; ++p)
        if (p != slash && !chars::is_tchar(*p))
            return false;
    for (const char* p = params; p != e; ++p)
        if (static_cast<unsigned char>(*p) < 0x20 || *p == 0x7F)
            return false;
    return true;
}

LTX_DECL char* format_decimal(char* end, unsigned long long v, bool negative) noexcept {
    // Two digits at a time: the pair for n is at 2 n.
    static constexpr char pairs[] = "0001020304050607080910111213141516171819"
                                    "2021222324252627282930313233343536373839"
                                    "4041424344454647484950515253545556575859"
                                    "6061626364656667686970717273747576777879"
                                    "8081828384858687888990919293949596979899";
    while (v >= 100) {
        end -= 2;
        std::memcpy(end, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        end -= 2;
        std::memcpy(end, pairs + 2 * v, 2);
    } else {
        *--end = static_cast<char>('0' + v);
    }
    if (negative)
        *--end = '-';
    return end;
}

LTX_DECL std::size_t percent_encoded_size(std::string_view s) noexcept {
    using unreserved = byte_class<is_unreserved>;
    std::size_t size = s.size();
    for (char c : s)
        size += unreserved::test(c) ? 0 : 2;
    return size;
}

LTX_DECL void percent_encode(std::string_view s, std::string& out) {
    // Sized first, so that the output grows once, not once per doubling.
    using unreserved = byte_class<is_unreserved>;
    const std::size_t at = out.size();
    out.resize(at + percent_encoded_size(s));
    char* p = out.data() + at;
    for (char c : s) {
        if (unreserved::test(c)) {
            *p++ = c;
        } else {
            const auto b = static_cast<unsigned char>(c);
            *p++ = '%';
            *p++ = hex_digit_upper(b >> 4);
            *p++ = hex_digit_upper(b);
        }
    }
}

} // namespace ltx::detail

#endif
// ---- end ltx/reflect/impl/text.ipp ----
#endif

#endif
// ---- end ltx/reflect/detail/text.hpp ----
// ---- begin ltx/reflect/json_read.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_READ_HPP
#define LTX_REFLECT_JSON_READ_HPP

// ---- begin ltx/reflect/json_error.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_ERROR_HPP
#define LTX_REFLECT_JSON_ERROR_HPP


#include <stdexcept>
#include <string>
#include <utility>

namespace ltx::reflect {

/// Why a JSON text did not decode into a type.
///
/// `path` names the offending value the way validation paths do (`violation.hpp`):
/// `status.artifact.asset.fileId`, `items[2]`, `named[""]` for an empty map key, and the empty
/// string for the document itself (a syntax error, a document of the wrong type). `message`
/// says what was wrong: `missing required field`, `expected a string`, `integer out of range`,
/// `unknown value, expected one of ...`, `repeated key`, or `invalid JSON: ...` with the
/// parser's reason. Neither ever quotes the offending value, which may be a secret.
struct json_error {
    /// Where: the path of the offending value, empty for the document itself.
    std::string path;
    /// What was wrong, in words that never quote the value.
    std::string message;
};

/// Thrown by `from_json` when a text does not decode. `what()` reads `path: message`, or the
/// message alone for an error at the document itself.
///
/// @code
/// try {
///     auto job = ltx::reflect::from_json<ltx::job>(body);
/// } catch (const ltx::reflect::json_decode_error& e) {
///     std::cerr << e.error().path << ": " << e.error().message << '\n';
/// }
/// @endcode
class json_decode_error : public std::runtime_error {
public:
    /// Takes the error that `read_json` reported.
    explicit json_decode_error(json_error e)
        : std::runtime_error(e.path.empty() ? e.message : e.path + ": " + e.message),
          error_(std::move(e)) {}

    /// The path and message, as `read_json` reported them.
    const json_error& error() const noexcept { return error_; }

private:
    json_error error_;
};

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/json_error.hpp ----

#include <boost/json/value.hpp>

#include <string_view>

namespace ltx::reflect {

/// Decodes the JSON `text` into `out`, a reflectable type (`classify.hpp`).
///
/// This is the engine's one JSON decoder. It streams: Boost.JSON's `basic_parser` hands its
/// events straight to the members of `out`, with no document in between, so a decode
/// allocates only for the strings, vectors and maps of the result (and for the error).
///
/// It is tolerant where the wire may grow and strict where a value would be misread:
/// - unknown members are skipped, at any depth;
/// - an optional member that is absent or `null` is left empty (reset, if it held a value);
/// - an integer member accepts a whole number written as a double (`100.0`);
/// - a `std::monostate` (kind `empty`) holds nothing: it decodes from an empty text (the body
///   of a `204 No Content`) and from any JSON value, which is skipped as an unknown member is;
/// - a missing required member, a value of the wrong type, an integer out of the member's
///   range, an enum name outside its wire names, or a key repeated in one object (RFC 8259
///   leaves its meaning open, so it is refused rather than guessed) fail the decode.
///
/// When several values are wrong, the error reported is the first in the order of the
/// type: members in declaration order, elements in index order, map entries in the order of
/// their keys' first appearance; a syntax error anywhere wins over them all. The parser's
/// limits apply: 32 levels of nesting, and the sizes of `boost::json::object` and `array`.
///
/// @param text the whole document; trailing data after it is an error.
/// @param out  the value to fill; every member is written or reset, whatever it held before.
///             After a failure it holds a partial result and should not be used.
/// @param err  set on failure: the path of the offending value and what was wrong.
/// @return true when `text` decoded into `out`.
///
/// @code
/// ltx::job j;
/// ltx::reflect::json_error err;
/// if (!ltx::reflect::read_json(body, j, err))
///     std::cerr << err.path << ": " << err.message << '\n'; // "status.type: unknown value, ..."
/// @endcode
template <class T> bool read_json(std::string_view text, T& out, json_error& err);

/// Decodes a JSON document that is already parsed, as `read_json` decodes its text.
///
/// The document's values are fed to the same decoder in document order, so the rules, the
/// errors and their paths are those of `read_json`, with two differences that come from the
/// document itself: a `boost::json::object` holds each key once, so no key is ever repeated,
/// and a document deeper than 32 levels fails as the parser would (`invalid JSON: ...`).
///
/// @param jv  the document; read, never modified.
/// @param out the value to fill, as for `read_json`.
/// @param err set on failure.
/// @return true when `jv` decoded into `out`.
template <class T> bool read_json_value(const boost::json::value& jv, T& out, json_error& err);

/// Decodes `text` into a new `T` with `read_json`.
///
/// @throws json_decode_error with the path and message of the error.
///
/// @code
/// auto job = ltx::reflect::from_json<ltx::job>(R"({"jobId":"j1","status":{"type":"active"}})");
/// @endcode
template <class T> T from_json(std::string_view text);

/// Parses the JSON `text` into a document, as `boost::json::parse` does, but reads each number
/// with a fraction or an exponent from its text (`std::from_chars`), as `read_json` does: the
/// parser's own conversion can be an ulp off, and reads `0e4002` as NaN. So a document made
/// here and fed to `read_json_value` decodes as `read_json` decodes the text.
///
/// @param text the whole document; trailing data after it is an error.
/// @param ec   set on a syntax error (the value returned is then null).
LTX_DECL boost::json::value parse_json(std::string_view text, boost::json::error_code& ec);

} // namespace ltx::reflect

// ---- begin ltx/reflect/impl/json_read.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_JSON_READ_HPP
#define LTX_REFLECT_IMPL_JSON_READ_HPP

// ---- begin ltx/reflect/detail/json_sax_sink.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_JSON_SAX_SINK_HPP
#define LTX_REFLECT_DETAIL_JSON_SAX_SINK_HPP


#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ltx::reflect::detail {

struct sax_ops;

// Where one JSON value goes: an object of the C++ type that `ops` describes.
struct sax_sink {
    const sax_ops* ops;
    void* object;
};

// What the streaming decoder can do with an object of one type, chosen by its kind_of;
// built once per type at compile time. Only the entries of the type's kind are set. Numbers,
// booleans and enums are data (a leaf, and an enum's wire names) read by the decoder's
// non-template code; the functions are those of the containers and of std::string.
struct sax_ops {
    type_kind kind = type_kind::unsupported; // unsupported: a value to skip
    // described_struct: members in declaration order
    std::size_t member_count = 0;
    const std::string_view* member_names = nullptr;
    sax_sink (*member)(void*, std::size_t) = nullptr;
    // optional
    sax_sink (*emplace)(void*) = nullptr;
    void (*reset)(void*) = nullptr;
    // sequence, map
    void (*clear)(void*) = nullptr;
    sax_sink (*push)(void*) = nullptr;
    sax_sink (*entry)(void*, std::string_view key, bool& inserted,
                      std::string_view& stored) = nullptr;
    // string
    void (*append)(void*, std::string_view, bool first) = nullptr;
    // integer, floating, boolean, described_enum (its underlying integer)
    leaf scalar = leaf::composite;
    // described_enum
    const wire_row* wire = nullptr;
    std::size_t wire_size = 0;
};

inline constexpr sax_ops skip_ops{};

template <class T> constexpr sax_ops make_sax_ops();

template <class T> inline constexpr sax_ops sax_ops_of = make_sax_ops<T>();

template <class T> struct sax_members {
    using list = members_of<T>;
    static constexpr std::size_t size = boost::mp11::mp_size<list>::value;
    // The decoder keeps one bit per member; BOOST_DESCRIBE_STRUCT describes at most 52.
    static_assert(size <= 64, "ltx::reflect::read_json: at most 64 members per struct");

    static constexpr auto names = []<class... D>(boost::mp11::mp_list<D...>) {
        return std::array<std::string_view, sizeof...(D)>{std::string_view{D::name}...};
    }(boost::mp11::mp_rename<list, boost::mp11::mp_list>{});

    // The member `i`: one fold over the descriptors, one function per struct.
    static sax_sink member(void* p, std::size_t i) {
        return [&]<class... D>(boost::mp11::mp_list<D...>) {
            T& obj = *static_cast<T*>(p);
            sax_sink out{&skip_ops, nullptr};
            std::size_t k = 0;
            (void)((k++ == i
                        ? (out = sax_sink{&sax_ops_of<member_value_t<T, D>>, &(obj.*D::pointer)},
                           true)
                        : false) ||
                   ...);
            return out;
        }(boost::mp11::mp_rename<list, boost::mp11::mp_list>{});
    }
};

template <class T> constexpr sax_ops make_sax_ops() {
    constexpr auto kind = kind_of<T>;
    // Nothing to fill: whatever the text holds there is skipped, as an unknown member is.
    if constexpr (kind == type_kind::empty)
        return skip_ops;
    sax_ops o{};
    o.kind = kind;
    if constexpr (kind == type_kind::described_struct) {
        o.member_count = sax_members<T>::size;
        if constexpr (sax_members<T>::size > 0) {
            o.member_names = sax_members<T>::names.data();
            o.member = &sax_members<T>::member;
        }
    } else if constexpr (kind == type_kind::optional) {
        using V = typename T::value_type;
        // emplace, not assignment: each decoded value starts from a fresh object.
        o.emplace = [](void* p) {
            return sax_sink{&sax_ops_of<V>, &static_cast<T*>(p)->emplace()};
        };
        o.reset = [](void* p) { static_cast<T*>(p)->reset(); };
    } else if constexpr (kind == type_kind::sequence) {
        using V = typename T::value_type;
        o.clear = [](void* p) { static_cast<T*>(p)->clear(); };
        o.push = [](void* p) {
            return sax_sink{&sax_ops_of<V>, &static_cast<T*>(p)->emplace_back()};
        };
    } else if constexpr (kind == type_kind::map) {
        using V = typename T::mapped_type;
        o.clear = [](void* p) { static_cast<T*>(p)->clear(); };
        o.entry = [](void* p, std::string_view key, bool& inserted, std::string_view& stored) {
            auto [it, fresh] = static_cast<T*>(p)->try_emplace(std::string{key});
            inserted = fresh;
            stored = it->first;
            return sax_sink{&sax_ops_of<V>, &it->second};
        };
    } else if constexpr (kind == type_kind::string) {
        o.append = [](void* p, std::string_view s, bool first) {
            auto& out = *static_cast<T*>(p);
            if (first)
                out.assign(s);
            else
                out.append(s);
        };
    } else if constexpr (kind == type_kind::described_enum) {
        o.scalar = leaf_of<T>();
        o.wire = wire_rows<T>.rows;
        o.wire_size = wire_rows<T>.size;
    } else if constexpr (kind == type_kind::integer || kind == type_kind::floating ||
                         kind == type_kind::boolean) {
        o.scalar = leaf_of<T>();
    }
    return o;
}

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/detail/json_sax_sink.hpp ----

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace ltx::reflect {

namespace detail {

// The non-template half of read_json and read_json_value: the parse (or the replay of a
// parsed document) into the root sink, whatever its type.
LTX_DECL bool read_json_text(std::string_view text, sax_sink root, bool empty_ok, json_error& err);
LTX_DECL bool read_json_document(const boost::json::value& jv, sax_sink root, json_error& err);

} // namespace detail

template <class T> bool read_json(std::string_view text, T& out, json_error& err) {
    require_reflectable<T>();
    return detail::read_json_text(text, detail::sax_sink{&detail::sax_ops_of<T>, &out},
                                  kind_of<T> == type_kind::empty, err);
}

template <class T> bool read_json_value(const boost::json::value& jv, T& out, json_error& err) {
    require_reflectable<T>();
    return detail::read_json_document(jv, detail::sax_sink{&detail::sax_ops_of<T>, &out}, err);
}

template <class T> T from_json(std::string_view text) {
    T out{};
    json_error err;
    if (!read_json(text, out, err))
        throw json_decode_error{std::move(err)};
    return out;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/impl/json_read.hpp ----

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/reflect/impl/json_parse.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_JSON_PARSE_IPP
#define LTX_REFLECT_IMPL_JSON_PARSE_IPP

// ---- begin ltx/reflect/detail/json_sax_decoder.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_JSON_SAX_DECODER_HPP
#define LTX_REFLECT_DETAIL_JSON_SAX_DECODER_HPP


#include <boost/json/array.hpp>
#include <boost/json/error.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/string.hpp>
#include <boost/json/string_view.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::reflect::detail {

/// The double `text` (a JSON number's whole text) stands for, by `std::from_chars`: the parser's
/// own conversion can be an ulp off, and reads `0e4002` as NaN. `parsed` (that conversion) when
/// `from_chars` fails: a number too large for a double stays the parser's infinity, one too
/// small keeps the parser's zero or subnormal.
inline double exact_double(double parsed, std::string_view text) noexcept {
    double exact = 0;
    const char* first = text.data();
    const char* end = first + text.size();
    const auto r = std::from_chars(first, end, exact);
    return first != end && r.ec == std::errc{} && r.ptr == end ? exact : parsed;
}

// The integer `v` stored into the integer (or enum) of leaf `k` at `p`, by memcpy of its
// width: the member is an int, a long, a char or an enum of that width, not necessarily the
// fixed-width type named here. The caller checked the range (integer_fits).
inline void write_integer(leaf k, void* p, std::uint64_t v) noexcept {
    switch (k) {
    case leaf::i8:
    case leaf::u8: {
        const auto n = static_cast<std::uint8_t>(v);
        std::memcpy(p, &n, 1);
        return;
    }
    case leaf::i16:
    case leaf::u16: {
        const auto n = static_cast<std::uint16_t>(v);
        std::memcpy(p, &n, 2);
        return;
    }
    case leaf::i32:
    case leaf::u32: {
        const auto n = static_cast<std::uint32_t>(v);
        std::memcpy(p, &n, 4);
        return;
    }
    default:
        std::memcpy(p, &v, 8);
        return;
    }
}

// Whether the integer leaf `k` holds `v`.
inline bool integer_fits(leaf k, std::int64_t v) noexcept {
    switch (k) {
    case leaf::i8:
        return std::in_range<std::int8_t>(v);
    case leaf::i16:
        return std::in_range<std::int16_t>(v);
    case leaf::i32:
        return std::in_range<std::int32_t>(v);
    case leaf::i64:
        return true;
    case leaf::u8:
        return std::in_range<std::uint8_t>(v);
    case leaf::u16:
        return std::in_range<std::uint16_t>(v);
    case leaf::u32:
        return std::in_range<std::uint32_t>(v);
    default:
        return v >= 0;
    }
}

inline bool integer_fits(leaf k, std::uint64_t v) noexcept {
    if (is_unsigned_leaf(k))
        return k == leaf::u64 || integer_fits(k, static_cast<std::int64_t>(v));
    return std::in_range<std::int64_t>(v) && integer_fits(k, static_cast<std::int64_t>(v));
}

inline void write_floating(leaf k, void* p, double v) noexcept {
    if (k == leaf::f32)
        *static_cast<float*>(p) = static_cast<float>(v);
    else if (k == leaf::f64)
        *static_cast<double*>(p) = v;
    else
        *static_cast<long double*>(p) = static_cast<long double>(v);
}

inline bool is_floating_leaf(leaf k) noexcept {
    return k == leaf::f32 || k == leaf::f64 || k == leaf::f_long;
}

// A number into the integer or floating-point leaf `k` at `p`; false when out of its range.
inline bool from_int64(leaf k, void* p, std::int64_t v) noexcept {
    if (is_floating_leaf(k)) {
        write_floating(k, p, static_cast<double>(v));
        return true;
    }
    if (!integer_fits(k, v))
        return false;
    write_integer(k, p, static_cast<std::uint64_t>(v));
    return true;
}

inline bool from_uint64(leaf k, void* p, std::uint64_t v) noexcept {
    if (is_floating_leaf(k)) {
        write_floating(k, p, static_cast<double>(v));
        return true;
    }
    if (!integer_fits(k, v))
        return false;
    write_integer(k, p, v);
    return true;
}

// A whole number written as a double (100.0) is still that integer; a float member cannot
// hold a double beyond its range.
inline bool from_double(leaf k, void* p, double v) noexcept {
    if (is_floating_leaf(k)) {
        if (k == leaf::f32 &&
            !(std::fabs(v) <= static_cast<double>(std::numeric_limits<float>::max())))
            return false;
        write_floating(k, p, v);
        return true;
    }
    if (std::trunc(v) != v || v < -9.2e18 || v > 9.2e18)
        return false;
    return from_int64(k, p, static_cast<std::int64_t>(v));
}

// The path of the value being decoded, as a chain of stack frames, built into a string only
// when an error is reported. Member names are never empty, so a frame with an empty key
// below the document is an empty map key: it reads `a[""]`, as in validation paths.
struct path_frame {
    const path_frame* parent = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;

    std::string str() const {
        if (!parent)
            return std::string{};
        std::string up = parent->str();
        if (is_index)
            return up + "[" + std::to_string(index) + "]";
        if (key.empty())
            return up + "[\"\"]";
        return up.empty() ? std::string{key} : up + "." + std::string{key};
    }
};

// The event handler of boost::json::basic_parser. It is not a template: one parser
// instantiation serves every type, and the type enters only through the sinks.
//
// Decode errors never stop the parse. The error reported is the first in the type's order:
// declaration order (members), index order (arrays), first-appearance order (map keys). Values
// arrive in document order instead, so the decoder keeps the error that ranks first (`rank_`,
// one ordinal per level) and keeps parsing, so that a later syntax error still wins.
class sax_decoder {
public:
    // The limits of boost::json::parse, so a text it parses is one the decoder can hold.
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    explicit sax_decoder(sax_sink root) noexcept {
        frames_[0].kind = frame_kind::root;
        frames_[0].pending = root;
    }

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
        if (!skip_)
            number_.append(s.data(), s.size());
        return true;
    }

    bool on_object_begin(boost::json::error_code&) { return begin_container(true); }
    bool on_array_begin(boost::json::error_code&) { return begin_container(false); }
    bool on_object_end(std::size_t, boost::json::error_code&) { return end_container(); }
    bool on_array_end(std::size_t, boost::json::error_code&) { return end_container(); }

    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (!skip_)
            key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (skip_)
            return true;
        std::string_view key{s.data(), s.size()};
        const bool parts = !key_.empty();
        if (parts) {
            key_.append(key);
            key = key_;
        }
        frame& f = frames_[top_];
        if (f.kind == frame_kind::object) {
            const sax_ops& o = *f.container.ops;
            const std::size_t i = find_member(o, key, f.count);
            if (i == npos) {
                f.pending = sax_sink{&skip_ops, nullptr};
            } else {
                const std::uint64_t bit = std::uint64_t{1} << i;
                f.count = i + 1; // documents usually follow declaration order
                f.position = i;
                f.set_key(o.member_names[i]);
                f.pending = o.member(f.container.object, i);
                if (f.seen & bit)
                    fail_here("repeated key");
                f.seen |= bit;
            }
        } else {
            bool inserted = false;
            std::string_view stored;
            f.pending = f.container.ops->entry(f.container.object, key, inserted, stored);
            f.set_key(stored);
            f.position = f.count++;
            if (!inserted)
                fail_here("repeated key");
        }
        if (parts)
            key_.clear();
        return true;
    }

    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (skip_)
            return true;
        const bool first = !in_string_;
        if (first) {
            in_string_ = true;
            string_ = string_target();
        }
        string_chunk({s.data(), s.size()}, first);
        return true;
    }

    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (skip_)
            return true;
        const bool first = !in_string_;
        if (first)
            string_ = string_target();
        in_string_ = false;
        if (string_.ops->kind == type_kind::described_enum) {
            std::string_view name{s.data(), s.size()};
            if (!first) {
                scratch_.append(name);
                name = scratch_;
            }
            const sax_ops& o = *string_.ops;
            if (const wire_row* row = find_wire_value(o.wire, o.wire_size, name))
                write_integer(o.scalar, string_.object, row->value);
            else
                fail_here("unknown value, expected one of " + join_wire_names(o.wire, o.wire_size));
            scratch_.clear();
        } else {
            string_chunk({s.data(), s.size()}, first);
        }
        return true;
    }

    bool on_int64(std::int64_t v, boost::json::string_view, boost::json::error_code&) {
        number_.clear();
        if (skip_)
            return true;
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::integer || s.ops->kind == type_kind::floating) {
            if (!from_int64(s.ops->scalar, s.object, v))
                fail_here("integer out of range");
        } else if (s.ops->kind != type_kind::unsupported) {
            fail_here(expected_message(*s.ops));
        }
        return true;
    }

    bool on_uint64(std::uint64_t v, boost::json::string_view, boost::json::error_code&) {
        number_.clear();
        if (skip_)
            return true;
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::integer || s.ops->kind == type_kind::floating) {
            if (!from_uint64(s.ops->scalar, s.object, v))
                fail_here("integer out of range");
        } else if (s.ops->kind != type_kind::unsupported) {
            fail_here(expected_message(*s.ops));
        }
        return true;
    }

    bool on_double(double v, boost::json::string_view text, boost::json::error_code&) {
        if (skip_)
            return true;
        v = exact_double(v, text);
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::integer || s.ops->kind == type_kind::floating) {
            if (!std::isfinite(v) || !from_double(s.ops->scalar, s.object, v))
                fail_here(s.ops->kind == type_kind::integer ? "integer out of range"
                                                            : "number out of range");
        } else if (s.ops->kind != type_kind::unsupported) {
            fail_here(expected_message(*s.ops));
        }
        return true;
    }

    bool on_bool(bool v, boost::json::error_code&) {
        if (skip_)
            return true;
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::boolean)
            *static_cast<bool*>(s.object) = v;
        else if (s.ops->kind != type_kind::unsupported)
            fail_here(expected_message(*s.ops));
        return true;
    }

    bool on_null(boost::json::error_code&) {
        if (skip_)
            return true;
        const sax_sink s = next_target();
        if (s.ops->kind == type_kind::optional)
            s.ops->reset(s.object);
        else if (s.ops->kind != type_kind::unsupported)
            fail_here(expected_message(*s.ops));
        return true;
    }

    /// True when some value did not decode.
    bool failed() const noexcept { return has_error_; }
    /// The error that ranks first.
    json_error& error() noexcept { return error_; }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // A number with a fraction or exponent, read from its text (exact_double above);
    // its parts, when the parser split it, are gathered in number_. A value fed from a parsed
    // document has no text.
    double exact_double(double parsed, boost::json::string_view last) {
        if (number_.empty())
            return ltx::reflect::detail::exact_double(parsed, {last.data(), last.size()});
        number_.append(last.data(), last.size());
        const double exact = ltx::reflect::detail::exact_double(parsed, number_);
        number_.clear();
        return exact;
    }
    // The parser refuses deeper texts; one more frame for the document itself.
    static constexpr std::size_t max_frames = boost::json::parse_options{}.max_depth + 1;

    enum class frame_kind : unsigned char { root, object, map, sequence };

    // Left uninitialised until pushed: zeroing every frame would cost more than a small parse.
    // So no member has a default member initializer, std::string_view's included.
    struct frame {
        sax_sink container;   // the struct, map or vector being filled
        sax_sink pending;     // where the next value goes (set by a key, or the root value)
        const char* key_data; // the current child's name, for error paths
        std::size_t key_size;
        std::size_t position; // the current child's ordinal: member index, array index, key order
        std::size_t count;    // elements or distinct keys so far; for structs the lookup hint
        std::uint64_t seen;   // members seen (sax_members allows at most 64)
        frame_kind kind;
        bool is_index;

        void set_key(std::string_view k) noexcept {
            key_data = k.data();
            key_size = k.size();
        }
    };

    bool begin_container(bool is_object) {
        if (skip_) {
            ++skip_;
            return true;
        }
        const sax_sink s = value_target();
        const type_kind k = s.ops->kind;
        if (k == type_kind::unsupported) {
            skip_ = 1;
            return true;
        }
        const bool fits = is_object ? (k == type_kind::described_struct || k == type_kind::map)
                                    : k == type_kind::sequence;
        if (!fits) {
            fail_here(expected_message(*s.ops));
            skip_ = 1;
            return true;
        }
        frame& f = frames_[++top_];
        f.container = s;
        f.pending = sax_sink{&skip_ops, nullptr};
        f.set_key({});
        f.position = 0;
        f.count = 0;
        f.seen = 0;
        f.is_index = k == type_kind::sequence;
        if (k == type_kind::described_struct) {
            f.kind = frame_kind::object;
        } else {
            f.kind = k == type_kind::map ? frame_kind::map : frame_kind::sequence;
            s.ops->clear(s.object);
        }
        return true;
    }

    bool end_container() {
        if (skip_) {
            --skip_;
            return true;
        }
        frame& f = frames_[top_];
        if (f.kind == frame_kind::object) {
            const sax_ops& o = *f.container.ops;
            for (std::size_t i = 0; i < o.member_count; ++i) {
                if ((f.seen >> i) & 1u)
                    continue;
                const sax_sink m = o.member(f.container.object, i);
                if (m.ops->kind == type_kind::optional) {
                    m.ops->reset(m.object);
                } else {
                    f.position = i;
                    f.set_key(o.member_names[i]);
                    fail_here("missing required field");
                }
            }
        }
        --top_;
        return true;
    }

    // The sink of the value that starts now, in the innermost open container.
    sax_sink next_target() {
        frame& f = frames_[top_];
        if (f.kind != frame_kind::sequence)
            return f.pending;
        f.position = f.count++;
        return f.container.ops->push(f.container.object);
    }

    // As next_target, for a value that is not null: optionals take a value.
    sax_sink value_target() {
        sax_sink s = next_target();
        while (s.ops->kind == type_kind::optional)
            s = s.ops->emplace(s.object);
        return s;
    }

    sax_sink string_target() {
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::string || s.ops->kind == type_kind::described_enum ||
            s.ops->kind == type_kind::unsupported)
            return s;
        fail_here(expected_message(*s.ops));
        return sax_sink{&skip_ops, nullptr};
    }

    void string_chunk(std::string_view part, bool first) {
        if (string_.ops->kind == type_kind::string)
            string_.ops->append(string_.object, part, first);
        else if (string_.ops->kind == type_kind::described_enum)
            scratch_.append(part);
    }

    // Whether `a` and `b` hold the same bytes. Member names are short: comparing them here,
    // eight bytes at a time, costs less than a call to memcmp.
    static bool same_name(std::string_view a, std::string_view b) noexcept {
        const std::size_t n = a.size();
        if (n != b.size())
            return false;
        if (n >= 8) {
            // The last word ends at the end, overlapping the one before.
            for (std::size_t i = 0;; i += 8) {
                i = i < n - 8 ? i : n - 8;
                std::uint64_t x;
                std::uint64_t y;
                std::memcpy(&x, a.data() + i, 8);
                std::memcpy(&y, b.data() + i, 8);
                if (x != y)
                    return false;
                if (i == n - 8)
                    return true;
            }
        }
        for (std::size_t i = 0; i < n; ++i)
            if (a[i] != b[i])
                return false;
        return true;
    }

    static std::size_t find_member(const sax_ops& o, std::string_view key, std::size_t hint) {
        if (hint < o.member_count && same_name(o.member_names[hint], key))
            return hint;
        for (std::size_t i = 0; i < o.member_count; ++i)
            if (same_name(o.member_names[i], key))
                return i;
        return npos;
    }

    static std::string expected_message(const sax_ops& o) {
        switch (o.kind) {
        case type_kind::described_struct:
        case type_kind::map:
            return "expected an object";
        case type_kind::sequence:
            return "expected an array";
        case type_kind::string:
            return "expected a string";
        case type_kind::described_enum:
            return "expected a string, one of " + join_wire_names(o.wire, o.wire_size);
        case type_kind::integer:
            return "expected an integer";
        case type_kind::floating:
            return "expected a number";
        case type_kind::boolean:
            return "expected true or false";
        default:
            return "unexpected value";
        }
    }

    // Records an error at the current child of the innermost frame, unless an error that
    // ranks before it is already recorded.
    void fail_here(std::string message) {
        const std::size_t depth = top_;
        if (has_error_) {
            std::size_t i = 0;
            while (i < depth && i < rank_size_ && frames_[i + 1].position == rank_[i])
                ++i;
            const bool earlier = i < depth && i < rank_size_
                                     ? frames_[i + 1].position < rank_[i]
                                     : depth < rank_size_; // an ancestor comes first
            if (!earlier)
                return;
        }
        has_error_ = true;
        rank_size_ = depth;
        std::array<path_frame, max_frames> chain; // chain[0]: the document
        const path_frame* parent = &chain[0];
        for (std::size_t i = 1; i <= depth; ++i) {
            const frame& f = frames_[i];
            rank_[i - 1] = f.position;
            chain[i] = path_frame{parent, {f.key_data, f.key_size}, f.position, f.is_index};
            parent = &chain[i];
        }
        error_.path = parent->str();
        error_.message = std::move(message);
    }

    frame frames_[max_frames];
    std::size_t top_ = 0;
    std::size_t skip_ = 0; // depth inside a value that is ignored (unknown or mistyped)
    sax_sink string_{&skip_ops, nullptr};
    bool in_string_ = false;
    bool has_error_ = false;
    std::string key_;                          // a key split into parts (escapes)
    std::string scratch_;                      // an enum name split into parts
    std::string number_;                       // a number's text split into parts
    std::array<std::size_t, max_frames> rank_; // the first rank_size_ are set
    std::size_t rank_size_ = 0;
    json_error error_;
};

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/detail/json_sax_decoder.hpp ----

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace ltx::reflect::detail {

// The events of Boost.JSON's basic_parser onto a value_stack, as boost::json::parser does, but
// with each double read again from its text.
struct exact_dom_handler {
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    boost::json::value_stack stack;
    std::string number; // a number's text split into parts

    using sv = boost::json::string_view;
    using ec_t = boost::json::error_code;

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&) { return true; }
    bool on_object_end(std::size_t n, ec_t&) {
        stack.push_object(n);
        return true;
    }
    bool on_array_begin(ec_t&) { return true; }
    bool on_array_end(std::size_t n, ec_t&) {
        stack.push_array(n);
        return true;
    }
    bool on_key_part(sv s, std::size_t, ec_t&) {
        stack.push_chars(s);
        return true;
    }
    bool on_key(sv s, std::size_t, ec_t&) {
        stack.push_key(s);
        return true;
    }
    bool on_string_part(sv s, std::size_t, ec_t&) {
        stack.push_chars(s);
        return true;
    }
    bool on_string(sv s, std::size_t, ec_t&) {
        stack.push_string(s);
        return true;
    }
    bool on_number_part(sv s, ec_t&) {
        number.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, sv, ec_t&) {
        number.clear();
        stack.push_int64(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, sv, ec_t&) {
        number.clear();
        stack.push_uint64(u);
        return true;
    }
    bool on_double(double d, sv s, ec_t&) {
        number.append(s.data(), s.size());
        stack.push_double(exact_double(d, number));
        number.clear();
        return true;
    }
    bool on_bool(bool b, ec_t&) {
        stack.push_bool(b);
        return true;
    }
    bool on_null(ec_t&) {
        stack.push_null();
        return true;
    }
    bool on_comment_part(sv, ec_t&) { return true; }
    bool on_comment(sv, ec_t&) { return true; }
};

} // namespace ltx::reflect::detail

namespace ltx::reflect {

LTX_DECL boost::json::value parse_json(std::string_view text, boost::json::error_code& ec) {
    boost::json::basic_parser<detail::exact_dom_handler> p{boost::json::parse_options{}};
    p.handler().stack.reset();
    ec = {};
    const std::size_t n = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && n < text.size())
        ec = boost::json::error::extra_data;
    if (ec)
        return nullptr;
    return p.handler().stack.release();
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/impl/json_parse.ipp ----
// ---- begin ltx/reflect/impl/json_read.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_JSON_READ_IPP
#define LTX_REFLECT_IMPL_JSON_READ_IPP


#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace ltx::reflect::detail {

inline bool finish(sax_decoder& decoder, json_error& err) {
    if (!decoder.failed())
        return true;
    err = std::move(decoder.error());
    return false;
}

inline bool invalid_json(boost::json::error_code ec, json_error& err) {
    err.path.clear();
    err.message = "invalid JSON: " + ec.message();
    return false;
}

// Feeds `v` to the decoder as the parser feeds the text of `v`. A container more than
// `levels` deep is refused, as the parser refuses it: the decoder's frame stack is sized for
// the parser's depth.
inline bool replay(const boost::json::value& v, sax_decoder& d, std::size_t levels) {
    boost::json::error_code ec;
    switch (v.kind()) {
    case boost::json::kind::object: {
        if (levels == 0)
            return false;
        const auto& o = v.get_object();
        d.on_object_begin(ec);
        for (const auto& kv : o) {
            d.on_key(kv.key(), kv.key().size(), ec);
            if (!replay(kv.value(), d, levels - 1))
                return false;
        }
        d.on_object_end(o.size(), ec);
        return true;
    }
    case boost::json::kind::array: {
        if (levels == 0)
            return false;
        const auto& a = v.get_array();
        d.on_array_begin(ec);
        for (const auto& e : a)
            if (!replay(e, d, levels - 1))
                return false;
        d.on_array_end(a.size(), ec);
        return true;
    }
    case boost::json::kind::string:
        d.on_string(v.get_string(), v.get_string().size(), ec);
        return true;
    case boost::json::kind::int64:
        d.on_int64(v.get_int64(), {}, ec);
        return true;
    case boost::json::kind::uint64:
        d.on_uint64(v.get_uint64(), {}, ec);
        return true;
    case boost::json::kind::double_:
        d.on_double(v.get_double(), {}, ec);
        return true;
    case boost::json::kind::bool_:
        d.on_bool(v.get_bool(), ec);
        return true;
    case boost::json::kind::null:
        d.on_null(ec);
        return true;
    }
    return true;
}

LTX_DECL bool read_json_text(std::string_view text, sax_sink root, bool empty_ok, json_error& err) {
    if (empty_ok && text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return true;
    boost::json::basic_parser<sax_decoder> parser{boost::json::parse_options{}, root};
    boost::json::error_code ec;
    const auto n = parser.write_some(false, text.data(), text.size(), ec);
    if (!ec && n < text.size())
        ec = boost::json::error::extra_data;
    if (ec)
        return invalid_json(ec, err);
    return finish(parser.handler(), err);
}

LTX_DECL bool read_json_document(const boost::json::value& jv, sax_sink root, json_error& err) {
    sax_decoder decoder{root};
    if (!replay(jv, decoder, boost::json::parse_options{}.max_depth))
        return invalid_json(boost::json::error::too_deep, err);
    return finish(decoder, err);
}

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/impl/json_read.ipp ----
#endif

#endif
// ---- end ltx/reflect/json_read.hpp ----
// ---- begin ltx/reflect/json_write.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_WRITE_HPP
#define LTX_REFLECT_JSON_WRITE_HPP

// ---- begin ltx/reflect/detail/json_writer.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_JSON_WRITER_HPP
#define LTX_REFLECT_DETAIL_JSON_WRITER_HPP


#include <boost/json/serializer.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ltx::reflect::detail {

// True when `s` holds no '"', '\\' or control character: the only bytes the serializer
// escapes, so such a string is written as is. Sixteen or eight bytes at a time, since most
// strings (ids, URLs, prompts) need no escaping at all; the last window of a string ends at
// its end, overlapping the one before, so that no byte is left for a loop of its own.
inline bool json_plain(std::string_view s) noexcept {
    const char* const data = s.data();
    const std::size_t size = s.size();
#ifdef __SSE2__
    // Where SSE2 is there (every x86-64): a byte at most 0x1F (its unsigned maximum with 0x1F
    // is 0x1F), '"' or '\\'.
    if (size >= 16) {
        const __m128i control = _mm_set1_epi8(0x1F);
        const __m128i quote_bytes = _mm_set1_epi8('"');
        const __m128i backslash_bytes = _mm_set1_epi8('\\');
        for (std::size_t i = 0;; i += 16) {
            i = i < size - 16 ? i : size - 16;
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
            const __m128i hits = _mm_or_si128(
                _mm_cmpeq_epi8(_mm_max_epu8(v, control), control),
                _mm_or_si128(_mm_cmpeq_epi8(v, quote_bytes), _mm_cmpeq_epi8(v, backslash_bytes)));
            if (_mm_movemask_epi8(hits) != 0)
                return false;
            if (i == size - 16)
                return true;
        }
    }
#endif
    if (size >= 8) {
        constexpr std::uint64_t ones = 0x0101010101010101u;
        constexpr std::uint64_t highs = 0x8080808080808080u;
        for (std::size_t i = 0;; i += 8) {
            i = i < size - 8 ? i : size - 8;
            std::uint64_t w;
            std::memcpy(&w, data + i, 8);
            // A byte below 0x20, or equal to '"' or '\\' (a zero byte once xor-ed with it).
            const std::uint64_t quote = w ^ (0x22 * ones);
            const std::uint64_t backslash = w ^ (0x5C * ones);
            if (((w - 0x20 * ones) & ~w & highs) | ((quote - ones) & ~quote & highs) |
                ((backslash - ones) & ~backslash & highs))
                return false;
            if (i == size - 8)
                return true;
        }
    }
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 || c == '"' || c == '\\')
            return false;
    }
    return true;
}

/// Appends compact JSON to a caller-owned buffer, with no intermediate document.
/// String escaping is Boost.JSON's serializer, used for the strings that need any.
/// Every call has appended its whole output to the buffer when it returns.
class json_writer {
public:
    explicit json_writer(std::string& out) noexcept : out_(out) {}
    json_writer(const json_writer&) = delete;
    json_writer& operator=(const json_writer&) = delete;

    /// Appends `s` as a quoted, escaped JSON string.
    void string(std::string_view s) {
        put_string(s);
        flush();
    }

    /// Appends an integer.
    template <class I> void integer(I v) {
        put_integer(v);
        flush();
    }

    /// Appends a number in its shortest round-trip form; NaN and infinities, which JSON
    /// cannot express, become null.
    void floating(double v) {
        put_floating(v);
        flush();
    }

    /// Appends raw JSON text (punctuation, literals, pre-escaped keys).
    void raw(std::string_view s) {
        put(s);
        flush();
    }
    void raw(char c) {
        put(c);
        flush();
    }

    /// Appends any reflectable value.
    template <class T> void value(const T& v) {
        put_value(v);
        flush();
    }

private:
    // Output is staged in `staged_` and appended to the caller's string in large pieces:
    // dozens of small std::string appends per document cost more than the rest of the
    // encoding together.
    void flush() {
        out_.append(staged_, size_);
        size_ = 0;
    }

    void put(char c) {
        if (size_ == sizeof staged_)
            flush();
        staged_[size_++] = c;
    }

    void put(std::string_view s) {
        if (s.size() > sizeof staged_ - size_) {
            flush();
            if (s.size() > sizeof staged_ / 2) {
                out_.append(s);
                return;
            }
        }
        std::memcpy(staged_ + size_, s.data(), s.size());
        size_ += s.size();
    }

    void put_string(std::string_view s) {
        if (json_plain(s)) {
            if (s.size() + 2 > sizeof staged_ - size_) {
                put('"');
                put(s);
                put('"');
                return;
            }
            staged_[size_] = '"';
            std::memcpy(staged_ + size_ + 1, s.data(), s.size());
            size_ += s.size() + 2;
            staged_[size_ - 1] = '"';
            return;
        }
        serializer_.reset(boost::json::string_view{s.data(), s.size()});
        char buf[256];
        while (!serializer_.done()) {
            const auto part = serializer_.read(buf, sizeof buf);
            put(std::string_view{part.data(), part.size()});
        }
    }

    // Through the widest types, so each TU compiles one formatter, not one per integer type
    // of its models; by hand (ltx::detail::format_decimal) rather than std::to_chars.
    template <class I> void put_integer(I v) {
        if constexpr (std::is_signed_v<I>)
            put_decimal(static_cast<long long>(v));
        else
            put_decimal(static_cast<unsigned long long>(v));
    }

    void put_decimal(unsigned long long v) { put_digits(v, false); }
    void put_decimal(long long v) { put_digits(ltx::detail::magnitude(v), v < 0); }
    void put_digits(unsigned long long magnitude, bool negative) {
        char buf[21];
        const char* p = ltx::detail::format_decimal(buf + sizeof buf, magnitude, negative);
        put(std::string_view{p, static_cast<std::size_t>(buf + sizeof buf - p)});
    }

    void put_floating(double v) {
        if (!std::isfinite(v)) {
            put("null");
            return;
        }
        if (v == 0 && std::signbit(v)) {
            put("-0.0"); // "-0" would read back as the integer 0, losing the sign
            return;
        }
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        put(std::string_view{buf, static_cast<std::size_t>(r.ptr - buf)});
    }

    template <class T> void put_value(const T& v);

    // A struct: the address of each member (null for an absent optional), and put_fields,
    // one non-template loop over the struct's field_table whatever the models. Each member is
    // written by the writer of its kind, picked at compile time, so a TU compiles only the
    // writers its models use.
    using field_writer = void (*)(json_writer&, const field_row&, const void*);

    static void write_string(json_writer& w, const field_row&, const void* p) {
        w.put_string(*static_cast<const std::string*>(p));
    }
    static void write_boolean(json_writer& w, const field_row&, const void* p) {
        w.put(*static_cast<const bool*>(p) ? std::string_view{"true"} : std::string_view{"false"});
    }
    static void write_signed(json_writer& w, const field_row& row, const void* p) {
        w.put_decimal(read_signed(row.kind, p));
    }
    static void write_unsigned(json_writer& w, const field_row& row, const void* p) {
        w.put_decimal(read_unsigned(row.kind, p));
    }
    static void write_floating(json_writer& w, const field_row& row, const void* p) {
        w.put_floating(read_floating(row.kind, p));
    }
    static void write_enum(json_writer& w, const field_row& row, const void* p) {
        w.put_enum(row.wire, row.wire_size, read_wire_key(row.kind, p));
    }
    template <class X> static void write_value(json_writer& w, const field_row&, const void* p) {
        w.put_value(*static_cast<const X*>(p));
    }

    template <class X> static consteval field_writer writer_of() {
        constexpr auto kind = leaf_of<X>();
        if constexpr (kind_of<X> == type_kind::described_enum)
            return &write_enum;
        else if constexpr (kind == leaf::string)
            return &write_string;
        else if constexpr (kind == leaf::boolean)
            return &write_boolean;
        else if constexpr (is_signed_leaf(kind))
            return &write_signed;
        else if constexpr (is_unsigned_leaf(kind))
            return &write_unsigned;
        else if constexpr (kind == leaf::composite)
            return &write_value<X>;
        else
            return &write_floating;
    }

    template <std::size_t N> struct writers_t { field_writer of[N + 1]; };

    template <class T, template <class...> class L, class... D>
    static consteval auto make_writers(L<D...>) {
        return writers_t<sizeof...(D)>{{writer_of<unwrap_t<member_value_t<T, D>>>()..., nullptr}};
    }
    template <class T> static constexpr auto writers_of = make_writers<T>(members_of<T>{});

    template <class T> void put_struct(const T& v) {
        constexpr std::size_t n = field_table<T>.size;
        const void* values[n + 1];
        member_addresses(v, values);
        put_fields(field_table<T>.rows, writers_of<T>.of, values, n);
    }

    void put_fields(const field_row* rows, const field_writer* writers, const void* const* values,
                    std::size_t n) {
        bool first = true;
        for (std::size_t i = 0; i < n; ++i) {
            if (!values[i])
                continue; // unset optionals are omitted
            if (!first)
                put(',');
            first = false;
            put(rows[i].key);
            writers[i](*this, rows[i], values[i]);
        }
    }

    void put_enum(const wire_row* rows, std::size_t n, std::uint64_t key) {
        put_string(wire_name_or_throw(rows, n, key));
    }

    std::string& out_;
    std::size_t size_ = 0;
    char staged_[512];
    boost::json::serializer serializer_;
};

template <class T> void json_writer::put_value(const T& v) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        put('{');
        put_struct(v);
        put('}');
    } else if constexpr (kind == type_kind::optional) {
        if (v)
            put_value(*v);
        else
            put("null");
    } else if constexpr (kind == type_kind::sequence) {
        put('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i)
                put(',');
            put_value(v[i]);
        }
        put(']');
    } else if constexpr (kind == type_kind::map) {
        put('{');
        bool first = true;
        for (const auto& [key, item] : v) {
            if (!first)
                put(',');
            first = false;
            put_string(key);
            put(':');
            put_value(item);
        }
        put('}');
    } else if constexpr (kind == type_kind::string) {
        put_string(v);
    } else if constexpr (kind == type_kind::described_enum) {
        put_enum(wire_rows<T>.rows, wire_rows<T>.size, wire_key(v));
    } else if constexpr (kind == type_kind::integer) {
        put_integer(v);
    } else if constexpr (kind == type_kind::floating) {
        put_floating(static_cast<double>(v));
    } else if constexpr (kind == type_kind::boolean) {
        put(v ? std::string_view{"true"} : std::string_view{"false"});
    } else if constexpr (kind == type_kind::empty) {
        put("null");
    }
}

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/detail/json_writer.hpp ----

#include <string>

namespace ltx::reflect {

/// Appends the compact JSON of `v`, any reflectable value (`classify.hpp`), to `out`.
///
/// The one JSON encoder of the engine, written straight into `out` with no document in
/// between:
/// - a described struct is an object of its members in declaration order, each under its
///   wire name (the C++ member name); an unset `std::optional` member is left out;
/// - an enum is its wire name (`enum.hpp`);
/// - a `std::vector` is an array, a `std::map<std::string, T>` an object;
/// - a `std::monostate`, which holds nothing, is `null`;
/// - strings are escaped as JSON requires (Boost.JSON's serializer), integers written in
///   decimal, floating-point numbers in their shortest round-trip form, and NaN or an
///   infinity, which JSON cannot express, as `null`.
///
/// Nothing is validated here: `validate` (`validate.hpp`) checks the rules first, as the
/// client does before it encodes a request.
///
/// @param v   the value to write.
/// @param out the buffer appended to; what it held before is kept.
/// @throws enum_value_error for an enum value without a wire name (`enum.hpp`); `out` then
///         holds a partial document.
///
/// @code
/// std::string body;
/// ltx::reflect::write_json(ltx::ltx_create_request{.prompt = "Waves", .startAssetId = "asset:1"},
///                          body);
/// // {"prompt":"Waves","startAssetId":"asset:1"}
/// @endcode
template <class T> void write_json(const T& v, std::string& out) {
    detail::json_writer w{out};
    w.value(v);
}

/// The compact JSON of `v`, as `write_json` writes it.
///
/// @throws enum_value_error for an enum value without a wire name.
template <class T> std::string to_json(const T& v) {
    std::string out;
    write_json(v, out);
    return out;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/json_write.hpp ----

#include <boost/json/value.hpp>

#include <array>
#include <string>
#include <string_view>

namespace ltx::reflect {

namespace detail {

// Writes the JSON of the value at `p` (an X) into `out`: how form text is made for a member
// that is a struct, a vector or a map.
using composite_text = void (*)(const void* p, std::string& out);
template <class X> void write_composite_text(const void* p, std::string& out) {
    write_json(*static_cast<const X*>(p), out);
}

template <class X> consteval composite_text composite_text_of() {
    if constexpr (leaf_of<X>() == leaf::composite)
        return &write_composite_text<X>;
    else
        return nullptr;
}

template <class T, template <class...> class L, class... D>
consteval auto make_composite_writers(L<D...>) {
    return std::array<composite_text, sizeof...(D) + 1>{
        composite_text_of<unwrap_t<member_value_t<T, D>>>()..., nullptr};
}
template <class T>
inline constexpr auto composite_writers = make_composite_writers<T>(members_of<T>{});

/// The form text of one present member (its value, an optional's unwrapped, at `value`):
/// a view of the string itself, or of `scratch` where the text is made.
LTX_DECL std::string_view form_text(const field_row& row, const void* value,
                                    composite_text composite, std::string& scratch);

} // namespace detail

/// Calls `f(name, text)` for each present member of the described struct `v`, in
/// declaration order, with the member's value as form text: strings as they are, enums as
/// their wire names, integers in decimal, floating-point numbers as JSON writes them,
/// booleans as `true`/`false`, and anything structured as its compact JSON. Unset optionals
/// are skipped. This is the one traversal behind both the query and the multipart encoders,
/// and it reads the struct's member table (`detail/fields.hpp`), as validation and JSON
/// output do.
///
/// @throws enum_value_error for an enum value without a wire name (see `enum.hpp`).
template <class T, class F> void for_each_form_field(const T& v, F&& f) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form and query encoding take a described struct");
    constexpr std::size_t n = detail::field_table<T>.size;
    const void* values[n + 1];
    detail::member_addresses(v, values);
    std::string scratch;
    for (std::size_t i = 0; i < n; ++i) {
        if (!values[i])
            continue; // an unset optional
        const detail::field_row& row = detail::field_table<T>.rows[i];
        f(row.name, detail::form_text(row, values[i], detail::composite_writers<T>[i], scratch));
    }
}

/// Appends `name=value&...` for the present members of `v`, names and values
/// percent-encoded. `skip(name)` leaves members out (those that go into the URL path).
template <class T, class Skip> void write_query(const T& v, std::string& out, Skip skip) {
    for_each_form_field(v, [&](std::string_view name, std::string_view text) {
        if (skip(name))
            return;
        if (!out.empty() && out.back() != '?')
            out += '&';
        ltx::detail::percent_encode(name, out);
        out += '=';
        ltx::detail::percent_encode(text, out);
    });
}

/// `write_query` without members left out.
template <class T> void write_query(const T& v, std::string& out) {
    write_query(v, out, [](std::string_view) { return false; });
}

/// Appends the multipart/form-data body of `v`: one part per present member, then the
/// closing delimiter. Returns false, leaving `out` unspecified, when a value contains the
/// delimiter `--boundary`; the caller then picks another boundary. The matching
/// Content-Type is `multipart/form-data; boundary=<boundary>`.
template <class T> bool write_multipart(const T& v, std::string_view boundary, std::string& out) {
    bool ok = true;
    const std::string delimiter = "--" + std::string{boundary};
    for_each_form_field(v, [&](std::string_view name, std::string_view text) {
        if (text.find(delimiter) != std::string_view::npos)
            ok = false;
        out += delimiter;
        out += "\r\nContent-Disposition: form-data; name=\"";
        out += name; // a C++ identifier: nothing to escape
        out += "\"\r\n\r\n";
        out += text;
        out += "\r\n";
    });
    out += delimiter;
    out += "--\r\n";
    return ok;
}

namespace detail {

/// The JSON value the form text of a member of kind `row` stands for: a number for an
/// integer or floating-point member whose text is one, a boolean for `true` / `false`, the
/// parsed document for a struct, vector or map member whose text is JSON, and otherwise the
/// text as a string, so that the decoder reports a mistyped value as it does for JSON.
LTX_DECL boost::json::value form_value(const field_row& row, std::string_view text);

/// The row of the member named `name` of a table, or null.
LTX_DECL const field_row* find_field(const field_row* rows, std::size_t n, std::string_view name);

} // namespace detail

/// The JSON value that the form text `text` of member `name` of the described struct `T`
/// stands for (see `read_form`); null for a name `T` does not have. For a program that
/// assembles a JSON body from text fields of its own, such as command-line options.
template <class T>
boost::json::value form_field_value(std::string_view name, std::string_view text) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form decoding takes a described struct");
    const auto* row =
        detail::find_field(detail::field_table<T>.rows, detail::field_table<T>.size, name);
    return row ? detail::form_value(*row, text) : boost::json::value{};
}

/// Decodes form fields into the described struct `out`: the inverse of `for_each_form_field`,
/// for a query string or a multipart/form-data body once split into fields.
///
/// Each field's text is read as the JSON value it stands for, given the member it names
/// (`form_field_value`), and the object they make is decoded by the one JSON decoder
/// (`read_json_value`), so the rules and errors are `read_json`'s: unknown names are ignored,
/// an absent optional is left unset, a missing required member or a text that does not fit
/// its member (`seed=abc`: `seed: expected an integer`) fails with the member's path. When a
/// name comes more than once, its first field is used.
///
/// @param fields a range of pairs of (name, text), both convertible to `std::string_view`,
///               already percent-decoded.
/// @param out    the struct to fill, as for `read_json`.
/// @param err    set on failure.
/// @return true when the fields decoded into `out`.
///
/// @code
/// std::vector<std::pair<std::string, std::string>> fields{{"page", "2"}, {"limit", "10"}};
/// ltx::list_assets_request req;
/// ltx::reflect::json_error err;
/// bool ok = ltx::reflect::read_form(fields, req, err); // req.page == 2
/// @endcode
template <class T, class Fields> bool read_form(const Fields& fields, T& out, json_error& err) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form decoding takes a described struct");
    constexpr auto& table = detail::field_table<T>;
    boost::json::object obj;
    for (const auto& [name, text] : fields) {
        const std::string_view key{name};
        const auto* row = detail::find_field(table.rows, table.size, key);
        if (row && !obj.contains(key))
            obj.emplace(key, detail::form_value(*row, std::string_view{text}));
    }
    return read_json_value(boost::json::value(std::move(obj)), out, err);
}

} // namespace ltx::reflect

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/reflect/impl/form.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_FORM_IPP
#define LTX_REFLECT_IMPL_FORM_IPP


#include <boost/json/parse.hpp>

#include <charconv>
#include <cmath>

namespace ltx::reflect::detail {

LTX_DECL std::string_view form_text(const field_row& row, const void* value,
                                    composite_text composite, std::string& scratch) {
    scratch.clear();
    if (row.wire)
        return wire_name_or_throw(row.wire, row.wire_size, read_wire_key(row.kind, value));
    switch (row.kind) {
    case leaf::string:
        return *static_cast<const std::string*>(value);
    case leaf::boolean:
        return *static_cast<const bool*>(value) ? "true" : "false";
    case leaf::composite:
        composite(value, scratch);
        return scratch;
    default:
        break;
    }
    char buf[32];
    char* end = buf + sizeof buf;
    char* first = nullptr;
    if (is_signed_leaf(row.kind)) {
        const long long v = read_signed(row.kind, value);
        first = ltx::detail::format_decimal(end, ltx::detail::magnitude(v), v < 0);
    } else if (is_unsigned_leaf(row.kind)) {
        first = ltx::detail::format_decimal(end, read_unsigned(row.kind, value));
    } else {
        // As JSON writes a number: the shortest round trip, and null for what JSON lacks.
        const double v = read_floating(row.kind, value);
        if (!std::isfinite(v))
            return "null";
        first = buf;
        end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    }
    scratch.assign(first, end);
    return scratch;
}

LTX_DECL const field_row* find_field(const field_row* rows, std::size_t n, std::string_view name) {
    for (std::size_t i = 0; i < n; ++i)
        if (rows[i].name == name)
            return &rows[i];
    return nullptr;
}

LTX_DECL boost::json::value form_value(const field_row& row, std::string_view text) {
    const char* first = text.data();
    const char* last = first + text.size();
    if (!row.wire && (is_signed_leaf(row.kind) || is_unsigned_leaf(row.kind))) {
        long long i = 0;
        if (const auto r = std::from_chars(first, last, i); r.ec == std::errc{} && r.ptr == last)
            return i;
        unsigned long long u = 0;
        if (const auto r = std::from_chars(first, last, u); r.ec == std::errc{} && r.ptr == last)
            return u;
    } else if (row.kind == leaf::boolean) {
        if (text == "true" || text == "false")
            return text == "true";
    } else if (!row.wire && row.kind != leaf::string) { // floating point, or composite
        boost::json::error_code ec;
        auto jv = parse_json(std::string_view{first, text.size()}, ec);
        if (!ec && (row.kind == leaf::composite || jv.is_number()))
            return jv;
    }
    return boost::json::string{boost::json::string_view{first, text.size()}};
}

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/impl/form.ipp ----
#endif

#endif
// ---- end ltx/reflect/form.hpp ----
// ---- begin ltx/reflect/rules.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_RULES_HPP
#define LTX_REFLECT_RULES_HPP

// ---- begin ltx/reflect/violation.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What validation reports: a violation (path, rule, message), and `report`, through which a
// rule adds one.
#ifndef LTX_REFLECT_VIOLATION_HPP
#define LTX_REFLECT_VIOLATION_HPP


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
// ---- begin ltx/reflect/impl/violation.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_VIOLATION_IPP
#define LTX_REFLECT_IMPL_VIOLATION_IPP


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
// ---- end ltx/reflect/impl/violation.ipp ----
#endif

#endif
// ---- end ltx/reflect/violation.hpp ----

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace ltx::reflect::detail {

// The checks behind the built-in rules that quote numbers in their messages: non-template,
// so each TU compiles them once, whatever the integer types they are applied to.
LTX_DECL void check_length(std::size_t min, std::size_t max, std::string_view s, const report& r);
LTX_DECL void check_range(long long min, long long max, long long v, const report& r);
LTX_DECL void check_range(long long min, long long max, unsigned long long v, const report& r);
LTX_DECL void check_contains(const std::string_view* needles, std::size_t n, std::string_view s,
                             const report& r);
LTX_DECL void check_real_range(double min, double max, bool exclusive_min, double v,
                               const report& r);
LTX_DECL void check_not_empty(std::string_view s, const report& r);
LTX_DECL void check_http_url(std::string_view s, const report& r);
LTX_DECL void check_email(std::string_view s, const report& r);
LTX_DECL void check_mime_type(std::string_view s, const report& r);

} // namespace ltx::reflect::detail

/// The validation rules a schema can attach to a member. Each rule has a `name` (the rule
/// reported in a violation) and a `check(value, report)` that calls `report.fail(message)`
/// when the value breaks it; validation calls that `check` and nothing else, so a rule of
/// the user's own, written the same way, is run exactly as these are. A rule applies to the
/// member types its `check` accepts. Messages never quote the value: values can be secrets
/// (cookies, tokens).
namespace ltx::reflect::rules {

/// The member must be present: an optional must hold a value, a string must be non-empty.
struct required_t {
    static constexpr std::string_view name = "required";
};
inline constexpr required_t required{};

/// A string's length in Unicode characters (code points), inclusive bounds.
struct length {
    std::size_t min = 0;
    std::size_t max = std::numeric_limits<std::size_t>::max();
    static constexpr std::string_view name = "length";

    void check(const std::string& s, const report& r) const {
        detail::check_length(min, max, s, r);
    }
};

/// A string that, when present, is not empty.
struct not_empty_t {
    static constexpr std::string_view name = "not_empty";
    void check(const std::string& s, const report& r) const { detail::check_not_empty(s, r); }
};
inline constexpr not_empty_t not_empty{};

/// An integer within inclusive bounds.
struct range {
    long long min = std::numeric_limits<long long>::min();
    long long max = std::numeric_limits<long long>::max();
    static constexpr std::string_view name = "range";

    template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) void check(I v,
                                                                           const report& r) const {
        if constexpr (std::is_signed_v<I>)
            detail::check_range(min, max, static_cast<long long>(v), r);
        else
            detail::check_range(min, max, static_cast<unsigned long long>(v), r);
    }
};

/// A finite floating-point number within bounds, `max` inclusive, `min` inclusive unless
/// `exclusive_min`: `real_range{0, 20, true}` is above 0 and at most 20, `real_range{2}` at least
/// 2, `real_range{}` any finite number.
struct real_range {
    double min = -std::numeric_limits<double>::max();
    double max = std::numeric_limits<double>::max();
    bool exclusive_min = false;
    static constexpr std::string_view name = "range";

    template <class F>
    requires std::is_floating_point_v<F>
    void check(F v, const report& r) const {
        detail::check_real_range(min, max, exclusive_min, static_cast<double>(v), r);
    }
};

/// An absolute http:// or https:// URL that `ltx::http::parse_url` accepts, so one the client
/// can send to.
struct http_url_t {
    static constexpr std::string_view name = "url";
    void check(const std::string& s, const report& r) const { detail::check_http_url(s, r); }
};
inline constexpr http_url_t http_url{};

/// An e-mail address.
struct email_t {
    static constexpr std::string_view name = "email";
    void check(const std::string& s, const report& r) const { detail::check_email(s, r); }
};
inline constexpr email_t email{};

/// A MIME type such as `image/png`.
struct mime_type_t {
    static constexpr std::string_view name = "mime_type";
    void check(const std::string& s, const report& r) const { detail::check_mime_type(s, r); }
};
inline constexpr mime_type_t mime_type{};

/// A string containing every one of the given substrings: `contains_all{{"a", "b"}}`.
template <std::size_t N> struct contains_all {
    std::array<std::string_view, N> needles;
    static constexpr std::string_view name = "contains";

    void check(const std::string& s, const report& r) const {
        detail::check_contains(needles.data(), N, s, r);
    }
};
template <class... S> contains_all(S...) -> contains_all<sizeof...(S)>;

/// The value the server assumes when the member is absent. Not a check: it documents the
/// default, and `reflect::default_of<&T::member>()` reads it (the simulator applies it).
template <class V> struct defaults_to { V value; };

/// Struct-level rule: at least one of the named optional members is present.
template <auto... Members> struct at_least_one_of {
    static constexpr std::string_view name = "at_least_one_of";
};

/// The condition of a conditional struct-level rule: the enum member `Member` holds one of
/// `Values`. An absent `Member` holds its documented default (its `defaults_to`); one with no
/// default satisfies no condition. `when<&R::model, image_model::flux>`.
template <auto Member, auto... Values> struct when {};

/// Struct-level rule: `Member` is absent when `When` holds, as a field the chosen model does
/// not take: `absent_when<&R::resolution, when<&R::model, veo_model::veo2>>`. Reported at
/// `Member`: "is not taken when model is veo2".
template <auto Member, class When> struct absent_when {
    static constexpr std::string_view name = "absent_when";
};

/// Struct-level rule: `Member` is present (as `required` reads it) when `When` holds.
/// Reported at `Member`: "is required when model is veo2".
template <auto Member, class When> struct required_when {
    static constexpr std::string_view name = "required_when";
};

/// Struct-level rule: the enum member `Member`, when present, holds one of `Allowed` when
/// `When` holds. Reported at `Member`: "must be one of 8 when model is veo3".
template <auto Member, class When, auto... Allowed> struct one_of_when {
    static constexpr std::string_view name = "one_of_when";
};

/// Struct-level rule: the members `Members...` (enums or integers), read together, form one of
/// the rows of `Table`, a constexpr range of `std::tuple`s with one element per member, in the
/// order given: a matrix of the combinations a server offers. An absent member counts as its
/// documented default (its `defaults_to`); at an absent member without one the check stops (its
/// `required` rule speaks). Reported at the first member, in the order given, whose value no row
/// allows together with the values of the members before it: "is not offered with model
/// ltx-2-5-pro, resolution 2560x1440". The values of the members before it are named, never the
/// member's own.
template <const auto& Table, auto... Members> struct combinations {
    static constexpr std::string_view name = "combinations";
};

} // namespace ltx::reflect::rules

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/reflect/impl/rules.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_RULES_IPP
#define LTX_REFLECT_IMPL_RULES_IPP


// ---- begin ltx/http/url.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_URL_HPP
#define LTX_HTTP_URL_HPP

// ---- begin ltx/http/percent_encoding.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_PERCENT_ENCODING_HPP
#define LTX_HTTP_PERCENT_ENCODING_HPP


#include <optional>
#include <string>
#include <string_view>

namespace ltx::http {

/// True when `c` is an RFC 3986 unreserved character: `A-Z a-z 0-9 - . _ ~`.
constexpr bool is_unreserved(char c) noexcept {
    return ltx::detail::is_unreserved(c);
}

/// Percent-encodes `s` (RFC 3986 section 2.1).
///
/// Unreserved characters are kept; every other byte becomes `%XX` with upper-case hex digits.
/// With `path_segment` true (the default) the result is one path segment or one query
/// component: `/`, `?`, `&`, `=`, `:`, `@` and space are all encoded, so a job id such as
/// `email:a@b.c:id-type:video` becomes `email%3Aa%40b.c%3Aid-type%3Avideo`. With
/// `path_segment` false, `/` is kept as well, so a multi-segment path can be encoded in
/// one call. Space is always `%20`, never `+`.
LTX_DECL std::string percent_encode(std::string_view s, bool path_segment = true);

/// Decodes every `%XX` triplet of `s` (hex digits in either case) into its byte.
///
/// Returns nullopt when a `%` is not followed by two hex digits. `+` is left as it is: it
/// means space only in HTML form encoding, not in RFC 3986. The result may hold any byte,
/// NUL included; validate it before use.
LTX_DECL std::optional<std::string> percent_decode(std::string_view s);

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/impl/percent_encoding.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_PERCENT_ENCODING_IPP
#define LTX_HTTP_IMPL_PERCENT_ENCODING_IPP


namespace ltx::http {

LTX_DECL std::string percent_encode(std::string_view s, bool path_segment) {
    // One encoder for the whole library: the reflection engine's, which the query and path
    // encoders use too. Here it only learns to keep the `/` between segments.
    std::string out;
    out.reserve(s.size());
    if (path_segment) {
        ltx::detail::percent_encode(s, out);
        return out;
    }
    for (std::size_t start = 0;;) {
        const auto slash = s.find('/', start);
        ltx::detail::percent_encode(s.substr(start, slash - start), out);
        if (slash == std::string_view::npos)
            return out;
        out += '/';
        start = slash + 1;
    }
}

LTX_DECL std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (s.size() - i < 3) {
            return std::nullopt;
        }
        const int hi = ltx::detail::hex_value(s[i + 1]);
        const int lo = ltx::detail::hex_value(s[i + 2]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

} // namespace ltx::http

#endif
// ---- end ltx/http/impl/percent_encoding.ipp ----
#endif

#endif
// ---- end ltx/http/percent_encoding.hpp ----
// ---- begin ltx/http/url_error.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_URL_ERROR_HPP
#define LTX_HTTP_URL_ERROR_HPP


#include <system_error>
#include <type_traits>

namespace ltx::http {

/// Why a string is not an absolute http(s) URL that ltx accepts. Usable as `std::error_code`.
/// The messages never quote the URL: a URL may carry a signed token in its query.
enum class url_errc {
    empty = 1,                ///< The input (or the base URL) is empty.
    missing_scheme,           ///< No `scheme:` prefix.
    unsupported_scheme,       ///< A scheme other than `http` or `https`.
    missing_authority,        ///< The scheme is not followed by `//`.
    userinfo_not_allowed,     ///< `user[:password]@` before the host; refused so no credential
                              ///< travels in a URL, where it would reach logs.
    empty_host,               ///< Nothing between `//` and the port or path.
    invalid_host,             ///< Not a host name, dotted-quad IPv4 or bracketed IPv6 address.
    invalid_port,             ///< The port is not a decimal number from 1 to 65535.
    invalid_character,        ///< A byte that must be percent-encoded (space, control, `"`,
                              ///< `<`, `\`, non-ASCII, ...).
    invalid_percent_encoding, ///< A `%` not followed by two hex digits.
};

/// The error category of `url_errc`, named `"ltx.url"`.
LTX_DECL const std::error_category& url_category() noexcept;

/// Makes `e` an error code of `url_category()`; found by argument-dependent lookup.
inline std::error_code make_error_code(url_errc e) noexcept {
    return {static_cast<int>(e), url_category()};
}

} // namespace ltx::http

/// Lets `url_errc` convert implicitly to `std::error_code`.
template <> struct std::is_error_code_enum<ltx::http::url_errc> : std::true_type {};

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/impl/url_error.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_URL_ERROR_IPP
#define LTX_HTTP_IMPL_URL_ERROR_IPP


#include <string>

namespace ltx::http {

namespace detail {

class url_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.url"; }

    std::string message(int ev) const override {
        switch (static_cast<url_errc>(ev)) {
        case url_errc::empty:
            return "URL is empty";
        case url_errc::missing_scheme:
            return "URL has no scheme (expected http:// or https://)";
        case url_errc::unsupported_scheme:
            return "URL scheme is not http or https";
        case url_errc::missing_authority:
            return "URL has no authority (expected // after the scheme)";
        case url_errc::userinfo_not_allowed:
            return "URL contains userinfo (user:password@ before the host), which is refused";
        case url_errc::empty_host:
            return "URL has an empty host";
        case url_errc::invalid_host:
            return "URL host is not a host name, a dotted-quad IPv4 or a bracketed IPv6 address";
        case url_errc::invalid_port:
            return "URL port is not a number from 1 to 65535";
        case url_errc::invalid_character:
            return "URL contains a character that must be percent-encoded";
        case url_errc::invalid_percent_encoding:
            return "URL contains a % not followed by two hex digits";
        }
        return "unknown URL error";
    }
};

} // namespace detail

LTX_DECL const std::error_category& url_category() noexcept {
    static const detail::url_category_impl category;
    return category;
}

} // namespace ltx::http

#endif
// ---- end ltx/http/impl/url_error.ipp ----
#endif

#endif
// ---- end ltx/http/url_error.hpp ----

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::http {

/// What a URL's host is, as far as a connection cares (TLS sends SNI for names only).
enum class host_kind {
    name, ///< A registered name such as `api.useapi.net` (lower-cased).
    ipv4, ///< A dotted-quad IPv4 address such as `127.0.0.1`.
    ipv6, ///< A bracketed IPv6 address such as `[::1]`.
};

namespace detail {
struct url_access;
} // namespace detail

/// An absolute `http` or `https` URL, parsed and validated.
///
/// Obtained from `parse_url` or `resolve`, which guarantee: a lower-case scheme `http` or
/// `https`; a non-empty, lower-case host; a port from 1 to 65535 (the scheme's default when
/// the URL gave none); a path that starts with `/`; a query without its `?`; no userinfo; no
/// byte that would need percent-encoding. The fragment is dropped: it is never sent.
/// Path and query keep their percent-encoding as written. A default-constructed `url` is
/// empty (`empty()` is true) and is not meant to be sent.
class url {
public:
    /// An empty URL: no scheme, no host, port 0.
    url() = default;

    /// True for a default-constructed URL.
    bool empty() const noexcept { return host_.empty(); }

    /// `"http"` or `"https"`.
    const std::string& scheme() const noexcept { return scheme_; }

    /// True when the scheme is `https`.
    bool is_https() const noexcept { return scheme_ == "https"; }

    /// The host as written in a URL, lower case; an IPv6 address keeps its brackets (`[::1]`).
    const std::string& host() const noexcept { return host_; }

    /// The host without IPv6 brackets (`::1`): the form a resolver expects.
    std::string_view host_unbracketed() const noexcept {
        std::string_view h = host_;
        return kind_ == host_kind::ipv6 ? h.substr(1, h.size() - 2) : h;
    }

    /// Whether the host is a name, an IPv4 or an IPv6 address.
    host_kind kind() const noexcept { return kind_; }

    /// The port: as written, or 80 for http and 443 for https.
    std::uint16_t port() const noexcept { return port_; }

    /// True when `port()` is the scheme's default (80 for http, 443 for https).
    bool has_default_port() const noexcept { return port_ == (is_https() ? 443 : 80); }

    /// The path, percent-encoded as written, at least `"/"`.
    const std::string& path() const noexcept { return path_; }

    /// The query without the leading `?`, empty when there is none.
    const std::string& query() const noexcept { return query_; }

    /// `host[:port]`, the port omitted when it is the default: the value of a `Host` header.
    LTX_DECL std::string authority() const;

    /// `scheme://authority`, as `https://api.useapi.net`.
    LTX_DECL std::string origin() const;

    /// `path[?query]`: the request target of an HTTP/1.1 request line.
    LTX_DECL std::string target() const;

    /// The whole URL, normalised: `origin() + target()`. Empty for an empty URL.
    LTX_DECL std::string to_string() const;

    /// URLs are equal when all their parts are equal.
    friend bool operator==(const url&, const url&) = default;

private:
    friend struct detail::url_access;

    std::string scheme_;
    std::string host_;
    std::string path_;
    std::string query_;
    std::uint16_t port_ = 0;
    host_kind kind_ = host_kind::name;
};

/// The outcome of `parse_url` or `resolve`: a `url`, or the reason there is none.
class url_result {
public:
    /// A success holding `u`.
    url_result(url u) noexcept : url_(std::move(u)) {}

    /// A failure for reason `e` (not 0).
    url_result(url_errc e) noexcept : error_(e) {}

    /// True on success.
    bool has_value() const noexcept { return error_ == url_errc{}; }

    /// True on success.
    explicit operator bool() const noexcept { return has_value(); }

    /// The URL. @throws std::system_error holding `error()` on failure.
    const url& value() const& {
        check();
        return url_;
    }

    /// The URL, moved out. @throws std::system_error holding `error()` on failure.
    url&& value() && {
        check();
        return std::move(url_);
    }

    /// The URL; only on success.
    const url& operator*() const noexcept { return url_; }

    /// Member access to the URL; only on success.
    const url* operator->() const noexcept { return &url_; }

    /// The reason of a failure; an empty error code on success.
    std::error_code error() const noexcept {
        return has_value() ? std::error_code{} : make_error_code(error_);
    }

private:
    void check() const {
        if (!has_value()) {
            throw std::system_error(make_error_code(error_));
        }
    }

    url url_;
    url_errc error_{};
};

/// Parses an absolute `http` or `https` URL (RFC 3986, restricted as described at `url`).
///
/// The scheme and host are lower-cased; a host is a DNS-style name (labels of letters, digits,
/// `-`, `_`), a dotted-quad IPv4 address (a host whose last label is numeric must be one:
/// `1.2.3`, `0x7f.0.0.1` and `01.2.3.4` are refused as ambiguous), or a bracketed IPv6
/// address without zone. `http://h:/` (empty port) means the default port. The fragment is
/// validated and dropped.
LTX_DECL url_result parse_url(std::string_view s);

/// True when `parse_url(s)` succeeds: `s` is an absolute http or https URL ltx would send to.
LTX_DECL bool is_absolute_http_url(std::string_view s);

/// Resolves the reference `relative` against `base` (RFC 3986 section 5.2, fragment dropped).
///
/// A relative path is appended to the base path's directory, that is up to and including its
/// last `/`, then `.` and `..` segments are removed. So the base URL must end with `/`:
/// `https://api.useapi.net/v1/ltxstudio/` with `videos/ltx-create` gives
/// `https://api.useapi.net/v1/ltxstudio/videos/ltx-create`, while a base without the final
/// `/` would lose its last segment. A reference starting with `/` replaces the path, one
/// starting with `?` only the query; a reference with its own scheme or `//` authority is
/// parsed as a URL of its own. The query of `relative` is kept as written. A path segment
/// holding `:` or `@` (such as a job id) must be percent-encoded (`percent_encode`), else
/// `email:...` reads as a URL whose scheme is `email` (`unsupported_scheme`).
LTX_DECL url_result resolve(const url& base, std::string_view relative);

/// `resolve(parse_url(base), relative)`; fails with the parse error when `base` is invalid.
LTX_DECL url_result resolve(std::string_view base, std::string_view relative);

namespace detail {

/// `resolve(base, reference)`, with the URL's path built in `reference`'s own buffer: no copy
/// when `reference` is a path starting with `/`, nor when it is a relative path and its
/// capacity also holds the base path's directory. The client writes the base's directory and
/// then an endpoint's target into one string and resolves it here.
LTX_DECL url_result resolve_owned(const url& base, std::string reference);

} // namespace detail

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/impl/url.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_URL_IPP
#define LTX_HTTP_IMPL_URL_IPP


// ---- begin ltx/http/detail/url_scan.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The fast path of URL scanning: one pass over a plain absolute URL, the kind a program sends
// to (`https://hooks.example.com/ltx/jobs?tenant=42`). It accepts only what the general
// grammar (`scan_url`, detail/url_syntax.hpp) accepts, with the same parts; anything unusual
// (an upper-case scheme, userinfo, an IP address, an empty port, a fragment, a byte outside
// the path characters) makes it decline, and the general grammar decides. tests/http/
// url_scan.cpp holds the two to agreement on generated and mutated URLs.
#ifndef LTX_HTTP_DETAIL_URL_SCAN_HPP
#define LTX_HTTP_DETAIL_URL_SCAN_HPP

// ---- begin ltx/http/detail/url_syntax.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Character classes and small parsers of RFC 3986, and the general grammar of an absolute
// http(s) URL (`scan_url`), used by impl/url.ipp and detail/url_scan.hpp.
#ifndef LTX_HTTP_DETAIL_URL_SYNTAX_HPP
#define LTX_HTTP_DETAIL_URL_SYNTAX_HPP


#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ltx::http::detail {

inline bool is_visible_ascii(char c) noexcept {
    return c > 0x20 && c < 0x7f;
}

using ltx::detail::is_alpha;
using ltx::detail::is_digit;
using ltx::detail::is_hex_digit;
using ltx::detail::to_lower;

// Length of the scheme when `s` starts with `scheme:`, else 0.
inline std::size_t scheme_length(std::string_view s) noexcept {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || !is_alpha(s[0])) {
        return 0;
    }
    for (std::size_t i = 1; i < colon; ++i) {
        const char c = s[i];
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') {
            return 0;
        }
    }
    return colon;
}

// Leading zeros are refused: some resolvers read `010` as octal.
inline bool is_ipv4(std::string_view s) noexcept {
    int parts = 0;
    while (true) {
        const auto dot = s.find('.');
        const auto part = s.substr(0, dot);
        if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) {
            return false;
        }
        int value = 0;
        for (char c : part) {
            if (!is_digit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        if (value > 255 || ++parts > 4) {
            return false;
        }
        if (dot == std::string_view::npos) {
            return parts == 4;
        }
        s.remove_prefix(dot + 1);
    }
}

// Counts the 16-bit groups of `h16 *(":" h16)`, an IPv4 tail counting as two; -1 if malformed.
inline int ipv6_groups(std::string_view s, bool allow_ipv4_tail) noexcept {
    if (s.empty()) {
        return 0;
    }
    int groups = 0;
    while (true) {
        const auto colon = s.find(':');
        const auto part = s.substr(0, colon);
        if (colon == std::string_view::npos && allow_ipv4_tail &&
            part.find('.') != std::string_view::npos) {
            return is_ipv4(part) ? groups + 2 : -1;
        }
        if (part.empty() || part.size() > 4) {
            return -1;
        }
        for (char c : part) {
            if (!is_hex_digit(c)) {
                return -1;
            }
        }
        ++groups;
        if (colon == std::string_view::npos) {
            return groups;
        }
        s.remove_prefix(colon + 1);
    }
}

// RFC 4291 text form without zone: eight groups, or fewer around a single `::`.
inline bool is_ipv6(std::string_view s) noexcept {
    const auto gap = s.find("::");
    if (gap == std::string_view::npos) {
        return ipv6_groups(s, true) == 8;
    }
    if (s.find("::", gap + 1) != std::string_view::npos) {
        return false;
    }
    const int left = ipv6_groups(s.substr(0, gap), false);
    const int right = ipv6_groups(s.substr(gap + 2), true);
    return left >= 0 && right >= 0 && left + right <= 7;
}

// A host whose last label is numeric can only be an IPv4 address; anything else there
// (`1.2.3`, `0x7f.1`) is refused rather than guessed, as resolvers disagree on it.
// `ipv6` is what a bracketed host is; classify_host_name never returns it.
enum class host_class { invalid, name, ipv4, ipv6 };

inline host_class classify_host_name(std::string_view host) noexcept {
    if (host.size() > 253) {
        return host_class::invalid;
    }
    std::string_view last;
    std::string_view rest = host;
    while (true) {
        const auto dot = rest.find('.');
        last = rest.substr(0, dot);
        if (last.empty() || last.size() > 63) {
            return host_class::invalid;
        }
        for (char c : last) {
            if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_') {
                return host_class::invalid;
            }
        }
        if (dot == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(dot + 1);
    }
    bool numeric = true;
    for (char c : last) {
        numeric = numeric && is_digit(c);
    }
    if (!numeric) {
        return host_class::name;
    }
    return is_ipv4(host) ? host_class::ipv4 : host_class::invalid;
}

inline std::optional<std::uint16_t> parse_port(std::string_view s) noexcept {
    if (s.empty() || s.size() > 5) {
        return std::nullopt;
    }
    unsigned value = 0;
    for (char c : s) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) {
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(value);
}

// sub-delims, ":", "@" and "/": what a path, query or fragment allows beside unreserved
// characters and percent-encoded triplets.
constexpr bool is_sub_delim_or_path_char(char c) noexcept {
    switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '@':
    case '/':
        return true;
    default:
        return false;
    }
}

constexpr bool is_path_char(char c) noexcept {
    return is_unreserved(c) || is_sub_delim_or_path_char(c);
}

// pchar / "/" (and "?" in a query or fragment), percent-encoded triplets checked.
inline url_errc check_component(std::string_view s, bool allow_question_mark) noexcept {
    using path_char = ltx::detail::byte_class<is_path_char>;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (s.size() - i < 3 || !is_hex_digit(s[i + 1]) || !is_hex_digit(s[i + 2])) {
                return url_errc::invalid_percent_encoding;
            }
            i += 2;
        } else if (!path_char::test(c) && !(allow_question_mark && c == '?')) {
            return url_errc::invalid_character;
        }
    }
    return url_errc{};
}

struct reference_parts {
    std::string_view path;
    std::string_view query;
    bool has_query = false;
};

// Splits `path[?query][#fragment]`, validating all three; the fragment is then dropped.
inline url_errc split_reference(std::string_view s, reference_parts& out) noexcept {
    const auto hash = s.find('#');
    if (hash != std::string_view::npos) {
        if (auto e = check_component(s.substr(hash + 1), true); e != url_errc{}) {
            return e;
        }
        s = s.substr(0, hash);
    }
    const auto question = s.find('?');
    out.path = s.substr(0, question);
    out.has_query = question != std::string_view::npos;
    out.query = out.has_query ? s.substr(question + 1) : std::string_view();
    if (auto e = check_component(out.path, false); e != url_errc{}) {
        return e;
    }
    return check_component(out.query, true);
}

// A URL's parts as views of its text, checked but not copied: what parse_url builds a url
// from, and all is_absolute_http_url needs. Scheme and host are as written (not lower-cased).
struct url_parts {
    std::string_view scheme;
    bool https = false;
    std::string_view host;
    host_class kind = host_class::name;
    std::uint16_t port = 0;
    reference_parts reference;
};

inline url_errc parse_authority(std::string_view auth, url_parts& out) noexcept {
    if (auth.find('@') != std::string_view::npos) {
        return url_errc::userinfo_not_allowed;
    }
    if (auth.empty()) {
        return url_errc::empty_host;
    }
    std::string_view host;
    std::optional<std::string_view> port;
    if (auth.front() == '[') {
        const auto close = auth.find(']');
        if (close == std::string_view::npos || !is_ipv6(auth.substr(1, close - 1))) {
            return url_errc::invalid_host;
        }
        host = auth.substr(0, close + 1);
        const auto after = auth.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return url_errc::invalid_host;
            }
            port = after.substr(1);
        }
        out.kind = host_class::ipv6;
    } else {
        const auto colon = auth.find(':');
        host = auth.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = auth.substr(colon + 1);
        }
        if (host.empty()) {
            return url_errc::empty_host;
        }
        out.kind = classify_host_name(host);
        if (out.kind == host_class::invalid) {
            return url_errc::invalid_host;
        }
    }
    out.host = host;
    out.port = out.https ? 443 : 80;
    if (port && !port->empty()) {
        const auto n = parse_port(*port);
        if (!n) {
            return url_errc::invalid_port;
        }
        out.port = *n;
    }
    return url_errc{};
}

// The general grammar of an absolute http(s) URL (see parse_url).
inline url_errc scan_url(std::string_view s, url_parts& out) noexcept {
    if (s.empty()) {
        return url_errc::empty;
    }
    if (std::any_of(s.begin(), s.end(), [](char c) { return !is_visible_ascii(c); })) {
        return url_errc::invalid_character;
    }
    const auto scheme_len = scheme_length(s);
    if (scheme_len == 0) {
        return url_errc::missing_scheme;
    }
    out.scheme = s.substr(0, scheme_len);
    out.https = ltx::detail::iequals(out.scheme, "https");
    if (!out.https && !ltx::detail::iequals(out.scheme, "http")) {
        return url_errc::unsupported_scheme;
    }
    auto rest = s.substr(scheme_len + 1);
    if (!rest.starts_with("//")) {
        return url_errc::missing_authority;
    }
    rest.remove_prefix(2);
    // By hand: find_first_of searches the set once per character.
    std::size_t auth_end = 0;
    while (auth_end < rest.size() && rest[auth_end] != '/' && rest[auth_end] != '?' &&
           rest[auth_end] != '#') {
        ++auth_end;
    }
    if (auto e = parse_authority(rest.substr(0, auth_end), out); e != url_errc{}) {
        return e;
    }
    return split_reference(rest.substr(auth_end), out.reference);
}

// RFC 3986 section 5.2.4.
inline std::string remove_dot_segments(std::string_view path) {
    std::string in(path);
    std::string out;
    const auto drop_last_segment = [&out] {
        const auto slash = out.rfind('/');
        out.erase(slash == std::string::npos ? 0 : slash);
    };
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.erase(0, 3);
        } else if (in.starts_with("./")) {
            in.erase(0, 2);
        } else if (in.starts_with("/./")) {
            in.erase(0, 2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../")) {
            in.erase(0, 3);
            drop_last_segment();
        } else if (in == "/..") {
            in = "/";
            drop_last_segment();
        } else if (in == "." || in == "..") {
            in.clear();
        } else {
            const auto next = in.find('/', 1);
            out.append(in, 0, next);
            in.erase(0, next);
        }
    }
    return out;
}

} // namespace ltx::http::detail

#endif
// ---- end ltx/http/detail/url_syntax.hpp ----

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ltx::http::detail {

constexpr bool is_plain_label_char(char c) noexcept {
    return ltx::detail::is_alnum(c) || c == '-' || c == '_';
}

// Fills `out` and returns true when `s` is a plain absolute URL: `http://` or `https://` in
// lower case, a host name (labels of letters, digits, `-`, `_`; the last one not all digits),
// an optional non-empty port, then a path and query of path characters, `?` (in the query)
// and percent-encoded triplets. Returns false for anything else, valid or not, with `out`
// unspecified: the caller then runs `scan_url`.
inline bool scan_plain_url(std::string_view s, url_parts& out) noexcept {
    using label_char = ltx::detail::byte_class<is_plain_label_char>;
    using path_char = ltx::detail::byte_class<is_path_char>;
    std::size_t i = 0;
    if (s.starts_with("https://")) {
        out.https = true;
        i = 8;
    } else if (s.starts_with("http://")) {
        out.https = false;
        i = 7;
    } else {
        return false;
    }
    out.scheme = s.substr(0, i - 3);

    // The host: labels of 1 to 63 characters, at most 253 in all.
    const std::size_t host_begin = i;
    std::size_t label_begin = i;
    bool label_numeric = true;
    const auto n = s.size();
    while (true) {
        const char c = i < n ? s[i] : '\0';
        if (label_char::test(c)) {
            label_numeric = label_numeric && ltx::detail::is_digit(c);
            ++i;
            continue;
        }
        const auto label = i - label_begin;
        if (label == 0 || label > 63) {
            return false;
        }
        if (c != '.') {
            break;
        }
        ++i;
        label_begin = i;
        label_numeric = true;
    }
    // A numeric last label makes the host an IPv4 address or an error: the general grammar's.
    if (label_numeric || i - host_begin > 253) {
        return false;
    }
    out.host = s.substr(host_begin, i - host_begin);
    out.kind = host_class::name;
    out.port = out.https ? 443 : 80;

    if (i < n && s[i] == ':') {
        ++i;
        const std::size_t port_begin = i;
        unsigned port = 0;
        while (i < n && ltx::detail::is_digit(s[i]) && i - port_begin < 5) {
            port = port * 10 + static_cast<unsigned>(s[i] - '0');
            ++i;
        }
        if (i == port_begin || port == 0 || port > 65535) {
            return false;
        }
        out.port = static_cast<std::uint16_t>(port);
    }
    if (i < n && s[i] != '/' && s[i] != '?') {
        return false;
    }

    // Path, then query: path characters and percent-encoded triplets; `?` in the query.
    const std::size_t path_begin = i;
    std::size_t question = std::string_view::npos;
    for (; i < n; ++i) {
        const char c = s[i];
        if (path_char::test(c)) {
            continue;
        }
        if (c == '?') {
            if (question == std::string_view::npos) {
                question = i;
            }
            continue;
        }
        if (c != '%' || n - i < 3 || !ltx::detail::is_hex_digit(s[i + 1]) ||
            !ltx::detail::is_hex_digit(s[i + 2])) {
            return false;
        }
        i += 2;
    }
    out.reference.has_query = question != std::string_view::npos;
    if (out.reference.has_query) {
        out.reference.path = s.substr(path_begin, question - path_begin);
        out.reference.query = s.substr(question + 1);
    } else {
        out.reference.path = s.substr(path_begin);
        out.reference.query = {};
    }
    return true;
}

// `scan_url` with the fast path first: the same result, the same parts on success.
inline url_errc scan_url_fast(std::string_view s, url_parts& out) noexcept {
    if (scan_plain_url(s, out)) {
        return url_errc{};
    }
    out = url_parts{};
    return scan_url(s, out);
}

} // namespace ltx::http::detail

#endif
// ---- end ltx/http/detail/url_scan.hpp ----

#include <algorithm>
#include <optional>

namespace ltx::http {

namespace detail {

inline host_kind kind_of(host_class c) noexcept {
    return c == host_class::ipv4   ? host_kind::ipv4
           : c == host_class::ipv6 ? host_kind::ipv6
                                   : host_kind::name;
}

struct url_access {
    static url make(std::string scheme, std::string host, host_kind kind, std::uint16_t port,
                    std::string path, std::string query) {
        url u;
        u.scheme_ = std::move(scheme);
        u.host_ = std::move(host);
        u.kind_ = kind;
        u.port_ = port;
        u.path_ = path.empty() ? std::string("/") : std::move(path);
        u.query_ = std::move(query);
        return u;
    }
};

// Whether `path` has a `.` or `..` segment, the only case in which remove_dot_segments
// changes it.
inline bool has_dot_segment(std::string_view path) noexcept {
    for (auto dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.', dot + 1)) {
        if (dot != 0 && path[dot - 1] != '/') {
            continue;
        }
        auto end = dot + 1;
        if (end < path.size() && path[end] == '.') {
            ++end;
        }
        if (end == path.size() || path[end] == '/') {
            return true;
        }
    }
    return false;
}

} // namespace detail

LTX_DECL std::string url::authority() const {
    if (empty() || has_default_port()) {
        return host_;
    }
    return host_ + ':' + std::to_string(port_);
}

LTX_DECL std::string url::origin() const {
    return empty() ? std::string() : scheme_ + "://" + authority();
}

LTX_DECL std::string url::target() const {
    return query_.empty() ? path_ : path_ + '?' + query_;
}

LTX_DECL std::string url::to_string() const {
    return empty() ? std::string() : origin() + target();
}

LTX_DECL url_result parse_url(std::string_view s) {
    detail::url_parts parts;
    if (auto e = detail::scan_url_fast(s, parts); e != url_errc{}) {
        return e;
    }
    return detail::url_access::make(
        detail::to_lower(parts.scheme), detail::to_lower(parts.host), detail::kind_of(parts.kind),
        parts.port, std::string(parts.reference.path), std::string(parts.reference.query));
}

LTX_DECL bool is_absolute_http_url(std::string_view s) {
    detail::url_parts parts;
    return detail::scan_url_fast(s, parts) == url_errc{};
}

LTX_DECL url_result resolve(const url& base, std::string_view relative) {
    if (base.empty()) {
        return url_errc::empty;
    }
    if (std::any_of(relative.begin(), relative.end(),
                    [](char c) { return !detail::is_visible_ascii(c); })) {
        return url_errc::invalid_character;
    }
    if (detail::scheme_length(relative) != 0) {
        return parse_url(relative);
    }
    if (relative.starts_with("//")) {
        return parse_url(base.scheme() + ':' + std::string(relative));
    }
    detail::reference_parts parts;
    if (auto e = detail::split_reference(relative, parts); e != url_errc{}) {
        return e;
    }
    std::string path;
    std::string query(parts.query);
    if (parts.path.empty()) {
        path = base.path();
        if (!parts.has_query) {
            query = base.query();
        }
    } else if (parts.path.front() == '/') {
        path = detail::has_dot_segment(parts.path) ? detail::remove_dot_segments(parts.path)
                                                   : std::string(parts.path);
    } else {
        const std::string_view base_path = base.path();
        const auto directory = base_path.substr(0, base_path.rfind('/') + 1);
        path.reserve(directory.size() + parts.path.size());
        path.append(directory).append(parts.path);
        if (detail::has_dot_segment(path)) {
            path = detail::remove_dot_segments(path);
        }
    }
    return detail::url_access::make(base.scheme(), base.host(), base.kind(), base.port(),
                                    std::move(path), std::move(query));
}

LTX_DECL url_result detail::resolve_owned(const url& base, std::string reference) {
    // resolve()'s checks in resolve()'s order; only where a non-empty path is built differs.
    if (base.empty() || reference.empty() || reference.front() == '?' || reference.front() == '#' ||
        reference.starts_with("//")) {
        return resolve(base, reference);
    }
    if (std::any_of(reference.begin(), reference.end(),
                    [](char c) { return !detail::is_visible_ascii(c); })) {
        return url_errc::invalid_character;
    }
    if (detail::scheme_length(reference) != 0) {
        return parse_url(reference);
    }
    detail::reference_parts parts;
    if (auto e = detail::split_reference(reference, parts); e != url_errc{}) {
        return e;
    }
    std::string query(parts.query);
    reference.resize(parts.path.size());
    if (reference.front() != '/') {
        const std::string_view base_path = base.path();
        reference.insert(0, base_path.substr(0, base_path.rfind('/') + 1));
    }
    if (detail::has_dot_segment(reference)) {
        reference = detail::remove_dot_segments(reference);
    }
    return detail::url_access::make(base.scheme(), base.host(), base.kind(), base.port(),
                                    std::move(reference), std::move(query));
}

LTX_DECL url_result resolve(std::string_view base, std::string_view relative) {
    auto parsed = parse_url(base);
    if (!parsed) {
        return parsed;
    }
    return resolve(*parsed, relative);
}

} // namespace ltx::http

#endif
// ---- end ltx/http/impl/url.ipp ----
#endif

#endif
// ---- end ltx/http/url.hpp ----

#include <charconv>
#include <limits>

namespace ltx::reflect::detail {

// Messages are built with append alone (see report::fail).
inline void append_text(std::string& out, std::string_view s) {
    out.append(s.data(), s.size());
}

LTX_DECL void check_length(std::size_t min, std::size_t max, std::string_view s, const report& r) {
    std::size_t n = 0;
    if (!ltx::detail::utf8_count(s, n) || (n >= min && n <= max))
        return; // invalid UTF-8 has a rule of its own
    using wide = unsigned long long;
    std::string m;
    append_text(m, "must be ");
    constexpr std::size_t no_maximum = std::numeric_limits<std::size_t>::max(); // the default
    if (max == no_maximum) {
        append_text(m, "at least ");
        append_decimal(m, static_cast<wide>(min));
    } else {
        append_decimal(m, static_cast<wide>(min));
        append_text(m, " to ");
        append_decimal(m, static_cast<wide>(max));
    }
    append_text(m, " characters long, got ");
    append_decimal(m, static_cast<wide>(n));
    r.fail(m);
}

inline void range_failure(long long min, long long max, const report& r, unsigned long long got,
                          bool negative) {
    std::string m;
    constexpr long long no_maximum = std::numeric_limits<long long>::max(); // range's default
    if (max == no_maximum) {
        append_text(m, "must be at least ");
        append_decimal(m, min);
    } else {
        append_text(m, "must be between ");
        append_decimal(m, min);
        append_text(m, " and ");
        append_decimal(m, max);
    }
    append_text(m, ", got ");
    append_decimal(m, got, negative);
    r.fail(m);
}

LTX_DECL void check_range(long long min, long long max, long long v, const report& r) {
    if (v >= min && v <= max)
        return;
    range_failure(min, max, r, ltx::detail::magnitude(v), v < 0);
}

LTX_DECL void check_range(long long min, long long max, unsigned long long v, const report& r) {
    // v is unsigned: at least any negative min, and above any negative max.
    if ((min < 0 || v >= static_cast<unsigned long long>(min)) &&
        (max >= 0 && v <= static_cast<unsigned long long>(max)))
        return;
    range_failure(min, max, r, v, false);
}

LTX_DECL void check_contains(const std::string_view* needles, std::size_t n, std::string_view s,
                             const report& r) {
    std::string m;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.find(needles[i]) != std::string_view::npos)
            continue;
        append_text(m, m.empty() ? "must contain " : ", ");
        append_text(m, needles[i]);
    }
    if (!m.empty())
        r.fail(m);
}

LTX_DECL void check_not_empty(std::string_view s, const report& r) {
    if (s.empty())
        r.fail("must not be empty");
}

// The shortest decimal text that reads back as `v`.
inline void append_real(std::string& out, double v) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out.append(buf, static_cast<std::size_t>(end - buf));
}

LTX_DECL void check_real_range(double min, double max, bool exclusive_min, double v,
                               const report& r) {
    const bool finite = v == v && v >= -std::numeric_limits<double>::max() &&
                        v <= std::numeric_limits<double>::max();
    if (finite && (exclusive_min ? v > min : v >= min) && v <= max)
        return;
    constexpr double no_min = -std::numeric_limits<double>::max(); // the defaults
    constexpr double no_max = std::numeric_limits<double>::max();
    std::string m;
    append_text(m, "must be a finite number");
    if (min != no_min) {
        append_text(m, exclusive_min ? " above " : " of at least ");
        append_real(m, min);
    }
    if (max != no_max) {
        append_text(m, min != no_min ? " and at most " : " of at most ");
        append_real(m, max);
    }
    r.fail(m);
}

LTX_DECL void check_http_url(std::string_view s, const report& r) {
    // The client's own grammar, so that a URL validation accepts is one it can send to.
    if (!ltx::http::is_absolute_http_url(s))
        r.fail("must be an absolute http or https URL");
}

LTX_DECL void check_email(std::string_view s, const report& r) {
    if (!ltx::detail::is_email(s))
        r.fail("must be an e-mail address");
}

LTX_DECL void check_mime_type(std::string_view s, const report& r) {
    if (!ltx::detail::is_mime_type(s))
        r.fail("must be a MIME type such as image/png");
}

} // namespace ltx::reflect::detail

#endif
// ---- end ltx/reflect/impl/rules.ipp ----
#endif

#endif
// ---- end ltx/reflect/rules.hpp ----
// ---- begin ltx/reflect/schema.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_SCHEMA_HPP
#define LTX_REFLECT_SCHEMA_HPP


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
// ---- end ltx/reflect/schema.hpp ----
// ---- begin ltx/reflect/validate.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_VALIDATE_HPP
#define LTX_REFLECT_VALIDATE_HPP

// ---- begin ltx/reflect/detail/validate.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_VALIDATE_HPP
#define LTX_REFLECT_DETAIL_VALIDATE_HPP


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
// ---- end ltx/reflect/detail/validate.hpp ----

#include <vector>

namespace ltx::reflect {

/// Checks `value`, any reflectable value (`classify.hpp`), against its description and
/// schema, and returns every violation (empty when the value is valid).
///
/// What is checked, for every member, recursively through structs, optionals, vectors and
/// maps:
/// - the rules the type's schema attaches to the member (`schema.hpp`, `rules.hpp`), each
///   run by its own `check`; a `required` that fails skips the member's other rules, and the
///   rules of an absent optional do not run;
/// - valid UTF-8 for every string and map key (rule `utf8`);
/// - a value with a wire name for every enum (rule `enum`), so that every encoder can write
///   what passed validation;
/// - the struct-level rules (`rules::at_least_one_of`).
///
/// Violations come in member order, each with its path (`items[0].asset.fileId`,
/// `named[""]` for an empty map key), its rule and a message that never quotes the value,
/// which may be a secret. Nothing is thrown.
///
/// @code
/// for (const auto& v : ltx::reflect::validate(req))
///     std::cerr << ltx::reflect::to_string(v) << '\n'; // "prompt: must be 1 to 2000 ... (length)"
/// @endcode
template <class T> std::vector<violation> validate(const T& value) {
    require_reflectable<T>();
    std::vector<violation> out;
    detail::validate_value(value, detail::value_path{}, out);
    return out;
}

} // namespace ltx::reflect

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/reflect/impl/validate.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_VALIDATE_IPP
#define LTX_REFLECT_IMPL_VALIDATE_IPP


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
// ---- end ltx/reflect/impl/validate.ipp ----
#endif

#endif
// ---- end ltx/reflect/validate.hpp ----

#endif
// ---- end ltx/reflect.hpp ----
// ---- begin ltx/api/common.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Models shared by several endpoints of the LTX Studio API v1: assets, signed asset URLs, the
// empty request and answer, and the error body. Members keep the wire names. Every member of a
// response model is optional: the API documents no field as always present.
#ifndef LTX_API_COMMON_HPP
#define LTX_API_COMMON_HPP


#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <variant>

namespace ltx {

/// A stored file: an uploaded image or a generated artifact.
struct asset {
    /// `image`, `video`, `audio`, `artifact`, ... (an open set).
    std::optional<std::string> type{};
    /// The asset id, `asset:<uuid>-type:<mime type>`; pass it as `startAssetId`/`endAssetId`.
    std::optional<std::string> fileId{};
    /// The MIME type, such as `image/png` or `video/mp4`.
    std::optional<std::string> mimeType{};
    /// For artifacts, how they were made (`model-serving`).
    std::optional<std::string> artifactSubtype{};
};
BOOST_DESCRIBE_STRUCT(asset, (), (type, fileId, mimeType, artifactSubtype))

/// An asset with a signed download URL that stops working after `expirationDateString`.
struct signed_asset {
    /// The signed URL of the file. It needs no API token: never send the token there.
    std::optional<std::string> assetUrl{};
    /// When `assetUrl` expires: milliseconds since the epoch, as a decimal string.
    std::optional<std::string> expirationDateString{};
    /// The asset itself.
    std::optional<ltx::asset> asset{};
};
BOOST_DESCRIBE_STRUCT(signed_asset, (), (assetUrl, expirationDateString, asset))

/// The request of an endpoint that takes no parameters (`GET accounts`, `GET scheduler`).
struct no_parameters {};
BOOST_DESCRIBE_STRUCT(no_parameters, (), ())

/// The answer of an endpoint that answers `204 No Content`: nothing. The decoder reads it
/// from an empty body and skips whatever a body holds (see `reflect::read_json`).
using no_content = std::monostate;

/// The body of every error response: `{"error": "...", "code": 400}`.
struct error_body {
    /// The server's explanation.
    std::optional<std::string> error{};
    /// The HTTP status, repeated.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(error_body, (), (error, code))

} // namespace ltx

#endif
// ---- end ltx/api/common.hpp ----
// ---- begin ltx/api/job.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The job model: what `GET assets/{jobId}`, `pollForResult` answers and webhooks return; and
// what a generator answers when it creates a job.
#ifndef LTX_API_JOB_HPP
#define LTX_API_JOB_HPP


#include <boost/describe/enum.hpp>

#include <optional>
#include <string>

namespace ltx {

/// Where a job is in its lifecycle: `active` -> `completed` | `failed`.
enum class job_state { active, completed, failed };
BOOST_DESCRIBE_ENUM(job_state, active, completed, failed)

/// The progress and result of a job.
struct job_status {
    /// The lifecycle state.
    std::optional<job_state> type{};
    /// Progress in percent, 0 to 100.
    std::optional<int> progress{};
    /// A human-readable message; for failed jobs, why.
    std::optional<std::string> message{};
    /// The generated video (MP4) or image (PNG), once there is one. It may appear after `type`
    /// reads `completed`: see `is_done`.
    std::optional<signed_asset> artifact{};
};
BOOST_DESCRIBE_STRUCT(job_status, (), (type, progress, message, artifact))

/// A generation job.
struct job {
    /// Progress and result.
    std::optional<job_status> status{};
    /// The job id, `email:<account email>:<id>-type:video` for a video job,
    /// `...-type:image` for an image job.
    std::optional<std::string> jobId{};
    /// The generation id, `gen_...`.
    std::optional<std::string> generationId{};
    /// The caller's `replyRef`, echoed back.
    std::optional<std::string> replyRef{};
    /// The caller's `replyUrl`, echoed back.
    std::optional<std::string> replyUrl{};
    /// The HTTP status, repeated in bodies returned with `pollForResult`.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(job, (), (status, jobId, generationId, replyRef, replyUrl, code))

/// The job's state, or nullopt when the server did not say.
/// What a generator answers when it created a job (`POST videos/ltx-create`, ...).
///
/// Without `pollForResult` the answer is `{"jobId": ..., "generationId": ...}`; with it, the
/// job model as it stood when the server stopped polling (`code` 200). Either way `jobId` is
/// there: it is required, so an answer without it fails as `errc::unexpected_response` in the
/// client, and a caller reads `created.jobId` with no check of its own.
struct created_job {
    /// The new job's id, to pass to `wait`, `get_job` and `download`.
    std::string jobId{};
    /// The generation id, `gen_...`; only in the answer without `pollForResult`.
    std::optional<std::string> generationId{};
    /// With `pollForResult`: progress and result as they stood.
    std::optional<job_status> status{};
    /// The caller's `replyRef`, echoed back.
    std::optional<std::string> replyRef{};
    /// The caller's `replyUrl`, echoed back.
    std::optional<std::string> replyUrl{};
    /// With `pollForResult`: the HTTP status, repeated.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(created_job, (), (jobId, generationId, status, replyRef, replyUrl, code))

/// The job model of a generator's answer, for `is_done`, `artifact_url` and `download` when
/// `pollForResult` already saw the job finish.
inline job to_job(const created_job& c) {
    return job{c.status, c.jobId, c.generationId, c.replyRef, c.replyUrl, c.code};
}

inline std::optional<job_state> state_of(const job& j) {
    return j.status ? j.status->type : std::nullopt;
}

/// The signed URL of the finished video, or nullopt.
inline std::optional<std::string> artifact_url(const job& j) {
    if (j.status && j.status->artifact && j.status->artifact->assetUrl &&
        !j.status->artifact->assetUrl->empty())
        return j.status->artifact->assetUrl;
    return std::nullopt;
}

/// True when the job is finished with a downloadable result: `completed` and an artifact
/// URL present. The API warns that `completed` can be read before the URL is there.
inline bool is_done(const job& j) {
    // As artifact_url(j).has_value(), without copying the URL.
    return state_of(j) == job_state::completed && j.status->artifact &&
           j.status->artifact->assetUrl && !j.status->artifact->assetUrl->empty();
}

/// True when the job failed.
inline bool is_failed(const job& j) {
    return state_of(j) == job_state::failed;
}

} // namespace ltx

#endif
// ---- end ltx/api/job.hpp ----
// ---- begin ltx/api/videos.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `POST videos/ltx-create`: create a video with the LTX-Video models from a start and/or end
// frame and a prompt. `POST videos/veo-create`: create a video with the Google Veo models.
#ifndef LTX_API_VIDEOS_HPP
#define LTX_API_VIDEOS_HPP


#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ltx {

/// The LTX-Video model.
enum class model { ltxv, ltxv_turbo };
BOOST_DESCRIBE_ENUM(model, ltxv, ltxv_turbo)
constexpr auto ltx_wire_names(reflect::tag<model>) {
    return reflect::enum_names<model>({{model::ltxv, "ltxv"}, {model::ltxv_turbo, "ltxv-turbo"}});
}

/// The video's length in seconds; a string on the wire (`"5"`).
enum class duration { s3, s5, s7, s9, s15, s30 };
BOOST_DESCRIBE_ENUM(duration, s3, s5, s7, s9, s15, s30)
constexpr auto ltx_wire_names(reflect::tag<duration>) {
    return reflect::enum_names<duration>({{duration::s3, "3"},
                                          {duration::s5, "5"},
                                          {duration::s7, "7"},
                                          {duration::s9, "9"},
                                          {duration::s15, "15"},
                                          {duration::s30, "30"}});
}

/// The frame's shape.
enum class aspect_ratio { landscape_16_9, portrait_9_16, square_1_1 };
BOOST_DESCRIBE_ENUM(aspect_ratio, landscape_16_9, portrait_9_16, square_1_1)
constexpr auto ltx_wire_names(reflect::tag<aspect_ratio>) {
    return reflect::enum_names<aspect_ratio>({{aspect_ratio::landscape_16_9, "16:9"},
                                              {aspect_ratio::portrait_9_16, "9:16"},
                                              {aspect_ratio::square_1_1, "1:1"}});
}

/// How much motion the video has.
enum class intensity { low, medium, high };
BOOST_DESCRIBE_ENUM(intensity, low, medium, high)

/// The body of `POST videos/ltx-create`. Unset optionals are left out of the request and
/// the server applies the default noted on each member.
struct ltx_create_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// What the video shows: 1 to 2000 Unicode characters. Required.
    std::string prompt{};
    /// `fileId` of the first frame's asset. At least one of startAssetId and endAssetId.
    std::optional<std::string> startAssetId{};
    /// `fileId` of the last frame's asset.
    std::optional<std::string> endAssetId{};
    /// Default `ltxv-turbo`.
    std::optional<ltx::model> model{};
    /// Default 3 seconds.
    std::optional<ltx::duration> duration{};
    /// Default 16:9.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// Default medium.
    std::optional<ltx::intensity> intensity{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// Generate sound effects; default false.
    std::optional<bool> audioSFX{};
    /// 1 to 20: the server polls every 3 s up to this many times before answering, and then
    /// returns the job model instead of just its id. Unset: it answers at once.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100. (The reference
    /// gives no range of its own; the account range is assumed.)
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(ltx_create_request, (),
                      (email, prompt, startAssetId, endAssetId, model, duration, aspectRatio,
                       intensity, seed, audioSFX, pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `ltx_create_request`. "Required" is read as non-empty for the
/// prompt: the reference does not say whether the server accepts an empty one, and an empty
/// prompt can only be a mistake.
constexpr auto ltx_schema(reflect::tag<ltx_create_request>) {
    namespace r = reflect::rules;
    using R = ltx_create_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::prompt>(r::required, r::length{1, 2000}),
        reflect::field<&R::startAssetId>(r::not_empty),
        reflect::field<&R::endAssetId>(r::not_empty),
        reflect::field<&R::model>(r::defaults_to<ltx::model>{model::ltxv_turbo}),
        reflect::field<&R::duration>(r::defaults_to<ltx::duration>{duration::s3}),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::intensity>(r::defaults_to<ltx::intensity>{intensity::medium}),
        reflect::field<&R::audioSFX>(r::defaults_to<bool>{false}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::at_least_one_of<&R::startAssetId, &R::endAssetId>{});
}

/// The response of `POST videos/ltx-create`: the new job's id (required), and with
/// `pollForResult` the job as it stood.
using ltx_create_response = created_job;

/// The Google Veo model.
enum class veo_model { veo2, veo3, veo3_fast };
BOOST_DESCRIBE_ENUM(veo_model, veo2, veo3, veo3_fast)
constexpr auto ltx_wire_names(reflect::tag<veo_model>) {
    return reflect::enum_names<veo_model>({{veo_model::veo2, "veo2"},
                                           {veo_model::veo3, "veo3"},
                                           {veo_model::veo3_fast, "veo3-fast"}});
}

/// A Veo video's length in seconds; a string on the wire (`"8"`).
enum class veo_duration { s5, s6, s7, s8 };
BOOST_DESCRIBE_ENUM(veo_duration, s5, s6, s7, s8)
constexpr auto ltx_wire_names(reflect::tag<veo_duration>) {
    return reflect::enum_names<veo_duration>({{veo_duration::s5, "5"},
                                              {veo_duration::s6, "6"},
                                              {veo_duration::s7, "7"},
                                              {veo_duration::s8, "8"}});
}

/// The height of a Veo video's frame.
enum class resolution { p720, p1080 };
BOOST_DESCRIBE_ENUM(resolution, p720, p1080)
constexpr auto ltx_wire_names(reflect::tag<resolution>) {
    return reflect::enum_names<resolution>(
        {{resolution::p720, "720p"}, {resolution::p1080, "1080p"}});
}

/// The body of `POST videos/veo-create`. What each model takes:
///
/// | member        | `veo2` (default)         | `veo3`, `veo3-fast`       |
/// |---------------|--------------------------|---------------------------|
/// | startAssetId  | required                 | optional                  |
/// | duration      | 5 (default), 6, 7, 8     | 8 (default)               |
/// | aspectRatio   | 16:9 (default), 9:16     | 16:9 (default)            |
/// | resolution    | not taken (renders 720p) | 720p, 1080p (default)     |
///
/// Unset optionals are left out of the request and the server applies the default noted on
/// each member.
struct veo_create_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// Default `veo2`.
    std::optional<veo_model> model{};
    /// What the video shows: at most 2000 Unicode characters.
    std::optional<std::string> prompt{};
    /// `fileId` of the first frame's asset; required for `veo2`.
    std::optional<std::string> startAssetId{};
    /// Default 5 seconds for `veo2`, 8 for `veo3` and `veo3-fast` (which take 8 only).
    std::optional<veo_duration> duration{};
    /// Default 16:9; 1:1 is taken by no Veo model, 9:16 by `veo2` only.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// Generate sound (a separate track for `veo2`, in the video otherwise); default false.
    std::optional<bool> audioSFX{};
    /// Default 1080p; not taken by `veo2`.
    std::optional<ltx::resolution> resolution{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// 1 to 20: see `ltx_create_request::pollForResult`.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100.
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(veo_create_request, (),
                      (email, model, prompt, startAssetId, duration, aspectRatio, audioSFX,
                       resolution, seed, pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `veo_create_request`, the per-model table as struct-level rules.
constexpr auto ltx_schema(reflect::tag<veo_create_request>) {
    namespace r = reflect::rules;
    using R = veo_create_request;
    using veo2 = r::when<&R::model, veo_model::veo2>;
    using veo3 = r::when<&R::model, veo_model::veo3, veo_model::veo3_fast>;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::model>(r::defaults_to<veo_model>{veo_model::veo2}),
        reflect::field<&R::prompt>(r::length{0, 2000}),
        reflect::field<&R::startAssetId>(r::not_empty),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::audioSFX>(r::defaults_to<bool>{false}),
        reflect::field<&R::resolution>(r::defaults_to<ltx::resolution>{resolution::p1080}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::required_when<&R::startAssetId, veo2>{},
        r::one_of_when<&R::duration, veo3, veo_duration::s8>{},
        r::one_of_when<&R::aspectRatio, veo2, aspect_ratio::landscape_16_9,
                       aspect_ratio::portrait_9_16>{},
        r::one_of_when<&R::aspectRatio, veo3, aspect_ratio::landscape_16_9>{},
        r::absent_when<&R::resolution, veo2>{});
}

/// The response of `POST videos/veo-create`: the new job's id (required), and with
/// `pollForResult` the job as it stood.
using veo_create_response = created_job;

} // namespace ltx

#endif
// ---- end ltx/api/videos.hpp ----
// ---- begin ltx/api/images.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `POST images/create` (an image from a prompt), `POST images/edit` (an image from one to three
// reference images and a prompt) and `POST images/upscale` (a larger version of a generated
// image). Image jobs have ids ending `-type:image` and are waited on and downloaded as video
// jobs are; their artifact is a PNG.
#ifndef LTX_API_IMAGES_HPP
#define LTX_API_IMAGES_HPP


#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ltx {

/// The image model: FLUX.1 Kontext, FLUX.1 Kontext Max, Gemini 2.5 Flash Image.
enum class image_model { flux, flux_premium, nano_banana };
BOOST_DESCRIBE_ENUM(image_model, flux, flux_premium, nano_banana)
constexpr auto ltx_wire_names(reflect::tag<image_model>) {
    return reflect::enum_names<image_model>({{image_model::flux, "flux"},
                                             {image_model::flux_premium, "flux-premium"},
                                             {image_model::nano_banana, "nano-banana"}});
}

/// The style of a `flux` image; `base` is no style.
enum class image_style {
    cinematic,
    vintage,
    low_key,
    indy,
    y2k,
    pop,
    grunge,
    dreamy,
    hand_drawn,
    novel_2d,
    boost,
    scribble,
    film_noir,
    anime,
    cartoon_3d,
    colored,
    base
};
BOOST_DESCRIBE_ENUM(image_style, cinematic, vintage, low_key, indy, y2k, pop, grunge, dreamy,
                    hand_drawn, novel_2d, boost, scribble, film_noir, anime, cartoon_3d, colored,
                    base)
constexpr auto ltx_wire_names(reflect::tag<image_style>) {
    return reflect::enum_names<image_style>({{image_style::cinematic, "cinematic"},
                                             {image_style::vintage, "vintage"},
                                             {image_style::low_key, "low_key"},
                                             {image_style::indy, "indy"},
                                             {image_style::y2k, "y2k"},
                                             {image_style::pop, "pop"},
                                             {image_style::grunge, "grunge"},
                                             {image_style::dreamy, "dreamy"},
                                             {image_style::hand_drawn, "hand_drawn"},
                                             {image_style::novel_2d, "2d_novel"},
                                             {image_style::boost, "boost"},
                                             {image_style::scribble, "scribble"},
                                             {image_style::film_noir, "film_noir"},
                                             {image_style::anime, "anime"},
                                             {image_style::cartoon_3d, "3d_cartoon"},
                                             {image_style::colored, "colored"},
                                             {image_style::base, "base"}});
}

/// The camera angle of an image.
enum class shot_angle { eye_level, low_angle, over_the_shoulder, overhead, birds_eye_view };
BOOST_DESCRIBE_ENUM(shot_angle, eye_level, low_angle, over_the_shoulder, overhead, birds_eye_view)
constexpr auto ltx_wire_names(reflect::tag<shot_angle>) {
    return reflect::enum_names<shot_angle>({{shot_angle::eye_level, "eye-level"},
                                            {shot_angle::low_angle, "low-angle"},
                                            {shot_angle::over_the_shoulder, "over-the-shoulder"},
                                            {shot_angle::overhead, "overhead"},
                                            {shot_angle::birds_eye_view, "birds-eye-view"}});
}

/// The body of `POST images/create` (alias `images/flux-create`). `referenceAssetId`,
/// `reference_strength` and `style` are taken by `flux` only; `referenceAssetId2` and
/// `referenceAssetId3` by no model (the server refuses them; validation says so before
/// sending). Unset optionals are left out and the server applies the default noted.
struct image_create_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// What the image shows: 1 to 2000 Unicode characters. Required.
    std::string prompt{};
    /// Default `flux`.
    std::optional<image_model> model{};
    /// Default 16:9.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// `fileId` of an image to follow; `flux` only.
    std::optional<std::string> referenceAssetId{};
    /// How closely to follow the reference, 0 to 100; default 50; `flux` only.
    std::optional<int> reference_strength{};
    /// Default `base` (no style); `flux` only.
    std::optional<image_style> style{};
    /// The scene's place: at most 2000 Unicode characters.
    std::optional<std::string> location{};
    /// The scene's weather: at most 2000 Unicode characters.
    std::optional<std::string> weather{};
    /// The scene's light: at most 2000 Unicode characters.
    std::optional<std::string> lighting{};
    /// Free text such as `wide shot`, `close-up`; default empty.
    std::optional<std::string> shotType{};
    /// Not set by default.
    std::optional<ltx::shot_angle> shotAngle{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// Not taken by images/create: refused for every model.
    std::optional<std::string> referenceAssetId2{};
    /// Not taken by images/create: refused for every model.
    std::optional<std::string> referenceAssetId3{};
    /// 1 to 20: see `ltx_create_request::pollForResult`.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100.
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(image_create_request, (),
                      (email, prompt, model, aspectRatio, referenceAssetId, reference_strength,
                       style, location, weather, lighting, shotType, shotAngle, seed,
                       referenceAssetId2, referenceAssetId3, pollForResult, maxJobs, replyUrl,
                       replyRef))

/// The documented rules of `image_create_request`, the per-model table as struct-level rules.
constexpr auto ltx_schema(reflect::tag<image_create_request>) {
    namespace r = reflect::rules;
    using R = image_create_request;
    using not_flux = r::when<&R::model, image_model::flux_premium, image_model::nano_banana>;
    using any_model =
        r::when<&R::model, image_model::flux, image_model::flux_premium, image_model::nano_banana>;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::prompt>(r::required, r::length{1, 2000}),
        reflect::field<&R::model>(r::defaults_to<image_model>{image_model::flux}),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::referenceAssetId>(r::not_empty),
        reflect::field<&R::reference_strength>(r::range{0, 100}, r::defaults_to<int>{50}),
        reflect::field<&R::style>(r::defaults_to<image_style>{image_style::base}),
        reflect::field<&R::location>(r::length{0, 2000}),
        reflect::field<&R::weather>(r::length{0, 2000}),
        reflect::field<&R::lighting>(r::length{0, 2000}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::absent_when<&R::referenceAssetId, not_flux>{},
        r::absent_when<&R::reference_strength, not_flux>{}, r::absent_when<&R::style, not_flux>{},
        r::absent_when<&R::referenceAssetId2, any_model>{},
        r::absent_when<&R::referenceAssetId3, any_model>{});
}

/// The body of `POST images/edit` (alias `images/flux-edit`). `referenceAssetId3` is not taken
/// by `flux`, `aspectRatio` not by `nano-banana`. Unset optionals are left out and the server
/// applies the default noted.
struct image_edit_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// What to make of the references: 1 to 2000 Unicode characters. Required.
    std::string prompt{};
    /// `fileId` of the image to edit. Required.
    std::string referenceAssetId{};
    /// `fileId` of a second reference image.
    std::optional<std::string> referenceAssetId2{};
    /// `fileId` of a third reference image; not taken by `flux`.
    std::optional<std::string> referenceAssetId3{};
    /// Default `flux`.
    std::optional<image_model> model{};
    /// Default 16:9; not taken by `nano-banana`.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// The scene's place: at most 2000 Unicode characters.
    std::optional<std::string> location{};
    /// The scene's weather: at most 2000 Unicode characters.
    std::optional<std::string> weather{};
    /// The scene's light: at most 2000 Unicode characters.
    std::optional<std::string> lighting{};
    /// Free text such as `wide shot`, `close-up`; default empty.
    std::optional<std::string> shotType{};
    /// Not set by default.
    std::optional<ltx::shot_angle> shotAngle{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// 1 to 20: see `ltx_create_request::pollForResult`.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100.
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(image_edit_request, (),
                      (email, prompt, referenceAssetId, referenceAssetId2, referenceAssetId3, model,
                       aspectRatio, location, weather, lighting, shotType, shotAngle, seed,
                       pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `image_edit_request`, the per-model table as struct-level rules.
constexpr auto ltx_schema(reflect::tag<image_edit_request>) {
    namespace r = reflect::rules;
    using R = image_edit_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::prompt>(r::required, r::length{1, 2000}),
        reflect::field<&R::referenceAssetId>(r::required),
        reflect::field<&R::referenceAssetId2>(r::not_empty),
        reflect::field<&R::referenceAssetId3>(r::not_empty),
        reflect::field<&R::model>(r::defaults_to<image_model>{image_model::flux}),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::location>(r::length{0, 2000}),
        reflect::field<&R::weather>(r::length{0, 2000}),
        reflect::field<&R::lighting>(r::length{0, 2000}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::absent_when<&R::referenceAssetId3, r::when<&R::model, image_model::flux>>{},
        r::absent_when<&R::aspectRatio, r::when<&R::model, image_model::nano_banana>>{});
}

/// The body of `POST images/upscale`.
struct image_upscale_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// The `jobId` of a completed image job (create, edit or an earlier upscale) of the same
    /// account. Required.
    std::string jobId{};
    /// 1 to 20: see `ltx_create_request::pollForResult`.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100.
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(image_upscale_request, (),
                      (email, jobId, pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `image_upscale_request`.
constexpr auto ltx_schema(reflect::tag<image_upscale_request>) {
    namespace r = reflect::rules;
    using R = image_upscale_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email), reflect::field<&R::jobId>(r::required),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url));
}

/// The response of the image endpoints: the new job's id (ending `-type:image`, required),
/// and with `pollForResult` the job as it stood.
using image_job_response = created_job;

} // namespace ltx

#endif
// ---- end ltx/api/images.hpp ----
// ---- begin ltx/api/assets.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Assets: `GET assets/{jobId}` (a job's status), `POST assets/` (upload) and `GET assets/`
// (the account's assets, paginated).
#ifndef LTX_API_ASSETS_HPP
#define LTX_API_ASSETS_HPP


#include <boost/describe/enum.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ltx {

/// `GET assets/{jobId}` and `DELETE scheduler/{jobId}`: the job id travels percent-encoded in
/// the path.
struct get_job_request {
    /// The job id from `ltx-create`. Required, non-empty.
    std::string jobId{};
};
BOOST_DESCRIBE_STRUCT(get_job_request, (), (jobId))
constexpr auto ltx_schema(reflect::tag<get_job_request>) {
    return reflect::schema(reflect::field<&get_job_request::jobId>(reflect::rules::required));
}

/// How an uploaded image will be used: `image` as a frame of `videos/ltx-create`,
/// `reference-image` as a reference of `videos/veo-create` and the image endpoints. Every
/// generator accepts an image uploaded as either.
enum class upload_type { image, reference_image };
BOOST_DESCRIBE_ENUM(upload_type, image, reference_image)
constexpr auto ltx_wire_names(reflect::tag<upload_type>) {
    return reflect::enum_names<upload_type>(
        {{upload_type::image, "image"}, {upload_type::reference_image, "reference-image"}});
}

/// The query of `POST assets/`; the file itself is the raw request body.
struct upload_asset_request {
    /// The LTX Studio account; required when several accounts are configured.
    std::optional<std::string> email{};
    /// How the image will be used; default `image`.
    std::optional<upload_type> type{};
};
BOOST_DESCRIBE_STRUCT(upload_asset_request, (), (email, type))
constexpr auto ltx_schema(reflect::tag<upload_asset_request>) {
    namespace r = reflect::rules;
    using R = upload_asset_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::type>(r::defaults_to<upload_type>{upload_type::image}));
}

/// What an upload sends besides its query: checked before any byte leaves.
struct upload_content {
    /// The file's MIME type, sent as Content-Type. Required.
    std::string mimeType{};
    /// The body's size in bytes; an empty body is refused.
    std::uint64_t size = 0;
};
BOOST_DESCRIBE_STRUCT(upload_content, (), (mimeType, size))
constexpr auto ltx_schema(reflect::tag<upload_content>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&upload_content::mimeType>(r::required, r::mime_type),
                           reflect::field<&upload_content::size>(r::range{1}));
}

/// The asset an upload stored.
struct stored_asset {
    /// The asset id, `asset:<id>-type:<mime type>`: pass it as `startAssetId` or
    /// `endAssetId`. Required: an answer without it fails as `errc::unexpected_response`.
    std::string fileId{};
    /// `image` for an upload of `type` `image`, ... (an open set).
    std::optional<std::string> type{};
    /// The MIME type the upload was stored with.
    std::optional<std::string> mimeType{};
};
BOOST_DESCRIBE_STRUCT(stored_asset, (), (fileId, type, mimeType))

/// The response of `POST assets/`: the stored asset and a signed URL to it. The `asset`
/// member and its `fileId` are required, so `uploaded.asset.fileId` needs no check.
struct upload_asset_response {
    /// The signed URL of the file. It needs no API token: never send the token there.
    std::optional<std::string> assetUrl{};
    /// When `assetUrl` expires: milliseconds since the epoch, as a decimal string.
    std::optional<std::string> expirationDateString{};
    /// The stored asset.
    stored_asset asset{};
};
BOOST_DESCRIBE_STRUCT(upload_asset_response, (), (assetUrl, expirationDateString, asset))

/// Which assets `GET assets/` lists.
enum class asset_filter { images, videos, audio, other };
BOOST_DESCRIBE_ENUM(asset_filter, images, videos, audio, other)

/// The query of `GET assets/`.
struct list_assets_request {
    /// The LTX Studio account; required when several accounts are configured.
    std::optional<std::string> email{};
    /// The page, from 1 (the default).
    std::optional<int> page{};
    /// Items per page, 1-100; default 20.
    std::optional<int> limit{};
    /// Only this kind of asset; default all.
    std::optional<asset_filter> filter{};
};
BOOST_DESCRIBE_STRUCT(list_assets_request, (), (email, page, limit, filter))
constexpr auto ltx_schema(reflect::tag<list_assets_request>) {
    namespace r = reflect::rules;
    using R = list_assets_request;
    return reflect::schema(reflect::field<&R::email>(r::email),
                           reflect::field<&R::page>(r::range{1}, r::defaults_to<int>{1}),
                           reflect::field<&R::limit>(r::range{1, 100}, r::defaults_to<int>{20}));
}

/// Assets derived from a listed asset.
struct related_assets {
    /// Thumbnails by size name (`large`, ...).
    std::optional<std::map<std::string, signed_asset>> thumbnails{};
};
BOOST_DESCRIBE_STRUCT(related_assets, (), (thumbnails))

/// One entry of an asset page.
struct asset_item {
    std::optional<std::string> id{};
    /// The job that produced the asset, for generated videos.
    std::optional<std::string> jobId{};
    std::optional<signed_asset> signedAsset{};
    std::optional<ltx::related_assets> relatedAssets{};
};
BOOST_DESCRIBE_STRUCT(asset_item, (), (id, jobId, signedAsset, relatedAssets))

/// Pagination of an asset page.
struct page_meta {
    std::optional<std::int64_t> totalItems{};
    std::optional<std::int64_t> itemCount{};
    std::optional<std::int64_t> itemsPerPage{};
    std::optional<std::int64_t> totalPages{};
    std::optional<std::int64_t> currentPage{};
};
BOOST_DESCRIBE_STRUCT(page_meta, (), (totalItems, itemCount, itemsPerPage, totalPages, currentPage))

/// The response of `GET assets/`.
struct asset_page {
    std::optional<std::vector<asset_item>> items{};
    std::optional<page_meta> meta{};
};
BOOST_DESCRIBE_STRUCT(asset_page, (), (items, meta))

} // namespace ltx

#endif
// ---- end ltx/api/assets.hpp ----
// ---- begin ltx/api/accounts.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Accounts: `GET accounts` (every configured account), `POST accounts` (configure an LTX
// Studio account), `GET accounts/{email}` and `DELETE accounts/{email}`.
#ifndef LTX_API_ACCOUNTS_HPP
#define LTX_API_ACCOUNTS_HPP


#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ltx {

/// The body of `POST accounts`.
struct account_request {
    /// The LTX Studio cookie string; must contain `lt_token` and `lt_refresh_token`.
    /// It is a credential: ltx never logs it.
    std::string cookie{};
    /// Concurrent-job limit, 1 to 100; default 20.
    std::optional<int> maxJobs{};
};
BOOST_DESCRIBE_STRUCT(account_request, (), (cookie, maxJobs))
constexpr auto ltx_schema(reflect::tag<account_request>) {
    namespace r = reflect::rules;
    return reflect::schema(
        reflect::field<&account_request::cookie>(r::required,
                                                 r::contains_all{"lt_token", "lt_refresh_token"}),
        reflect::field<&account_request::maxJobs>(r::range{1, 100}, r::defaults_to<int>{20}));
}

/// `GET accounts/{email}` and `DELETE accounts/{email}`: the e-mail travels percent-encoded
/// in the path.
struct get_account_request {
    /// The account's e-mail. Required.
    std::string email{};
};
BOOST_DESCRIBE_STRUCT(get_account_request, (), (email))
constexpr auto ltx_schema(reflect::tag<get_account_request>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&get_account_request::email>(r::required, r::email));
}

/// `DELETE accounts/{email}`: the same e-mail in the path, with the same rules.
using delete_account_request = get_account_request;

/// Amounts per token kind.
struct token_amounts {
    std::optional<double> LTXStudio_token{};
};
BOOST_DESCRIBE_STRUCT(token_amounts, (), (LTXStudio_token))

/// Times per token kind, in milliseconds since the epoch.
struct token_times {
    std::optional<std::int64_t> LTXStudio_token{};
};
BOOST_DESCRIBE_STRUCT(token_times, (), (LTXStudio_token))

/// The account model.
struct account {
    std::optional<std::string> email{};
    /// Cookie names to values; the server shows secrets as `…secured…`.
    std::optional<std::map<std::string, std::string>> cookie{};
    std::optional<int> maxJobs{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> updated{};
    std::optional<std::string> updatedUTC{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> tokenExpire{};
    std::optional<std::string> tokenExpireUTC{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> refreshTokenExpire{};
    std::optional<std::string> refreshTokenExpireUTC{};
    /// Remaining credits.
    std::optional<token_amounts> balance{};
    /// When each kind of token was last spent.
    std::optional<token_times> latestCreatedAtMs{};
    /// A problem with the account, when there is one.
    std::optional<std::string> error{};
};
BOOST_DESCRIBE_STRUCT(account, (),
                      (email, cookie, maxJobs, updated, updatedUTC, tokenExpire, tokenExpireUTC,
                       refreshTokenExpire, refreshTokenExpireUTC, balance, latestCreatedAtMs,
                       error))

/// The answer of `GET accounts`: every configured account keyed by its e-mail. The values
/// carry no `balance` nor `latestCreatedAtMs` (only `GET accounts/{email}` reports them).
using account_map = std::map<std::string, account>;

} // namespace ltx

#endif
// ---- end ltx/api/accounts.hpp ----
// ---- begin ltx/api/scheduler.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The scheduler: `GET scheduler` (the jobs now running under the token's accounts) and
// `DELETE scheduler/{jobId}` (stop tracking one).
#ifndef LTX_API_SCHEDULER_HPP
#define LTX_API_SCHEDULER_HPP


#include <optional>
#include <string>
#include <vector>

namespace ltx {

/// `DELETE scheduler/{jobId}`: the job id in the path, with the rules of `GET assets/{jobId}`.
using cancel_scheduled_job_request = get_job_request;

/// One running job, as `GET scheduler` lists it: the shape the reference's "Open questions"
/// settle on. The four fields it always shows are required, so an entry without them fails
/// the decode (`errc::unexpected_response`).
struct scheduled_job {
    /// The job id, `email:<account email>:<id>-type:video`; pass it to `get_job`, `wait`,
    /// or `cancel_scheduled_job`.
    std::string jobId{};
    /// The account running the job.
    std::string email{};
    /// When the job started: ISO 8601 UTC with milliseconds, `2025-06-03T12:34:56.789Z`.
    std::string started{};
    /// Minutes and seconds since `started`, `MM:SS`.
    std::string elapsed{};
    /// The job's `replyUrl`, when it was created with one.
    std::optional<std::string> replyUrl{};
    /// The job's `replyRef`, when it was created with one.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(scheduled_job, (), (jobId, email, started, elapsed, replyUrl, replyRef))

/// The answer of `GET scheduler`: the running jobs, empty when none runs.
using scheduled_jobs = std::vector<scheduled_job>;

} // namespace ltx

#endif
// ---- end ltx/api/scheduler.hpp ----
// ---- begin ltx/api/endpoints.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// One traits type per endpoint of the LTX Studio API v1. The client is written against
// these alone: adding an endpoint is a request model, a response model and one struct here.
#ifndef LTX_API_ENDPOINTS_HPP
#define LTX_API_ENDPOINTS_HPP

// ---- begin ltx/http/method.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_METHOD_HPP
#define LTX_HTTP_METHOD_HPP


#include <optional>
#include <string_view>

namespace ltx::http {

/// An HTTP request method (RFC 9110 section 9).
///
/// Only the methods an HTTP API client plausibly sends are listed. `delete_` carries a trailing
/// underscore because `delete` is a keyword; its wire name is `DELETE`.
enum class method {
    get,     ///< `GET`: read a resource.
    head,    ///< `HEAD`: as GET, without a response body.
    post,    ///< `POST`: create or process; neither safe nor idempotent.
    put,     ///< `PUT`: replace a resource.
    delete_, ///< `DELETE`: remove a resource.
    patch,   ///< `PATCH`: partially modify a resource.
    options, ///< `OPTIONS`: ask for communication options.
};

/// The wire name of `m`, upper case as it appears in a request line (`"POST"`).
/// Returns an empty view for a value outside the enumeration.
constexpr std::string_view to_string(method m) noexcept {
    switch (m) {
    case method::get:
        return "GET";
    case method::head:
        return "HEAD";
    case method::post:
        return "POST";
    case method::put:
        return "PUT";
    case method::delete_:
        return "DELETE";
    case method::patch:
        return "PATCH";
    case method::options:
        return "OPTIONS";
    }
    return {};
}

/// The method whose wire name is exactly `name`, or nullopt.
///
/// Method names are case-sensitive (RFC 9110 section 9.1): `"get"` is not `GET`.
constexpr std::optional<method> parse_method(std::string_view name) noexcept {
    for (method m : {method::get, method::head, method::post, method::put, method::delete_,
                     method::patch, method::options}) {
        if (to_string(m) == name) {
            return m;
        }
    }
    return std::nullopt;
}

/// True when RFC 9110 defines `m` as idempotent (GET, HEAD, PUT, DELETE, OPTIONS): sending
/// such a request twice has the same intended effect as sending it once. POST and PATCH are
/// not, so a client must not re-send them after a failure unless it knows nothing was sent.
constexpr bool is_idempotent(method m) noexcept {
    return m != method::post && m != method::patch;
}

} // namespace ltx::http

#endif
// ---- end ltx/http/method.hpp ----

#include <string>
#include <string_view>
#include <tuple>

namespace ltx {

/// How an endpoint's request travels.
enum class body_encoding {
    none, ///< no body: members not in the path go into the query string
    json, ///< a JSON body (the API also accepts the same fields as multipart/form-data)
    raw,  ///< a raw file body with its own Content-Type; members go into the query string
};

namespace endpoints {

/// `POST videos/ltx-create`. Never retried after an ambiguous failure: each accepted
/// request is a paid job.
struct create_video {
    using request = ltx_create_request;
    using response = ltx_create_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "videos/ltx-create";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST videos/veo-create`. Never retried after an ambiguous failure: each accepted request is
/// a paid job.
struct create_veo_video {
    using request = veo_create_request;
    using response = veo_create_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "videos/veo-create";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST images/create` (the old path `images/flux-create` is an alias). Never retried after an
/// ambiguous failure: each accepted request is a paid job.
struct create_image {
    using request = image_create_request;
    using response = image_job_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "images/create";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST images/edit` (the old path `images/flux-edit` is an alias). Never retried after an
/// ambiguous failure: each accepted request is a paid job.
struct edit_image {
    using request = image_edit_request;
    using response = image_job_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "images/edit";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST images/upscale`. Never retried after an ambiguous failure: each accepted request is a
/// paid job.
struct upscale_image {
    using request = image_upscale_request;
    using response = image_job_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "images/upscale";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `GET assets/{jobId}`: a video or an image job.
struct get_job {
    using request = get_job_request;
    using response = job;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "assets/{jobId}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `POST assets/`. Not retried after an ambiguous failure: a second upload would store a
/// second asset.
struct upload_asset {
    using request = upload_asset_request;
    using response = upload_asset_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "assets/";
    static constexpr body_encoding body = body_encoding::raw;
    static constexpr bool retry_safe = false;
};

/// `GET assets/`.
struct list_assets {
    using request = list_assets_request;
    using response = asset_page;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "assets/";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `POST accounts`. Create-or-update with the same body is idempotent, so a retry is safe.
struct configure_account {
    using request = account_request;
    using response = account;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "accounts";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = true;
};

/// `GET accounts/{email}`.
struct get_account {
    using request = get_account_request;
    using response = account;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "accounts/{email}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `GET accounts`: every configured account, keyed by e-mail.
struct list_accounts {
    using request = no_parameters;
    using response = account_map;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "accounts";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `DELETE accounts/{email}`: `204 No Content` (the reference's choice, "Open questions"). Retried
/// after an ambiguous failure: removing a configuration twice leaves the same state as removing it
/// once (DELETE is idempotent). A retry after a first attempt that removed it while its answer was
/// lost reports `errc::not_found`, which says what the caller wanted: the account is not
/// configured.
struct delete_account {
    using request = delete_account_request;
    using response = no_content;
    static constexpr http::method method = http::method::delete_;
    static constexpr std::string_view path = "accounts/{email}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `GET scheduler`: the jobs now running.
struct list_scheduled_jobs {
    using request = no_parameters;
    using response = scheduled_jobs;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "scheduler";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `DELETE scheduler/{jobId}`: `204 No Content` (the reference's choice); the scheduler stops
/// tracking the job (no webhook), which goes on. Retried after an ambiguous failure: it creates
/// nothing and costs nothing, and a second attempt leaves the job untracked as the first did; one
/// whose first attempt took effect unseen reports `errc::not_found` (the job is not tracked any
/// more).
struct cancel_scheduled_job {
    using request = cancel_scheduled_job_request;
    using response = no_content;
    static constexpr http::method method = http::method::delete_;
    static constexpr std::string_view path = "scheduler/{jobId}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// Every endpoint above: what a server of the API answers (the simulator routes from this list).
using all = std::tuple<create_video, create_veo_video, create_image, edit_image, upscale_image,
                       get_job, upload_asset, list_assets, configure_account, get_account,
                       list_accounts, delete_account, list_scheduled_jobs, cancel_scheduled_job>;

} // namespace endpoints

/// True when `name` is a `{placeholder}` of the endpoint's path template.
template <class Endpoint> constexpr bool is_path_param(std::string_view name) {
    const std::string_view p = Endpoint::path;
    for (std::size_t open = p.find('{'); open != std::string_view::npos;
         open = p.find('{', open + 1)) {
        const auto close = p.find('}', open);
        if (p.substr(open + 1, close - open - 1) == name)
            return true;
    }
    return false;
}

namespace detail {

/// Appends `request_target<Endpoint>(req)` to `out`.
template <class Endpoint>
void append_request_target(const typename Endpoint::request& req, std::string& out) {
    const std::string_view p = Endpoint::path;
    // Sized first, so that `out` grows once: the template's length bounds its literal text,
    // and one more byte holds a query's `?`.
    std::size_t size = out.size() + p.size() + 1;
    if constexpr (Endpoint::path.find('{') != std::string_view::npos) {
        reflect::for_each_form_field(req, [&](std::string_view member, std::string_view text) {
            if (is_path_param<Endpoint>(member))
                size += ltx::detail::percent_encoded_size(text);
        });
    }
    out.reserve(size);
    std::size_t pos = 0;
    while (pos < p.size()) {
        const auto open = p.find('{', pos);
        out.append(p.substr(pos, open - pos));
        if (open == std::string_view::npos)
            break;
        const auto close = p.find('}', open);
        const auto name = p.substr(open + 1, close - open - 1);
        reflect::for_each_form_field(req, [&](std::string_view member, std::string_view text) {
            if (member == name)
                detail::percent_encode(text, out);
        });
        pos = close + 1;
    }
    if constexpr (Endpoint::body != body_encoding::json) {
        // write_query puts no `&` right after the `?`; a `?` without members is dropped.
        out += '?';
        reflect::write_query(req, out,
                             [](std::string_view n) { return is_path_param<Endpoint>(n); });
        if (out.back() == '?')
            out.pop_back();
    }
}

/// True when every target of the path template is a relative path whose first segment is
/// literal, as `videos/ltx-create` or `assets/{jobId}`: resolved against a base URL it is
/// the base's directory followed by the target, whatever the placeholders hold.
constexpr bool is_relative_path_template(std::string_view p) {
    if (p.empty() || !ltx::detail::is_alpha(p.front()))
        return false;
    for (char c : p.substr(0, p.find_first_of("/{")))
        if (c == ':' || c == '?' || c == '#' || c == '}')
            return false;
    return true;
}

} // namespace detail

/// The request target relative to the API base URL: the path template with each
/// `{member}` replaced by that member's value, percent-encoded, then `?query` when the
/// endpoint sends its members in the query string and some are set.
template <class Endpoint> std::string request_target(const typename Endpoint::request& req) {
    std::string out;
    detail::append_request_target<Endpoint>(req, out);
    return out;
}

} // namespace ltx

#endif
// ---- end ltx/api/endpoints.hpp ----
// ---- begin ltx/validation_error.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_VALIDATION_ERROR_HPP
#define LTX_VALIDATION_ERROR_HPP


#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ltx {

/// Thrown when a request breaks the API's rules, before any byte is sent. Carries every
/// violation, not just the first. Its message lists them (paths, rules and explanations,
/// never the offending values, which may be secrets).
class validation_error : public std::invalid_argument {
public:
    explicit validation_error(std::vector<reflect::violation> v)
        : std::invalid_argument(describe(v)), violations_(std::move(v)) {}

    /// Every broken rule, in member order.
    const std::vector<reflect::violation>& violations() const noexcept { return violations_; }

private:
    static std::string describe(const std::vector<reflect::violation>& v) {
        std::string s = "invalid request: ";
        for (std::size_t i = 0; i < v.size(); ++i)
            s += (i ? "; " : "") + reflect::to_string(v[i]);
        return s;
    }
    std::vector<reflect::violation> violations_;
};

/// Throws `validation_error` when `value` breaks any rule of its description.
template <class T> void validate_or_throw(const T& value) {
    if (auto v = reflect::validate(value); !v.empty())
        throw validation_error{std::move(v)};
}

} // namespace ltx

#endif
// ---- end ltx/validation_error.hpp ----

#endif
// ---- end ltx/ltx.hpp ----
// ---- begin ltx/client.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_CLIENT_HPP
#define LTX_CLIENT_HPP

// ---- begin ltx/api/studio.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The LTX Studio API v1 as the client core sees it: what differs between the APIs the client
// speaks (see `ltx::basic_api_client`), for this one.
#ifndef LTX_API_STUDIO_HPP
#define LTX_API_STUDIO_HPP

// ---- begin ltx/error.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_ERROR_HPP
#define LTX_ERROR_HPP


#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace ltx {

/// What went wrong in a call of the client, as `std::error_code`s of `ltx::error_category()`.
/// Failures below HTTP keep the transport's own codes (`ltx::http::transport_errc`).
enum class errc {
    invalid_request = 1, ///< the request broke the API's rules; nothing was sent
    bad_request,         ///< 400: the server refused the request
    unauthorized,        ///< 401: missing or unknown API token
    payment_required,    ///< 402: insufficient credits or no subscription
    not_found,           ///< 404: unknown or expired job, unconfigured account
    too_many_requests,   ///< 429: too many concurrent jobs; the job was not accepted
    server_error,        ///< 5xx
    unexpected_response, ///< another status, a body that is not the expected JSON, a redirect
    outcome_unknown,     ///< the connection failed after the request may have reached the
                         ///< server; a paid request is never sent twice, so the job may or
                         ///< may not exist
    job_failed,          ///< the job ended in `failed`
    wait_timeout,        ///< the job did not finish before the wait's deadline
    cancelled,           ///< the caller cancelled the operation (equal to
                         ///< `std::errc::operation_canceled`)
    no_artifact,         ///< the job has no downloadable result (yet)
    size_mismatch,       ///< a download's length differs from its Content-Length
    file_error,          ///< a local file could not be read or written
    request_too_large,   ///< 413: the body, or a data URI in it, is over the API's limit
    content_filtered,    ///< 422: the safety filters stopped the request or its output
};

/// The category of `ltx::errc`, named `"ltx"`.
LTX_DECL const std::error_category& error_category() noexcept;

/// Makes `e` an error code of `error_category()`.
inline std::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// The `errc` an HTTP status maps to (`bad_request` for 400, ...; `unexpected_response` for a
/// status the API does not document, including 3xx).
LTX_DECL errc errc_from_status(int status) noexcept;

/// What is known of a failure beyond its error code: the HTTP status, the server's `error`
/// text, the violations of an invalid request, the transport's error behind an
/// `outcome_unknown`. Nothing in it ever holds the API token.
struct diagnostics {
    int status = 0;
    std::string server_message;
    std::vector<reflect::violation> violations;
    std::error_code transport_error;
    std::string detail;
    /// The server's machine-readable kind of error, when its API has one (the official LTX
    /// API's `error.type`: `rate_limit_error`, `concurrency_limit_error`, ...); else empty.
    std::string error_type;
    /// The server's id of the exchange (its `x-request-id` header), to quote to its support.
    std::string request_id;
    /// The delay the server asked for before the next request (its `Retry-After` header, in
    /// seconds or as an HTTP-date read against the client's clock, capped at a day), when the
    /// answer that ended the call had one that parses; else empty. A 429 or 503 that the
    /// client's own retries did not overcome carries it (a caller pacing its own requests,
    /// such as `ltx::batch::runner`, waits that long).
    std::optional<std::chrono::milliseconds> retry_after;

    /// A one-line summary: the code's message, the status and the server's text.
    LTX_DECL std::string to_string(std::error_code ec) const;
    /// Empties every field.
    void clear() { *this = diagnostics{}; }
};

/// Thrown by the client's throwing calls for failures reported by the API or detected by
/// the client (all `ltx::errc` codes but `invalid_request`, which throws
/// `ltx::validation_error`). Transport failures throw `std::system_error` with the
/// transport's code.
class api_error : public std::system_error {
public:
    api_error(std::error_code ec, diagnostics d)
        : std::system_error(ec, d.to_string(ec)), diag_(std::move(d)) {}

    /// The HTTP status, or 0.
    int status() const noexcept { return diag_.status; }
    /// The server's `error` text, possibly empty.
    const std::string& server_message() const noexcept { return diag_.server_message; }
    /// The server's `x-request-id` of the failed exchange, possibly empty.
    const std::string& request_id() const noexcept { return diag_.request_id; }
    /// Everything known about the failure.
    const ltx::diagnostics& diagnostics() const noexcept { return diag_; }

private:
    ltx::diagnostics diag_;
};

namespace detail {

/// Replaces every occurrence of `secret` in `text` by `<redacted>`. Applied to every string
/// that comes from the server before it reaches a message, whatever the server echoes back.
LTX_DECL std::string redact(std::string text, std::string_view secret);

} // namespace detail

} // namespace ltx

template <> struct std::is_error_code_enum<ltx::errc> : std::true_type {};

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/impl/error.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_IMPL_ERROR_IPP
#define LTX_IMPL_ERROR_IPP


namespace ltx {

namespace detail {

class ltx_category final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx"; }
    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::invalid_request:
            return "invalid request";
        case errc::bad_request:
            return "bad request (400)";
        case errc::unauthorized:
            return "unauthorized (401): missing or unknown API token";
        case errc::payment_required:
            return "payment required (402)";
        case errc::not_found:
            return "not found (404)";
        case errc::too_many_requests:
            return "too many concurrent jobs (429)";
        case errc::server_error:
            return "server error (5xx)";
        case errc::unexpected_response:
            return "unexpected response";
        case errc::outcome_unknown:
            return "the request may have reached the server and was not re-sent";
        case errc::job_failed:
            return "the job failed";
        case errc::wait_timeout:
            return "the job did not finish before the deadline";
        case errc::cancelled:
            return "cancelled";
        case errc::no_artifact:
            return "the job has no downloadable result";
        case errc::size_mismatch:
            return "the download's size differs from its Content-Length";
        case errc::file_error:
            return "a local file could not be read or written";
        case errc::request_too_large:
            return "request too large (413)";
        case errc::content_filtered:
            return "stopped by the content filter (422)";
        }
        return "unknown ltx error";
    }

    // A cancelled operation compares equal to std::errc::operation_canceled, as Asio's
    // operation_aborted does, so one test covers both.
    std::error_condition default_error_condition(int ev) const noexcept override {
        if (static_cast<errc>(ev) == errc::cancelled)
            return std::errc::operation_canceled;
        return {ev, *this};
    }
};

LTX_DECL std::string redact(std::string text, std::string_view secret) {
    if (secret.empty())
        return text;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 10))
        text.replace(pos, secret.size(), "<redacted>");
    return text;
}

} // namespace detail

LTX_DECL const std::error_category& error_category() noexcept {
    static const detail::ltx_category instance;
    return instance;
}

LTX_DECL errc errc_from_status(int status) noexcept {
    switch (status) {
    case 400:
        return errc::bad_request;
    case 401:
        return errc::unauthorized;
    case 402:
        return errc::payment_required;
    case 404:
        return errc::not_found;
    case 429:
        return errc::too_many_requests;
    default:
        return status >= 500 && status <= 599 ? errc::server_error : errc::unexpected_response;
    }
}

LTX_DECL std::string diagnostics::to_string(std::error_code ec) const {
    std::string s = ec.message();
    if (status != 0)
        s += " [HTTP " + std::to_string(status) + "]";
    if (!server_message.empty())
        s += ": " + server_message;
    for (const auto& v : violations)
        s += "; " + reflect::to_string(v);
    if (transport_error && transport_error != ec)
        s += " (transport: " + transport_error.message() + ")";
    if (!detail.empty())
        s += " (" + detail + ")";
    if (!request_id.empty())
        s += " [request id " + request_id + "]";
    return s;
}

} // namespace ltx

#endif
// ---- end ltx/impl/error.ipp ----
#endif

#endif
// ---- end ltx/error.hpp ----
// ---- begin ltx/http/message.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_MESSAGE_HPP
#define LTX_HTTP_MESSAGE_HPP

// ---- begin ltx/http/body.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_BODY_HPP
#define LTX_HTTP_BODY_HPP

// ---- begin ltx/http/headers.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_HEADERS_HPP
#define LTX_HTTP_HEADERS_HPP


#include <atomic>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ltx::http {

/// True when `name` is a non-empty RFC 9110 token (`!#$%&'*+-.^_`|~`, digits, letters),
/// the syntax of a header field name.
LTX_DECL bool is_token(std::string_view name) noexcept;

/// True when `value` may be sent as a header field value: it holds no CR, LF or NUL, the
/// bytes that would let a value end the header line and inject further lines.
LTX_DECL bool is_valid_field_value(std::string_view value) noexcept;

/// ASCII case-insensitive equality, the comparison of header field names.
LTX_DECL bool iequals(std::string_view a, std::string_view b) noexcept;

/// One header field: a name and a value, as sent or received.
struct field {
    std::string name;  ///< Field name, spelled as it was added (lookup ignores case).
    std::string value; ///< Field value, without the line terminator.

    /// Fields are equal when names and values are byte for byte equal.
    friend bool operator==(const field&, const field&) = default;
};

/// The header fields of a request or response: an ordered list of name/value pairs.
///
/// Order and duplicates are kept, as on the wire. Lookup by name ignores ASCII case
/// (`content-type` finds `Content-Type`). Every mutator validates its input and throws
/// `std::invalid_argument` when a name is not a token or a value contains CR, LF or NUL;
/// the message names the header but never repeats the value, since values may be secrets
/// (`Authorization`). So no header line can be injected through this type.
///
/// Copies share one list of fields until one of them is modified, which then makes its own
/// (copy on write): copying the client's headers into each request allocates nothing. The
/// sharing is invisible: a copy behaves as an independent value, and copies may be used and
/// destroyed on different threads, as independent values may.
class headers {
public:
    /// Iterator over the fields, in order. Fields are read-only through it, so the
    /// validation above cannot be bypassed.
    using const_iterator = std::vector<field>::const_iterator;

    /// An empty list.
    headers() = default;

    /// The list holding `fields` in order, each added as by `add`.
    /// @throws std::invalid_argument on an invalid name or value.
    headers(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
        headers built; // freed by its destructor when an `add` throws
        for (const auto& [name, value] : fields) {
            built.add(name, value);
        }
        std::swap(shared_, built.shared_);
    }

    /// Copies share the fields until one of them is modified.
    headers(const headers& other) noexcept : shared_(other.shared_) {
        if (shared_)
            shared_->owners.fetch_add(1, std::memory_order_relaxed);
    }
    /// Copies share the fields until one of them is modified.
    headers& operator=(const headers& other) noexcept {
        headers copy{other};
        std::swap(shared_, copy.shared_);
        return *this;
    }
    /// The list moved from is left empty.
    headers(headers&& other) noexcept : shared_(std::exchange(other.shared_, nullptr)) {}
    /// The list moved from is left empty.
    headers& operator=(headers&& other) noexcept {
        headers taken{std::move(other)};
        std::swap(shared_, taken.shared_);
        return *this;
    }
    ~headers() { release(); }

    /// The value of the first field named `name` (any case), or nullopt when absent.
    /// The view is valid until this list is next modified.
    LTX_DECL std::optional<std::string_view> find(std::string_view name) const noexcept;

    /// The values of every field named `name` (any case), in order.
    LTX_DECL std::vector<std::string_view> find_all(std::string_view name) const;

    /// True when at least one field is named `name` (any case).
    LTX_DECL bool contains(std::string_view name) const noexcept;

    /// The number of fields named `name` (any case).
    LTX_DECL std::size_t count(std::string_view name) const noexcept;

    /// Makes `name: value` the only field of that name: the first existing field of that name
    /// takes the new name spelling and value in place, later ones are removed; when there is
    /// none, the field is appended.
    /// @throws std::invalid_argument on an invalid name or value; the list is then unchanged.
    LTX_DECL void set(std::string_view name, std::string_view value);

    /// Appends `name: value`, keeping any existing fields of that name.
    /// @throws std::invalid_argument on an invalid name or value; the list is then unchanged.
    LTX_DECL void add(std::string_view name, std::string_view value);

    /// Removes every field named `name` (any case); returns how many were removed.
    /// @throws std::bad_alloc when the fields were shared with a copy and this list cannot
    /// make its own; the list is then unchanged.
    LTX_DECL std::size_t erase(std::string_view name);

    /// Removes every field.
    void clear() noexcept {
        release();
        shared_ = nullptr;
    }

    /// The number of fields, duplicates included.
    std::size_t size() const noexcept { return fields().size(); }

    /// True when there is no field.
    bool empty() const noexcept { return fields().empty(); }

    /// The first field.
    const_iterator begin() const noexcept { return fields().begin(); }

    /// Past the last field.
    const_iterator end() const noexcept { return fields().end(); }

    /// Lists are equal when they hold equal fields in the same order.
    friend bool operator==(const headers& a, const headers& b) noexcept {
        return a.shared_ == b.shared_ || a.fields() == b.fields();
    }

private:
    // The fields and the number of lists that share them.
    struct shared_fields {
        std::atomic<std::size_t> owners{1};
        std::vector<field> fields;
    };

    const std::vector<field>& fields() const noexcept {
        static const std::vector<field> none;
        return shared_ ? shared_->fields : none;
    }
    // The fields, this list's own: a new vector when there is none, a copy when shared.
    LTX_DECL std::vector<field>& own();
    // Gives up this list's share (the last owner deletes the fields); leaves `shared_` as is.
    void release() noexcept {
        // acq_rel: this owner's reads happen before the deletion, or before the writes of the
        // owner that then finds itself alone (`own()`, acquire).
        if (shared_ && shared_->owners.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete shared_;
    }

    // Null when empty; shared by copies, never changed while shared.
    shared_fields* shared_ = nullptr;
};

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/impl/headers.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_HEADERS_IPP
#define LTX_HTTP_IMPL_HEADERS_IPP


#include <algorithm>
#include <memory>
#include <stdexcept>

namespace ltx::http {

namespace detail {

// An invalid name may carry control bytes or be huge; the message shows it escaped and cut
// so that the exception text is itself safe to log on one line.
inline std::string printable_name(std::string_view name) {
    constexpr std::size_t max_shown = 64;
    std::string out;
    for (std::size_t i = 0; i < name.size() && i < max_shown; ++i) {
        const auto b = static_cast<unsigned char>(name[i]);
        if (b < 0x20 || b >= 0x7f || b == '"' || b == '\\') {
            out += "\\x";
            out += ltx::detail::hex_digit_upper(b >> 4u);
            out += ltx::detail::hex_digit_upper(b);
        } else {
            out += static_cast<char>(b);
        }
    }
    if (name.size() > max_shown) {
        out += "...";
    }
    return out;
}

inline void check_field(std::string_view name, std::string_view value) {
    if (!is_token(name)) {
        throw std::invalid_argument("ltx::http::headers: invalid header name \"" +
                                    printable_name(name) + "\" (not an RFC 9110 token)");
    }
    if (!is_valid_field_value(value)) {
        // Never echo the value: it may be a credential.
        throw std::invalid_argument("ltx::http::headers: value of header \"" + std::string(name) +
                                    "\" contains CR, LF or NUL");
    }
}

} // namespace detail

LTX_DECL bool is_token(std::string_view name) noexcept {
    return !name.empty() && std::all_of(name.begin(), name.end(), ltx::detail::is_tchar);
}

LTX_DECL bool is_valid_field_value(std::string_view value) noexcept {
    // By hand: find_first_of searches the set once per character.
    return std::none_of(value.begin(), value.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

LTX_DECL bool iequals(std::string_view a, std::string_view b) noexcept {
    return ltx::detail::iequals(a, b);
}

LTX_DECL std::vector<field>& headers::own() {
    if (shared_ && shared_->owners.load(std::memory_order_acquire) == 1)
        return shared_->fields; // alone: the other owners' reads happened before (release())
    auto mine = std::make_unique<shared_fields>();
    if (shared_) {
        mine->fields.reserve(shared_->fields.size() + 1); // room for the field a mutator adds
        mine->fields.assign(shared_->fields.begin(), shared_->fields.end());
    }
    release();
    shared_ = mine.release();
    return shared_->fields;
}

LTX_DECL std::optional<std::string_view> headers::find(std::string_view name) const noexcept {
    for (const auto& f : fields()) {
        if (iequals(f.name, name)) {
            return std::string_view(f.value);
        }
    }
    return std::nullopt;
}

LTX_DECL std::vector<std::string_view> headers::find_all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& f : fields()) {
        if (iequals(f.name, name)) {
            out.emplace_back(f.value);
        }
    }
    return out;
}

LTX_DECL bool headers::contains(std::string_view name) const noexcept {
    return find(name).has_value();
}

LTX_DECL std::size_t headers::count(std::string_view name) const noexcept {
    const auto& all = fields();
    return static_cast<std::size_t>(std::count_if(
        all.begin(), all.end(), [&](const field& f) { return iequals(f.name, name); }));
}

LTX_DECL void headers::set(std::string_view name, std::string_view value) {
    detail::check_field(name, value);
    field replacement{std::string(name), std::string(value)};
    auto& all = own();
    auto first =
        std::find_if(all.begin(), all.end(), [&](const field& f) { return iequals(f.name, name); });
    if (first == all.end()) {
        all.push_back(std::move(replacement));
        return;
    }
    *first = std::move(replacement);
    all.erase(std::remove_if(std::next(first), all.end(),
                             [&](const field& f) { return iequals(f.name, name); }),
              all.end());
}

LTX_DECL void headers::add(std::string_view name, std::string_view value) {
    detail::check_field(name, value);
    field added{std::string(name), std::string(value)};
    own().push_back(std::move(added));
}

LTX_DECL std::size_t headers::erase(std::string_view name) {
    if (count(name) == 0)
        return 0; // nothing to remove: a shared list stays shared
    return static_cast<std::size_t>(
        std::erase_if(own(), [&](const field& f) { return iequals(f.name, name); }));
}

} // namespace ltx::http

#endif
// ---- end ltx/http/impl/headers.ipp ----
#endif

#endif
// ---- end ltx/http/headers.hpp ----

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>

namespace ltx::http {

/// A request body read from a file while it is sent, so an upload of any size is never held in
/// memory.
///
/// The size is taken when the object is made (it becomes the `Content-Length`); a transport
/// sends exactly that many bytes and fails with `transport_errc::protocol_error` if the file
/// then turns out shorter. The file is opened by the transport, not here.
class file_body {
public:
    /// The file at `path`, sized now.
    /// @throws std::filesystem::filesystem_error when `path` is not a regular file or its size
    ///         cannot be read.
    LTX_DECL explicit file_body(std::filesystem::path path);

    /// The file at `path`, sized now; on failure `ec` is set and `size()` is 0.
    LTX_DECL file_body(std::filesystem::path path, std::error_code& ec);

    /// The file at `path`, trusted to hold `size` bytes (no file system access).
    file_body(std::filesystem::path path, std::uint64_t size) noexcept
        : path_(std::move(path)), size_(size) {}

    /// The path given at construction.
    const std::filesystem::path& path() const noexcept { return path_; }

    /// The number of bytes to send.
    std::uint64_t size() const noexcept { return size_; }

    /// File bodies are equal when path and size are equal.
    friend bool operator==(const file_body&, const file_body&) = default;

private:
    std::filesystem::path path_;
    std::uint64_t size_ = 0;
};

/// A request body: bytes held in memory, or a file streamed from disk.
///
/// Converts implicitly from `std::string`, `std::string_view`, a string literal and
/// `file_body`, so `request{.body = json_text}` and `request{.body = file_body{"a.png"}}`
/// both read naturally. Default: empty bytes.
class body {
public:
    /// An empty in-memory body.
    body() = default;

    /// An in-memory body holding `bytes`.
    body(std::string bytes) noexcept : value_(std::move(bytes)) {}

    /// An in-memory body holding a copy of `bytes`.
    body(std::string_view bytes) : value_(std::string(bytes)) {}

    /// An in-memory body holding a copy of the NUL-terminated `bytes`.
    body(const char* bytes) : value_(std::string(bytes)) {}

    /// A body streamed from `file`.
    body(file_body file) noexcept : value_(std::move(file)) {}

    /// True when the body is a file.
    bool is_file() const noexcept { return std::holds_alternative<file_body>(value_); }

    /// The in-memory bytes, or nullptr for a file body.
    const std::string* bytes() const noexcept { return std::get_if<std::string>(&value_); }

    /// The in-memory bytes, or nullptr for a file body.
    std::string* bytes() noexcept { return std::get_if<std::string>(&value_); }

    /// The file, or nullptr for an in-memory body.
    const file_body* file() const noexcept { return std::get_if<file_body>(&value_); }

    /// The number of bytes to send: the `Content-Length`.
    std::uint64_t size() const noexcept {
        const auto* b = bytes();
        return b != nullptr ? b->size() : file()->size();
    }

    /// True when there is no byte to send.
    bool empty() const noexcept { return size() == 0; }

    /// Bodies are equal when they hold equal bytes or equal file bodies.
    friend bool operator==(const body&, const body&) = default;

private:
    std::variant<std::string, file_body> value_;
};

/// Where a transport delivers a response body piece by piece instead of buffering it, so a
/// large download goes to disk with bounded memory.
///
/// A transport that is given a sink (`request::sink`) calls, in this order and from the thread
/// completing the exchange: `on_headers` once, when the status line and headers are in (when
/// set); then `on_chunk` for each non-empty piece of the body, in order, until the body ends.
/// A view passed to `on_chunk` is valid only during the call. If either returns a non-empty
/// error code, the transport stops reading, drops the connection and completes the exchange
/// with that error. The `response::body` of a sunk exchange stays empty; status and headers
/// are filled as usual. Bodies of every status are sunk: `on_headers` is where a sink decides
/// what to do with a non-2xx answer.
struct body_sink {
    /// Receives the next piece of the body; returns an error to abort the exchange.
    std::function<std::error_code(std::string_view chunk)> on_chunk;

    /// Optional: receives the status and headers before the first piece; returns an error to
    /// abort the exchange (for example on an unexpected status or a `Content-Length` too big).
    std::function<std::error_code(int status, const headers& fields)> on_headers;
};

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/impl/body.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_BODY_IPP
#define LTX_HTTP_IMPL_BODY_IPP


namespace ltx::http {

LTX_DECL file_body::file_body(std::filesystem::path path) : path_(std::move(path)) {
    std::error_code ec;
    *this = file_body(path_, ec);
    if (ec) {
        throw std::filesystem::filesystem_error("ltx::http::file_body", path_, ec);
    }
}

LTX_DECL file_body::file_body(std::filesystem::path path, std::error_code& ec)
    : path_(std::move(path)) {
    ec.clear();
    // A directory or device has no meaningful size to announce as Content-Length.
    const auto status = std::filesystem::status(path_, ec);
    if (ec) {
        return;
    }
    if (!std::filesystem::is_regular_file(status)) {
        ec = std::make_error_code(std::errc::invalid_argument);
        return;
    }
    const auto size = std::filesystem::file_size(path_, ec);
    size_ = ec ? 0 : size;
}

} // namespace ltx::http

#endif
// ---- end ltx/http/impl/body.ipp ----
#endif

#endif
// ---- end ltx/http/body.hpp ----

#include <chrono>
#include <string>

namespace ltx::http {

/// An HTTP request as the client hands it to a transport.
///
/// A plain aggregate: build it with designated initializers,
/// `request{.method = method::post, .url = u, .headers = {{"Content-Type", "application/json"}},
/// .body = json}`. The transport derives the request line from `method` and `url.target()`,
/// adds `Host` (from `url.authority()`) and `Content-Length` (from `body.size()`) when the
/// headers lack them, and sends everything else exactly as given.
struct request {
    /// The request method.
    http::method method = http::method::get;

    /// The absolute URL, already parsed and validated (see `parse_url`, `resolve`).
    http::url url{};

    /// The header fields, in the order they are sent. May hold `Authorization`: transports
    /// must never log it or put it in an error message.
    http::headers headers{};

    /// The body: in-memory bytes or a file streamed from disk.
    http::body body{};

    /// Time limit of the whole exchange (connect, send, receive); zero means the transport's
    /// default. Exceeding it fails the exchange with `transport_errc::timeout`.
    std::chrono::milliseconds timeout{0};

    /// When not null, the transport streams the response body into this sink instead of
    /// `response::body` (see `body_sink`). Not owned: it must outlive the exchange.
    body_sink* sink = nullptr;
};

/// An HTTP response as a transport returns it.
struct response {
    /// The status code (200, 404, ...); 0 in a default-constructed response.
    int status = 0;

    /// The header fields, in received order.
    http::headers headers{};

    /// The body bytes; empty when the request had a sink.
    std::string body{};

    /// True for a 2xx status.
    bool ok() const noexcept { return status >= 200 && status <= 299; }
};

} // namespace ltx::http

#endif
// ---- end ltx/http/message.hpp ----

#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace ltx {

/// The description of the LTX Studio API v1 (served by useapi.net) that `ltx::basic_client`
/// is built on. The members an API description has are listed at `ltx::api_description`.
struct studio_api {
    /// What a status poll answers.
    using job = ltx::job;
    /// What names a job to poll: its `jobId`.
    using job_ref = std::string;
    /// The status poll: `GET assets/{jobId}`.
    using poll = endpoints::get_job;
    static poll::request poll_request(const job_ref& id) { return {id}; }

    /// The API documents a 429 as "not accepted": a create is sent again after one.
    static constexpr bool resend_after_429 = true;

    /// A non-2xx answer: its status as `ltx::errc`, and the `error` text of its body
    /// `{"error": "...", "code": N}`.
    static void read_error(const http::response& resp, std::string_view secret, std::error_code& ec,
                           diagnostics& diag) {
        ec = errc_from_status(resp.status);
        error_body body;
        reflect::json_error ignored;
        if (reflect::read_json(resp.body, body, ignored) && body.error)
            diag.server_message = detail::redact(*body.error, secret);
    }

    /// Finished with a downloadable result (`completed` with an artifact URL).
    static bool is_done(const job& j) { return ltx::is_done(j); }
    /// Ended in `failed`.
    static bool is_failed(const job& j) { return ltx::is_failed(j); }
    /// What a failed job says of its failure, into `diag`.
    static void read_failure(const job& j, diagnostics& diag) {
        if (j.status && j.status->message)
            diag.server_message = *j.status->message;
    }
    /// The URL of a finished job's result.
    static std::optional<std::string> artifact_url(const job& j) { return ltx::artifact_url(j); }
};

} // namespace ltx

#endif
// ---- end ltx/api/studio.hpp ----
// ---- begin ltx/basic_api_client.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The client core: every call, wait, download and runner, written once for any API the
// client speaks. What differs between two APIs is a small description type (`Api`, see
// `ltx::api_description`); the LTX Studio client (`ltx::basic_client`, client.hpp) and the
// official LTX API client (`ltx::lightricks::basic_client`) add their named calls on top.
#ifndef LTX_BASIC_API_CLIENT_HPP
#define LTX_BASIC_API_CLIENT_HPP

// ---- begin ltx/config.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_CONFIG_HPP
#define LTX_CONFIG_HPP


#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ltx {

/// When and how often the client sends a request again.
///
/// Requests that are safe to repeat (every GET, `POST accounts`) are retried on 408, 429,
/// 5xx and transport failures, except a cancellation and a TLS failure
/// (`ltx::http::is_tls_failure`: a refused certificate is refused again). A request that creates a
/// paid job or an asset is re-sent only when it certainly was not accepted: a 429 (documented as
/// "not accepted"), or a connection that failed before any byte of the request was written. After
/// any other failure it is never re-sent and the call fails with `ltx::errc::outcome_unknown`.
struct retry_policy {
    /// Attempts in all, the first included; 1 disables retries.
    int max_attempts = 4;
    /// The backoff before the second attempt; it grows by `multiplier` each time.
    std::chrono::milliseconds initial_backoff{500};
    /// Growth of the backoff between attempts.
    double multiplier = 2.0;
    /// The backoff never exceeds this. Each wait is drawn uniformly from [0, backoff]
    /// ("full jitter"), so many clients do not retry in step.
    std::chrono::milliseconds max_backoff{30'000};
    /// A server's `Retry-After` (seconds or HTTP-date) is obeyed up to this; when it asks for
    /// longer, the call fails at once instead.
    std::chrono::milliseconds max_retry_after{120'000};
};

/// Everything the client needs to reach the API. Printing it never shows the token.
struct config {
    /// The useapi.net API token, sent as `Authorization: Bearer` to the API host only.
    std::string token{};
    /// The API's base URL; the endpoint paths are resolved against it.
    std::string base_url = "https://api.useapi.net/v1/ltxstudio/";
    /// The LTX Studio account; used as the `email` of every request that takes one and
    /// leaves it unset.
    std::optional<std::string> email{};
    /// Retries of single requests.
    retry_policy retry{};
    /// Time limit of each HTTP exchange; zero leaves it to the transport.
    std::chrono::milliseconds request_timeout{60'000};
    /// The User-Agent header.
    std::string user_agent = "ltx/0.1";
    /// Seed of the retry jitter; zero draws one from std::random_device.
    std::uint64_t jitter_seed = 0;
};

/// Prints the configuration with the token redacted.
inline std::ostream& operator<<(std::ostream& os, const config& c) {
    os << "ltx::config{token=" << (c.token.empty() ? "<none>" : "<redacted>")
       << ", base_url=" << c.base_url << ", email=" << c.email.value_or("<none>")
       << ", max_attempts=" << c.retry.max_attempts
       << ", request_timeout=" << c.request_timeout.count() << "ms"
       << ", user_agent=" << c.user_agent << "}";
    return os;
}

} // namespace ltx

#endif
// ---- end ltx/config.hpp ----
// ---- begin ltx/detail/operation.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Every client operation (a call, a wait, an upload, a download) as one machine without I/O.
// A machine says what comes next: send `request()`, pause for a delay, or done with `error()`
// and `take_result()`. The runners (the sync loop of impl/client.hpp, the callback runner of
// run_callback.hpp and the Asio composed operation of ltx/asio/run.hpp) feed it the outcome
// of each step; none of them knows what the operation is.
//
// The interface a runner uses:
//   op_step start(time_point now);
//   op_step on_response(std::error_code, http::response, time_point now);  // after a send
//   op_step on_wake(time_point now);                                      // after a pause
//   op_step on_cancelled();                    // the runner's caller cancelled: finish now
//   const http::request& request() const;      // what a `send` step sends
//   std::error_code error() const;  result_type take_result();  diagnostics take_diag();
//   cancellation::state* cancel_token() const;  // options' cancellation, or null
// A machine is not movable once started (a download's request points at its body sink).
#ifndef LTX_DETAIL_OPERATION_HPP
#define LTX_DETAIL_OPERATION_HPP

// ---- begin ltx/detail/download.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_DOWNLOAD_HPP
#define LTX_DETAIL_DOWNLOAD_HPP

// ---- begin ltx/detail/http_date.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_HTTP_DATE_HPP
#define LTX_DETAIL_HTTP_DATE_HPP


#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ltx::detail {

/// The longest delay `parse_retry_after` returns: one day. A server asking for more is
/// either broken or hostile; waiting a day at most keeps a client responsive.
inline constexpr std::chrono::seconds retry_after_limit{86400};

/// Days from 1970-01-01 to the proleptic Gregorian date `y`-`m`-`d` (negative before it).
/// `m` is 1-12 and `d` 1-31; the date is not validated.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The number of days of month `m` (1-12) of year `y` in the Gregorian calendar.
constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    return m == 2 && leap ? 29u : days[(m - 1) % 12];
}

/// Parses an HTTP-date (RFC 9110 section 5.6.7) in any of its three forms:
/// - IMF-fixdate, the preferred one: `Sun, 06 Nov 1994 08:49:37 GMT`;
/// - obsolete RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`;
/// - obsolete asctime: `Sun Nov  6 08:49:37 1994` (day as ` 6` or `06`).
///
/// Strict, as the grammar is: names are case-sensitive English (no locale), separators are
/// single spaces, numbers have exactly the digits the grammar gives, and leading or trailing
/// spaces or tabs (optional whitespace around a field value) are the only slack. The day
/// must exist in its month (29 February only in leap years), the hour is below 24, the minute
/// below 60, and the day name must be the weekday of the date. A second of 60 is accepted only
/// as a leap second, at 23:59, and read as 23:59:59, since the clock cannot represent it.
///
/// A two-digit RFC 850 year is placed, per RFC 9110, no more than 50 years after the year of
/// `now`: the century is chosen so that the year lies in (year(now) - 50, year(now) + 50].
///
/// @returns the instant, or nullopt when `s` is not an HTTP-date or the instant lies outside
///          the range of `std::chrono::system_clock`.
LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s, std::chrono::system_clock::time_point now) noexcept;

/// `parse_http_date(s, std::chrono::system_clock::now())`: the current year places
/// two-digit RFC 850 years.
LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s) noexcept;

/// Formats `t`, truncated to the second, as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
/// the form a sender must use. Years outside 0-9999 cannot be written in that form; they are
/// clamped to its limits.
LTX_DECL std::string format_http_date(std::chrono::system_clock::time_point t);

/// Reads a `Retry-After` field value (RFC 9110 section 10.2.3) as a delay from `now`.
///
/// - `delay-seconds` (one or more digits, nothing else): that many seconds. Any number of
///   digits is accepted without overflow; the delay is capped at `retry_after_limit`.
/// - an HTTP-date (see `parse_http_date`, with `now` placing two-digit years): the time from
///   `now` to that date, rounded up to the millisecond, 0 when the date has passed, capped at
///   `retry_after_limit`.
///
/// Spaces and tabs around the value are ignored.
/// @returns the delay, or nullopt when the value is neither form (empty, negative, fractional,
///          a malformed date, ...): the caller then falls back to its own backoff.
LTX_DECL std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) noexcept;

} // namespace ltx::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/detail/impl/http_date.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_IMPL_HTTP_DATE_IPP
#define LTX_DETAIL_IMPL_HTTP_DATE_IPP


#include <cstddef>

namespace ltx::detail {

namespace http_date_impl {

// Indexed by weekday, 0 = Sunday, the numbering of weekday_from_days.
constexpr std::string_view short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view long_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr unsigned weekday_from_days(std::int64_t z) noexcept {
    return static_cast<unsigned>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

constexpr std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

struct cursor {
    std::string_view s;

    bool literal(std::string_view t) noexcept {
        if (s.substr(0, t.size()) != t) {
            return false;
        }
        s.remove_prefix(t.size());
        return true;
    }

    // Exactly n digits.
    bool number(std::size_t n, unsigned& out) noexcept {
        if (s.size() < n) {
            return false;
        }
        out = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!is_digit(s[i])) {
                return false;
            }
            out = out * 10 + static_cast<unsigned>(s[i] - '0');
        }
        s.remove_prefix(n);
        return true;
    }

    // Index of the name in `names` that the input starts with.
    template <std::size_t N>
    bool one_of(const std::string_view (&names)[N], unsigned& out) noexcept {
        for (std::size_t i = 0; i < N; ++i) {
            if (literal(names[i])) {
                out = static_cast<unsigned>(i);
                return true;
            }
        }
        return false;
    }

    bool time_of_day(unsigned& h, unsigned& m, unsigned& sec) noexcept {
        return number(2, h) && literal(":") && number(2, m) && literal(":") && number(2, sec);
    }
};

struct fields {
    std::int64_t year = 0;
    unsigned month = 0; // 0-11 while parsing
    unsigned day = 0;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    unsigned weekday = 0;
};

// Each form begins with its day name, so the name alone says which grammar follows:
// "Sunday," (RFC 850), "Sun," (IMF-fixdate) or "Sun " (asctime).
inline bool parse_fields(std::string_view s, std::int64_t now_year, fields& f) noexcept {
    cursor c{s};
    unsigned year = 0;
    if (c.one_of(long_days, f.weekday)) {
        if (!(c.literal(", ") && c.number(2, f.day) && c.literal("-") &&
              c.one_of(months, f.month) && c.literal("-") && c.number(2, year) && c.literal(" ") &&
              c.time_of_day(f.hour, f.minute, f.second) && c.literal(" GMT"))) {
            return false;
        }
        const std::int64_t century = now_year - now_year % 100;
        f.year = century + year;
        if (f.year > now_year + 50) {
            f.year -= 100;
        } else if (f.year <= now_year - 50) {
            f.year += 100;
        }
        return c.s.empty();
    }
    if (!c.one_of(short_days, f.weekday)) {
        return false;
    }
    if (c.literal(", ")) {
        if (!(c.number(2, f.day) && c.literal(" ") && c.one_of(months, f.month) && c.literal(" ") &&
              c.number(4, year) && c.literal(" ") && c.time_of_day(f.hour, f.minute, f.second) &&
              c.literal(" GMT"))) {
            return false;
        }
    } else {
        if (!(c.literal(" ") && c.one_of(months, f.month) && c.literal(" "))) {
            return false;
        }
        if (!(c.literal(" ") ? c.number(1, f.day) : c.number(2, f.day))) {
            return false;
        }
        if (!(c.literal(" ") && c.time_of_day(f.hour, f.minute, f.second) && c.literal(" ") &&
              c.number(4, year))) {
            return false;
        }
    }
    f.year = year;
    return c.s.empty();
}

} // namespace http_date_impl

LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s, std::chrono::system_clock::time_point now) noexcept {
    using namespace std::chrono;
    namespace impl = http_date_impl;

    const auto now_days = floor<days>(now).time_since_epoch().count();
    const std::int64_t now_year = static_cast<std::int64_t>(
        static_cast<int>(year_month_day{sys_days{days{now_days}}}.year()));

    impl::fields f;
    if (!impl::parse_fields(impl::trim_ows(s), now_year, f)) {
        return std::nullopt;
    }
    const unsigned month = f.month + 1;
    if (f.day < 1 || f.day > days_in_month(f.year, month) || f.hour > 23 || f.minute > 59) {
        return std::nullopt;
    }
    if (f.second == 60 && f.hour == 23 && f.minute == 59) {
        f.second = 59;
    } else if (f.second > 59) {
        return std::nullopt;
    }
    const std::int64_t day_count = days_from_civil(f.year, month, f.day);
    if (impl::weekday_from_days(day_count) != f.weekday) {
        return std::nullopt;
    }
    // Years fit 0-9999, so this cannot overflow; the clock's own range is narrower.
    const std::int64_t secs = day_count * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
    constexpr auto max_secs = duration_cast<seconds>(system_clock::duration::max()).count();
    constexpr auto min_secs = duration_cast<seconds>(system_clock::duration::min()).count();
    if (secs > max_secs || secs < min_secs) {
        return std::nullopt;
    }
    return system_clock::time_point{duration_cast<system_clock::duration>(seconds{secs})};
}

LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s) noexcept {
    return parse_http_date(s, std::chrono::system_clock::now());
}

LTX_DECL std::string format_http_date(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    namespace impl = http_date_impl;

    const auto secs = floor<seconds>(t).time_since_epoch().count();
    std::int64_t day_count = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    std::int64_t rest = secs - day_count * 86400;
    const year_month_day lowest{year{0}, month{1}, day{1}};
    const year_month_day highest{year{9999}, month{12}, day{31}};
    if (day_count < sys_days{lowest}.time_since_epoch().count()) {
        day_count = sys_days{lowest}.time_since_epoch().count();
        rest = 0;
    } else if (day_count > sys_days{highest}.time_since_epoch().count()) {
        day_count = sys_days{highest}.time_since_epoch().count();
        rest = 86399;
    }
    const year_month_day ymd{sys_days{days{day_count}}};

    std::string out;
    out.reserve(29);
    auto put = [&out](std::int64_t value, int width) {
        char digits[4];
        for (int i = width - 1; i >= 0; --i) {
            digits[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
        out.append(digits, static_cast<std::size_t>(width));
    };
    out += impl::short_days[impl::weekday_from_days(day_count)];
    out += ", ";
    put(static_cast<unsigned>(ymd.day()), 2);
    out += ' ';
    out += impl::months[static_cast<unsigned>(ymd.month()) - 1];
    out += ' ';
    put(static_cast<int>(ymd.year()), 4);
    out += ' ';
    put(rest / 3600, 2);
    out += ':';
    put(rest / 60 % 60, 2);
    out += ':';
    put(rest % 60, 2);
    out += " GMT";
    return out;
}

LTX_DECL std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) noexcept {
    using namespace std::chrono;
    constexpr milliseconds limit = retry_after_limit;

    value = http_date_impl::trim_ows(value);
    if (value.empty()) {
        return std::nullopt;
    }
    if (is_digit(value.front())) {
        // Saturating: once past the limit, further digits only make it larger.
        std::int64_t secs = 0;
        for (const char ch : value) {
            if (!is_digit(ch)) {
                return std::nullopt;
            }
            if (secs <= retry_after_limit.count()) {
                secs = secs * 10 + (ch - '0');
            }
        }
        return secs > retry_after_limit.count() ? limit : milliseconds{seconds{secs}};
    }
    const auto date = parse_http_date(value, now);
    if (!date) {
        return std::nullopt;
    }
    if (*date <= now) {
        return milliseconds{0};
    }
    // Both lie in the clock's range but their difference may not: compare whole seconds first.
    const auto date_secs = floor<seconds>(date->time_since_epoch()).count();
    const auto now_secs = floor<seconds>(now.time_since_epoch()).count();
    if (date_secs - now_secs >= retry_after_limit.count()) {
        return limit;
    }
    return ceil<milliseconds>(*date - now);
}

} // namespace ltx::detail

#endif
// ---- end ltx/detail/impl/http_date.ipp ----
#endif

#endif
// ---- end ltx/detail/http_date.hpp ----
// ---- begin ltx/detail/retry.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_RETRY_HPP
#define LTX_DETAIL_RETRY_HPP

// ---- begin ltx/http/error.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_ERROR_HPP
#define LTX_HTTP_ERROR_HPP


#include <system_error>
#include <type_traits>

namespace ltx::http {

/// How an HTTP exchange failed below the level of HTTP statuses. Transports report these as
/// `std::error_code`s of `transport_category()`; an HTTP error status (404, 500) is not a
/// transport error, it is a response.
enum class transport_errc {
    connection_failed = 1, ///< No connection was made: name resolution failed, the connection
                           ///< was refused, or connecting timed out. Nothing was sent.
    connection_reset,      ///< The peer closed or reset the connection mid-exchange.
    timeout,               ///< The exchange did not complete within its time limit.
    tls_failure,           ///< TLS handshake or record failure (certificate refused, ...).
    body_too_large,        ///< The response body exceeded the transport's limit.
    headers_too_large,     ///< The response status line and headers exceeded the limit.
    protocol_error,        ///< The peer broke HTTP/1.1 (malformed status line, bad chunking,
                           ///< ...), or a request file body was shorter than announced.
    cancelled,             ///< The exchange was cancelled by its caller.
    pool_timeout,          ///< The time limit passed while the exchange waited for a
                           ///< connection (the transport's cap on connections per host).
                           ///< Nothing was sent.
    certificate_refused,   ///< The server's TLS certificate was refused during the handshake,
                           ///< before any byte of the request. A TLS failure (`is_tls_failure`)
                           ///< and unsent (`request_not_sent`). A transport may report a code
                           ///< of its own category that says why, whose
                           ///< `default_error_condition` is this one (`ltx::asio` does).
};

/// The error category of `transport_errc`, named `"ltx.transport"`.
///
/// Its `default_error_condition` maps `timeout` and `pool_timeout`, `connection_reset` and
/// `cancelled` to `std::errc::timed_out`, `std::errc::connection_reset` and
/// `std::errc::operation_canceled`, so `ec == std::errc::timed_out` holds for a transport
/// timeout.
LTX_DECL const std::error_category& transport_category() noexcept;

/// Makes `e` an error code of `transport_category()`; found by argument-dependent lookup.
inline std::error_code make_error_code(transport_errc e) noexcept {
    return {static_cast<int>(e), transport_category()};
}

/// True only when `ec` guarantees that no byte of the request reached the network:
/// `transport_errc::connection_failed`, `transport_errc::pool_timeout`, or a refused
/// certificate (`transport_errc::certificate_refused`, or a code of another category whose
/// `default_error_condition` is that one).
///
/// A client uses it to decide whether a request that is not idempotent (a paid POST) may be
/// sent again, and whether a failed one may have created anything: after any other failure
/// (timeout, reset, another TLS failure, cancellation) the server may have received, and acted
/// on, the request. Other error codes of other categories are never reported as unsent, since
/// their origin is unknown.
inline bool request_not_sent(const std::error_code& ec) noexcept {
    if (ec.category() == transport_category())
        return ec.value() == static_cast<int>(transport_errc::connection_failed) ||
               ec.value() == static_cast<int>(transport_errc::pool_timeout) ||
               ec.value() == static_cast<int>(transport_errc::certificate_refused);
    return ec.default_error_condition() ==
           std::error_condition(static_cast<int>(transport_errc::certificate_refused),
                                transport_category());
}

/// True when `ec` is a TLS failure: `transport_errc::tls_failure` or `certificate_refused`, or a
/// code of another category whose `default_error_condition` is one of those (as for the
/// certificate refusals of the Asio adapter's `ltx::asio::tls_verify_category()`, which say
/// why).
///
/// A client does not send a request again after one: a refused certificate or a failed
/// handshake will fail the same way.
inline bool is_tls_failure(const std::error_code& ec) noexcept {
    return ec == std::error_condition(static_cast<int>(transport_errc::tls_failure),
                                      transport_category());
}

} // namespace ltx::http

/// Lets `transport_errc` convert implicitly to `std::error_code`.
template <> struct std::is_error_code_enum<ltx::http::transport_errc> : std::true_type {};

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/http/impl/error.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_ERROR_IPP
#define LTX_HTTP_IMPL_ERROR_IPP


#include <string>

namespace ltx::http {

namespace detail {

class transport_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.transport"; }

    std::string message(int ev) const override {
        switch (static_cast<transport_errc>(ev)) {
        case transport_errc::connection_failed:
            return "connection failed (nothing was sent)";
        case transport_errc::connection_reset:
            return "connection closed or reset by the peer";
        case transport_errc::timeout:
            return "HTTP exchange timed out";
        case transport_errc::tls_failure:
            return "TLS failure";
        case transport_errc::body_too_large:
            return "response body too large";
        case transport_errc::headers_too_large:
            return "response headers too large";
        case transport_errc::protocol_error:
            return "HTTP protocol error";
        case transport_errc::cancelled:
            return "HTTP exchange cancelled";
        case transport_errc::pool_timeout:
            return "timed out waiting for a connection (nothing was sent)";
        case transport_errc::certificate_refused:
            return "TLS certificate refused (nothing was sent)";
        }
        return "unknown transport error";
    }

    std::error_condition default_error_condition(int ev) const noexcept override {
        switch (static_cast<transport_errc>(ev)) {
        case transport_errc::timeout:
        case transport_errc::pool_timeout:
            return std::errc::timed_out;
        case transport_errc::connection_reset:
            return std::errc::connection_reset;
        case transport_errc::cancelled:
            return std::errc::operation_canceled;
        default:
            return {ev, *this};
        }
    }

    // A refused certificate, of this category or another, is also a TLS failure.
    bool equivalent(const std::error_code& code, int condition) const noexcept override {
        if (condition == static_cast<int>(transport_errc::tls_failure) &&
            code.default_error_condition() ==
                std::error_condition(static_cast<int>(transport_errc::certificate_refused), *this))
            return true;
        return std::error_category::equivalent(code, condition);
    }
};

} // namespace detail

LTX_DECL const std::error_category& transport_category() noexcept {
    static const detail::transport_category_impl category;
    return category;
}

} // namespace ltx::http

#endif
// ---- end ltx/http/impl/error.ipp ----
#endif

#endif
// ---- end ltx/http/error.hpp ----

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <system_error>

namespace ltx::detail {

/// What one attempt came to: a transport error, or a response's status and Retry-After.
struct attempt_outcome {
    std::error_code transport_error;
    /// True when the transport guarantees no byte of the request was written.
    bool request_not_sent = false;
    int status = 0;
    std::optional<std::string_view> retry_after;
};

/// The outcome of an exchange that ended with `tec` or with `resp` (which must outlive it:
/// `retry_after` views its header).
inline attempt_outcome outcome_of(std::error_code tec, const http::response& resp) {
    attempt_outcome o;
    o.transport_error = tec;
    o.request_not_sent = http::request_not_sent(tec);
    if (!tec) {
        o.status = resp.status;
        o.retry_after = resp.headers.find("Retry-After");
    }
    return o;
}

/// What to do after an attempt.
struct retry_decision {
    enum kind_t {
        finish,    ///< hand the outcome to the caller (success or a final error)
        retry,     ///< wait `delay`, then send the same request again
        ambiguous, ///< fail with outcome_unknown: the request may have been accepted
    } kind = finish;
    std::chrono::milliseconds delay{0};
};

/// The retry rules, without I/O: fed each attempt's outcome, it says what comes next.
/// Sync and async drivers share it, and tests drive it with simulated time.
class retry_machine {
public:
    /// `resend_after_429`: whether a request that is not `retry_safe` is sent again after a
    /// 429 (an API that documents a 429 as "not accepted" and leaves the resend to the client);
    /// a `retry_safe` one always is.
    retry_machine(const retry_policy& policy, bool retry_safe, std::uint64_t seed,
                  bool resend_after_429 = true)
        : policy_(policy), retry_safe_(retry_safe), resend_after_429_(resend_after_429),
          seed_(seed) {}
    retry_machine(const retry_machine& o)
        : policy_(o.policy_), retry_safe_(o.retry_safe_), resend_after_429_(o.resend_after_429_),
          attempts_(o.attempts_), seed_(o.seed_),
          rng_(o.rng_ ? std::make_unique<std::mt19937_64>(*o.rng_) : nullptr) {}
    retry_machine(retry_machine&&) noexcept = default;
    retry_machine& operator=(retry_machine o) noexcept {
        policy_ = o.policy_;
        retry_safe_ = o.retry_safe_;
        resend_after_429_ = o.resend_after_429_;
        attempts_ = o.attempts_;
        seed_ = o.seed_;
        rng_ = std::move(o.rng_);
        return *this;
    }
    ~retry_machine() = default;

    /// Number of attempts made so far.
    int attempts() const noexcept { return attempts_; }

    /// Records an attempt and decides what follows. `now` turns an HTTP-date Retry-After
    /// into a delay.
    retry_decision on_outcome(const attempt_outcome& o, std::chrono::system_clock::time_point now) {
        ++attempts_;
        const bool failed_below_http = static_cast<bool>(o.transport_error);
        bool repeatable = false;
        if (o.transport_error == http::transport_errc::cancelled)
            repeatable = false; // the caller asked to stop
        else if (http::is_tls_failure(o.transport_error))
            repeatable = false; // a refused certificate is refused again
        else if (failed_below_http)
            repeatable = retry_safe_ || o.request_not_sent;
        else if (o.status == 429)
            repeatable = retry_safe_ || resend_after_429_; // documented: not accepted
        else if (o.status == 408 || (o.status >= 500 && o.status <= 599))
            repeatable = retry_safe_;

        if (!repeatable || attempts_ >= policy_.max_attempts) {
            if (failed_below_http && !retry_safe_ && !o.request_not_sent)
                return {retry_decision::ambiguous, {}};
            return {retry_decision::finish, {}};
        }
        if (o.retry_after) {
            const auto asked = parse_retry_after(*o.retry_after, now);
            if (asked) {
                if (*asked > policy_.max_retry_after)
                    return {retry_decision::finish, {}};
                return {retry_decision::retry, *asked};
            }
        }
        return {retry_decision::retry, jittered_backoff()};
    }

private:
    std::chrono::milliseconds jittered_backoff() {
        const double base = static_cast<double>(policy_.initial_backoff.count()) *
                            std::pow(policy_.multiplier, attempts_ - 1);
        const auto cap = static_cast<double>(policy_.max_backoff.count());
        const auto bound = static_cast<long long>(std::min(base, cap));
        std::uniform_int_distribution<long long> pick(0, std::max(bound, 0LL));
        // Made at the first retry, on the heap: most calls never retry, seeding (two
        // std::random_device reads for seed 0, then 312 words of state) would be most of the
        // cost of a call, and those 2.5 KB would sit in every waited job.
        if (!rng_)
            rng_ = std::make_unique<std::mt19937_64>(
                seed_ != 0
                    ? seed_
                    : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}());
        return std::chrono::milliseconds{pick(*rng_)};
    }

    retry_policy policy_;
    bool retry_safe_;
    bool resend_after_429_;
    int attempts_ = 0;
    std::uint64_t seed_;
    std::unique_ptr<std::mt19937_64> rng_;
};

} // namespace ltx::detail

#endif
// ---- end ltx/detail/retry.hpp ----
// ---- begin ltx/options.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_OPTIONS_HPP
#define LTX_OPTIONS_HPP


#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace ltx {

/// Lets a caller stop an operation from any thread: pass `signal.token()` in the operation's
/// options and call `signal.cancel()`. The operation completes with `ltx::errc::cancelled`
/// promptly: an async operation at once, a sync one at its next step.
class cancellation {
public:
    /// The shared state an operation watches.
    class state {
    public:
        bool cancelled() const noexcept { return cancelled_.load(); }

        /// Called once, on the cancelling thread, when `cancel()` is called; replaces any
        /// earlier callback. Called at once when already cancelled.
        void on_cancel(std::function<void()> f) {
            std::unique_lock lock{mutex_};
            if (cancelled_.load()) {
                lock.unlock();
                f();
                return;
            }
            callback_ = std::move(f);
        }
        void clear_callback() {
            std::lock_guard lock{mutex_};
            callback_ = nullptr;
        }
        void cancel() {
            std::function<void()> f;
            {
                std::lock_guard lock{mutex_};
                if (cancelled_.exchange(true))
                    return;
                f = std::move(callback_);
            }
            if (f)
                f();
        }

    private:
        std::atomic<bool> cancelled_{false};
        std::mutex mutex_;
        std::function<void()> callback_;
    };

    cancellation() : state_(std::make_shared<state>()) {}
    /// Requests cancellation; idempotent.
    void cancel() { state_->cancel(); }
    /// True once cancelled.
    bool cancelled() const noexcept { return state_->cancelled(); }
    /// The token to put in options.
    std::shared_ptr<state> token() const { return state_; }

private:
    std::shared_ptr<state> state_{};
};

/// The pace at which `wait` polls a job of type `Job` by default: the LTX Studio API's
/// (3 s, growing by half at each poll up to 15 s). An API description whose provider asks for
/// another pace specialises it for its job type.
template <class Job> struct wait_pace {
    static constexpr std::chrono::milliseconds interval{3'000};
    static constexpr double backoff = 1.5;
    static constexpr std::chrono::milliseconds max_interval{15'000};
};

/// How `wait` follows a job whose status polls answer `Job`.
template <class Job> struct basic_wait_options {
    /// The first pause between two polls of the job's status.
    std::chrono::milliseconds interval{wait_pace<Job>::interval};
    /// Growth of the pause after each poll that finds the job unfinished.
    double backoff = wait_pace<Job>::backoff;
    /// The pause never exceeds this.
    std::chrono::milliseconds max_interval{wait_pace<Job>::max_interval};
    /// The whole wait fails with `ltx::errc::wait_timeout` after this long.
    std::chrono::milliseconds timeout{std::chrono::minutes{30}};
    /// Called after each poll with the job as the server described it.
    std::function<void(const Job&)> on_progress{};
    /// Cancels the wait (see `ltx::cancellation`).
    std::shared_ptr<cancellation::state> cancel{};
};

/// How `wait` follows an LTX Studio job (`GET assets/{jobId}`).
using wait_options = basic_wait_options<job>;

/// Progress of a download: bytes received, and the total when the server announced it.
using download_progress =
    std::function<void(std::uint64_t done, std::optional<std::uint64_t> total)>;

/// How `download` fetches an artifact.
struct download_options {
    /// Called after each piece of the body.
    download_progress on_progress{};
    /// Cancels the download (see `ltx::cancellation`).
    std::shared_ptr<cancellation::state> cancel{};
    /// Makes a download to a file durable when it succeeds: the file's data is synced to the
    /// disk (`fsync`) before it is renamed into place, and its folder after, so a power cut
    /// leaves the complete file at the path or none. A failed sync fails the download with
    /// `errc::file_error`. Off by default: a sync waits for the disk, which a download whose file
    /// may be fetched again needs not; `ltx::batch` sets it, as its journal records the file.
    bool durable = false;
};

/// How `upload_asset` sends a file.
///
/// Every member is optional and unset by default. That also keeps `{}` safe where g++ 12
/// miscompiles it: an aggregate temporary in a `co_await` expression is relocated bytewise
/// there, which breaks a member pointing into itself (a set `std::string` does, with its small
/// buffer); unset optionals hold no such member. With g++ 12, pass options that set a string
/// as a named variable, not a temporary, to a `co_await`ed call.
struct upload_options {
    /// The MIME type; unset: detected from the first bytes, then from the file name.
    std::optional<std::string> mime_type{};
    /// How the image will be used, sent as `type`; unset: `image`, the API's default.
    std::optional<upload_type> type{};
    /// The account; unset: the configured one.
    std::optional<std::string> email{};
};

} // namespace ltx

#endif
// ---- end ltx/options.hpp ----

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::detail {

inline std::optional<std::uint64_t> parse_content_length(const http::headers& h) {
    const auto v = h.find("Content-Length");
    if (!v)
        return std::nullopt;
    std::uint64_t n = 0;
    const auto r = std::from_chars(v->data(), v->data() + v->size(), n);
    if (r.ec != std::errc{} || r.ptr != v->data() + v->size())
        return std::nullopt;
    return n;
}

/// What the headers of the answer that ends a call tell its caller, into `diag`: the
/// `x-request-id` as `request_id` (redacted of `secret`, as all server text) and the
/// `Retry-After` as `retry_after` (a delay from `now`, see `parse_retry_after`), when the
/// server sent them.
inline void keep_answer_headers(const http::response& resp, std::string_view secret,
                                std::chrono::system_clock::time_point now, diagnostics& diag) {
    if (const auto id = resp.headers.find("x-request-id"))
        diag.request_id = redact(std::string{*id}, secret);
    if (const auto after = resp.headers.find("Retry-After"))
        diag.retry_after = parse_retry_after(*after, now);
}

/// Where the pieces of a download go; an empty piece means "a new attempt starts over".
using chunk_sink = std::function<std::error_code(std::string_view)>;

/// How the answer of an API call that streams a file (the official LTX API's `v1`
/// generators) reads a status other than 200: the API's error reader (`Api::read_error`) over
/// the error body, kept up to `error_body_limit` bytes. Downloads from a storage host have none.
struct error_reader {
    void (*read)(const http::response& resp, std::string_view secret, std::error_code& ec,
                 diagnostics& diag) = nullptr;
    std::string_view secret;
    static constexpr std::size_t error_body_limit = 64 * 1024;
};

/// A download without I/O: the body sink it installs on the request, and what the end of
/// each attempt means (send again after a pause, or finish with an error code and
/// diagnostics). The sync and async drivers of the client share it.
///
/// Only a 200 answer's body reaches the caller's sink: any other status is refused in
/// `on_headers`, so no byte of an error page is written (with an `error_reader`, the error
/// body is kept, bounded, for it to read). Each attempt that delivers a body first hands the
/// sink an empty piece, so a retry after a reset mid-body restarts the output. A request that
/// is not retry-safe and may have reached the server ends with `errc::outcome_unknown`.
class download_machine {
public:
    download_machine(chunk_sink sink, download_options opts, retry_machine retry,
                     error_reader errors = {})
        : sink_(std::move(sink)), opts_(std::move(opts)), retry_(std::move(retry)),
          errors_(errors) {
        body_.on_headers = [this](int st, const http::headers& h) -> std::error_code {
            status_ = st;
            received_ = 0;
            total_ = parse_content_length(h);
            error_body_.clear();
            if (st != 200 && !errors_.read)
                return errc_from_status(st); // read no body of an error answer
            return {};
        };
        body_.on_chunk = [this](std::string_view chunk) -> std::error_code {
            if (cancelled())
                return errc::cancelled;
            if (status_ != 200) { // an error answer, kept for errors_.read
                const auto room = error_reader::error_body_limit - error_body_.size();
                error_body_.append(chunk.substr(0, std::min(room, chunk.size())));
                return {};
            }
            if (received_ == 0 && !chunk.empty()) {
                if (auto e = sink_({}))
                    return e;
            }
            received_ += chunk.size();
            if (auto e = sink_(chunk))
                return e;
            if (opts_.on_progress)
                opts_.on_progress(received_, total_);
            return {};
        };
    }
    // The sink's callbacks point at this object.
    download_machine(const download_machine&) = delete;
    download_machine& operator=(const download_machine&) = delete;

    /// Streams the response of `req` into this download; `*this` must outlive the exchanges.
    void attach(http::request& req) { req.sink = &body_; }

    /// True once the caller cancelled the download.
    bool cancelled() const noexcept { return opts_.cancel && opts_.cancel->cancelled(); }

    /// Bytes of the body received by the latest attempt.
    std::uint64_t received() const noexcept { return received_; }

    /// Call before each attempt.
    void begin_attempt() noexcept { status_ = 0; }

    /// Decides after the attempt that ended with `tec` / `resp`: `retry` after the returned
    /// delay, or `finish`, with `ec` and `diag` set.
    retry_decision on_attempt(std::error_code tec, const http::response& resp,
                              std::chrono::system_clock::time_point now, std::error_code& ec,
                              diagnostics& diag) {
        if (tec == errc::cancelled || tec == errc::file_error) { // from the sink or the caller
            ec = tec;
            return {};
        }
        auto o = outcome_of(tec, resp);
        if (tec && tec.category() == error_category()) { // refused in on_headers: an HTTP status
            o = {};
            o.status = status_;
        }
        const auto d = retry_.on_outcome(o, now);
        if (d.kind == retry_decision::retry) {
            if (cancelled()) {
                ec = errc::cancelled;
                return {};
            }
            return d;
        }
        if (d.kind == retry_decision::ambiguous) {
            ec = errc::outcome_unknown;
            diag.transport_error = o.transport_error;
            return {};
        }
        if (o.transport_error) {
            ec = o.transport_error;
            diag.transport_error = o.transport_error;
            return {};
        }
        diag.status = o.status;
        if (o.status != 200 && errors_.read) {
            errors_.read(http::response{o.status, resp.headers, std::move(error_body_)},
                         errors_.secret, ec, diag);
            keep_answer_headers(resp, errors_.secret, now, diag);
            return {};
        }
        if (o.status != 200) {
            ec = errc_from_status(o.status);
            if (o.status == 403)
                diag.detail = "the signed URL may have expired";
            return {};
        }
        if (total_ && received_ != *total_) {
            ec = errc::size_mismatch;
            diag.detail = "received " + std::to_string(received_) + " of " +
                          std::to_string(*total_) + " bytes";
            return {};
        }
        ec.clear();
        return {};
    }

private:
    chunk_sink sink_;
    download_options opts_;
    retry_machine retry_;
    error_reader errors_;
    std::string error_body_;
    http::body_sink body_;
    int status_ = 0;
    std::uint64_t received_ = 0;
    std::optional<std::uint64_t> total_;
};

/// Syncs to the disk what the file system holds of the file or folder at `p` (POSIX `fsync`).
/// A file system that cannot sync a folder (`EINVAL`) is not an error for a folder.
inline std::error_code sync_path(const std::filesystem::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {errno, std::system_category()};
    std::error_code ec;
    if (::fsync(fd) != 0) {
        const int err = errno;
        std::error_code ignored;
        if (!(err == EINVAL && std::filesystem::is_directory(p, ignored)))
            ec.assign(err, std::system_category());
    }
    ::close(fd);
    return ec;
}

/// How a `part_file` syncs a path to the disk (`sync_path`), or null: no sync.
using path_sync = std::error_code (*)(const std::filesystem::path&);

/// The temporary of a download to `<file>` is `<file>` followed by this and decimal digits.
inline constexpr std::string_view part_file_infix = ".part-";

/// True when `name` is a download's temporary file name (see `part_file_infix`): one that a
/// process killed mid-download may have left.
inline bool is_part_file_name(std::string_view name) {
    const auto at = name.rfind(part_file_infix);
    if (at == std::string_view::npos || at == 0 || at + part_file_infix.size() == name.size())
        return false;
    return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(at + part_file_infix.size()),
                       name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The file a download writes: a temporary beside `target`, renamed into place by `commit`,
/// so a failed download never leaves a partial file at `target`. Removed unless committed.
/// With a `sync`, `commit` syncs the temporary before the rename and the folder after it.
class part_file {
public:
    explicit part_file(std::filesystem::path target, path_sync sync = nullptr)
        : target_(std::move(target)), sync_(sync) {
        std::random_device rd;
        temp_ =
            target_.parent_path() / (target_.filename().string() + std::string{part_file_infix} +
                                     std::to_string(rd()) + std::to_string(rd()));
        out_.open(temp_, std::ios::binary | std::ios::trunc);
    }
    part_file(const part_file&) = delete;
    part_file& operator=(const part_file&) = delete;
    ~part_file() {
        if (!committed_) {
            out_.close();
            std::error_code ignored;
            std::filesystem::remove(temp_, ignored);
        }
    }

    /// False when the temporary file could not be created.
    bool is_open() const { return out_.is_open(); }
    const std::filesystem::path& temp_path() const noexcept { return temp_; }

    /// A `chunk_sink` step: appends `chunk`, or starts the file over on an empty one.
    std::error_code write(std::string_view chunk) {
        if (chunk.empty()) {
            out_.close();
            out_.open(temp_, std::ios::binary | std::ios::trunc);
        } else {
            out_.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        }
        return out_ ? std::error_code{} : make_error_code(errc::file_error);
    }

    /// Closes the file and, when `ec` is clear, moves it to the target; sets `ec` and `diag`
    /// when that fails.
    void commit(std::error_code& ec, diagnostics& diag) {
        out_.close();
        if (ec)
            return;
        if (!out_) {
            ec = errc::file_error;
            diag.detail = "cannot write " + temp_.string();
            return;
        }
        if (sync_) {
            if (const auto sec = sync_(temp_)) {
                ec = errc::file_error;
                diag.detail = "cannot sync " + temp_.string() + ": " + sec.message();
                return;
            }
        }
        std::error_code fec;
        std::filesystem::rename(temp_, target_, fec);
        if (fec) {
            ec = errc::file_error;
            diag.detail = "cannot move the download to " + target_.string() + ": " + fec.message();
            return;
        }
        committed_ = true;
        if (sync_) {
            const auto dir =
                target_.has_parent_path() ? target_.parent_path() : std::filesystem::path{"."};
            if (const auto sec = sync_(dir)) {
                ec = errc::file_error;
                diag.detail = "cannot sync the folder " + dir.string() + ": " + sec.message();
            }
        }
    }

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    path_sync sync_ = nullptr;
    std::ofstream out_;
    bool committed_ = false;
};

} // namespace ltx::detail

#endif
// ---- end ltx/detail/download.hpp ----
// ---- begin ltx/detail/wait.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_WAIT_HPP
#define LTX_DETAIL_WAIT_HPP


#include <algorithm>
#include <chrono>
#include <system_error>

namespace ltx::detail {

/// What the wait does next.
struct wait_step {
    enum kind_t {
        poll,  ///< poll the job's status now
        sleep, ///< pause until `until`, then poll
        done,  ///< the job finished with a downloadable result
        fail,  ///< stop with `error`
    } kind = poll;
    std::chrono::system_clock::time_point until{};
    std::error_code error{};
};

/// Following a job to its end, without I/O: fed each poll's result, it says what comes next.
/// A job reading `completed` without an artifact URL is not done yet (the API warns the two
/// can be out of step). Transient failures (5xx, 429, transport errors), left over once the
/// single request's own retries are spent, do not end the wait: it goes on polling until its
/// deadline. Other failures end it.
class wait_machine {
public:
    using time_point = std::chrono::system_clock::time_point;

    template <class Job>
    wait_machine(const basic_wait_options<Job>& o, time_point start)
        : interval_(o.interval), backoff_(o.backoff), max_interval_(o.max_interval),
          deadline_(start + o.timeout) {}

    /// The first step: poll at once.
    wait_step start() const { return {wait_step::poll}; }

    /// A poll returned a job at `now` that is `done` (finished with a result), `failed`, or
    /// neither (still running, or in a state this client does not know).
    wait_step on_job(bool done, bool failed, time_point now) {
        if (done)
            return {wait_step::done};
        if (failed)
            return {wait_step::fail, {}, errc::job_failed};
        return next_poll(now);
    }

    /// A poll failed with `ec` at `now`. A cancelled poll is a cancelled wait: only the
    /// wait's caller cancels the polls it makes.
    wait_step on_error(std::error_code ec, time_point now) {
        if (ec == http::transport_errc::cancelled || ec == errc::cancelled)
            return {wait_step::fail, {}, errc::cancelled};
        const bool transient = ec == errc::server_error || ec == errc::too_many_requests ||
                               ec.category() == http::transport_category();
        if (!transient)
            return {wait_step::fail, {}, ec};
        return next_poll(now);
    }

private:
    wait_step next_poll(time_point now) {
        if (now >= deadline_)
            return {wait_step::fail, {}, errc::wait_timeout};
        const auto next = std::min(now + interval_, deadline_);
        interval_ =
            std::min(std::chrono::duration_cast<std::chrono::milliseconds>(interval_ * backoff_),
                     max_interval_);
        return {wait_step::sleep, next};
    }

    std::chrono::milliseconds interval_;
    double backoff_;
    std::chrono::milliseconds max_interval_;
    time_point deadline_;
};

} // namespace ltx::detail

#endif
// ---- end ltx/detail/wait.hpp ----

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::detail {

/// What a machine asks its runner to do next.
struct op_step {
    enum kind_t {
        send,  ///< send the machine's `request()`, then call `on_response`
        sleep, ///< pause for `delay`, then call `on_wake`
        done,  ///< the operation is over: `error()`, `take_result()`, `take_diag()`
    } kind = done;
    std::chrono::milliseconds delay{0};
};

using op_time = std::chrono::system_clock::time_point;

// Distinct, reproducible seeds for the jitter of successive calls (splitmix64); a state of 0
// means "random per call".
inline std::uint64_t next_seed(std::uint64_t& state) {
    if (state == 0)
        return 0;
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Whether the media type before any parameters, blanks ignored, ends in `word` (lower case),
// and how many characters other than blanks it has.
inline bool media_type_ends_with(std::string_view type, std::string_view word,
                                 std::size_t& length) noexcept {
    length = 0;
    std::size_t k = word.size();
    bool match = true;
    for (std::size_t i = type.size(); i-- > 0;) {
        const char c = type[i];
        if (c == ' ' || c == '\t')
            continue;
        ++length;
        if (k > 0)
            match = match && to_lower(c) == word[--k];
    }
    return match && k == 0;
}

inline bool is_json_content_type(std::string_view v) {
    const auto type = v.substr(0, v.find(';'));
    std::size_t length = 0;
    constexpr std::string_view json = "application/json";
    if (media_type_ends_with(type, json, length) && length == json.size())
        return true;
    return media_type_ends_with(type, "+json", length) && length > 5;
}

/// Maps a complete response, received at `now`, to `R`: a non-2xx status to the error
/// `Api::read_error` makes of it (the server's text, redacted of `secret`, in `diag`), a body
/// that is not the expected JSON to `unexpected_response`. The answer's request id and
/// Retry-After go to `diag` in every case (see `keep_answer_headers`).
template <class Api, class R>
void decode_response(const http::response& resp, std::string_view secret, op_time now, R& out,
                     std::error_code& ec, diagnostics& diag) {
    diag.status = resp.status;
    keep_answer_headers(resp, secret, now, diag);
    if (!resp.ok()) {
        Api::read_error(resp, secret, ec, diag);
        return;
    }
    if (const auto type = resp.headers.find("Content-Type"); type && !is_json_content_type(*type)) {
        ec = errc::unexpected_response;
        diag.detail =
            redact("expected a JSON body, got Content-Type " + std::string{*type}, secret);
        return;
    }
    reflect::json_error err;
    if (!reflect::read_json(resp.body, out, err)) {
        out = R{};
        ec = errc::unexpected_response;
        diag.detail = redact(
            "unexpected response body: " + (err.path.empty() ? "" : err.path + ": ") + err.message,
            secret);
        return;
    }
    ec.clear();
}

/// A transport's cancellation as the client reports every cancellation.
inline std::error_code as_client_cancel(std::error_code ec) {
    return ec == http::transport_errc::cancelled ? std::error_code{errc::cancelled} : ec;
}

/// One request and its retries: the part of every machine that sends.
struct exchange {
    enum outcome {
        again,    ///< send the request again after `delay`
        failed,   ///< over, with the error and diagnostics set
        answered, ///< over, with a complete response (of any status)
    };

    http::request req;
    retry_machine retry;

    /// After a send that ended with `tec` or `resp`.
    outcome on_response(std::error_code tec, const http::response& resp, op_time now,
                        std::chrono::milliseconds& delay, std::error_code& ec, diagnostics& diag) {
        const auto d = retry.on_outcome(outcome_of(tec, resp), now);
        if (d.kind == retry_decision::retry) {
            delay = d.delay;
            return again;
        }
        if (d.kind == retry_decision::ambiguous) {
            diag.transport_error = tec;
            ec = errc::outcome_unknown;
            return failed;
        }
        if (tec) {
            diag.transport_error = tec;
            ec = as_client_cancel(tec);
            return failed;
        }
        return answered;
    }
};

/// One request and its retries, answered by a JSON model `R` (errors as `Api` reads them):
/// calls and uploads.
template <class Api, class R> class call_op {
public:
    using result_type = R;

    /// A call that sends `req` under `retry`'s rules.
    call_op(http::request req, retry_machine retry, std::string_view secret)
        : x_{std::move(req), std::move(retry)}, secret_(secret) {}

    /// A call that failed before any I/O (validation): completes with `ec` and `d`.
    call_op(std::error_code ec, diagnostics d, retry_machine retry)
        : x_{{}, std::move(retry)}, ec_(ec), diag_(std::move(d)), failed_early_(true) {}

    call_op(const call_op&) = delete;
    call_op& operator=(const call_op&) = delete;

    op_step start(op_time) {
        if (failed_early_)
            return {op_step::done};
        return {op_step::send};
    }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::chrono::milliseconds delay{0};
        switch (x_.on_response(tec, resp, now, delay, ec_, diag_)) {
        case exchange::again:
            return {op_step::sleep, delay};
        case exchange::failed:
            return {op_step::done};
        case exchange::answered:
            decode_response<Api>(resp, secret_, now, result_, ec_, diag_);
            return {op_step::done};
        }
        return {op_step::done};
    }

    op_step on_wake(op_time) { return {op_step::send}; }

    op_step on_cancelled() {
        ec_ = errc::cancelled;
        return {op_step::done};
    }

    const http::request& request() const noexcept { return x_.req; }
    std::error_code error() const noexcept { return ec_; }
    R take_result() { return std::move(result_); }
    diagnostics take_diag() { return std::move(diag_); }
    cancellation::state* cancel_token() const noexcept { return nullptr; }

private:
    exchange x_;
    std::string_view secret_;
    std::error_code ec_;
    diagnostics diag_;
    R result_{};
    bool failed_early_ = false;
};

/// What a `call_op<R>` is made of, kept until the operation starts (a deferred operation
/// starts when it is launched): a prepared request, or the error that stopped its
/// preparation.
template <class Api, class R> struct call_recipe {
    bool ok = false;
    std::error_code ec;
    diagnostics diag;
    http::request req;
    retry_machine retry;
    std::string_view secret;

    call_op<Api, R> operator()() {
        if (!ok)
            return call_op<Api, R>{ec, std::move(diag), std::move(retry)};
        return call_op<Api, R>{std::move(req), std::move(retry), secret};
    }
};

/// How a wait builds the request of each poll: the client's preparation of `Api::poll`
/// (`GET assets/{jobId}`, ...), behind a pointer, so a sleeping wait holds no request.
template <class Api> struct poll_builder {
    const void* client = nullptr;
    bool (*build)(const void* client, const typename Api::job_ref& job, http::request& out,
                  std::error_code& ec, diagnostics& diag) = nullptr;
};

/// Following a job to its end: polls (each an `exchange` with its own retries) and pauses,
/// as `wait_machine` decides, reading each answer as `Api` says (`is_done`, `is_failed`,
/// `read_failure`). Between polls it keeps the job's reference, the last body that decoded
/// (the job is decoded again at the end), and no request and no diagnostics until there are
/// some: thousands of waits may sleep at once.
template <class Api> class wait_op {
public:
    using result_type = typename Api::job;
    using job_ref = typename Api::job_ref;
    using options = basic_wait_options<result_type>;

    /// A wait that polls for `job_id` with requests from `builder`, each poll under `policy`
    /// (which must outlive the wait) with a seed drawn from `seed` (the client's).
    wait_op(poll_builder<Api> builder, job_ref job_id, const retry_policy& policy,
            std::uint64_t& seed, options opts, std::string_view secret)
        : opts_(std::move(opts)), policy_(&policy), seed_(&seed), builder_(builder),
          job_id_(std::move(job_id)), secret_(secret) {}

    wait_op(const wait_op&) = delete;
    wait_op& operator=(const wait_op&) = delete;

    op_step start(op_time now) {
        machine_.emplace(opts_, now);
        return follow(machine_->start(), now);
    }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::chrono::milliseconds delay{0};
        std::error_code ec;
        diagnostics d;
        const auto outcome = poll_->on_response(tec, resp, now, delay, ec, d);
        if (outcome == exchange::again) {
            retrying_ = true;
            return {op_step::sleep, delay};
        }
        poll_.reset();
        if (outcome == exchange::failed) {
            keep(std::move(d));
            return follow(machine_->on_error(ec, now), now);
        }
        result_type j;
        decode_response<Api>(resp, secret_, now, j, ec, d);
        if (ec) {
            keep(std::move(d));
            return follow(machine_->on_error(ec, now), now);
        }
        last_body_ = std::move(resp.body);
        if (opts_.on_progress)
            opts_.on_progress(j);
        const bool failed = Api::is_failed(j);
        if (failed) {
            diagnostics f;
            f.request_id = std::move(d.request_id);
            Api::read_failure(j, f);
            f.server_message = redact(std::move(f.server_message), secret_);
            keep(std::move(f));
        }
        return follow(machine_->on_job(Api::is_done(j), failed, now), now);
    }

    op_step on_wake(op_time now) {
        if (retrying_) {
            retrying_ = false;
            return {op_step::send};
        }
        return follow(machine_->start(), now);
    }

    op_step on_cancelled() {
        ec_ = errc::cancelled;
        diag_.reset();
        return {op_step::done};
    }

    const http::request& request() const noexcept { return poll_->req; }
    std::error_code error() const noexcept { return ec_; }
    /// The last job a poll returned (default-constructed when none did).
    result_type take_result() {
        result_type j;
        if (!last_body_.empty()) {
            std::error_code ignored;
            diagnostics unused;
            decode_response<Api>(http::response{200, {}, std::move(last_body_)}, secret_, op_time{},
                                 j, ignored, unused);
        }
        return j;
    }
    diagnostics take_diag() { return diag_ ? std::move(*diag_) : diagnostics{}; }
    cancellation::state* cancel_token() const noexcept { return opts_.cancel.get(); }

private:
    void keep(diagnostics d) { diag_ = std::make_unique<diagnostics>(std::move(d)); }

    op_step follow(wait_step s, op_time now) {
        if (opts_.cancel && opts_.cancel->cancelled())
            return on_cancelled();
        switch (s.kind) {
        case wait_step::poll: {
            diag_.reset();
            poll_ = std::make_unique<exchange>(
                exchange{{}, retry_machine{*policy_, true, next_seed(*seed_)}});
            diagnostics d;
            if (!builder_.build(builder_.client, job_id_, poll_->req, ec_, d)) {
                keep(std::move(d));
                return {op_step::done};
            }
            return {op_step::send};
        }
        case wait_step::sleep:
            return {op_step::sleep,
                    s.until > now ? std::chrono::ceil<std::chrono::milliseconds>(s.until - now)
                                  : std::chrono::milliseconds{0}};
        case wait_step::done:
            ec_.clear();
            diag_.reset();
            return {op_step::done};
        case wait_step::fail:
            ec_ = s.error;
            if (s.error == errc::wait_timeout)
                diag_.reset();
            return {op_step::done};
        }
        return {op_step::done};
    }

    options opts_;
    std::optional<wait_machine> machine_;
    const retry_policy* policy_ = nullptr;
    std::uint64_t* seed_ = nullptr;
    poll_builder<Api> builder_;
    job_ref job_id_;
    std::unique_ptr<exchange> poll_; // while a poll is in flight
    std::string_view secret_;
    std::string last_body_;
    std::error_code ec_;
    std::unique_ptr<diagnostics> diag_;
    bool retrying_ = false;
};

/// What a `wait_op` is made of (see `call_recipe`). Nothing is prepared ahead: the first
/// poll's request is built, and the id validated, when the wait starts, before any I/O.
template <class Api> struct wait_recipe {
    poll_builder<Api> builder;
    typename Api::job_ref job_id;
    const retry_policy* policy = nullptr; // the client's
    std::uint64_t* seed = nullptr;
    basic_wait_options<typename Api::job> opts;
    std::string_view secret;

    wait_op<Api> operator()() {
        return wait_op<Api>{builder, std::move(job_id), *policy, *seed, std::move(opts), secret};
    }
};

/// A download into a sink, or into a file through a temporary renamed into place at the end.
/// The result is the number of bytes received.
class download_op {
public:
    using result_type = std::uint64_t;

    /// Streams the answer to `req` into `sink`.
    download_op(http::request req, chunk_sink sink, download_options opts, retry_machine retry,
                error_reader errors = {})
        : req_(std::move(req)), opts_(std::move(opts)),
          machine_(std::move(sink), opts_, std::move(retry), errors) {
        machine_.attach(req_);
    }

    /// Streams the answer to `req` into the file at `path`.
    download_op(http::request req, const std::filesystem::path& path, download_options opts,
                retry_machine retry, error_reader errors = {})
        : req_(std::move(req)), opts_(std::move(opts)),
          file_(std::make_unique<part_file>(path, opts_.durable ? &sync_path : nullptr)),
          machine_([f = file_.get()](std::string_view chunk) { return f->write(chunk); }, opts_,
                   std::move(retry), errors) {
        machine_.attach(req_);
        if (!file_->is_open()) {
            ec_ = errc::file_error;
            diag_.detail = "cannot write " + file_->temp_path().string();
            failed_early_ = true;
        }
    }

    /// A download that failed before any I/O.
    download_op(std::error_code ec, diagnostics d, download_options opts)
        : opts_(std::move(opts)), machine_(nullptr, opts_, retry_machine{retry_policy{}, true, 0}),
          ec_(ec), diag_(std::move(d)), failed_early_(true) {}

    download_op(const download_op&) = delete;
    download_op& operator=(const download_op&) = delete;

    op_step start(op_time) {
        if (failed_early_)
            return {op_step::done};
        return attempt();
    }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::error_code ec;
        const auto d = machine_.on_attempt(tec, resp, now, ec, diag_);
        if (d.kind == retry_decision::retry)
            return {op_step::sleep, d.delay};
        return finish(ec);
    }

    op_step on_wake(op_time) { return attempt(); }

    op_step on_cancelled() { return finish(errc::cancelled); }

    const http::request& request() const noexcept { return req_; }
    std::error_code error() const noexcept { return ec_; }
    std::uint64_t take_result() noexcept { return bytes_; }
    diagnostics take_diag() { return std::move(diag_); }
    cancellation::state* cancel_token() const noexcept { return opts_.cancel.get(); }

private:
    op_step attempt() {
        if (machine_.cancelled())
            return finish(errc::cancelled);
        machine_.begin_attempt();
        return {op_step::send};
    }

    op_step finish(std::error_code ec) {
        if (file_)
            file_->commit(ec, diag_);
        ec_ = as_client_cancel(ec);
        bytes_ = ec_ ? 0 : machine_.received();
        return {op_step::done};
    }

    http::request req_;
    download_options opts_;
    std::unique_ptr<part_file> file_;
    download_machine machine_;
    std::error_code ec_;
    diagnostics diag_;
    std::uint64_t bytes_ = 0;
    bool failed_early_ = false;
};

/// What a `download_op` is made of (see `call_recipe`): into `sink` when it is set, else
/// into the file at `path`; an API call's answer when `errors` is set.
struct download_recipe {
    bool ok = false;
    std::error_code ec;
    diagnostics diag;
    http::request req;
    chunk_sink sink;
    std::filesystem::path path;
    download_options opts;
    retry_machine retry;
    error_reader errors{};

    download_op operator()() {
        if (!ok)
            return download_op{ec, std::move(diag), std::move(opts)};
        if (sink)
            return download_op{std::move(req), std::move(sink), std::move(opts), std::move(retry),
                               errors};
        return download_op{std::move(req), path, std::move(opts), std::move(retry), errors};
    }
};

} // namespace ltx::detail

#endif
// ---- end ltx/detail/operation.hpp ----
// ---- begin ltx/detail/raise.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_RAISE_HPP
#define LTX_DETAIL_RAISE_HPP


#include <exception>
#include <system_error>
#include <utility>

namespace ltx::detail {

/// The exception that reports `ec` with `diag`, as every throwing form of the client throws
/// it: `ltx::validation_error` for an invalid request with its violations, `ltx::api_error`
/// for the other `ltx::errc` codes, `std::system_error` for the transport's.
inline std::exception_ptr make_exception(std::error_code ec, diagnostics diag) {
    if (ec == errc::invalid_request && !diag.violations.empty())
        return std::make_exception_ptr(validation_error{std::move(diag.violations)});
    if (ec.category() == error_category())
        return std::make_exception_ptr(api_error{ec, std::move(diag)});
    return std::make_exception_ptr(std::system_error{ec, diag.to_string(ec)});
}

/// Throws `make_exception(ec, diag)`.
[[noreturn]] inline void raise(std::error_code ec, diagnostics diag) {
    std::rethrow_exception(make_exception(ec, std::move(diag)));
}

} // namespace ltx::detail

#endif
// ---- end ltx/detail/raise.hpp ----
// ---- begin ltx/detail/run_callback.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The plain-callback runner: drives a machine of operation.hpp over any `ltx::async_transport`
// that can also `async_sleep`, and completes `handler(std::error_code, R)` exactly once.
//
// Invariants:
// - The machine is touched only under `mutex_`, so a cancellation from another thread
//   (`cancellation::state::cancel`) and a completion cannot race on it.
// - The transport is called without the lock held. A transport may complete inside
//   `async_send` (a test double does): that completion finds `driving_` set, leaves its next
//   step in `next_`, and the loop that called the transport picks it up, so the stack does not
//   grow with the number of steps.
// - The request of a send step is lent to the transport (`ltx::async_transport`'s contract):
//   it is the machine's own, in this heap state, which the transport's handler keeps alive;
//   the machine replaces it only after that handler ran, and a cancellation leaves it alone.
// - A cancellation completes the handler at once, or at the next check of the thread that
//   holds the lock; the step in flight keeps the state alive and is ignored when it completes.
// - The handler is never invoked while the lock is held, nor inside the initiating call when
//   the machine is done before any I/O: that completion goes through a zero pause.
#ifndef LTX_DETAIL_RUN_CALLBACK_HPP
#define LTX_DETAIL_RUN_CALLBACK_HPP


#include <chrono>
#include <memory>
#include <mutex>
#include <system_error>
#include <utility>

namespace ltx::detail {

template <class Transport, class Clock, class Op, class Handler>
class callback_run
    : public std::enable_shared_from_this<callback_run<Transport, Clock, Op, Handler>> {
public:
    template <class Make>
    callback_run(Transport& t, Clock& c, Handler h, diagnostics* out, Make&& make)
        : transport_(t), clock_(c), handler_(std::move(h)), out_(out), op_(make()) {}

    void start() {
        std::unique_lock lock{mutex_};
        auto* token = op_.cancel_token();
        op_step s = token && token->cancelled() ? op_.on_cancelled() : op_.start(clock_.now());
        if (s.kind == op_step::done) {
            lock.unlock();
            transport_.async_sleep(std::chrono::milliseconds{0},
                                   [self = this->shared_from_this()](std::error_code) {
                                       std::unique_lock l{self->mutex_};
                                       self->finish(l);
                                   });
            return;
        }
        if (token) {
            std::weak_ptr<callback_run> weak = this->shared_from_this();
            lock.unlock();
            token->on_cancel([weak] {
                if (auto self = weak.lock())
                    self->cancel_now();
            });
            lock.lock();
        }
        drive(lock, s);
    }

private:
    void drive(std::unique_lock<std::mutex>& lock, op_step s) {
        driving_ = true;
        for (;;) {
            if (finished_)
                return;
            if (s.kind == op_step::done)
                return finish(lock);
            if (const auto* token = op_.cancel_token(); token && token->cancelled()) {
                s = op_.on_cancelled();
                continue;
            }
            has_next_ = false;
            if (s.kind == op_step::send) {
                // Lent, not copied (see the invariants above).
                const http::request& req = op_.request();
                lock.unlock();
                transport_.async_send(
                    req, [self = this->shared_from_this()](std::error_code ec, http::response r) {
                        self->on_response(ec, std::move(r));
                    });
            } else {
                lock.unlock();
                transport_.async_sleep(s.delay, [self = this->shared_from_this()](
                                                    std::error_code ec) { self->on_wake(ec); });
            }
            lock.lock();
            if (finished_)
                return;
            if (const auto* token = op_.cancel_token(); token && token->cancelled()) {
                op_.on_cancelled(); // the step in flight is ignored when it completes
                return finish(lock);
            }
            if (!has_next_) {
                driving_ = false;
                return;
            }
            s = next_;
        }
    }

    void on_response(std::error_code ec, http::response resp) {
        std::unique_lock lock{mutex_};
        if (finished_)
            return;
        resume(lock, op_.on_response(ec, std::move(resp), clock_.now()));
    }

    void on_wake(std::error_code ec) {
        std::unique_lock lock{mutex_};
        if (finished_)
            return;
        resume(lock, ec ? op_.on_cancelled() : op_.on_wake(clock_.now()));
    }

    void resume(std::unique_lock<std::mutex>& lock, op_step s) {
        if (driving_) { // completed inside the transport call of the loop above
            next_ = s;
            has_next_ = true;
            return;
        }
        drive(lock, s);
    }

    // From the cancelling thread. When the lock is held (by a step on another thread, or by
    // this one: `on_progress` may cancel), the holder sees the token's flag, which is set
    // before this runs, at its next check, and finishes then.
    void cancel_now() {
        std::unique_lock lock{mutex_, std::try_to_lock};
        if (!lock.owns_lock() || finished_)
            return;
        op_.on_cancelled();
        finish(lock);
    }

    void finish(std::unique_lock<std::mutex>& lock) {
        if (finished_)
            return;
        finished_ = true;
        driving_ = false;
        const std::error_code ec = op_.error();
        auto result = op_.take_result();
        auto diag = op_.take_diag();
        auto handler = std::move(handler_);
        auto* token = op_.cancel_token();
        lock.unlock();
        if (token)
            token->clear_callback();
        if (out_)
            *out_ = std::move(diag);
        std::move(handler)(ec, std::move(result));
    }

    Transport& transport_;
    Clock& clock_;
    Handler handler_;
    diagnostics* out_;
    std::mutex mutex_;
    Op op_;
    op_step next_{};
    bool has_next_ = false;
    bool driving_ = false;
    bool finished_ = false;
};

/// Runs the machine that `make()` returns over `t`, completing `handler` as above.
template <class Op, class Transport, class Clock, class Handler, class Make>
void run_callback(Transport& t, Clock& c, Handler&& handler, diagnostics* out, Make&& make) {
    using run_t = callback_run<Transport, Clock, Op, std::decay_t<Handler>>;
    auto run = std::make_shared<run_t>(t, c, std::forward<Handler>(handler), out,
                                       std::forward<Make>(make));
    run->start();
}

/// Runs `op` to its end over the blocking transport `t`, pausing with `clock.sleep_for`.
template <class Transport, class Clock, class Op>
void run_sync(Transport& t, Clock& clock, Op& op) {
    auto s = op.start(clock.now());
    while (s.kind != op_step::done) {
        if (const auto* token = op.cancel_token(); token && token->cancelled()) {
            op.on_cancelled();
            return;
        }
        if (s.kind == op_step::send) {
            std::error_code tec;
            http::response resp = t.send(op.request(), tec);
            s = op.on_response(tec, std::move(resp), clock.now());
        } else {
            clock.sleep_for(s.delay);
            s = op.on_wake(clock.now());
        }
    }
}

} // namespace ltx::detail

#endif
// ---- end ltx/detail/run_callback.hpp ----
// ---- begin ltx/http/transport.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_TRANSPORT_HPP
#define LTX_HTTP_TRANSPORT_HPP

// ---- begin ltx/http/response_handler.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_RESPONSE_HANDLER_HPP
#define LTX_HTTP_RESPONSE_HANDLER_HPP


#include <concepts>
#include <memory>
#include <new>
#include <system_error>
#include <type_traits>
#include <utility>

namespace ltx::http {

/// A move-only, type-erased completion handler of signature `void(std::error_code, response)`.
///
/// What an asynchronous transport that is not a template (say, one compiled in its own `.cpp`)
/// accepts: any callable invocable as an rvalue with `(std::error_code, response)` converts to
/// it, move-only ones included. It is called at most once; calling it empties it.
class response_handler {
public:
    /// An empty handler; calling it is undefined.
    response_handler() noexcept = default;

    /// Wraps `f`, which is moved or copied in. A small callable that moves without throwing
    /// (a lambda holding a shared_ptr, say) is held inline, without a heap allocation.
    template <class F>
    requires(!std::same_as<std::remove_cvref_t<F>, response_handler> &&
             std::invocable<std::remove_cvref_t<F>&&, std::error_code, response>)
        response_handler(F&& f) {
        using D = std::remove_cvref_t<F>;
        if constexpr (held_inline<D>)
            ::new (static_cast<void*>(storage_.bytes)) D(std::forward<F>(f));
        else
            storage_.heap = new D(std::forward<F>(f));
        ops_ = &ops_of<D>;
    }

    /// Handlers move; they do not copy.
    response_handler(response_handler&& other) noexcept { take(other); }

    /// Handlers move; they do not copy.
    response_handler& operator=(response_handler&& other) noexcept {
        if (this != &other) {
            reset();
            take(other);
        }
        return *this;
    }

    response_handler(const response_handler&) = delete;
    response_handler& operator=(const response_handler&) = delete;

    ~response_handler() { reset(); }

    /// True when the handler holds a callable.
    explicit operator bool() const noexcept { return ops_ != nullptr; }

    /// Calls the wrapped callable once with `ec` and `r`, then leaves the handler empty.
    void operator()(std::error_code ec, response r) {
        // Emptied before the call: the callable may destroy or reassign this handler.
        const ops* o = std::exchange(ops_, nullptr);
        o->call(storage_, ec, std::move(r));
    }

private:
    union storage {
        void* heap;
        alignas(void*) unsigned char bytes[4 * sizeof(void*)];
    };

    template <class D>
    static constexpr bool
        held_inline = sizeof(D) <= sizeof(storage::bytes) &&
                      alignof(D) <= alignof(void*) && std::is_nothrow_move_constructible_v<D>;

    struct ops {
        // Moves the callable out of `s` (leaving nothing there to destroy), then calls it.
        void (*call)(storage& s, std::error_code ec, response&& r);
        void (*relocate)(storage& from, storage& to) noexcept;
        void (*destroy)(storage& s) noexcept;
    };

    template <class D> static D* inline_object(storage& s) noexcept {
        return std::launder(reinterpret_cast<D*>(s.bytes));
    }

    template <class D> static void call(storage& s, std::error_code ec, response&& r) {
        if constexpr (held_inline<D>) {
            D* held = inline_object<D>(s);
            D f(std::move(*held));
            held->~D();
            std::move(f)(ec, std::move(r));
        } else {
            std::unique_ptr<D> f(static_cast<D*>(s.heap));
            std::move (*f)(ec, std::move(r));
        }
    }

    template <class D> static void relocate(storage& from, storage& to) noexcept {
        if constexpr (held_inline<D>) {
            D* held = inline_object<D>(from);
            ::new (static_cast<void*>(to.bytes)) D(std::move(*held));
            held->~D();
        } else {
            to.heap = from.heap;
        }
    }

    template <class D> static void destroy(storage& s) noexcept {
        if constexpr (held_inline<D>)
            inline_object<D>(s)->~D();
        else
            delete static_cast<D*>(s.heap);
    }

    template <class D> static constexpr ops ops_of{&call<D>, &relocate<D>, &destroy<D>};

    void take(response_handler& other) noexcept {
        ops_ = std::exchange(other.ops_, nullptr);
        if (ops_)
            ops_->relocate(other.storage_, storage_);
    }

    void reset() noexcept {
        if (const ops* o = std::exchange(ops_, nullptr))
            o->destroy(storage_);
    }

    const ops* ops_ = nullptr;
    storage storage_;
};

} // namespace ltx::http

#endif
// ---- end ltx/http/response_handler.hpp ----

#include <concepts>
#include <system_error>
#include <utility>

// The contract every transport honours, sync or async:
// - It sends exactly the request it is given: request line from `method` and `url.target()`,
//   the headers in order, the body (a file body streamed, exactly `body.size()` bytes). It adds
//   `Host` and `Content-Length` only when they are absent, and nothing else a server would act
//   on.
// - It follows no redirect: a 3xx is returned as a response.
// - An HTTP status, any status, is a response, not an error. Failures below HTTP (name
//   resolution, connect, reset, TLS, timeout, size limits, malformed answers, cancellation)
//   are reported as `ltx::http::transport_errc` codes (or, where none fits, the system's);
//   on error the returned response is default-constructed.
// - `transport_errc::connection_failed` is reported only when no byte of the request was
//   written, so `ltx::http::request_not_sent(ec)` can tell the client a paid POST may be sent
//   again. When unsure, a transport reports another code.
// - `request::timeout` (when non-zero) bounds the whole exchange; `request::sink` (when set)
//   receives the response body (see `ltx::http::body_sink`).
// - It never logs, stores beyond the exchange, or puts in an error message the value of the
//   `Authorization` header (nor any header value).

namespace ltx {

/// A blocking HTTP transport: `t.send(req, ec)` performs one exchange and returns the
/// response, or sets `ec` (see the contract above this concept in `ltx/http/transport.hpp`).
template <class T>
concept sync_transport = requires(T& t, const http::request& req, std::error_code& ec) {
    { t.send(req, ec) } -> std::same_as<http::response>;
};

namespace http::detail {

// A move-only handler invocable only as an rvalue: the strictest completion handler a client
// may pass, so a transport that models async_transport with it accepts all of them.
struct response_handler_archetype {
    response_handler_archetype() = default;
    response_handler_archetype(response_handler_archetype&&) = default;
    response_handler_archetype& operator=(response_handler_archetype&&) = default;
    response_handler_archetype(const response_handler_archetype&) = delete;
    response_handler_archetype& operator=(const response_handler_archetype&) = delete;
    void operator()(std::error_code, response) && {}
};

} // namespace http::detail

/// An asynchronous HTTP transport: `t.async_send(req, handler)` starts one exchange and
/// returns; the handler is later invoked exactly once, as an rvalue, with
/// `(std::error_code, ltx::http::response)`, on error with a default-constructed response.
/// The transport documents on which thread or executor the handler runs and whether it may
/// be invoked before `async_send` returns. Handlers may be move-only: the concept is checked
/// with such an archetype, and `ltx::http::response_handler` accepts any of them.
///
/// The client passes `req` as a `const http::request&` lvalue that it keeps alive and
/// unchanged until the handler is invoked (or destroyed without being invoked): the request
/// belongs to the operation's heap state, which the handler keeps alive. So a transport may
/// take the request by value (a copy of its own) or by `const http::request&` (no copy); one
/// that borrows it must not read it after invoking or destroying the handler. A direct caller
/// of a borrowing transport owes it the same.
template <class T>
concept async_transport = requires(T& t, const http::request& req,
                                   http::detail::response_handler_archetype handler) {
    t.async_send(req, std::move(handler));
};

namespace http {

/// True when `T` models `ltx::sync_transport`.
template <class T> inline constexpr bool is_sync_transport_v = ltx::sync_transport<T>;

/// True when `T` models `ltx::async_transport`.
template <class T> inline constexpr bool is_async_transport_v = ltx::async_transport<T>;

/// Fails to compile, with a message saying what is missing, unless `T` models
/// `ltx::sync_transport`; returns true otherwise. Use through `LTX_ASSERT_SYNC_TRANSPORT`.
template <class T> constexpr bool check_sync_transport() noexcept {
    static_assert(ltx::sync_transport<T>,
                  "T does not model ltx::sync_transport: it needs send(const "
                  "ltx::http::request&, std::error_code&) returning ltx::http::response");
    return true;
}

/// Fails to compile, with a message saying what is missing, unless `T` models
/// `ltx::async_transport`; returns true otherwise. Use through `LTX_ASSERT_ASYNC_TRANSPORT`.
template <class T> constexpr bool check_async_transport() noexcept {
    static_assert(ltx::async_transport<T>,
                  "T does not model ltx::async_transport: it needs async_send(const "
                  "ltx::http::request&, H) (or the request by value) accepting a move-only handler "
                  "H invocable as void(std::error_code, "
                  "ltx::http::response)");
    return true;
}

} // namespace http
} // namespace ltx

/// Asserts at compile time that the type `T` models `ltx::sync_transport`, with a readable
/// message when it does not. Usable at namespace, class or block scope.
#ifndef LTX_ASSERT_SYNC_TRANSPORT
#define LTX_ASSERT_SYNC_TRANSPORT(T) static_assert(::ltx::http::check_sync_transport<T>())
#endif

/// Asserts at compile time that the type `T` models `ltx::async_transport`, with a readable
/// message when it does not. Usable at namespace, class or block scope.
#ifndef LTX_ASSERT_ASYNC_TRANSPORT
#define LTX_ASSERT_ASYNC_TRANSPORT(T) static_assert(::ltx::http::check_async_transport<T>())
#endif

#endif
// ---- end ltx/http/transport.hpp ----

#include <chrono>
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>

namespace ltx {

/// What the client core needs to know of an API, beside its endpoints' traits: how it
/// answers an error, how a job is named, polled and read, and whether a create is sent
/// again after a 429. `ltx::studio_api` and `ltx::lightricks::api` model it.
template <class A>
concept api_description = requires(const http::response& resp, std::string_view secret,
                                   std::error_code& ec, diagnostics& diag, const typename A::job& j,
                                   const typename A::job_ref& ref) {
    typename A::poll;
    { A::poll_request(ref) } -> std::convertible_to<typename A::poll::request>;
    { A::resend_after_429 } -> std::convertible_to<bool>;
    A::read_error(resp, secret, ec, diag);
    { A::is_done(j) } -> std::convertible_to<bool>;
    { A::is_failed(j) } -> std::convertible_to<bool>;
    A::read_failure(j, diag);
    { A::artifact_url(j) } -> std::convertible_to<std::optional<std::string>>;
};

/// A file body streamed from disk: `api.upload_asset(ltx::file_body{"start.png"})`.
using http::file_body;

/// The default time source of the client: the system clock, and a blocking sleep for the
/// synchronous calls. Tests substitute a simulated clock with the same two members.
struct system_clock_source {
    std::chrono::system_clock::time_point now() const { return std::chrono::system_clock::now(); }
    void sleep_for(std::chrono::milliseconds d) const { std::this_thread::sleep_for(d); }
};

/// An asynchronous transport that can also wait: `t.async_sleep(delay, handler)` calls
/// `handler(std::error_code)` once after `delay`. The client's async calls need it for the
/// pauses between retries and polls.
template <class T>
concept async_sleeper = requires(T& t, std::chrono::milliseconds d) {
    t.async_sleep(d, [](std::error_code) {});
};

namespace detail {
/// The default completion token of a transport that has none: using it does not compile.
struct no_default_token {};
} // namespace detail

/// How the async calls of a client over `Transport` run and complete.
///
/// By default a completion token is a callable `void(std::error_code, R)`, run by the
/// plain-callback runner over any transport modelling `ltx::async_transport` and
/// `ltx::async_sleeper`; the call returns nothing, and there is no default token.
/// `<ltx/asio.hpp>` specialises it for every transport with an Asio `executor_type` (the
/// property it is selected by, so a decorator of `ltx::asio::transport` that keeps the
/// executor keeps every Asio token): one `asio::async_compose` operation per call, any Asio
/// completion token, `deferred` as default token.
template <class Transport, class = void> struct completion_adapter {
    /// The token of an `async_` call given none.
    using default_token = detail::no_default_token;

    /// Runs the machine `make()` returns over `t`; completes `token`, filling `*diag` (when not
    /// null) first.
    template <class Op, class Clock, class Token, class Make>
    static void run(Transport& t, Clock& c, Token&& token, diagnostics* diag, Make&& make) {
        static_assert(!std::is_same_v<std::decay_t<Token>, detail::no_default_token>,
                      "this transport has no default completion token: pass a callback "
                      "void(std::error_code, R)");
        static_assert(
            std::is_invocable_v<std::decay_t<Token>&&, std::error_code, typename Op::result_type>,
            "this completion token is neither a callback void(std::error_code, R) nor a token "
            "the transport adapts (include <ltx/asio.hpp> for Asio's)");
        static_assert(async_transport<Transport> && async_sleeper<Transport>,
                      "async calls need a transport modelling ltx::async_transport and "
                      "ltx::async_sleeper");
        detail::run_callback<Op>(t, c, std::forward<Token>(token), diag, std::forward<Make>(make));
    }
};

/// The client core over any transport, for the API `Api` describes: typed calls of any
/// endpoint of that API, retries, waiting for jobs and downloads, in every form. Each API's
/// client derives from it and adds one named call per endpoint.
///
/// Every call comes in a throwing form and a `(std::error_code&, ltx::diagnostics&)` form;
/// with an async transport, an `async_` form completes a callback `void(std::error_code, R)`.
/// Requests are validated before any I/O: on bad input no byte is sent (throwing form:
/// `ltx::validation_error`; error-code form: `ltx::errc::invalid_request` with the violations
/// in the diagnostics). The API token is sent only to the API's own origin, never to the
/// storage host of downloads, and never appears in a message.
///
/// The client holds a reference to the transport, which must outlive it. A client is not
/// synchronised: use one per thread, or serialise calls, as with the transport.
template <api_description Api, class Transport, class Clock = system_clock_source>
class basic_api_client {
public:
    /// The API's description.
    using api_type = Api;
    /// What a status poll answers, and `wait` returns.
    using job_type = typename Api::job;
    /// What names a job for `wait`.
    using job_ref = typename Api::job_ref;
    /// How `wait` follows a job of this API.
    using wait_options = basic_wait_options<job_type>;

    /// A client sending through `transport` as `cfg` says.
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL, or
    /// when `cfg.token` or `cfg.user_agent` holds CR, LF or NUL.
    basic_api_client(Transport& transport, ltx::config cfg, Clock clock = {});

    /// The configuration.
    const ltx::config& config() const noexcept { return config_; }
    /// The transport the client sends through.
    Transport& transport() const noexcept { return transport_; }
    /// The client's time source.
    const Clock& clock() const noexcept { return clock_; }

    /// Calls endpoint `E` (see `ltx::endpoints`) with `req`; throws on failure.
    template <class E> typename E::response call(const typename E::request& req);
    /// Calls endpoint `E` with `req`; on failure sets `ec` and fills `diag`.
    template <class E>
    typename E::response call(const typename E::request& req, std::error_code& ec,
                              diagnostics& diag);

    /// Polls the job's status (`Api::poll`: `GET assets/{jobId}`, ...) until the job is done
    /// (completed with a result URL), failed (`errc::job_failed`, the server's message in the
    /// diagnostics), past the deadline (`errc::wait_timeout`) or cancelled. Needs only the
    /// job's reference, so a wait can be resumed by another process.
    job_type wait(const job_ref& job_id, const wait_options& opts = {});
    job_type wait(const job_ref& job_id, const wait_options& opts, std::error_code& ec,
                  diagnostics& diag);

    /// Streams the artifact of `done` into `path`, through a temporary file in the same
    /// directory renamed into place at the end: a failure never leaves a partial file at
    /// `path`. Checks the size when Content-Length is known. Sends no API token.
    void download(const job_type& done, const std::filesystem::path& path,
                  const download_options& opts = {});
    void download(const job_type& done, const std::filesystem::path& path,
                  const download_options& opts, std::error_code& ec, diagnostics& diag);
    /// Streams the file at `url` into `path` (see above).
    void download_url(const std::string& url, const std::filesystem::path& path,
                      const download_options& opts = {});
    void download_url(const std::string& url, const std::filesystem::path& path,
                      const download_options& opts, std::error_code& ec, diagnostics& diag);
    /// Streams the file at `url` into `sink`, which returns an error to stop.
    void download_url(const std::string& url,
                      const std::function<std::error_code(std::string_view)>& sink,
                      const download_options& opts, std::error_code& ec, diagnostics& diag);

    // ---- async calls ---------------------------------------------------------------------
    //
    // The contract every `async_` call below states in its own block, and the errors they
    // share. The transport: `ltx::asio::transport` (or another `ltx::asio::asio_transport`),
    // run by one `asio::async_compose` operation per call, or another `ltx::async_transport`
    // that can `async_sleep`, run by the plain-callback runner.
    //
    // - Returns what the token makes of the operation: nothing for a callback, a
    //   `std::future<R>` for `asio::use_future`, an `asio::awaitable<R>` for
    //   `asio::use_awaitable`, a deferred operation (started when invoked with a token) for
    //   the default token `ltx::asio::deferred`. Arguments are taken when the call is made,
    //   deferred or not.
    // - The client and its transport must outlive the operation; so must a `diagnostics*`.
    // - Cancellation (Asio transport): the handler's associated cancellation slot, types
    //   `terminal` and `partial`; both end the operation at once, the request or the pause in
    //   flight included (the connection of a request in flight is closed). `total` alone is
    //   filtered out: the operation runs on. The `cancel` member of `wait_options` and
    //   `download_options` is seen between steps (and by a download at each piece of the
    //   body) with the Asio transport, and at once, from any thread, with the callback runner.
    // - Executor (Asio transport): every step after the start, and the handler, run on the
    //   handler's associated executor (the transport's when it has none); the handler is
    //   never invoked from within the initiating call (a call that fails before any I/O
    //   completes through a zero pause). Callback runner: the handler runs on the thread that
    //   completes the last step, or on the thread that cancels; never from within the
    //   initiating call unless the transport completes inside `async_send`.
    // - Errors, as `ec` (with `asio::use_awaitable`, `asio::use_future` and
    //   `ltx::asio::with_diagnostics`, as the exception the sync throwing form throws:
    //   `ltx::validation_error`, `ltx::api_error`, `std::system_error`):
    //     `errc::invalid_request`  the request broke the API's rules; nothing was sent
    //     `errc::bad_request`, `unauthorized`, `payment_required`, `not_found`,
    //     `too_many_requests`, `server_error`, `unexpected_response`
    //                              the server's answer (status and text in the diagnostics),
    //                              after the retries `config::retry` allows
    //     `errc::outcome_unknown`  a paid POST may have reached the server, then failed or
    //                              was cancelled; it is never sent twice
    //     `errc::cancelled`        cancelled (equal to `std::errc::operation_canceled`)
    //     `http::transport_errc::*` the connection failed, timed out, ... after the retries
    // The result is default-constructed on error, unless a block says otherwise.

    /// The token of an `async_` call given none (`ltx::asio::deferred` with the Asio
    /// transport).
    using default_token = typename completion_adapter<Transport>::default_token;

    /// Calls endpoint `E` (see `ltx::endpoints`) asynchronously.
    ///
    /// - Completes once the server answered and the answer was decoded, or on failure, after
    ///   the retries that `config::retry` and `E::retry_safe` allow.
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    ///   `diag`, when not null, must outlive the operation; it receives the diagnostics before
    ///   the handler runs.
    /// - Signature: `void(std::error_code, typename E::response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight (`errc::cancelled`, or `errc::outcome_unknown` for a paid
    ///   POST that may have reached the server); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: see "async calls" above (all of them may occur).
    ///
    /// ```
    /// api.async_call<ltx::endpoints::get_job>({"job-id"}, [](std::error_code ec, ltx::job j) {});
    /// ```
    template <class E, class Token = default_token>
    auto async_call(const typename E::request& req, Token&& token = {},
                    diagnostics* diag = nullptr) {
        return run_async<detail::call_op<Api, typename E::response>>(std::forward<Token>(token),
                                                                     diag, make_call<E>(req));
    }

    /// Waits for a job asynchronously: polls its status (`Api::poll`), pausing `opts.interval`
    /// (growing by `opts.backoff` up to `opts.max_interval`) between polls.
    ///
    /// - Completes when the job is done (completed, with an artifact URL), failed, past
    ///   `opts.timeout`, cancelled, or when a poll fails with an error that is not transient.
    /// - `job_id` and `opts` are moved into the operation. `opts.on_progress` is called after
    ///   each poll with the job as the server described it, on the executor that runs the
    ///   steps (below); `opts.cancel`'s state is shared with the caller's `ltx::cancellation`.
    /// - Signature: `void(std::error_code, job_type)`: the last job seen, also on failure
    ///   (empty when no poll succeeded).
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   poll or pause in flight with `errc::cancelled`; `total` is not supported. `opts.cancel` is
    ///   seen before the next poll or pause with the Asio transport, at once with the callback
    ///   runner.
    /// - Asio transport: the handler, and `on_progress`, run on the handler's associated
    ///   executor (the transport's when it has none); the handler is never invoked from within
    ///   this call. Another async transport: see "async calls".
    /// - Errors: `errc::job_failed` (the server's message in the diagnostics),
    ///   `errc::wait_timeout`, `errc::cancelled`, a poll's error when it is not transient
    ///   (`errc::not_found`, `errc::unauthorized`, ...; see "async calls" above).
    ///
    /// ```
    /// ltx::job done = co_await api.async_wait(id, {.interval = 2s}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_wait(job_ref job_id, wait_options opts, Token&& token = {}) {
        return start_wait(std::move(job_id), std::move(opts), std::forward<Token>(token), nullptr);
    }
    /// As `async_wait(job_id, wait_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const wait_options&>) auto async_wait(
        job_ref job_id, Token&& token = {}) {
        return start_wait(std::move(job_id), wait_options{}, std::forward<Token>(token), nullptr);
    }
    /// As `async_wait(job_id, opts, token)`, filling `*diag` before the handler runs; `diag`
    /// must outlive the operation.
    template <class Token>
    auto async_wait(job_ref job_id, wait_options opts, Token&& token, diagnostics* diag) {
        return start_wait(std::move(job_id), std::move(opts), std::forward<Token>(token), diag);
    }

    /// Downloads the artifact of `done` into `path` asynchronously, through a temporary file
    /// in the same directory renamed into place at the end. Sends no API token.
    ///
    /// - Completes once the whole body is at `path` (its size checked against Content-Length
    ///   when known), or on failure: a failed or cancelled download leaves no file, neither
    ///   at `path` nor beside it.
    /// - `done`'s artifact URL and `path` are copied before the call returns; `opts` is moved
    ///   in. `opts.on_progress` is called as each piece of the body is written, on the
    ///   transport's executor (the exchange's strand) with the Asio transport.
    /// - Signature: `void(std::error_code, std::uint64_t)`: the bytes written.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   transfer or retry pause in flight with `errc::cancelled`; `total` is not supported.
    ///   `opts.cancel` (`errc::cancelled`, no file left) is seen at the next piece of the body or
    ///   between steps with the Asio transport, at once with the callback runner.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::no_artifact` (no URL in `done`; nothing sent), `errc::size_mismatch`,
    ///   `errc::file_error` (the temporary file or the rename), `errc::cancelled`, and the
    ///   others of "async calls" above.
    ///
    /// ```
    /// std::uint64_t n = co_await api.async_download(done, "out.mp4", {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_download(const job_type& done, const std::filesystem::path& path,
                        download_options opts, Token&& token = {}) {
        const auto url = Api::artifact_url(done);
        return run_async<detail::download_op>(
            std::forward<Token>(token), nullptr,
            make_download(url ? std::optional<std::string>{*url} : std::nullopt, {}, path,
                          std::move(opts)));
    }
    /// As `async_download(done, path, download_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const download_options&>) auto async_download(
        const job_type& done, const std::filesystem::path& path, Token&& token = {}) {
        return async_download(done, path, download_options{}, std::forward<Token>(token));
    }

    /// Downloads the file at `url` into `path` asynchronously, as `async_download` does for
    /// an artifact URL. Sends no API token.
    ///
    /// - Completes once the whole body is at `path` (its size checked against Content-Length
    ///   when known), or on failure, leaving no file.
    /// - `url` is parsed (a URL that is not absolute http(s) fails, without I/O, with
    ///   `errc::invalid_request`) and `path` copied before the call returns; `opts` is moved
    ///   in. `opts.on_progress` runs as for `async_download`.
    /// - Signature: `void(std::error_code, std::uint64_t)`: the bytes written.
    /// - Cancellation (Asio transport): as for `async_download`: `terminal` and `partial` through
    ///   the handler's slot (`errc::cancelled`, no file left); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request`, `errc::size_mismatch`, `errc::file_error`,
    ///   `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// std::uint64_t n = co_await api.async_download_url(url, "out.mp4", {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_download_url(std::string url, const std::filesystem::path& path,
                            download_options opts, Token&& token = {}) {
        return run_async<detail::download_op>(
            std::forward<Token>(token), nullptr,
            make_download(std::optional<std::string>{std::move(url)}, {}, path, std::move(opts)));
    }
    /// As `async_download_url(url, path, download_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const download_options&>) auto async_download_url(
        std::string url, const std::filesystem::path& path, Token&& token = {}) {
        return async_download_url(std::move(url), path, download_options{},
                                  std::forward<Token>(token));
    }

protected:
    template <class E>
    bool prepare(const typename E::request& req, http::body body, std::string content_type,
                 http::request& out, std::error_code& ec, diagnostics& diag) const;
    template <class E>
    bool build_request(const typename E::request& r, http::body body, std::string content_type,
                       http::request& out, std::error_code& ec, diagnostics& diag) const;
    bool prepare_download(const std::string& url, http::request& out, std::error_code& ec,
                          diagnostics& diag) const;
    static std::optional<http::file_body> open_file_body(const std::filesystem::path& path,
                                                         std::error_code& ec, diagnostics& diag);
    /// The MIME type to send `body` with: from its first bytes, then a file body's name (see
    /// `ltx::detect_mime`). Sets `ec` (`errc::file_error`) and `diag` when the file cannot be
    /// read.
    static std::string detect_body_mime(const http::body& body, std::error_code& ec,
                                        diagnostics& diag);
    template <class F> auto or_throw(F&& f);
    template <class Op>
    typename Op::result_type run_sync(Op& op, std::error_code& ec, diagnostics& diag);
    template <class Op, class Token, class Make>
    auto run_async(Token&& token, diagnostics* diag, Make&& make) {
        return completion_adapter<Transport>::template run<Op>(
            transport_, clock_, std::forward<Token>(token), diag, std::forward<Make>(make));
    }
    /// A retry machine for a request that is `retry_safe` or not, with the next seed.
    detail::retry_machine retry_for(bool retry_safe) {
        return detail::retry_machine{config_.retry, retry_safe, detail::next_seed(seed_),
                                     Api::resend_after_429};
    }
    template <class E>
    detail::call_recipe<Api, typename E::response> make_call(const typename E::request& req);
    detail::download_recipe make_download(std::optional<std::string> url, detail::chunk_sink sink,
                                          const std::filesystem::path& path, download_options opts);
    detail::wait_recipe<Api> make_wait(job_ref job_id, wait_options opts);
    static bool build_poll(const void* self, const job_ref& job_id, http::request& out,
                           std::error_code& ec, diagnostics& diag);
    template <class Token>
    auto start_wait(job_ref job_id, wait_options opts, Token&& token, diagnostics* diag) {
        return run_async<detail::wait_op<Api>>(std::forward<Token>(token), diag,
                                               make_wait(std::move(job_id), std::move(opts)));
    }
    /// The token, for redaction of server text.
    std::string_view secret() const noexcept { return config_.token; }

    Transport& transport_;
    ltx::config config_;
    Clock clock_;
    http::url base_;
    http::headers api_headers_; // Authorization (with a token), Accept, User-Agent
    std::uint64_t seed_;
};

} // namespace ltx

// ---- begin ltx/impl/basic_api_client.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The client core's calls: each builds one machine of detail/operation.hpp (validating and
// building the HTTP request from the endpoint's traits first) and hands it to a runner: the
// sync loop `detail::run_sync` here, or through `completion_adapter` an async runner.
#ifndef LTX_IMPL_BASIC_API_CLIENT_HPP
#define LTX_IMPL_BASIC_API_CLIENT_HPP

// ---- begin ltx/mime.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_MIME_HPP
#define LTX_MIME_HPP


#include <cstddef>
#include <optional>
#include <string_view>

namespace ltx {

/// How many leading bytes of a file `sniff_mime` looks at, at most: read this many (or the
/// whole file when shorter) and pass them in. Bytes beyond it are ignored.
inline constexpr std::size_t mime_sniff_length = 512;

/// The media type of a file recognised from its first bytes (its "magic" signature), or
/// nullopt when none of the formats below matches.
///
/// | format | signature | result |
/// |---|---|---|
/// | PNG | `89 'PNG' 0D 0A 1A 0A` | `image/png` |
/// | JPEG | `FF D8 FF` | `image/jpeg` |
/// | GIF | `GIF87a`, `GIF89a` | `image/gif` |
/// | WebP | `RIFF` size `WEBP` | `image/webp` |
/// | BMP | `BM`, and a known DIB header size at offset 14 | `image/bmp` |
/// | TIFF | `II*\0`, `MM\0*` | `image/tiff` |
/// | ISO media | box `ftyp` at offset 4: major brand, else the first known compatible one | |
/// | | `avif`, `avis` | `image/avif` |
/// | | `heic`, `heix`, `heim`, `heis`, `hevc`, `hevx` | `image/heic` |
/// | | `mif1`, `msf1` (generic HEIF, when no compatible brand says AVIF or HEIC) | `image/heif` |
/// | | `isom`, `iso2`-`iso6`, `mp41`, `mp42`, `avc1`, `dash`, `mmp4` | `video/mp4` |
/// | | `M4V `, `M4VH`, `M4VP` | `video/x-m4v` |
/// | | `qt  ` | `video/quicktime` |
/// | | `M4A `, `M4B ` | `audio/mp4` |
/// | Matroska | EBML `1A 45 DF A3`; DocType `webm` / anything else | `video/webm` /
/// `video/x-matroska` | | MP3 | `ID3` tag, or a valid MPEG-1/2/2.5 audio frame header |
/// `audio/mpeg` | | AAC | ADTS frame header (`FFF` sync, layer 0) | `audio/aac` | | WAVE | `RIFF`
/// size `WAVE` | `audio/wav` | | Ogg | `OggS` | `audio/ogg` | | FLAC | `fLaC` | `audio/flac` | |
/// PDF | `%PDF-` | `application/pdf` |
///
/// The returned view refers to static storage.
LTX_DECL std::optional<std::string_view> sniff_mime(std::string_view first_bytes) noexcept;

/// The media type that the extension of `path_or_name` stands for, or nullopt when it has
/// none or an unknown one.
///
/// The extension is what follows the last `.` of the last path component (after the last `/`
/// or `\`), compared ignoring ASCII case: `.png` `.jpg` `.jpeg` `.webp` `.gif` `.bmp` `.tif`
/// `.tiff` `.avif` `.heic` `.heif` `.mp4` `.m4v` `.mov` `.webm` `.mkv` `.mp3` `.wav` `.ogg`
/// `.flac` `.m4a` `.aac` `.pdf`, mapped to the same types as `sniff_mime` returns. A name
/// whose only dot is its first character (`.png`, a hidden file) has no extension.
/// The returned view refers to static storage.
LTX_DECL std::optional<std::string_view>
mime_from_extension(std::string_view path_or_name) noexcept;

/// The kind of asset a media type describes, as the LTX Studio API names it: `"image"`,
/// `"video"`, `"audio"` or, for anything else (`application/pdf`, malformed input), `"other"`.
/// Only the top-level type counts, compared ignoring ASCII case; parameters are ignored.
LTX_DECL std::string_view asset_type_of(std::string_view mime) noexcept;

/// The media type to send with a file: `sniff_mime(first_bytes)` when the content is
/// recognised, otherwise `mime_from_extension(filename)`, otherwise
/// `"application/octet-stream"`. The content wins over the name because a misnamed file is
/// more common than a misleading signature. The returned view refers to static storage.
LTX_DECL std::string_view detect_mime(std::string_view first_bytes,
                                      std::string_view filename) noexcept;

} // namespace ltx

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/impl/mime.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_IMPL_MIME_IPP
#define LTX_IMPL_MIME_IPP



#include <cstdint>

namespace ltx {

namespace detail::mime_impl {

constexpr std::string_view image_heif = "image/heif";

constexpr unsigned char byte_at(std::string_view s, std::size_t i) noexcept {
    return static_cast<unsigned char>(s[i]);
}

constexpr bool starts_with_at(std::string_view s, std::size_t offset,
                              std::string_view magic) noexcept {
    return s.size() >= offset + magic.size() && s.substr(offset, magic.size()) == magic;
}

constexpr std::optional<std::string_view> brand_type(std::string_view brand) noexcept {
    struct entry {
        std::string_view brand;
        std::string_view mime;
    };
    // Brands grouped by the media type they give; clang-format would reflow them into columns.
    // clang-format off
    constexpr entry table[] = {
        {"avif", "image/avif"}, {"avis", "image/avif"},
        {"heic", "image/heic"}, {"heix", "image/heic"}, {"heim", "image/heic"},
        {"heis", "image/heic"}, {"hevc", "image/heic"}, {"hevx", "image/heic"},
        {"mif1", image_heif},   {"msf1", image_heif},
        {"isom", "video/mp4"},  {"iso2", "video/mp4"},  {"iso3", "video/mp4"},
        {"iso4", "video/mp4"},  {"iso5", "video/mp4"},  {"iso6", "video/mp4"},
        {"mp41", "video/mp4"},  {"mp42", "video/mp4"},  {"avc1", "video/mp4"},
        {"dash", "video/mp4"},  {"mmp4", "video/mp4"},
        {"M4V ", "video/x-m4v"}, {"M4VH", "video/x-m4v"}, {"M4VP", "video/x-m4v"},
        {"qt  ", "video/quicktime"},
        {"M4A ", "audio/mp4"},  {"M4B ", "audio/mp4"},
    };
    // clang-format on
    for (const auto& e : table) {
        if (e.brand == brand) {
            return e.mime;
        }
    }
    return std::nullopt;
}

// ISO base media file: a leading `ftyp` box lists a major brand, a minor version, then
// compatible brands up to the box's end. Generic HEIF brands defer to a compatible brand
// naming the codec (AVIF, HEIC), since `mif1` leads most such files.
inline std::optional<std::string_view> sniff_ftyp(std::string_view s) noexcept {
    if (!starts_with_at(s, 4, "ftyp") || s.size() < 12) {
        return std::nullopt;
    }
    const std::uint32_t box_size = std::uint32_t{byte_at(s, 0)} << 24 |
                                   std::uint32_t{byte_at(s, 1)} << 16 |
                                   std::uint32_t{byte_at(s, 2)} << 8 | std::uint32_t{byte_at(s, 3)};
    if (box_size < 16) {
        return std::nullopt;
    }
    std::optional<std::string_view> found = brand_type(s.substr(8, 4));
    if (found && *found != image_heif) {
        return found;
    }
    const std::size_t end = box_size < s.size() ? box_size : s.size();
    for (std::size_t at = 16; at + 4 <= end; at += 4) {
        const auto t = brand_type(s.substr(at, 4));
        if (!t || *t == image_heif) {
            found = found ? found : t;
        } else if (found != image_heif || t->substr(0, 6) == "image/") {
            return t;
        }
    }
    return found;
}

// EBML variable-length integer at s[at]; `keep_marker` for element IDs, which keep it.
inline bool read_vint(std::string_view s, std::size_t& at, bool keep_marker,
                      std::uint64_t& out) noexcept {
    if (at >= s.size()) {
        return false;
    }
    const unsigned first = byte_at(s, at);
    std::size_t length = 1;
    while (length <= 8 && (first & (0x100u >> length)) == 0) {
        ++length;
    }
    if (length > 8 || at + length > s.size()) {
        return false;
    }
    out = keep_marker ? first : first & ((0x100u >> length) - 1);
    for (std::size_t i = 1; i < length; ++i) {
        out = out << 8 | byte_at(s, at + i);
    }
    at += length;
    return true;
}

// Walks the elements of the EBML header for DocType (ID 0x4282). Anything that cannot be
// read (truncated input, unknown sizes) leaves the generic Matroska answer.
inline std::string_view sniff_ebml(std::string_view s) noexcept {
    constexpr std::string_view matroska = "video/x-matroska";
    std::size_t at = 4;
    std::uint64_t header_size = 0;
    if (!read_vint(s, at, false, header_size)) {
        return matroska;
    }
    const std::size_t end = header_size < s.size() - at ? at + header_size : s.size();
    while (at < end) {
        std::uint64_t id = 0;
        std::uint64_t size = 0;
        if (!read_vint(s, at, true, id) || !read_vint(s, at, false, size) || size > end - at) {
            return matroska;
        }
        if (id == 0x4282) {
            return s.substr(at, size) == "webm" ? "video/webm" : matroska;
        }
        at += size;
    }
    return matroska;
}

inline std::optional<std::string_view> sniff_mpeg_audio(std::string_view s) noexcept {
    if (s.size() < 3 || byte_at(s, 0) != 0xFF) {
        return std::nullopt;
    }
    const unsigned b1 = byte_at(s, 1);
    const unsigned b2 = byte_at(s, 2);
    // ADTS: 12 sync bits, layer 00, a defined sampling frequency index (0-12).
    if ((b1 & 0xF6) == 0xF0) {
        return (b2 >> 2 & 0xF) <= 12 ? std::optional<std::string_view>{"audio/aac"} : std::nullopt;
    }
    // MPEG audio: 11 sync bits, version not reserved (01), layer not reserved (00), bitrate
    // index not 1111, sampling rate index not 11. Checking all of them keeps random bytes
    // starting with FF from passing as MP3.
    const bool ok = (b1 & 0xE0) == 0xE0 && (b1 >> 3 & 3) != 1 && (b1 >> 1 & 3) != 0 &&
                    (b2 >> 4) != 0xF && (b2 >> 2 & 3) != 3;
    return ok ? std::optional<std::string_view>{"audio/mpeg"} : std::nullopt;
}

inline bool is_bmp(std::string_view s) noexcept {
    if (!starts_with_at(s, 0, "BM") || s.size() < 18) {
        return false;
    }
    const std::uint32_t dib = std::uint32_t{byte_at(s, 14)} | std::uint32_t{byte_at(s, 15)} << 8 |
                              std::uint32_t{byte_at(s, 16)} << 16 |
                              std::uint32_t{byte_at(s, 17)} << 24;
    for (const std::uint32_t known : {12u, 16u, 40u, 52u, 56u, 64u, 108u, 124u}) {
        if (dib == known) {
            return true;
        }
    }
    return false;
}

} // namespace detail::mime_impl

LTX_DECL std::optional<std::string_view> sniff_mime(std::string_view s) noexcept {
    using namespace detail::mime_impl;
    s = s.substr(0, mime_sniff_length);
    struct signature {
        std::size_t offset;
        std::string_view magic;
        std::string_view mime;
    };
    static constexpr signature simple[] = {
        {0, "\x89PNG\r\n\x1A\n", "image/png"},
        {0, "\xFF\xD8\xFF", "image/jpeg"},
        {0, "GIF87a", "image/gif"},
        {0, "GIF89a", "image/gif"},
        {0, {"II*\0", 4}, "image/tiff"},
        {0, {"MM\0*", 4}, "image/tiff"},
        {0, {"II+\0", 4}, "image/tiff"}, // BigTIFF
        {0, {"MM\0+", 4}, "image/tiff"},
        {0, "ID3", "audio/mpeg"},
        {0, "OggS", "audio/ogg"},
        {0, "fLaC", "audio/flac"},
        {0, "%PDF-", "application/pdf"},
        {0, "\x1A\x45\xDF\xA3", ""}, // EBML: the DocType decides
    };
    for (const auto& sig : simple) {
        if (starts_with_at(s, sig.offset, sig.magic)) {
            return sig.mime.empty() ? sniff_ebml(s) : sig.mime;
        }
    }
    if (starts_with_at(s, 0, "RIFF")) {
        if (starts_with_at(s, 8, "WEBP")) {
            return "image/webp";
        }
        if (starts_with_at(s, 8, "WAVE")) {
            return "audio/wav";
        }
        return std::nullopt;
    }
    if (is_bmp(s)) {
        return "image/bmp";
    }
    if (auto t = sniff_ftyp(s)) {
        return t;
    }
    return sniff_mpeg_audio(s);
}

LTX_DECL std::optional<std::string_view>
mime_from_extension(std::string_view path_or_name) noexcept {
    const std::size_t slash = path_or_name.find_last_of("/\\");
    const std::string_view name =
        slash == std::string_view::npos ? path_or_name : path_or_name.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
        return std::nullopt;
    }
    const std::string_view ext = name.substr(dot + 1);
    struct entry {
        std::string_view ext;
        std::string_view mime;
    };
    static constexpr entry table[] = {
        {"png", "image/png"},        {"jpg", "image/jpeg"},      {"jpeg", "image/jpeg"},
        {"webp", "image/webp"},      {"gif", "image/gif"},       {"bmp", "image/bmp"},
        {"tif", "image/tiff"},       {"tiff", "image/tiff"},     {"avif", "image/avif"},
        {"heic", "image/heic"},      {"heif", "image/heif"},     {"mp4", "video/mp4"},
        {"m4v", "video/x-m4v"},      {"mov", "video/quicktime"}, {"webm", "video/webm"},
        {"mkv", "video/x-matroska"}, {"mp3", "audio/mpeg"},      {"wav", "audio/wav"},
        {"ogg", "audio/ogg"},        {"flac", "audio/flac"},     {"m4a", "audio/mp4"},
        {"aac", "audio/aac"},        {"pdf", "application/pdf"},
    };
    for (const auto& e : table) {
        if (ltx::detail::iequals(e.ext, ext)) {
            return e.mime;
        }
    }
    return std::nullopt;
}

LTX_DECL std::string_view asset_type_of(std::string_view mime) noexcept {
    const std::size_t slash = mime.find('/');
    if (slash == std::string_view::npos || slash + 1 == mime.size()) {
        return "other";
    }
    const std::string_view type = mime.substr(0, slash);
    for (const std::string_view kind : {"image", "video", "audio"}) {
        if (ltx::detail::iequals(type, kind)) {
            return kind;
        }
    }
    return "other";
}

LTX_DECL std::string_view detect_mime(std::string_view first_bytes,
                                      std::string_view filename) noexcept {
    if (const auto sniffed = sniff_mime(first_bytes)) {
        return *sniffed;
    }
    if (const auto named = mime_from_extension(filename)) {
        return *named;
    }
    return "application/octet-stream";
}

} // namespace ltx

#endif
// ---- end ltx/impl/mime.ipp ----
#endif

#endif
// ---- end ltx/mime.hpp ----

#include <fstream>
#include <optional>
#include <stdexcept>

namespace ltx {

namespace detail {

template <class R>
concept has_optional_email = requires(R r) {
    r.email = std::optional<std::string>{};
}
&&reflect::kind_of<decltype(R::email)> == reflect::type_kind::optional;

// What url::origin() compares, without building the two strings.
inline bool same_origin(const http::url& a, const http::url& b) noexcept {
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port();
}

} // namespace detail

template <api_description Api, class Transport, class Clock>
basic_api_client<Api, Transport, Clock>::basic_api_client(Transport& transport, ltx::config cfg,
                                                          Clock clock)
    : transport_(transport), config_(std::move(cfg)), clock_(std::move(clock)),
      seed_(config_.jitter_seed) {
    static_assert(sync_transport<Transport> || async_transport<Transport>,
                  "ltx::basic_api_client: the transport models neither ltx::sync_transport nor "
                  "ltx::async_transport");
    auto base = http::parse_url(config_.base_url);
    if (!base)
        throw std::invalid_argument("ltx::config::base_url is not an absolute http(s) URL");
    base_ = std::move(base).value();
    if (!http::is_valid_field_value(config_.token))
        throw std::invalid_argument("ltx::config::token holds characters not allowed in a header");
    if (!config_.token.empty())
        api_headers_.set("Authorization", "Bearer " + config_.token);
    api_headers_.set("Accept", "application/json");
    api_headers_.set("User-Agent", config_.user_agent);
}

template <api_description Api, class Transport, class Clock>
template <class E>
bool basic_api_client<Api, Transport, Clock>::prepare(const typename E::request& req,
                                                      http::body body, std::string content_type,
                                                      http::request& out, std::error_code& ec,
                                                      diagnostics& diag) const {
    if constexpr (detail::has_optional_email<typename E::request>) {
        if (!req.email && config_.email) {
            typename E::request r = req;
            r.email = config_.email;
            return build_request<E>(r, std::move(body), std::move(content_type), out, ec, diag);
        }
    }
    return build_request<E>(req, std::move(body), std::move(content_type), out, ec, diag);
}

template <api_description Api, class Transport, class Clock>
template <class E>
bool basic_api_client<Api, Transport, Clock>::build_request(const typename E::request& r,
                                                            http::body body,
                                                            std::string content_type,
                                                            http::request& out, std::error_code& ec,
                                                            diagnostics& diag) const {
    auto violations = reflect::validate(r);
    if (!violations.empty()) {
        diag.violations.insert(diag.violations.end(), violations.begin(), violations.end());
        ec = errc::invalid_request;
        return false;
    }
    // The base's directory, then the target, in the string that becomes the URL's path.
    static_assert(detail::is_relative_path_template(E::path));
    const std::string_view base_path = base_.path();
    std::string target{base_path.substr(0, base_path.rfind('/') + 1)};
    detail::append_request_target<E>(r, target);
    auto url = http::detail::resolve_owned(base_, std::move(target));
    if (!url) {
        ec = errc::invalid_request;
        diag.detail = "the request does not form a valid URL";
        return false;
    }
    out = http::request{};
    out.method = E::method;
    out.url = std::move(url).value();
    out.headers = api_headers_;
    // The token goes to the API's own origin and nowhere else.
    if (!detail::same_origin(out.url, base_))
        out.headers.erase("Authorization");
    if constexpr (E::body == body_encoding::json) {
        out.headers.set("Content-Type", "application/json");
        out.body = reflect::to_json(r);
    } else if constexpr (E::body == body_encoding::raw) {
        out.headers.set("Content-Type", content_type);
        out.body = std::move(body);
    }
    out.timeout = config_.request_timeout;
    return true;
}

template <api_description Api, class Transport, class Clock>
template <class Op>
typename Op::result_type
basic_api_client<Api, Transport, Clock>::run_sync(Op& op, std::error_code& ec, diagnostics& diag) {
    static_assert(sync_transport<Transport>, "this call needs a transport modelling "
                                             "ltx::sync_transport; use the async_ form");
    detail::run_sync(transport_, clock_, op);
    ec = op.error();
    diag = op.take_diag();
    return op.take_result();
}

template <api_description Api, class Transport, class Clock>
template <class F>
auto basic_api_client<Api, Transport, Clock>::or_throw(F&& f) {
    std::error_code ec;
    diagnostics diag;
    if constexpr (std::is_void_v<decltype(f(ec, diag))>) {
        f(ec, diag);
        if (ec)
            detail::raise(ec, std::move(diag));
    } else {
        auto r = f(ec, diag);
        if (ec)
            detail::raise(ec, std::move(diag));
        return r;
    }
}

template <api_description Api, class Transport, class Clock>
template <class E>
typename E::response basic_api_client<Api, Transport, Clock>::call(const typename E::request& req,
                                                                   std::error_code& ec,
                                                                   diagnostics& diag) {
    auto make = make_call<E>(req);
    auto op = make();
    return run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
template <class E>
detail::call_recipe<Api, typename E::response>
basic_api_client<Api, Transport, Clock>::make_call(const typename E::request& req) {
    detail::call_recipe<Api, typename E::response> r{
        false, {}, {}, {}, retry_for(E::retry_safe), config_.token};
    r.ok = prepare<E>(req, {}, {}, r.req, r.ec, r.diag);
    return r;
}

template <api_description Api, class Transport, class Clock>
template <class E>
typename E::response basic_api_client<Api, Transport, Clock>::call(const typename E::request& req) {
    return or_throw([&](std::error_code& ec, diagnostics& d) { return call<E>(req, ec, d); });
}

template <api_description Api, class Transport, class Clock>
std::string basic_api_client<Api, Transport, Clock>::detect_body_mime(const http::body& body,
                                                                      std::error_code& ec,
                                                                      diagnostics& diag) {
    std::string head;
    std::string name;
    if (const auto* bytes = body.bytes()) {
        head = bytes->substr(0, 64);
    } else {
        name = body.file()->path().filename().string();
        std::ifstream in{body.file()->path(), std::ios::binary};
        head.resize(64);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        if (in.bad() || (!in && in.gcount() == 0 && body.size() != 0)) {
            ec = errc::file_error;
            diag.detail = "cannot read " + body.file()->path().string();
            return {};
        }
        head.resize(static_cast<std::size_t>(in.gcount()));
    }
    return std::string{detect_mime(head, name)};
}

template <api_description Api, class Transport, class Clock>
std::optional<http::file_body>
basic_api_client<Api, Transport, Clock>::open_file_body(const std::filesystem::path& path,
                                                        std::error_code& ec, diagnostics& diag) {
    std::error_code fec;
    http::file_body file{path, fec};
    if (fec) {
        ec = errc::file_error;
        diag.detail = "cannot read " + path.string() + ": " + fec.message();
        return std::nullopt;
    }
    return file;
}

template <api_description Api, class Transport, class Clock>
bool basic_api_client<Api, Transport, Clock>::build_poll(const void* self, const job_ref& job_id,
                                                         http::request& out, std::error_code& ec,
                                                         diagnostics& diag) {
    return static_cast<const basic_api_client*>(self)->template prepare<typename Api::poll>(
        Api::poll_request(job_id), {}, {}, out, ec, diag);
}

template <api_description Api, class Transport, class Clock>
detail::wait_recipe<Api> basic_api_client<Api, Transport, Clock>::make_wait(job_ref job_id,
                                                                            wait_options opts) {
    return {{this, &build_poll}, std::move(job_id), &config_.retry, &seed_,
            std::move(opts),     config_.token};
}

template <api_description Api, class Transport, class Clock>
typename Api::job
basic_api_client<Api, Transport, Clock>::wait(const job_ref& job_id, const wait_options& opts,
                                              std::error_code& ec, diagnostics& diag) {
    auto op = make_wait(job_id, opts)();
    return run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
typename Api::job basic_api_client<Api, Transport, Clock>::wait(const job_ref& job_id,
                                                                const wait_options& opts) {
    return or_throw([&](std::error_code& ec, diagnostics& d) { return wait(job_id, opts, ec, d); });
}

template <api_description Api, class Transport, class Clock>
bool basic_api_client<Api, Transport, Clock>::prepare_download(const std::string& url,
                                                               http::request& out,
                                                               std::error_code& ec,
                                                               diagnostics& diag) const {
    const auto parsed = http::parse_url(url);
    if (!parsed) {
        ec = errc::invalid_request;
        diag.detail = "the download URL is not an absolute http(s) URL";
        return false;
    }
    out = http::request{};
    out.method = http::method::get;
    out.url = *parsed;
    out.headers.set("User-Agent", config_.user_agent); // and no Authorization: not the API host
    out.timeout = config_.request_timeout;
    return true;
}

template <api_description Api, class Transport, class Clock>
detail::download_recipe basic_api_client<Api, Transport, Clock>::make_download(
    std::optional<std::string> url, detail::chunk_sink sink, const std::filesystem::path& path,
    download_options opts) {
    detail::download_recipe r{false,
                              url ? std::error_code{} : std::error_code{errc::no_artifact},
                              {},
                              {},
                              std::move(sink),
                              path,
                              std::move(opts),
                              retry_for(true)};
    if (url)
        r.ok = prepare_download(*url, r.req, r.ec, r.diag);
    return r;
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download_url(
    const std::string& url, const std::function<std::error_code(std::string_view)>& sink,
    const download_options& opts, std::error_code& ec, diagnostics& diag) {
    auto op = make_download(url, sink, {}, opts)();
    run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download_url(const std::string& url,
                                                           const std::filesystem::path& path,
                                                           const download_options& opts,
                                                           std::error_code& ec, diagnostics& diag) {
    auto op = make_download(url, {}, path, opts)();
    run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download_url(const std::string& url,
                                                           const std::filesystem::path& path,
                                                           const download_options& opts) {
    or_throw([&](std::error_code& ec, diagnostics& d) { download_url(url, path, opts, ec, d); });
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download(const job_type& done,
                                                       const std::filesystem::path& path,
                                                       const download_options& opts,
                                                       std::error_code& ec, diagnostics& diag) {
    const auto url = Api::artifact_url(done);
    auto op =
        make_download(url ? std::optional<std::string>{*url} : std::nullopt, {}, path, opts)();
    run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download(const job_type& done,
                                                       const std::filesystem::path& path,
                                                       const download_options& opts) {
    or_throw([&](std::error_code& ec, diagnostics& d) { download(done, path, opts, ec, d); });
}

} // namespace ltx

#endif
// ---- end ltx/impl/basic_api_client.hpp ----

#endif
// ---- end ltx/basic_api_client.hpp ----

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>

namespace ltx {

/// The LTX Studio API client over any transport: one typed call per endpoint, retries,
/// waiting for jobs, downloads and uploads.
///
/// Every call comes in a throwing form and a `(std::error_code&, ltx::diagnostics&)` form;
/// with an async transport, an `async_` form completes a callback `void(std::error_code, R)`.
/// Requests are validated before any I/O: on bad input no byte is sent (throwing form:
/// `ltx::validation_error`; error-code form: `ltx::errc::invalid_request` with the violations
/// in the diagnostics). The API token is sent only to the API's own origin, never to the
/// storage host of downloads, and never appears in a message. The calls every API shares
/// (`call`, `wait`, `download`, their `async_` forms) are those of `ltx::basic_api_client`.
///
/// The client holds a reference to the transport, which must outlive it. A client is not
/// synchronised: use one per thread, or serialise calls, as with the transport.
template <class Transport, class Clock = system_clock_source>
class basic_client : public basic_api_client<studio_api, Transport, Clock> {
    using base = basic_api_client<studio_api, Transport, Clock>;

public:
    using typename base::default_token;

    /// A client sending through `transport` as `cfg` says.
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL, or
    /// when `cfg.token` or `cfg.user_agent` holds CR, LF or NUL.
    basic_client(Transport& transport, ltx::config cfg, Clock clock = {})
        : base(transport, std::move(cfg), std::move(clock)) {}

    /// `POST videos/ltx-create`. Never sent twice unless the server said it did not accept it.
    ltx_create_response create_video(const ltx_create_request& req) {
        return this->template call<endpoints::create_video>(req);
    }
    ltx_create_response create_video(const ltx_create_request& req, std::error_code& ec,
                                     diagnostics& diag) {
        return this->template call<endpoints::create_video>(req, ec, diag);
    }

    /// `POST videos/veo-create`: a video with Google Veo. Never sent twice unless the server
    /// said it did not accept it.
    veo_create_response create_veo_video(const veo_create_request& req) {
        return this->template call<endpoints::create_veo_video>(req);
    }
    veo_create_response create_veo_video(const veo_create_request& req, std::error_code& ec,
                                         diagnostics& diag) {
        return this->template call<endpoints::create_veo_video>(req, ec, diag);
    }

    /// `POST images/create`: an image from a prompt; the job id ends `-type:image`, and `wait`
    /// and `download` take it as they take a video job's. Never sent twice unless the server
    /// said it did not accept it.
    image_job_response create_image(const image_create_request& req) {
        return this->template call<endpoints::create_image>(req);
    }
    image_job_response create_image(const image_create_request& req, std::error_code& ec,
                                    diagnostics& diag) {
        return this->template call<endpoints::create_image>(req, ec, diag);
    }

    /// `POST images/edit`: an image from one to three reference images and a prompt (an image
    /// job, as `create_image`). Never sent twice unless the server said it did not accept it.
    image_job_response edit_image(const image_edit_request& req) {
        return this->template call<endpoints::edit_image>(req);
    }
    image_job_response edit_image(const image_edit_request& req, std::error_code& ec,
                                  diagnostics& diag) {
        return this->template call<endpoints::edit_image>(req, ec, diag);
    }

    /// `POST images/upscale`: twice the width and height of a completed image job's image, as
    /// a new image job. Never sent twice unless the server said it did not accept it.
    image_job_response upscale_image(const image_upscale_request& req) {
        return this->template call<endpoints::upscale_image>(req);
    }
    image_job_response upscale_image(const image_upscale_request& req, std::error_code& ec,
                                     diagnostics& diag) {
        return this->template call<endpoints::upscale_image>(req, ec, diag);
    }

    /// `GET assets/{jobId}`: the job's status.
    job get_job(std::string job_id) {
        return this->template call<endpoints::get_job>({std::move(job_id)});
    }
    job get_job(std::string job_id, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::get_job>({std::move(job_id)}, ec, diag);
    }

    /// `GET assets/`: a page of the account's assets.
    asset_page list_assets(const list_assets_request& req = {}) {
        return this->template call<endpoints::list_assets>(req);
    }
    asset_page list_assets(const list_assets_request& req, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::list_assets>(req, ec, diag);
    }

    /// `POST accounts`: configure an LTX Studio account.
    account configure_account(const account_request& req) {
        return this->template call<endpoints::configure_account>(req);
    }
    account configure_account(const account_request& req, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::configure_account>(req, ec, diag);
    }

    /// `GET accounts/{email}`.
    account get_account(std::string email) {
        return this->template call<endpoints::get_account>({std::move(email)});
    }
    account get_account(std::string email, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::get_account>({std::move(email)}, ec, diag);
    }

    /// `GET accounts`: every configured account, keyed by e-mail (`errc::not_found` when none
    /// is).
    account_map list_accounts() { return this->template call<endpoints::list_accounts>({}); }
    account_map list_accounts(std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::list_accounts>({}, ec, diag);
    }

    /// `DELETE accounts/{email}`: removes the account's configuration (`errc::not_found` when
    /// it is not configured).
    void delete_account(std::string email) {
        this->template call<endpoints::delete_account>({std::move(email)});
    }
    void delete_account(std::string email, std::error_code& ec, diagnostics& diag) {
        this->template call<endpoints::delete_account>({std::move(email)}, ec, diag);
    }

    /// `GET scheduler`: the jobs now running, empty when none is.
    scheduled_jobs list_scheduled_jobs() {
        return this->template call<endpoints::list_scheduled_jobs>({});
    }
    scheduled_jobs list_scheduled_jobs(std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::list_scheduled_jobs>({}, ec, diag);
    }

    /// `DELETE scheduler/{jobId}`: stops tracking a running job. The job goes on and `get_job`
    /// still reads it, but no webhook is sent for it and it leaves `list_scheduled_jobs`.
    /// `errc::not_found` when the job is not running or not tracked.
    void cancel_scheduled_job(std::string job_id) {
        this->template call<endpoints::cancel_scheduled_job>({std::move(job_id)});
    }
    void cancel_scheduled_job(std::string job_id, std::error_code& ec, diagnostics& diag) {
        this->template call<endpoints::cancel_scheduled_job>({std::move(job_id)}, ec, diag);
    }

    /// `POST assets/`: uploads `body` (bytes, or a `http::file_body` streamed from disk). The
    /// MIME type is detected from the first bytes, then the file name, unless given.
    /// An empty body or an unreadable file fails before any I/O.
    upload_asset_response upload_asset(http::body body, const upload_options& opts = {});
    upload_asset_response upload_asset(http::body body, const upload_options& opts,
                                       std::error_code& ec, diagnostics& diag);
    /// Uploads the file at `path`.
    upload_asset_response upload_file(const std::filesystem::path& path,
                                      const upload_options& opts = {});
    upload_asset_response upload_file(const std::filesystem::path& path, const upload_options& opts,
                                      std::error_code& ec, diagnostics& diag);

    /// Creates a video job (`POST videos/ltx-create`) asynchronously.
    ///
    /// - Completes once the server accepted the job (the `ltx::ltx_create_response` it returns,
    ///   with its `jobId`), or on failure. The request is sent again only when it cannot have
    ///   created a job: after a `429`, or a connection that failed before the request went out.
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    /// - Signature: `void(std::error_code, ltx::ltx_create_response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot. Before
    ///   the request may have reached the server (or during a retry pause): `errc::cancelled`;
    ///   after: `errc::outcome_unknown`, since the job may exist. `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::payment_required`,
    ///   `errc::too_many_requests` (not accepted), `errc::outcome_unknown`, `errc::cancelled`,
    ///   and the others of "async calls" above.
    ///
    /// ```
    /// auto created = co_await api.async_create_video(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_create_video(const ltx_create_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::create_video>(req, std::forward<Token>(token));
    }

    /// Creates a Veo video job (`POST videos/veo-create`) asynchronously: as
    /// `async_create_video` (never sent twice once it may have reached the server), with
    /// signature `void(std::error_code, ltx::veo_create_response)`.
    ///
    /// ```
    /// auto created = co_await api.async_create_veo_video(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_create_veo_video(const veo_create_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::create_veo_video>(req,
                                                                      std::forward<Token>(token));
    }

    /// Creates an image job (`POST images/create`) asynchronously: as `async_create_video`
    /// (never sent twice once it may have reached the server), with signature
    /// `void(std::error_code, ltx::image_job_response)`.
    ///
    /// ```
    /// auto created = co_await api.async_create_image(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_create_image(const image_create_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::create_image>(req, std::forward<Token>(token));
    }

    /// Creates an image-edit job (`POST images/edit`) asynchronously: as `async_create_image`.
    ///
    /// ```
    /// auto created = co_await api.async_edit_image(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_edit_image(const image_edit_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::edit_image>(req, std::forward<Token>(token));
    }

    /// Creates an upscale job (`POST images/upscale`) asynchronously: as `async_create_image`.
    ///
    /// ```
    /// auto created = co_await api.async_upscale_image({.jobId = id}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_upscale_image(const image_upscale_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::upscale_image>(req, std::forward<Token>(token));
    }

    /// Reads a job's status (`GET assets/{jobId}`) asynchronously.
    ///
    /// - Completes once the server described the job, or on failure; transient failures are
    ///   retried as `config::retry` says.
    /// - `job_id` is moved into the request before the call returns.
    /// - Signature: `void(std::error_code, ltx::job)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::not_found` (unknown or expired job), `errc::cancelled`, and the others
    ///   of "async calls" above.
    ///
    /// ```
    /// api.async_get_job(id, [](std::error_code ec, ltx::job j) { /* j.status */ });
    /// ```
    template <class Token = default_token>
    auto async_get_job(std::string job_id, Token&& token = {}) {
        return this->template async_call<endpoints::get_job>({std::move(job_id)},
                                                             std::forward<Token>(token));
    }

    /// Reads a page of the account's assets (`GET assets/`) asynchronously.
    ///
    /// - Completes once the server returned the page, or on failure; transient failures are
    ///   retried as `config::retry` says.
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    /// - Signature: `void(std::error_code, ltx::asset_page)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::cancelled`, and the others of
    ///   "async calls" above.
    ///
    /// ```
    /// ltx::asset_page page = co_await api.async_list_assets({}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_list_assets(const list_assets_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::list_assets>(req, std::forward<Token>(token));
    }
    /// As `async_list_assets(list_assets_request{}, token)`: the first page.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const list_assets_request&>) auto async_list_assets(
        Token&& token = {}) {
        return async_list_assets(list_assets_request{}, std::forward<Token>(token));
    }

    /// Configures an LTX Studio account (`POST accounts`) asynchronously.
    ///
    /// - Completes once the server returned the account, or on failure; transient failures
    ///   are retried as `config::retry` says (create-or-update is idempotent).
    /// - `req` is validated and serialised before the call returns; it need not outlive it.
    /// - Signature: `void(std::error_code, ltx::account)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::cancelled`, and the others of
    ///   "async calls" above.
    ///
    /// ```
    /// ltx::account acc = co_await api.async_configure_account(req, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_configure_account(const account_request& req, Token&& token = {}) {
        return this->template async_call<endpoints::configure_account>(req,
                                                                       std::forward<Token>(token));
    }

    /// Reads an account (`GET accounts/{email}`) asynchronously.
    ///
    /// - Completes once the server returned the account, or on failure; transient failures
    ///   are retried as `config::retry` says.
    /// - `email` is moved into the request before the call returns.
    /// - Signature: `void(std::error_code, ltx::account)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::not_found` (unconfigured account), `errc::cancelled`, and the others of
    ///   "async calls" above.
    ///
    /// ```
    /// ltx::account acc = co_await api.async_get_account("me@example.com", asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_get_account(std::string email, Token&& token = {}) {
        return this->template async_call<endpoints::get_account>({std::move(email)},
                                                                 std::forward<Token>(token));
    }

    /// Lists every configured account (`GET accounts`) asynchronously.
    ///
    /// - Completes once the server returned the accounts, or on failure; transient failures
    ///   are retried as `config::retry` says.
    /// - Takes no arguments but the token.
    /// - Signature: `void(std::error_code, ltx::account_map)`: the accounts keyed by e-mail.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::not_found` (no account is configured), `errc::cancelled`, and the
    ///   others of "async calls" above.
    ///
    /// ```
    /// ltx::account_map all = co_await api.async_list_accounts(asio::use_awaitable);
    /// for (const auto& [email, acc] : all) { /* acc.maxJobs */ }
    /// ```
    template <class Token = default_token> auto async_list_accounts(Token&& token = {}) {
        return this->template async_call<endpoints::list_accounts>({}, std::forward<Token>(token));
    }

    /// Removes an account's configuration (`DELETE accounts/{email}`) asynchronously.
    ///
    /// - Completes once the server answered `204 No Content`, or on failure; transient
    ///   failures are retried as `config::retry` says (DELETE is idempotent; see
    ///   `endpoints::delete_account`).
    /// - `email` is validated (e-mail syntax; nothing is sent otherwise) and moved into the
    ///   request before the call returns.
    /// - Signature: `void(std::error_code, ltx::no_content)`: the second argument holds
    ///   nothing.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled` (the server may have removed
    ///   the account already); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::not_found` (the account is not
    ///   configured), `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// co_await api.async_delete_account("me@example.com", asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_delete_account(std::string email, Token&& token = {}) {
        return this->template async_call<endpoints::delete_account>({std::move(email)},
                                                                    std::forward<Token>(token));
    }

    /// Lists the running jobs (`GET scheduler`) asynchronously.
    ///
    /// - Completes once the server returned the list, or on failure; transient failures are
    ///   retried as `config::retry` says.
    /// - Takes no arguments but the token.
    /// - Signature: `void(std::error_code, ltx::scheduled_jobs)`: empty when no job runs.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled`; `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// ltx::scheduled_jobs running = co_await api.async_list_scheduled_jobs(asio::use_awaitable);
    /// ```
    template <class Token = default_token> auto async_list_scheduled_jobs(Token&& token = {}) {
        return this->template async_call<endpoints::list_scheduled_jobs>(
            {}, std::forward<Token>(token));
    }

    /// Stops tracking a running job (`DELETE scheduler/{jobId}`) asynchronously. The job goes
    /// on and `async_get_job` still reads it; no webhook is sent for it.
    ///
    /// - Completes once the server answered `204 No Content`, or on failure; transient
    ///   failures are retried as `config::retry` says (see `endpoints::cancel_scheduled_job`).
    /// - `job_id` is validated (not empty; nothing is sent otherwise) and moved into the
    ///   request before the call returns.
    /// - Signature: `void(std::error_code, ltx::no_content)`: the second argument holds
    ///   nothing.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight with `errc::cancelled` (the server may have stopped
    ///   tracking the job already); `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (nothing sent), `errc::not_found` (the job is unknown,
    ///   finished or untracked), `errc::cancelled`, and the others of "async calls"
    ///   above.
    ///
    /// ```
    /// api.async_cancel_scheduled_job(id, [](std::error_code ec, ltx::no_content) {});
    /// ```
    template <class Token = default_token>
    auto async_cancel_scheduled_job(std::string job_id, Token&& token = {}) {
        return this->template async_call<endpoints::cancel_scheduled_job>(
            {std::move(job_id)}, std::forward<Token>(token));
    }

    /// Uploads an asset (`POST assets/`) asynchronously.
    ///
    /// - Completes once the server stored the asset, or on failure. Sent again only when it
    ///   cannot have stored an asset: after a `429`, or a connection that failed before the
    ///   request went out.
    /// - `body` is moved into the operation: bytes are kept in it; an `http::file_body` is
    ///   read as it is sent, so that file must stay readable, at its announced size, until
    ///   the operation completes. The MIME type is found (and an empty body refused) before
    ///   the call returns, as in the sync form; `opts` is copied.
    /// - Signature: `void(std::error_code, ltx::upload_asset_response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight: `errc::cancelled`, or `errc::outcome_unknown` once the
    ///   POST may have reached the server. `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::invalid_request` (an empty body or an unknown MIME type; nothing sent),
    ///   `errc::outcome_unknown`, `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// auto up = co_await api.async_upload_asset(std::move(png_bytes), {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_upload_asset(http::body body, upload_options opts, Token&& token = {}) {
        return this->template run_async<detail::call_op<studio_api, upload_asset_response>>(
            std::forward<Token>(token), nullptr, make_upload(std::move(body), opts, {}, {}));
    }
    /// As `async_upload_asset(body, upload_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const upload_options&>) auto async_upload_asset(
        http::body body, Token&& token = {}) {
        return async_upload_asset(std::move(body), upload_options{}, std::forward<Token>(token));
    }

    /// Uploads the file at `path` (`POST assets/`) asynchronously, as `async_upload_asset`
    /// with an `http::file_body`.
    ///
    /// - Completes once the server stored the asset, or on failure, sent again only as
    ///   `async_upload_asset` says.
    /// - `path` is opened and its size taken before the call returns (a file that cannot be
    ///   opened fails, without I/O, with `errc::file_error`); the file is read as it is sent,
    ///   so it must stay readable, at that size, until the operation completes. `opts` is
    ///   copied.
    /// - Signature: `void(std::error_code, ltx::upload_asset_response)`.
    /// - Cancellation (Asio transport): `terminal` and `partial` through the handler's slot end the
    ///   request or retry pause in flight: `errc::cancelled`, or `errc::outcome_unknown` once the
    ///   POST may have reached the server. `total` is not supported.
    /// - Asio transport: the handler runs on its associated executor (the transport's when it
    ///   has none), never from within this call. Another async transport: see "async calls".
    /// - Errors: `errc::file_error`, `errc::invalid_request`, `errc::outcome_unknown`,
    ///   `errc::cancelled`, and the others of "async calls" above.
    ///
    /// ```
    /// auto up = co_await api.async_upload_file("start.png", {}, asio::use_awaitable);
    /// ```
    template <class Token = default_token>
    auto async_upload_file(const std::filesystem::path& path, upload_options opts,
                           Token&& token = {}) {
        return this->template run_async<detail::call_op<studio_api, upload_asset_response>>(
            std::forward<Token>(token), nullptr, make_upload_file(path, opts));
    }
    /// As `async_upload_file(path, upload_options{}, token)`: the default options.
    template <class Token = default_token>
    requires(!std::is_convertible_v<Token, const upload_options&>) auto async_upload_file(
        const std::filesystem::path& path, Token&& token = {}) {
        return async_upload_file(path, upload_options{}, std::forward<Token>(token));
    }

private:
    bool prepare_upload(http::body body, const upload_options& opts, http::request& out,
                        std::error_code& ec, diagnostics& diag) const;
    detail::call_recipe<studio_api, upload_asset_response>
    make_upload(std::optional<http::body> body, const upload_options& opts, std::error_code ec,
                diagnostics d);
    detail::call_recipe<studio_api, upload_asset_response>
    make_upload_file(const std::filesystem::path& path, const upload_options& opts);
};

/// Decodes the body a webhook receives at `replyUrl`: the job model, with `replyRef`.
/// @throws reflect::json_decode_error when the body is not a job model.
inline job parse_webhook(std::string_view body) {
    return reflect::from_json<job>(body);
}

/// Decodes a webhook body; on failure sets `ec` to `errc::unexpected_response` and `detail`
/// to where and why.
inline job parse_webhook(std::string_view body, std::error_code& ec,
                         std::string* detail = nullptr) {
    job j;
    reflect::json_error err;
    if (!reflect::read_json(body, j, err)) {
        ec = errc::unexpected_response;
        if (detail)
            *detail = err.path.empty() ? err.message : err.path + ": " + err.message;
        return {};
    }
    ec.clear();
    return j;
}

} // namespace ltx

// ---- begin ltx/impl/client.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The LTX Studio client's own calls: the upload (`POST assets/` with a raw body). The calls
// every API shares are in impl/basic_api_client.hpp.
#ifndef LTX_IMPL_CLIENT_HPP
#define LTX_IMPL_CLIENT_HPP


#include <optional>

namespace ltx {

template <class Transport, class Clock>
bool basic_client<Transport, Clock>::prepare_upload(http::body body, const upload_options& opts,
                                                    http::request& out, std::error_code& ec,
                                                    diagnostics& diag) const {
    std::string mime = opts.mime_type.value_or(std::string{});
    if (mime.empty()) {
        mime = this->detect_body_mime(body, ec, diag);
        if (ec)
            return false;
    }
    upload_content content{mime, body.size()};
    diag.violations = reflect::validate(content);
    upload_asset_request query{
        opts.email, opts.type.value_or(reflect::default_of<&upload_asset_request::type>())};
    if (!this->template prepare<endpoints::upload_asset>(query, std::move(body), mime, out, ec,
                                                         diag) ||
        !diag.violations.empty()) {
        ec = errc::invalid_request;
        return false;
    }
    return true;
}

template <class Transport, class Clock>
detail::call_recipe<studio_api, upload_asset_response> basic_client<Transport, Clock>::make_upload(
    std::optional<http::body> body, const upload_options& opts, std::error_code ec, diagnostics d) {
    detail::call_recipe<studio_api, upload_asset_response> r{
        false,
        ec,
        std::move(d),
        {},
        this->retry_for(endpoints::upload_asset::retry_safe),
        this->config_.token};
    if (body)
        r.ok = prepare_upload(std::move(*body), opts, r.req, r.ec, r.diag);
    return r;
}

template <class Transport, class Clock>
detail::call_recipe<studio_api, upload_asset_response>
basic_client<Transport, Clock>::make_upload_file(const std::filesystem::path& path,
                                                 const upload_options& opts) {
    std::error_code ec;
    diagnostics d;
    auto file = this->open_file_body(path, ec, d);
    if (!file)
        return make_upload(std::nullopt, opts, ec, std::move(d));
    return make_upload(http::body{std::move(*file)}, opts, {}, {});
}

template <class Transport, class Clock>
upload_asset_response
basic_client<Transport, Clock>::upload_asset(http::body body, const upload_options& opts,
                                             std::error_code& ec, diagnostics& diag) {
    auto make = make_upload(std::move(body), opts, {}, {});
    auto op = make();
    return this->run_sync(op, ec, diag);
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_asset(http::body body,
                                                                   const upload_options& opts) {
    return this->or_throw([&](std::error_code& ec, diagnostics& d) {
        return upload_asset(std::move(body), opts, ec, d);
    });
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_file(const std::filesystem::path& path,
                                                                  const upload_options& opts,
                                                                  std::error_code& ec,
                                                                  diagnostics& diag) {
    auto make = make_upload_file(path, opts);
    auto op = make();
    return this->run_sync(op, ec, diag);
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_file(const std::filesystem::path& path,
                                                                  const upload_options& opts) {
    return this->or_throw(
        [&](std::error_code& ec, diagnostics& d) { return upload_file(path, opts, ec, d); });
}

} // namespace ltx

#endif
// ---- end ltx/impl/client.hpp ----

#endif
// ---- end ltx/client.hpp ----
// ---- begin ltx/lightricks.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The official LTX API by Lightricks (`https://api.ltx.video`), beside the LTX Studio API of
// <ltx/ltx.hpp>: its models and rules, and its client.
#ifndef LTX_LIGHTRICKS_HPP
#define LTX_LIGHTRICKS_HPP

// ---- begin ltx/lightricks/api.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The official LTX API as the client core sees it: one traits type per endpoint (the same
// shape as `ltx::endpoints`), the error types, and `api`, the description that
// `ltx::basic_api_client` is parameterised on. What differs from the LTX Studio API is here and
// in models.hpp; the retries, waits, downloads and runners are the core's.
#ifndef LTX_LIGHTRICKS_API_HPP
#define LTX_LIGHTRICKS_API_HPP

// ---- begin ltx/lightricks/models.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The official LTX API (`https://api.ltx.video`): the request and response models of its
// generators, status, upload and errors, with the rules of the reference as schemas. The
// model × resolution × fps × duration matrix is one table, `video_matrix`, which validation and
// the simulator both read.
#ifndef LTX_LIGHTRICKS_MODELS_HPP
#define LTX_LIGHTRICKS_MODELS_HPP


#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace ltx::lightricks {

namespace detail {
/// Whether `s` is a media input the API takes: a storage URI `ltx://uploads/<id>`, an https
/// URL whose host is a name (not an IP address), or a `data:<mime>;base64,<payload>` URI.
LTX_DECL bool is_media_uri(std::string_view s);
} // namespace detail

namespace rules {

/// A media input (`image_uri`, `last_frame_uri`, `video_uri`, `audio_uri`): a storage URI from
/// `POST v1/upload`, an https URL with a host name, or a base64 data URI. Whether the file
/// behind it is of the right kind, size and length only the server can tell.
struct media_uri_t {
    static constexpr std::string_view name = "media_uri";
    void check(const std::string& s, const reflect::report& r) const {
        if (!detail::is_media_uri(s))
            r.fail("must be an ltx://uploads/ storage URI, an https URL with a host name, or a "
                   "base64 data: URI");
    }
};
inline constexpr media_uri_t media_uri{};

} // namespace rules

/// The generation models. `ltx-2-fast` and `ltx-2-pro` were removed on 2026-08-15: a value
/// of this enum cannot name them, and a server answer naming them fails to decode.
enum class model { ltx_2_3_fast, ltx_2_3_pro, ltx_2_5_fast, ltx_2_5_pro };
BOOST_DESCRIBE_ENUM(model, ltx_2_3_fast, ltx_2_3_pro, ltx_2_5_fast, ltx_2_5_pro)
constexpr auto ltx_wire_names(reflect::tag<model>) {
    return reflect::enum_names<model>({{model::ltx_2_3_fast, "ltx-2-3-fast"},
                                       {model::ltx_2_3_pro, "ltx-2-3-pro"},
                                       {model::ltx_2_5_fast, "ltx-2-5-fast"},
                                       {model::ltx_2_5_pro, "ltx-2-5-pro"}});
}

/// The output sizes of the generators, `<width>x<height>`, landscape and portrait.
enum class resolution {
    r1280x720,
    r720x1280,
    r1920x1080,
    r1080x1920,
    r2560x1440,
    r1440x2560,
    r3840x2160,
    r2160x3840,
};
BOOST_DESCRIBE_ENUM(resolution, r1280x720, r720x1280, r1920x1080, r1080x1920, r2560x1440,
                    r1440x2560, r3840x2160, r2160x3840)
constexpr auto ltx_wire_names(reflect::tag<resolution>) {
    return reflect::enum_names<resolution>({{resolution::r1280x720, "1280x720"},
                                            {resolution::r720x1280, "720x1280"},
                                            {resolution::r1920x1080, "1920x1080"},
                                            {resolution::r1080x1920, "1080x1920"},
                                            {resolution::r2560x1440, "2560x1440"},
                                            {resolution::r1440x2560, "1440x2560"},
                                            {resolution::r3840x2160, "3840x2160"},
                                            {resolution::r2160x3840, "2160x3840"}});
}

/// The output sizes of `video-to-video-reframe`: 1:1, 4:5, 5:4, 9:16 and 16:9.
enum class reframe_resolution {
    r720x720,
    r1080x1080,
    r720x900,
    r1080x1350,
    r900x720,
    r1350x1080,
    r720x1280,
    r1080x1920,
    r1280x720,
    r1920x1080,
};
BOOST_DESCRIBE_ENUM(reframe_resolution, r720x720, r1080x1080, r720x900, r1080x1350, r900x720,
                    r1350x1080, r720x1280, r1080x1920, r1280x720, r1920x1080)
constexpr auto ltx_wire_names(reflect::tag<reframe_resolution>) {
    using r = reframe_resolution;
    return reflect::enum_names<r>({{r::r720x720, "720x720"},
                                   {r::r1080x1080, "1080x1080"},
                                   {r::r720x900, "720x900"},
                                   {r::r1080x1350, "1080x1350"},
                                   {r::r900x720, "900x720"},
                                   {r::r1350x1080, "1350x1080"},
                                   {r::r720x1280, "720x1280"},
                                   {r::r1080x1920, "1080x1920"},
                                   {r::r1280x720, "1280x720"},
                                   {r::r1920x1080, "1920x1080"}});
}

/// The camera's movement in text- and image-to-video.
enum class camera_motion {
    dolly_in,
    dolly_out,
    dolly_left,
    dolly_right,
    jib_up,
    jib_down,
    static_,
    focus_shift,
};
BOOST_DESCRIBE_ENUM(camera_motion, dolly_in, dolly_out, dolly_left, dolly_right, jib_up, jib_down,
                    static_, focus_shift)
constexpr auto ltx_wire_names(reflect::tag<camera_motion>) {
    using c = camera_motion;
    return reflect::enum_names<c>({{c::dolly_in, "dolly_in"},
                                   {c::dolly_out, "dolly_out"},
                                   {c::dolly_left, "dolly_left"},
                                   {c::dolly_right, "dolly_right"},
                                   {c::jib_up, "jib_up"},
                                   {c::jib_down, "jib_down"},
                                   {c::static_, "static"},
                                   {c::focus_shift, "focus_shift"}});
}

/// What a retake regenerates.
enum class retake_mode { replace_audio, replace_video, replace_audio_and_video };
BOOST_DESCRIBE_ENUM(retake_mode, replace_audio, replace_video, replace_audio_and_video)

/// Where an extension goes: after the input (`end`) or before it (`start`).
enum class extend_mode { end, start };
BOOST_DESCRIBE_ENUM(extend_mode, end, start)

/// One combination of the matrix: model, resolution, fps, duration in seconds.
using matrix_row = std::tuple<model, resolution, int, int>;

namespace detail {

// The matrix of the reference as it is written: models × landscape resolutions × fps ×
// durations, each block once; video_matrix expands it, with each resolution's portrait form.
struct matrix_block {
    std::array<model, 2> models;
    std::size_t model_count;
    std::array<resolution, 4> landscape;
    std::size_t resolution_count;
    std::array<int, 4> fps;
    std::size_t fps_count;
    bool up_to_20s; ///< D20 = D10 ∪ {12, 14, 16, 18, 20}; D10 otherwise
};

inline constexpr int d10[] = {2, 3, 4, 5, 6, 8, 10};
inline constexpr int d20[] = {2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20};

inline constexpr matrix_block matrix_blocks[] = {
    {{model::ltx_2_3_fast, model::ltx_2_5_fast},
     2,
     {resolution::r1280x720, resolution::r1920x1080},
     2,
     {24, 25},
     2,
     true},
    {{model::ltx_2_3_fast, model::ltx_2_5_fast},
     2,
     {resolution::r1280x720, resolution::r1920x1080},
     2,
     {48, 50},
     2,
     false},
    {{model::ltx_2_3_fast, model::ltx_2_5_fast},
     2,
     {resolution::r2560x1440, resolution::r3840x2160},
     2,
     {24, 25, 48, 50},
     4,
     false},
    {{model::ltx_2_3_pro},
     1,
     {resolution::r1280x720, resolution::r1920x1080, resolution::r2560x1440,
      resolution::r3840x2160},
     4,
     {24, 25, 48, 50},
     4,
     false},
    {{model::ltx_2_5_pro},
     1,
     {resolution::r1280x720, resolution::r1920x1080},
     2,
     {24, 25, 50},
     3,
     false},
};

/// The portrait form of a landscape resolution (each landscape enumerator is followed by it).
constexpr resolution portrait_of(resolution r) {
    return static_cast<resolution>(static_cast<int>(r) + 1);
}

consteval std::size_t matrix_size() {
    std::size_t n = 0;
    for (const auto& b : matrix_blocks)
        n += b.model_count * b.resolution_count * 2 * b.fps_count *
             (b.up_to_20s ? std::size(d20) : std::size(d10));
    return n;
}

} // namespace detail

/// Every combination text-to-video and image-to-video offer (v1 and v2), 836 rows. The schemas
/// of both requests check against it, so does the simulator; any other combination is `400`,
/// naming the first of model → resolution → fps → duration that no row allows with the ones
/// before it. (The reference's table in force since August 2026; a 4K `ltx-2-5-pro` mentioned
/// in a later price list is unverified, so refused.)
inline constexpr auto video_matrix = [] {
    std::array<matrix_row, detail::matrix_size()> rows{};
    std::size_t k = 0;
    for (const auto& b : detail::matrix_blocks)
        for (std::size_t m = 0; m < b.model_count; ++m)
            for (std::size_t r = 0; r < b.resolution_count; ++r)
                for (const resolution res : {b.landscape[r], detail::portrait_of(b.landscape[r])})
                    for (std::size_t f = 0; f < b.fps_count; ++f) {
                        const auto add = [&](int d) {
                            rows[k++] = {b.models[m], res, b.fps[f], d};
                        };
                        if (b.up_to_20s)
                            for (const int d : detail::d20)
                                add(d);
                        else
                            for (const int d : detail::d10)
                                add(d);
                    }
    return rows;
}();

/// Whether the matrix offers this combination.
constexpr bool offered(model m, resolution r, int fps, int duration) {
    for (const auto& row : video_matrix)
        if (row == matrix_row{m, r, fps, duration})
            return true;
    return false;
}

namespace detail {
// The single-member tables of the fields that take a part of an enum.
inline constexpr std::tuple<resolution> hd_resolutions[] = {{resolution::r1920x1080},
                                                            {resolution::r1080x1920}};
inline constexpr std::tuple<model> audio_models[] = {
    {model::ltx_2_3_pro}, {model::ltx_2_5_fast}, {model::ltx_2_5_pro}};
inline constexpr std::tuple<model> pro_2_3_only[] = {{model::ltx_2_3_pro}};
} // namespace detail

/// The body of `POST v1/text-to-video` and `POST v2/text-to-video`: a video from a prompt.
/// `model`, `duration` and `resolution` are required (there is no auto duration); their
/// combination with `fps` must be a row of `video_matrix`.
struct text_to_video_request {
    /// What the video shows: 1 to 5000 Unicode code points.
    std::string prompt{};
    /// Required.
    std::optional<lightricks::model> model{};
    /// Seconds, an integer. Required.
    std::optional<int> duration{};
    /// Required.
    std::optional<lightricks::resolution> resolution{};
    /// Frames per second; default 24.
    std::optional<int> fps{};
    /// `false` gives a silent video; default true.
    std::optional<bool> generate_audio{};
    /// None by default.
    std::optional<lightricks::camera_motion> camera_motion{};
};
BOOST_DESCRIBE_STRUCT(text_to_video_request, (),
                      (prompt, model, duration, resolution, fps, generate_audio, camera_motion))

constexpr auto ltx_schema(reflect::tag<text_to_video_request>) {
    namespace r = reflect::rules;
    using R = text_to_video_request;
    return reflect::schema(
        reflect::field<&R::prompt>(r::required, r::length{1, 5000}),
        reflect::field<&R::model>(r::required), reflect::field<&R::duration>(r::required),
        reflect::field<&R::resolution>(r::required),
        reflect::field<&R::fps>(r::defaults_to<int>{24}),
        reflect::field<&R::generate_audio>(r::defaults_to<bool>{true}),
        r::combinations<video_matrix, &R::model, &R::resolution, &R::fps, &R::duration>{});
}

/// The body of `POST v1/image-to-video` and `POST v2/image-to-video`: a video starting from an
/// image, with every field and rule of text-to-video.
struct image_to_video_request {
    /// The first frame: an image (see `rules::media_uri`). Required.
    std::string image_uri{};
    /// What the video shows: 1 to 5000 Unicode code points.
    std::string prompt{};
    /// Required.
    std::optional<lightricks::model> model{};
    /// Seconds, an integer. Required.
    std::optional<int> duration{};
    /// Required.
    std::optional<lightricks::resolution> resolution{};
    /// Frames per second; default 24.
    std::optional<int> fps{};
    /// `false` gives a silent video; default true.
    std::optional<bool> generate_audio{};
    /// None by default.
    std::optional<lightricks::camera_motion> camera_motion{};
    /// The last frame, an image: the video interpolates between the two.
    std::optional<std::string> last_frame_uri{};
};
BOOST_DESCRIBE_STRUCT(image_to_video_request, (),
                      (image_uri, prompt, model, duration, resolution, fps, generate_audio,
                       camera_motion, last_frame_uri))

constexpr auto ltx_schema(reflect::tag<image_to_video_request>) {
    namespace r = reflect::rules;
    using R = image_to_video_request;
    return reflect::schema(
        reflect::field<&R::image_uri>(r::required, rules::media_uri),
        reflect::field<&R::prompt>(r::required, r::length{1, 5000}),
        reflect::field<&R::model>(r::required), reflect::field<&R::duration>(r::required),
        reflect::field<&R::resolution>(r::required),
        reflect::field<&R::fps>(r::defaults_to<int>{24}),
        reflect::field<&R::generate_audio>(r::defaults_to<bool>{true}),
        reflect::field<&R::last_frame_uri>(rules::media_uri),
        r::combinations<video_matrix, &R::model, &R::resolution, &R::fps, &R::duration>{});
}

/// The body of `POST v1/audio-to-video` and `POST v2/audio-to-video`: a video driven by an
/// audio track of 2 to 20 s, at 25 fps, as long as the audio. Without `image_uri` the prompt
/// must be non-empty; with one it may be `""` (the server checks that pairing: a rule here
/// would need a condition on a string member's absence, which the schema does not express).
struct audio_to_video_request {
    /// The audio: WAV, MP3, M4A (AAC-LC) or OGG, 2 to 20 s. Required.
    std::string audio_uri{};
    /// The first frame, an image.
    std::optional<std::string> image_uri{};
    /// At most 5000 Unicode code points.
    std::optional<std::string> prompt{};
    /// `1920x1080` or `1080x1920`; by default portrait for a portrait image, else landscape.
    std::optional<lightricks::resolution> resolution{};
    /// Any finite number; default 5 without an image, 9 with one.
    std::optional<double> guidance_scale{};
    /// `ltx-2-3-pro` (default), `ltx-2-5-fast` or `ltx-2-5-pro`.
    std::optional<lightricks::model> model{};
};
BOOST_DESCRIBE_STRUCT(audio_to_video_request, (),
                      (audio_uri, image_uri, prompt, resolution, guidance_scale, model))

constexpr auto ltx_schema(reflect::tag<audio_to_video_request>) {
    namespace r = reflect::rules;
    using R = audio_to_video_request;
    return reflect::schema(
        reflect::field<&R::audio_uri>(r::required, rules::media_uri),
        reflect::field<&R::image_uri>(rules::media_uri),
        reflect::field<&R::prompt>(r::length{0, 5000}),
        reflect::field<&R::guidance_scale>(r::real_range{}),
        reflect::field<&R::model>(r::defaults_to<lightricks::model>{model::ltx_2_3_pro}),
        r::at_least_one_of<&R::prompt, &R::image_uri>{},
        r::combinations<detail::hd_resolutions, &R::resolution>{},
        r::combinations<detail::audio_models, &R::model>{});
}

/// The body of `POST v1/retake` and `POST v2/retake`: regenerates a section of a video of at
/// least 73 frames. The section's end past the input's end is cut there, and `start_time` must
/// leave 2 s (the server checks both against the input).
struct retake_request {
    /// The video. Required.
    std::string video_uri{};
    /// The section's start in seconds, at least 0. Required.
    std::optional<double> start_time{};
    /// The section's length in seconds, at least 2. Required.
    std::optional<double> duration{};
    /// At most 5000 Unicode code points.
    std::optional<std::string> prompt{};
    /// Default `replace_audio_and_video`.
    std::optional<retake_mode> mode{};
    /// `1920x1080` or `1080x1920`; by default the input's orientation.
    std::optional<lightricks::resolution> resolution{};
    /// `ltx-2-3-pro` only, the default.
    std::optional<lightricks::model> model{};
};
BOOST_DESCRIBE_STRUCT(retake_request, (),
                      (video_uri, start_time, duration, prompt, mode, resolution, model))

constexpr auto ltx_schema(reflect::tag<retake_request>) {
    namespace r = reflect::rules;
    using R = retake_request;
    return reflect::schema(
        reflect::field<&R::video_uri>(r::required, rules::media_uri),
        reflect::field<&R::start_time>(r::required, r::real_range{0}),
        reflect::field<&R::duration>(r::required, r::real_range{2}),
        reflect::field<&R::prompt>(r::length{0, 5000}),
        reflect::field<&R::mode>(r::defaults_to<retake_mode>{retake_mode::replace_audio_and_video}),
        reflect::field<&R::model>(r::defaults_to<lightricks::model>{model::ltx_2_3_pro}),
        r::combinations<detail::hd_resolutions, &R::resolution>{},
        r::combinations<detail::pro_2_3_only, &R::model>{});
}

/// The body of `POST v1/extend` and `POST v2/extend`: frames added before or after a video of
/// at least 73 frames, 16:9 or 9:16. `context` and `duration` together must fit 505 frames at
/// the input's frame rate, `round((context + duration) × fps) ≤ 505`: only the server, which
/// reads the input, checks that.
struct extend_request {
    /// The video. Required.
    std::string video_uri{};
    /// The new section's length in seconds, 2 to 20. Required.
    std::optional<double> duration{};
    /// At most 5000 Unicode code points.
    std::optional<std::string> prompt{};
    /// Default `end`.
    std::optional<extend_mode> mode{};
    /// `ltx-2-3-pro` only, the default.
    std::optional<lightricks::model> model{};
    /// Seconds of the input the model sees, above 0 and at most 20; by default the most that
    /// fits.
    std::optional<double> context{};
};
BOOST_DESCRIBE_STRUCT(extend_request, (), (video_uri, duration, prompt, mode, model, context))

constexpr auto ltx_schema(reflect::tag<extend_request>) {
    namespace r = reflect::rules;
    using R = extend_request;
    return reflect::schema(
        reflect::field<&R::video_uri>(r::required, rules::media_uri),
        reflect::field<&R::duration>(r::required, r::real_range{2, 20}),
        reflect::field<&R::prompt>(r::length{0, 5000}),
        reflect::field<&R::mode>(r::defaults_to<extend_mode>{extend_mode::end}),
        reflect::field<&R::model>(r::defaults_to<lightricks::model>{model::ltx_2_3_pro}),
        reflect::field<&R::context>(r::real_range{0, 20, true}),
        r::combinations<detail::pro_2_3_only, &R::model>{});
}

/// The body of `POST v2/video-to-video-hdr`: an SDR video to HDR frames (async only). The
/// frame cap of the input's size tier (181, 101 or 41 frames) is the server's to check.
struct hdr_request {
    /// The video. Required.
    std::string video_uri{};
};
BOOST_DESCRIBE_STRUCT(hdr_request, (), (video_uri))

constexpr auto ltx_schema(reflect::tag<hdr_request>) {
    return reflect::schema(
        reflect::field<&hdr_request::video_uri>(reflect::rules::required, rules::media_uri));
}

/// The body of `POST v2/video-to-video-reframe`: a video of at most 60 s and 1800 frames
/// re-framed to another aspect ratio (async only).
struct reframe_request {
    /// The video. Required.
    std::string video_uri{};
    /// `ltx-2-3-pro`. Required.
    std::optional<lightricks::model> model{};
    /// Required.
    std::optional<reframe_resolution> resolution{};
};
BOOST_DESCRIBE_STRUCT(reframe_request, (), (video_uri, model, resolution))

constexpr auto ltx_schema(reflect::tag<reframe_request>) {
    namespace r = reflect::rules;
    using R = reframe_request;
    return reflect::schema(reflect::field<&R::video_uri>(r::required, rules::media_uri),
                           reflect::field<&R::model>(r::required),
                           reflect::field<&R::resolution>(r::required),
                           r::combinations<detail::pro_2_3_only, &R::model>{});
}

/// The `202` of every v2 submit.
struct submitted_job {
    /// The job's id, opaque.
    std::string id{};
    /// ISO 8601 UTC.
    std::string created_at{};
};
BOOST_DESCRIBE_STRUCT(submitted_job, (), (id, created_at))

constexpr auto ltx_schema(reflect::tag<submitted_job>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&submitted_job::id>(r::required),
                           reflect::field<&submitted_job::created_at>(r::required));
}

/// `error` of a failed job, and of every error answer: a type from the table of the reference
/// (`invalid_request_error`, `rate_limit_error`, …) and a message.
struct error_detail {
    std::string type{};
    std::string message{};
};
BOOST_DESCRIBE_STRUCT(error_detail, (), (type, message))

/// The body of every error answer of the API host: `{"type": "error", "error": {...}}`.
struct error_envelope {
    std::string type{};
    std::optional<error_detail> error{};
};
BOOST_DESCRIBE_STRUCT(error_envelope, (), (type, error))

/// The URLs of a completed job's result, pre-signed (never send the key to them).
struct job_result {
    /// The MP4, for every endpoint but HDR.
    std::optional<std::string> video_url{};
    /// A ZIP of OpenEXR frames, for `video-to-video-hdr`.
    std::optional<std::string> exr_frames_url{};
};
BOOST_DESCRIBE_STRUCT(job_result, (), (video_url, exr_frames_url))

/// `GET v2/{endpoint}/{id}`. `status` is kept as text: `pending`, `processing`, `completed`,
/// `failed`, and any status a later server adds, which a client reads as still running.
struct job_status {
    std::string status{};
    std::string id{};
    std::string created_at{};
    /// Set once `completed` or `failed`.
    std::optional<std::string> completed_at{};
    /// Set when `completed`.
    std::optional<job_result> result{};
    /// Set when `failed`.
    std::optional<error_detail> error{};
};
BOOST_DESCRIBE_STRUCT(job_status, (), (status, id, created_at, completed_at, result, error))

/// The answer of `POST v1/upload`: PUT the file to `upload_url` with every header of
/// `required_headers` (verbatim) and no `Authorization`, then pass `storage_uri` as a media
/// input.
struct upload_ticket {
    std::string upload_url{};
    /// `ltx://uploads/<uuid>`, usable for 24 h once the PUT succeeded.
    std::string storage_uri{};
    /// When `upload_url` stops taking the PUT (ISO 8601 UTC, creation + 1 h).
    std::string expires_at{};
    /// Opaque; may be empty.
    std::map<std::string, std::string> required_headers{};
};
BOOST_DESCRIBE_STRUCT(upload_ticket, (), (upload_url, storage_uri, expires_at, required_headers))

} // namespace ltx::lightricks

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/lightricks/impl/models.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_LIGHTRICKS_IMPL_MODELS_IPP
#define LTX_LIGHTRICKS_IMPL_MODELS_IPP



namespace ltx::lightricks::detail {

LTX_DECL bool is_media_uri(std::string_view s) {
    constexpr std::string_view storage = "ltx://uploads/";
    if (s.starts_with(storage)) {
        const auto id = s.substr(storage.size());
        for (const char c : id)
            if (c <= ' ' || c == '\x7f' || c == '/')
                return false;
        return !id.empty();
    }
    constexpr std::string_view data = "data:";
    if (s.starts_with(data)) {
        // data:<mime>;base64,<payload>: a MIME type, the base64 marker, and base64 text.
        const auto comma = s.find(',');
        constexpr std::string_view marker = ";base64";
        if (comma == std::string_view::npos)
            return false;
        const auto head = s.substr(data.size(), comma - data.size());
        if (!head.ends_with(marker) ||
            !ltx::detail::is_mime_type(head.substr(0, head.size() - marker.size())))
            return false;
        const auto payload = s.substr(comma + 1);
        std::size_t padding = 0;
        for (const char c : payload) {
            const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                               (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (c == '=')
                ++padding;
            else if (!alpha || padding != 0)
                return false;
        }
        return !payload.empty() && payload.size() % 4 == 0 && padding <= 2;
    }
    // An https URL whose host is a name: the provider fetches no IP address literal.
    const auto u = ltx::http::parse_url(s);
    return u && u->is_https() && u->kind() == ltx::http::host_kind::name;
}

} // namespace ltx::lightricks::detail

#endif
// ---- end ltx/lightricks/impl/models.ipp ----
#endif

#endif
// ---- end ltx/lightricks/models.hpp ----

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

/// The provider suggests polling every 5 s; the status has no progress to pace by.
template <> struct ltx::wait_pace<ltx::lightricks::job_status> {
    static constexpr std::chrono::milliseconds interval{5'000};
    static constexpr double backoff = 1.0;
    static constexpr std::chrono::milliseconds max_interval{5'000};
};

namespace ltx::lightricks {

/// The API's base URL.
inline constexpr std::string_view default_base_url = "https://api.ltx.video/";

/// A configuration for this API: `config::base_url` set to `default_base_url`, and the key
/// (`LTXV_API_KEY`) as `token`.
inline ltx::config default_config(std::string key = {}) {
    ltx::config c;
    c.token = std::move(key);
    c.base_url = std::string{default_base_url};
    return c;
}

/// The generators, by the path segment of their endpoints (`v1/<segment>`, `v2/<segment>`,
/// and the status `v2/<segment>/{id}`).
enum class generator {
    text_to_video,
    image_to_video,
    audio_to_video,
    retake,
    extend,
    video_to_video_hdr,
    video_to_video_reframe,
};
BOOST_DESCRIBE_ENUM(generator, text_to_video, image_to_video, audio_to_video, retake, extend,
                    video_to_video_hdr, video_to_video_reframe)
constexpr auto ltx_wire_names(reflect::tag<generator>) {
    return reflect::enum_names<generator>(
        {{generator::text_to_video, "text-to-video"},
         {generator::image_to_video, "image-to-video"},
         {generator::audio_to_video, "audio-to-video"},
         {generator::retake, "retake"},
         {generator::extend, "extend"},
         {generator::video_to_video_hdr, "video-to-video-hdr"},
         {generator::video_to_video_reframe, "video-to-video-reframe"}});
}

/// What names a v2 job: the generator it was submitted to, and the `id` of its `202`. Also
/// the request of `GET v2/{endpoint}/{id}`.
struct job_ref {
    lightricks::generator endpoint{};
    std::string id{};
};
BOOST_DESCRIBE_STRUCT(job_ref, (), (endpoint, id))

constexpr auto ltx_schema(reflect::tag<job_ref>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&job_ref::id>(r::required, r::length{1, 256}));
}

/// The `error.type` values of the reference, each mapped to an `ltx::errc` by `api`. The
/// exact text stays in `diagnostics::error_type`; `error_type_of` reads it back.
enum class error_type {
    invalid_request_error,    ///< 400 (and 405): `errc::bad_request`
    authentication_error,     ///< 401: `errc::unauthorized`
    insufficient_funds_error, ///< 402: `errc::payment_required`
    not_found_error,          ///< 404: `errc::not_found`
    request_too_large,        ///< 413: `errc::request_too_large`
    content_filtered_error,   ///< 422: `errc::content_filtered`
    rate_limit_error,         ///< 429: `errc::too_many_requests`
    concurrency_limit_error,  ///< 429: `errc::too_many_requests`
    api_error,                ///< 500 (and 504): `errc::server_error`
    service_unavailable,      ///< 503: `errc::server_error`
    overloaded_error,         ///< 529: `errc::server_error`
};
BOOST_DESCRIBE_ENUM(error_type, invalid_request_error, authentication_error,
                    insufficient_funds_error, not_found_error, request_too_large,
                    content_filtered_error, rate_limit_error, concurrency_limit_error, api_error,
                    service_unavailable, overloaded_error)

/// The `ltx::errc` of an `error.type`.
constexpr errc errc_of(error_type t) noexcept {
    switch (t) {
    case error_type::invalid_request_error:
        return errc::bad_request;
    case error_type::authentication_error:
        return errc::unauthorized;
    case error_type::insufficient_funds_error:
        return errc::payment_required;
    case error_type::not_found_error:
        return errc::not_found;
    case error_type::request_too_large:
        return errc::request_too_large;
    case error_type::content_filtered_error:
        return errc::content_filtered;
    case error_type::rate_limit_error:
    case error_type::concurrency_limit_error:
        return errc::too_many_requests;
    case error_type::api_error:
    case error_type::service_unavailable:
    case error_type::overloaded_error:
        return errc::server_error;
    }
    return errc::unexpected_response;
}

/// The `error.type` a failure reported, when it is one of the reference's.
inline std::optional<error_type> error_type_of(const diagnostics& d) {
    return reflect::from_wire<error_type>(d.error_type);
}

/// The description of the official LTX API that `ltx::lightricks::basic_client` is built on
/// (see `ltx::api_description`).
struct api {
    /// What a status poll answers.
    using job = job_status;
    /// What names a job to poll.
    using job_ref = lightricks::job_ref;

    /// The status poll: `GET v2/{endpoint}/{id}`.
    struct poll {
        using request = lightricks::job_ref;
        using response = job_status;
        static constexpr http::method method = http::method::get;
        static constexpr std::string_view path = "v2/{endpoint}/{id}";
        static constexpr body_encoding body = body_encoding::none;
        static constexpr bool retry_safe = true;
    };
    static const job_ref& poll_request(const job_ref& r) { return r; }

    /// A 429 created no job, but resending a submit is the caller's decision (the reference,
    /// "Retries"): only GETs and the upload are sent again after one.
    static constexpr bool resend_after_429 = false;

    /// A non-2xx answer: `{"type": "error", "error": {"type", "message"}}`. The `errc` comes from
    /// `error.type` when it is one of the reference's, else from the status (413 and 422
    /// included); the type's text goes into `diag.error_type`.
    static void read_error(const http::response& resp, std::string_view secret, std::error_code& ec,
                           diagnostics& diag) {
        error_envelope body;
        reflect::json_error ignored;
        std::optional<error_type> type;
        if (reflect::read_json(resp.body, body, ignored) && body.error) {
            diag.server_message = ltx::detail::redact(body.error->message, secret);
            diag.error_type = ltx::detail::redact(body.error->type, secret);
            type = reflect::from_wire<error_type>(body.error->type);
        }
        if (type)
            ec = errc_of(*type);
        else if (resp.status == 413)
            ec = errc::request_too_large;
        else if (resp.status == 422)
            ec = errc::content_filtered;
        else
            ec = errc_from_status(resp.status);
    }

    /// Finished with a result (`completed` with a result URL).
    static bool is_done(const job& j) {
        return j.status == "completed" && artifact_url(j).has_value();
    }
    /// Ended in `failed`. A status this client does not know reads as still running.
    static bool is_failed(const job& j) { return j.status == "failed"; }
    /// A failed job's `error`: its message and type.
    static void read_failure(const job& j, diagnostics& diag) {
        if (j.error) {
            diag.server_message = j.error->message;
            diag.error_type = j.error->type;
        }
    }
    /// The result's URL: `result.video_url`, or for HDR `result.exr_frames_url` (a ZIP).
    static std::optional<std::string> artifact_url(const job& j) {
        if (!j.result)
            return std::nullopt;
        if (j.result->video_url && !j.result->video_url->empty())
            return j.result->video_url;
        if (j.result->exr_frames_url && !j.result->exr_frames_url->empty())
            return j.result->exr_frames_url;
        return std::nullopt;
    }
};

/// How `wait` follows a job of this API.
using wait_options = basic_wait_options<job_status>;

namespace endpoints {

/// A `v2` submit to generator `G` with body `Request`: `202` with the job's id. Never sent
/// twice once it may have reached the server, nor after a 429.
template <generator G, class Request, std::string_view const& Path> struct submit {
    using request = Request;
    using response = submitted_job;
    static constexpr lightricks::generator generator = G;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = Path;
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// A `v1` call to generator `G` with body `Request`: `200` with the MP4 itself, streamed to a
/// file or a sink. Never sent twice once it may have reached the server, nor after a 429.
template <generator G, class Request, std::string_view const& Path> struct render {
    using request = Request;
    static constexpr lightricks::generator generator = G;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = Path;
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

namespace paths {
inline constexpr std::string_view v2_t2v = "v2/text-to-video";
inline constexpr std::string_view v2_i2v = "v2/image-to-video";
inline constexpr std::string_view v2_a2v = "v2/audio-to-video";
inline constexpr std::string_view v2_retake = "v2/retake";
inline constexpr std::string_view v2_extend = "v2/extend";
inline constexpr std::string_view v2_hdr = "v2/video-to-video-hdr";
inline constexpr std::string_view v2_reframe = "v2/video-to-video-reframe";
inline constexpr std::string_view v1_t2v = "v1/text-to-video";
inline constexpr std::string_view v1_i2v = "v1/image-to-video";
inline constexpr std::string_view v1_a2v = "v1/audio-to-video";
inline constexpr std::string_view v1_retake = "v1/retake";
inline constexpr std::string_view v1_extend = "v1/extend";
} // namespace paths

/// `POST v2/text-to-video`.
using submit_text_to_video = submit<generator::text_to_video, text_to_video_request, paths::v2_t2v>;
/// `POST v2/image-to-video`.
using submit_image_to_video =
    submit<generator::image_to_video, image_to_video_request, paths::v2_i2v>;
/// `POST v2/audio-to-video`.
using submit_audio_to_video =
    submit<generator::audio_to_video, audio_to_video_request, paths::v2_a2v>;
/// `POST v2/retake`.
using submit_retake = submit<generator::retake, retake_request, paths::v2_retake>;
/// `POST v2/extend`.
using submit_extend = submit<generator::extend, extend_request, paths::v2_extend>;
/// `POST v2/video-to-video-hdr` (async only).
using submit_hdr = submit<generator::video_to_video_hdr, hdr_request, paths::v2_hdr>;
/// `POST v2/video-to-video-reframe` (async only).
using submit_reframe =
    submit<generator::video_to_video_reframe, reframe_request, paths::v2_reframe>;

/// `POST v1/text-to-video`.
using text_to_video = render<generator::text_to_video, text_to_video_request, paths::v1_t2v>;
/// `POST v1/image-to-video`.
using image_to_video = render<generator::image_to_video, image_to_video_request, paths::v1_i2v>;
/// `POST v1/audio-to-video`.
using audio_to_video = render<generator::audio_to_video, audio_to_video_request, paths::v1_a2v>;
/// `POST v1/retake`.
using retake = render<generator::retake, retake_request, paths::v1_retake>;
/// `POST v1/extend`.
using extend = render<generator::extend, extend_request, paths::v1_extend>;

/// `GET v2/{endpoint}/{id}`.
using get_status = api::poll;

/// `POST v1/upload`: no body; the `upload_ticket`. Sent again after a failure: it creates
/// nothing billed, and an unused ticket expires.
struct create_upload {
    using request = ltx::no_parameters;
    using response = upload_ticket;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "v1/upload";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

} // namespace endpoints

} // namespace ltx::lightricks

#endif
// ---- end ltx/lightricks/api.hpp ----
// ---- begin ltx/lightricks/client.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_LIGHTRICKS_CLIENT_HPP
#define LTX_LIGHTRICKS_CLIENT_HPP

// ---- begin ltx/lightricks/detail/upload.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The signed-URL upload of the official LTX API as one machine of ltx/detail/operation.hpp:
// `POST v1/upload` for a ticket, then the `PUT` of the file to the ticket's URL. Each step is an
// `exchange` with the core's retry rules; the runners drive it as any other operation.
#ifndef LTX_LIGHTRICKS_DETAIL_UPLOAD_HPP
#define LTX_LIGHTRICKS_DETAIL_UPLOAD_HPP


#include <chrono>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::lightricks::detail {

using ltx::detail::exchange;
using ltx::detail::op_step;
using ltx::detail::op_time;
using ltx::detail::retry_machine;

/// Uploads one file; the result is the ticket's `storage_uri`. The PUT carries the ticket's
/// `required_headers` verbatim, the file's Content-Type and the User-Agent, and never the
/// API key (the upload URL is another host's).
template <class Api> class upload_op {
public:
    using result_type = std::string;

    upload_op(http::request ticket_req, http::body body, std::string content_type,
              retry_machine ticket_retry, retry_machine put_retry, std::string_view secret,
              std::string user_agent, std::chrono::milliseconds timeout)
        : x_{std::move(ticket_req), std::move(ticket_retry)}, put_retry_(std::move(put_retry)),
          body_(std::move(body)), content_type_(std::move(content_type)), secret_(secret),
          user_agent_(std::move(user_agent)), timeout_(timeout) {}

    /// An upload that failed before any I/O.
    upload_op(std::error_code ec, diagnostics d, retry_machine retry)
        : x_{{}, retry}, put_retry_(std::move(retry)), ec_(ec), diag_(std::move(d)),
          failed_early_(true) {}

    upload_op(const upload_op&) = delete;
    upload_op& operator=(const upload_op&) = delete;

    op_step start(op_time) { return {failed_early_ ? op_step::done : op_step::send}; }

    op_step on_response(std::error_code tec, http::response resp, op_time now) {
        std::chrono::milliseconds delay{0};
        switch (x_.on_response(tec, resp, now, delay, ec_, diag_)) {
        case exchange::again:
            return {op_step::sleep, delay};
        case exchange::failed:
            return {op_step::done};
        case exchange::answered:
            break;
        }
        return putting_ ? on_stored(resp) : on_ticket(resp, now);
    }

    op_step on_wake(op_time) { return {op_step::send}; }

    op_step on_cancelled() {
        ec_ = errc::cancelled;
        return {op_step::done};
    }

    const http::request& request() const noexcept { return x_.req; }
    std::error_code error() const noexcept { return ec_; }
    std::string take_result() { return ec_ ? std::string{} : std::move(ticket_.storage_uri); }
    diagnostics take_diag() { return std::move(diag_); }
    cancellation::state* cancel_token() const noexcept { return nullptr; }

private:
    op_step on_ticket(const http::response& resp, op_time now) {
        ltx::detail::decode_response<Api>(resp, secret_, now, ticket_, ec_, diag_);
        if (ec_)
            return {op_step::done};
        auto url = http::parse_url(ticket_.upload_url);
        if (!url) {
            ec_ = errc::unexpected_response;
            diag_.detail = "the upload ticket's upload_url is not an absolute http(s) URL";
            return {op_step::done};
        }
        http::request put;
        put.method = http::method::put;
        put.url = std::move(url).value();
        for (const auto& [name, value] : ticket_.required_headers) {
            if (!http::is_token(name) || !http::is_valid_field_value(value)) {
                ec_ = errc::unexpected_response;
                diag_.detail = "the upload ticket's required_headers hold a header that cannot "
                               "be sent";
                return {op_step::done};
            }
            put.headers.set(name, value);
        }
        put.headers.set("Content-Type", content_type_);
        put.headers.set("User-Agent", user_agent_);
        put.headers.erase("Authorization"); // whatever the ticket says: not the API host
        put.body = std::move(body_);
        put.timeout = timeout_;
        x_ = exchange{std::move(put), std::move(put_retry_)};
        putting_ = true;
        diag_ = {};
        return {op_step::send};
    }

    op_step on_stored(const http::response& resp) {
        diag_.status = resp.status;
        if (resp.ok()) {
            ec_.clear();
            return {op_step::done};
        }
        // The storage host's answers do not use the API's error envelope.
        ec_ = errc_from_status(resp.status);
        diag_.detail = resp.status == 403
                           ? "the storage host refused the upload: a required header missing "
                             "or changed, or the upload URL expired"
                           : "the storage host refused the upload";
        return {op_step::done};
    }

    exchange x_;
    retry_machine put_retry_;
    http::body body_;
    std::string content_type_;
    std::string_view secret_;
    std::string user_agent_;
    std::chrono::milliseconds timeout_{0};
    upload_ticket ticket_;
    std::error_code ec_;
    diagnostics diag_;
    bool putting_ = false;
    bool failed_early_ = false;
};

/// What an `upload_op` is made of (see `ltx::detail::call_recipe`).
template <class Api> struct upload_recipe {
    bool ok = false;
    std::error_code ec;
    diagnostics diag;
    http::request ticket_req;
    http::body body;
    std::string content_type;
    retry_machine ticket_retry;
    retry_machine put_retry;
    std::string_view secret;
    std::string user_agent;
    std::chrono::milliseconds timeout{0};

    upload_op<Api> operator()() {
        if (!ok) {
            if (!ec)
                ec = errc::invalid_request;
            return upload_op<Api>{ec, std::move(diag), std::move(ticket_retry)};
        }
        return upload_op<Api>{std::move(ticket_req),   std::move(body),
                              std::move(content_type), std::move(ticket_retry),
                              std::move(put_retry),    secret,
                              std::move(user_agent),   timeout};
    }
};

} // namespace ltx::lightricks::detail

#endif
// ---- end ltx/lightricks/detail/upload.hpp ----

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::lightricks {

/// The official LTX API client (`https://api.ltx.video`) over any transport: the `v2` jobs
/// (submit, status, `wait`, `download`), the `v1` calls that answer with the MP4 (streamed to
/// a file or a sink, never held whole), and the signed-URL upload.
///
/// It is `ltx::basic_api_client` over `lightricks::api`: the retries, waits, downloads,
/// validation, transports and completion tokens are those of the LTX Studio client, and so
/// are the forms of every call (throwing, `(std::error_code&, ltx::diagnostics&)`, `async_`
/// with any token the transport takes). Failures carry the API's `error.type` in
/// `diagnostics::error_type` (`error_type_of` reads it) and its `x-request-id` in
/// `diagnostics::request_id`.
///
/// No submit (`v1` or `v2`) is ever sent twice once a byte of it may have reached the server,
/// nor after a 429 (the call fails with `errc::too_many_requests`; submitting again is the
/// caller's decision): each is a billed job.
///
/// ```
/// ltx::lightricks::basic_client api{http, ltx::lightricks::default_config(key)};
/// auto image = api.upload_file("start.png");
/// auto sub = api.submit_image_to_video({.image_uri = image, .prompt = "waves",
///     .model = ltx::lightricks::model::ltx_2_3_fast, .duration = 5,
///     .resolution = ltx::lightricks::resolution::r1920x1080});
/// auto done = api.wait({ltx::lightricks::generator::image_to_video, sub.id});
/// api.download(done, "out.mp4");
/// ```
template <class Transport, class Clock = system_clock_source>
class basic_client : public basic_api_client<api, Transport, Clock> {
    using base = basic_api_client<api, Transport, Clock>;

public:
    using typename base::default_token;

    /// A client sending through `transport` as `cfg` says (`default_config(key)` for the
    /// provider's host).
    /// @throws std::invalid_argument when `cfg.base_url` is not an absolute http(s) URL, or
    /// when `cfg.token` or `cfg.user_agent` holds CR, LF or NUL.
    basic_client(Transport& transport, ltx::config cfg, Clock clock = {})
        : base(transport, std::move(cfg), std::move(clock)) {}

    // ---- v2: jobs ----------------------------------------------------------------------------

    /// Submits a `v2` job to endpoint `E` (see `lightricks::endpoints`, `submit_*`): the
    /// `202`'s id, which with `E::generator` names the job for `get_status`, `wait`.
    template <class E> submitted_job submit(const typename E::request& req) {
        return this->template call<E>(req);
    }
    template <class E>
    submitted_job submit(const typename E::request& req, std::error_code& ec, diagnostics& diag) {
        return this->template call<E>(req, ec, diag);
    }
    /// `submit` asynchronously; signature `void(std::error_code, submitted_job)`. As
    /// `async_call` (see `ltx::basic_api_client`): a submit that may have reached the server
    /// completes with `errc::outcome_unknown` and is not sent again.
    template <class E, class Token = default_token>
    auto async_submit(const typename E::request& req, Token&& token = {}) {
        return this->template async_call<E>(req, std::forward<Token>(token));
    }

    /// `POST v2/text-to-video`.
    submitted_job submit_text_to_video(const text_to_video_request& req) {
        return submit<endpoints::submit_text_to_video>(req);
    }
    submitted_job submit_text_to_video(const text_to_video_request& req, std::error_code& ec,
                                       diagnostics& diag) {
        return submit<endpoints::submit_text_to_video>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_text_to_video(const text_to_video_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_text_to_video>(req, std::forward<Token>(token));
    }

    /// `POST v2/image-to-video`.
    submitted_job submit_image_to_video(const image_to_video_request& req) {
        return submit<endpoints::submit_image_to_video>(req);
    }
    submitted_job submit_image_to_video(const image_to_video_request& req, std::error_code& ec,
                                        diagnostics& diag) {
        return submit<endpoints::submit_image_to_video>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_image_to_video(const image_to_video_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_image_to_video>(req, std::forward<Token>(token));
    }

    /// `POST v2/audio-to-video`.
    submitted_job submit_audio_to_video(const audio_to_video_request& req) {
        return submit<endpoints::submit_audio_to_video>(req);
    }
    submitted_job submit_audio_to_video(const audio_to_video_request& req, std::error_code& ec,
                                        diagnostics& diag) {
        return submit<endpoints::submit_audio_to_video>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_audio_to_video(const audio_to_video_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_audio_to_video>(req, std::forward<Token>(token));
    }

    /// `POST v2/retake`.
    submitted_job submit_retake(const retake_request& req) {
        return submit<endpoints::submit_retake>(req);
    }
    submitted_job submit_retake(const retake_request& req, std::error_code& ec, diagnostics& diag) {
        return submit<endpoints::submit_retake>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_retake(const retake_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_retake>(req, std::forward<Token>(token));
    }

    /// `POST v2/extend`.
    submitted_job submit_extend(const extend_request& req) {
        return submit<endpoints::submit_extend>(req);
    }
    submitted_job submit_extend(const extend_request& req, std::error_code& ec, diagnostics& diag) {
        return submit<endpoints::submit_extend>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_extend(const extend_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_extend>(req, std::forward<Token>(token));
    }

    /// `POST v2/video-to-video-hdr`: its result is `result.exr_frames_url`, a ZIP of frames.
    submitted_job submit_hdr(const hdr_request& req) { return submit<endpoints::submit_hdr>(req); }
    submitted_job submit_hdr(const hdr_request& req, std::error_code& ec, diagnostics& diag) {
        return submit<endpoints::submit_hdr>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_hdr(const hdr_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_hdr>(req, std::forward<Token>(token));
    }

    /// `POST v2/video-to-video-reframe`.
    submitted_job submit_reframe(const reframe_request& req) {
        return submit<endpoints::submit_reframe>(req);
    }
    submitted_job submit_reframe(const reframe_request& req, std::error_code& ec,
                                 diagnostics& diag) {
        return submit<endpoints::submit_reframe>(req, ec, diag);
    }
    template <class Token = default_token>
    auto async_submit_reframe(const reframe_request& req, Token&& token = {}) {
        return async_submit<endpoints::submit_reframe>(req, std::forward<Token>(token));
    }

    /// `GET v2/{endpoint}/{id}`: the job's status (`errc::not_found` for an unknown,
    /// mismatched or expired job).
    job_status get_status(const job_ref& job) {
        return this->template call<endpoints::get_status>(job);
    }
    job_status get_status(const job_ref& job, std::error_code& ec, diagnostics& diag) {
        return this->template call<endpoints::get_status>(job, ec, diag);
    }
    template <class Token = default_token>
    auto async_get_status(const job_ref& job, Token&& token = {}) {
        return this->template async_call<endpoints::get_status>(job, std::forward<Token>(token));
    }

    // ---- v1: the MP4 in the answer -------------------------------------------------------

    /// Calls the `v1` endpoint `E` (see `lightricks::endpoints`: `text_to_video`, ...) and
    /// streams the MP4 of its `200` into `path`, through a temporary file renamed into place
    /// at the end (a failure leaves no file). Returns the bytes written. Sent once: a
    /// connection lost after the request may have reached the server fails with
    /// `errc::outcome_unknown`. The connection is held while the video is made: its time limit
    /// is the larger of `config::request_timeout` and `render_timeout`.
    template <class E>
    std::uint64_t render(const typename E::request& req, const std::filesystem::path& path,
                         const download_options& opts = {}) {
        return this->or_throw(
            [&](std::error_code& ec, diagnostics& d) { return render<E>(req, path, opts, ec, d); });
    }
    template <class E>
    std::uint64_t render(const typename E::request& req, const std::filesystem::path& path,
                         const download_options& opts, std::error_code& ec, diagnostics& diag) {
        auto op = make_render<E>(req, {}, path, opts)();
        return this->run_sync(op, ec, diag);
    }
    /// As `render(req, path, opts, ec, diag)`, into `sink` (which returns an error to stop; an
    /// empty piece means a new attempt starts over).
    template <class E>
    std::uint64_t render(const typename E::request& req,
                         const std::function<std::error_code(std::string_view)>& sink,
                         const download_options& opts, std::error_code& ec, diagnostics& diag) {
        auto op = make_render<E>(req, sink, {}, opts)();
        return this->run_sync(op, ec, diag);
    }
    /// `render` asynchronously, into `path`; signature `void(std::error_code, std::uint64_t)`.
    /// Cancellation and executors as `async_download` (see `ltx::basic_api_client`).
    template <class E, class Token = default_token>
    auto async_render(const typename E::request& req, const std::filesystem::path& path,
                      download_options opts, Token&& token = {}) {
        return this->template run_async<ltx::detail::download_op>(
            std::forward<Token>(token), nullptr, make_render<E>(req, {}, path, std::move(opts)));
    }
    template <class E, class Token = default_token>
    requires(!std::is_convertible_v<Token, const download_options&>) auto async_render(
        const typename E::request& req, const std::filesystem::path& path, Token&& token = {}) {
        return async_render<E>(req, path, download_options{}, std::forward<Token>(token));
    }

    /// The shortest time limit of a `v1` call.
    static constexpr std::chrono::milliseconds render_timeout{std::chrono::minutes{10}};

    /// `POST v1/text-to-video` into `path`.
    std::uint64_t text_to_video(const text_to_video_request& req, const std::filesystem::path& path,
                                const download_options& opts = {}) {
        return render<endpoints::text_to_video>(req, path, opts);
    }
    /// `POST v1/image-to-video` into `path`.
    std::uint64_t image_to_video(const image_to_video_request& req,
                                 const std::filesystem::path& path,
                                 const download_options& opts = {}) {
        return render<endpoints::image_to_video>(req, path, opts);
    }
    /// `POST v1/audio-to-video` into `path`.
    std::uint64_t audio_to_video(const audio_to_video_request& req,
                                 const std::filesystem::path& path,
                                 const download_options& opts = {}) {
        return render<endpoints::audio_to_video>(req, path, opts);
    }
    /// `POST v1/retake` into `path`.
    std::uint64_t retake(const retake_request& req, const std::filesystem::path& path,
                         const download_options& opts = {}) {
        return render<endpoints::retake>(req, path, opts);
    }
    /// `POST v1/extend` into `path`.
    std::uint64_t extend(const extend_request& req, const std::filesystem::path& path,
                         const download_options& opts = {}) {
        return render<endpoints::extend>(req, path, opts);
    }

    // ---- upload ------------------------------------------------------------------------------

    /// Uploads the file at `path`: `POST v1/upload`, then a `PUT` of the file to the ticket's
    /// `upload_url` with every `required_headers` pair, the file's MIME type (detected from
    /// its first bytes, then its name, unless `mime_type` is given) and no `Authorization`.
    /// Returns the `storage_uri` to pass as `image_uri`, `video_uri`, ... Both steps are
    /// retried as GETs are: neither creates billed work, and a second PUT replaces the bytes.
    std::string upload_file(const std::filesystem::path& path,
                            std::optional<std::string> mime_type = std::nullopt) {
        return this->or_throw([&](std::error_code& ec, diagnostics& d) {
            return upload_file(path, std::move(mime_type), ec, d);
        });
    }
    std::string upload_file(const std::filesystem::path& path, std::optional<std::string> mime_type,
                            std::error_code& ec, diagnostics& diag) {
        auto op = make_upload(path, std::move(mime_type))();
        return this->run_sync(op, ec, diag);
    }
    /// `upload_file` asynchronously; signature `void(std::error_code, std::string)`: the
    /// `storage_uri`. The file is opened before the call returns and read as it is sent.
    template <class Token = default_token>
    auto async_upload_file(const std::filesystem::path& path, Token&& token = {}) {
        return this->template run_async<detail::upload_op<api>>(std::forward<Token>(token), nullptr,
                                                                make_upload(path, std::nullopt));
    }

private:
    template <class E>
    ltx::detail::download_recipe
    make_render(const typename E::request& req, ltx::detail::chunk_sink sink,
                const std::filesystem::path& path, download_options opts) {
        ltx::detail::download_recipe r{false,
                                       {},
                                       {},
                                       {},
                                       std::move(sink),
                                       path,
                                       std::move(opts),
                                       this->retry_for(E::retry_safe),
                                       {&api::read_error, this->secret()}};
        r.ok = this->template prepare<E>(req, {}, {}, r.req, r.ec, r.diag);
        if (r.ok) {
            r.req.headers.set("Accept", "video/mp4, application/json");
            if (r.req.timeout < render_timeout)
                r.req.timeout = render_timeout;
        }
        return r;
    }

    detail::upload_recipe<api> make_upload(const std::filesystem::path& path,
                                           std::optional<std::string> mime_type) {
        detail::upload_recipe<api> r{false,
                                     {},
                                     {},
                                     {},
                                     {},
                                     {},
                                     this->retry_for(true),
                                     this->retry_for(true),
                                     this->secret(),
                                     this->config_.user_agent,
                                     this->config_.request_timeout};
        auto file = this->open_file_body(path, r.ec, r.diag);
        if (!file)
            return r;
        if (file->size() == 0) {
            r.ec = errc::invalid_request;
            r.diag.detail = "the file is empty";
            return r;
        }
        r.body = http::body{std::move(*file)};
        r.content_type =
            mime_type ? std::move(*mime_type) : this->detect_body_mime(r.body, r.ec, r.diag);
        if (r.ec)
            return r;
        r.ok = this->template prepare<endpoints::create_upload>({}, {}, {}, r.ticket_req, r.ec,
                                                                r.diag);
        return r;
    }
};

} // namespace ltx::lightricks

#endif
// ---- end ltx/lightricks/client.hpp ----

#endif
// ---- end ltx/lightricks.hpp ----
