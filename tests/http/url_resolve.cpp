// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/url.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <string>

using ltx::http::parse_url;
using ltx::http::resolve;
using ltx::http::url_errc;

namespace {
constexpr std::string_view api_base = "https://api.useapi.net/v1/ltxstudio/";
} // namespace

TEST_CASE("resolve: endpoint paths against the API base URL") {
    const auto base = parse_url(api_base).value();
    const std::pair<std::string_view, std::string_view> table[] = {
        {"videos/ltx-create", "https://api.useapi.net/v1/ltxstudio/videos/ltx-create"},
        {"assets/email%3Aa%40b.c%3Aid-type%3Avideo",
         "https://api.useapi.net/v1/ltxstudio/assets/email%3Aa%40b.c%3Aid-type%3Avideo"},
        {"assets/?email=a%40b.c&type=image",
         "https://api.useapi.net/v1/ltxstudio/assets/?email=a%40b.c&type=image"},
        {"assets/?email=&page=2&limit=20&filter=videos",
         "https://api.useapi.net/v1/ltxstudio/assets/?email=&page=2&limit=20&filter=videos"},
        {"accounts/a%40b.c", "https://api.useapi.net/v1/ltxstudio/accounts/a%40b.c"},
        {"accounts", "https://api.useapi.net/v1/ltxstudio/accounts"},
        {"", "https://api.useapi.net/v1/ltxstudio/"},
        {"#frag", "https://api.useapi.net/v1/ltxstudio/"},
        {"?x=1", "https://api.useapi.net/v1/ltxstudio/?x=1"},
        {"./videos/./a/../b", "https://api.useapi.net/v1/ltxstudio/videos/b"},
        {"../v2/x", "https://api.useapi.net/v1/v2/x"},
        {"../../../../x", "https://api.useapi.net/x"},
        {"/other?q", "https://api.useapi.net/other?q"},
        {"//cdn.example.com/a", "https://cdn.example.com/a"},
        {"http://127.0.0.1:9/a", "http://127.0.0.1:9/a"},
    };
    for (const auto& entry : table) {
        CAPTURE(entry.first);
        const auto r = resolve(base, entry.first);
        REQUIRE(r.has_value());
        CHECK(r->to_string() == entry.second);
        // The string overload agrees.
        CHECK(resolve(api_base, entry.first).value() == *r);
    }
}

TEST_CASE("resolve: the parts of the result are consistent") {
    const auto r = resolve(api_base, "assets/email%3Aa%40b.c%3Aid-type%3Avideo?x=%20").value();
    CHECK(r.host() == "api.useapi.net");
    CHECK(r.port() == 443);
    CHECK(r.path() == "/v1/ltxstudio/assets/email%3Aa%40b.c%3Aid-type%3Avideo");
    CHECK(r.query() == "x=%20");
    CHECK(r.target() == "/v1/ltxstudio/assets/email%3Aa%40b.c%3Aid-type%3Avideo?x=%20");
}

TEST_CASE("resolve: base query is replaced, kept only for an empty reference") {
    const auto base = parse_url("http://h:8080/a/b?old=1").value();
    CHECK(resolve(base, "c").value().to_string() == "http://h:8080/a/c");
    CHECK(resolve(base, "").value().to_string() == "http://h:8080/a/b?old=1");
    CHECK(resolve(base, "?new=2").value().to_string() == "http://h:8080/a/b?new=2");
}

TEST_CASE("resolve: a base without a final slash loses its last segment (RFC 3986)") {
    CHECK(resolve("https://api.useapi.net/v1/ltxstudio", "videos/ltx-create").value().to_string() ==
          "https://api.useapi.net/v1/videos/ltx-create");
}

TEST_CASE("resolve: refusals") {
    const auto base = parse_url(api_base).value();
    // An unencoded job id reads as a URL with scheme "email".
    CHECK(resolve(base, "email:a@b.c:id-type:video").error() == url_errc::unsupported_scheme);
    CHECK(resolve(base, "assets/a b").error() == url_errc::invalid_character);
    CHECK(resolve(base, "assets/\r\nX: y").error() == url_errc::invalid_character);
    CHECK(resolve(base, "assets/%zz").error() == url_errc::invalid_percent_encoding);
    CHECK(resolve(base, "assets/?q=%").error() == url_errc::invalid_percent_encoding);
    CHECK(resolve(base, "//user@evil.example/").error() == url_errc::userinfo_not_allowed);
    CHECK(resolve(base, "ftp://h/").error() == url_errc::unsupported_scheme);
    CHECK(resolve(ltx::http::url{}, "videos").error() == url_errc::empty);
    CHECK(resolve("not a url", "videos").error() == url_errc::invalid_character);
    CHECK(resolve("", "videos").error() == url_errc::empty);
}
