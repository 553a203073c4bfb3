// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/url.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

using ltx::http::host_kind;
using ltx::http::parse_url;
using ltx::http::url_errc;

namespace {

struct valid_case {
    std::string_view input;
    std::string_view scheme;
    std::string_view host;
    host_kind kind;
    std::uint16_t port;
    std::string_view path;
    std::string_view query;
    std::string_view normalised; // to_string()
};

const valid_case valid_cases[] = {
    {"https://api.useapi.net/v1/ltxstudio/", "https", "api.useapi.net", host_kind::name, 443,
     "/v1/ltxstudio/", "", "https://api.useapi.net/v1/ltxstudio/"},
    {"http://example.com", "http", "example.com", host_kind::name, 80, "/", "",
     "http://example.com/"},
    {"HTTPS://API.UseAPI.net/V1/Path", "https", "api.useapi.net", host_kind::name, 443, "/V1/Path",
     "", "https://api.useapi.net/V1/Path"},
    {"http://localhost:8080/a?b=c", "http", "localhost", host_kind::name, 8080, "/a", "b=c",
     "http://localhost:8080/a?b=c"},
    {"https://example.com:443/x", "https", "example.com", host_kind::name, 443, "/x", "",
     "https://example.com/x"},
    {"http://example.com:443/x", "http", "example.com", host_kind::name, 443, "/x", "",
     "http://example.com:443/x"},
    {"http://h:/", "http", "h", host_kind::name, 80, "/", "", "http://h/"},
    {"http://127.0.0.1:65535", "http", "127.0.0.1", host_kind::ipv4, 65535, "/", "",
     "http://127.0.0.1:65535/"},
    {"http://0.0.0.0/", "http", "0.0.0.0", host_kind::ipv4, 80, "/", "", "http://0.0.0.0/"},
    {"http://[::1]:8080/x", "http", "[::1]", host_kind::ipv6, 8080, "/x", "",
     "http://[::1]:8080/x"},
    {"https://[2001:DB8::A:1]/", "https", "[2001:db8::a:1]", host_kind::ipv6, 443, "/", "",
     "https://[2001:db8::a:1]/"},
    {"http://[::ffff:192.168.0.1]", "http", "[::ffff:192.168.0.1]", host_kind::ipv6, 80, "/", "",
     "http://[::ffff:192.168.0.1]/"},
    {"http://[1:2:3:4:5:6:7:8]/", "http", "[1:2:3:4:5:6:7:8]", host_kind::ipv6, 80, "/", "",
     "http://[1:2:3:4:5:6:7:8]/"},
    {"http://[1:2:3:4:5:6::]/", "http", "[1:2:3:4:5:6::]", host_kind::ipv6, 80, "/", "",
     "http://[1:2:3:4:5:6::]/"},
    {"http://[::2:3:4:5:6:7:8]/", "http", "[::2:3:4:5:6:7:8]", host_kind::ipv6, 80, "/", "",
     "http://[::2:3:4:5:6:7:8]/"},
    {"http://[1:2:3:4:5:6:1.2.3.4]/", "http", "[1:2:3:4:5:6:1.2.3.4]", host_kind::ipv6, 80, "/", "",
     "http://[1:2:3:4:5:6:1.2.3.4]/"},
    {"https://h/p?q=1#frag", "https", "h", host_kind::name, 443, "/p", "q=1", "https://h/p?q=1"},
    {"https://h#frag?not-a-query", "https", "h", host_kind::name, 443, "/", "", "https://h/"},
    {"https://h?x=1", "https", "h", host_kind::name, 443, "/", "x=1", "https://h/?x=1"},
    {"https://h/a%2Fb/c?x=%3A&y=/?z", "https", "h", host_kind::name, 443, "/a%2Fb/c", "x=%3A&y=/?z",
     "https://h/a%2Fb/c?x=%3A&y=/?z"},
    {"https://h/assets/email%3Aa%40b.c%3Aid-type%3Avideo", "https", "h", host_kind::name, 443,
     "/assets/email%3Aa%40b.c%3Aid-type%3Avideo", "",
     "https://h/assets/email%3Aa%40b.c%3Aid-type%3Avideo"},
    {"https://h/a:b@c!$&'()*+,;=", "https", "h", host_kind::name, 443, "/a:b@c!$&'()*+,;=", "",
     "https://h/a:b@c!$&'()*+,;="},
    {"http://my_service.local-1/", "http", "my_service.local-1", host_kind::name, 80, "/", "",
     "http://my_service.local-1/"},
    {"https://h/?", "https", "h", host_kind::name, 443, "/", "", "https://h/"},
};

struct invalid_case {
    std::string_view input;
    url_errc reason;
};

const invalid_case invalid_cases[] = {
    {"", url_errc::empty},
    {"api.useapi.net/v1", url_errc::missing_scheme},
    {"://h/", url_errc::missing_scheme},
    {"1http://h/", url_errc::missing_scheme},
    {"ftp://h/", url_errc::unsupported_scheme},
    {"file:///etc/passwd", url_errc::unsupported_scheme},
    {"email:a@b.c:id-type:video", url_errc::unsupported_scheme},
    {"https:h/p", url_errc::missing_authority},
    {"https:/h/p", url_errc::missing_authority},
    {"https://user:pass@h/", url_errc::userinfo_not_allowed},
    {"https://token@h/", url_errc::userinfo_not_allowed},
    {"https://@h/", url_errc::userinfo_not_allowed},
    {"https:///p", url_errc::empty_host},
    {"https://:8080/", url_errc::empty_host},
    {"https://", url_errc::empty_host},
    {"https://h..com/", url_errc::invalid_host},
    {"https://.h/", url_errc::invalid_host},
    {"https://h./", url_errc::invalid_host},
    {"https://h!/", url_errc::invalid_host},
    {"https://h%41/", url_errc::invalid_host},
    {"https://1.2.3/", url_errc::invalid_host},
    {"https://256.1.1.1/", url_errc::invalid_host},
    {"https://01.2.3.4/", url_errc::invalid_host},
    {"https://0x7f.0.0.1/", url_errc::invalid_host},
    {"https://1.2.3.4.5/", url_errc::invalid_host},
    {"https://123/", url_errc::invalid_host},
    {"https://[::1/", url_errc::invalid_host},
    {"https://[::1]x/", url_errc::invalid_host},
    {"https://[1:2:3:4:5:6:7:8:9]/", url_errc::invalid_host},
    {"https://[1:2:3:4:5:6:7]/", url_errc::invalid_host},
    {"https://[1::2::3]/", url_errc::invalid_host},
    {"https://[1:2:3:4::5:6:7:8]/", url_errc::invalid_host},
    {"https://[::1:2:3:4:5:6:7:8]/", url_errc::invalid_host},
    {"https://[::1:2:3:4:5:6:1.2.3.4]/", url_errc::invalid_host},
    {"https://[:::1]/", url_errc::invalid_host},
    {"https://[12345::]/", url_errc::invalid_host},
    {"https://[fe80::1%25eth0]/", url_errc::invalid_host},
    {"https://[v1.x]/", url_errc::invalid_host},
    {"https://[::1.2.3.4.5]/", url_errc::invalid_host},
    {"https://[]/", url_errc::invalid_host},
    {"https://::1/", url_errc::empty_host},
    {"https://h:0/", url_errc::invalid_port},
    {"https://h:65536/", url_errc::invalid_port},
    {"https://h:123456/", url_errc::invalid_port},
    {"https://h:8a/", url_errc::invalid_port},
    {"https://h:-1/", url_errc::invalid_port},
    {"https://h:1:2/", url_errc::invalid_port},
    {"https://h/a b", url_errc::invalid_character},
    {" https://h/", url_errc::invalid_character},
    {"https://h/\r\nHost: evil", url_errc::invalid_character},
    {"https://h/\xC3\xA9", url_errc::invalid_character},
    {"https://h/a\"b", url_errc::invalid_character},
    {"https://h/a\\b", url_errc::invalid_character},
    {"https://h/a<b>", url_errc::invalid_character},
    {"https://h/p?a|b", url_errc::invalid_character},
    {"https://h/p#a#b", url_errc::invalid_character},
    {"https://h/%", url_errc::invalid_percent_encoding},
    {"https://h/%4", url_errc::invalid_percent_encoding},
    {"https://h/%G1", url_errc::invalid_percent_encoding},
    {"https://h/p?x=%zz", url_errc::invalid_percent_encoding},
};

} // namespace

