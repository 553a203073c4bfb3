// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Request decoding beyond JSON bodies: query strings and multipart/form-data, decoded into
// the library's described request models through the library's own JSON decoder.
#ifndef LTX_SIM_DECODE_HPP
#define LTX_SIM_DECODE_HPP

#include "reply.hpp"

#include <ltx/detail/ascii.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/http/percent_encoding.hpp>
#include <ltx/reflect.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ltx::sim {

/// Form fields in the order they came: `name`, `value`.
using form_fields = std::vector<std::pair<std::string, std::string>>;

/// Splits `a=1&b=x%20y` into fields, percent-decoding names and values. `+` stays a plus, as
/// RFC 3986 says (it would otherwise break e-mail addresses such as `me+ltx@example.com`).
/// Nullopt when a `%` escape is malformed.
inline std::optional<form_fields> parse_query(std::string_view query) {
    form_fields out;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto part = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (part.empty())
            continue;
        const auto eq = part.find('=');
        auto name = ltx::http::percent_decode(part.substr(0, eq));
        auto value = ltx::http::percent_decode(eq == std::string_view::npos ? std::string_view{}
                                                                            : part.substr(eq + 1));
        if (!name || !value)
            return std::nullopt;
        out.emplace_back(std::move(*name), std::move(*value));
    }
    return out;
}

namespace detail {

// The value of parameter `name` in a header value such as `multipart/form-data; boundary=x`
// or `form-data; name="prompt"`; quotes removed.
inline std::optional<std::string> header_param(std::string_view value, std::string_view name) {
    std::size_t at = value.find(';');
    while (at != std::string_view::npos) {
        auto rest = value.substr(at + 1);
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
            rest.remove_prefix(1);
        const auto eq = rest.find('=');
        const auto next = rest.find(';');
        if (eq != std::string_view::npos && (next == std::string_view::npos || eq < next)) {
            if (ltx::detail::to_lower(rest.substr(0, eq)) == name) {
                auto v = rest.substr(eq + 1);
                if (!v.empty() && v.front() == '"') {
                    const auto close = v.find('"', 1);
                    return std::string{v.substr(
                        1, close == std::string_view::npos ? std::string_view::npos : close - 1)};
                }
                v = v.substr(0, v.find(';'));
                while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
                    v.remove_suffix(1);
                return std::string{v};
            }
        }
        at = value.find(';', at + 1);
    }
    return std::nullopt;
}

} // namespace detail

/// Splits a multipart/form-data body into fields; `content_type` is the request's header,
/// which carries the boundary. A file part counts as a field with the file's bytes.
/// Nullopt when the body is not well-formed multipart.
inline std::optional<form_fields> parse_multipart(std::string_view content_type,
                                                  std::string_view body) {
    const auto boundary = detail::header_param(content_type, "boundary");
    if (!boundary || boundary->empty())
        return std::nullopt;
    const std::string delimiter = "--" + *boundary;
    form_fields out;
    auto at = body.find(delimiter);
    // The first delimiter opens the body or a line (after a preamble).
    if (at == std::string_view::npos || (at != 0 && (at < 2 || body.substr(at - 2, 2) != "\r\n")))
        return std::nullopt;
    at += delimiter.size();
    for (;;) {
        if (body.substr(at, 2) == "--")
            return out;
        if (body.substr(at, 2) != "\r\n")
            return std::nullopt;
        at += 2;
        const auto head_end = body.find("\r\n\r\n", at);
        if (head_end == std::string_view::npos)
            return std::nullopt;
        std::optional<std::string> name;
        for (auto head = body.substr(at, head_end - at); !head.empty();) {
            const auto eol = head.find("\r\n");
            const auto line = head.substr(0, eol);
            head = eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
            const auto colon = line.find(':');
            if (colon != std::string_view::npos &&
                ltx::http::iequals(line.substr(0, colon), "content-disposition"))
                name = detail::header_param(line.substr(colon + 1), "name");
        }
        const auto content = head_end + 4;
        const auto end = body.find("\r\n" + delimiter, content);
        if (end == std::string_view::npos || !name)
            return std::nullopt;
        out.emplace_back(std::move(*name), std::string{body.substr(content, end - content)});
        at = end + 2 + delimiter.size();
    }
}

