// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_FIELDS_HPP
#define LTX_HTTP_DETAIL_HTTP1_FIELDS_HPP

#include <ltx/detail/config.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ltx::http::detail::http1 {

/// One received header or trailer field. The name is spelled as received; the value has
/// its leading and trailing whitespace removed.
struct field {
    std::string name;  ///< Field name as received.
    std::string value; ///< Field value without surrounding OWS.

    /// Fields are equal when names and values are byte for byte equal.
    friend bool operator==(const field&, const field&) = default;
};

/// The fields of one received head or trailer section, in wire order. Duplicates are kept;
/// lookup by name ignores ASCII case.
class field_list {
public:
    /// Iterator over the fields in wire order.
    using const_iterator = std::vector<field>::const_iterator;

    /// The value of the first field named `name` (any case), or nullopt. The view lives
    /// until the list is next modified.
    LTX_DECL std::optional<std::string_view> find(std::string_view name) const noexcept;

    /// The number of fields named `name` (any case).
    LTX_DECL std::size_t count(std::string_view name) const noexcept;

    /// Appends a field.
    void add(std::string name, std::string value) {
        fields_.push_back({std::move(name), std::move(value)});
    }

    /// Removes every field, keeping the storage.
    void clear() noexcept { fields_.clear(); }

    /// The number of fields, duplicates included.
    std::size_t size() const noexcept { return fields_.size(); }

    /// True when there is no field.
    bool empty() const noexcept { return fields_.empty(); }

    /// The `i`th field in wire order; `i < size()`.
    const field& operator[](std::size_t i) const noexcept { return fields_[i]; }

    /// The first field.
    const_iterator begin() const noexcept { return fields_.begin(); }

    /// Past the last field.
    const_iterator end() const noexcept { return fields_.end(); }

    /// Lists are equal when they hold equal fields in the same order.
    friend bool operator==(const field_list&, const field_list&) = default;

private:
    std::vector<field> fields_;
};

} // namespace ltx::http::detail::http1

#ifdef LTX_HEADER_ONLY
#include <ltx/http/detail/http1/impl/fields.ipp>
#endif

#endif
