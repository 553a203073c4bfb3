// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// One traits type per endpoint of the LTX Studio API v1. The client is written against
// these alone: adding an endpoint is a request model, a response model and one struct here.
#ifndef LTX_API_ENDPOINTS_HPP
#define LTX_API_ENDPOINTS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/accounts.hpp>
#include <ltx/api/assets.hpp>
#include <ltx/api/images.hpp>
#include <ltx/api/job.hpp>
#include <ltx/api/scheduler.hpp>
#include <ltx/api/videos.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/http/method.hpp>
#include <ltx/reflect.hpp>

#include <string>
#include <string_view>
#include <tuple>

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
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "videos/ltx-create";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST videos/veo-create`. Never retried after an ambiguous failure: each accepted request is
/// a paid job.
struct create_veo_video {
    using request = veo_create_request;
    using response = veo_create_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "videos/veo-create";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST images/create` (the old path `images/flux-create` is an alias). Never retried after an
/// ambiguous failure: each accepted request is a paid job.
struct create_image {
    using request = image_create_request;
    using response = image_job_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "images/create";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST images/edit` (the old path `images/flux-edit` is an alias). Never retried after an
/// ambiguous failure: each accepted request is a paid job.
struct edit_image {
    using request = image_edit_request;
    using response = image_job_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "images/edit";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `POST images/upscale`. Never retried after an ambiguous failure: each accepted request is a
/// paid job.
struct upscale_image {
    using request = image_upscale_request;
    using response = image_job_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "images/upscale";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = false;
};

/// `GET assets/{jobId}`: a video or an image job.
struct get_job {
    using request = get_job_request;
    using response = job;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "assets/{jobId}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `POST assets/`. Not retried after an ambiguous failure: a second upload would store a
/// second asset.
struct upload_asset {
    using request = upload_asset_request;
    using response = upload_asset_response;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "assets/";
    static constexpr body_encoding body = body_encoding::raw;
    static constexpr bool retry_safe = false;
};

/// `GET assets/`.
struct list_assets {
    using request = list_assets_request;
    using response = asset_page;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "assets/";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `POST accounts`. Create-or-update with the same body is idempotent, so a retry is safe.
struct configure_account {
    using request = account_request;
    using response = account;
    static constexpr http::method method = http::method::post;
    static constexpr std::string_view path = "accounts";
    static constexpr body_encoding body = body_encoding::json;
    static constexpr bool retry_safe = true;
};

/// `GET accounts/{email}`.
struct get_account {
    using request = get_account_request;
    using response = account;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "accounts/{email}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `GET accounts`: every configured account, keyed by e-mail.
struct list_accounts {
    using request = no_parameters;
    using response = account_map;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "accounts";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `DELETE accounts/{email}`: `204 No Content` (the reference's choice, "Open questions"). Retried
/// after an ambiguous failure: removing a configuration twice leaves the same state as removing it
/// once (DELETE is idempotent). A retry after a first attempt that removed it while its answer was
/// lost reports `errc::not_found`, which says what the caller wanted: the account is not
/// configured.
struct delete_account {
    using request = delete_account_request;
    using response = no_content;
    static constexpr http::method method = http::method::delete_;
    static constexpr std::string_view path = "accounts/{email}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `GET scheduler`: the jobs now running.
struct list_scheduled_jobs {
    using request = no_parameters;
    using response = scheduled_jobs;
    static constexpr http::method method = http::method::get;
    static constexpr std::string_view path = "scheduler";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// `DELETE scheduler/{jobId}`: `204 No Content` (the reference's choice); the scheduler stops
/// tracking the job (no webhook), which goes on. Retried after an ambiguous failure: it creates
/// nothing and costs nothing, and a second attempt leaves the job untracked as the first did; one
/// whose first attempt took effect unseen reports `errc::not_found` (the job is not tracked any
/// more).
struct cancel_scheduled_job {
    using request = cancel_scheduled_job_request;
    using response = no_content;
    static constexpr http::method method = http::method::delete_;
    static constexpr std::string_view path = "scheduler/{jobId}";
    static constexpr body_encoding body = body_encoding::none;
    static constexpr bool retry_safe = true;
};

/// Every endpoint above: what a server of the API answers (the simulator routes from this list).
using all = std::tuple<create_video, create_veo_video, create_image, edit_image, upscale_image,
                       get_job, upload_asset, list_assets, configure_account, get_account,
                       list_accounts, delete_account, list_scheduled_jobs, cancel_scheduled_job>;

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

namespace detail {

/// Appends `request_target<Endpoint>(req)` to `out`.
template <class Endpoint>
void append_request_target(const typename Endpoint::request& req, std::string& out) {
    const std::string_view p = Endpoint::path;
    // Sized first, so that `out` grows once: the template's length bounds its literal text,
    // and one more byte holds a query's `?`.
    std::size_t size = out.size() + p.size() + 1;
    if constexpr (Endpoint::path.find('{') != std::string_view::npos) {
        reflect::for_each_form_field(req, [&](std::string_view member, std::string_view text) {
            if (is_path_param<Endpoint>(member))
                size += ltx::detail::percent_encoded_size(text);
        });
    }
    out.reserve(size);
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
        // write_query puts no `&` right after the `?`; a `?` without members is dropped.
        out += '?';
        reflect::write_query(req, out,
                             [](std::string_view n) { return is_path_param<Endpoint>(n); });
        if (out.back() == '?')
            out.pop_back();
    }
}

/// True when every target of the path template is a relative path whose first segment is
/// literal, as `videos/ltx-create` or `assets/{jobId}`: resolved against a base URL it is
/// the base's directory followed by the target, whatever the placeholders hold.
constexpr bool is_relative_path_template(std::string_view p) {
    if (p.empty() || !ltx::detail::is_alpha(p.front()))
        return false;
    for (char c : p.substr(0, p.find_first_of("/{")))
        if (c == ':' || c == '?' || c == '#' || c == '}')
            return false;
    return true;
}

} // namespace detail

/// The request target relative to the API base URL: the path template with each
/// `{member}` replaced by that member's value, percent-encoded, then `?query` when the
/// endpoint sends its members in the query string and some are set.
template <class Endpoint> std::string request_target(const typename Endpoint::request& req) {
    std::string out;
    detail::append_request_target<Endpoint>(req, out);
    return out;
}

} // namespace ltx

#endif
