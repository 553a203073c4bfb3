// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_ERROR_HPP
#define LTX_REFLECT_JSON_ERROR_HPP

#include <ltx/detail/config.hpp>

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
