// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of the HTTP-date and Retry-After parsers (libFuzzer), with the C library as oracle
// (`strptime` in the C locale and `timegm`). Each input is read as a field value, with `now`
// fixed and derived from the input:
//  1. a date ltx accepts, libc parses whole in the same form (IMF-fixdate `%a, %d %b %Y
//     %H:%M:%S GMT`, RFC 850 `%A, %d-%b-%y %H:%M:%S GMT`, asctime `%a %b %e %H:%M:%S %Y`),
//     to the same month, day, time and year (RFC 850: the same two last digits, the century
//     being ltx's choice), and the weekday libc read is the date's (ltx checks it, libc not);
//  2. a date libc reads leniently, normalised by `timegm` and written as an IMF-fixdate by
//     `strftime`, ltx parses to the instant `timegm` gives (years the clock holds);
//  3. `format_http_date` of an accepted instant parses back to that instant, truncated to
//     the second;
//  4. `parse_retry_after`: digits give that many seconds, capped at a day (the number read
//     by std::from_chars, saturating); a date gives the time from now to it, rounded up to
//     the millisecond, 0 when past, capped at a day; anything else nothing.
#include "fuzz_support.hpp"

#include <ltx/detail/http_date.hpp>

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace {

using namespace ltx_fuzz;
using namespace std::chrono;
using ltx::detail::parse_http_date;
using ltx::detail::parse_retry_after;
using ltx::detail::retry_after_limit;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

enum class form { imf, rfc850, asctime };
constexpr const char* formats[] = {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
                                   "%a %b %e %H:%M:%S %Y"};

// libc's reading of `s` in form `f`, when it consumes all of it.
std::optional<std::tm> libc_parse(const std::string& s, form f) {
    std::tm tm{};
    const char* end = strptime(s.c_str(), formats[static_cast<int>(f)], &tm);
    if (end != s.c_str() + s.size()) {
        return std::nullopt;
    }
    return tm;
}

std::tm utc(system_clock::time_point t) {
    const std::time_t secs = floor<seconds>(t.time_since_epoch()).count();
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return tm;
}

// Property 1: what ltx read agrees with libc's reading in one of the three forms.
void check_against_libc(const std::string& s, system_clock::time_point t) {
    const std::tm ours = utc(t);
    for (const form f : {form::imf, form::rfc850, form::asctime}) {
        const auto theirs = libc_parse(s, f);
        if (!theirs) {
            continue;
        }
        const int sec = theirs->tm_sec == 60 ? 59 : theirs->tm_sec; // a leap second reads :59
        const bool year = f == form::rfc850 ? (ours.tm_year + 1900) % 100 == theirs->tm_year % 100
                                            : ours.tm_year == theirs->tm_year;
        if (year && ours.tm_mon == theirs->tm_mon && ours.tm_mday == theirs->tm_mday &&
            ours.tm_hour == theirs->tm_hour && ours.tm_min == theirs->tm_min &&
            ours.tm_sec == sec) {
            expect(ours.tm_wday == theirs->tm_wday, "ltx accepts a wrong weekday", s);
            return;
        }
        fail("ltx and libc read the date differently", s);
    }
    fail("ltx accepts a date libc reads in none of the three forms", s);
}

// Property 2: libc's lenient reading, normalised and written canonically, is read by ltx.
void check_canonical(const std::string& s) {
    for (const form f : {form::imf, form::rfc850, form::asctime}) {
        auto tm = libc_parse(s, f);
        // Years the clock holds (std::chrono::system_clock counts nanoseconds: 1678 to 2262).
        const auto held = [](const std::tm& t) { return t.tm_year >= -200 && t.tm_year <= 360; };
        if (!tm || !held(*tm)) {
            continue;
        }
        const std::time_t when = timegm(&*tm); // normalises tm, weekday included
        if (when == static_cast<std::time_t>(-1) || !held(*tm)) {
            continue;
        }
        char canonical[64];
        const auto n = std::strftime(canonical, sizeof canonical, formats[0], &*tm);
        expect(n != 0, "strftime failed", s);
        const auto t = parse_http_date({canonical, n});
        expect(t.has_value(), "ltx refuses a canonical IMF-fixdate", canonical);
        expect(floor<seconds>(t->time_since_epoch()).count() == when,
               "ltx reads a canonical IMF-fixdate as another instant", canonical);
    }
}

// Property 4, against `date` (what parse_http_date gave for the trimmed value).
void check_retry_after(std::string_view value, std::optional<system_clock::time_point> date,
                       system_clock::time_point now) {
    const auto got = parse_retry_after(value, now);
    const std::string_view v = trim(value);
    const milliseconds limit = retry_after_limit;
    if (!v.empty() && v.front() >= '0' && v.front() <= '9') {
        std::uint64_t n = 0;
        const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
        if (r.ptr != v.data() + v.size()) {
            expect(!got, "Retry-After accepts digits followed by something else", value);
            return;
        }
        const auto want = r.ec == std::errc::result_out_of_range ||
                                  n > static_cast<std::uint64_t>(retry_after_limit.count())
                              ? limit
                              : milliseconds{seconds{n}};
        expect(got && *got == want, "Retry-After delay-seconds misread", value);
        return;
    }
    if (!date) {
        expect(!got, "Retry-After accepts neither a number nor a date", value);
        return;
    }
    milliseconds want{0};
    if (*date > now) {
        const auto whole =
            floor<seconds>(date->time_since_epoch()) - floor<seconds>(now.time_since_epoch());
        want = whole >= retry_after_limit ? limit : ceil<milliseconds>(*date - now);
    }
    expect(got && *got == want, "Retry-After date misread", value);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in = as_text(data, size);
    const std::string s{trim(in)};
    const auto fixed = system_clock::time_point{milliseconds{1'767'225'600'123}}; // 2026-01-01
    // Another `now` from the input, 1900 to 2100, so that two-digit years move centuries.
    const auto h = fnv1a(in);
    const auto derived =
        system_clock::time_point{milliseconds{-2'208'988'800'000} +
                                 milliseconds{static_cast<std::int64_t>(h % 6'311'433'600'000)}};
    for (const auto now : {fixed, derived}) {
        const auto t = parse_http_date(in, now);
        expect(t == parse_http_date(s, now), "spaces and tabs around the value change the date",
               in);
        if (t) {
            check_against_libc(s, *t);
            const auto year = utc(*t).tm_year + 1900;
            if (year >= 0 && year <= 9999) {
                const auto again = parse_http_date(ltx::detail::format_http_date(*t), now);
                expect(again && *again == floor<seconds>(*t), "format_http_date does not read back",
                       s);
            }
        }
        check_retry_after(in, t, now);
    }
    check_canonical(s);
    return 0;
}
