// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_WRITE_HPP
#define LTX_REFLECT_JSON_WRITE_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/text.hpp>
#include <ltx/reflect/enum.hpp>

#include <boost/json/serializer.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace ltx::reflect {

namespace detail {

// True when `s` holds no '"', '\\' or control character: the only bytes the serializer
// escapes, so such a string is written as is. Eight bytes at a time, since most strings
// (ids, URLs, prompts) need no escaping at all.
inline bool json_plain(std::string_view s) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if (((w - 0x20 * ones) & ~w & highs) | has_zero(w ^ (0x22 * ones)) |
            has_zero(w ^ (0x5C * ones)))
            return false;
    }
    for (; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == '"' || c == '\\')
            return false;
    }
    return true;
}

// Member names are C++ identifiers, so `"name":` needs no escaping and is built once. A plain
// array and a string_view constant rather than std::array and a function: nothing of it is
// compiled into code, and encoding is compiled for every request type.
template <std::size_t N> struct key_text { char data[N]; };

template <class D> struct json_key {
    static constexpr std::size_t size = std::string_view{D::name}.size() + 3;
    static constexpr key_text<size> text = [] {
        key_text<size> a{};
        a.data[0] = '"';
        const std::string_view n{D::name};
        for (std::size_t i = 0; i < n.size(); ++i)
            a.data[i + 1] = n[i];
        a.data[size - 2] = '"';
        a.data[size - 1] = ':';
        return a;
    }();
    static constexpr std::string_view view{text.data, size};
};

} // namespace detail

/// Appends compact JSON to a caller-owned buffer, with no intermediate document.
/// String escaping is Boost.JSON's serializer, used for the strings that need any.
/// Every call has appended its whole output to the buffer when it returns.
class json_writer {
public:
    explicit json_writer(std::string& out) noexcept : out_(out) {}
    json_writer(const json_writer&) = delete;
    json_writer& operator=(const json_writer&) = delete;

    /// Appends `s` as a quoted, escaped JSON string.
    void string(std::string_view s) {
        put_string(s);
        flush();
    }

    /// Appends an integer.
    template <class I> void integer(I v) {
        put_integer(v);
        flush();
    }

    /// Appends a number in its shortest round-trip form; NaN and infinities, which JSON
    /// cannot express, become null.
    void floating(double v) {
        put_floating(v);
        flush();
    }

    /// Appends raw JSON text (punctuation, literals, pre-escaped keys).
    void raw(std::string_view s) {
        put(s);
        flush();
    }
    void raw(char c) {
        put(c);
        flush();
    }

    /// Appends any reflectable value.
    template <class T> void value(const T& v) {
        put_value(v);
        flush();
    }

private:
    // Output is staged in `staged_` and appended to the caller's string in large pieces:
    // dozens of small std::string appends per document cost more than the rest of the
    // encoding together.
    void flush() {
        out_.append(staged_, size_);
        size_ = 0;
    }

    void put(char c) {
        if (size_ == sizeof staged_)
            flush();
        staged_[size_++] = c;
    }

    void put(std::string_view s) {
        if (s.size() > sizeof staged_ - size_) {
            flush();
            if (s.size() > sizeof staged_ / 2) {
                out_.append(s);
                return;
            }
        }
        std::memcpy(staged_ + size_, s.data(), s.size());
        size_ += s.size();
    }

    void put_string(std::string_view s) {
        if (detail::json_plain(s)) {
            put('"');
            put(s);
            put('"');
            return;
        }
        serializer_.reset(boost::json::string_view{s.data(), s.size()});
        char buf[256];
        while (!serializer_.done()) {
            const auto part = serializer_.read(buf, sizeof buf);
            put(std::string_view{part.data(), part.size()});
        }
    }

    // Through the widest types, so each TU compiles one formatter, not one per integer type
    // of its models; by hand (ltx::detail::format_decimal) rather than std::to_chars.
    template <class I> void put_integer(I v) {
        if constexpr (std::is_signed_v<I>)
            put_decimal(static_cast<long long>(v));
        else
            put_decimal(static_cast<unsigned long long>(v));
    }

