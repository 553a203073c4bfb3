// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_RULES_IPP
#define LTX_REFLECT_IMPL_RULES_IPP

#include <ltx/reflect/rules.hpp>

#include <ltx/http/url.hpp>

#include <charconv>
#include <limits>

namespace ltx::reflect::detail {

// Messages are built with append alone (see report::fail).
inline void append_text(std::string& out, std::string_view s) {
    out.append(s.data(), s.size());
}

LTX_DECL void check_length(std::size_t min, std::size_t max, std::string_view s, const report& r) {
    std::size_t n = 0;
    if (!ltx::detail::utf8_count(s, n) || (n >= min && n <= max))
        return; // invalid UTF-8 has a rule of its own
    using wide = unsigned long long;
    std::string m;
    append_text(m, "must be ");
    constexpr std::size_t no_maximum = std::numeric_limits<std::size_t>::max(); // the default
    if (max == no_maximum) {
        append_text(m, "at least ");
        append_decimal(m, static_cast<wide>(min));
    } else {
        append_decimal(m, static_cast<wide>(min));
        append_text(m, " to ");
        append_decimal(m, static_cast<wide>(max));
    }
    append_text(m, " characters long, got ");
    append_decimal(m, static_cast<wide>(n));
    r.fail(m);
}

inline void range_failure(long long min, long long max, const report& r, unsigned long long got,
                          bool negative) {
    std::string m;
    constexpr long long no_maximum = std::numeric_limits<long long>::max(); // range's default
    if (max == no_maximum) {
        append_text(m, "must be at least ");
        append_decimal(m, min);
    } else {
        append_text(m, "must be between ");
        append_decimal(m, min);
        append_text(m, " and ");
        append_decimal(m, max);
    }
    append_text(m, ", got ");
    append_decimal(m, got, negative);
    r.fail(m);
}

LTX_DECL void check_range(long long min, long long max, long long v, const report& r) {
    if (v >= min && v <= max)
        return;
    range_failure(min, max, r, ltx::detail::magnitude(v), v < 0);
}

LTX_DECL void check_range(long long min, long long max, unsigned long long v, const report& r) {
    // v is unsigned: at least any negative min, and above any negative max.
    if ((min < 0 || v >= static_cast<unsigned long long>(min)) &&
        (max >= 0 && v <= static_cast<unsigned long long>(max)))
        return;
    range_failure(min, max, r, v, false);
}

LTX_DECL void check_contains(const std::string_view* needles, std::size_t n, std::string_view s,
                             const report& r) {
    std::string m;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.find(needles[i]) != std::string_view::npos)
            continue;
        append_text(m, m.empty() ? "must contain " : ", ");
        append_text(m, needles[i]);
    }
    if (!m.empty())
        r.fail(m);
}

LTX_DECL void check_not_empty(std::string_view s, const report& r) {
    if (s.empty())
        r.fail("must not be empty");
}

// The shortest decimal text that reads back as `v`.
inline void append_real(std::string& out, double v) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out.append(buf, static_cast<std::size_t>(end - buf));
}

LTX_DECL void check_real_range(double min, double max, bool exclusive_min, double v,
                               const report& r) {
    const bool finite = v == v && v >= -std::numeric_limits<double>::max() &&
                        v <= std::numeric_limits<double>::max();
    if (finite && (exclusive_min ? v > min : v >= min) && v <= max)
        return;
    constexpr double no_min = -std::numeric_limits<double>::max(); // the defaults
    constexpr double no_max = std::numeric_limits<double>::max();
    std::string m;
    append_text(m, "must be a finite number");
    if (min != no_min) {
        append_text(m, exclusive_min ? " above " : " of at least ");
        append_real(m, min);
    }
    if (max != no_max) {
        append_text(m, min != no_min ? " and at most " : " of at most ");
        append_real(m, max);
    }
    r.fail(m);
}

LTX_DECL void check_http_url(std::string_view s, const report& r) {
    // The client's own grammar, so that a URL validation accepts is one it can send to.
    if (!ltx::http::is_absolute_http_url(s))
        r.fail("must be an absolute http or https URL");
}

LTX_DECL void check_email(std::string_view s, const report& r) {
    if (!ltx::detail::is_email(s))
        r.fail("must be an e-mail address");
}

LTX_DECL void check_mime_type(std::string_view s, const report& r) {
    if (!ltx::detail::is_mime_type(s))
        r.fail("must be a MIME type such as image/png");
}

} // namespace ltx::reflect::detail

#endif
