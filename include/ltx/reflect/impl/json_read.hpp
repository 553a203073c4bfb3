// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_JSON_READ_HPP
#define LTX_REFLECT_IMPL_JSON_READ_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/detail/json_sax_sink.hpp>
#include <ltx/reflect/json_error.hpp>

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
