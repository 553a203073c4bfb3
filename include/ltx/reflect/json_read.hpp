// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_READ_HPP
#define LTX_REFLECT_JSON_READ_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/json_error.hpp>

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

#include <ltx/reflect/impl/json_read.hpp>

#ifdef LTX_HEADER_ONLY
#include <ltx/reflect/impl/json_parse.ipp>
#include <ltx/reflect/impl/json_read.ipp>
#endif

#endif
