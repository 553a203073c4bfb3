// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_HTTP_DATE_HPP
#define LTX_DETAIL_HTTP_DATE_HPP

#include <ltx/detail/config.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ltx::detail {

/// The longest delay `parse_retry_after` returns: one day. A server asking for more is
/// either broken or hostile; waiting a day at most keeps a client responsive.
inline constexpr std::chrono::seconds retry_after_limit{86400};

/// Days from 1970-01-01 to the proleptic Gregorian date `y`-`m`-`d` (negative before it).
/// `m` is 1-12 and `d` 1-31; the date is not validated.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The number of days of month `m` (1-12) of year `y` in the Gregorian calendar.
constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    return m == 2 && leap ? 29u : days[(m - 1) % 12];
}

/// Parses an HTTP-date (RFC 9110 section 5.6.7) in any of its three forms:
/// - IMF-fixdate, the preferred one: `Sun, 06 Nov 1994 08:49:37 GMT`;
/// - obsolete RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`;
/// - obsolete asctime: `Sun Nov  6 08:49:37 1994` (day as ` 6` or `06`).
///
/// Strict, as the grammar is: names are case-sensitive English (no locale), separators are
/// single spaces, numbers have exactly the digits the grammar gives, and leading or trailing
/// spaces or tabs (optional whitespace around a field value) are the only slack. The day
/// must exist in its month (29 February only in leap years), the hour is below 24, the minute
/// below 60, and the day name must be the weekday of the date. A second of 60 is accepted only
/// as a leap second, at 23:59, and read as 23:59:59, since the clock cannot represent it.
///
/// A two-digit RFC 850 year is placed, per RFC 9110, no more than 50 years after the year of
/// `now`: the century is chosen so that the year lies in (year(now) - 50, year(now) + 50].
///
/// @returns the instant, or nullopt when `s` is not an HTTP-date or the instant lies outside
///          the range of `std::chrono::system_clock`.
LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s, std::chrono::system_clock::time_point now) noexcept;

/// `parse_http_date(s, std::chrono::system_clock::now())`: the current year places
/// two-digit RFC 850 years.
LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s) noexcept;

/// Formats `t`, truncated to the second, as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
/// the form a sender must use. Years outside 0-9999 cannot be written in that form; they are
/// clamped to its limits.
LTX_DECL std::string format_http_date(std::chrono::system_clock::time_point t);

/// Reads a `Retry-After` field value (RFC 9110 section 10.2.3) as a delay from `now`.
///
/// - `delay-seconds` (one or more digits, nothing else): that many seconds. Any number of
///   digits is accepted without overflow; the delay is capped at `retry_after_limit`.
/// - an HTTP-date (see `parse_http_date`, with `now` placing two-digit years): the time from
///   `now` to that date, rounded up to the millisecond, 0 when the date has passed, capped at
///   `retry_after_limit`.
///
/// Spaces and tabs around the value are ignored.
/// @returns the delay, or nullopt when the value is neither form (empty, negative, fractional,
///          a malformed date, ...): the caller then falls back to its own backoff.
LTX_DECL std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) noexcept;

} // namespace ltx::detail

#ifdef LTX_HEADER_ONLY
#include <ltx/detail/impl/http_date.ipp>
#endif

#endif