    void put_decimal(unsigned long long v) { put_digits(v, false); }
    void put_decimal(long long v) {
        put_digits(v < 0 ? 0ull - static_cast<unsigned long long>(v)
                         : static_cast<unsigned long long>(v),
                   v < 0);
    }
    void put_digits(unsigned long long magnitude, bool negative) {
        char buf[21];
        const char* p = ltx::detail::format_decimal(buf + sizeof buf, magnitude, negative);
        put(std::string_view{p, static_cast<std::size_t>(buf + sizeof buf - p)});
    }

    void put_floating(double v) {
        if (!std::isfinite(v)) {
            put("null");
            return;
        }
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        put(std::string_view{buf, static_cast<std::size_t>(r.ptr - buf)});
    }

    template <class T> void put_value(const T& v);

    // A fold over member indices rather than a generic lambda per member, and one function
    // per member type rather than per member: encoding is compiled for every request type.
    template <class T, std::size_t... I> void put_members(const T& v, std::index_sequence<I...>) {
        bool first = true;
        (put_member(v.*boost::mp11::mp_at_c<members_of<T>, I>::pointer,
                    detail::json_key<boost::mp11::mp_at_c<members_of<T>, I>>::view, first),
         ...);
    }

    template <class M> void put_member(const M& m, std::string_view key, bool& first) {
        if constexpr (kind_of<M> == type_kind::optional)
            if (!m)
                return; // unset optionals are omitted
        if (!first)
            put(',');
        first = false;
        put(key);
        if constexpr (kind_of<M> == type_kind::optional)
            put_leaf_or_value(*m);
        else
            put_leaf_or_value(m);
    }

    // Leaves are written here, by non-template code, rather than through a put_value of their
    // own for each type.
    template <class X> void put_leaf_or_value(const X& x) {
        constexpr auto kind = kind_of<X>;
        if constexpr (kind == type_kind::string)
            put_string(x);
        else if constexpr (kind == type_kind::described_enum)
            put_enum(detail::wire_rows<X>.rows, detail::wire_rows<X>.size,
                     static_cast<std::uint64_t>(static_cast<std::underlying_type_t<X>>(x)));
        else if constexpr (kind == type_kind::integer && std::is_signed_v<X>)
            put_decimal(static_cast<long long>(x));
        else if constexpr (kind == type_kind::integer)
            put_decimal(static_cast<unsigned long long>(x));
        else if constexpr (kind == type_kind::floating)
            put_floating(static_cast<double>(x));
        else if constexpr (kind == type_kind::boolean)
            put(x ? std::string_view{"true"} : std::string_view{"false"});
        else
            put_value(x);
    }

    // An out-of-range value has no wire name; validation reports it, and the encoder writes
    // null rather than inventing a name.
    void put_enum(const detail::wire_row* rows, std::size_t n, std::uint64_t key) {
        if (const auto* name = detail::find_wire_name(rows, n, key))
            put_string(*name);
        else
            put("null");
    }

    std::string& out_;
    std::size_t size_ = 0;
    char staged_[512];
    boost::json::serializer serializer_;
};

template <class T> void json_writer::put_value(const T& v) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        put('{');
        put_members(v, std::make_index_sequence<boost::mp11::mp_size<members_of<T>>::value>{});
        put('}');
    } else if constexpr (kind == type_kind::optional) {
        if (v)
            put_value(*v);
        else
            put("null");
    } else if constexpr (kind == type_kind::sequence) {
        put('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i)
                put(',');
            put_value(v[i]);
        }
        put(']');
    } else if constexpr (kind == type_kind::map) {
        put('{');
        bool first = true;
        for (const auto& [key, item] : v) {
            if (!first)
                put(',');
            first = false;
            put_string(key);
            put(':');
            put_value(item);
        }
        put('}');
    } else if constexpr (kind == type_kind::string) {
        put_string(v);
    } else if constexpr (kind == type_kind::described_enum) {
        put_leaf_or_value(v);
    } else if constexpr (kind == type_kind::integer) {
        put_integer(v);
    } else if constexpr (kind == type_kind::floating) {
        put_floating(static_cast<double>(v));
    } else if constexpr (kind == type_kind::boolean) {
        put(v ? std::string_view{"true"} : std::string_view{"false"});
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
