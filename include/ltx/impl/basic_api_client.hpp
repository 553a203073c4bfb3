// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The client core's calls: each builds one machine of detail/operation.hpp (validating and
// building the HTTP request from the endpoint's traits first) and hands it to a runner: the
// sync loop `detail::run_sync` here, or through `completion_adapter` an async runner.
#ifndef LTX_IMPL_BASIC_API_CLIENT_HPP
#define LTX_IMPL_BASIC_API_CLIENT_HPP

#include <ltx/basic_api_client.hpp>
#include <ltx/mime.hpp>

#include <fstream>
#include <optional>
#include <stdexcept>

namespace ltx {

namespace detail {

template <class R>
concept has_optional_email = requires(R r) {
    r.email = std::optional<std::string>{};
}
&&reflect::kind_of<decltype(R::email)> == reflect::type_kind::optional;

// What url::origin() compares, without building the two strings.
inline bool same_origin(const http::url& a, const http::url& b) noexcept {
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port();
}

} // namespace detail

template <api_description Api, class Transport, class Clock>
basic_api_client<Api, Transport, Clock>::basic_api_client(Transport& transport, ltx::config cfg,
                                                          Clock clock)
    : transport_(transport), config_(std::move(cfg)), clock_(std::move(clock)),
      seed_(config_.jitter_seed) {
    static_assert(sync_transport<Transport> || async_transport<Transport>,
                  "ltx::basic_api_client: the transport models neither ltx::sync_transport nor "
                  "ltx::async_transport");
    auto base = http::parse_url(config_.base_url);
    if (!base)
        throw std::invalid_argument("ltx::config::base_url is not an absolute http(s) URL");
    base_ = std::move(base).value();
    if (!http::is_valid_field_value(config_.token))
        throw std::invalid_argument("ltx::config::token holds characters not allowed in a header");
    if (!config_.token.empty())
        api_headers_.set("Authorization", "Bearer " + config_.token);
    api_headers_.set("Accept", "application/json");
    api_headers_.set("User-Agent", config_.user_agent);
}

template <api_description Api, class Transport, class Clock>
template <class E>
bool basic_api_client<Api, Transport, Clock>::prepare(const typename E::request& req,
                                                      http::body body, std::string content_type,
                                                      http::request& out, std::error_code& ec,
                                                      diagnostics& diag) const {
    if constexpr (detail::has_optional_email<typename E::request>) {
        if (!req.email && config_.email) {
            typename E::request r = req;
            r.email = config_.email;
            return build_request<E>(r, std::move(body), std::move(content_type), out, ec, diag);
        }
    }
    return build_request<E>(req, std::move(body), std::move(content_type), out, ec, diag);
}

template <api_description Api, class Transport, class Clock>
template <class E>
bool basic_api_client<Api, Transport, Clock>::build_request(const typename E::request& r,
                                                            http::body body,
                                                            std::string content_type,
                                                            http::request& out, std::error_code& ec,
                                                            diagnostics& diag) const {
    auto violations = reflect::validate(r);
    if (!violations.empty()) {
        diag.violations.insert(diag.violations.end(), violations.begin(), violations.end());
        ec = errc::invalid_request;
        return false;
    }
    // The base's directory, then the target, in the string that becomes the URL's path.
    static_assert(detail::is_relative_path_template(E::path));
    const std::string_view base_path = base_.path();
    std::string target{base_path.substr(0, base_path.rfind('/') + 1)};
    detail::append_request_target<E>(r, target);
    auto url = http::detail::resolve_owned(base_, std::move(target));
    if (!url) {
        ec = errc::invalid_request;
        diag.detail = "the request does not form a valid URL";
        return false;
    }
    out = http::request{};
    out.method = E::method;
    out.url = std::move(url).value();
    out.headers = api_headers_;
    // The token goes to the API's own origin and nowhere else.
    if (!detail::same_origin(out.url, base_))
        out.headers.erase("Authorization");
    if constexpr (E::body == body_encoding::json) {
        out.headers.set("Content-Type", "application/json");
        out.body = reflect::to_json(r);
    } else if constexpr (E::body == body_encoding::raw) {
        out.headers.set("Content-Type", content_type);
        out.body = std::move(body);
    }
    out.timeout = config_.request_timeout;
    return true;
}

template <api_description Api, class Transport, class Clock>
template <class Op>
typename Op::result_type
basic_api_client<Api, Transport, Clock>::run_sync(Op& op, std::error_code& ec, diagnostics& diag) {
    static_assert(sync_transport<Transport>, "this call needs a transport modelling "
                                             "ltx::sync_transport; use the async_ form");
    detail::run_sync(transport_, clock_, op);
    ec = op.error();
    diag = op.take_diag();
    return op.take_result();
}

template <api_description Api, class Transport, class Clock>
template <class F>
auto basic_api_client<Api, Transport, Clock>::or_throw(F&& f) {
    std::error_code ec;
    diagnostics diag;
    if constexpr (std::is_void_v<decltype(f(ec, diag))>) {
        f(ec, diag);
        if (ec)
            detail::raise(ec, std::move(diag));
    } else {
        auto r = f(ec, diag);
        if (ec)
            detail::raise(ec, std::move(diag));
        return r;
    }
}

template <api_description Api, class Transport, class Clock>
template <class E>
typename E::response basic_api_client<Api, Transport, Clock>::call(const typename E::request& req,
                                                                   std::error_code& ec,
                                                                   diagnostics& diag) {
    auto make = make_call<E>(req);
    auto op = make();
    return run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
template <class E>
detail::call_recipe<Api, typename E::response>
basic_api_client<Api, Transport, Clock>::make_call(const typename E::request& req) {
    detail::call_recipe<Api, typename E::response> r{
        false, {}, {}, {}, retry_for(E::retry_safe), config_.token};
    r.ok = prepare<E>(req, {}, {}, r.req, r.ec, r.diag);
    return r;
}

template <api_description Api, class Transport, class Clock>
template <class E>
typename E::response basic_api_client<Api, Transport, Clock>::call(const typename E::request& req) {
    return or_throw([&](std::error_code& ec, diagnostics& d) { return call<E>(req, ec, d); });
}

template <api_description Api, class Transport, class Clock>
std::string basic_api_client<Api, Transport, Clock>::detect_body_mime(const http::body& body,
                                                                      std::error_code& ec,
                                                                      diagnostics& diag) {
    std::string head;
    std::string name;
    if (const auto* bytes = body.bytes()) {
        head = bytes->substr(0, 64);
    } else {
        name = body.file()->path().filename().string();
        std::ifstream in{body.file()->path(), std::ios::binary};
        head.resize(64);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        if (in.bad() || (!in && in.gcount() == 0 && body.size() != 0)) {
            ec = errc::file_error;
            diag.detail = "cannot read " + body.file()->path().string();
            return {};
        }
        head.resize(static_cast<std::size_t>(in.gcount()));
    }
    return std::string{detect_mime(head, name)};
}

template <api_description Api, class Transport, class Clock>
std::optional<http::file_body>
basic_api_client<Api, Transport, Clock>::open_file_body(const std::filesystem::path& path,
                                                        std::error_code& ec, diagnostics& diag) {
    std::error_code fec;
    http::file_body file{path, fec};
    if (fec) {
        ec = errc::file_error;
        diag.detail = "cannot read " + path.string() + ": " + fec.message();
        return std::nullopt;
    }
    return file;
}

template <api_description Api, class Transport, class Clock>
bool basic_api_client<Api, Transport, Clock>::build_poll(const void* self, const job_ref& job_id,
                                                         http::request& out, std::error_code& ec,
                                                         diagnostics& diag) {
    return static_cast<const basic_api_client*>(self)->template prepare<typename Api::poll>(
        Api::poll_request(job_id), {}, {}, out, ec, diag);
}

template <api_description Api, class Transport, class Clock>
detail::wait_recipe<Api> basic_api_client<Api, Transport, Clock>::make_wait(job_ref job_id,
                                                                            wait_options opts) {
    return {{this, &build_poll}, std::move(job_id), &config_.retry, &seed_,
            std::move(opts),     config_.token};
}

template <api_description Api, class Transport, class Clock>
typename Api::job
basic_api_client<Api, Transport, Clock>::wait(const job_ref& job_id, const wait_options& opts,
                                              std::error_code& ec, diagnostics& diag) {
    auto op = make_wait(job_id, opts)();
    return run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
typename Api::job basic_api_client<Api, Transport, Clock>::wait(const job_ref& job_id,
                                                                const wait_options& opts) {
    return or_throw([&](std::error_code& ec, diagnostics& d) { return wait(job_id, opts, ec, d); });
}

template <api_description Api, class Transport, class Clock>
bool basic_api_client<Api, Transport, Clock>::prepare_download(const std::string& url,
                                                               http::request& out,
                                                               std::error_code& ec,
                                                               diagnostics& diag) const {
    const auto parsed = http::parse_url(url);
    if (!parsed) {
        ec = errc::invalid_request;
        diag.detail = "the download URL is not an absolute http(s) URL";
        return false;
    }
    out = http::request{};
    out.method = http::method::get;
    out.url = *parsed;
    out.headers.set("User-Agent", config_.user_agent); // and no Authorization: not the API host
    out.timeout = config_.request_timeout;
    return true;
}

template <api_description Api, class Transport, class Clock>
detail::download_recipe basic_api_client<Api, Transport, Clock>::make_download(
    std::optional<std::string> url, detail::chunk_sink sink, const std::filesystem::path& path,
    download_options opts) {
    detail::download_recipe r{false,
                              url ? std::error_code{} : std::error_code{errc::no_artifact},
                              {},
                              {},
                              std::move(sink),
                              path,
                              std::move(opts),
                              retry_for(true)};
    if (url)
        r.ok = prepare_download(*url, r.req, r.ec, r.diag);
    return r;
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download_url(
    const std::string& url, const std::function<std::error_code(std::string_view)>& sink,
    const download_options& opts, std::error_code& ec, diagnostics& diag) {
    auto op = make_download(url, sink, {}, opts)();
    run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download_url(const std::string& url,
                                                           const std::filesystem::path& path,
                                                           const download_options& opts,
                                                           std::error_code& ec, diagnostics& diag) {
    auto op = make_download(url, {}, path, opts)();
    run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download_url(const std::string& url,
                                                           const std::filesystem::path& path,
                                                           const download_options& opts) {
    or_throw([&](std::error_code& ec, diagnostics& d) { download_url(url, path, opts, ec, d); });
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download(const job_type& done,
                                                       const std::filesystem::path& path,
                                                       const download_options& opts,
                                                       std::error_code& ec, diagnostics& diag) {
    const auto url = Api::artifact_url(done);
    auto op =
        make_download(url ? std::optional<std::string>{*url} : std::nullopt, {}, path, opts)();
    run_sync(op, ec, diag);
}

template <api_description Api, class Transport, class Clock>
void basic_api_client<Api, Transport, Clock>::download(const job_type& done,
                                                       const std::filesystem::path& path,
                                                       const download_options& opts) {
    or_throw([&](std::error_code& ec, diagnostics& d) { download(done, path, opts, ec, d); });
}

} // namespace ltx

#endif
