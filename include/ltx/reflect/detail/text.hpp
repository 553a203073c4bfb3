// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_TEXT_HPP
#define LTX_REFLECT_DETAIL_TEXT_HPP

#include <ltx/detail/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace ltx::detail {

/// False when `s` is not valid UTF-8 (truncated or overlong sequences, surrogates, code
/// points above U+10FFFF), else the number of Unicode code points in `count`. No
/// std::optional: a function returning one instantiates it in every TU that includes this.
LTX_DECL bool utf8_count(std::string_view s, std::size_t& count) noexcept;

/// `local@domain` with a dot-atom local part and a domain of at least two DNS labels.
LTX_DECL bool is_email(std::string_view s) noexcept;

/// `type/subtype` made of RFC 9110 tokens, optionally followed by `; parameters`.
LTX_DECL bool is_mime_type(std::string_view s) noexcept;

/// |v| in unsigned arithmetic, so that the most negative value does not overflow; the sign is
/// `v < 0`. What format_decimal takes for a signed value.
constexpr unsigned long long magnitude(long long v) noexcept {
    return v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
}

/// Writes the decimal digits of `v`, with a minus sign first when `negative`, so that they
/// end at `end`, and returns where they start; 21 chars always suffice. By hand rather than
/// std::to_chars, which is several function templates more to compile in each TU that
/// validates or encodes. Tested against std::to_chars (tests/reflect/text.cpp).
LTX_DECL char* format_decimal(char* end, unsigned long long v, bool negative = false) noexcept;

/// Appends `s` percent-encoded: RFC 3986 unreserved characters are kept, every other
/// byte becomes `%XX` (upper-case hex). Safe for a path segment and for a query value.
LTX_DECL void percent_encode(std::string_view s, std::string& out);

/// The length of `s` percent-encoded as `percent_encode` writes it.
LTX_DECL std::size_t percent_encoded_size(std::string_view s) noexcept;

} // namespace ltx::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/reflect/impl/text.ipp>
#endif

#endif
