// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Command-line options generated from a described request: every member becomes `--kebab-name`
// (a flag for booleans), and the given values are assembled into the JSON the API accepts,
// then decoded by the library. One mechanism: the CLI cannot drift from the models.
#ifndef LTX_TOOLS_LTX_OPTIONS_HPP
#define LTX_TOOLS_LTX_OPTIONS_HPP

#include <ltx/detail/ascii.hpp>
#include <ltx/ltx.hpp>

#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <charconv>
#include <map>
#include <optional>
#include <string>

namespace ltx_cli {

/// `startAssetId` -> `start-asset-id`, `audioSFX` -> `audio-sfx`.
inline std::string kebab(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool upper = ltx::detail::is_upper(c);
        if (upper && i > 0 && !ltx::detail::is_upper(name[i - 1]))
            out += '-';
        out += ltx::detail::to_lower(c);
    }
    return out;
}

/// The options of one described request, registered on a CLI11 command.
template <class Request> class request_options {
public:
    /// Adds `--<kebab>` for every member of `Request` except those in `skip`.
    void add_to(CLI::App& app, std::initializer_list<std::string_view> skip = {}) {
        ltx::reflect::for_each_member<Request>([&](auto d) {
            const std::string_view name = d.name;
            for (auto s : skip)
                if (s == name)
                    return;
            using member_t = std::remove_cvref_t<decltype(std::declval<Request>().*d.pointer)>;
            using value_t = unwrapped<member_t>;
            const std::string flag = "--" + kebab(name);
            if constexpr (std::is_same_v<value_t, bool>) {
                app.add_flag(flag, flags_[std::string{name}],
                             "set " + std::string{name} + " (API field)");
            } else {
                std::string help = std::string{name} + " (API field)";
                if constexpr (ltx::reflect::kind_of<value_t> ==
                              ltx::reflect::type_kind::described_enum)
                    help += ": " + ltx::reflect::allowed_names<value_t>();
                given_[std::string{name}] = app.add_option(flag, values_[std::string{name}], help);
            }
        });
    }

    /// Overlays the given options on `base` (a JSON object, possibly empty) and decodes the
    /// result into `out`. On failure returns a message naming the option.
    std::optional<std::string> apply(boost::json::object base, Request& out) const {
        std::optional<std::string> problem;
        ltx::reflect::for_each_member<Request>([&](auto d) {
            if (problem)
                return;
            const std::string name{d.name};
            using member_t = std::remove_cvref_t<decltype(std::declval<Request>().*d.pointer)>;
            using value_t = unwrapped<member_t>;
            if constexpr (std::is_same_v<value_t, bool>) {
                if (auto it = flags_.find(name); it != flags_.end() && it->second)
                    base[name] = true;
            } else {
                const auto it = values_.find(name);
                const auto opt = given_.find(name);
                if (it == values_.end() || opt == given_.end() || opt->second->count() == 0)
                    return;
                if constexpr (ltx::reflect::kind_of<value_t> == ltx::reflect::type_kind::integer) {
                    long long v = 0;
                    const auto& s = it->second;
                    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
                    if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) {
                        problem = "--" + kebab(name) + ": expected an integer";
                        return;
                    }
                    base[name] = v;
                } else {
                    base[name] = it->second;
                }
            }
        });
        if (problem)
            return problem;
        ltx::reflect::json_error err;
        if (!ltx::reflect::read_json_value(boost::json::value(std::move(base)), out, err))
            return (err.path.empty() ? std::string{"request"} : "--" + kebab(err.path)) + ": " +
                   err.message;
        return std::nullopt;
    }

private:
    template <class T> struct unwrap { using type = T; };
    template <class T> struct unwrap<std::optional<T>> { using type = T; };
    template <class T> using unwrapped = typename unwrap<T>::type;

    std::map<std::string, std::string> values_;
    std::map<std::string, bool> flags_;
    std::map<std::string, CLI::Option*> given_;
};

} // namespace ltx_cli

#endif
