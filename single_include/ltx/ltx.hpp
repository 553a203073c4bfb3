// ltx: the single-header form of include/ltx/ltx.hpp.
// GENERATED FILE, DO NOT EDIT. Regenerate with `python3 tools/amalgamate.py`;
// CI fails when it is stale (`python3 tools/amalgamate.py --check`).
// ---- begin ltx/ltx.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx: a C++20 client for the LTX Studio video API v1. This header is the core: models,
// reflection engine and endpoints. It includes no Asio and no OpenSSL; networking over Asio
// is opt-in through <ltx/asio.hpp>.
#ifndef LTX_LTX_HPP
#define LTX_LTX_HPP

// ---- begin ltx/detail/config.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// First header of every ltx header: the project-wide macros.
#ifndef LTX_DETAIL_CONFIG_HPP
#define LTX_DETAIL_CONFIG_HPP

#if __cplusplus < 202002L && (!defined(_MSVC_LANG) || _MSVC_LANG < 202002L)
#error "ltx requires C++20"
#endif

// Non-template functions are declared with LTX_DECL and defined in impl/*.ipp files.
// By default they are inline and the .ipp files are included by their headers, so the
// library is header-only. Defining LTX_SEPARATE_COMPILATION makes LTX_DECL empty: the
// .ipp files are then compiled once, by including <ltx/src.hpp> in exactly one TU.
#ifndef LTX_DECL
#ifdef LTX_SEPARATE_COMPILATION
#define LTX_DECL
#else
#define LTX_DECL inline
#define LTX_HEADER_ONLY 1
#endif
#endif

#endif
// ---- end ltx/detail/config.hpp ----
// ---- begin ltx/reflect.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The reflection engine: validation, JSON output and input, multipart and query encoding of
// any Boost.Describe'd aggregate. It knows nothing of the LTX API.
#ifndef LTX_REFLECT_HPP
#define LTX_REFLECT_HPP

// ---- begin ltx/reflect/classify.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_CLASSIFY_HPP
#define LTX_REFLECT_CLASSIFY_HPP


#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace ltx::reflect {

/// The one classification of C++ types that every encoder of the engine dispatches on.
/// Validation, JSON output, JSON input, multipart and query encoding all switch on
/// `kind_of<T>`, so they cannot disagree about what a type is.
enum class type_kind {
    described_struct, ///< an aggregate described with BOOST_DESCRIBE_STRUCT
    described_enum,   ///< an enum described with BOOST_DESCRIBE_ENUM (wire names: enum.hpp)
    optional,         ///< std::optional<T>: may be absent
    sequence,         ///< std::vector<T>: a JSON array
    map,              ///< std::map<std::string, T>: a JSON object with free keys
    string,           ///< std::string
    integer,          ///< any integral type except bool
    floating,         ///< float or double
    boolean,          ///< bool
    unsupported,      ///< anything else; refused at compile time with a readable message
};

/// Tag type naming a type without constructing it (used for ADL customisation points).
template <class T> struct tag {};

namespace detail {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T> struct is_string_map : std::false_type {};
template <class T, class C, class A>
struct is_string_map<std::map<std::string, T, C, A>> : std::true_type {};

template <class T> consteval type_kind classify() {
    if constexpr (std::is_same_v<T, bool>)
        return type_kind::boolean;
    else if constexpr (std::is_same_v<T, std::string>)
        return type_kind::string;
    else if constexpr (std::is_integral_v<T>)
        return type_kind::integer;
    else if constexpr (std::is_floating_point_v<T>)
        return type_kind::floating;
    else if constexpr (is_optional<T>::value)
        return type_kind::optional;
    else if constexpr (is_vector<T>::value)
        return type_kind::sequence;
    else if constexpr (is_string_map<T>::value)
        return type_kind::map;
    else if constexpr (std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value)
        return type_kind::described_enum;
    else if constexpr (std::is_class_v<T> && boost::describe::has_describe_members<T>::value)
        return type_kind::described_struct;
    else
        return type_kind::unsupported;
}

} // namespace detail

/// The classification of `T` (cv-qualifiers and references ignored).
template <class T> inline constexpr type_kind kind_of = detail::classify<std::remove_cvref_t<T>>();

/// True when the engine knows how to handle `T`, recursively for its members.
template <class T> inline constexpr bool is_reflectable_v = kind_of<T> != type_kind::unsupported;

/// The public data members of a described struct, as a Boost.Describe descriptor list.
template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public>;

/// Refuses a type the engine cannot handle, with a message that says what to do.
/// Every entry point of the engine calls this first, so the error is one line, not a
/// template backtrace through the encoders.
template <class T> consteval void require_reflectable() {
    static_assert(kind_of<T> != type_kind::unsupported,
                  "ltx::reflect: this type is not described. Structs need "
                  "BOOST_DESCRIBE_STRUCT(T, (), (members...)), enums need "
                  "BOOST_DESCRIBE_ENUM(E, values...); supported leaves are std::string, bool, "
                  "integers, floating point, std::optional, std::vector and "
                  "std::map<std::string, T>.");
}

/// Calls `f(descriptor)` for each public member of the described struct `T`.
template <class T, class F> constexpr void for_each_member(F&& f) {
    boost::mp11::mp_for_each<members_of<T>>(f);
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/classify.hpp ----
// ---- begin ltx/reflect/enum.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_ENUM_HPP
#define LTX_REFLECT_ENUM_HPP


#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ltx::reflect {

/// One row of an enum's wire-name table.
template <class E> struct enum_entry {
    E value;
    std::string_view name;
};

/// Builds a wire-name table: `enum_names<model>({{model::ltxv, "ltxv"}, ...})`.
template <class E, std::size_t N>
constexpr std::array<enum_entry<E>, N> enum_names(const enum_entry<E> (&rows)[N]) {
    std::array<enum_entry<E>, N> out{};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = rows[i];
    return out;
}

namespace detail {

template <class E>
concept has_wire_table = requires {
    ltx_wire_names(tag<E>{});
};

template <class E, template <class...> class L, class... D>
constexpr auto described_table(L<D...>) {
    return std::array<enum_entry<E>, sizeof...(D)>{enum_entry<E>{D::value, D::name}...};
}

template <class E> constexpr auto make_table() {
    if constexpr (has_wire_table<E>)
        return ltx_wire_names(tag<E>{});
    else
        return described_table<E>(boost::describe::describe_enumerators<E>{});
}

// The table must name each described enumerator exactly once, and no name twice; otherwise
// the engine could encode a value it cannot decode, or the reverse.
template <class E, class Table> consteval bool table_is_complete(const Table& t) {
    bool ok = true;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        int hits = 0;
        for (const auto& row : t)
            hits += row.value == d.value ? 1 : 0;
        ok = ok && hits == 1;
    });
    for (std::size_t i = 0; i < t.size(); ++i)
        for (std::size_t j = i + 1; j < t.size(); ++j)
            ok = ok && t[i].name != t[j].name;
    return ok && t.size() == boost::mp11::mp_size<boost::describe::describe_enumerators<E>>::value;
}

} // namespace detail

/// The wire names of enum `E`: its ADL customisation `ltx_wire_names(ltx::reflect::tag<E>)`
/// when one exists, else the identifiers Boost.Describe stringises.
/// Checked at compile time to cover each enumerator exactly once.
template <class E>
inline constexpr auto wire_table = [] {
    static_assert(kind_of<E> == type_kind::described_enum,
                  "ltx::reflect: enums need BOOST_DESCRIBE_ENUM(E, values...)");
    constexpr auto table = detail::make_table<E>();
    static_assert(detail::table_is_complete<E>(table),
                  "ltx::reflect: the wire-name table must list every enumerator exactly once, "
                  "with distinct names");
    return table;
}();

/// The wire name of `value`, or nullopt for a value outside the enumeration
/// (for example a cast from an out-of-range integer).
template <class E> constexpr std::optional<std::string_view> to_wire(E value) noexcept {
    for (const auto& row : wire_table<E>)
        if (row.value == value)
            return row.name;
    return std::nullopt;
}

