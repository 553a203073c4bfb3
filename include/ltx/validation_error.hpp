// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_VALIDATION_ERROR_HPP
#define LTX_VALIDATION_ERROR_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/validate.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ltx {

/// Thrown when a request breaks the API's rules, before any byte is sent. Carries every
/// violation, not just the first. Its message lists them (paths, rules and explanations,
/// never the offending values, which may be secrets).
class validation_error : public std::invalid_argument {
public:
    explicit validation_error(std::vector<reflect::violation> v)
        : std::invalid_argument(describe(v)), violations_(std::move(v)) {}

    /// Every broken rule, in member order.
    const std::vector<reflect::violation>& violations() const noexcept { return violations_; }

private:
    static std::string describe(const std::vector<reflect::violation>& v) {
        std::string s = "invalid request: ";
        for (std::size_t i = 0; i < v.size(); ++i)
            s += (i ? "; " : "") + reflect::to_string(v[i]);
        return s;
    }
    std::vector<reflect::violation> violations_;
};

/// Throws `validation_error` when `value` breaks any rule of its description.
template <class T> void validate_or_throw(const T& value) {
    if (auto v = reflect::validate(value); !v.empty())
        throw validation_error{std::move(v)};
}

} // namespace ltx

#endif
