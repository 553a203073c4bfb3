#include <ltx/reflect/detail/text.hpp>

#include "text_oracle.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>

using ltx::detail::is_email;
using ltx::detail::is_mime_type;

namespace {
// utf8_count as an optional, which reads more simply in the checks below.
std::optional<std::size_t> utf8_length(std::string_view s) {
    std::size_t n = 0;
    if (!ltx::detail::utf8_count(s, n))
        return std::nullopt;
    return n;
}
} // namespace

TEST_CASE("utf8_length counts code points, not bytes") {
    CHECK(utf8_length("") == 0u);
    CHECK(utf8_length("abc") == 3u);
    CHECK(utf8_length("\xC3\xA9") == 1u);         // é
    CHECK(utf8_length("\xE2\x82\xAC") == 1u);     // €
    CHECK(utf8_length("\xF0\x9F\x98\x80") == 1u); // 😀
    CHECK(utf8_length("a\xF0\x9F\x98\x80z") == 3u);
    CHECK(utf8_length("\xF4\x8F\xBF\xBF") == 1u); // U+10FFFF, the last code point
    CHECK(utf8_length("\xED\x9F\xBF") == 1u);     // U+D7FF, just below the surrogates
}

TEST_CASE("utf8_length rejects invalid UTF-8") {
    CHECK_FALSE(utf8_length("\xF0\x9F\x98").has_value());     // truncated 4-byte sequence
    CHECK_FALSE(utf8_length("\xC3").has_value());             // truncated 2-byte sequence
    CHECK_FALSE(utf8_length("a\xE2\x82").has_value());        // truncated at the end
    CHECK_FALSE(utf8_length("\xC0\xAF").has_value());         // overlong '/'
    CHECK_FALSE(utf8_length("\xE0\x80\xAF").has_value());     // overlong 3-byte
    CHECK_FALSE(utf8_length("\xF0\x80\x80\xAF").has_value()); // overlong 4-byte
    CHECK_FALSE(utf8_length("\xED\xA0\x80").has_value());     // surrogate U+D800
    CHECK_FALSE(utf8_length("\xF4\x90\x80\x80").has_value()); // above U+10FFFF
    CHECK_FALSE(utf8_length("\x80").has_value());             // lone continuation byte
    CHECK_FALSE(utf8_length("\xC3\x28").has_value());         // bad continuation byte
    CHECK_FALSE(utf8_length("\xFF").has_value());
}

TEST_CASE("utf8_length agrees with a naive decoder on every 1- and 2-byte input") {
    // Second implementation as oracle: a byte string is valid when it is a concatenation of
    // encodings of scalar values, each produced by a straightforward encoder.
    auto encode = [](char32_t cp) {
        std::string s;
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return s;
    };
    int valid = 0;
    for (unsigned a = 0; a < 256; ++a)
        for (unsigned b = 0; b < 256; ++b) {
            const std::string s{static_cast<char>(a), static_cast<char>(b)};
            // Reference: valid iff two ASCII bytes, or one 2-byte sequence.
            bool ref = a < 0x80 && b < 0x80;
            std::size_t ref_len = 2;
            for (char32_t cp = 0x80; cp < 0x800 && !ref; ++cp)
                if (encode(cp) == s) {
                    ref = true;
                    ref_len = 1;
                }
            const auto got = utf8_length(s);
            REQUIRE(got.has_value() == ref);
            if (ref) {
                CHECK(*got == ref_len);
                ++valid;
            }
        }
    CHECK(valid == 128 * 128 + (0x800 - 0x80));
}

TEST_CASE("utf8_length finds a non-ASCII byte at any position of a long string") {
    // Long ASCII runs are taken sixteen and eight bytes at a time; the byte after them is not.
    for (std::size_t size = 1; size <= 40; ++size) {
        for (std::size_t at = 0; at < size; ++at) {
            std::string s(size, 'a');
            s[at] = '\x80'; // a continuation byte alone
            CHECK_MESSAGE(!utf8_length(s), "size ", size, ", at ", at);
            s[at] = 'b';
            s.insert(at, "\xC3\xA9"); // U+00E9
            CHECK_MESSAGE(utf8_length(s) == size + 1, "size ", size, ", at ", at);
        }
    }
}

