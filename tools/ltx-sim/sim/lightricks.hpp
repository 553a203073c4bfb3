// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The official LTX API (api.ltx.video) as the simulator serves it, beside the LTX Studio API on
// the same two listeners: its paths (`/v1/<generator>`, `/v1/upload`, `/v2/...`) do not meet
// the Studio ones (`/v1/ltxstudio/...`, `/videos/...`, ...). Requests are decoded into the
// library's models of `ltx::lightricks` and checked by its validation, against the same matrix
// table; answers are its models and its error envelope, each with an `x-request-id`.
//
// The reference's open points, as built here:
// - a job spends the first third of `--speed` in `pending`, the rest in `processing`, then is
//   `completed`; a prompt holding `[fail]` makes it `failed` (`api_error`) instead;
// - a prompt holding `[filtered]` is refused with 422 `content_filtered_error` (the reference
//   puts the content filter last among the checks, after the limits);
// - the inputs of retake, extend, HDR and reframe are not read: their result is a 5 s video
//   (reframe: in the requested shape);
// - the concurrency limit (`--lx-concurrency` per API key, default 2; its 429's `Retry-After` is
//   the whole seconds until the key's first running job ends), the request-rate limit
//   (`--lx-rate-limit`, per minute, default off), the credits (`--lx-credits`, seconds of
//   output, default unlimited) and retention (`--lx-retention`, default 24 h) are options.
#ifndef LTX_SIM_LIGHTRICKS_HPP
#define LTX_SIM_LIGHTRICKS_HPP

#include "artifacts.hpp"
#include "decode.hpp"
#include "ids.hpp"
#include "options.hpp"
#include "render.hpp"
#include "reply.hpp"
#include "session.hpp"

#include <ltx/http/headers.hpp>
#include <ltx/lightricks.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ltx::sim {

namespace lx = ltx::lightricks;

/// The official LTX API's side of the simulator. Not synchronised: the server calls it from
/// its one thread.
class lightricks_service {
public:
    /// The retry delay every 429 asks for, in seconds.

    lightricks_service(const options& o, artifact_set& a, std::string storage_base,
                       std::uint64_t seed)
        : opts_(o), artifacts_(a), storage_base_(std::move(storage_base)), ids_(seed) {}

    /// Whether `path` (without its query) is one of this API's.
    static bool owns(std::string_view path) {
        return (path.starts_with("/v1/") && !path.starts_with("/v1/ltxstudio/")) ||
               path.starts_with("/v2/");
    }

    /// Whether `path` is one of this API's on the storage listener.
    static bool owns_storage(std::string_view path) { return path.starts_with("/lx/"); }

    /// Jobs accepted so far (v1 and v2).
    std::uint64_t jobs_created() const noexcept { return created_; }

    /// Forgets every job, upload, credit spent and request of the rate window; ids come from
    /// `seed` again, as after construction.
    void reset(std::uint64_t seed) {
        ids_ = prng{seed};
        jobs_.clear();
        uploads_.clear();
        created_ = 0;
        balance_.reset();
        window_start_ = 0;
        window_count_ = 0;
    }

    /// Answers an API request at `now` (milliseconds since the epoch).
    api_reply handle(const api_request& req, std::int64_t now) {
        auto reply = route(req, now);
        reply.headers.emplace_back("x-request-id", "req_" + uuid::random(ids_).str());
        return reply;
    }

    /// Answers a request to the storage listener under `/lx/`: the PUT of an upload, the GET
    /// of a result.
    response_t storage(const request_t& req, std::int64_t now) {
        namespace http = boost::beast::http;
        const std::string_view target = req.target();
        const auto path = target.substr(0, target.find('?'));
        const auto query = target.find('?') == std::string_view::npos
                               ? std::string_view{}
                               : target.substr(target.find('?') + 1);
        if (path.starts_with("/lx/uploads/")) {
            if (req.method() != http::verb::put)
                return plain(405, "PUT only");
            const auto it = uploads_.find(std::string{path.substr(12)});
            if (it == uploads_.end() || query != "signature=" + it->second.signature)
                return plain(403, "SignatureDoesNotMatch");
            auto& u = it->second;
            if (now > u.created + hour_ms)
                return plain(403, "the upload URL expired");
            if (req[upload_header] != u.header_value)
                return plain(403, "a required header is missing or changed");
            if (req.body().size() > upload_limit)
                return plain(413, "EntityTooLarge");
            u.stored = true;
            u.size = req.body().size();
            return plain(200, "");
        }
        if (path.starts_with("/lx/results/") && path.ends_with(".mp4")) {
            if (req.method() != http::verb::get && req.method() != http::verb::head)
                return plain(405, "GET only");
            const auto id = std::string{path.substr(12, path.size() - 12 - 4)};
            const auto it = jobs_.find(id);
            if (it == jobs_.end() || query != "signature=" + it->second.signature ||
                status_of(it->second, now) != "completed" ||
                now > it->second.ends + opts_.lx_retention.count() * 1000)
                return plain(404, "NoSuchKey");
            response_t res{http::status::ok, 11};
            res.set(http::field::content_type, "video/mp4");
            res.body() = *video_of(it->second);
            return res;
        }
        return plain(404, "NoSuchKey");
    }

private:
    static constexpr std::int64_t hour_ms = 3'600'000;
    static constexpr std::uint64_t upload_limit = 100ull << 20;
    static constexpr std::string_view upload_header = "x-ltx-upload-token";