/// The enumerator whose wire name is `name`, or nullopt.
template <class E> constexpr std::optional<E> from_wire(std::string_view name) noexcept {
    for (const auto& row : wire_table<E>)
        if (row.name == name)
            return row.value;
    return std::nullopt;
}

/// The allowed wire names of `E`, joined for messages: `'ltxv', 'ltxv-turbo'`.
template <class E> std::string allowed_names() {
    std::string out;
    for (const auto& row : wire_table<E>) {
        if (!out.empty())
            out += ", ";
        out += '\'';
        out += row.name;
        out += '\'';
    }
    return out;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/enum.hpp ----
// ---- begin ltx/reflect/form.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_FORM_HPP
#define LTX_REFLECT_FORM_HPP

// ---- begin ltx/reflect/detail/text.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_DETAIL_TEXT_HPP
#define LTX_REFLECT_DETAIL_TEXT_HPP


#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ltx::detail {

/// Number of Unicode code points in `s`, or nullopt when `s` is not valid UTF-8
/// (truncated or overlong sequences, surrogates, code points above U+10FFFF).
LTX_DECL std::optional<std::size_t> utf8_length(std::string_view s) noexcept;

/// An absolute http or https URL with a non-empty host, an optional numeric port and no
/// whitespace or control characters anywhere.
LTX_DECL bool is_http_url(std::string_view s) noexcept;

/// `local@domain` with a dot-atom local part and a domain of at least two DNS labels.
LTX_DECL bool is_email(std::string_view s) noexcept;

/// `type/subtype` made of RFC 9110 tokens, optionally followed by `; parameters`.
LTX_DECL bool is_mime_type(std::string_view s) noexcept;

/// Appends `s` percent-encoded: RFC 3986 unreserved characters are kept, every other
/// byte becomes `%XX` (upper-case hex). Safe for a path segment and for a query value.
LTX_DECL void percent_encode(std::string_view s, std::string& out);

} // namespace ltx::detail

#ifdef LTX_HEADER_ONLY
// ---- begin ltx/reflect/impl/text.ipp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_IMPL_TEXT_IPP
#define LTX_REFLECT_IMPL_TEXT_IPP


#include <algorithm>
#include <cstdint>

namespace ltx::detail {

namespace chars {
constexpr bool is_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr bool is_tchar(char c) noexcept {
    return is_alnum(c) || std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
}
constexpr bool is_atext(char c) noexcept {
    return is_alnum(c) || std::string_view{"!#$%&'*+-/=?^_`{|}~"}.find(c) != std::string_view::npos;
}
} // namespace chars

LTX_DECL std::optional<std::size_t> utf8_length(std::string_view s) noexcept {
    std::size_t count = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        const unsigned char b = *p;
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++p;
            ++count;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
            cp = b & 0x1Fu;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
            cp = b & 0x0Fu;
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
            cp = b & 0x07u;
        } else {
            return std::nullopt; // continuation byte, 0xC0/0xC1 (always overlong) or > 0xF4
        }
        if (static_cast<std::size_t>(end - p) <= extra)
            return std::nullopt; // truncated
        for (std::size_t i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0u) != 0x80u)
                return std::nullopt;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        // Overlong forms encode a code point in more bytes than needed.
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000))
            return std::nullopt;
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return std::nullopt;
        p += extra + 1;
        ++count;
    }
    return count;
}

LTX_DECL bool is_http_url(std::string_view s) noexcept {
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F)
            return false;
    const auto colon = s.find("://");
    if (colon == std::string_view::npos)
        return false;
    std::string scheme{s.substr(0, colon)};
    for (auto& c : scheme)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (scheme != "http" && scheme != "https")
        return false;
    auto rest = s.substr(colon + 3);
    auto authority = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos || close < 3)
            return false;
        for (char c : authority.substr(1, close - 1))
            if (!(chars::is_alnum(c) || c == ':' || c == '.'))
                return false;
        host = authority.substr(0, close + 1);
        auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return false;
            port = after.substr(1);
            if (port.empty())
                return false;
        }
    } else if (const auto pc = authority.rfind(':'); pc != std::string_view::npos) {
        host = authority.substr(0, pc);
        port = authority.substr(pc + 1);
        if (port.empty())
            return false;
    }
    if (host.empty())
        return false;
    if (host.front() != '[')
        for (char c : host)
            if (!(chars::is_alnum(c) ||
                  std::string_view{"-._~%!$&'()*+,;="}.find(c) != std::string_view::npos))
                return false;
    if (port.size() > 5)
        return false;
    unsigned value = 0;
    for (char c : port) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value <= 65535;
}

LTX_DECL bool is_email(std::string_view s) noexcept {
    if (s.size() > 254)
        return false;
    const auto at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64)
        return false;
    const auto local = s.substr(0, at);
    const auto domain = s.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    for (char c : local)
        if (!(chars::is_atext(c) || c == '.'))
            return false;
    std::size_t labels = 0;
    std::size_t start = 0;
    while (start <= domain.size()) {
        const auto dot = std::min(domain.find('.', start), domain.size());
        const auto label = domain.substr(start, dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (char c : label)
            if (!(chars::is_alnum(c) || c == '-'))
                return false;
        ++labels;
        start = dot + 1;
    }
    return labels >= 2;
}

LTX_DECL bool is_mime_type(std::string_view s) noexcept {
    const auto params = s.find(';');
    const auto essence = s.substr(0, params);
    const auto slash = essence.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == essence.size())
        return false;
    for (std::size_t i = 0; i < essence.size(); ++i)
        if (i != slash && !chars::is_tchar(essence[i]))
            return false;
    if (params == std::string_view::npos)
        return true;
    for (char c : s.substr(params))
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return false;
    return true;
}

LTX_DECL void percent_encode(std::string_view s, std::string& out) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (char c : s) {
        if (chars::is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            const auto b = static_cast<unsigned char>(c);
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 0x0F];
        }
    }
}

} // namespace ltx::detail

#endif
// ---- end ltx/reflect/impl/text.ipp ----
#endif

#endif
// ---- end ltx/reflect/detail/text.hpp ----
// ---- begin ltx/reflect/json_write.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_WRITE_HPP
#define LTX_REFLECT_JSON_WRITE_HPP


#include <boost/json/serializer.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace ltx::reflect {

/// Appends compact JSON to a caller-owned buffer, with no intermediate document.
/// String escaping is Boost.JSON's serializer, reset for each string.
class json_writer {
public:
    explicit json_writer(std::string& out) noexcept : out_(out) {}

    /// Appends `s` as a quoted, escaped JSON string.
    void string(std::string_view s) {
        serializer_.reset(boost::json::string_view{s.data(), s.size()});
        char buf[256];
        while (!serializer_.done())
            out_.append(serializer_.read(buf, sizeof buf));
    }

    /// Appends an integer.
    template <class I> void integer(I v) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, r.ptr);
    }

    /// Appends a number in its shortest round-trip form; NaN and infinities, which JSON
    /// cannot express, become null.
    void floating(double v) {
        if (!std::isfinite(v)) {
            out_ += "null";
            return;
        }
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, r.ptr);
    }

    /// Appends raw JSON text (punctuation, literals, pre-escaped keys).
    void raw(std::string_view s) { out_.append(s); }
    void raw(char c) { out_ += c; }

    /// Appends any reflectable value.
    template <class T> void value(const T& v);

private:
    std::string& out_;
    boost::json::serializer serializer_;
};

namespace detail {

// Member names are C++ identifiers, so `"name":` needs no escaping and is built once.
template <class D> struct json_key {
    static constexpr std::size_t size = std::string_view{D::name}.size() + 3;
    static constexpr auto text = [] {
        std::array<char, size> a{};
        a[0] = '"';
        const std::string_view n{D::name};
        for (std::size_t i = 0; i < n.size(); ++i)
            a[i + 1] = n[i];
        a[size - 2] = '"';
        a[size - 1] = ':';
        return a;
    }();
    static constexpr std::string_view view() { return {text.data(), text.size()}; }
};

} // namespace detail