TEST_CASE("is_email") {
    CHECK(is_email("user@example.com"));
    CHECK(is_email("first.last+tag@mail.example.co.uk"));
    CHECK_FALSE(is_email("user@localhost"));
    CHECK_FALSE(is_email("@example.com"));
    CHECK_FALSE(is_email("user@"));
    CHECK_FALSE(is_email("user.example.com"));
    CHECK_FALSE(is_email(".user@example.com"));
    CHECK_FALSE(is_email("us..er@example.com"));
    CHECK_FALSE(is_email("user@-example.com"));
    CHECK_FALSE(is_email("user@exa_mple.com"));
    CHECK_FALSE(is_email("us er@example.com"));
    CHECK_FALSE(is_email("user@example..com"));
    CHECK_FALSE(is_email(std::string(65, 'a') + "@example.com"));
}

TEST_CASE("is_mime_type") {
    CHECK(is_mime_type("image/png"));
    CHECK(is_mime_type("video/mp4"));
    CHECK(is_mime_type("text/plain; charset=utf-8"));
    CHECK_FALSE(is_mime_type(""));
    CHECK_FALSE(is_mime_type("image"));
    CHECK_FALSE(is_mime_type("image/"));
    CHECK_FALSE(is_mime_type("/png"));
    CHECK_FALSE(is_mime_type("image/p ng"));
    CHECK_FALSE(is_mime_type("image/png\r\nX-Injected: 1"));
}

TEST_CASE("percent_encode keeps unreserved characters only") {
    std::string out;
    ltx::detail::percent_encode("email:user@example.com:123e4567-e89b-type:video", out);
    CHECK(out == "email%3Auser%40example.com%3A123e4567-e89b-type%3Avideo");
    out.clear();
    ltx::detail::percent_encode("a b/c?d&e=f~g_h.\xC3\xA9", out);
    CHECK(out == "a%20b%2Fc%3Fd%26e%3Df~g_h.%C3%A9");
}

TEST_CASE("percent_encoded_size is the length percent_encode writes") {
    for (std::string_view s : {"", "AZaz09-._~", "a b/c?d&e=f~g_h.\xC3\xA9", "%%%",
                               "email:user@example.com:123e4567-e89b-type:video"}) {
        std::string out = "prefix";
        ltx::detail::percent_encode(s, out);
        CAPTURE(s);
        CHECK(ltx::detail::percent_encoded_size(s) == out.size() - 6);
    }
    CHECK(ltx::detail::percent_encoded_size("a:b") == 5);
}

namespace {

// Random strings over the characters the checks treat specially, from a fixed seed: each
// run tries the same inputs, and a failure names the one that disagreed.
std::string random_text(std::mt19937& rng, std::string_view alphabet, std::size_t max_size) {
    std::uniform_int_distribution<std::size_t> size(0, max_size);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::string s(size(rng), ' ');
    for (auto& c : s)
        c = alphabet[pick(rng)];
    return s;
}

// A known-valid input with random edits, so that the search stays close to the boundary.
std::string mutated(std::mt19937& rng, std::string s, std::string_view alphabet) {
    std::uniform_int_distribution<int> edits(1, 3);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int n = edits(rng); n > 0; --n) {
        std::uniform_int_distribution<std::size_t> at(0, s.size());
        const auto i = at(rng);
        switch (rng() % 3) {
        case 0:
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(i), alphabet[pick(rng)]);
            break;
        case 1:
            if (i < s.size())
                s.erase(i, 1);
            break;
        default:
            if (i < s.size())
                s[i] = alphabet[pick(rng)];
        }
    }
    return s;
}

} // namespace

