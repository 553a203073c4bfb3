// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_TEXT_IPP
#define LTX_REFLECT_IMPL_TEXT_IPP

#include <ltx/reflect/detail/text.hpp>
#include <ltx/detail/ascii.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ltx::detail {

namespace chars {
using ltx::detail::is_alnum;
// A loop over the set rather than std::string_view::find: every std:: member function these
// checks call is compiled into each TU that validates.
constexpr bool in_set(const char* set, char c) noexcept {
    for (; *set; ++set)
        if (*set == c)
            return true;
    return false;
}
using ltx::detail::is_tchar;
constexpr bool is_atext(char c) noexcept {
    return is_alnum(c) || in_set("!#$%&'*+-/=?^_`{|}~", c);
}
// The last `c` in [b, e), or e.
constexpr const char* find_last(const char* b, const char* e, char c) noexcept {
    for (const char* p = e; p != b; --p)
        if (p[-1] == c)
            return p - 1;
    return e;
}
// The first `c` in [b, e), or e.
constexpr const char* find_first(const char* b, const char* e, char c) noexcept {
    while (b != e && *b != c)
        ++b;
    return b;
}
} // namespace chars

// Whether the eight (sixteen) bytes at `p` are all ASCII.
inline bool all_ascii8(const unsigned char* p) noexcept {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return (word & 0x8080808080808080u) == 0;
}
#ifdef __SSE2__
inline bool all_ascii16(const unsigned char* p) noexcept {
    return _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) == 0;
}
#endif

LTX_DECL bool utf8_count(std::string_view s, std::size_t& count) noexcept {
    const auto* const begin = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = begin + s.size();
    const auto* p = begin;
    // The count is the size less the continuation bytes of the multi-byte characters.
    std::size_t continuations = 0;
    while (p < end) {
        // Validation scans every string of every request: take ASCII sixteen bytes at a time
        // where SSE2 is there (every x86-64), then eight. Once fewer remain, the last sixteen
        // (or eight) bytes of the string, read at once, end the scan when they are ASCII: they
        // hold every byte left, and p is at a character's start.
#ifdef __SSE2__
        while (end - p >= 16 && all_ascii16(p))
            p += 16;
        if (end - p < 16 && end - begin >= 16 && all_ascii16(end - 16))
            break;
#endif
        while (end - p >= 8 && all_ascii8(p))
            p += 8;
        if (end - p < 8 && end - begin >= 8 && all_ascii8(end - 8))
            break;
        if (p == end)
            break;
        const unsigned char b = *p;
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++p;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
            cp = b & 0x1Fu;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
            cp = b & 0x0Fu;
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
            cp = b & 0x07u;
        } else {
            return false; // continuation byte, 0xC0/0xC1 (always overlong) or > 0xF4
        }
        if (static_cast<std::size_t>(end - p) <= extra)
            return false; // truncated
        for (std::size_t i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0u) != 0x80u)
                return false;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        // Overlong forms encode a code point in more bytes than needed.
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000))
            return false;
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        p += extra + 1;
        continuations += extra;
    }
    count = s.size() - continuations;
    return true;
}

LTX_DECL bool is_email(std::string_view text) noexcept {
    if (text.size() > 254)
        return false;
    const char* const b = text.data();
    const char* const e = b + text.size();
    const char* const at = chars::find_last(b, e, '@');
    if (at == e || at == b || at - b > 64)
        return false;
    // The local part: a dot-atom, so no dot first, last or twice in a row.
    if (*b == '.' || at[-1] == '.')
        return false;
    for (const char* p = b; p != at; ++p)
        if (*p == '.' ? p[1] == '.' : !chars::is_atext(*p))
            return false;
    // The domain: two labels or more, each 1 to 63 letters, digits and inner hyphens.
    std::size_t labels = 0;
    for (const char* label = at + 1;;) {
        const char* const end = chars::find_first(label, e, '.');
        if (end == label || end - label > 63 || *label == '-' || end[-1] == '-')
            return false;
        for (const char* p = label; p != end; ++p)
            if (!(chars::is_alnum(*p) || *p == '-'))
                return false;
        ++labels;
        if (end == e)
            break;
        label = end + 1;
    }
    return labels >= 2;
}

LTX_DECL bool is_mime_type(std::string_view text) noexcept {
    const char* const b = text.data();
    const char* const e = b + text.size();
    const char* const params = chars::find_first(b, e, ';');
    const char* const slash = chars::find_first(b, params, '/');
    if (slash == params || slash == b || slash + 1 == params)
        return false;
    for (const char* p = b; p != params; ++p)
        if (p != slash && !chars::is_tchar(*p))
            return false;
    for (const char* p = params; p != e; ++p)
        if (static_cast<unsigned char>(*p) < 0x20 || *p == 0x7F)
            return false;
    return true;
}

LTX_DECL char* format_decimal(char* end, unsigned long long v, bool negative) noexcept {
    // Two digits at a time: the pair for n is at 2 n.
    static constexpr char pairs[] = "0001020304050607080910111213141516171819"
                                    "2021222324252627282930313233343536373839"
                                    "4041424344454647484950515253545556575859"
                                    "6061626364656667686970717273747576777879"
                                    "8081828384858687888990919293949596979899";
    while (v >= 100) {
        end -= 2;
        std::memcpy(end, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        end -= 2;
        std::memcpy(end, pairs + 2 * v, 2);
    } else {
        *--end = static_cast<char>('0' + v);
    }
    if (negative)
        *--end = '-';
    return end;
}

LTX_DECL std::size_t percent_encoded_size(std::string_view s) noexcept {
    using unreserved = byte_class<is_unreserved>;
    std::size_t size = s.size();
    for (char c : s)
        size += unreserved::test(c) ? 0 : 2;
    return size;
}

LTX_DECL void percent_encode(std::string_view s, std::string& out) {
    // Sized first, so that the output grows once, not once per doubling.
    using unreserved = byte_class<is_unreserved>;
    const std::size_t at = out.size();
    out.resize(at + percent_encoded_size(s));
    char* p = out.data() + at;
    for (char c : s) {
        if (unreserved::test(c)) {
            *p++ = c;
        } else {
            const auto b = static_cast<unsigned char>(c);
            *p++ = '%';
            *p++ = hex_digit_upper(b >> 4);
            *p++ = hex_digit_upper(b);
        }
    }
}

} // namespace ltx::detail

#endif
