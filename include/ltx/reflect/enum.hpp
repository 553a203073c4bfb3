// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_ENUM_HPP
#define LTX_REFLECT_ENUM_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>

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
#include <ltx/reflect/impl/enum.ipp>
#endif

#endif
