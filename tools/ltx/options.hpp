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

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ltx_cli {

/// `startAssetId` -> `start-asset-id`, `audioSFX` -> `audio-sfx`, `last_frame` -> `last-frame`.
inline std::string kebab(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == '_') {
            out += '-';
            continue;
        }
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
    void add_to(CLI::App& app, const std::vector<std::string_view>& skip = {}) {
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

    /// Names `flag` as the option of `member`, which `add_to` skipped and the command takes
    /// under another name (`--start` for `startAssetId`).
    void name_option(std::string member, std::string flag) {
        renamed_[std::move(member)] = std::move(flag);
    }

    /// Overlays the given options on `base` (a JSON object, possibly empty: the `--request`
    /// file when `from_file`) and decodes the result into `out` with the library's decoder.
    /// Each option's text is read as the library reads form text
    /// (`reflect::form_field_value`). On failure returns a message naming what the user wrote:
    /// the option (`--seed: expected an integer`) when the value came from one, else the JSON
    /// path in the request file (`request: duration: unknown value, ...`); a member that is
    /// missing with no request file is named by its option (`--prompt: missing required
    /// field`).
    std::optional<std::string> apply(boost::json::object base, Request& out,
                                     bool from_file = false) const {
        std::vector<std::string> from_options;
        for (const auto& [name, set] : flags_)
            if (set) {
                base[name] = true;
                from_options.push_back(name);
            }
        for (const auto& [name, text] : values_) {
            const auto opt = given_.find(name);
            if (opt == given_.end() || opt->second->count() == 0)
                continue;
            base[name] = ltx::reflect::form_field_value<Request>(name, text);
            from_options.push_back(name);
        }
        ltx::reflect::json_error err;
        if (ltx::reflect::read_json_value(boost::json::value(std::move(base)), out, err))
            return std::nullopt;
        const std::string member = err.path.substr(0, err.path.find_first_of(".["));
        const auto option = [&] {
            const auto it = renamed_.find(member);
            return it == renamed_.end() ? "--" + kebab(err.path)
                                        : it->second + err.path.substr(member.size());
        };
        for (const auto& name : from_options)
            if (name == member && !member.empty())
                return option() + ": " + err.message;
        if (!from_file && !member.empty())
            return option() + ": " + err.message;
        return "request: " + (err.path.empty() ? "" : err.path + ": ") + err.message;
    }

private:
    template <class T> struct unwrap { using type = T; };
    template <class T> struct unwrap<std::optional<T>> { using type = T; };
    template <class T> using unwrapped = typename unwrap<T>::type;

    std::map<std::string, std::string> values_;
    std::map<std::string, bool> flags_;
    std::map<std::string, CLI::Option*> given_;
    std::map<std::string, std::string> renamed_;
};

} // namespace ltx_cli

#endif
