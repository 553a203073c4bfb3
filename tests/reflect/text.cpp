#include <ltx/reflect/detail/text.hpp>

#include <doctest/doctest.h>

#include <string>

using ltx::detail::is_email;
using ltx::detail::is_http_url;
using ltx::detail::is_mime_type;
using ltx::detail::utf8_length;

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

TEST_CASE("is_http_url") {
    CHECK(is_http_url("https://example.com/hook"));
    CHECK(is_http_url("http://127.0.0.1:8080/a?b=c#d"));
    CHECK(is_http_url("HTTPS://Example.com"));
    CHECK(is_http_url("http://[::1]:9000/x"));
    CHECK_FALSE(is_http_url("ftp://example.com/"));
    CHECK_FALSE(is_http_url("example.com/hook"));
    CHECK_FALSE(is_http_url("/relative/path"));
    CHECK_FALSE(is_http_url("https://"));
    CHECK_FALSE(is_http_url("https:///path"));
    CHECK_FALSE(is_http_url("https://exa mple.com/"));
    CHECK_FALSE(is_http_url("https://example.com:99999/"));
    CHECK_FALSE(is_http_url("https://example.com:/"));
    CHECK_FALSE(is_http_url("https://example.com:8a/"));
    CHECK_FALSE(is_http_url("https://[::1/"));
    CHECK_FALSE(is_http_url("https://example.com/\n"));
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