template <class T> void json_writer::value(const T& v) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        raw('{');
        bool first = true;
        for_each_member<T>([&](auto d) {
            const auto& m = v.*d.pointer;
            if constexpr (kind_of<decltype(m)> == type_kind::optional)
                if (!m)
                    return; // unset optionals are omitted
            if (!first)
                raw(',');
            first = false;
            raw(detail::json_key<decltype(d)>::view());
            value(m);
        });
        raw('}');
    } else if constexpr (kind == type_kind::optional) {
        if (v)
            value(*v);
        else
            raw("null");
    } else if constexpr (kind == type_kind::sequence) {
        raw('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i)
                raw(',');
            value(v[i]);
        }
        raw(']');
    } else if constexpr (kind == type_kind::map) {
        raw('{');
        bool first = true;
        for (const auto& [key, item] : v) {
            if (!first)
                raw(',');
            first = false;
            string(key);
            raw(':');
            value(item);
        }
        raw('}');
    } else if constexpr (kind == type_kind::string) {
        string(v);
    } else if constexpr (kind == type_kind::described_enum) {
        // An out-of-range value has no wire name; validation reports it, and the encoder
        // writes null rather than inventing a name.
        if (const auto name = to_wire(v))
            string(*name);
        else
            raw("null");
    } else if constexpr (kind == type_kind::integer) {
        integer(v);
    } else if constexpr (kind == type_kind::floating) {
        floating(static_cast<double>(v));
    } else if constexpr (kind == type_kind::boolean) {
        raw(v ? std::string_view{"true"} : std::string_view{"false"});
    }
}

/// Appends the compact JSON of `v` to `out`: members in declaration order with their wire
/// names, unset optionals omitted, enums as their wire names.
template <class T> void write_json(const T& v, std::string& out) {
    json_writer w{out};
    w.value(v);
}

