// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_SAX_HPP
#define LTX_REFLECT_JSON_SAX_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>
#include <ltx/reflect/json_read.hpp>
#include <ltx/reflect/detail/json_sax_decoder.hpp>
#include <ltx/reflect/detail/json_sax_sink.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse_options.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace ltx::reflect {

/// Decodes the JSON `text` into `out` as `read_json` does, with the same tolerance and the
/// same errors (path and message), but streaming: the parser's events go straight into
/// `out`, with no document in between. Allocates only for the strings, vectors and maps of
/// the result (and for the error, on failure).
///
/// A text that repeats a key and also fails to decode is decoded once more by `read_json`:
/// which error comes first then depends on where the key first appeared, which a streaming
/// decoder does not keep.
template <class T> bool read_json_sax(std::string_view text, T& out, json_error& err) {
    require_reflectable<T>();
    boost::json::basic_parser<detail::sax_decoder> parser{
        boost::json::parse_options{}, detail::sax_sink{&detail::sax_ops_of<T>, &out}};
    boost::json::error_code ec;
    const auto n = parser.write_some(false, text.data(), text.size(), ec);
    if (!ec && n < text.size())
        ec = boost::json::error::extra_data;
    if (ec) {
        err.path.clear();
        err.message = "invalid JSON: " + ec.message();
        return false;
    }
    auto& decoder = parser.handler();
    if (!decoder.failed())
        return true;
    if (decoder.saw_duplicate_key())
        return read_json(text, out, err);
    err = std::move(decoder.error());
    return false;
}

/// Decodes `text` into a `T` with `read_json_sax`, throwing `json_decode_error` on failure.
template <class T> T from_json_sax(std::string_view text) {
    T out{};
    json_error err;
    if (!read_json_sax(text, out, err))
        throw json_decode_error{std::move(err)};
    return out;
}

} // namespace ltx::reflect

#endif