/// Decodes an already parsed JSON value into the described struct `out` with the library's
/// decoder. A member that is not optional but absent is decoded as its empty value, so that
/// validation reports it (`prompt: is required`) as it does for an empty one: the verdict is
/// the library's (the request is refused), the text more useful.
template <class T> bool read_model(boost::json::value jv, T& out, reflect::json_error& err) {
    if (auto* obj = jv.if_object())
        reflect::for_each_member<T>([&](auto d) {
            using M = std::remove_cvref_t<decltype(out.*d.pointer)>;
            if constexpr (reflect::kind_of<M> != reflect::type_kind::optional)
                if (!obj->contains(d.name))
                    (*obj)[d.name] = boost::json::parse(reflect::to_json(M{}));
        });
    return reflect::read_json_value(jv, out, err);
}

/// Parses a JSON body and decodes it as `read_model` does.
template <class T> bool decode_json(std::string_view body, T& out, reflect::json_error& err) {
    boost::json::error_code ec;
    auto jv = reflect::parse_json(body, ec); // numbers read as the client's read_json reads them
    if (ec) {
        err = {{}, "invalid JSON: " + ec.message()};
        return false;
    }
    return read_model(std::move(jv), out, err);
}

/// Decodes form fields (a query string or multipart parts) into the described struct `out`,
/// each field's text read as the library reads form text (`reflect::form_field_value`), with
/// the rules of the JSON decoder: unknown fields ignored, the first of repeated fields used,
/// a value of the wrong type an error at its member's path.
template <class T> bool decode_fields(const form_fields& fields, T& out, reflect::json_error& err) {
    boost::json::object obj;
    for (const auto& [name, text] : fields)
        if (auto value = reflect::form_field_value<T>(name, text); !value.is_null())
            obj.emplace(name, std::move(value)); // a repeated name keeps its first value
    return read_model(boost::json::value(std::move(obj)), out, err);
}

/// Decodes a request body into `out`: multipart/form-data when `content_type` says so, JSON
/// otherwise. Returns the 400 text when it does not decode.
template <class T>
std::optional<std::string> decode_body(std::string_view content_type, std::string_view body,
                                       T& out) {
    reflect::json_error err;
    if (ltx::detail::to_lower(content_type).starts_with("multipart/form-data")) {
        const auto fields = parse_multipart(content_type, body);
        if (!fields)
            return "body: malformed multipart/form-data";
        if (decode_fields(*fields, out, err))
            return std::nullopt;
    } else if (decode_json(body, out, err)) {
        return std::nullopt;
    }
    return err.path.empty() ? err.message : err.path + ": " + err.message;
}

/// Decodes the path parameter of endpoint `E` (the one `{member}` of `E::path`) from its
/// segment `encoded`, decoded once as the reference says (raw or percent-encoded), into
/// `out`, and checks `out` with the library's rules. Returns the 400 text, naming the
/// parameter, when the escape is malformed or a rule is broken.
template <class E>
std::optional<std::string> decode_path(std::string_view encoded, typename E::request& out) {
    const std::string_view path = E::path;
    const auto open = path.find('{');
    const std::string name{path.substr(open + 1, path.find('}', open) - open - 1)};
    auto value = ltx::http::percent_decode(encoded);
    if (!value)
        return name + ": malformed percent-encoding";
    reflect::json_error err;
    if (!decode_fields(form_fields{{name, std::move(*value)}}, out, err))
        return err.path.empty() ? err.message : err.path + ": " + err.message;
    if (auto v = reflect::validate(out); !v.empty())
        return violations_text(v);
    return std::nullopt;
}

} // namespace ltx::sim

#endif
