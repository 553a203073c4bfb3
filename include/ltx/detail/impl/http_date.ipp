// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_DETAIL_IMPL_HTTP_DATE_IPP
#define LTX_DETAIL_IMPL_HTTP_DATE_IPP

#include <ltx/detail/http_date.hpp>
#include <ltx/detail/ascii.hpp>

#include <cstddef>

namespace ltx::detail {

namespace http_date_impl {

// Indexed by weekday, 0 = Sunday, the numbering of weekday_from_days.
constexpr std::string_view short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view long_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr unsigned weekday_from_days(std::int64_t z) noexcept {
    return static_cast<unsigned>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

constexpr std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

struct cursor {
    std::string_view s;

    bool literal(std::string_view t) noexcept {
        if (s.substr(0, t.size()) != t) {
            return false;
        }
        s.remove_prefix(t.size());
        return true;
    }

    // Exactly n digits.
    bool number(std::size_t n, unsigned& out) noexcept {
        if (s.size() < n) {
            return false;
        }
        out = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!is_digit(s[i])) {
                return false;
            }
            out = out * 10 + static_cast<unsigned>(s[i] - '0');
        }
        s.remove_prefix(n);
        return true;
    }

    // Index of the name in `names` that the input starts with.
    template <std::size_t N>
    bool one_of(const std::string_view (&names)[N], unsigned& out) noexcept {
        for (std::size_t i = 0; i < N; ++i) {
            if (literal(names[i])) {
                out = static_cast<unsigned>(i);
                return true;
            }
        }
        return false;
    }

    bool time_of_day(unsigned& h, unsigned& m, unsigned& sec) noexcept {
        return number(2, h) && literal(":") && number(2, m) && literal(":") && number(2, sec);
    }
};

struct fields {
    std::int64_t year = 0;
    unsigned month = 0; // 0-11 while parsing
    unsigned day = 0;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    unsigned weekday = 0;
};

// Each form begins with its day name, so the name alone says which grammar follows:
// "Sunday," (RFC 850), "Sun," (IMF-fixdate) or "Sun " (asctime).
inline bool parse_fields(std::string_view s, std::int64_t now_year, fields& f) noexcept {
    cursor c{s};
    unsigned year = 0;
    if (c.one_of(long_days, f.weekday)) {
        if (!(c.literal(", ") && c.number(2, f.day) && c.literal("-") &&
              c.one_of(months, f.month) && c.literal("-") && c.number(2, year) && c.literal(" ") &&
              c.time_of_day(f.hour, f.minute, f.second) && c.literal(" GMT"))) {
            return false;
        }
        const std::int64_t century = now_year - now_year % 100;
        f.year = century + year;
        if (f.year > now_year + 50) {
            f.year -= 100;
        } else if (f.year <= now_year - 50) {
            f.year += 100;
        }
        return c.s.empty();
    }
    if (!c.one_of(short_days, f.weekday)) {
        return false;
    }
    if (c.literal(", ")) {
        if (!(c.number(2, f.day) && c.literal(" ") && c.one_of(months, f.month) && c.literal(" ") &&
              c.number(4, year) && c.literal(" ") && c.time_of_day(f.hour, f.minute, f.second) &&
              c.literal(" GMT"))) {
            return false;
        }
    } else {
        if (!(c.literal(" ") && c.one_of(months, f.month) && c.literal(" "))) {
            return false;
        }
        if (!(c.literal(" ") ? c.number(1, f.day) : c.number(2, f.day))) {
            return false;
        }
        if (!(c.literal(" ") && c.time_of_day(f.hour, f.minute, f.second) && c.literal(" ") &&
              c.number(4, year))) {
            return false;
        }
    }
    f.year = year;
    return c.s.empty();
}

} // namespace http_date_impl

LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s, std::chrono::system_clock::time_point now) noexcept {
    using namespace std::chrono;
    namespace impl = http_date_impl;

    const auto now_days = floor<days>(now).time_since_epoch().count();
    const std::int64_t now_year = static_cast<std::int64_t>(
        static_cast<int>(year_month_day{sys_days{days{now_days}}}.year()));

    impl::fields f;
    if (!impl::parse_fields(impl::trim_ows(s), now_year, f)) {
        return std::nullopt;
    }
    const unsigned month = f.month + 1;
    if (f.day < 1 || f.day > days_in_month(f.year, month) || f.hour > 23 || f.minute > 59) {
        return std::nullopt;
    }
    if (f.second == 60 && f.hour == 23 && f.minute == 59) {
        f.second = 59;
    } else if (f.second > 59) {
        return std::nullopt;
    }
    const std::int64_t day_count = days_from_civil(f.year, month, f.day);
    if (impl::weekday_from_days(day_count) != f.weekday) {
        return std::nullopt;
    }
    // Years fit 0-9999, so this cannot overflow; the clock's own range is narrower.
    const std::int64_t secs = day_count * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
    constexpr auto max_secs = duration_cast<seconds>(system_clock::duration::max()).count();
    constexpr auto min_secs = duration_cast<seconds>(system_clock::duration::min()).count();
    if (secs > max_secs || secs < min_secs) {
        return std::nullopt;
    }
    return system_clock::time_point{duration_cast<system_clock::duration>(seconds{secs})};
}

LTX_DECL std::optional<std::chrono::system_clock::time_point>
parse_http_date(std::string_view s) noexcept {
    return parse_http_date(s, std::chrono::system_clock::now());
}

LTX_DECL std::string format_http_date(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    namespace impl = http_date_impl;

    const auto secs = floor<seconds>(t).time_since_epoch().count();
    std::int64_t day_count = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    std::int64_t rest = secs - day_count * 86400;
    const year_month_day lowest{year{0}, month{1}, day{1}};
    const year_month_day highest{year{9999}, month{12}, day{31}};
    if (day_count < sys_days{lowest}.time_since_epoch().count()) {
        day_count = sys_days{lowest}.time_since_epoch().count();
        rest = 0;
    } else if (day_count > sys_days{highest}.time_since_epoch().count()) {
        day_count = sys_days{highest}.time_since_epoch().count();
        rest = 86399;
    }
    const year_month_day ymd{sys_days{days{day_count}}};

    std::string out;
    out.reserve(29);
    auto put = [&out](std::int64_t value, int width) {
        char digits[4];
        for (int i = width - 1; i >= 0; --i) {
            digits[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
        out.append(digits, static_cast<std::size_t>(width));
    };
    out += impl::short_days[impl::weekday_from_days(day_count)];
    out += ", ";
    put(static_cast<unsigned>(ymd.day()), 2);
    out += ' ';
    out += impl::months[static_cast<unsigned>(ymd.month()) - 1];
    out += ' ';
    put(static_cast<int>(ymd.year()), 4);
    out += ' ';
    put(rest / 3600, 2);
    out += ':';
    put(rest / 60 % 60, 2);
    out += ':';
    put(rest % 60, 2);
    out += " GMT";
    return out;
}

LTX_DECL std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) noexcept {
    using namespace std::chrono;
    constexpr milliseconds limit = retry_after_limit;

    value = http_date_impl::trim_ows(value);
    if (value.empty()) {
        return std::nullopt;
    }
    if (is_digit(value.front())) {
        // Saturating: once past the limit, further digits only make it larger.
        std::int64_t secs = 0;
        for (const char ch : value) {
            if (!is_digit(ch)) {
                return std::nullopt;
            }
            if (secs <= retry_after_limit.count()) {
                secs = secs * 10 + (ch - '0');
            }
        }
        return secs > retry_after_limit.count() ? limit : milliseconds{seconds{secs}};
    }
    const auto date = parse_http_date(value, now);
    if (!date) {
        return std::nullopt;
    }
    if (*date <= now) {
        return milliseconds{0};
    }
    // Both lie in the clock's range but their difference may not: compare whole seconds first.
    const auto date_secs = floor<seconds>(date->time_since_epoch()).count();
    const auto now_secs = floor<seconds>(now.time_since_epoch()).count();
    if (date_secs - now_secs >= retry_after_limit.count()) {
        return limit;
    }
    return ceil<milliseconds>(*date - now);
}

} // namespace ltx::detail

#endif
