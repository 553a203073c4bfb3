// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_JSON_SAX_DECODER_HPP
#define LTX_REFLECT_DETAIL_JSON_SAX_DECODER_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/fields.hpp>
#include <ltx/reflect/detail/json_sax_sink.hpp>
#include <ltx/reflect/json_error.hpp>

#include <boost/json/array.hpp>
#include <boost/json/error.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/string.hpp>
#include <boost/json/string_view.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ltx::reflect::detail {

/// The double `text` (a JSON number's whole text) stands for, by `std::from_chars`: the parser's
/// own conversion can be an ulp off, and reads `0e4002` as NaN. `parsed` (that conversion) when
/// `from_chars` fails: a number too large for a double stays the parser's infinity, one too
/// small keeps the parser's zero or subnormal.
inline double exact_double(double parsed, std::string_view text) noexcept {
    double exact = 0;
    const char* first = text.data();
    const char* end = first + text.size();
    const auto r = std::from_chars(first, end, exact);
    return first != end && r.ec == std::errc{} && r.ptr == end ? exact : parsed;
}

// The integer `v` stored into the integer (or enum) of leaf `k` at `p`, by memcpy of its
// width: the member is an int, a long, a char or an enum of that width, not necessarily the
// fixed-width type named here. The caller checked the range (integer_fits).
inline void write_integer(leaf k, void* p, std::uint64_t v) noexcept {
    switch (k) {
    case leaf::i8:
    case leaf::u8: {
        const auto n = static_cast<std::uint8_t>(v);
        std::memcpy(p, &n, 1);
        return;
    }
    case leaf::i16:
    case leaf::u16: {
        const auto n = static_cast<std::uint16_t>(v);
        std::memcpy(p, &n, 2);
        return;
    }
    case leaf::i32:
    case leaf::u32: {
        const auto n = static_cast<std::uint32_t>(v);
        std::memcpy(p, &n, 4);
        return;
    }
    default:
        std::memcpy(p, &v, 8);
        return;
    }
}

// Whether the integer leaf `k` holds `v`.
inline bool integer_fits(leaf k, std::int64_t v) noexcept {
    switch (k) {
    case leaf::i8:
        return std::in_range<std::int8_t>(v);
    case leaf::i16:
        return std::in_range<std::int16_t>(v);
    case leaf::i32:
        return std::in_range<std::int32_t>(v);
    case leaf::i64:
        return true;
    case leaf::u8:
        return std::in_range<std::uint8_t>(v);
    case leaf::u16:
        return std::in_range<std::uint16_t>(v);
    case leaf::u32:
        return std::in_range<std::uint32_t>(v);
    default:
        return v >= 0;
    }
}

inline bool integer_fits(leaf k, std::uint64_t v) noexcept {
    if (is_unsigned_leaf(k))
        return k == leaf::u64 || integer_fits(k, static_cast<std::int64_t>(v));
    return std::in_range<std::int64_t>(v) && integer_fits(k, static_cast<std::int64_t>(v));
}

inline void write_floating(leaf k, void* p, double v) noexcept {
    if (k == leaf::f32)
        *static_cast<float*>(p) = static_cast<float>(v);
    else if (k == leaf::f64)
        *static_cast<double*>(p) = v;
    else
        *static_cast<long double*>(p) = static_cast<long double>(v);
}

inline bool is_floating_leaf(leaf k) noexcept {
    return k == leaf::f32 || k == leaf::f64 || k == leaf::f_long;
}

// A number into the integer or floating-point leaf `k` at `p`; false when out of its range.
inline bool from_int64(leaf k, void* p, std::int64_t v) noexcept {
    if (is_floating_leaf(k)) {
        write_floating(k, p, static_cast<double>(v));
        return true;
    }
    if (!integer_fits(k, v))
        return false;
    write_integer(k, p, static_cast<std::uint64_t>(v));
    return true;
}

inline bool from_uint64(leaf k, void* p, std::uint64_t v) noexcept {
    if (is_floating_leaf(k)) {
        write_floating(k, p, static_cast<double>(v));
        return true;
    }
    if (!integer_fits(k, v))
        return false;
    write_integer(k, p, v);
    return true;
}

// A whole number written as a double (100.0) is still that integer; a float member cannot
// hold a double beyond its range.
inline bool from_double(leaf k, void* p, double v) noexcept {
    if (is_floating_leaf(k)) {
        if (k == leaf::f32 &&
            !(std::fabs(v) <= static_cast<double>(std::numeric_limits<float>::max())))
            return false;
        write_floating(k, p, v);
        return true;
    }
    if (std::trunc(v) != v || v < -9.2e18 || v > 9.2e18)
        return false;
    return from_int64(k, p, static_cast<std::int64_t>(v));
}

