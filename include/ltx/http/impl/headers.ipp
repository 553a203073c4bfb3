// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_IMPL_HEADERS_IPP
#define LTX_HTTP_IMPL_HEADERS_IPP

#include <ltx/http/headers.hpp>
#include <ltx/detail/ascii.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace ltx::http {

namespace detail {

// An invalid name may carry control bytes or be huge; the message shows it escaped and cut
// so that the exception text is itself safe to log on one line.
inline std::string printable_name(std::string_view name) {
    constexpr std::size_t max_shown = 64;
    std::string out;
    for (std::size_t i = 0; i < name.size() && i < max_shown; ++i) {
        const auto b = static_cast<unsigned char>(name[i]);
        if (b < 0x20 || b >= 0x7f || b == '"' || b == '\\') {
            out += "\\x";
            out += ltx::detail::hex_digit_upper(b >> 4u);
            out += ltx::detail::hex_digit_upper(b);
        } else {
            out += static_cast<char>(b);
        }
    }
    if (name.size() > max_shown) {
        out += "...";
    }
    return out;
}

inline void check_field(std::string_view name, std::string_view value) {
    if (!is_token(name)) {
        throw std::invalid_argument("ltx::http::headers: invalid header name \"" +
                                    printable_name(name) + "\" (not an RFC 9110 token)");
    }
    if (!is_valid_field_value(value)) {
        // Never echo the value: it may be a credential.
        throw std::invalid_argument("ltx::http::headers: value of header \"" + std::string(name) +
                                    "\" contains CR, LF or NUL");
    }
}

} // namespace detail

LTX_DECL bool is_token(std::string_view name) noexcept {
    return !name.empty() && std::all_of(name.begin(), name.end(), ltx::detail::is_tchar);
}

LTX_DECL bool is_valid_field_value(std::string_view value) noexcept {
    // By hand: find_first_of searches the set once per character.
    return std::none_of(value.begin(), value.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

LTX_DECL bool iequals(std::string_view a, std::string_view b) noexcept {
    return ltx::detail::iequals(a, b);
}

LTX_DECL std::vector<field>& headers::own() {
    if (shared_ && shared_->owners.load(std::memory_order_acquire) == 1)
        return shared_->fields; // alone: the other owners' reads happened before (release())
    auto mine = std::make_unique<shared_fields>();
    if (shared_) {
        mine->fields.reserve(shared_->fields.size() + 1); // room for the field a mutator adds
        mine->fields.assign(shared_->fields.begin(), shared_->fields.end());
    }
    release();
    shared_ = mine.release();
    return shared_->fields;
}

LTX_DECL std::optional<std::string_view> headers::find(std::string_view name) const noexcept {
    for (const auto& f : fields()) {
        if (iequals(f.name, name)) {
            return std::string_view(f.value);
        }
    }
    return std::nullopt;
}

LTX_DECL std::vector<std::string_view> headers::find_all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& f : fields()) {
        if (iequals(f.name, name)) {
            out.emplace_back(f.value);
        }
    }
    return out;
}

LTX_DECL bool headers::contains(std::string_view name) const noexcept {
    return find(name).has_value();
}

LTX_DECL std::size_t headers::count(std::string_view name) const noexcept {
    const auto& all = fields();
    return static_cast<std::size_t>(std::count_if(
        all.begin(), all.end(), [&](const field& f) { return iequals(f.name, name); }));
}

LTX_DECL void headers::set(std::string_view name, std::string_view value) {
    detail::check_field(name, value);
    field replacement{std::string(name), std::string(value)};
    auto& all = own();
    auto first =
        std::find_if(all.begin(), all.end(), [&](const field& f) { return iequals(f.name, name); });
    if (first == all.end()) {
        all.push_back(std::move(replacement));
        return;
    }
    *first = std::move(replacement);
    all.erase(std::remove_if(std::next(first), all.end(),
                             [&](const field& f) { return iequals(f.name, name); }),
              all.end());
}

LTX_DECL void headers::add(std::string_view name, std::string_view value) {
    detail::check_field(name, value);
    field added{std::string(name), std::string(value)};
    own().push_back(std::move(added));
}

LTX_DECL std::size_t headers::erase(std::string_view name) {
    if (count(name) == 0)
        return 0; // nothing to remove: a shared list stays shared
    return static_cast<std::size_t>(
        std::erase_if(own(), [&](const field& f) { return iequals(f.name, name); }));
}

} // namespace ltx::http

#endif
