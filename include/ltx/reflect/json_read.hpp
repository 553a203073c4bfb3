// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_READ_HPP
#define LTX_REFLECT_JSON_READ_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ltx::reflect {

/// Why a JSON text did not decode into a type: where (`status.artifact.asset.fileId`, empty
/// for the document itself) and what was wrong.
struct json_error {
    std::string path;
    std::string message;
};

/// Thrown by `from_json` when the text does not decode.
class json_decode_error : public std::runtime_error {
public:
    explicit json_decode_error(json_error e)
        : std::runtime_error(e.path.empty() ? e.message : e.path + ": " + e.message),
          error_(std::move(e)) {}
    const json_error& error() const noexcept { return error_; }

private:
    json_error error_;
};

namespace detail {

// The path of the value being decoded, as a chain of stack frames: the string is built
// only when an error is reported, so a successful decode allocates nothing for paths. Member
// names are never empty, so a frame with an empty key below the document is an empty map key:
// it reads `a[""]`, as in validation paths (validate.hpp).
struct path_frame {
    const path_frame* parent = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;

    std::string str() const {
        if (!parent)
            return std::string{};
        std::string up = parent->str();
        if (is_index)
            return up + "[" + std::to_string(index) + "]";
        if (key.empty())
            return up + "[\"\"]";
        return up.empty() ? std::string{key} : up + "." + std::string{key};
    }
};

inline bool fail(json_error& err, const path_frame& at, std::string message) {
    err.path = at.str();
    err.message = std::move(message);
    return false;
}

template <class I> bool read_integer(const boost::json::value& jv, I& out) {
    if (jv.is_int64()) {
        if (!std::in_range<I>(jv.get_int64()))
            return false;
        out = static_cast<I>(jv.get_int64());
        return true;
    }
    if (jv.is_uint64()) {
        if (!std::in_range<I>(jv.get_uint64()))
            return false;
        out = static_cast<I>(jv.get_uint64());
        return true;
    }
    // Tolerance: a whole number written as 100.0 is still that integer.
    if (jv.is_double()) {
        const double d = jv.get_double();
        if (std::trunc(d) != d || d < -9.2e18 || d > 9.2e18)
            return false;
        const auto ll = static_cast<long long>(d);
        if (!std::in_range<I>(ll))
            return false;
        out = static_cast<I>(ll);
        return true;
    }
    return false;
}

template <class T>
bool read_value(const boost::json::value& jv, T& out, const path_frame& at, json_error& err) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        const auto* obj = jv.if_object();
        if (!obj)
            return fail(err, at, "expected an object");
        bool ok = true;
        for_each_member<T>([&](auto d) {
            if (!ok)
                return;
            auto& member = out.*d.pointer;
            const path_frame here{&at, d.name};
            const auto* field = obj->if_contains(d.name);
            if (!field || (field->is_null() && kind_of<decltype(member)> == type_kind::optional)) {
                if constexpr (kind_of<decltype(member)> == type_kind::optional)
                    member.reset();
                else
                    ok = fail(err, here, "missing required field");
                return;
            }
            ok = read_value(*field, member, here, err);
        });
        return ok;
    } else if constexpr (kind == type_kind::optional) {
        if (jv.is_null()) {
            out.reset();
            return true;
        }
        return read_value(jv, out.emplace(), at, err);
    } else if constexpr (kind == type_kind::sequence) {
        const auto* arr = jv.if_array();
        if (!arr)
            return fail(err, at, "expected an array");
        out.clear();
        out.resize(arr->size());
        for (std::size_t i = 0; i < arr->size(); ++i)
            if (!read_value((*arr)[i], out[i], path_frame{&at, {}, i, true}, err))
                return false;
        return true;
    } else if constexpr (kind == type_kind::map) {
        const auto* obj = jv.if_object();
        if (!obj)
            return fail(err, at, "expected an object");
        out.clear();
        for (const auto& kv : *obj) {
            const std::string_view key{kv.key().data(), kv.key().size()};
            if (!read_value(kv.value(), out[std::string{key}], path_frame{&at, key}, err))
                return false;
        }
        return true;
    } else if constexpr (kind == type_kind::string) {
        const auto* s = jv.if_string();
        if (!s)
            return fail(err, at, "expected a string");
        out.assign(s->data(), s->size());
        return true;
    } else if constexpr (kind == type_kind::described_enum) {
        const auto* s = jv.if_string();
        if (!s)
            return fail(err, at, "expected a string, one of " + allowed_names<T>());
        const auto e = from_wire<T>(std::string_view{s->data(), s->size()});
        if (!e)
            return fail(err, at, "unknown value, expected one of " + allowed_names<T>());
        out = *e;
        return true;
    } else if constexpr (kind == type_kind::integer) {
        if (!read_integer(jv, out))
            return fail(err, at, jv.is_number() ? "integer out of range" : "expected an integer");
        return true;
    } else if constexpr (kind == type_kind::floating) {
        if (!jv.is_number())
            return fail(err, at, "expected a number");
        out = static_cast<T>(jv.to_number<double>());
        return true;
    } else if constexpr (kind == type_kind::boolean) {
        if (!jv.is_bool())
            return fail(err, at, "expected true or false");
        out = jv.get_bool();
        return true;
    }
}

} // namespace detail

/// Decodes an already parsed JSON value into `out`. Tolerant: unknown members are ignored
/// and absent or null optional members left empty; a missing required member, a wrong type
/// or an unknown enum name fails with the path of the offending value.
template <class T> bool read_json_value(const boost::json::value& jv, T& out, json_error& err) {
    require_reflectable<T>();
    return detail::read_value(jv, out, detail::path_frame{}, err);
}

/// Parses `text` and decodes it into `out`; see the overload above. The parse uses a
/// monotonic arena that starts on the stack, so a typical response costs no heap
/// allocation for the document.
template <class T> bool read_json(std::string_view text, T& out, json_error& err) {
    unsigned char buffer[4096];
    boost::json::monotonic_resource arena{buffer, sizeof buffer};
    boost::json::error_code ec;
    const auto jv =
        boost::json::parse(boost::json::string_view{text.data(), text.size()}, ec, &arena);
    if (ec) {
        err.path.clear();
        err.message = "invalid JSON: " + ec.message();
        return false;
    }
    return read_json_value(jv, out, err);
}

/// Decodes `text` into a `T`, throwing `json_decode_error` on failure.
template <class T> T from_json(std::string_view text) {
    T out{};
    json_error err;
    if (!read_json(text, out, err))
        throw json_decode_error{std::move(err)};
    return out;
}

} // namespace ltx::reflect

#endif
