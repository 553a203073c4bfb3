// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The fast path of URL scanning (detail/url_scan.hpp) against the general grammar
// (`detail::scan_url`) as oracle: on every generated input, random or a mutation of a real
// URL, whatever the fast path accepts the grammar accepts with the same parts, and the public
// `parse_url` and `is_absolute_http_url`, which take the fast path first, answer as the
// grammar alone does.
#include <ltx/http/detail/url_scan.hpp>
#include <ltx/http/url.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace lhd = ltx::http::detail;
using ltx::http::url_errc;

namespace {

const std::string_view real_urls[] = {
    "https://api.useapi.net/v1/ltxstudio/",
    "https://api.useapi.net/v1/ltxstudio/videos/ltx-create",
    "https://api.useapi.net/v1/ltxstudio/assets/email%3Aa%40b.c%3Aid-type%3Avideo",
    "https://api.useapi.net/v1/ltxstudio/assets/?email=a%40b.c&type=image",
    "https://hooks.example.com/ltx/jobs?tenant=42",
    "http://localhost:8080/callback",
    "http://127.0.0.1:9000/v1/ltxstudio/",
    "http://[::1]:8080/x",
    "https://[2001:db8::a:1]/",
    "https://cdn.example.com/ltx-studio/generations/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f/"
    "output.mp4?Expires=1748919477&KeyName=ltx-prod&Signature=Qm9vc3RKU09O-_x7Y2Fm",
    "HTTPS://API.UseAPI.net/V1/Path",
    "https://h/p?q=1#frag",
    "https://h/a:b@c!$&'()*+,;=",
    "http://my_service.local-1/",
    "https://user:pass@h/",
    "http://h:/",
    "https://h/?",
    "https://a.b.c.d.e.f/g/h/i?j=k&l=m/n?o",
    // Labels of 62 characters, 251 in all: near both length limits of a host name.
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
    "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc."
    "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd/p",
};

// Characters that matter to some rule of the grammar, a few that no rule allows, and bytes
// outside visible ASCII.
constexpr std::string_view alphabet = "aZ09-._~:/?#[]@!$&'()*+,;=%Ff \t\x7f\x80\xff\"<>\\^`{|}";

char random_char(std::mt19937& rng) {
    return alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
}

std::string random_input(std::mt19937& rng) {
    static const std::string_view prefixes[] = {"",      "http://",   "https://",      "HTTP://",
                                                "http:", "https://h", "http://1.2.3.", "http://["};
    std::string s(prefixes[std::uniform_int_distribution<std::size_t>(0, 7)(rng)]);
    const auto n = std::uniform_int_distribution<int>(0, 24)(rng);
    for (int i = 0; i < n; ++i)
        s += random_char(rng);
    return s;
}

std::string mutate(std::string s, std::mt19937& rng) {
    const auto edits = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int e = 0; e < edits; ++e) {
        const auto pos = std::uniform_int_distribution<std::size_t>(0, s.size())(rng);
        switch (std::uniform_int_distribution<int>(0, 6)(rng)) {
        case 0: // insert
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos), random_char(rng));
            break;
        case 1: // delete
            if (pos < s.size())
                s.erase(pos, 1);
            break;
        case 2: // replace
            if (pos < s.size())
                s[pos] = random_char(rng);
            break;
        case 3: // truncate
            s.resize(pos);
            break;
        case 4: // repeat a span (long labels, long ports, long hosts)
            s.insert(pos, s.substr(pos, std::uniform_int_distribution<std::size_t>(1, 80)(rng)));
            break;
        case 5: // a letter run (labels around 63 characters)
            s.insert(pos, std::string(std::uniform_int_distribution<std::size_t>(1, 70)(rng), 'x'));
            break;
        default: // a digit run (ports, numeric labels)
            s.insert(pos, std::string(std::uniform_int_distribution<std::size_t>(1, 6)(rng),
                                      static_cast<char>('0' + pos % 10)));
            break;
        }
    }
    return s;
}

