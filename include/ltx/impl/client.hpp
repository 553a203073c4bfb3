// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The synchronous driver of the client: every call validates, builds the HTTP request from
// the endpoint's traits, runs the retry machine over `transport.send`, and maps the answer.
#ifndef LTX_IMPL_CLIENT_HPP
#define LTX_IMPL_CLIENT_HPP

#include <ltx/client.hpp>

#include <fstream>
#include <optional>
#include <stdexcept>

namespace ltx {

namespace detail {

// Distinct, reproducible seeds for the jitter of successive calls (splitmix64).
inline std::uint64_t next_seed(std::uint64_t& state) {
    if (state == 0)
        return 0; // random per call
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

template <class R>
concept has_optional_email = requires(R r) {
    r.email = std::optional<std::string>{};
}
&&reflect::kind_of<decltype(R::email)> == reflect::type_kind::optional;

inline bool is_json_content_type(std::string_view v) {
    const auto essence = v.substr(0, v.find(';'));
    std::string lower;
    for (char c : essence)
        if (c != ' ' && c != '\t')
            lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return lower == "application/json" || (lower.size() > 5 && lower.ends_with("+json"));
}

} // namespace detail

template <class Transport, class Clock>
basic_client<Transport, Clock>::basic_client(Transport& transport, ltx::config cfg, Clock clock)
    : transport_(transport), config_(std::move(cfg)), clock_(std::move(clock)),
      seed_(config_.jitter_seed) {
    static_assert(sync_transport<Transport> || async_transport<Transport>,
                  "ltx::basic_client: the transport models neither ltx::sync_transport nor "
                  "ltx::async_transport");
    auto base = http::parse_url(config_.base_url);
    if (!base)
        throw std::invalid_argument("ltx::config::base_url is not an absolute http(s) URL");
    base_ = *base;
    if (!http::is_valid_field_value(config_.token))
        throw std::invalid_argument("ltx::config::token holds characters not allowed in a header");
}

template <class Transport, class Clock>
template <class E>
bool basic_client<Transport, Clock>::prepare(const typename E::request& req, http::body body,
                                             std::string content_type, http::request& out,
                                             std::error_code& ec, diagnostics& diag) const {
    typename E::request r = req;
    if constexpr (detail::has_optional_email<typename E::request>)
        if (!r.email && config_.email)
            r.email = config_.email;
    auto violations = reflect::validate(r);
    if (!violations.empty()) {
        diag.violations.insert(diag.violations.end(), violations.begin(), violations.end());
        ec = errc::invalid_request;
        return false;
    }
    auto url = http::resolve(base_, request_target<E>(r));
    if (!url) {
        ec = errc::invalid_request;
        diag.detail = "the request does not form a valid URL";
        return false;
    }
    out = http::request{};
    out.method = *http::parse_method(E::method);
    out.url = *url;
    // The token goes to the API's own origin and nowhere else.
    if (!config_.token.empty() && out.url.origin() == base_.origin())
        out.headers.set("Authorization", "Bearer " + config_.token);
    out.headers.set("Accept", "application/json");
    out.headers.set("User-Agent", config_.user_agent);
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

template <class Transport, class Clock>
http::response
basic_client<Transport, Clock>::exchange(const http::request& req, bool retry_safe,
                                         const std::shared_ptr<cancellation::state>& cancel,
                                         std::error_code& ec, diagnostics& diag) {
    detail::retry_machine retry{config_.retry, retry_safe, detail::next_seed(seed_)};
    for (;;) {
        if (cancel && cancel->cancelled()) {
            ec = errc::cancelled;
            return {};
        }
        std::error_code tec;
        http::response resp = transport_.send(req, tec);
        const auto d = retry.on_outcome(detail::outcome_of(tec, resp), clock_.now());
        if (d.kind == detail::retry_decision::retry) {
            clock_.sleep_for(d.delay);
            continue;
        }
        if (d.kind == detail::retry_decision::ambiguous) {
            ec = errc::outcome_unknown;
            diag.transport_error = tec;
            return {};
        }
        if (tec) {
            ec = tec;
            diag.transport_error = tec;
            return {};
        }
        ec.clear();
        return resp;
    }
}

template <class Transport, class Clock>
template <class R>
R basic_client<Transport, Clock>::finish(const http::response& resp, std::error_code& ec,
                                         diagnostics& diag) const {
    diag.status = resp.status;
    if (!resp.ok()) {
        ec = errc_from_status(resp.status);
        error_body body;
        reflect::json_error ignored;
        if (reflect::read_json(resp.body, body, ignored) && body.error)
            diag.server_message = detail::redact(*body.error, config_.token);
        return R{};
    }
    if (const auto type = resp.headers.find("Content-Type");
        type && !detail::is_json_content_type(*type)) {
        ec = errc::unexpected_response;
        diag.detail = detail::redact("expected a JSON body, got Content-Type " + std::string{*type},
                                     config_.token);
        return R{};
    }
    R out{};
    reflect::json_error err;
    if (!reflect::read_json(resp.body, out, err)) {
        ec = errc::unexpected_response;
        diag.detail = detail::redact(
            "unexpected response body: " + (err.path.empty() ? "" : err.path + ": ") + err.message,
            config_.token);
        return R{};
    }
    ec.clear();
    return out;
}

template <class Transport, class Clock>
void basic_client<Transport, Clock>::raise(std::error_code ec, diagnostics& diag) const {
    if (ec == errc::invalid_request && !diag.violations.empty())
        throw validation_error{std::move(diag.violations)};
    if (ec.category() == error_category())
        throw api_error{ec, std::move(diag)};
    throw std::system_error{ec, diag.to_string(ec)};
}

template <class Transport, class Clock>
template <class F>
auto basic_client<Transport, Clock>::or_throw(F&& f) {
    std::error_code ec;
    diagnostics diag;
    if constexpr (std::is_void_v<decltype(f(ec, diag))>) {
        f(ec, diag);
        if (ec)
            raise(ec, diag);
    } else {
        auto r = f(ec, diag);
        if (ec)
            raise(ec, diag);
        return r;
    }
}

template <class Transport, class Clock>
template <class E>
typename E::response basic_client<Transport, Clock>::call(const typename E::request& req,
                                                          std::error_code& ec, diagnostics& diag) {
    static_assert(sync_transport<Transport>, "this call needs a transport modelling "
                                             "ltx::sync_transport; use the async_ form");
    diag.clear();
    http::request hr;
    if (!prepare<E>(req, {}, {}, hr, ec, diag))
        return {};
    const auto resp = exchange(hr, E::retry_safe, nullptr, ec, diag);
    if (ec)
        return {};
    return finish<typename E::response>(resp, ec, diag);
}

template <class Transport, class Clock>
template <class E>
typename E::response basic_client<Transport, Clock>::call(const typename E::request& req) {
    return or_throw([&](std::error_code& ec, diagnostics& d) { return call<E>(req, ec, d); });
}

template <class Transport, class Clock>
bool basic_client<Transport, Clock>::prepare_upload(http::body body, const upload_options& opts,
                                                    http::request& out, std::error_code& ec,
                                                    diagnostics& diag) const {
    std::string mime = opts.mime_type;
    if (mime.empty()) {
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
                return false;
            }
            head.resize(static_cast<std::size_t>(in.gcount()));
        }
        mime = std::string{detect_mime(head, name)};
    }
    upload_content content{mime, body.size()};
    diag.violations = reflect::validate(content);
    upload_asset_request query{opts.email,
                               opts.type.empty() ? std::string{asset_type_of(mime)} : opts.type};
    if (!prepare<endpoints::upload_asset>(query, std::move(body), mime, out, ec, diag) ||
        !diag.violations.empty()) {
        ec = errc::invalid_request;
        return false;
    }
    return true;
}

template <class Transport, class Clock>
upload_asset_response
basic_client<Transport, Clock>::upload_asset(http::body body, const upload_options& opts,
                                             std::error_code& ec, diagnostics& diag) {
    diag.clear();
    http::request hr;
    if (!prepare_upload(std::move(body), opts, hr, ec, diag))
        return {};
    const auto resp = exchange(hr, endpoints::upload_asset::retry_safe, nullptr, ec, diag);
    if (ec)
        return {};
    return finish<upload_asset_response>(resp, ec, diag);
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_asset(http::body body,
                                                                   const upload_options& opts) {
    return or_throw([&](std::error_code& ec, diagnostics& d) {
        return upload_asset(std::move(body), opts, ec, d);
    });
}

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_file(const std::filesystem::path& path,
                                                                  const upload_options& opts,
                                                                  std::error_code& ec,
                                                                  diagnostics& diag) {
    diag.clear();
    auto file = open_file_body(path, ec, diag);
    if (!file)
        return {};
    return upload_asset(std::move(*file), opts, ec, diag);
}

template <class Transport, class Clock>
std::optional<http::file_body>
basic_client<Transport, Clock>::open_file_body(const std::filesystem::path& path,
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

template <class Transport, class Clock>
upload_asset_response basic_client<Transport, Clock>::upload_file(const std::filesystem::path& path,
                                                                  const upload_options& opts) {
    return or_throw(
        [&](std::error_code& ec, diagnostics& d) { return upload_file(path, opts, ec, d); });
}

template <class Transport, class Clock>
job basic_client<Transport, Clock>::wait(const std::string& job_id, const wait_options& opts,
                                         std::error_code& ec, diagnostics& diag) {
    diag.clear();
    detail::wait_machine machine{opts, clock_.now()};
    auto step = machine.start();
    job last;
    for (;;) {
        if (opts.cancel && opts.cancel->cancelled()) {
            ec = errc::cancelled;
            return last;
        }
        switch (step.kind) {
        case detail::wait_step::poll: {
            std::error_code pec;
            diagnostics pd;
            job j = get_job(job_id, pec, pd);
            if (pec) {
                step = machine.on_error(pec, clock_.now());
                if (step.kind == detail::wait_step::fail)
                    diag = std::move(pd);
            } else {
                last = std::move(j);
                if (opts.on_progress)
                    opts.on_progress(last);
                step = machine.on_job(last, clock_.now());
            }
            break;
        }
        case detail::wait_step::sleep: {
            const auto now = clock_.now();
            if (step.until > now)
                clock_.sleep_for(std::chrono::ceil<std::chrono::milliseconds>(step.until - now));
            step = machine.start();
            break;
        }
        case detail::wait_step::done:
            ec.clear();
            return last;
        case detail::wait_step::fail:
            ec = step.error;
            if (ec == errc::job_failed && last.status && last.status->message)
                diag.server_message = detail::redact(*last.status->message, config_.token);
            return last;
        }
    }
}

template <class Transport, class Clock>
job basic_client<Transport, Clock>::wait(const std::string& job_id, const wait_options& opts) {
    return or_throw([&](std::error_code& ec, diagnostics& d) { return wait(job_id, opts, ec, d); });
}

template <class Transport, class Clock>
bool basic_client<Transport, Clock>::prepare_download(const std::string& url, http::request& out,
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

template <class Transport, class Clock>
void basic_client<Transport, Clock>::download_url(
    const std::string& url, const std::function<std::error_code(std::string_view)>& sink,
    const download_options& opts, std::error_code& ec, diagnostics& diag) {
    diag.clear();
    http::request hr;
    if (!prepare_download(url, hr, ec, diag))
        return;
    detail::download_machine machine{
        sink, opts, detail::retry_machine{config_.retry, true, detail::next_seed(seed_)}};
    machine.attach(hr);
    for (;;) {
        machine.begin_attempt();
        std::error_code tec;
        const auto resp = transport_.send(hr, tec);
        const auto d = machine.on_attempt(tec, resp, clock_.now(), ec, diag);
        if (d.kind != detail::retry_decision::retry)
            return;
        clock_.sleep_for(d.delay);
    }
}

template <class Transport, class Clock>
void basic_client<Transport, Clock>::download_url(const std::string& url,
                                                  const std::filesystem::path& path,
                                                  const download_options& opts, std::error_code& ec,
                                                  diagnostics& diag) {
    detail::part_file file{path};
    if (!file.is_open()) {
        ec = errc::file_error;
        diag.clear();
        diag.detail = "cannot write " + file.temp_path().string();
        return;
    }
    download_url(
        url, [&](std::string_view chunk) { return file.write(chunk); }, opts, ec, diag);
    file.commit(ec, diag);
}

template <class Transport, class Clock>
void basic_client<Transport, Clock>::download_url(const std::string& url,
                                                  const std::filesystem::path& path,
                                                  const download_options& opts) {
    or_throw([&](std::error_code& ec, diagnostics& d) { download_url(url, path, opts, ec, d); });
}

template <class Transport, class Clock>
void basic_client<Transport, Clock>::download(const job& done, const std::filesystem::path& path,
                                              const download_options& opts, std::error_code& ec,
                                              diagnostics& diag) {
    const auto url = artifact_url(done);
    if (!url) {
        diag.clear();
        ec = errc::no_artifact;
        return;
    }
    download_url(*url, path, opts, ec, diag);
}

template <class Transport, class Clock>
void basic_client<Transport, Clock>::download(const job& done, const std::filesystem::path& path,
                                              const download_options& opts) {
    or_throw([&](std::error_code& ec, diagnostics& d) { download(done, path, opts, ec, d); });
}

} // namespace ltx

#endif
