// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_WRITE_HPP
#define LTX_REFLECT_JSON_WRITE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>

#include <boost/json/serializer.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace ltx::reflect {

/// Appends compact JSON to a caller-owned buffer, with no intermediate document.
/// String escaping is Boost.JSON's serializer, reset for each string.
class json_writer {
public:
    explicit json_writer(std::string& out) noexcept : out_(out) {}

    /// Appends `s` as a quoted, escaped JSON string.
    void string(std::string_view s) {
        serializer_.reset(boost::json::string_view{s.data(), s.size()});
        char buf[256];
        while (!serializer_.done())
            out_.append(serializer_.read(buf, sizeof buf));
    }

    /// Appends an integer.
    template <class I> void integer(I v) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, r.ptr);
    }

    /// Appends a number in its shortest round-trip form; NaN and infinities, which JSON
    /// cannot express, become null.
    void floating(double v) {
        if (!std::isfinite(v)) {
            out_ += "null";
            return;
        }
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, r.ptr);
    }

    /// Appends raw JSON text (punctuation, literals, pre-escaped keys).
    void raw(std::string_view s) { out_.append(s); }
    void raw(char c) { out_ += c; }

    /// Appends any reflectable value.
    template <class T> void value(const T& v);

private:
    std::string& out_;
    boost::json::serializer serializer_;
};

namespace detail {

// Member names are C++ identifiers, so `"name":` needs no escaping and is built once.
template <class D> struct json_key {
    static constexpr std::size_t size = std::string_view{D::name}.size() + 3;
    static constexpr auto text = [] {
        std::array<char, size> a{};
        a[0] = '"';
        const std::string_view n{D::name};
        for (std::size_t i = 0; i < n.size(); ++i)
            a[i + 1] = n[i];
        a[size - 2] = '"';
        a[size - 1] = ':';
        return a;
    }();
    static constexpr std::string_view view() { return {text.data(), text.size()}; }
};

} // namespace detail

template <class T> void json_writer::value(const T& v) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        raw('{');
        bool first = true;
        for_each_member<T>([&](auto d) {
            const auto& m = v.*d.pointer;
            if constexpr (kind_of<decltype(m)> == type_kind::optional)
                if (!m)
                    return; // unset optionals are omitted
            if (!first)
                raw(',');
            first = false;
            raw(detail::json_key<decltype(d)>::view());
            value(m);
        });
        raw('}');
    } else if constexpr (kind == type_kind::optional) {
        if (v)
            value(*v);
        else
            raw("null");
    } else if constexpr (kind == type_kind::sequence) {
        raw('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i)
                raw(',');
            value(v[i]);
        }
        raw(']');
    } else if constexpr (kind == type_kind::map) {
        raw('{');
        bool first = true;
        for (const auto& [key, item] : v) {
            if (!first)
                raw(',');
            first = false;
            string(key);
            raw(':');
            value(item);
        }
        raw('}');
    } else if constexpr (kind == type_kind::string) {
        string(v);
    } else if constexpr (kind == type_kind::described_enum) {
        // An out-of-range value has no wire name; validation reports it, and the encoder
        // writes null rather than inventing a name.
        if (const auto name = to_wire(v))
            string(*name);
        else
            raw("null");
    } else if constexpr (kind == type_kind::integer) {
        integer(v);
    } else if constexpr (kind == type_kind::floating) {
        floating(static_cast<double>(v));
    } else if constexpr (kind == type_kind::boolean) {
        raw(v ? std::string_view{"true"} : std::string_view{"false"});
    }
}

/// Appends the compact JSON of `v` to `out`: members in declaration order with their wire
/// names, unset optionals omitted, enums as their wire names.
template <class T> void write_json(const T& v, std::string& out) {
    json_writer w{out};
    w.value(v);
}

/// The compact JSON of `v`.
template <class T> std::string to_json(const T& v) {
    std::string out;
    write_json(v, out);
    return out;
}

} // namespace ltx::reflect

#endif