    struct job {
        lx::generator endpoint{};
        std::string signature;
        std::int64_t created = 0;
        std::int64_t ends = 0;
        bool fails = false;
        frame_aspect aspect = frame_aspect::landscape;
        unsigned seconds = 5;
        std::string key; // the API key that submitted it: the concurrency limit is per key
    };
    struct upload {
        std::string signature;
        std::string header_value;
        std::int64_t created = 0;
        bool stored = false;
        std::uint64_t size = 0;
    };
    /// What a generator request asks for: the result's shape, and the markers of its prompt.
    struct order {
        frame_aspect aspect = frame_aspect::landscape;
        unsigned seconds = 5;
        std::string prompt;
    };

    static api_reply error(unsigned status, std::string_view type, std::string message) {
        lx::error_envelope e{"error", lx::error_detail{std::string{type}, std::move(message)}};
        return {status, reflect::to_json(e)};
    }

    static response_t plain(unsigned status, std::string text) {
        response_t res{static_cast<boost::beast::http::status>(status), 11};
        res.set(boost::beast::http::field::content_type, "text/plain");
        res.body() = std::move(text);
        return res;
    }

    // The checks in the reference's order: authentication, path and method, body size, JSON
    // and fields, limits, content filter.
    api_reply route(const api_request& req, std::int64_t now) {
        if (!bearer_authorized(req.authorization, opts_.tokens))
            return error(401, "authentication_error", "Invalid or missing API key");
        const auto path = req.target.substr(0, req.target.find('?'));
        const bool post = req.method == "POST";
        if (path == "/v1/upload")
            return post ? create_upload(now) : not_allowed();
        if (path.starts_with("/v2/") && std::count(path.begin(), path.end(), '/') == 3) {
            if (req.method != "GET")
                return not_allowed();
            const auto rest = path.substr(4);
            const auto slash = rest.find('/');
            return status(rest.substr(0, slash), rest.substr(slash + 1), now);
        }
        const bool v1 = path.starts_with("/v1/");
        const auto name = path.substr(4);
        const auto gen = reflect::from_wire<lx::generator>(name);
        if (!gen || (v1 && (*gen == lx::generator::video_to_video_hdr ||
                            *gen == lx::generator::video_to_video_reframe)))
            return error(404, "not_found_error", "No such endpoint");
        if (!post)
            return not_allowed();
        if (req.body.size() > (32u << 20))
            return error(413, "request_too_large", "The body is over 32 MiB");
        switch (*gen) {
        case lx::generator::text_to_video:
            return generate<lx::text_to_video_request>(req, *gen, v1, now);
        case lx::generator::image_to_video:
            return generate<lx::image_to_video_request>(req, *gen, v1, now);
        case lx::generator::audio_to_video:
            return generate<lx::audio_to_video_request>(req, *gen, v1, now);
        case lx::generator::retake:
            return generate<lx::retake_request>(req, *gen, v1, now);
        case lx::generator::extend:
            return generate<lx::extend_request>(req, *gen, v1, now);
        case lx::generator::video_to_video_hdr:
            return generate<lx::hdr_request>(req, *gen, v1, now);
        case lx::generator::video_to_video_reframe:
            return generate<lx::reframe_request>(req, *gen, v1, now);
        }
        return error(404, "not_found_error", "No such endpoint");
    }

    static api_reply not_allowed() {
        return error(405, "invalid_request_error", "Method not allowed");
    }

