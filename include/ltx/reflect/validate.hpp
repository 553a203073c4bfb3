// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_VALIDATE_HPP
#define LTX_REFLECT_VALIDATE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/validate.hpp>
#include <ltx/reflect/violation.hpp>

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
#include <ltx/reflect/impl/validate.ipp>
#endif

#endif
