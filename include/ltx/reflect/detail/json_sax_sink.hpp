// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_JSON_SAX_SINK_HPP
#define LTX_REFLECT_DETAIL_JSON_SAX_SINK_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/detail/fields.hpp>
#include <ltx/reflect/enum.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ltx::reflect::detail {

struct sax_ops;

// Where one JSON value goes: an object of the C++ type that `ops` describes.
struct sax_sink {
    const sax_ops* ops;
    void* object;
};

// What the streaming decoder can do with an object of one type, chosen by its kind_of;
// built once per type at compile time. Only the entries of the type's kind are set. Numbers,
// booleans and enums are data (a leaf, and an enum's wire names) read by the decoder's
// non-template code; the functions are those of the containers and of std::string.
struct sax_ops {
    type_kind kind = type_kind::unsupported; // unsupported: a value to skip
    // described_struct: members in declaration order
    std::size_t member_count = 0;
    const std::string_view* member_names = nullptr;
    sax_sink (*member)(void*, std::size_t) = nullptr;
    // optional
    sax_sink (*emplace)(void*) = nullptr;
    void (*reset)(void*) = nullptr;
    // sequence, map
    void (*clear)(void*) = nullptr;
    sax_sink (*push)(void*) = nullptr;
    sax_sink (*entry)(void*, std::string_view key, bool& inserted,
                      std::string_view& stored) = nullptr;
    // string
    void (*append)(void*, std::string_view, bool first) = nullptr;
    // integer, floating, boolean, described_enum (its underlying integer)
    leaf scalar = leaf::composite;
    // described_enum
    const wire_row* wire = nullptr;
    std::size_t wire_size = 0;
};

inline constexpr sax_ops skip_ops{};

template <class T> constexpr sax_ops make_sax_ops();

template <class T> inline constexpr sax_ops sax_ops_of = make_sax_ops<T>();

template <class T> struct sax_members {
    using list = members_of<T>;
    static constexpr std::size_t size = boost::mp11::mp_size<list>::value;
    // The decoder keeps one bit per member; BOOST_DESCRIBE_STRUCT describes at most 52.
    static_assert(size <= 64, "ltx::reflect::read_json: at most 64 members per struct");

    static constexpr auto names = []<class... D>(boost::mp11::mp_list<D...>) {
        return std::array<std::string_view, sizeof...(D)>{std::string_view{D::name}...};
    }(boost::mp11::mp_rename<list, boost::mp11::mp_list>{});

    // The member `i`: one fold over the descriptors, one function per struct.
    static sax_sink member(void* p, std::size_t i) {
        return [&]<class... D>(boost::mp11::mp_list<D...>) {
            T& obj = *static_cast<T*>(p);
            sax_sink out{&skip_ops, nullptr};
            std::size_t k = 0;
            (void)((k++ == i
                        ? (out = sax_sink{&sax_ops_of<member_value_t<T, D>>, &(obj.*D::pointer)},
                           true)
                        : false) ||
                   ...);
            return out;
        }(boost::mp11::mp_rename<list, boost::mp11::mp_list>{});
    }
};

template <class T> constexpr sax_ops make_sax_ops() {
    constexpr auto kind = kind_of<T>;
    // Nothing to fill: whatever the text holds there is skipped, as an unknown member is.
    if constexpr (kind == type_kind::empty)
        return skip_ops;
    sax_ops o{};
    o.kind = kind;
    if constexpr (kind == type_kind::described_struct) {
        o.member_count = sax_members<T>::size;
        if constexpr (sax_members<T>::size > 0) {
            o.member_names = sax_members<T>::names.data();
            o.member = &sax_members<T>::member;
        }
    } else if constexpr (kind == type_kind::optional) {
        using V = typename T::value_type;
        // emplace, not assignment: each decoded value starts from a fresh object.
        o.emplace = [](void* p) {
            return sax_sink{&sax_ops_of<V>, &static_cast<T*>(p)->emplace()};
        };
        o.reset = [](void* p) { static_cast<T*>(p)->reset(); };
    } else if constexpr (kind == type_kind::sequence) {
        using V = typename T::value_type;
        o.clear = [](void* p) { static_cast<T*>(p)->clear(); };
        o.push = [](void* p) {
            return sax_sink{&sax_ops_of<V>, &static_cast<T*>(p)->emplace_back()};
        };
    } else if constexpr (kind == type_kind::map) {
        using V = typename T::mapped_type;
        o.clear = [](void* p) { static_cast<T*>(p)->clear(); };
        o.entry = [](void* p, std::string_view key, bool& inserted, std::string_view& stored) {
            auto [it, fresh] = static_cast<T*>(p)->try_emplace(std::string{key});
            inserted = fresh;
            stored = it->first;
            return sax_sink{&sax_ops_of<V>, &it->second};
        };
    } else if constexpr (kind == type_kind::string) {
        o.append = [](void* p, std::string_view s, bool first) {
            auto& out = *static_cast<T*>(p);
            if (first)
                out.assign(s);
            else
                out.append(s);
        };
    } else if constexpr (kind == type_kind::described_enum) {
        o.scalar = leaf_of<T>();
        o.wire = wire_rows<T>.rows;
        o.wire_size = wire_rows<T>.size;
    } else if constexpr (kind == type_kind::integer || kind == type_kind::floating ||
                         kind == type_kind::boolean) {
        o.scalar = leaf_of<T>();
    }
    return o;
}

} // namespace ltx::reflect::detail

#endif
