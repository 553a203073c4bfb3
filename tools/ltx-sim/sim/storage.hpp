// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The storage listener: serves the files behind signed asset URLs, refuses expired or forged
// ones with 403, and records every request it receives so tests can check what reached it
// (no API token must). A request that carries an Authorization header is refused with 400 and
// counted (`storageAuthorized`), so that a leaked token shows. `/_sim/requests` and
// `/_sim/stats` show the record and the counters.
#ifndef LTX_SIM_STORAGE_HPP
#define LTX_SIM_STORAGE_HPP

#include "decode.hpp"
#include "lightricks.hpp"
#include "reply.hpp"
#include "session.hpp"
#include "stats.hpp"
#include "store.hpp"

#include <ltx/detail/ascii.hpp>

#include <boost/describe/class.hpp>

#include <charconv>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ltx::sim {

/// The storage listener's handler.
class storage {
public:
    /// A job's file comes from `artifacts`, in the job's shape.
    /// Paths under `/lx/` go to `lx`, the official LTX API's uploads and results, when given.
    storage(store& s, artifact_set& artifacts, lightricks_service* lx = nullptr)
        : s_(s), artifacts_(artifacts), lx_(lx) {}

    /// Every request received so far, but those to `/_sim/`. Thread-safe.
    std::vector<recorded_request> requests() const {
        std::lock_guard lock{mutex_};
        return log_;
    }

    /// Forgets the recorded requests and the count of authorized ones; call on the server's
    /// thread.
    void reset() {
        {
            std::lock_guard lock{mutex_};
            log_.clear();
        }
        authorized_ = 0;
    }

    /// The counters now; call on the server's thread.
    sim_stats stats(std::int64_t now) {
        const auto& c = s_.stats();
        std::uint64_t active = 0;
        for (auto& a : s_.accounts())
            active += a.active(now);
        std::lock_guard lock{mutex_};
        return {.jobsCreated = c.jobs_created,
                .jobsActive = active,
                .jobsFailed = c.jobs_failed,
                .uploads = c.uploads,
                .requests = c.requests,
                .connections = c.connections,
                .rejected429 = c.rejected_429,
                .injected5xx = c.injected_5xx,
                .dropped = c.dropped,
                .webhooksSent = c.webhooks_sent,
                .webhooksFailed = c.webhooks_failed,
                .lightricksJobs = lx_ ? lx_->jobs_created() : 0,
                .storageRequests = log_.size(),
                .storageAuthorized = authorized_};
    }

    /// Answers one request at time `now`.
    response_t handle(const request_t& req, std::int64_t now) {
        const std::string_view target = req.target();
        const auto q = target.find('?');
        const auto path = target.substr(0, q);
        if (path == "/_sim/requests")
            return json(200, reflect::to_json(requests()));
        if (path == "/_sim/stats")
            return json(200, reflect::to_json(stats(now)));
        record(req);
        if (req.find(http::field::authorization) != req.end()) {
            ++authorized_;
            return json(400, error_reply(400, "Storage URLs are signed: a request to them carries "
                                              "no Authorization header")
                                 .body);
        }
        if (lx_ && lightricks_service::owns_storage(path))
            return lx_->storage(req, now);
        if (req.method() != http::verb::get && req.method() != http::verb::head) {
            auto res = json(405, error_reply(405, "Method not allowed").body);
            res.set(http::field::allow, "GET, HEAD");
            return res;
        }
        if (!path.starts_with("/files/"))
            return json(404, error_reply(404, "Not found").body);
        const auto fields = parse_query(q == std::string_view::npos ? "" : target.substr(q + 1));
        std::string expires, signature;
        for (const auto& [name, value] : fields.value_or(form_fields{})) {
            if (name == "expires")
                expires = value;
            else if (name == "signature")
                signature = value;
        }
        std::int64_t expires_ms = 0;
        const auto parsed =
            std::from_chars(expires.data(), expires.data() + expires.size(), expires_ms);
        if (parsed.ec != std::errc{} || signature.empty() ||
            signature != sign(s_.signing_key(), std::string{path} + "?expires=" + expires))
            return json(403, error_reply(403, "Invalid signature").body);
        if (now > expires_ms)
            return json(403, error_reply(403, "Signed URL expired").body);
        const auto id = uuid::parse(path.substr(7));
        const auto file = id ? find(*id, now) : std::nullopt;
        if (!file || !file->bytes)
            return json(404, error_reply(404, "No such file").body);
        return bytes(req, *file);
    }

private:
    static response_t json(unsigned status, std::string body) {
        response_t res{static_cast<http::status>(status), 11};
        res.set(http::field::content_type, "application/json");
        res.body() = std::move(body);
        return res;
    }