// The path of the value being decoded, as a chain of stack frames, built into a string only
// when an error is reported. Member names are never empty, so a frame with an empty key
// below the document is an empty map key: it reads `a[""]`, as in validation paths.
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

// The event handler of boost::json::basic_parser. It is not a template: one parser
// instantiation serves every type, and the type enters only through the sinks.
//
// Decode errors never stop the parse. The error reported is the first in the type's order:
// declaration order (members), index order (arrays), first-appearance order (map keys). Values
// arrive in document order instead, so the decoder keeps the error that ranks first (`rank_`,
// one ordinal per level) and keeps parsing, so that a later syntax error still wins.
class sax_decoder {
public:
    // The limits of boost::json::parse, so a text it parses is one the decoder can hold.
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    explicit sax_decoder(sax_sink root) noexcept {
        frames_[0].kind = frame_kind::root;
        frames_[0].pending = root;
    }

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
        if (!skip_)
            number_.append(s.data(), s.size());
        return true;
    }

    bool on_object_begin(boost::json::error_code&) { return begin_container(true); }
    bool on_array_begin(boost::json::error_code&) { return begin_container(false); }
    bool on_object_end(std::size_t, boost::json::error_code&) { return end_container(); }
    bool on_array_end(std::size_t, boost::json::error_code&) { return end_container(); }

    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (!skip_)
            key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (skip_)
            return true;
        std::string_view key{s.data(), s.size()};
        const bool parts = !key_.empty();
        if (parts) {
            key_.append(key);
            key = key_;
        }
        frame& f = frames_[top_];
        if (f.kind == frame_kind::object) {
            const sax_ops& o = *f.container.ops;
            const std::size_t i = find_member(o, key, f.count);
            if (i == npos) {
                f.pending = sax_sink{&skip_ops, nullptr};
            } else {
                const std::uint64_t bit = std::uint64_t{1} << i;
                f.count = i + 1; // documents usually follow declaration order
                f.position = i;
                f.set_key(o.member_names[i]);
                f.pending = o.member(f.container.object, i);
                if (f.seen & bit)
                    fail_here("repeated key");
                f.seen |= bit;
            }
        } else {
            bool inserted = false;
            std::string_view stored;
            f.pending = f.container.ops->entry(f.container.object, key, inserted, stored);
            f.set_key(stored);
            f.position = f.count++;
            if (!inserted)
                fail_here("repeated key");
        }
        if (parts)
            key_.clear();
        return true;
    }

    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (skip_)
            return true;
        const bool first = !in_string_;
        if (first) {
            in_string_ = true;
            string_ = string_target();
        }
        string_chunk({s.data(), s.size()}, first);
        return true;
    }

    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        if (skip_)
            return true;
        const bool first = !in_string_;
        if (first)
            string_ = string_target();
        in_string_ = false;
        if (string_.ops->kind == type_kind::described_enum) {
            std::string_view name{s.data(), s.size()};
            if (!first) {
                scratch_.append(name);
                name = scratch_;
            }
            const sax_ops& o = *string_.ops;
            if (const wire_row* row = find_wire_value(o.wire, o.wire_size, name))
                write_integer(o.scalar, string_.object, row->value);
            else
                fail_here("unknown value, expected one of " + join_wire_names(o.wire, o.wire_size));
            scratch_.clear();
        } else {
            string_chunk({s.data(), s.size()}, first);
        }
        return true;
    }

    bool on_int64(std::int64_t v, boost::json::string_view, boost::json::error_code&) {
        number_.clear();
        if (skip_)
            return true;
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::integer || s.ops->kind == type_kind::floating) {
            if (!from_int64(s.ops->scalar, s.object, v))
                fail_here("integer out of range");
        } else if (s.ops->kind != type_kind::unsupported) {
            fail_here(expected_message(*s.ops));
        }
        return true;
    }

    bool on_uint64(std::uint64_t v, boost::json::string_view, boost::json::error_code&) {
        number_.clear();
        if (skip_)
            return true;
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::integer || s.ops->kind == type_kind::floating) {
            if (!from_uint64(s.ops->scalar, s.object, v))
                fail_here("integer out of range");
        } else if (s.ops->kind != type_kind::unsupported) {
            fail_here(expected_message(*s.ops));
        }
        return true;
    }

    bool on_double(double v, boost::json::string_view text, boost::json::error_code&) {
        if (skip_)
            return true;
        v = exact_double(v, text);
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::integer || s.ops->kind == type_kind::floating) {
            if (!std::isfinite(v) || !from_double(s.ops->scalar, s.object, v))
                fail_here(s.ops->kind == type_kind::integer ? "integer out of range"
                                                            : "number out of range");
        } else if (s.ops->kind != type_kind::unsupported) {
            fail_here(expected_message(*s.ops));
        }
        return true;
    }

    bool on_bool(bool v, boost::json::error_code&) {
        if (skip_)
            return true;
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::boolean)
            *static_cast<bool*>(s.object) = v;
        else if (s.ops->kind != type_kind::unsupported)
            fail_here(expected_message(*s.ops));
        return true;
    }

    bool on_null(boost::json::error_code&) {
        if (skip_)
            return true;
        const sax_sink s = next_target();
        if (s.ops->kind == type_kind::optional)
            s.ops->reset(s.object);
        else if (s.ops->kind != type_kind::unsupported)
            fail_here(expected_message(*s.ops));
        return true;
    }

    /// True when some value did not decode.
    bool failed() const noexcept { return has_error_; }
    /// The error that ranks first.
    json_error& error() noexcept { return error_; }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // A number with a fraction or exponent, read from its text (exact_double above);
    // its parts, when the parser split it, are gathered in number_. A value fed from a parsed
    // document has no text.
    double exact_double(double parsed, boost::json::string_view last) {
        if (number_.empty())
            return ltx::reflect::detail::exact_double(parsed, {last.data(), last.size()});
        number_.append(last.data(), last.size());
        const double exact = ltx::reflect::detail::exact_double(parsed, number_);
        number_.clear();
        return exact;
    }
    // The parser refuses deeper texts; one more frame for the document itself.
    static constexpr std::size_t max_frames = boost::json::parse_options{}.max_depth + 1;

    enum class frame_kind : unsigned char { root, object, map, sequence };

    // Left uninitialised until pushed: zeroing every frame would cost more than a small parse.
    // So no member has a default member initializer, std::string_view's included.
    struct frame {
        sax_sink container;   // the struct, map or vector being filled
        sax_sink pending;     // where the next value goes (set by a key, or the root value)
        const char* key_data; // the current child's name, for error paths
        std::size_t key_size;
        std::size_t position; // the current child's ordinal: member index, array index, key order
        std::size_t count;    // elements or distinct keys so far; for structs the lookup hint
        std::uint64_t seen;   // members seen (sax_members allows at most 64)
        frame_kind kind;
        bool is_index;

        void set_key(std::string_view k) noexcept {
            key_data = k.data();
            key_size = k.size();
        }
    };

    bool begin_container(bool is_object) {
        if (skip_) {
            ++skip_;
            return true;
        }
        const sax_sink s = value_target();
        const type_kind k = s.ops->kind;
        if (k == type_kind::unsupported) {
            skip_ = 1;
            return true;
        }
        const bool fits = is_object ? (k == type_kind::described_struct || k == type_kind::map)
                                    : k == type_kind::sequence;
        if (!fits) {
            fail_here(expected_message(*s.ops));
            skip_ = 1;
            return true;
        }
        frame& f = frames_[++top_];
        f.container = s;
        f.pending = sax_sink{&skip_ops, nullptr};
        f.set_key({});
        f.position = 0;
        f.count = 0;
        f.seen = 0;
        f.is_index = k == type_kind::sequence;
        if (k == type_kind::described_struct) {
            f.kind = frame_kind::object;
        } else {
            f.kind = k == type_kind::map ? frame_kind::map : frame_kind::sequence;
            s.ops->clear(s.object);
        }
        return true;
    }

    bool end_container() {
        if (skip_) {
            --skip_;
            return true;
        }
        frame& f = frames_[top_];
        if (f.kind == frame_kind::object) {
            const sax_ops& o = *f.container.ops;
            for (std::size_t i = 0; i < o.member_count; ++i) {
                if ((f.seen >> i) & 1u)
                    continue;
                const sax_sink m = o.member(f.container.object, i);
                if (m.ops->kind == type_kind::optional) {
                    m.ops->reset(m.object);
                } else {
                    f.position = i;
                    f.set_key(o.member_names[i]);
                    fail_here("missing required field");
                }
            }
        }
        --top_;
        return true;
    }

    // The sink of the value that starts now, in the innermost open container.
    sax_sink next_target() {
        frame& f = frames_[top_];
        if (f.kind != frame_kind::sequence)
            return f.pending;
        f.position = f.count++;
        return f.container.ops->push(f.container.object);
    }

    // As next_target, for a value that is not null: optionals take a value.
    sax_sink value_target() {
        sax_sink s = next_target();
        while (s.ops->kind == type_kind::optional)
            s = s.ops->emplace(s.object);
        return s;
    }

    sax_sink string_target() {
        const sax_sink s = value_target();
        if (s.ops->kind == type_kind::string || s.ops->kind == type_kind::described_enum ||
            s.ops->kind == type_kind::unsupported)
            return s;
        fail_here(expected_message(*s.ops));
        return sax_sink{&skip_ops, nullptr};
    }

    void string_chunk(std::string_view part, bool first) {
        if (string_.ops->kind == type_kind::string)
            string_.ops->append(string_.object, part, first);
        else if (string_.ops->kind == type_kind::described_enum)
            scratch_.append(part);
    }

    // Whether `a` and `b` hold the same bytes. Member names are short: comparing them here,
    // eight bytes at a time, costs less than a call to memcmp.
    static bool same_name(std::string_view a, std::string_view b) noexcept {
        const std::size_t n = a.size();
        if (n != b.size())
            return false;
        if (n >= 8) {
            // The last word ends at the end, overlapping the one before.
            for (std::size_t i = 0;; i += 8) {
                i = i < n - 8 ? i : n - 8;
                std::uint64_t x;
                std::uint64_t y;
                std::memcpy(&x, a.data() + i, 8);
                std::memcpy(&y, b.data() + i, 8);
                if (x != y)
                    return false;
                if (i == n - 8)
                    return true;
            }
        }
        for (std::size_t i = 0; i < n; ++i)
            if (a[i] != b[i])
                return false;
        return true;
    }

    static std::size_t find_member(const sax_ops& o, std::string_view key, std::size_t hint) {
        if (hint < o.member_count && same_name(o.member_names[hint], key))
            return hint;
        for (std::size_t i = 0; i < o.member_count; ++i)
            if (same_name(o.member_names[i], key))
                return i;
        return npos;
    }

    static std::string expected_message(const sax_ops& o) {
        switch (o.kind) {
        case type_kind::described_struct:
        case type_kind::map:
            return "expected an object";
        case type_kind::sequence:
            return "expected an array";
        case type_kind::string:
            return "expected a string";
        case type_kind::described_enum:
            return "expected a string, one of " + join_wire_names(o.wire, o.wire_size);
        case type_kind::integer:
            return "expected an integer";
        case type_kind::floating:
            return "expected a number";
        case type_kind::boolean:
            return "expected true or false";
        default:
            return "unexpected value";
        }
    }

    // Records an error at the current child of the innermost frame, unless an error that
    // ranks before it is already recorded.
    void fail_here(std::string message) {
        const std::size_t depth = top_;
        if (has_error_) {
            std::size_t i = 0;
            while (i < depth && i < rank_size_ && frames_[i + 1].position == rank_[i])
                ++i;
            const bool earlier = i < depth && i < rank_size_
                                     ? frames_[i + 1].position < rank_[i]
                                     : depth < rank_size_; // an ancestor comes first
            if (!earlier)
                return;
        }
        has_error_ = true;
        rank_size_ = depth;
        std::array<path_frame, max_frames> chain; // chain[0]: the document
        const path_frame* parent = &chain[0];
        for (std::size_t i = 1; i <= depth; ++i) {
            const frame& f = frames_[i];
            rank_[i - 1] = f.position;
            chain[i] = path_frame{parent, {f.key_data, f.key_size}, f.position, f.is_index};
            parent = &chain[i];
        }
        error_.path = parent->str();
        error_.message = std::move(message);
    }

    frame frames_[max_frames];
    std::size_t top_ = 0;
    std::size_t skip_ = 0; // depth inside a value that is ignored (unknown or mistyped)
    sax_sink string_{&skip_ops, nullptr};
    bool in_string_ = false;
    bool has_error_ = false;
    std::string key_;                          // a key split into parts (escapes)
    std::string scratch_;                      // an enum name split into parts
    std::string number_;                       // a number's text split into parts
    std::array<std::size_t, max_frames> rank_; // the first rank_size_ are set
    std::size_t rank_size_ = 0;
    json_error error_;
};

} // namespace ltx::reflect::detail

#endif
