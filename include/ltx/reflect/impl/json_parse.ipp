// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_JSON_PARSE_IPP
#define LTX_REFLECT_IMPL_JSON_PARSE_IPP

#include <ltx/reflect/detail/json_sax_decoder.hpp>
#include <ltx/reflect/json_read.hpp>

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
