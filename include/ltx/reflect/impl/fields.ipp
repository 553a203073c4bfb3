// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_FIELDS_IPP
#define LTX_REFLECT_IMPL_FIELDS_IPP

#include <ltx/reflect/detail/fields.hpp>

namespace ltx::reflect::detail {

// By memcpy: the member is an int, a long, a char or an enum of that width, not necessarily
// the fixed-width type named here.
LTX_DECL long long read_signed(leaf k, const void* p) noexcept {
    if (k == leaf::i8) {
        std::int8_t v;
        std::memcpy(&v, p, 1);
        return v;
    }
    if (k == leaf::i16) {
        std::int16_t v;
        std::memcpy(&v, p, 2);
        return v;
    }
    if (k == leaf::i32) {
        std::int32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    std::int64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

LTX_DECL unsigned long long read_unsigned(leaf k, const void* p) noexcept {
    if (k == leaf::u8) {
        std::uint8_t v;
        std::memcpy(&v, p, 1);
        return v;
    }
    if (k == leaf::u16) {
        std::uint16_t v;
        std::memcpy(&v, p, 2);
        return v;
    }
    if (k == leaf::u32) {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

LTX_DECL double read_floating(leaf k, const void* p) noexcept {
    switch (k) {
    case leaf::f32:
        return static_cast<double>(*static_cast<const float*>(p));
    case leaf::f64:
        return *static_cast<const double*>(p);
    default:
        return static_cast<double>(*static_cast<const long double*>(p));
    }
}

LTX_DECL std::uint64_t read_wire_key(leaf k, const void* p) noexcept {
    // As wire_key: the underlying value converted to 64 bits, so negative enumerators are
    // sign-extended on both sides.
    if (is_signed_leaf(k))
        return static_cast<std::uint64_t>(read_signed(k, p));
    return static_cast<std::uint64_t>(read_unsigned(k, p));
}

} // namespace ltx::reflect::detail

#endif
