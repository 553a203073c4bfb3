// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx::optional<T>: the "may be absent" of every model member.
//
// Why not std::optional: the models hold optionals of some twenty types, and each TU that
// includes <ltx/ltx.hpp> instantiates all of them. With g++ 12 one std::optional<T> costs about
// 15 million compiler instructions to instantiate (its storage is four layers of partially
// specialised bases and a dozen constrained constructors), and each member function an
// encoder calls is several more functions to compile at -O0. ltx::optional is a plain pair of
// a T and a flag, so its special members are the implicit ones, trivial whenever T's are.
//
// It reads like std::optional: `r.seed = 42;`, `if (j.status)`, `*j.status`, `->`,
// `value()`, `value_or()`, `has_value()`, `reset()`, `emplace()`, `= std::nullopt`,
// `== std::nullopt`, `== value`, and it converts to and from std::optional<T>. It has no
// ordering operators (compare the values: `*j.status->progress >= 50`). The other
// difference: it always holds a T, default-constructed while empty (an empty std::string, a
// zero), so T must be default constructible, and reset() puts a fresh T{} back (releasing
// what the old value held).
#ifndef LTX_OPTIONAL_HPP
#define LTX_OPTIONAL_HPP

#include <ltx/detail/config.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace ltx {

template <class T> class optional;

namespace reflect::detail {
struct optional_access;
} // namespace reflect::detail

namespace detail {
template <class X> struct is_ltx_optional : std::false_type {};
template <class X> struct is_ltx_optional<optional<X>> : std::true_type {};

// The optionals of either kind, which the heterogeneous comparisons and conversions leave
// to their own overloads.
template <class X>
concept optional_like = is_ltx_optional<std::remove_cvref_t<X>>::value ||
    std::is_same_v<std::remove_cvref_t<X>, std::nullopt_t>;
} // namespace detail

template <class T> class optional {
    static_assert(std::is_default_constructible_v<T>,
                  "ltx::optional<T> holds a T while empty: T must be default constructible");
    static_assert(!std::is_reference_v<T> && !std::is_same_v<std::remove_cv_t<T>, std::nullopt_t>,
                  "ltx::optional<T>: T must be an object type");

public:
    using value_type = T;

    constexpr optional() = default;
    constexpr optional(std::nullopt_t) noexcept {}

    /// From a value, implicitly, as std::optional: `r.prompt = "..."`, `r.seed = 42`.
    template <class U = T>
    requires(!detail::optional_like<U> && std::is_constructible_v<T, U&&> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::optional<T>>) constexpr optional(U&& v)
        : value_(std::forward<U>(v)), engaged_(true) {}

    /// From a std::optional<T>, implicitly. (Templates, like the conversion back, so that
    /// std::optional<T> is instantiated only where one is actually converted.)
    template <class U>
    requires std::is_same_v<U, T>
    constexpr optional(const std::optional<U>& o) : engaged_(o.has_value()) {
        if (o)
            value_ = *o;
    }
    template <class U>
    requires std::is_same_v<U, T>
    constexpr optional(std::optional<U>&& o) : engaged_(o.has_value()) {
        if (o)
            value_ = std::move(*o);
    }

    constexpr optional& operator=(std::nullopt_t) noexcept(noexcept(T{}) &&
                                                           std::is_nothrow_move_assignable_v<T>) {
        reset();
        return *this;
    }

    template <class U = T>
    requires(!detail::optional_like<U> && std::is_constructible_v<T, U&&> &&
             std::is_assignable_v<T&, U&&> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::optional<T>>) constexpr optional&
    operator=(U&& v) {
        value_ = std::forward<U>(v);
        engaged_ = true;
        return *this;
    }

    /// To a std::optional<T>, implicitly: `std::optional<std::string> e = job.error;`.
    template <class O>
    requires std::is_same_v<O, std::optional<T>>
    constexpr operator O() const& {
        if (engaged_)
            return O{value_};
        return O{};
    }
    template <class O>
    requires std::is_same_v<O, std::optional<T>>
    constexpr operator O() && {
        if (engaged_)
            return O{std::move(value_)};
        return O{};
    }

    constexpr bool has_value() const noexcept { return engaged_; }
    constexpr explicit operator bool() const noexcept { return engaged_; }

    // Unchecked, as std::optional's: reading an empty optional gives the T it holds.
    constexpr T& operator*() & noexcept { return value_; }
    constexpr const T& operator*() const& noexcept { return value_; }
    constexpr T&& operator*() && noexcept { return std::move(value_); }
    constexpr T* operator->() noexcept { return &value_; }
    constexpr const T* operator->() const noexcept { return &value_; }

    /// The value; throws std::bad_optional_access when empty.
    constexpr T& value() & { return check(), value_; }
    constexpr const T& value() const& { return check(), value_; }
    constexpr T&& value() && { return check(), std::move(value_); }

    template <class U> constexpr T value_or(U&& fallback) const& {
        return engaged_ ? value_ : static_cast<T>(std::forward<U>(fallback));
    }
    template <class U> constexpr T value_or(U&& fallback) && {
        return engaged_ ? std::move(value_) : static_cast<T>(std::forward<U>(fallback));
    }

    /// Empties the optional; the T it held is replaced by a fresh T{}.
    constexpr void reset() noexcept(noexcept(T{}) && std::is_nothrow_move_assignable_v<T>) {
        value_ = T{};
        engaged_ = false;
    }

    /// Replaces the value with a T made from `args` and returns it. If making it throws,
    /// the optional is left empty.
    template <class... A> constexpr T& emplace(A&&... args) {
        engaged_ = false;
        value_ = T(std::forward<A>(args)...);
        engaged_ = true;
        return value_;
    }

    constexpr void swap(optional& other) noexcept(std::is_nothrow_swappable_v<T>) {
        using std::swap;
        swap(value_, other.value_);
        swap(engaged_, other.engaged_);
    }
    friend constexpr void swap(optional& a, optional& b) noexcept(noexcept(a.swap(b))) {
        a.swap(b);
    }

    // Two optionals are equal when both are empty, or both hold equal values.
    template <class U> friend constexpr bool operator==(const optional& a, const optional<U>& b) {
        if (a.has_value() != b.has_value())
            return false;
        return !a.has_value() || *a == *b;
    }
    friend constexpr bool operator==(const optional& a, std::nullopt_t) noexcept {
        return !a.engaged_;
    }
    // U is a value T can be made from, or a non-class such as a string literal: an
    // expression wrapper that only names an optional among its template arguments (doctest's
    // Expression_lhs) must not match, or `a.value_ == v` would turn value_ back into an
    // optional and call this again, without end.
    template <class U>
    requires(!detail::optional_like<U> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::optional<T>> &&
             (!std::is_class_v<U> || std::is_same_v<U, T> ||
              std::is_constructible_v<T, const U&>)) friend constexpr bool
    operator==(const optional& a, const U& v) {
        return a.engaged_ && a.value_ == v;
    }

private:
    friend struct reflect::detail::optional_access; // the engine reads the members directly

    constexpr void check() const {
        if (!engaged_)
            throw std::bad_optional_access{};
    }

    T value_{};
    bool engaged_ = false;
};

template <class T> optional(T) -> optional<T>;

} // namespace ltx

#endif
