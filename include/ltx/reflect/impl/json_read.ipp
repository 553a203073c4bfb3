// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_JSON_READ_IPP
#define LTX_REFLECT_IMPL_JSON_READ_IPP

#include <ltx/reflect/detail/json_sax_decoder.hpp>
#include <ltx/reflect/json_read.hpp>

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
