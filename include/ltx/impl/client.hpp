// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The LTX Studio client's own calls: the upload (`POST assets/` with a raw body). The calls
// every API shares are in impl/basic_api_client.hpp.
#ifndef LTX_IMPL_CLIENT_HPP
#define LTX_IMPL_CLIENT_HPP

#include <ltx/client.hpp>

#include <optional>

namespace ltx {

template <class Transport, class Clock>
bool basic_client<Transport, Clock>::prepare_upload(http::body body, const upload_options& opts,
                                                    http::request& out, std::error_code& ec,
                                                    diagnostics& diag) const {
    std::string mime = opts.mime_type.value_or(std::string{});
    if (mime.empty()) {
        mime = this->detect_body_mime(body, ec, diag);
        if (ec)
            return false;
    }
    upload_content content{mime, body.size()};
    diag.violations = reflect::validate(content);
    upload_asset_request query{
        opts.email, opts.type.value_or(reflect::default_of<&upload_asset_request::type>())};
    if (!this->template prepare<endpoints::upload_asset>(query, std::move(body), mime, out, ec,
                                                         diag) ||
        !diag.violations.empty()) {
        ec = errc::invalid_request;
        return false;
    }
    return true;
}

template <class Transport, class Clock>
detail::call_recipe<studio_api, upload_asset_response> basic_client<Transport, Clock>::make_upload(
    std::optional<http::body> body, const upload_options& opts, std::error_code ec, diagnostics d) {
    detail::call_recipe<studio_api, upload_asset_response> r{
        false,
        ec,
        std::move(d),
        {},
        this->retry_for(endpoints::upload_asset::retry_safe),
        this->config_.token};
    if (body)
        r.ok = prepare_upload(std::move(*body), opts, r.req, r.ec, r.diag);
    return r;
}

template <class Transport, class Clock>
detail::call_recipe<studio_api, upload_asset_response>
basic_client<Transport, Clock>::make_upload_file(const std::filesystem::path& path,
                                                 const upload_options& opts) {
    std::error_code ec;
    diagnostics d;
    auto file = this->open_file_body(path, ec, d);
    if (!file)
        return make_upload(std::nullopt, opts, ec, std::move(d));
    return make_upload(http::body{std::move(*file)}, opts, {}, {});
}

template <class Transport, class Clock>
upload_asset_response
basic_client<Transport, Clock>::upload_asset(http::body body, const upload_options& opts,
                                             std::error_code& ec, diagnostics& diag) {
    auto make = make_upload(std::move(body), opts, {}, {});
    auto op = make();
    return this->run_sync(op, ec, diag);
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_asset(http::body body,
                                                                   const upload_options& opts) {
    return this->or_throw([&](std::error_code& ec, diagnostics& d) {
        return upload_asset(std::move(body), opts, ec, d);
    });
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_file(const std::filesystem::path& path,
                                                                  const upload_options& opts,
                                                                  std::error_code& ec,
                                                                  diagnostics& diag) {
    auto make = make_upload_file(path, opts);
    auto op = make();
    return this->run_sync(op, ec, diag);
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_file(const std::filesystem::path& path,
                                                                  const upload_options& opts) {
    return this->or_throw(
        [&](std::error_code& ec, diagnostics& d) { return upload_file(path, opts, ec, d); });
}

} // namespace ltx

#endif
