// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_WRITE_HPP
#define LTX_REFLECT_JSON_WRITE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/json_writer.hpp>

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
