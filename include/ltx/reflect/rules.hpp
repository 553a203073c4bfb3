// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_RULES_HPP
#define LTX_REFLECT_RULES_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/text.hpp>
#include <ltx/reflect/violation.hpp>

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace ltx::reflect::detail {

// The checks behind the built-in rules that quote numbers in their messages: non-template,
// so each TU compiles them once, whatever the integer types they are applied to.
LTX_DECL void check_length(std::size_t min, std::size_t max, std::string_view s, const report& r);
LTX_DECL void check_range(long long min, long long max, long long v, const report& r);
LTX_DECL void check_range(long long min, long long max, unsigned long long v, const report& r);
LTX_DECL void check_contains(const std::string_view* needles, std::size_t n, std::string_view s,
                             const report& r);
LTX_DECL void check_real_range(double min, double max, bool exclusive_min, double v,
                               const report& r);
LTX_DECL void check_not_empty(std::string_view s, const report& r);
LTX_DECL void check_http_url(std::string_view s, const report& r);
LTX_DECL void check_email(std::string_view s, const report& r);
LTX_DECL void check_mime_type(std::string_view s, const report& r);

} // namespace ltx::reflect::detail

/// The validation rules a schema can attach to a member. Each rule has a `name` (the rule
/// reported in a violation) and a `check(value, report)` that calls `report.fail(message)`
/// when the value breaks it; validation calls that `check` and nothing else, so a rule of
/// the user's own, written the same way, is run exactly as these are. A rule applies to the
/// member types its `check` accepts. Messages never quote the value: values can be secrets
/// (cookies, tokens).
namespace ltx::reflect::rules {

/// The member must be present: an optional must hold a value, a string must be non-empty.
struct required_t {
    static constexpr std::string_view name = "required";
};
inline constexpr required_t required{};

/// A string's length in Unicode characters (code points), inclusive bounds.
struct length {
    std::size_t min = 0;
    std::size_t max = std::numeric_limits<std::size_t>::max();
    static constexpr std::string_view name = "length";

    void check(const std::string& s, const report& r) const {
        detail::check_length(min, max, s, r);
    }
};

/// A string that, when present, is not empty.
struct not_empty_t {
    static constexpr std::string_view name = "not_empty";
    void check(const std::string& s, const report& r) const { detail::check_not_empty(s, r); }
};
inline constexpr not_empty_t not_empty{};

/// An integer within inclusive bounds.
struct range {
    long long min = std::numeric_limits<long long>::min();
    long long max = std::numeric_limits<long long>::max();
    static constexpr std::string_view name = "range";

    template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) void check(I v,
                                                                           const report& r) const {
        if constexpr (std::is_signed_v<I>)
            detail::check_range(min, max, static_cast<long long>(v), r);
        else
            detail::check_range(min, max, static_cast<unsigned long long>(v), r);
    }
};

/// A finite floating-point number within bounds, `max` inclusive, `min` inclusive unless
/// `exclusive_min`: `real_range{0, 20, true}` is above 0 and at most 20, `real_range{2}` at least
/// 2, `real_range{}` any finite number.
struct real_range {
    double min = -std::numeric_limits<double>::max();
    double max = std::numeric_limits<double>::max();
    bool exclusive_min = false;
    static constexpr std::string_view name = "range";

    template <class F>
    requires std::is_floating_point_v<F>
    void check(F v, const report& r) const {
        detail::check_real_range(min, max, exclusive_min, static_cast<double>(v), r);
    }
};

/// An absolute http:// or https:// URL that `ltx::http::parse_url` accepts, so one the client
/// can send to.
struct http_url_t {
    static constexpr std::string_view name = "url";
    void check(const std::string& s, const report& r) const { detail::check_http_url(s, r); }
};
inline constexpr http_url_t http_url{};

/// An e-mail address.
struct email_t {
    static constexpr std::string_view name = "email";
    void check(const std::string& s, const report& r) const { detail::check_email(s, r); }
};
inline constexpr email_t email{};

/// A MIME type such as `image/png`.
struct mime_type_t {
    static constexpr std::string_view name = "mime_type";
    void check(const std::string& s, const report& r) const { detail::check_mime_type(s, r); }
};
inline constexpr mime_type_t mime_type{};

/// A string containing every one of the given substrings: `contains_all{{"a", "b"}}`.
template <std::size_t N> struct contains_all {
    std::array<std::string_view, N> needles;
    static constexpr std::string_view name = "contains";

    void check(const std::string& s, const report& r) const {
        detail::check_contains(needles.data(), N, s, r);
    }
};
template <class... S> contains_all(S...) -> contains_all<sizeof...(S)>;

/// The value the server assumes when the member is absent. Not a check: it documents the
/// default, and `reflect::default_of<&T::member>()` reads it (the simulator applies it).
template <class V> struct defaults_to { V value; };

/// Struct-level rule: at least one of the named optional members is present.
template <auto... Members> struct at_least_one_of {
    static constexpr std::string_view name = "at_least_one_of";
};

/// The condition of a conditional struct-level rule: the enum member `Member` holds one of
/// `Values`. An absent `Member` holds its documented default (its `defaults_to`); one with no
/// default satisfies no condition. `when<&R::model, image_model::flux>`.
template <auto Member, auto... Values> struct when {};

/// Struct-level rule: `Member` is absent when `When` holds, as a field the chosen model does
/// not take: `absent_when<&R::resolution, when<&R::model, veo_model::veo2>>`. Reported at
/// `Member`: "is not taken when model is veo2".
template <auto Member, class When> struct absent_when {
    static constexpr std::string_view name = "absent_when";
};

/// Struct-level rule: `Member` is present (as `required` reads it) when `When` holds.
/// Reported at `Member`: "is required when model is veo2".
template <auto Member, class When> struct required_when {
    static constexpr std::string_view name = "required_when";
};

/// Struct-level rule: the enum member `Member`, when present, holds one of `Allowed` when
/// `When` holds. Reported at `Member`: "must be one of 8 when model is veo3".
template <auto Member, class When, auto... Allowed> struct one_of_when {
    static constexpr std::string_view name = "one_of_when";
};

/// Struct-level rule: the members `Members...` (enums or integers), read together, form one of
/// the rows of `Table`, a constexpr range of `std::tuple`s with one element per member, in the
/// order given: a matrix of the combinations a server offers. An absent member counts as its
/// documented default (its `defaults_to`); at an absent member without one the check stops (its
/// `required` rule speaks). Reported at the first member, in the order given, whose value no row
/// allows together with the values of the members before it: "is not offered with model
/// ltx-2-5-pro, resolution 2560x1440". The values of the members before it are named, never the
/// member's own.
template <const auto& Table, auto... Members> struct combinations {
    static constexpr std::string_view name = "combinations";
};

} // namespace ltx::reflect::rules

#ifdef LTX_HEADER_ONLY
#include <ltx/reflect/impl/rules.ipp>
#endif

#endif
