// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `http::detail::resolve_owned` against `resolve` as oracle: the same result or the same
// error on every generated reference, and the path built in the reference's own buffer.
#include <ltx/http/url.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <cstddef>
#include <random>
#include <string>
#include <string_view>

using ltx::http::parse_url;
using ltx::http::resolve;
using ltx::http::detail::resolve_owned;

// A namespace of this file's own, test cases included: the unity build compiles it beside
// other test files.
namespace url_resolve_owned_test {

const std::string_view bases[] = {
    "https://api.useapi.net/v1/ltxstudio/",
    "http://127.0.0.1:8080/v1/ltxstudio/",
    "http://h:8080/a/b?old=1",
    "https://h",
    "http://[::1]/x/./y/",
};

const std::string_view references[] = {
    "videos/ltx-create",
    "assets/email%3Aa%40b.c%3Aid-type%3Avideo",
    "assets/?email=a%40b.c&type=image",
    "accounts",
    "scheduler/x",
    "/v1/ltxstudio/assets/a",
    "/a/./b/../c?q#f",
    "../up/./x",
    "",
    "?q=1",
    "#frag",
    "//other.example:81/p",
    "https://cdn.example.com/o.mp4?s=1",
    "email:a@b.c:id",
    "a/..",
};

constexpr std::string_view alphabet = "ab/.?#%3A:@=&-_ \x7f\x80\"";

std::string mutate(std::string s, std::mt19937& rng) {
    const auto edits = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int e = 0; e < edits; ++e) {
        const auto pos = std::uniform_int_distribution<std::size_t>(0, s.size())(rng);
        const char c =
            alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
        switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
        case 0:
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos), c);
            break;
        case 1:
            if (pos < s.size())
                s.erase(pos, 1);
            break;
        case 2:
            if (pos < s.size())
                s[pos] = c;
            break;
        default:
            s.resize(pos);
            break;
        }
    }
    return s;
}

TEST_CASE("resolve_owned: the same URL or error as resolve on every reference") {
    std::mt19937 rng{20260602};
    std::size_t compared = 0;
    std::size_t succeeded = 0;
    std::size_t mismatches = 0;
    std::string first_mismatch;
    for (auto b : bases) {
        const auto base = parse_url(b).value();
        for (int i = 0; i < 6'000; ++i) {
            const auto& seed = references[std::uniform_int_distribution<std::size_t>(
                0, std::size(references) - 1)(rng)];
            std::string ref = i < 2 * static_cast<int>(std::size(references))
                                  ? std::string(seed)
                                  : mutate(std::string(seed), rng);
            std::string owned = ref;
            if (i % 2 == 1)
                owned.reserve(ref.size() + 64); // room for the base's directory
            const auto expected = resolve(base, ref);
            const auto got = resolve_owned(base, std::move(owned));
            ++compared;
            succeeded += expected.has_value();
            const bool agree =
                expected.error() == got.error() &&
                (!expected || (*expected == *got && expected->to_string() == got->to_string()));
            if (!agree && mismatches++ == 0)
                first_mismatch = std::string(b) + " + " + ref;
        }
    }
    INFO("first mismatch: " << first_mismatch);
    CHECK(mismatches == 0);
    CHECK(compared == 30'000);
    CHECK(succeeded > compared / 4);
    CHECK(compared - succeeded > compared / 10);
}

TEST_CASE("resolve_owned: the path is the reference's own buffer") {
    const auto base = parse_url("https://api.useapi.net/v1/ltxstudio/").value();

    std::string absolute = "/v1/ltxstudio/assets/email%3Aa%40b.c%3Aid-type%3Avideo";
    const char* buffer = absolute.data();
    auto r = resolve_owned(base, std::move(absolute));
    REQUIRE(r);
    CHECK(r->path().data() == buffer);
    CHECK(r->to_string() ==
          "https://api.useapi.net/v1/ltxstudio/assets/email%3Aa%40b.c%3Aid-type%3Avideo");

    std::string relative = "assets/email%3Aa%40b.c%3Aid-type%3Avideo?x=1";
    relative.reserve(relative.size() + 32);
    buffer = relative.data();
    r = resolve_owned(base, std::move(relative));
    REQUIRE(r);
    CHECK(r->path().data() == buffer);
    CHECK(r->query() == "x=1");
    CHECK(r->path() == "/v1/ltxstudio/assets/email%3Aa%40b.c%3Aid-type%3Avideo");
}

} // namespace url_resolve_owned_test