TEST_CASE("is_email and is_mime_type agree with the string_view oracle") {
    std::mt19937 rng{20261201};
    constexpr std::string_view email_chars{"a.Z-9@_+!.@-"};
    constexpr std::string_view mime_chars{"ab/;= \t\x7f.+-"};
    const std::string_view emails[] = {"user@example.com", "a.b+c@d-e.example.org"};
    const std::string_view mimes[] = {"image/png", "text/plain; charset=utf-8"};
    int accepted_emails = 0;
    int accepted_mimes = 0;
    for (int i = 0; i < 40000; ++i) {
        const auto email = i % 2 ? random_text(rng, email_chars, 20)
                                 : mutated(rng, std::string{emails[i / 2 % 2]}, email_chars);
        INFO("email: " << email);
        REQUIRE(ltx::detail::is_email(email) == text_oracle::is_email(email));
        accepted_emails += ltx::detail::is_email(email);

        const auto mime = i % 2 ? random_text(rng, mime_chars, 16)
                                : mutated(rng, std::string{mimes[i / 2 % 2]}, mime_chars);
        INFO("mime: " << mime);
        REQUIRE(ltx::detail::is_mime_type(mime) == text_oracle::is_mime_type(mime));
        accepted_mimes += ltx::detail::is_mime_type(mime);
    }
    // Both answers occur often, so the comparison covers accepting and refusing paths.
    CHECK(accepted_emails > 2000);
    CHECK(accepted_emails < 38000);
    CHECK(accepted_mimes > 2000);
    CHECK(accepted_mimes < 38000);
}

namespace {

// format_decimal(magnitude, negative) writes what std::to_chars writes for that value.
void check_against_to_chars(unsigned long long magnitude, bool negative) {
    char buf[21];
    const char* p = ltx::detail::format_decimal(buf + sizeof buf, magnitude, negative);
    char expected[24];
    std::to_chars_result r;
    if (negative && magnitude == 0)
        return; // -0 is not a value of any integer type
    if (negative)
        r = std::to_chars(expected, expected + sizeof expected,
                          magnitude == 1ull << 63 ? std::numeric_limits<long long>::min()
                                                  : -static_cast<long long>(magnitude));
    else
        r = std::to_chars(expected, expected + sizeof expected, magnitude);
    REQUIRE(std::string_view(p, static_cast<std::size_t>(buf + sizeof buf - p)) ==
            std::string_view(expected, static_cast<std::size_t>(r.ptr - expected)));
}

} // namespace

TEST_CASE("format_decimal writes what std::to_chars writes") {
    for (unsigned long long v :
         {0ull, 1ull, 9ull, 10ull, 99ull, 100ull, 4294967295ull, 4294967296ull,
          9223372036854775807ull, std::numeric_limits<unsigned long long>::max()})
        check_against_to_chars(v, false);
    for (unsigned long long v : {1ull, 9ull, 10ull, 9223372036854775807ull, 1ull << 63})
        check_against_to_chars(v, true);
    std::mt19937_64 rng{7};
    for (int i = 0; i < 20000; ++i) {
        const auto v = rng() >> (rng() % 64);
        check_against_to_chars(v, false);
        if (v != 0 && v <= 1ull << 63)
            check_against_to_chars(v, true);
    }
}

TEST_CASE("magnitude of a signed value, the most negative one included") {
    using ltx::detail::magnitude;
    constexpr auto min = std::numeric_limits<long long>::min();
    constexpr auto max = std::numeric_limits<long long>::max();
    static_assert(magnitude(min) == 1ull << 63);
    static_assert(magnitude(max) == (1ull << 63) - 1);
    CHECK(magnitude(0) == 0);
    CHECK(magnitude(-1) == 1);
    CHECK(magnitude(min + 1) == (1ull << 63) - 1);
    std::mt19937_64 rng{11};
    for (int i = 0; i < 10000; ++i) {
        // 0 to max, of every width; both signs checked.
        const auto v = static_cast<long long>(rng() >> (1 + rng() % 63));
        REQUIRE(magnitude(v) == static_cast<unsigned long long>(v));
        REQUIRE(magnitude(-v) == static_cast<unsigned long long>(v));
        // Through format_decimal, as the encoders and messages use it: std::to_chars agrees.
        check_against_to_chars(magnitude(-v), -v < 0);
    }
}
