// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/detail/http_date.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <random>
#include <string>
#include <string_view>

using namespace std::chrono_literals;
using ltx::detail::days_from_civil;
using ltx::detail::format_http_date;
using ltx::detail::parse_http_date;
using ltx::detail::parse_retry_after;
using sys_clock = std::chrono::system_clock;

// A namespace of this file's own, test cases included: the unity build compiles it beside
// other test files.
namespace http_date_test {

// 784111777 is 1994-11-06T08:49:37Z, the instant of RFC 9110's examples.
constexpr std::int64_t rfc_example = 784111777;

sys_clock::time_point at(std::int64_t unix_seconds) {
    return sys_clock::time_point{std::chrono::seconds{unix_seconds}};
}

// A fixed "now" for the two-digit-year rule: 2024-06-15T12:00:00Z.
const sys_clock::time_point fixed_now = at(1718452800);

std::int64_t unix_of(std::string_view s, sys_clock::time_point now = fixed_now) {
    const auto t = parse_http_date(s, now);
    REQUIRE_MESSAGE(t.has_value(), s);
    return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

struct valid_case {
    std::string_view input;
    std::int64_t unix_seconds;
};

const valid_case valid_cases[] = {
    {"Sun, 06 Nov 1994 08:49:37 GMT", rfc_example},
    {"Sunday, 06-Nov-94 08:49:37 GMT", rfc_example},
    {"Sun Nov  6 08:49:37 1994", rfc_example},
    {"Sun Nov 06 08:49:37 1994", rfc_example}, // date3 allows 2DIGIT
    {"  Sun, 06 Nov 1994 08:49:37 GMT\t", rfc_example},
    {"Thu, 01 Jan 1970 00:00:00 GMT", 0},
    {"Wed, 31 Dec 1969 23:59:59 GMT", -1},
    {"Tue, 29 Feb 2000 00:00:00 GMT", 951782400},  // divisible by 400: leap
    {"Thu, 29 Feb 2024 12:00:00 GMT", 1709208000}, // divisible by 4: leap
    {"Fri, 31 Dec 1999 23:59:60 GMT", 946684799},  // leap second read as :59
    {"Sat, 01 Jan 2000 00:00:00 GMT", 946684800},
    {"Mon, 18 Jan 2038 03:14:08 GMT", 2147397248}, // past 32-bit time_t limits
    {"Wed, 31 Dec 2200 23:59:59 GMT", 7289654399},
    {"Wed, 01 Jan 1800 00:00:00 GMT", -5364662400},
    {"Thu Feb 29 00:00:00 2024", 1709164800},
    {"Saturday, 01-Jan-00 00:00:00 GMT", 946684800},
    {"Monday, 31-Dec-74 00:00:00 GMT", 3313440000},   // 2074: 50 years ahead, kept
    {"Wednesday, 01-Jan-75 00:00:00 GMT", 157766400}, // 2075 would be 51 ahead
    {"Tuesday, 31-Dec-69 23:59:59 GMT", 3155759999},  // 2069, not 1969
};

const std::string_view invalid_cases[] = {
    "",
    " ",
    "Sun, 06 Nov 1994 08:49:37",      // no GMT
    "Sun, 06 Nov 1994 08:49:37 UTC",  // only GMT
    "Sun, 06 Nov 1994 08:49:37 gmt",  // case-sensitive
    "sun, 06 Nov 1994 08:49:37 GMT",  // case-sensitive
    "Sun, 06 nov 1994 08:49:37 GMT",  // case-sensitive
    "Sun, 6 Nov 1994 08:49:37 GMT",   // day is 2DIGIT
    "Sun, 06 Nov 94 08:49:37 GMT",    // year is 4DIGIT
    "Sun,  06 Nov 1994 08:49:37 GMT", // one space only
    "Sun, 06 Nov 1994 8:49:37 GMT",   // hour is 2DIGIT
    "Sun, 06 Nov 1994 08:49:37 GMT x",
    "Sun, 06 Nov 1994 08:49:37 GMTx",
    "Mon, 06 Nov 1994 08:49:37 GMT", // wrong weekday
    "Sun 06 Nov 1994 08:49:37 GMT",  // no comma
    "Sun, 06-Nov-1994 08:49:37 GMT", // mixed forms
    "Sunday, 06-Nov-1994 08:49:37 GMT",
    "Sunday, 06 Nov 94 08:49:37 GMT",
    "Sunday, 06-Nov-94 08:49:37",
    "Sun Nov 6 08:49:37 1994", // asctime: one-digit day needs two spaces
    "Sun Nov  6 08:49:37 1994 GMT",
    "Sun Nov   6 08:49:37 1994",
    "Sun, 00 Nov 1994 08:49:37 GMT", // day 0
    "Wed, 31 Apr 2024 00:00:00 GMT", // April has 30 days
    "Fri, 29 Feb 2023 00:00:00 GMT", // 2023 is not a leap year
    "Thu, 29 Feb 1900 00:00:00 GMT", // divisible by 100, not by 400
    "Sun, 32 Jan 2023 00:00:00 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:60:00 GMT",
    "Sun, 06 Nov 1994 08:49:60 GMT", // a leap second only at 23:59
    "Sun, 06 Nov 1994 08:59:60 GMT",
    "Sun, 06 Nov 1994 23:58:60 GMT",
    "Sun, 06 Nov 1994 23:59:61 GMT",
    "Sun, 06 Nov 1994 08:49:3a GMT",
    "Sun, 06 Nov 1994 08-49-37 GMT",
    "Sun, 06 Foo 1994 08:49:37 GMT",
    "Sux, 06 Nov 1994 08:49:37 GMT",
    "Sun, -6 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov +994 08:49:37 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT", // beyond the range of the clock
    "1994-11-06T08:49:37Z",          // ISO 8601 is not an HTTP-date
    "784111777",
    std::string_view{"Sun, 06 Nov 1994 08:49:37 GMT\0", 30},
};

TEST_CASE("days_from_civil matches known day numbers") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(1600, 1, 1) == -135140);
    CHECK(days_from_civil(0, 1, 1) == -719528);
    static_assert(days_from_civil(1994, 11, 6) * 86400 == 784080000);
    static_assert(ltx::detail::days_in_month(2000, 2) == 29);
    static_assert(ltx::detail::days_in_month(1900, 2) == 28);
    static_assert(ltx::detail::days_in_month(2023, 12) == 31);
}

