// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_JSON_WRITER_HPP
#define LTX_REFLECT_DETAIL_JSON_WRITER_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/fields.hpp>
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

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ltx::reflect::detail {

// True when `s` holds no '"', '\\' or control character: the only bytes the serializer
// escapes, so such a string is written as is. Sixteen or eight bytes at a time, since most
// strings (ids, URLs, prompts) need no escaping at all; the last window of a string ends at
// its end, overlapping the one before, so that no byte is left for a loop of its own.
inline bool json_plain(std::string_view s) noexcept {
    const char* const data = s.data();
    const std::size_t size = s.size();
#ifdef __SSE2__
    // Where SSE2 is there (every x86-64): a byte at most 0x1F (its unsigned maximum with 0x1F
    // is 0x1F), '"' or '\\'.
    if (size >= 16) {
        const __m128i control = _mm_set1_epi8(0x1F);
        const __m128i quote_bytes = _mm_set1_epi8('"');
        const __m128i backslash_bytes = _mm_set1_epi8('\\');
        for (std::size_t i = 0;; i += 16) {
            i = i < size - 16 ? i : size - 16;
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
            const __m128i hits = _mm_or_si128(
                _mm_cmpeq_epi8(_mm_max_epu8(v, control), control),
                _mm_or_si128(_mm_cmpeq_epi8(v, quote_bytes), _mm_cmpeq_epi8(v, backslash_bytes)));
            if (_mm_movemask_epi8(hits) != 0)
                return false;
            if (i == size - 16)
                return true;
        }
    }
#endif
    if (size >= 8) {
        constexpr std::uint64_t ones = 0x0101010101010101u;
        constexpr std::uint64_t highs = 0x8080808080808080u;
        for (std::size_t i = 0;; i += 8) {
            i = i < size - 8 ? i : size - 8;
            std::uint64_t w;
            std::memcpy(&w, data + i, 8);
            // A byte below 0x20, or equal to '"' or '\\' (a zero byte once xor-ed with it).
            const std::uint64_t quote = w ^ (0x22 * ones);
            const std::uint64_t backslash = w ^ (0x5C * ones);
            if (((w - 0x20 * ones) & ~w & highs) | ((quote - ones) & ~quote & highs) |
                ((backslash - ones) & ~backslash & highs))
                return false;
            if (i == size - 8)
                return true;
        }
    }
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 || c == '"' || c == '\\')
            return false;
    }
    return true;
}

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
        if (json_plain(s)) {
            if (s.size() + 2 > sizeof staged_ - size_) {
                put('"');
                put(s);
                put('"');
                return;
            }
            staged_[size_] = '"';
            std::memcpy(staged_ + size_ + 1, s.data(), s.size());
            size_ += s.size() + 2;
            staged_[size_ - 1] = '"';
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
    void put_decimal(long long v) { put_digits(ltx::detail::magnitude(v), v < 0); }
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
        if (v == 0 && std::signbit(v)) {
            put("-0.0"); // "-0" would read back as the integer 0, losing the sign
            return;
        }
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        put(std::string_view{buf, static_cast<std::size_t>(r.ptr - buf)});
    }

    template <class T> void put_value(const T& v);

    // A struct: the address of each member (null for an absent optional), and put_fields,
    // one non-template loop over the struct's field_table whatever the models. Each member is
    // written by the writer of its kind, picked at compile time, so a TU compiles only the
    // writers its models use.
    using field_writer = void (*)(json_writer&, const field_row&, const void*);

    static void write_string(json_writer& w, const field_row&, const void* p) {
        w.put_string(*static_cast<const std::string*>(p));
    }
    static void write_boolean(json_writer& w, const field_row&, const void* p) {
        w.put(*static_cast<const bool*>(p) ? std::string_view{"true"} : std::string_view{"false"});
    }
    static void write_signed(json_writer& w, const field_row& row, const void* p) {
        w.put_decimal(read_signed(row.kind, p));
    }
    static void write_unsigned(json_writer& w, const field_row& row, const void* p) {
        w.put_decimal(read_unsigned(row.kind, p));
    }
    static void write_floating(json_writer& w, const field_row& row, const void* p) {
        w.put_floating(read_floating(row.kind, p));
    }
    static void write_enum(json_writer& w, const field_row& row, const void* p) {
        w.put_enum(row.wire, row.wire_size, read_wire_key(row.kind, p));
    }
    template <class X> static void write_value(json_writer& w, const field_row&, const void* p) {
        w.put_value(*static_cast<const X*>(p));
    }

    template <class X> static consteval field_writer writer_of() {
        constexpr auto kind = leaf_of<X>();
        if constexpr (kind_of<X> == type_kind::described_enum)
            return &write_enum;
        else if constexpr (kind == leaf::string)
            return &write_string;
        else if constexpr (kind == leaf::boolean)
            return &write_boolean;
        else if constexpr (is_signed_leaf(kind))
            return &write_signed;
        else if constexpr (is_unsigned_leaf(kind))
            return &write_unsigned;
        else if constexpr (kind == leaf::composite)
            return &write_value<X>;
        else
            return &write_floating;
    }

    template <std::size_t N> struct writers_t { field_writer of[N + 1]; };

    template <class T, template <class...> class L, class... D>
    static consteval auto make_writers(L<D...>) {
        return writers_t<sizeof...(D)>{{writer_of<unwrap_t<member_value_t<T, D>>>()..., nullptr}};
    }
    template <class T> static constexpr auto writers_of = make_writers<T>(members_of<T>{});

    template <class T> void put_struct(const T& v) {
        constexpr std::size_t n = field_table<T>.size;
        const void* values[n + 1];
        member_addresses(v, values);
        put_fields(field_table<T>.rows, writers_of<T>.of, values, n);
    }

    void put_fields(const field_row* rows, const field_writer* writers, const void* const* values,
                    std::size_t n) {
        bool first = true;
        for (std::size_t i = 0; i < n; ++i) {
            if (!values[i])
                continue; // unset optionals are omitted
            if (!first)
                put(',');
            first = false;
            put(rows[i].key);
            writers[i](*this, rows[i], values[i]);
        }
    }

    void put_enum(const wire_row* rows, std::size_t n, std::uint64_t key) {
        put_string(wire_name_or_throw(rows, n, key));
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
        put_struct(v);
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
        put_enum(wire_rows<T>.rows, wire_rows<T>.size, wire_key(v));
    } else if constexpr (kind == type_kind::integer) {
        put_integer(v);
    } else if constexpr (kind == type_kind::floating) {
        put_floating(static_cast<double>(v));
    } else if constexpr (kind == type_kind::boolean) {
        put(v ? std::string_view{"true"} : std::string_view{"false"});
    } else if constexpr (kind == type_kind::empty) {
        put("null");
    }
}

} // namespace ltx::reflect::detail

#endif