    // The API refuses a number with a fraction or exponent for an integer field (`6.0` for
    // `duration`), which the library's decoder reads as the integer it equals.
    template <class Request>
    static std::optional<std::string> check_integers(const boost::json::object& body) {
        std::optional<std::string> bad;
        reflect::for_each_member<Request>([&](auto d) {
            using member_t = std::remove_cvref_t<decltype(std::declval<Request>().*d.pointer)>;
            if constexpr (std::is_same_v<member_t, std::optional<int>> ||
                          std::is_same_v<member_t, int>) {
                const auto* v = body.if_contains(d.name);
                if (!bad && v && v->is_double())
                    bad = std::string{d.name} + ": expected an integer";
            }
        });
        return bad;
    }

    // A storage URI in a request must name an upload whose PUT succeeded, within 24 h.
    std::optional<std::string> check_uris(const boost::json::object& body, std::int64_t now) {
        for (const auto& [key, value] : body) {
            if (!key.ends_with("_uri") || !value.is_string())
                continue;
            const std::string_view uri = value.get_string();
            constexpr std::string_view scheme = "ltx://uploads/";
            if (!uri.starts_with(scheme))
                continue;
            const auto it = uploads_.find(std::string{uri.substr(scheme.size())});
            if (it == uploads_.end() || !it->second.stored ||
                now > it->second.created + 24 * hour_ms)
                return std::string{key} + ": no such upload, not uploaded yet, or expired";
        }
        return std::nullopt;
    }

    template <class Request> static order order_of(const Request& r) {
        order o;
        if constexpr (requires { r.duration; }) {
            if constexpr (std::is_same_v<decltype(r.duration), std::optional<int>>)
                o.seconds = static_cast<unsigned>(r.duration.value_or(5));
        }
        if constexpr (requires { r.resolution; }) {
            if (r.resolution) {
                const auto wire = *reflect::to_wire(*r.resolution);
                const auto x = wire.find('x');
                const auto w = std::stoi(std::string{wire.substr(0, x)});
                const auto h = std::stoi(std::string{wire.substr(x + 1)});
                o.aspect = w > h   ? frame_aspect::landscape
                           : w < h ? frame_aspect::portrait
                                   : frame_aspect::square;
            }
        }
        if constexpr (std::is_same_v<Request, lx::audio_to_video_request>)
            o.seconds = 5; // as long as the audio, which the simulator does not read
        if constexpr (requires { r.prompt; }) {
            if constexpr (std::is_same_v<decltype(r.prompt), std::string>)
                o.prompt = r.prompt;
            else
                o.prompt = r.prompt.value_or("");
        }
        return o;
    }