TEST_CASE("parse_http_date accepts the three forms of RFC 9110") {
    for (const auto& c : valid_cases) {
        CAPTURE(c.input);
        CHECK(unix_of(c.input) == c.unix_seconds);
    }
}

TEST_CASE("parse_http_date rejects malformed or impossible dates") {
    for (const auto input : invalid_cases) {
        CAPTURE(input);
        CHECK_FALSE(parse_http_date(input, fixed_now).has_value());
    }
}

TEST_CASE("RFC 850 two-digit years lie within 50 years of now") {
    // From 1994, "94" is 1994 and "44" is 2044 (50 years ahead), "45" is 1945.
    const auto in_1994 = at(rfc_example);
    CHECK(unix_of("Sunday, 06-Nov-94 08:49:37 GMT", in_1994) == rfc_example);
    CHECK(unix_of("Sunday, 06-Nov-44 00:00:00 GMT", in_1994) == 2362003200);
    CHECK(unix_of("Tuesday, 06-Nov-45 00:00:00 GMT", in_1994) == -762220800);
    // From 2060, "05" is 2105 (45 years ahead) and "11" is 2111 (51 ahead, so 2011).
    const auto in_2060 = at(2840140800);
    CHECK(unix_of("Thursday, 01-Jan-05 00:00:00 GMT", in_2060) == 4260211200);
    CHECK(unix_of("Saturday, 01-Jan-11 00:00:00 GMT", in_2060) == 1293840000);
}

TEST_CASE("parse_http_date without now uses the current year") {
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == at(rfc_example));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 XYZ").has_value());
}