    void record(const request_t& req) {
        recorded_request r{std::string{req.method_string()}, std::string{req.target()}, {}};
        for (const auto& f : req) {
            auto& v = r.headers[ltx::detail::to_lower(f.name_string())];
            v += (v.empty() ? "" : ", ") + std::string{f.value()};
        }
        std::lock_guard lock{mutex_};
        log_.push_back(std::move(r));
    }

    std::optional<blob> find(const uuid& id, std::int64_t now) const {
        if (const auto u = s_.find_upload(id)) {
            const auto& rec = s_.uploads()[*u];
            if (rec.bytes)
                return blob{rec.mime, rec.bytes};
            std::ifstream f{s_.opts().state_dir / "assets" / rec.id.str(), std::ios::binary};
            if (!f)
                return std::nullopt;
            return blob{rec.mime,
                        std::make_shared<const std::string>(std::istreambuf_iterator<char>{f},
                                                            std::istreambuf_iterator<char>{})};
        }
        if (const auto j = s_.find_artifact(id, now)) {
            const auto& rec = s_.jobs()[*j];
            const auto aspect = frame_aspect{rec.aspect};
            if (rec.flags & job_rec::image)
                return blob{"image/png", artifacts_.image(image_size(aspect, rec.upscales))};
            if (auto video = artifacts_.video(rec.seconds, aspect))
                return blob{"video/mp4", std::move(video)};
        }
        return std::nullopt;
    }

    // The file, or the one range `Range: bytes=a-b` asks for.
    static response_t bytes(const request_t& req, const blob& b) {
        const auto& all = *b.bytes;
        response_t res{http::status::ok, 11};
        res.set(http::field::content_type, b.mime);
        res.set(http::field::accept_ranges, "bytes");
        const std::string_view range = req[http::field::range];
        std::uint64_t first = 0, last = all.empty() ? 0 : all.size() - 1;
        if (range.starts_with("bytes=") && range.find(',') == std::string_view::npos &&
            !all.empty()) {
            const auto spec = range.substr(6);
            const auto dash = spec.find('-');
            const auto a = spec.substr(0, dash);
            const auto z = dash == std::string_view::npos ? "" : spec.substr(dash + 1);
            std::uint64_t x = 0, y = last;
            const bool ok_a =
                a.empty() || std::from_chars(a.data(), a.data() + a.size(), x).ec == std::errc{};
            const bool ok_z =
                z.empty() || std::from_chars(z.data(), z.data() + z.size(), y).ec == std::errc{};
            if (a.empty() && !z.empty()) { // the last y bytes
                x = y >= all.size() ? 0 : all.size() - y;
                y = last;
            }
            if (ok_a && ok_z && dash != std::string_view::npos && x <= y && x < all.size()) {
                first = x;
                last = std::min(y, last);
                res.result(http::status::partial_content);
                res.set(http::field::content_range, "bytes " + std::to_string(first) + "-" +
                                                        std::to_string(last) + "/" +
                                                        std::to_string(all.size()));
            } else if (ok_a && ok_z && dash != std::string_view::npos) {
                res.result(http::status::range_not_satisfiable);
                res.set(http::field::content_range, "bytes */" + std::to_string(all.size()));
                return res;
            }
        }
        res.body() = all.empty() ? std::string{} : all.substr(first, last - first + 1);
        return res;
    }

    store& s_;
    artifact_set& artifacts_;
    lightricks_service* lx_;
    mutable std::mutex mutex_;
    std::vector<recorded_request> log_;
    std::uint64_t authorized_ = 0; // touched on the server's thread only, as stats()
};

} // namespace ltx::sim

#endif
