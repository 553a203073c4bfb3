#include <ltx/detail/ascii.hpp>

#include <doctest/doctest.h>

#include <cctype>
#include <charconv>
#include <string>
#include <string_view>

// Each helper against a second implementation, over every byte value: <cctype> in the "C"
// locale (the program's locale until it calls setlocale) and std::from_chars for hex.
TEST_CASE("ascii classes and case folding agree with <cctype> in the C locale") {
    for (int i = 0; i < 256; ++i) {
        const auto c = static_cast<char>(i);
        INFO("byte " << i);
        const int u = i;
        CHECK(ltx::detail::is_upper(c) == (std::isupper(u) != 0));
        CHECK(ltx::detail::is_lower(c) == (std::islower(u) != 0));
        CHECK(ltx::detail::is_alpha(c) == (std::isalpha(u) != 0));
        CHECK(ltx::detail::is_digit(c) == (std::isdigit(u) != 0));
        CHECK(ltx::detail::is_alnum(c) == (std::isalnum(u) != 0));
        CHECK(ltx::detail::is_hex_digit(c) == (std::isxdigit(u) != 0));
        CHECK(ltx::detail::to_lower(c) == static_cast<char>(std::tolower(u)));
        CHECK(ltx::detail::is_tchar(c) ==
              (std::isalnum(u) != 0 ||
               std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos));
        CHECK(ltx::detail::is_unreserved(c) ==
              (std::isalnum(u) != 0 || std::string_view{"-._~"}.find(c) != std::string_view::npos));
    }
}

TEST_CASE("iequals is equality after folding every byte pair") {
    for (int i = 0; i < 256; ++i)
        for (int j = 0; j < 256; ++j) {
            const char a[] = {'x', static_cast<char>(i)};
            const char b[] = {'X', static_cast<char>(j)};
            CHECK(ltx::detail::iequals({a, 2}, {b, 2}) == (std::tolower(i) == std::tolower(j)));
        }
    CHECK_FALSE(ltx::detail::iequals("ab", "abc"));
    CHECK(ltx::detail::to_lower(std::string_view{"Content-TYPE: X"}) == "content-type: x");
}

TEST_CASE("hex_value agrees with std::from_chars, hex digits round-trip") {
    for (int i = 0; i < 256; ++i) {
        const auto c = static_cast<char>(i);
        INFO("byte " << i);
        int expected = -1;
        // In a std::string: g++ 12 at -O3 warns (-Warray-bounds) on from_chars over a lone char.
        const std::string one(1, c);
        const auto [end, ec] = std::from_chars(one.data(), one.data() + 1, expected, 16);
        if (ec != std::errc{} || end != one.data() + 1)
            expected = -1;
        CHECK(ltx::detail::hex_value(c) == expected);
    }
    for (unsigned v = 0; v < 16; ++v) {
        char digit = 0;
        std::to_chars(&digit, &digit + 1, v, 16);
        CHECK(ltx::detail::hex_digit_lower(v) == digit);
        CHECK(ltx::detail::hex_digit_upper(v) == static_cast<char>(std::toupper(digit)));
    }
    CHECK(ltx::detail::hex_digit_upper(0x1Au) == 'A');
    CHECK(ltx::detail::hex_digit_lower(0xFCu) == 'c');
}
