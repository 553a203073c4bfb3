// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_CLASSIFY_HPP
#define LTX_REFLECT_CLASSIFY_HPP

#include <ltx/detail/config.hpp>

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
