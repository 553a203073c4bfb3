// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_IMPL_FIELDS_IPP
#define LTX_HTTP_DETAIL_HTTP1_IMPL_FIELDS_IPP

#include <ltx/http/detail/http1/fields.hpp>

#include <ltx/http/detail/http1/syntax.hpp>

namespace ltx::http::detail::http1 {

LTX_DECL std::optional<std::string_view> field_list::find(std::string_view name) const noexcept {
    for (const auto& f : fields_) {
        if (iequals(f.name, name)) {
            return std::string_view{f.value};
        }
    }
    return std::nullopt;
}

LTX_DECL std::size_t field_list::count(std::string_view name) const noexcept {
    std::size_t n = 0;
    for (const auto& f : fields_) {
        n += iequals(f.name, name) ? 1 : 0;
    }
    return n;
}

} // namespace ltx::http::detail::http1

#endif
