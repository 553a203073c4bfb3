// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_DETAIL_HTTP1_FIELDS_HPP
#define LTX_HTTP_DETAIL_HTTP1_FIELDS_HPP

#include <ltx/detail/config.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ltx::http::detail::http1 {

/// One received header or trailer field. The name is spelled as received; the value has
/// its leading and trailing whitespace removed.
struct field {
    std::string name;  ///< Field name as received.
    std::string value; ///< Field value without surrounding OWS.
};

/// The fields of one received head, in wire order. Duplicates are kept.
class field_list {
public:
    /// Iterator over the fields in wire order.
    using const_iterator = std::vector<field>::const_iterator;

    /// Appends a field.
    void add(std::string name, std::string value) {
        fields_.push_back({std::move(name), std::move(value)});
    }

    /// Removes every field, keeping the storage.
    void clear() noexcept { fields_.clear(); }

    /// The number of fields, duplicates included.
    std::size_t size() const noexcept { return fields_.size(); }

    /// The `i`th field in wire order; `i < size()`.
    const field& operator[](std::size_t i) const noexcept { return fields_[i]; }

    /// The first field.
    const_iterator begin() const noexcept { return fields_.begin(); }

    /// Past the last field.
    const_iterator end() const noexcept { return fields_.end(); }

private:
    std::vector<field> fields_;
};

} // namespace ltx::http::detail::http1

#endif