bool same_parts(const lhd::url_parts& a, const lhd::url_parts& b) {
    return a.scheme == b.scheme && a.https == b.https && a.host == b.host && a.kind == b.kind &&
           a.port == b.port && a.reference.path == b.reference.path &&
           a.reference.query == b.reference.query && a.reference.has_query == b.reference.has_query;
}

struct tally {
    std::size_t inputs = 0;
    std::size_t accepted = 0;      // by the grammar
    std::size_t fast_accepted = 0; // by the fast path
    std::size_t mismatches = 0;
    std::string first_mismatch;
};

void compare(const std::string& s, tally& t) {
    ++t.inputs;
    lhd::url_parts general;
    const auto expected = lhd::scan_url(s, general);
    lhd::url_parts fast;
    const bool fast_ok = lhd::scan_plain_url(s, fast);
    t.accepted += expected == url_errc{};
    t.fast_accepted += fast_ok;
    bool agree = !fast_ok || (expected == url_errc{} && same_parts(fast, general));
    const auto parsed = ltx::http::parse_url(s);
    agree = agree && parsed.error() ==
                         (expected == url_errc{} ? std::error_code{} : make_error_code(expected));
    agree = agree && ltx::http::is_absolute_http_url(s) == (expected == url_errc{});
    if (parsed && expected == url_errc{})
        agree = agree && parsed->port() == general.port &&
                parsed->query() == general.reference.query &&
                parsed->host() == ltx::detail::to_lower(general.host);
    if (!agree && t.mismatches++ == 0)
        t.first_mismatch = s;
}

} // namespace

TEST_CASE("url_scan: the fast path declines or agrees with the general grammar") {
    std::mt19937 rng{20260601};
    tally t;
    for (auto u : real_urls)
        compare(std::string(u), t);
    for (int i = 0; i < 50'000; ++i)
        compare(random_input(rng), t);
    for (int i = 0; i < 100'000; ++i) {
        const auto& seed =
            real_urls[std::uniform_int_distribution<std::size_t>(0, std::size(real_urls) - 1)(rng)];
        compare(mutate(std::string(seed), rng), t);
    }
    INFO("first mismatch: " << t.first_mismatch);
    CHECK(t.mismatches == 0);
    CHECK(t.inputs > 150'000);
    // The generated inputs reach both sides of every decision: many are valid, many not, and
    // the fast path takes a good share of the valid ones.
    CHECK(t.accepted > t.inputs / 10);
    CHECK(t.inputs - t.accepted > t.inputs / 10);
    CHECK(t.fast_accepted > t.accepted / 3);
}

TEST_CASE("url_scan: plain URLs take the fast path, unusual ones the general grammar") {
    lhd::url_parts p;
    REQUIRE(lhd::scan_plain_url("https://hooks.example.com/ltx/jobs?tenant=42", p));
    CHECK(p.scheme == "https");
    CHECK(p.host == "hooks.example.com");
    CHECK(p.port == 443);
    CHECK(p.reference.path == "/ltx/jobs");
    CHECK(p.reference.query == "tenant=42");
    REQUIRE(lhd::scan_plain_url("http://localhost:8080", p));
    CHECK(p.port == 8080);
    CHECK(p.reference.path.empty());
    CHECK_FALSE(p.reference.has_query);
    // Valid, but for the general grammar to decide.
    for (std::string_view s : {"HTTPS://h/", "http://127.0.0.1/", "http://[::1]/", "http://h:/",
                               "https://h/p#f", "http://h.123/"}) {
        CAPTURE(s);
        CHECK_FALSE(lhd::scan_plain_url(s, p));
    }
    CHECK(ltx::http::is_absolute_http_url("HTTPS://h/"));
    CHECK_FALSE(ltx::http::is_absolute_http_url("http://h.123/"));
}
