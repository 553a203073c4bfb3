// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What the API handlers receive and answer, independent of the HTTP library, and the error
// texts of the reference.
#ifndef LTX_SIM_REPLY_HPP
#define LTX_SIM_REPLY_HPP

#include <ltx/api/common.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/reflect.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ltx::sim {

/// One API request, as the server read it.
struct api_request {
    std::string_view method;
    /// Origin-form target: `/assets/?page=2`.
    std::string_view target;
    std::string_view authorization;
    std::string_view content_type;
    std::string_view body;
};

/// One API answer: a status and a body, JSON unless `content_type` says otherwise (none for a
/// 204).
struct api_reply {
    unsigned status = 200;
    std::string body;
    /// The `Allow` header of a 405.
    std::string allow{};
    /// The body's media type.
    std::string content_type = "application/json";
    /// Further headers (`x-request-id`, `Retry-After`).
    std::vector<std::pair<std::string, std::string>> headers{};
};

/// A `pollForResult` wait the server carries out: look at `job` now, then up to `polls` more
/// times, `interval_ms` apart, and answer as soon as it is done.
struct poll_plan {
    std::uint32_t job = 0;
    int polls = 0;
    std::int64_t interval_ms = 0;
};

/// A handler's result: an answer now, or a wait first.
struct api_outcome {
    api_reply reply;
    std::optional<poll_plan> poll{};
};

/// A webhook to send: the job model, POSTed as JSON to the caller's replyUrl.
struct webhook {
    std::string url;
    std::string body;
};

/// The token of `header` when it is `Bearer <token>` (scheme in any case, blanks around the
/// token), else an empty view.
inline std::string_view bearer_token(std::string_view header) {
    constexpr std::string_view scheme = "bearer ";
    if (header.size() <= scheme.size())
        return {};
    if (!ltx::http::iequals(header.substr(0, scheme.size()), scheme))
        return {};
    auto token = header.substr(scheme.size());
    while (!token.empty() && token.front() == ' ')
        token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ')
        token.remove_suffix(1);
    return token;
}

/// Whether `header` carries one of `tokens` as its Bearer token (see `bearer_token`): the API
/// key check of both simulated APIs.
inline bool bearer_authorized(std::string_view header, const std::vector<std::string>& tokens) {
    const auto token = bearer_token(header);
    return !token.empty() && std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

/// `{"error": text, "code": status}`, encoded from the library's `error_body`.
inline api_reply error_reply(unsigned status, std::string text) {
    return {status, reflect::to_json(ltx::error_body{std::move(text), static_cast<int>(status)})};
}

/// `204 No Content`: no body, and no Content-Type.
inline api_reply no_content_reply() {
    return {204, {}};
}

/// A model as a 200 answer.
template <class T> api_reply ok_reply(const T& model) {
    return {200, reflect::to_json(model)};
}

/// The 400 text of violations: each as `field: message (rule)`, joined by `; `. The
/// at-least-one-of rule reads as the reference words it (`startAssetId or endAssetId is
/// required`). `field_name` maps a member path to what the caller sent (a header, the body).
template <class Rename>
std::string violations_text(const std::vector<reflect::violation>& v, Rename field_name) {
    std::string out;
    for (const auto& x : v) {
        if (!out.empty())
            out += "; ";
        if (x.rule == "at_least_one_of")
            out += x.message;
        else
            out += std::string{field_name(x.path)} + ": " + x.message + " (" + x.rule + ")";
    }
    return out;
}

inline std::string violations_text(const std::vector<reflect::violation>& v) {
    return violations_text(v, [](const std::string& p) -> const std::string& { return p; });
}

/// The 400 text of a body or query that did not decode: `seed: expected an integer`.
inline std::string decode_error_text(const reflect::json_error& e) {
    return e.path.empty() ? e.message : e.path + ": " + e.message;
}

} // namespace ltx::sim

#endif
