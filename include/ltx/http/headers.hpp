// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_HTTP_HEADERS_HPP
#define LTX_HTTP_HEADERS_HPP

#include <ltx/detail/config.hpp>

#include <atomic>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ltx::http {

/// True when `name` is a non-empty RFC 9110 token (`!#$%&'*+-.^_`|~`, digits, letters),
/// the syntax of a header field name.
LTX_DECL bool is_token(std::string_view name) noexcept;

/// True when `value` may be sent as a header field value: it holds no CR, LF or NUL, the
/// bytes that would let a value end the header line and inject further lines.
LTX_DECL bool is_valid_field_value(std::string_view value) noexcept;

/// ASCII case-insensitive equality, the comparison of header field names.
LTX_DECL bool iequals(std::string_view a, std::string_view b) noexcept;

/// One header field: a name and a value, as sent or received.
struct field {
    std::string name;  ///< Field name, spelled as it was added (lookup ignores case).
    std::string value; ///< Field value, without the line terminator.

    /// Fields are equal when names and values are byte for byte equal.
    friend bool operator==(const field&, const field&) = default;
};

/// The header fields of a request or response: an ordered list of name/value pairs.
///
/// Order and duplicates are kept, as on the wire. Lookup by name ignores ASCII case
/// (`content-type` finds `Content-Type`). Every mutator validates its input and throws
/// `std::invalid_argument` when a name is not a token or a value contains CR, LF or NUL;
/// the message names the header but never repeats the value, since values may be secrets
/// (`Authorization`). So no header line can be injected through this type.
///
/// Copies share one list of fields until one of them is modified, which then makes its own
/// (copy on write): copying the client's headers into each request allocates nothing. The
/// sharing is invisible: a copy behaves as an independent value, and copies may be used and
/// destroyed on different threads, as independent values may.
class headers {
public:
    /// Iterator over the fields, in order. Fields are read-only through it, so the
    /// validation above cannot be bypassed.
    using const_iterator = std::vector<field>::const_iterator;

    /// An empty list.
    headers() = default;

    /// The list holding `fields` in order, each added as by `add`.
    /// @throws std::invalid_argument on an invalid name or value.
    headers(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
        headers built; // freed by its destructor when an `add` throws
        for (const auto& [name, value] : fields) {
            built.add(name, value);
        }
        std::swap(shared_, built.shared_);
    }

    /// Copies share the fields until one of them is modified.
    headers(const headers& other) noexcept : shared_(other.shared_) {
        if (shared_)
            shared_->owners.fetch_add(1, std::memory_order_relaxed);
    }
    /// Copies share the fields until one of them is modified.
    headers& operator=(const headers& other) noexcept {
        headers copy{other};
        std::swap(shared_, copy.shared_);
        return *this;
    }
    /// The list moved from is left empty.
    headers(headers&& other) noexcept : shared_(std::exchange(other.shared_, nullptr)) {}
    /// The list moved from is left empty.
    headers& operator=(headers&& other) noexcept {
        headers taken{std::move(other)};
        std::swap(shared_, taken.shared_);
        return *this;
    }
    ~headers() { release(); }

    /// The value of the first field named `name` (any case), or nullopt when absent.
    /// The view is valid until this list is next modified.
    LTX_DECL std::optional<std::string_view> find(std::string_view name) const noexcept;

    /// The values of every field named `name` (any case), in order.
    LTX_DECL std::vector<std::string_view> find_all(std::string_view name) const;

    /// True when at least one field is named `name` (any case).
    LTX_DECL bool contains(std::string_view name) const noexcept;

    /// The number of fields named `name` (any case).
    LTX_DECL std::size_t count(std::string_view name) const noexcept;

    /// Makes `name: value` the only field of that name: the first existing field of that name
    /// takes the new name spelling and value in place, later ones are removed; when there is
    /// none, the field is appended.
    /// @throws std::invalid_argument on an invalid name or value; the list is then unchanged.
    LTX_DECL void set(std::string_view name, std::string_view value);

    /// Appends `name: value`, keeping any existing fields of that name.
    /// @throws std::invalid_argument on an invalid name or value; the list is then unchanged.
    LTX_DECL void add(std::string_view name, std::string_view value);

    /// Removes every field named `name` (any case); returns how many were removed.
    /// @throws std::bad_alloc when the fields were shared with a copy and this list cannot
    /// make its own; the list is then unchanged.
    LTX_DECL std::size_t erase(std::string_view name);

    /// Removes every field.
    void clear() noexcept {
        release();
        shared_ = nullptr;
    }

    /// The number of fields, duplicates included.
    std::size_t size() const noexcept { return fields().size(); }

    /// True when there is no field.
    bool empty() const noexcept { return fields().empty(); }

    /// The first field.
    const_iterator begin() const noexcept { return fields().begin(); }

    /// Past the last field.
    const_iterator end() const noexcept { return fields().end(); }

    /// Lists are equal when they hold equal fields in the same order.
    friend bool operator==(const headers& a, const headers& b) noexcept {
        return a.shared_ == b.shared_ || a.fields() == b.fields();
    }

private:
    // The fields and the number of lists that share them.
    struct shared_fields {
        std::atomic<std::size_t> owners{1};
        std::vector<field> fields;
    };

    const std::vector<field>& fields() const noexcept {
        static const std::vector<field> none;
        return shared_ ? shared_->fields : none;
    }
    // The fields, this list's own: a new vector when there is none, a copy when shared.
    LTX_DECL std::vector<field>& own();
    // Gives up this list's share (the last owner deletes the fields); leaves `shared_` as is.
    void release() noexcept {
        // acq_rel: this owner's reads happen before the deletion, or before the writes of the
        // owner that then finds itself alone (`own()`, acquire).
        if (shared_ && shared_->owners.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete shared_;
    }

    // Null when empty; shared by copies, never changed while shared.
    shared_fields* shared_ = nullptr;
};

} // namespace ltx::http

#ifdef LTX_HEADER_ONLY
#include <ltx/http/impl/headers.ipp>
#endif

#endif