/// The compact JSON of `v`.
template <class T> std::string to_json(const T& v) {
    std::string out;
    write_json(v, out);
    return out;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/json_write.hpp ----

#include <charconv>
#include <string>
#include <string_view>

namespace ltx::reflect {

/// Calls `f(name, text)` for each present member of the described struct `v`, in
/// declaration order, with the member's value as form text: strings as they are, enums as
/// their wire names, numbers in decimal, booleans as `true`/`false`, and anything
/// structured as its compact JSON. Unset optionals are skipped. This is the one traversal
/// behind both the query and the multipart encoders.
template <class T, class F> void for_each_form_field(const T& v, F&& f) {
    static_assert(kind_of<T> == type_kind::described_struct,
                  "ltx::reflect: form and query encoding take a described struct");
    for_each_member<T>([&](auto d) {
        const auto& m = v.*d.pointer;
        auto emit = [&](const auto& x) {
            using X = std::remove_cvref_t<decltype(x)>;
            constexpr auto kind = kind_of<X>;
            if constexpr (kind == type_kind::string) {
                f(std::string_view{d.name}, std::string_view{x});
            } else if constexpr (kind == type_kind::described_enum) {
                if (const auto name = to_wire(x))
                    f(std::string_view{d.name}, *name);
            } else if constexpr (kind == type_kind::boolean) {
                f(std::string_view{d.name}, x ? std::string_view{"true"} : "false");
            } else if constexpr (kind == type_kind::integer) {
                char buf[24];
                const auto r = std::to_chars(buf, buf + sizeof buf, x);
                f(std::string_view{d.name}, std::string_view{buf, r.ptr});
            } else {
                const auto json = to_json(x);
                f(std::string_view{d.name}, std::string_view{json});
            }
        };
        if constexpr (kind_of<decltype(m)> == type_kind::optional) {
            if (m)
                emit(*m);
        } else {
            emit(m);
        }
    });
}

/// Appends `name=value&...` for the present members of `v`, names and values
/// percent-encoded. `skip(name)` leaves members out (those that go into the URL path).
template <class T, class Skip> void write_query(const T& v, std::string& out, Skip skip) {
    for_each_form_field(v, [&](std::string_view name, std::string_view text) {
        if (skip(name))
            return;
        if (!out.empty() && out.back() != '?')
            out += '&';
        ltx::detail::percent_encode(name, out);
        out += '=';
        ltx::detail::percent_encode(text, out);
    });
}

/// `write_query` without members left out.
template <class T> void write_query(const T& v, std::string& out) {
    write_query(v, out, [](std::string_view) { return false; });
}

/// Appends the multipart/form-data body of `v`: one part per present member, then the
/// closing delimiter. Returns false, leaving `out` unspecified, when a value contains the
/// delimiter `--boundary`; the caller then picks another boundary. The matching
/// Content-Type is `multipart/form-data; boundary=<boundary>`.
template <class T> bool write_multipart(const T& v, std::string_view boundary, std::string& out) {
    bool ok = true;
    const std::string delimiter = "--" + std::string{boundary};
    for_each_form_field(v, [&](std::string_view name, std::string_view text) {
        if (text.find(delimiter) != std::string_view::npos)
            ok = false;
        out += delimiter;
        out += "\r\nContent-Disposition: form-data; name=\"";
        out += name; // a C++ identifier: nothing to escape
        out += "\"\r\n\r\n";
        out += text;
        out += "\r\n";
    });
    out += delimiter;
    out += "--\r\n";
    return ok;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/form.hpp ----
// ---- begin ltx/reflect/json_read.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_JSON_READ_HPP
#define LTX_REFLECT_JSON_READ_HPP


#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ltx::reflect {

/// Why a JSON text did not decode into a type: where (`status.artifact.asset.fileId`, empty
/// for the document itself) and what was wrong.
struct json_error {
    std::string path;
    std::string message;
};

/// Thrown by `from_json` when the text does not decode.
class json_decode_error : public std::runtime_error {
public:
    explicit json_decode_error(json_error e)
        : std::runtime_error(e.path.empty() ? e.message : e.path + ": " + e.message),
          error_(std::move(e)) {}
    const json_error& error() const noexcept { return error_; }

private:
    json_error error_;
};

namespace detail {

// The path of the value being decoded, as a chain of stack frames: the string is built
// only when an error is reported, so a successful decode allocates nothing for paths.
struct path_frame {
    const path_frame* parent = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;

    std::string str() const {
        std::string up = parent ? parent->str() : std::string{};
        if (is_index)
            return up + "[" + std::to_string(index) + "]";
        if (key.empty())
            return up;
        return up.empty() ? std::string{key} : up + "." + std::string{key};
    }
};

inline bool fail(json_error& err, const path_frame& at, std::string message) {
    err.path = at.str();
    err.message = std::move(message);
    return false;
}

template <class I> bool read_integer(const boost::json::value& jv, I& out) {
    if (jv.is_int64()) {
        if (!std::in_range<I>(jv.get_int64()))
            return false;
        out = static_cast<I>(jv.get_int64());
        return true;
    }
    if (jv.is_uint64()) {
        if (!std::in_range<I>(jv.get_uint64()))
            return false;
        out = static_cast<I>(jv.get_uint64());
        return true;
    }
    // Tolerance: a whole number written as 100.0 is still that integer.
    if (jv.is_double()) {
        const double d = jv.get_double();
        if (std::trunc(d) != d || d < -9.2e18 || d > 9.2e18)
            return false;
        const auto ll = static_cast<long long>(d);
        if (!std::in_range<I>(ll))
            return false;
        out = static_cast<I>(ll);
        return true;
    }
    return false;
}

template <class T>
bool read_value(const boost::json::value& jv, T& out, const path_frame& at, json_error& err) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        const auto* obj = jv.if_object();
        if (!obj)
            return fail(err, at, "expected an object");
        bool ok = true;
        for_each_member<T>([&](auto d) {
            if (!ok)
                return;
            auto& member = out.*d.pointer;
            const path_frame here{&at, d.name};
            const auto* field = obj->if_contains(d.name);
            if (!field || (field->is_null() && kind_of<decltype(member)> == type_kind::optional)) {
                if constexpr (kind_of<decltype(member)> == type_kind::optional)
                    member.reset();
                else
                    ok = fail(err, here, "missing required field");
                return;
            }
            ok = read_value(*field, member, here, err);
        });
        return ok;
    } else if constexpr (kind == type_kind::optional) {
        if (jv.is_null()) {
            out.reset();
            return true;
        }
        return read_value(jv, out.emplace(), at, err);
    } else if constexpr (kind == type_kind::sequence) {
        const auto* arr = jv.if_array();
        if (!arr)
            return fail(err, at, "expected an array");
        out.clear();
        out.resize(arr->size());
        for (std::size_t i = 0; i < arr->size(); ++i)
            if (!read_value((*arr)[i], out[i], path_frame{&at, {}, i, true}, err))
                return false;
        return true;
    } else if constexpr (kind == type_kind::map) {
        const auto* obj = jv.if_object();
        if (!obj)
            return fail(err, at, "expected an object");
        out.clear();
        for (const auto& kv : *obj) {
            const std::string_view key{kv.key().data(), kv.key().size()};
            if (!read_value(kv.value(), out[std::string{key}], path_frame{&at, key}, err))
                return false;
        }
        return true;
    } else if constexpr (kind == type_kind::string) {
        const auto* s = jv.if_string();
        if (!s)
            return fail(err, at, "expected a string");
        out.assign(s->data(), s->size());
        return true;
    } else if constexpr (kind == type_kind::described_enum) {
        const auto* s = jv.if_string();
        if (!s)
            return fail(err, at, "expected a string, one of " + allowed_names<T>());
        const auto e = from_wire<T>(std::string_view{s->data(), s->size()});
        if (!e)
            return fail(err, at, "unknown value, expected one of " + allowed_names<T>());
        out = *e;
        return true;
    } else if constexpr (kind == type_kind::integer) {
        if (!read_integer(jv, out))
            return fail(err, at, jv.is_number() ? "integer out of range" : "expected an integer");
        return true;
    } else if constexpr (kind == type_kind::floating) {
        if (!jv.is_number())
            return fail(err, at, "expected a number");
        out = static_cast<T>(jv.to_number<double>());
        return true;
    } else if constexpr (kind == type_kind::boolean) {
        if (!jv.is_bool())
            return fail(err, at, "expected true or false");
        out = jv.get_bool();
        return true;
    }
}

} // namespace detail

/// Decodes an already parsed JSON value into `out`. Tolerant: unknown members are ignored
/// and absent or null optional members left empty; a missing required member, a wrong type
/// or an unknown enum name fails with the path of the offending value.
template <class T> bool read_json_value(const boost::json::value& jv, T& out, json_error& err) {
    require_reflectable<T>();
    return detail::read_value(jv, out, detail::path_frame{}, err);
}

/// Parses `text` and decodes it into `out`; see the overload above. The parse uses a
/// monotonic arena that starts on the stack, so a typical response costs no heap
/// allocation for the document.
template <class T> bool read_json(std::string_view text, T& out, json_error& err) {
    unsigned char buffer[4096];
    boost::json::monotonic_resource arena{buffer, sizeof buffer};
    boost::json::error_code ec;
    const auto jv =
        boost::json::parse(boost::json::string_view{text.data(), text.size()}, ec, &arena);
    if (ec) {
        err.path.clear();
        err.message = "invalid JSON: " + ec.message();
        return false;
    }
    return read_json_value(jv, out, err);
}

/// Decodes `text` into a `T`, throwing `json_decode_error` on failure.
template <class T> T from_json(std::string_view text) {
    T out{};
    json_error err;
    if (!read_json(text, out, err))
        throw json_decode_error{std::move(err)};
    return out;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/json_read.hpp ----
// ---- begin ltx/reflect/rules.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_RULES_HPP
#define LTX_REFLECT_RULES_HPP


#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

/// The validation rules a schema can attach to a member. Each rule has a `name` (the rule
/// reported in a violation) and a `check(value)` returning the message of a violation, or
/// nullopt. Messages never quote the value: values can be secrets (cookies, tokens).
namespace ltx::reflect::rules {

/// The member must be present: an optional must hold a value, a string must be non-empty.
struct required_t {
    static constexpr std::string_view name = "required";
};
inline constexpr required_t required{};

/// A string's length in Unicode characters (code points), inclusive bounds.
struct length {
    std::size_t min = 0;
    std::size_t max = std::numeric_limits<std::size_t>::max();
    static constexpr std::string_view name = "length";

    std::optional<std::string> check(const std::string& s) const {
        const auto n = ltx::detail::utf8_length(s);
        if (!n || (*n >= min && *n <= max)) // invalid UTF-8 is reported by its own rule
            return std::nullopt;
        std::string m = "must be ";
        if (max == std::numeric_limits<std::size_t>::max())
            m += "at least " + std::to_string(min);
        else
            m += std::to_string(min) + " to " + std::to_string(max);
        return m + " characters long, got " + std::to_string(*n);
    }
};

/// A string that, when present, is not empty.
struct not_empty_t {
    static constexpr std::string_view name = "not_empty";
    std::optional<std::string> check(const std::string& s) const {
        if (s.empty())
            return "must not be empty";
        return std::nullopt;
    }
};
inline constexpr not_empty_t not_empty{};

/// An integer within inclusive bounds.
struct range {
    long long min = std::numeric_limits<long long>::min();
    long long max = std::numeric_limits<long long>::max();
    static constexpr std::string_view name = "range";

    template <class I> std::optional<std::string> check(I v) const {
        static_assert(std::is_integral_v<I>, "ltx::reflect::rules::range applies to integers");
        if (std::cmp_greater_equal(v, min) && std::cmp_less_equal(v, max))
            return std::nullopt;
        if (max == std::numeric_limits<long long>::max())
            return "must be at least " + std::to_string(min) + ", got " + std::to_string(v);
        return "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
               std::to_string(v);
    }
};

/// An absolute http:// or https:// URL.
struct http_url_t {
    static constexpr std::string_view name = "url";
    std::optional<std::string> check(const std::string& s) const {
        if (ltx::detail::is_http_url(s))
            return std::nullopt;
        return "must be an absolute http or https URL";
    }
};
inline constexpr http_url_t http_url{};

/// An e-mail address.
struct email_t {
    static constexpr std::string_view name = "email";
    std::optional<std::string> check(const std::string& s) const {
        if (ltx::detail::is_email(s))
            return std::nullopt;
        return "must be an e-mail address";
    }
};
inline constexpr email_t email{};

/// A MIME type such as `image/png`.
struct mime_type_t {
    static constexpr std::string_view name = "mime_type";
    std::optional<std::string> check(const std::string& s) const {
        if (ltx::detail::is_mime_type(s))
            return std::nullopt;
        return "must be a MIME type such as image/png";
    }
};
inline constexpr mime_type_t mime_type{};

/// A string containing every one of the given substrings: `contains_all{{"a", "b"}}`.
template <std::size_t N> struct contains_all {
    std::array<std::string_view, N> needles;
    static constexpr std::string_view name = "contains";

    std::optional<std::string> check(const std::string& s) const {
        std::string missing;
        for (auto n : needles)
            if (s.find(n) == std::string::npos)
                missing += (missing.empty() ? "" : ", ") + std::string{n};
        if (missing.empty())
            return std::nullopt;
        return "must contain " + missing;
    }
};
template <class... S> contains_all(S...) -> contains_all<sizeof...(S)>;

/// The value the server assumes when the member is absent. Not a check: it documents the
/// default, and `reflect::default_of<&T::member>()` reads it (the simulator applies it).
template <class V> struct defaults_to { V value; };

/// Struct-level rule: at least one of the named optional members is present.
template <auto... Members> struct at_least_one_of {
    static constexpr std::string_view name = "at_least_one_of";
};

} // namespace ltx::reflect::rules

#endif
// ---- end ltx/reflect/rules.hpp ----
// ---- begin ltx/reflect/schema.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_SCHEMA_HPP
#define LTX_REFLECT_SCHEMA_HPP


#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>
#include <type_traits>

namespace ltx::reflect {

/// The rules of one member, named by its member pointer: `field<&T::prompt>(rules...)`.
template <auto Member, class... Rules> struct field_rules { std::tuple<Rules...> rules; };

/// Attaches rules to a member: `field<&ltx_create_request::prompt>(rules::required,
/// rules::length{1, 2000})`.
template <auto Member, class... Rules> constexpr field_rules<Member, Rules...> field(Rules... r) {
    return {std::tuple<Rules...>{r...}};
}

/// Gathers field rules and struct-level rules into a schema. A type opts in by declaring,
/// in its own namespace, `constexpr auto ltx_schema(ltx::reflect::tag<T>)` returning one.
template <class... Items> constexpr std::tuple<Items...> schema(Items... items) {
    return {items...};
}

namespace detail {

template <class T>
concept has_schema = requires {
    ltx_schema(tag<T>{});
};

template <class M> struct member_pointer_traits;
template <class C, class V> struct member_pointer_traits<V C::*> {
    using owner = C;
    using value = V;
};

template <class X> struct is_field_rules : std::false_type {};
template <auto M, class... R> struct is_field_rules<field_rules<M, R...>> : std::true_type {};

template <auto A, auto B> constexpr bool same_member() {
    if constexpr (std::is_same_v<decltype(A), decltype(B)>)
        return A == B;
    else
        return false;
}

// A rule that names a member the description does not list would silently never run.
template <class T, auto Member> constexpr bool is_described_member() {
    bool found = false;
    for_each_member<T>([&](auto d) { found = found || same_member<d.pointer, Member>(); });
    return found;
}

template <class T, class X> constexpr bool item_belongs_to() {
    if constexpr (is_field_rules<X>::value)
        return []<auto M, class... R>(std::type_identity<field_rules<M, R...>>) {
            return std::is_same_v<typename member_pointer_traits<decltype(M)>::owner, T> &&
                   is_described_member<T, M>();
        }
    (std::type_identity<X>{});
    else return true;
}

} // namespace detail

/// The schema of `T`: what `ltx_schema(tag<T>)` returns, or an empty tuple.
template <class T>
inline constexpr auto schema_of = [] {
    if constexpr (detail::has_schema<T>) {
        constexpr auto s = ltx_schema(tag<T>{});
        static_assert(
            std::apply(
                [](const auto&... items) {
                    return (detail::item_belongs_to<T, std::remove_cvref_t<decltype(items)>>() &&
                            ... && true);
                },
                s),
            "ltx::reflect: a schema names a member that is not a described member of "
            "its type");
        return s;
    } else {
        return std::tuple<>{};
    }
}();

/// The wire name of a described member: `member_name<&T::startAssetId>()`.
template <auto Member> constexpr std::string_view member_name() {
    using owner = typename detail::member_pointer_traits<decltype(Member)>::owner;
    std::string_view name;
    for_each_member<owner>([&](auto d) {
        if (detail::same_member<d.pointer, Member>())
            name = d.name;
    });
    return name;
}

namespace detail {

// Index of the first tuple element satisfying Pred, or the tuple size.
template <class Tuple, class Pred> consteval std::size_t find_index(Pred pred) {
    return []<std::size_t... I>(Pred p, std::index_sequence<I...>) {
        std::size_t found = sizeof...(I);
        ((found == sizeof...(I) && p(std::type_identity<std::tuple_element_t<I, Tuple>>{})
              ? (found = I)
              : 0),
         ...);
        return found;
    }
    (pred, std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

template <class X> struct is_default : std::false_type {};
template <class V> struct is_default<rules::defaults_to<V>> : std::true_type {};

template <auto Member> struct rules_of_member {
    template <class X> constexpr bool operator()(std::type_identity<X>) const {
        if constexpr (is_field_rules<X>::value)
            return []<auto M, class... R>(std::type_identity<field_rules<M, R...>>) {
                return same_member<M, Member>();
            }
        (std::type_identity<X>{});
        else return false;
    }
};

struct default_rule {
    template <class X> constexpr bool operator()(std::type_identity<X>) const {
        return is_default<X>::value;
    }
};

} // namespace detail

/// The documented default of a member, from its `rules::defaults_to` in the schema;
/// refused at compile time when the schema gives none.
template <auto Member> constexpr auto default_of() {
    using owner = typename detail::member_pointer_traits<decltype(Member)>::owner;
    using schema_type = std::remove_cvref_t<decltype(schema_of<owner>)>;
    constexpr auto i = detail::find_index<schema_type>(detail::rules_of_member<Member>{});
    static_assert(i < std::tuple_size_v<schema_type>, "ltx::reflect: this member has no rules");
    constexpr const auto& rules = std::get<i>(schema_of<owner>).rules;
    using rules_type = std::remove_cvref_t<decltype(rules)>;
    constexpr auto j = detail::find_index<rules_type>(detail::default_rule{});
    static_assert(j < std::tuple_size_v<rules_type>,
                  "ltx::reflect: this member has no rules::defaults_to in its schema");
    return std::get<j>(rules).value;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/schema.hpp ----
// ---- begin ltx/reflect/validate.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_REFLECT_VALIDATE_HPP
#define LTX_REFLECT_VALIDATE_HPP


#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace ltx::reflect {

/// One broken rule: where (`items[3].asset.fileId`), which rule (`length`), and a readable
/// message that never quotes the offending value.
struct violation {
    std::string path;
    std::string rule;
    std::string message;

    friend bool operator==(const violation&, const violation&) = default;
};

/// `path: message (rule)`, for logs and exception texts.
inline std::string to_string(const violation& v) {
    return v.path + ": " + v.message + " (" + v.rule + ")";
}

namespace detail {

inline std::string join_path(const std::string& base, std::string_view name) {
    return base.empty() ? std::string{name} : base + "." + std::string{name};
}

template <class T>
void validate_value(const T& v, const std::string& path, std::vector<violation>& out);

template <class V> decltype(auto) unwrap(const V& v) {
    if constexpr (kind_of<V> == type_kind::optional)
        return *v;
    else
        return (v);
}

template <class V> bool present(const V& v) {
    if constexpr (kind_of<V> == type_kind::optional)
        return v.has_value();
    else
        return true;
}

// Applies the rules of one member; returns false when `required` failed, so that the
// member's other rules, which would only repeat the point, are skipped.
template <class V, class... R>
bool apply_rules(const V& v, const std::string& path, const std::tuple<R...>& rules,
                 std::vector<violation>& out) {
    bool ok = true;
    std::apply(
        [&](const auto&... r) {
            (
                [&](const auto& rule) {
                    using rule_t = std::remove_cvref_t<decltype(rule)>;
                    if constexpr (std::is_same_v<rule_t, rules::required_t>) {
                        bool missing = !present(v);
                        if constexpr (kind_of<V> == type_kind::string)
                            missing = v.empty();
                        if (missing) {
                            out.push_back({path, std::string{rule_t::name}, "is required"});
                            ok = false;
                        }
                    } else if constexpr (is_default<rule_t>::value) {
                        // documentation only
                    } else if constexpr (requires { rule.check(unwrap(v)); }) {
                        if (ok && present(v))
                            if (auto m = rule.check(unwrap(v)))
                                out.push_back({path, std::string{rule_t::name}, std::move(*m)});
                    } else {
                        static_assert(
                            requires { rule.check(unwrap(v)); },
                            "ltx::reflect: this rule does not apply to the member's type");
                    }
                }(r),
                ...);
        },
        rules);
    return ok;
}

template <class T, auto... M>
void check_struct_rule(const T& obj, const std::string& path, rules::at_least_one_of<M...>,
                       std::vector<violation>& out) {
    if ((present(obj.*M) || ...))
        return;
    std::string names;
    ((names += (names.empty() ? "" : " or ") + std::string{member_name<M>()}), ...);
    // Reported at the first member: that is where a value is most often missing.
    constexpr auto first = [] {
        std::string_view n[] = {member_name<M>()...};
        return n[0];
    }();
    out.push_back({join_path(path, first), "at_least_one_of", names + " is required"});
}

template <class T>
void validate_struct(const T& obj, const std::string& path, std::vector<violation>& out) {
    constexpr const auto& s = schema_of<T>;
    for_each_member<T>([&](auto d) {
        const auto& member = obj.*d.pointer;
        const auto member_path = join_path(path, d.name);
        bool ok = true;
        std::apply(
            [&](const auto&... items) {
                (
                    [&](const auto& item) {
                        using item_t = std::remove_cvref_t<decltype(item)>;
                        if constexpr (is_field_rules<item_t>::value) {
                            if constexpr (rules_of_member<d.pointer>{}(
                                              std::type_identity<item_t>{}))
                                ok = apply_rules(member, member_path, item.rules, out) && ok;
                        }
                    }(items),
                    ...);
            },
            s);
        if (ok)
            validate_value(member, member_path, out);
    });
    std::apply(
        [&](const auto&... items) {
            (
                [&](const auto& item) {
                    if constexpr (!is_field_rules<std::remove_cvref_t<decltype(item)>>::value)
                        check_struct_rule(obj, path, item, out);
                }(items),
                ...);
        },
        s);
}

template <class T>
void validate_value(const T& v, const std::string& path, std::vector<violation>& out) {
    constexpr auto kind = kind_of<T>;
    require_reflectable<T>();
    if constexpr (kind == type_kind::described_struct) {
        validate_struct(v, path, out);
    } else if constexpr (kind == type_kind::optional) {
        if (v)
            validate_value(*v, path, out);
    } else if constexpr (kind == type_kind::sequence) {
        for (std::size_t i = 0; i < v.size(); ++i)
            validate_value(v[i], path + "[" + std::to_string(i) + "]", out);
    } else if constexpr (kind == type_kind::map) {
        for (const auto& [key, item] : v) {
            if (!ltx::detail::utf8_length(key))
                out.push_back({path, "utf8", "has a key that is not valid UTF-8"});
            validate_value(item, join_path(path, key), out);
        }
    } else if constexpr (kind == type_kind::string) {
        if (!ltx::detail::utf8_length(v))
            out.push_back({path, "utf8", "must be valid UTF-8"});
    } else if constexpr (kind == type_kind::described_enum) {
        if (!to_wire(v))
            out.push_back({path, "enum", "must be one of " + allowed_names<T>()});
    }
}

} // namespace detail

/// Checks `value` against its description and schema and returns every violation, in
/// member order (empty when valid). Checked for every member, recursively: the schema's
/// rules, valid UTF-8 for every string, a known enumerator for every enum, and the
/// struct-level rules.
template <class T> std::vector<violation> validate(const T& value) {
    require_reflectable<T>();
    std::vector<violation> out;
    detail::validate_value(value, std::string{}, out);
    return out;
}

} // namespace ltx::reflect

#endif
// ---- end ltx/reflect/validate.hpp ----

#endif
// ---- end ltx/reflect.hpp ----
// ---- begin ltx/api/common.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Models shared by several endpoints of the LTX Studio API v1: assets, signed asset URLs and
// the error body. Members keep the wire names. Every member of a response model is optional:
// the API documents no field as always present.
#ifndef LTX_API_COMMON_HPP
#define LTX_API_COMMON_HPP


#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace ltx {

/// A stored file: an uploaded image or a generated artifact.
struct asset {
    /// `image`, `video`, `audio`, `artifact`, ... (an open set).
    std::optional<std::string> type{};
    /// The asset id, `asset:<uuid>-type:<mime type>`; pass it as `startAssetId`/`endAssetId`.
    std::optional<std::string> fileId{};
    /// The MIME type, such as `image/png` or `video/mp4`.
    std::optional<std::string> mimeType{};
    /// For artifacts, how they were made (`model-serving`).
    std::optional<std::string> artifactSubtype{};
};
BOOST_DESCRIBE_STRUCT(asset, (), (type, fileId, mimeType, artifactSubtype))

/// An asset with a signed download URL that stops working after `expirationDateString`.
struct signed_asset {
    /// The signed URL of the file. It needs no API token: never send the token there.
    std::optional<std::string> assetUrl{};
    /// When `assetUrl` expires: milliseconds since the epoch, as a decimal string.
    std::optional<std::string> expirationDateString{};
    /// The asset itself.
    std::optional<ltx::asset> asset{};
};
BOOST_DESCRIBE_STRUCT(signed_asset, (), (assetUrl, expirationDateString, asset))

/// The body of every error response: `{"error": "...", "code": 400}`.
struct error_body {
    /// The server's explanation.
    std::optional<std::string> error{};
    /// The HTTP status, repeated.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(error_body, (), (error, code))

} // namespace ltx

#endif
// ---- end ltx/api/common.hpp ----
// ---- begin ltx/api/job.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The job model: what `POST videos/ltx-create`, `GET assets/{jobId}` and webhooks return.
#ifndef LTX_API_JOB_HPP
#define LTX_API_JOB_HPP


#include <boost/describe/enum.hpp>

#include <optional>
#include <string>

namespace ltx {

/// Where a job is in its lifecycle: `active` -> `completed` | `failed`.
enum class job_state { active, completed, failed };
BOOST_DESCRIBE_ENUM(job_state, active, completed, failed)

/// The progress and result of a job.
struct job_status {
    /// The lifecycle state.
    std::optional<job_state> type{};
    /// Progress in percent, 0 to 100.
    std::optional<int> progress{};
    /// A human-readable message; for failed jobs, why.
    std::optional<std::string> message{};
    /// The generated video, once there is one. It may appear after `type` reads
    /// `completed`: see `is_done`.
    std::optional<signed_asset> artifact{};
};
BOOST_DESCRIBE_STRUCT(job_status, (), (type, progress, message, artifact))

/// A generation job.
struct job {
    /// Progress and result.
    std::optional<job_status> status{};
    /// The job id, `email:<account email>:<uuid>-type:video`.
    std::optional<std::string> jobId{};
    /// The generation id, `gen_...`.
    std::optional<std::string> generationId{};
    /// The caller's `replyRef`, echoed back.
    std::optional<std::string> replyRef{};
    /// The caller's `replyUrl`, echoed back.
    std::optional<std::string> replyUrl{};
    /// The HTTP status, repeated in bodies returned with `pollForResult`.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(job, (), (status, jobId, generationId, replyRef, replyUrl, code))

/// The job's state, or nullopt when the server did not say.
inline std::optional<job_state> state_of(const job& j) {
    return j.status ? j.status->type : std::nullopt;
}

/// The signed URL of the finished video, or nullopt.
inline std::optional<std::string> artifact_url(const job& j) {
    if (j.status && j.status->artifact && j.status->artifact->assetUrl &&
        !j.status->artifact->assetUrl->empty())
        return j.status->artifact->assetUrl;
    return std::nullopt;
}

/// True when the job is finished with a downloadable result: `completed` and an artifact
/// URL present. The API warns that `completed` can be read before the URL is there.
inline bool is_done(const job& j) {
    return state_of(j) == job_state::completed && artifact_url(j).has_value();
}

/// True when the job failed.
inline bool is_failed(const job& j) {
    return state_of(j) == job_state::failed;
}

} // namespace ltx

#endif
// ---- end ltx/api/job.hpp ----
// ---- begin ltx/api/videos.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `POST videos/ltx-create`: create a video with the LTX-Video models from a start and/or end
// frame and a prompt.
#ifndef LTX_API_VIDEOS_HPP
#define LTX_API_VIDEOS_HPP


#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ltx {

/// The LTX-Video model.
enum class model { ltxv, ltxv_turbo };
BOOST_DESCRIBE_ENUM(model, ltxv, ltxv_turbo)
constexpr auto ltx_wire_names(reflect::tag<model>) {
    return reflect::enum_names<model>({{model::ltxv, "ltxv"}, {model::ltxv_turbo, "ltxv-turbo"}});
}

/// The video's length in seconds; a string on the wire (`"5"`).
enum class duration { s3, s5, s7, s9, s15, s30 };
BOOST_DESCRIBE_ENUM(duration, s3, s5, s7, s9, s15, s30)
constexpr auto ltx_wire_names(reflect::tag<duration>) {
    return reflect::enum_names<duration>({{duration::s3, "3"},
                                          {duration::s5, "5"},
                                          {duration::s7, "7"},
                                          {duration::s9, "9"},
                                          {duration::s15, "15"},
                                          {duration::s30, "30"}});
}

/// The frame's shape.
enum class aspect_ratio { landscape_16_9, portrait_9_16, square_1_1 };
BOOST_DESCRIBE_ENUM(aspect_ratio, landscape_16_9, portrait_9_16, square_1_1)
constexpr auto ltx_wire_names(reflect::tag<aspect_ratio>) {
    return reflect::enum_names<aspect_ratio>({{aspect_ratio::landscape_16_9, "16:9"},
                                              {aspect_ratio::portrait_9_16, "9:16"},
                                              {aspect_ratio::square_1_1, "1:1"}});
}

/// How much motion the video has.
enum class intensity { low, medium, high };
BOOST_DESCRIBE_ENUM(intensity, low, medium, high)

/// The body of `POST videos/ltx-create`. Unset optionals are left out of the request and
/// the server applies the default noted on each member.
struct ltx_create_request {
    /// The LTX Studio account to use; required when several accounts are configured.
    std::optional<std::string> email{};
    /// What the video shows: 1 to 2000 Unicode characters. Required.
    std::string prompt{};
    /// `fileId` of the first frame's asset. At least one of startAssetId and endAssetId.
    std::optional<std::string> startAssetId{};
    /// `fileId` of the last frame's asset.
    std::optional<std::string> endAssetId{};
    /// Default `ltxv-turbo`.
    std::optional<ltx::model> model{};
    /// Default 3 seconds.
    std::optional<ltx::duration> duration{};
    /// Default 16:9.
    std::optional<ltx::aspect_ratio> aspectRatio{};
    /// Default medium.
    std::optional<ltx::intensity> intensity{};
    /// Any integer; random when unset.
    std::optional<std::int64_t> seed{};
    /// Generate sound effects; default false.
    std::optional<bool> audioSFX{};
    /// 1 to 20: the server polls every 3 s up to this many times before answering, and then
    /// returns the job model instead of just its id. Unset: it answers at once.
    std::optional<int> pollForResult{};
    /// Overrides the account's concurrent-job limit for this call, 1 to 100. (The reference
    /// gives no range of its own; the account range is assumed.)
    std::optional<int> maxJobs{};
    /// Absolute http(s) URL that receives the job model when the job completes or fails.
    std::optional<std::string> replyUrl{};
    /// Echoed back in the job model and the webhook.
    std::optional<std::string> replyRef{};
};
BOOST_DESCRIBE_STRUCT(ltx_create_request, (),
                      (email, prompt, startAssetId, endAssetId, model, duration, aspectRatio,
                       intensity, seed, audioSFX, pollForResult, maxJobs, replyUrl, replyRef))

/// The documented rules of `ltx_create_request`. "Required" is read as non-empty for the
/// prompt: the reference does not say whether the server accepts an empty one, and an empty
/// prompt can only be a mistake.
constexpr auto ltx_schema(reflect::tag<ltx_create_request>) {
    namespace r = reflect::rules;
    using R = ltx_create_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::prompt>(r::required, r::length{1, 2000}),
        reflect::field<&R::startAssetId>(r::not_empty),
        reflect::field<&R::endAssetId>(r::not_empty),
        reflect::field<&R::model>(r::defaults_to<ltx::model>{model::ltxv_turbo}),
        reflect::field<&R::duration>(r::defaults_to<ltx::duration>{duration::s3}),
        reflect::field<&R::aspectRatio>(
            r::defaults_to<ltx::aspect_ratio>{aspect_ratio::landscape_16_9}),
        reflect::field<&R::intensity>(r::defaults_to<ltx::intensity>{intensity::medium}),
        reflect::field<&R::audioSFX>(r::defaults_to<bool>{false}),
        reflect::field<&R::pollForResult>(r::range{1, 20}),
        reflect::field<&R::maxJobs>(r::range{1, 100}), reflect::field<&R::replyUrl>(r::http_url),
        r::at_least_one_of<&R::startAssetId, &R::endAssetId>{});
}

/// The response of `POST videos/ltx-create`: the job model. Without `pollForResult` only
/// `jobId` and `generationId` are set.
using ltx_create_response = job;

} // namespace ltx

#endif
// ---- end ltx/api/videos.hpp ----
// ---- begin ltx/api/assets.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Assets: `GET assets/{jobId}` (a job's status), `POST assets/` (upload) and `GET assets/`
// (the account's assets, paginated).
#ifndef LTX_API_ASSETS_HPP
#define LTX_API_ASSETS_HPP


#include <boost/describe/enum.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ltx {

/// `GET assets/{jobId}`: the job id travels percent-encoded in the path.
struct get_job_request {
    /// The job id from `ltx-create`. Required, non-empty.
    std::string jobId{};
};
BOOST_DESCRIBE_STRUCT(get_job_request, (), (jobId))
constexpr auto ltx_schema(reflect::tag<get_job_request>) {
    return reflect::schema(reflect::field<&get_job_request::jobId>(reflect::rules::required));
}

/// The query of `POST assets/`; the file itself is the raw request body.
struct upload_asset_request {
    /// The LTX Studio account; required when several accounts are configured.
    std::optional<std::string> email{};
    /// The kind of asset, such as `image`.
    std::optional<std::string> type{};
};
BOOST_DESCRIBE_STRUCT(upload_asset_request, (), (email, type))
constexpr auto ltx_schema(reflect::tag<upload_asset_request>) {
    return reflect::schema(reflect::field<&upload_asset_request::email>(reflect::rules::email));
}

/// What an upload sends besides its query: checked before any byte leaves.
struct upload_content {
    /// The file's MIME type, sent as Content-Type. Required.
    std::string mimeType{};
    /// The body's size in bytes; an empty body is refused.
    std::uint64_t size = 0;
};
BOOST_DESCRIBE_STRUCT(upload_content, (), (mimeType, size))
constexpr auto ltx_schema(reflect::tag<upload_content>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&upload_content::mimeType>(r::required, r::mime_type),
                           reflect::field<&upload_content::size>(r::range{1}));
}

/// The response of `POST assets/`: the stored asset and a signed URL to it.
using upload_asset_response = signed_asset;

/// Which assets `GET assets/` lists.
enum class asset_filter { images, videos, audio, other };
BOOST_DESCRIBE_ENUM(asset_filter, images, videos, audio, other)

/// The query of `GET assets/`.
struct list_assets_request {
    /// The LTX Studio account; required when several accounts are configured.
    std::optional<std::string> email{};
    /// The page, from 1 (the default).
    std::optional<int> page{};
    /// Items per page, at least 1; default 20. The reference gives no maximum.
    std::optional<int> limit{};
    /// Only this kind of asset; default all.
    std::optional<asset_filter> filter{};
};
BOOST_DESCRIBE_STRUCT(list_assets_request, (), (email, page, limit, filter))
constexpr auto ltx_schema(reflect::tag<list_assets_request>) {
    namespace r = reflect::rules;
    using R = list_assets_request;
    return reflect::schema(reflect::field<&R::email>(r::email),
                           reflect::field<&R::page>(r::range{1}, r::defaults_to<int>{1}),
                           reflect::field<&R::limit>(r::range{1}, r::defaults_to<int>{20}));
}

/// Assets derived from a listed asset.
struct related_assets {
    /// Thumbnails by size name (`large`, ...).
    std::optional<std::map<std::string, signed_asset>> thumbnails{};
};
BOOST_DESCRIBE_STRUCT(related_assets, (), (thumbnails))

/// One entry of an asset page.
struct asset_item {
    std::optional<std::string> id{};
    /// The job that produced the asset, for generated videos.
    std::optional<std::string> jobId{};
    std::optional<signed_asset> signedAsset{};
    std::optional<ltx::related_assets> relatedAssets{};
};
BOOST_DESCRIBE_STRUCT(asset_item, (), (id, jobId, signedAsset, relatedAssets))

/// Pagination of an asset page.
struct page_meta {
    std::optional<std::int64_t> totalItems{};
    std::optional<std::int64_t> itemCount{};
    std::optional<std::int64_t> itemsPerPage{};
    std::optional<std::int64_t> totalPages{};
    std::optional<std::int64_t> currentPage{};
};
BOOST_DESCRIBE_STRUCT(page_meta, (), (totalItems, itemCount, itemsPerPage, totalPages, currentPage))

/// The response of `GET assets/`.
struct asset_page {
    std::optional<std::vector<asset_item>> items{};
    std::optional<page_meta> meta{};
};
BOOST_DESCRIBE_STRUCT(asset_page, (), (items, meta))

} // namespace ltx

#endif
// ---- end ltx/api/assets.hpp ----
// ---- begin ltx/api/accounts.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Accounts: `POST accounts` (configure an LTX Studio account) and `GET accounts/{email}`.
// The reference also mentions account listing and deletion without recording their shapes;
// each would be one more request struct here and one traits line in endpoints.hpp.
#ifndef LTX_API_ACCOUNTS_HPP
#define LTX_API_ACCOUNTS_HPP


#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ltx {

/// The body of `POST accounts`.
struct account_request {
    /// The LTX Studio cookie string; must contain `lt_token` and `lt_refresh_token`.
    /// It is a credential: ltx never logs it.
    std::string cookie{};
    /// Concurrent-job limit, 1 to 100; default 20.
    std::optional<int> maxJobs{};
};
BOOST_DESCRIBE_STRUCT(account_request, (), (cookie, maxJobs))
constexpr auto ltx_schema(reflect::tag<account_request>) {
    namespace r = reflect::rules;
    return reflect::schema(
        reflect::field<&account_request::cookie>(r::required,
                                                 r::contains_all{"lt_token", "lt_refresh_token"}),
        reflect::field<&account_request::maxJobs>(r::range{1, 100}, r::defaults_to<int>{20}));
}

/// `GET accounts/{email}`: the e-mail travels percent-encoded in the path.
struct get_account_request {
    /// The account's e-mail. Required.
    std::string email{};
};
BOOST_DESCRIBE_STRUCT(get_account_request, (), (email))
constexpr auto ltx_schema(reflect::tag<get_account_request>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&get_account_request::email>(r::required, r::email));
}

/// Amounts per token kind.
struct token_amounts {
    std::optional<double> LTXStudio_token{};
};
BOOST_DESCRIBE_STRUCT(token_amounts, (), (LTXStudio_token))

/// Times per token kind, in milliseconds since the epoch.
struct token_times {
    std::optional<std::int64_t> LTXStudio_token{};
};
BOOST_DESCRIBE_STRUCT(token_times, (), (LTXStudio_token))

/// The account model.
struct account {
    std::optional<std::string> email{};
    /// Cookie names to values; the server shows secrets as `…secured…`.
    std::optional<std::map<std::string, std::string>> cookie{};
    std::optional<int> maxJobs{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> updated{};
    std::optional<std::string> updatedUTC{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> tokenExpire{};
    std::optional<std::string> tokenExpireUTC{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> refreshTokenExpire{};
    std::optional<std::string> refreshTokenExpireUTC{};
    /// Remaining credits.
    std::optional<token_amounts> balance{};
    /// When each kind of token was last spent.
    std::optional<token_times> latestCreatedAtMs{};
    /// A problem with the account, when there is one.
    std::optional<std::string> error{};
};
BOOST_DESCRIBE_STRUCT(account, (),
                      (email, cookie, maxJobs, updated, updatedUTC, tokenExpire, tokenExpireUTC,
                       refreshTokenExpire, refreshTokenExpireUTC, balance, latestCreatedAtMs,
                       error))

} // namespace ltx

#endif
// ---- end ltx/api/accounts.hpp ----
// ---- begin ltx/api/endpoints.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// One traits type per endpoint of the LTX Studio API v1. The client is written against
// these alone: adding an endpoint is a request model, a response model and one struct here.
#ifndef LTX_API_ENDPOINTS_HPP
#define LTX_API_ENDPOINTS_HPP


#include <string>
#include <string_view>

namespace ltx {

/// How an endpoint's request travels.
enum class body_encoding {
    none, ///< no body: members not in the path go into the query string
    json, ///< a JSON body (the API also accepts the same fields as multipart/form-data)
    raw,  ///< a raw file body with its own Content-Type; members go into the query string
};

namespace endpoints {

/// `POST videos/ltx-create`. Never retried after an ambiguous failure: each accepted
/// request is a paid job.
struct create_video {
    using request = ltx_create_request;
    using response = ltx_create_response;
    static constexpr std::string_view method = "POST";
    static constexpr std::string_view path = "videos/ltx-create";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `GET assets/{jobId}`.
struct get_job {
    using request = get_job_request;
    using response = job;
    static constexpr std::string_view method = "GET";
    static constexpr std::string_view path = "assets/{jobId}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `POST assets/`. Not retried after an ambiguous failure: a second upload would store a
/// second asset.
struct upload_asset {
    using request = upload_asset_request;
    using response = upload_asset_response;
    static constexpr std::string_view method = "POST";
    static constexpr std::string_view path = "assets/";
    static constexpr body_encoding body = body_encoding::raw;
    static constexpr bool retry_safe = false;
};

/// `GET assets/`.
struct list_assets {
    using request = list_assets_request;
    using response = asset_page;
    static constexpr std::string_view method = "GET";
    static constexpr std::string_view path = "assets/";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `POST accounts`. Create-or-update with the same body is idempotent, so a retry is safe.
struct configure_account {
    using request = account_request;
    using response = account;
    static constexpr std::string_view method = "POST";
    static constexpr std::string_view path = "accounts";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = true;
};

/// `GET accounts/{email}`.
struct get_account {
    using request = get_account_request;
    using response = account;
    static constexpr std::string_view method = "GET";
    static constexpr std::string_view path = "accounts/{email}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

} // namespace endpoints

/// True when `name` is a `{placeholder}` of the endpoint's path template.
template <class Endpoint> constexpr bool is_path_param(std::string_view name) {
    const std::string_view p = Endpoint::path;
    for (std::size_t open = p.find('{'); open != std::string_view::npos;
         open = p.find('{', open + 1)) {
        const auto close = p.find('}', open);
        if (p.substr(open + 1, close - open - 1) == name)
            return true;
    }
    return false;
}

/// The request target relative to the API base URL: the path template with each
/// `{member}` replaced by that member's value, percent-encoded, then `?query` when the
/// endpoint sends its members in the query string and some are set.
template <class Endpoint> std::string request_target(const typename Endpoint::request& req) {
    std::string out{};
    const std::string_view p = Endpoint::path;
    std::size_t pos = 0;
    while (pos < p.size()) {
        const auto open = p.find('{', pos);
        out.append(p.substr(pos, open - pos));
        if (open == std::string_view::npos)
            break;
        const auto close = p.find('}', open);
        const auto name = p.substr(open + 1, close - open - 1);
        reflect::for_each_form_field(req, [&](std::string_view member, std::string_view text) {
            if (member == name)
                detail::percent_encode(text, out);
        });
        pos = close + 1;
    }
    if constexpr (Endpoint::body != body_encoding::json) {
        std::string query;
        reflect::write_query(req, query,
                             [](std::string_view n) { return is_path_param<Endpoint>(n); });
        if (!query.empty())
            out += "?" + query;
    }
    return out;
}

} // namespace ltx

#endif
// ---- end ltx/api/endpoints.hpp ----
// ---- begin ltx/validation_error.hpp ----
// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_VALIDATION_ERROR_HPP
#define LTX_VALIDATION_ERROR_HPP


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
// ---- end ltx/validation_error.hpp ----

#endif
// ---- end ltx/ltx.hpp ----