TEST_CASE("url: valid absolute http(s) URLs are parsed and normalised") {
    for (const auto& c : valid_cases) {
        CAPTURE(c.input);
        const auto r = parse_url(c.input);
        REQUIRE(r.has_value());
        CHECK(r->scheme() == c.scheme);
        CHECK(r->host() == c.host);
        CHECK(r->kind() == c.kind);
        CHECK(r->port() == c.port);
        CHECK(r->path() == c.path);
        CHECK(r->query() == c.query);
        CHECK(r->to_string() == c.normalised);
        CHECK(ltx::http::is_absolute_http_url(c.input));
        // The normalised form parses back to the same URL.
        CHECK(parse_url(r->to_string()).value() == *r);
    }
}

TEST_CASE("url: invalid URLs are refused with their reason") {
    for (const auto& c : invalid_cases) {
        CAPTURE(c.input);
        const auto r = parse_url(c.input);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error() == c.reason);
        CHECK_FALSE(ltx::http::is_absolute_http_url(c.input));
    }
}

TEST_CASE("url: origin, authority and target") {
    const auto u =
        parse_url("https://API.useapi.net:443/v1/ltxstudio/assets/?email=a%40b.c").value();
    CHECK(u.origin() == "https://api.useapi.net");
    CHECK(u.authority() == "api.useapi.net");
    CHECK(u.target() == "/v1/ltxstudio/assets/?email=a%40b.c");
    CHECK(u.is_https());
    CHECK(u.has_default_port());

    const auto local = parse_url("http://127.0.0.1:3000").value();
    CHECK(local.origin() == "http://127.0.0.1:3000");
    CHECK(local.authority() == "127.0.0.1:3000");
    CHECK(local.target() == "/");
    CHECK_FALSE(local.has_default_port());

    const auto v6 = parse_url("http://[::1]:9/x").value();
    CHECK(v6.authority() == "[::1]:9");
    CHECK(v6.host_unbracketed() == "::1");
    CHECK(parse_url("http://h/").value().host_unbracketed() == "h");
}

TEST_CASE("url: default-constructed is empty") {
    const ltx::http::url u;
    CHECK(u.empty());
    CHECK(u.to_string().empty());
    CHECK(u.origin().empty());
    CHECK_FALSE(parse_url("http://h/").value().empty());
}

TEST_CASE("url: errors are error codes whose messages do not quote the URL") {
    const auto r = parse_url("https://user:hunter2@h/");
    const std::error_code ec = r.error();
    CHECK(ec == url_errc::userinfo_not_allowed);
    CHECK(std::string(ec.category().name()) == "ltx.url");
    CHECK(ec.message().find("userinfo") != std::string::npos);
    CHECK(ec.message().find("hunter2") == std::string::npos);
    CHECK_FALSE(static_cast<bool>(r));
    CHECK(parse_url("http://h/").error() == std::error_code{});
    try {
        (void)r.value();
        FAIL("value() of a failure must throw");
    } catch (const std::system_error& e) {
        CHECK(e.code() == url_errc::userinfo_not_allowed);
        CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
    }
}
