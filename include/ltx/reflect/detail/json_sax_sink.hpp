// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_JSON_SAX_SINK_HPP
#define LTX_REFLECT_DETAIL_JSON_SAX_SINK_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
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
// built once per type at compile time. Only the entries of the type's kind are set.
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
    // described_enum
    bool (*set_name)(void*, std::string_view) = nullptr;
    std::string (*allowed)() = nullptr;
    // integer, floating, boolean; false: out of range
    bool (*from_int64)(void*, std::int64_t) = nullptr;
    bool (*from_uint64)(void*, std::uint64_t) = nullptr;
    bool (*from_double)(void*, double) = nullptr;
    void (*from_bool)(void*, bool) = nullptr;
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

    static sax_sink member(void* p, std::size_t i) {
        return boost::mp11::mp_with_index<size>(i, [p](auto index) {
            using D = boost::mp11::mp_at_c<list, decltype(index)::value>;
            auto& m = static_cast<T*>(p)->*D::pointer;
            return sax_sink{&sax_ops_of<std::remove_cvref_t<decltype(m)>>, &m};
        });
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
        o.set_name = [](void* p, std::string_view name) {
            const auto e = from_wire<T>(name);
            if (e)
                *static_cast<T*>(p) = *e;
            return e.has_value();
        };
        o.allowed = &allowed_names<T>;
    } else if constexpr (kind == type_kind::integer) {
        o.from_int64 = [](void* p, std::int64_t v) {
            if (!std::in_range<T>(v))
                return false;
            *static_cast<T*>(p) = static_cast<T>(v);
            return true;
        };
        o.from_uint64 = [](void* p, std::uint64_t v) {
            if (!std::in_range<T>(v))
                return false;
            *static_cast<T*>(p) = static_cast<T>(v);
            return true;
        };
        // A whole number written as a double (100.0) is still that integer.
        o.from_double = [](void* p, double v) {
            if (std::trunc(v) != v || v < -9.2e18 || v > 9.2e18)
                return false;
            const auto whole = static_cast<long long>(v);
            if (!std::in_range<T>(whole))
                return false;
            *static_cast<T*>(p) = static_cast<T>(whole);
            return true;
        };
    } else if constexpr (kind == type_kind::floating) {
        o.from_int64 = [](void* p, std::int64_t v) {
            *static_cast<T*>(p) = static_cast<T>(static_cast<double>(v));
            return true;
        };
        o.from_uint64 = [](void* p, std::uint64_t v) {
            *static_cast<T*>(p) = static_cast<T>(static_cast<double>(v));
            return true;
        };
        o.from_double = [](void* p, double v) {
            if (!(std::fabs(v) <= static_cast<double>(std::numeric_limits<T>::max())))
                return false; // a float member cannot hold it (nor can any, an infinity)
            *static_cast<T*>(p) = static_cast<T>(v);
            return true;
        };
    } else if constexpr (kind == type_kind::boolean) {
        o.from_bool = [](void* p, bool v) { *static_cast<T*>(p) = v; };
    }
    return o;
}

} // namespace ltx::reflect::detail

#endif