TEST_CASE("format_http_date writes IMF-fixdate") {
    CHECK(format_http_date(at(rfc_example)) == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(format_http_date(at(0)) == "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK(format_http_date(at(-1)) == "Wed, 31 Dec 1969 23:59:59 GMT");
    CHECK(format_http_date(at(rfc_example) + 999ms) == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(format_http_date(at(rfc_example) - 1ms) == "Sun, 06 Nov 1994 08:49:36 GMT");
}

TEST_CASE("parse_http_date agrees with libc on pseudo-random instants") {
    // The oracle is libc's gmtime_r + strftime in the "C" locale, used here only.
    std::mt19937_64 rng{20240615};
    const auto format = [](std::int64_t t, const char* pattern) {
        const std::time_t tt = static_cast<std::time_t>(t);
        std::tm tm{};
        REQUIRE(gmtime_r(&tt, &tm) != nullptr);
        char buf[64];
        const std::size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
        REQUIRE(n > 0);
        return std::string(buf, n);
    };
    // 1700-01-01 to 2200-12-31 for four-digit years; the RFC 850 window around fixed_now
    // (1975-2074) for two-digit ones.
    const std::int64_t wide_lo = -8520336000, wide_hi = 7289654399;
    const std::int64_t rfc850_lo = 157766400, rfc850_hi = 3313526399;
    int checked = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto wide = wide_lo + static_cast<std::int64_t>(
                                        rng() % static_cast<std::uint64_t>(wide_hi - wide_lo + 1));
        const auto narrow =
            rfc850_lo + static_cast<std::int64_t>(
                            rng() % static_cast<std::uint64_t>(rfc850_hi - rfc850_lo + 1));
        const std::string imf = format(wide, "%a, %d %b %Y %H:%M:%S GMT");
        const std::string asc = format(wide, "%a %b %e %H:%M:%S %Y");
        const std::string rfc850 = format(narrow, "%A, %d-%b-%y %H:%M:%S GMT");
        CAPTURE(imf);
        CAPTURE(asc);
        CAPTURE(rfc850);
        REQUIRE(parse_http_date(imf, fixed_now) == at(wide));
        REQUIRE(parse_http_date(asc, fixed_now) == at(wide));
        REQUIRE(parse_http_date(rfc850, fixed_now) == at(narrow));
        REQUIRE(format_http_date(at(wide)) == imf);
        ++checked;
    }
    CHECK(checked == 3000);
}

TEST_CASE("parse_retry_after reads delay-seconds") {
    CHECK(parse_retry_after("0", fixed_now) == 0ms);
    CHECK(parse_retry_after("120", fixed_now) == 120s);
    CHECK(parse_retry_after(" 5\t", fixed_now) == 5s);
    CHECK(parse_retry_after("007", fixed_now) == 7s);
    CHECK(parse_retry_after("86400", fixed_now) == 86400s);
    CHECK(parse_retry_after("86401", fixed_now) == ltx::detail::retry_after_limit);
    CHECK(parse_retry_after("18446744073709551616", fixed_now) == ltx::detail::retry_after_limit);
    CHECK(parse_retry_after(std::string(400, '9'), fixed_now) == ltx::detail::retry_after_limit);
    for (const std::string_view bad : {"", " ", "-1", "+1", "1.5", "1e3", "5s", "1 2", "0x10",
                                       "\xd9\xa3", "12345678901234567890x"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_retry_after(bad, fixed_now).has_value());
    }
}

TEST_CASE("parse_retry_after reads an HTTP-date relative to now") {
    const auto now = at(rfc_example);
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now) == 60s);
    CHECK(parse_retry_after("Sun Nov  6 08:49:38 1994", now) == 1s);
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == 0ms);
    CHECK(parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now) == 0ms); // past: no wait
    CHECK(parse_retry_after("Mon, 07 Nov 1994 08:49:37 GMT", now) == 86400s);
    CHECK(parse_retry_after("Wed, 31 Dec 2200 23:59:59 GMT", now) ==
          ltx::detail::retry_after_limit);
    // Sub-second "now": the delay is rounded up, never short.
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:38 GMT", now + 250ms) == 750ms);
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:38 GMT", now + 1ns) == 1000ms);
    // The two-digit-year rule follows the given now.
    CHECK(parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now) == 10s);
    CHECK_FALSE(parse_retry_after("Sun, 06 Nov 1994 08:49:37 UTC", now).has_value());
    CHECK_FALSE(parse_retry_after("Mon, 06 Nov 1994 08:49:37 GMT", now).has_value());
}

} // namespace http_date_test
