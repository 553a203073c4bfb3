// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/percent_encoding.hpp>

#include <doctest/doctest.h>

#include <string>

using ltx::http::percent_decode;
using ltx::http::percent_encode;

namespace {
constexpr std::string_view job_id =
    "email:user@example.com:123e4567-e89b-12d3-a456-426614174000-type:video";
} // namespace

TEST_CASE("percent_encode: the job id becomes one path segment") {
    CHECK(percent_encode(job_id) ==
          "email%3Auser%40example.com%3A123e4567-e89b-12d3-a456-426614174000-type%3Avideo");
    CHECK(percent_encode(job_id, false) ==
          "email%3Auser%40example.com%3A123e4567-e89b-12d3-a456-426614174000-type%3Avideo");
    CHECK(percent_encode("asset:9f1c-type:image/png") == "asset%3A9f1c-type%3Aimage%2Fpng");
}

TEST_CASE("percent_encode: unreserved kept, all else %XX upper case") {
    CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(percent_encode("a b+c&d=e?f#g/h") == "a%20b%2Bc%26d%3De%3Ff%23g%2Fh");
    CHECK(percent_encode("a/b c", false) == "a/b%20c");
    CHECK(percent_encode("\xC3\xA9\xFF") == "%C3%A9%FF");
    CHECK(percent_encode(std::string_view("\0\r\n%", 4)) == "%00%0D%0A%25");
    CHECK(percent_encode("").empty());
}

TEST_CASE("percent_decode: exact results and malformed input") {
    CHECK(percent_decode("email%3Auser%40example.com") == "email:user@example.com");
    CHECK(percent_decode("%c3%a9%C3%A9") == "\xC3\xA9\xC3\xA9");
    CHECK(percent_decode("a+b") == "a+b");
    CHECK(percent_decode("%00") == std::string(1, '\0'));
    CHECK(percent_decode("") == "");
    CHECK_FALSE(percent_decode("%").has_value());
    CHECK_FALSE(percent_decode("%4").has_value());
    CHECK_FALSE(percent_decode("ab%4").has_value());
    CHECK_FALSE(percent_decode("%G0").has_value());
    CHECK_FALSE(percent_decode("%0g").has_value());
}

TEST_CASE("percent encoding round trips every byte") {
    std::string all;
    for (int b = 0; b < 256; ++b) {
        all += static_cast<char>(b);
    }
    for (bool segment : {true, false}) {
        const auto encoded = percent_encode(all, segment);
        CHECK(percent_decode(encoded) == all);
        for (char c : encoded) {
            CHECK((ltx::http::is_unreserved(c) || c == '%' || (!segment && c == '/')));
        }
    }
    CHECK(percent_decode(percent_encode(job_id)) == std::string(job_id));
}