    template <class Request>
    api_reply generate(const api_request& req, lx::generator gen, bool v1, std::int64_t now) {
        boost::json::error_code jec;
        auto doc = reflect::parse_json(req.body, jec);
        if (jec || !doc.is_object())
            return error(400, "invalid_request_error", "The body is not a JSON object");
        Request r;
        reflect::json_error err;
        if (!reflect::read_json_value(doc, r, err))
            return error(400, "invalid_request_error", decode_error_text(err));
        if (const auto v = reflect::validate(r); !v.empty())
            return error(400, "invalid_request_error", violations_text(v));
        if (auto bad = check_integers<Request>(doc.as_object()))
            return error(400, "invalid_request_error", *bad);
        if (auto bad = check_uris(doc.as_object(), now))
            return error(400, "invalid_request_error", *bad);
        const auto o = order_of(r);
        // Credits (402), then the request rate and the concurrency (429), as the reference
        // orders its checks. A job costs its seconds of output; the balance is the
        // simulator's, shared by its keys.
        if (!balance_)
            balance_ = opts_.lx_credits;
        if (balance_ && *balance_ < static_cast<std::int64_t>(o.seconds))
            return error(402, "insufficient_funds_error",
                         "Insufficient funds. Required: " + std::to_string(o.seconds) +
                             " s of credit");
        if (opts_.lx_rate_limit > 0) {
            if (now >= window_start_ + 60'000) {
                window_start_ = now;
                window_count_ = 0;
            }
            if (window_count_ >= opts_.lx_rate_limit) {
                auto e =
                    error(429, "rate_limit_error", "Too many requests. Please try again later.");
                const auto wait =
                    std::max<std::int64_t>(1, (window_start_ + 60'000 - now + 999) / 1000);
                e.headers.emplace_back("Retry-After", std::to_string(wait));
                return e;
            }
            ++window_count_;
        }
        const std::string key{bearer_token(req.authorization)};
        if (const auto slot = next_slot(key, now)) {
            auto e = error(429, "concurrency_limit_error",
                           "Too many concurrent requests. Please try again later.");
            // Whole seconds until the key's first running job ends, at least 1.
            e.headers.emplace_back("Retry-After",
                                   std::to_string(std::max<std::int64_t>(1, (*slot + 999) / 1000)));
            return e;
        }
        if (o.prompt.find("[filtered]") != std::string::npos)
            return error(422, "content_filtered_error", "The request was stopped by the filters");
        if (balance_)
            *balance_ -= static_cast<std::int64_t>(o.seconds);
        ++created_;
        job j{gen,
              sign(ids_.next(), "lx"),
              now,
              now + opts_.speed.count(),
              o.prompt.find("[fail]") != std::string::npos,
              o.aspect,
              o.seconds,
              key};
        if (gen == lx::generator::video_to_video_reframe)
            j.seconds = 5;
        if (v1) {
            if (j.fails)
                return error(500, "api_error", "The render failed");
            auto video = video_of(j);
            if (!video)
                return error(500, "api_error", "No video of that shape");
            api_reply ok{200, *video};
            ok.content_type = "video/mp4";
            return ok;
        }
        const auto id = uuid::random(ids_).str();
        jobs_.emplace(id, std::move(j));
        return {202, reflect::to_json(lx::submitted_job{id, iso_utc(now)})};
    }

    std::shared_ptr<const std::string> video_of(const job& j) const {
        return artifacts_.video(j.seconds, j.aspect);
    }

    static std::string_view status_of(const job& j, std::int64_t now) {
        if (now >= j.ends)
            return j.fails ? "failed" : "completed";
        return now < j.created + (j.ends - j.created) / 3 ? "pending" : "processing";
    }

    // When `key` already runs `--lx-concurrency` jobs: the milliseconds until the first of them
    // ends; else nullopt.
    std::optional<std::int64_t> next_slot(std::string_view key, std::int64_t now) const {
        int n = 0;
        std::int64_t first_end = std::numeric_limits<std::int64_t>::max();
        for (const auto& [id, j] : jobs_)
            if (now < j.ends && j.key == key) {
                ++n;
                first_end = std::min(first_end, j.ends);
            }
        if (n < opts_.lx_concurrency)
            return std::nullopt;
        return first_end - now;
    }

    api_reply status(std::string_view endpoint, std::string_view id, std::int64_t now) {
        const auto gen = reflect::from_wire<lx::generator>(endpoint);
        const auto it = jobs_.find(std::string{id});
        if (!gen || it == jobs_.end() || it->second.endpoint != *gen)
            return error(404, "not_found_error", "No such job");
        const auto& j = it->second;
        lx::job_status s;
        s.status = std::string{status_of(j, now)};
        s.id = it->first;
        s.created_at = iso_utc(j.created);
        if (now >= j.ends) {
            if (now > j.ends + opts_.lx_retention.count() * 1000)
                return error(404, "not_found_error", "No such job");
            s.completed_at = iso_utc(j.ends);
            if (j.fails)
                s.error = lx::error_detail{"api_error", "The render failed"};
            else
                s.result = lx::job_result{storage_base_ + "/lx/results/" + it->first +
                                              ".mp4?signature=" + j.signature,
                                          std::nullopt};
        }
        return ok_reply(s);
    }

    api_reply create_upload(std::int64_t now) {
        const auto id = uuid::random(ids_).str();
        upload u{sign(ids_.next(), "up"), sign(ids_.next(), "hdr"), now};
        lx::upload_ticket t;
        t.upload_url = storage_base_ + "/lx/uploads/" + id + "?signature=" + u.signature;
        t.storage_uri = "ltx://uploads/" + id;
        t.expires_at = iso_utc(now + hour_ms);
        t.required_headers.emplace(std::string{upload_header}, u.header_value);
        uploads_.emplace(id, std::move(u));
        return ok_reply(t);
    }

    const options& opts_;
    artifact_set& artifacts_;
    std::string storage_base_;
    prng ids_;
    std::map<std::string, job, std::less<>> jobs_;
    std::map<std::string, upload, std::less<>> uploads_;
    std::uint64_t created_ = 0;
    std::optional<std::int64_t> balance_{};
    std::int64_t window_start_ = 0;
    int window_count_ = 0;
};

} // namespace ltx::sim

#endif
