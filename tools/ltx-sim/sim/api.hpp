// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The API of the simulator: routing, authentication, and the handlers of every endpoint of
// the reference. Requests are decoded into the library's request models and checked by the
// library's validation, so the simulator refuses exactly what the client refuses; answers are
// the library's response models.
#ifndef LTX_SIM_API_HPP
#define LTX_SIM_API_HPP

#include "accounts.hpp"
#include "decode.hpp"
#include "render.hpp"
#include "reply.hpp"
#include "store.hpp"

#include <ltx/api/assets.hpp>
#include <ltx/api/scheduler.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/api/images.hpp>
#include <ltx/api/videos.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/http/method.hpp>
#include <ltx/http/headers.hpp>
#include <ltx/mime.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <tuple>
#include <type_traits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ltx::sim {

/// The handlers. Not synchronised: the server calls them from its one thread.
class api {
public:
    api(store& s, renderer& r) : s_(s), r_(r) {}

    /// Answers `req` at time `now` (milliseconds since the epoch).
    api_outcome handle(const api_request& req, std::int64_t now) {
        auto target = req.target;
        const auto q = target.find('?');
        const auto query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
        auto path = target.substr(0, q);
        // The hosted API lives under /v1/ltxstudio/; the simulator answers there and at /.
        if (path.starts_with("/v1/ltxstudio/"))
            path.remove_prefix(13);

        // The routes come from the library's endpoint traits (`endpoints::all`): a path the
        // client sends is a path the simulator answers. The first route in `match`'s order with
        // the request's method serves it; none: 405 with `Allow` (the methods of every route of
        // the path); no valid token: 401.
        const auto method = ltx::http::parse_method(req.method);
        const auto matches = match(path);
        if (matches.empty())
            return {error_reply(404, "Not found")};
        const auto chosen = std::find_if(matches.begin(), matches.end(), [&](const auto& m) {
            return method && m.r->method == *method;
        });
        if (chosen == matches.end()) {
            std::vector<ltx::http::method> allowed;
            for (const auto& m : matches)
                allowed.push_back(m.r->method);
            std::sort(allowed.begin(), allowed.end());
            allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
            auto r = error_reply(405, "Method not allowed");
            for (const auto m : allowed) {
                if (!r.allow.empty())
                    r.allow += ", ";
                r.allow += ltx::http::to_string(m);
            }
            return {std::move(r)};
        }
        if (!authorized(req.authorization))
            return {error_reply(401, "Unauthorized")};
        return chosen->r->serve(*this, call{req, query, chosen->param, now});
    }

    /// One look at a `pollForResult` job: the answer when it is done or the plan has no polls
    /// left, else nullopt (one poll used).
    std::optional<api_reply> poll(poll_plan& p, std::int64_t now) {
        auto j = r_.job(p.job, now);
        if (ltx::is_done(j) || ltx::is_failed(j) || p.polls <= 0) {
            j.code = 200;
            return ok_reply(j);
        }
        --p.polls;
        return std::nullopt;
    }

    /// The end of a job whose end needs work: refunds a failed job's credits and returns the
    /// webhook to send, if the caller gave a replyUrl.
    std::optional<webhook> settle(std::uint32_t index, std::int64_t now) {
        auto& j = s_.jobs()[index];
        if (j.flags & job_rec::settled)
            return std::nullopt;
        j.flags |= job_rec::settled;
        if (j.flags & job_rec::failing) {
            s_.accounts()[j.account].credits += j.seconds;
            ++s_.stats().jobs_failed;
        }
        // A job DELETE scheduler/{jobId} stopped tracking owes no webhook (the refund stays).
        const auto* reply = s_.reply_of(index);
        if (!reply || reply->url.empty() || (j.flags & job_rec::untracked))
            return std::nullopt;
        return webhook{reply->url, reflect::to_json(r_.job(index, now, true))};
    }

    bool authorized(std::string_view header) const {
        return bearer_authorized(header, s_.opts().tokens);
    }

private:
    // One request as a route's handler sees it; `param` is the text of the path's `{param}`.
    struct call {
        const api_request& req;
        std::string_view query;
        std::string_view param;
        std::int64_t now;
    };

    // One row of the routing table: an endpoint's method and path template (without a leading
    // or trailing slash), and its handler.
    struct route {
        ltx::http::method method;
        std::string pattern;
        api_outcome (*serve)(api&, const call&);
    };

    struct route_match {
        const route* r;
        std::string_view param;
    };

    // The handler of endpoint `E`; an endpoint of `endpoints::all` without one does not compile.
    template <class E> static api_outcome serve(api& a, const call& c) {
        namespace ep = endpoints;
        if constexpr (std::is_same_v<E, ep::create_video>)
            return a.create_video(c.req, c.now);
        else if constexpr (std::is_same_v<E, ep::create_veo_video>)
            return a.create_veo_video(c.req, c.now);
        else if constexpr (std::is_same_v<E, ep::create_image>)
            return a.create_image(c.req, c.now);
        else if constexpr (std::is_same_v<E, ep::edit_image>)
            return a.edit_image(c.req, c.now);
        else if constexpr (std::is_same_v<E, ep::upscale_image>)
            return a.upscale_image(c.req, c.now);
        else if constexpr (std::is_same_v<E, ep::get_job>)
            return {a.get_job(c.param, c.now)};
        else if constexpr (std::is_same_v<E, ep::upload_asset>)
            return {a.upload_asset(c.req, c.query, c.now)};
        else if constexpr (std::is_same_v<E, ep::list_assets>)
            return {a.list_assets(c.query, c.now)};
        else if constexpr (std::is_same_v<E, ep::configure_account>)
            return {a.accounts_.configure(c.req, c.now)};
        else if constexpr (std::is_same_v<E, ep::get_account>)
            return {a.accounts_.get(c.param)};
        else if constexpr (std::is_same_v<E, ep::list_accounts>)
            return {a.accounts_.list()};
        else if constexpr (std::is_same_v<E, ep::delete_account>)
            return {a.accounts_.remove(c.param)};
        else if constexpr (std::is_same_v<E, ep::list_scheduled_jobs>)
            return {a.list_scheduled_jobs(c.now)};
        else if constexpr (std::is_same_v<E, ep::cancel_scheduled_job>)
            return {a.cancel_scheduled_job(c.param, c.now)};
        else
            static_assert(sizeof(E) == 0, "an endpoint without a handler in the simulator");
    }

    static std::string_view trim_slash(std::string_view p) {
        if (p.ends_with('/'))
            p.remove_suffix(1);
        return p;
    }

    // The table, built once from the traits. The image endpoints also answer at their old
    // names, `images/flux-create` and `images/flux-edit`.
    static const std::vector<route>& routes() {
        static const std::vector<route> table = [] {
            std::vector<route> t;
            const auto add = [&t]<class E>(E*) {
                const std::string pattern{E::path};
                t.push_back({E::method, pattern, &serve<E>});
                if constexpr (std::is_same_v<E, endpoints::create_image> ||
                              std::is_same_v<E, endpoints::edit_image>) {
                    std::string old = pattern;
                    old.insert(old.find('/') + 1, "flux-");
                    t.push_back({E::method, std::move(old), &serve<E>});
                }
            };
            std::apply([&](auto... e) { (add(&e), ...); }, endpoints::all{});
            return t;
        }();
        return table;
    }

    // The routes whose pattern matches `path` (which starts with `/`), in this order: a fixed
    // path equal to it; a path `prefix{param}` whose prefix it starts with (the rest, maybe
    // empty, is the parameter); a fixed path equal to it but for a trailing slash.
    static std::vector<route_match> match(std::string_view path) {
        if (path.starts_with('/'))
            path.remove_prefix(1);
        std::vector<route_match> exact;
        std::vector<route_match> with_param;
        std::vector<route_match> loose;
        for (const auto& r : routes()) {
            const auto open = r.pattern.find('{');
            if (open == std::string::npos) {
                if (path == r.pattern)
                    exact.push_back({&r, {}});
                else if (trim_slash(path) == trim_slash(r.pattern))
                    loose.push_back({&r, {}});
            } else if (path.starts_with(std::string_view{r.pattern}.substr(0, open))) {
                with_param.push_back({&r, path.substr(open)});
            }
        }
        exact.insert(exact.end(), with_param.begin(), with_param.end());
        exact.insert(exact.end(), loose.begin(), loose.end());
        return exact;
    }

    // A generator's request, checked in the reference's order: the body (400), the account
    // (400), the image inputs `images(body)` names (400, each named; null: not given). The
    // account's index, or the 400 answer.
    using image_inputs = std::vector<std::pair<const char*, const std::string*>>;
    template <class Body, class Inputs>
    std::variant<std::uint32_t, api_reply> check_generator(const api_request& req, Body& body,
                                                           std::int64_t now, Inputs images) {
        if (auto e = decode_body(req, body))
            return std::move(*e);
        if (auto v = reflect::validate(body); !v.empty())
            return error_reply(400, violations_text(v));
        auto account = accounts_.resolve(body.email);
        if (!account.error.empty())
            return error_reply(400, std::move(account.error));
        for (const auto& [name, id] : images(body))
            if (id && !known_image(*id, now))
                return error_reply(400, std::string{name} + ": no image asset has this fileId");
        return account.index;
    }

    api_outcome create_video(const api_request& req, std::int64_t now) {
        ltx::ltx_create_request body;
        const auto checked = check_generator(req, body, now, [](const auto& b) -> image_inputs {
            return {{"startAssetId", input(b.startAssetId)}, {"endAssetId", input(b.endAssetId)}};
        });
        if (const auto* e = std::get_if<api_reply>(&checked))
            return {*e};
        const auto duration =
            body.duration.value_or(reflect::default_of<&ltx::ltx_create_request::duration>());
        return start_job(std::get<std::uint32_t>(checked), body, {.seconds = seconds_of(duration)},
                         now);
    }

    api_outcome create_veo_video(const api_request& req, std::int64_t now) {
        ltx::veo_create_request body;
        const auto checked = check_generator(req, body, now, [](const auto& b) -> image_inputs {
            return {{"startAssetId", input(b.startAssetId)}};
        });
        if (const auto* e = std::get_if<api_reply>(&checked))
            return {*e};
        // The per-model default: 5 s for veo2, 8 s (the only length) for veo3 and veo3-fast.
        const auto model =
            body.model.value_or(reflect::default_of<&ltx::veo_create_request::model>());
        const auto duration = body.duration.value_or(
            model == ltx::veo_model::veo2 ? ltx::veo_duration::s5 : ltx::veo_duration::s8);
        return start_job(std::get<std::uint32_t>(checked), body, {.seconds = seconds_of(duration)},
                         now);
    }

    api_outcome create_image(const api_request& req, std::int64_t now) {
        ltx::image_create_request body;
        const auto checked = check_generator(req, body, now, [](const auto& b) -> image_inputs {
            return {{"referenceAssetId", input(b.referenceAssetId)}};
        });
        if (const auto* e = std::get_if<api_reply>(&checked))
            return {*e};
        return start_job(std::get<std::uint32_t>(checked), body, {.seconds = 1, .image = true},
                         now);
    }

    api_outcome edit_image(const api_request& req, std::int64_t now) {
        ltx::image_edit_request body;
        const auto checked = check_generator(req, body, now, [](const auto& b) -> image_inputs {
            return {{"referenceAssetId", &b.referenceAssetId},
                    {"referenceAssetId2", input(b.referenceAssetId2)},
                    {"referenceAssetId3", input(b.referenceAssetId3)}};
        });
        if (const auto* e = std::get_if<api_reply>(&checked))
            return {*e};
        return start_job(std::get<std::uint32_t>(checked), body, {.seconds = 1, .image = true},
                         now);
    }

    // images/upscale: only of a completed image job of the same account; a new image job.
    api_outcome upscale_image(const api_request& req, std::int64_t now) {
        ltx::image_upscale_request body;
        const auto checked =
            check_generator(req, body, now, [](const auto&) -> image_inputs { return {}; });
        if (const auto* e = std::get_if<api_reply>(&checked))
            return {*e};
        const auto account = std::get<std::uint32_t>(checked);
        const auto source = s_.find_job(body.jobId);
        if (!source)
            return {error_reply(400, "jobId: no job has this id")};
        const auto& j = s_.jobs()[*source];
        if (!(j.flags & job_rec::image))
            return {error_reply(400, "jobId: not an image job")};
        if (j.account != account)
            return {error_reply(400, "jobId: a job of another account")};
        if (now < j.end_ms || (j.flags & job_rec::failing))
            return {error_reply(400, "jobId: the job has not completed")};
        // Twice the source's width and height, in the source's aspect ratio.
        return start_job(account, body,
                         {.seconds = 1,
                          .aspect = frame_aspect{j.aspect},
                          .image = true,
                          .upscales = static_cast<std::uint8_t>(j.upscales + 1)},
                         now);
    }

    static const std::string* input(const std::optional<std::string>& id) {
        return id ? &*id : nullptr;
    }

    template <class D> static std::uint8_t seconds_of(D duration) {
        const auto wire = *reflect::to_wire(duration);
        std::uint8_t seconds = 0;
        std::from_chars(wire.data(), wire.data() + wire.size(), seconds);
        return seconds;
    }

    // Capacity (429) and credits (402), then the job: what every generator does once its
    // request passed. `shape.seconds` is taken from the account's credits; the job's aspect
    // ratio is the request's `aspectRatio` when it has one (16:9, the default, otherwise).
    template <class Body>
    api_outcome start_job(std::uint32_t account, const Body& body, job_shape shape,
                          std::int64_t now) {
        const auto cost = shape.seconds;
        if constexpr (requires { body.aspectRatio; })
            if (body.aspectRatio)
                shape.aspect = aspect_of(*reflect::to_wire(*body.aspectRatio));
        auto& a = s_.accounts()[account];
        const auto limit = static_cast<std::size_t>(body.maxJobs ? *body.maxJobs : a.max_jobs);
        if (s_.opts().burst_429 > burst_used_) {
            ++burst_used_;
            ++s_.stats().rejected_429;
            return {error_reply(429, too_many(limit))};
        }
        if (a.active(now) >= limit) {
            ++s_.stats().rejected_429;
            return {error_reply(429, too_many(limit))};
        }
        if (a.credits < cost)
            return {error_reply(402, "Insufficient credits")};
        a.credits -= cost;
        std::optional<reply_rec> reply;
        if (body.replyUrl || body.replyRef)
            reply = reply_rec{body.replyUrl.value_or(""), body.replyRef.value_or("")};
        bool failing = false;
        if constexpr (requires { body.prompt.find("[fail]"); })
            failing = body.prompt.find("[fail]") != std::string::npos;
        else if constexpr (requires { body.prompt->find("[fail]"); })
            failing = body.prompt && body.prompt->find("[fail]") != std::string::npos;
        const auto index = s_.add_job(account, shape, failing, std::move(reply), now);
        if (body.pollForResult)
            return {{}, poll_plan{index, *body.pollForResult, s_.opts().speed.count() / 10}};
        const auto& j = s_.jobs()[index];
        ltx::created_job out;
        out.jobId = s_.job_id(j);
        out.generationId = renderer::generation_id(j);
        return {ok_reply(out)};
    }

    static std::string too_many(std::size_t limit) {
        return "Too many concurrent jobs: maxJobs " + std::to_string(limit) +
               " are active; retry when one completes";
    }

    // The request model from a JSON or multipart/form-data body, or the 400 answer.
    template <class T> std::optional<api_reply> decode_body(const api_request& req, T& out) {
        if (auto e = sim::decode_body(req.content_type, req.body, out))
            return error_reply(400, std::move(*e));
        return std::nullopt;
    }

    // An image input: the fileId of an uploaded image, or of a completed image job's PNG.
    bool known_image(std::string_view file_id, std::int64_t now) const {
        if (!file_id.starts_with("asset:") || file_id.size() < 42)
            return false;
        const auto id = uuid::parse(file_id.substr(6, 36));
        if (!id)
            return false;
        if (const auto u = s_.find_upload(*id))
            return s_.uploads()[*u].mime.starts_with("image/");
        const auto j = s_.find_artifact(*id, now);
        return j && (s_.jobs()[*j].flags & job_rec::image);
    }

    api_reply upload_asset(const api_request& req, std::string_view query, std::int64_t now) {
        ltx::upload_asset_request q;
        if (auto e = decode_query(query, q))
            return std::move(*e);
        // The MIME type without parameters, which the asset id repeats.
        auto mime = ltx::detail::to_lower(req.content_type.substr(0, req.content_type.find(';')));
        while (!mime.empty() && mime.back() == ' ')
            mime.pop_back();
        const ltx::upload_content content{std::string{req.content_type}, req.body.size()};
        auto v = reflect::validate(q);
        for (auto& x : reflect::validate(content))
            v.push_back(std::move(x));
        if (!v.empty())
            return error_reply(
                400, violations_text(v, [](const std::string& p) {
                    return p == "mimeType" ? "Content-Type" : p == "size" ? "body" : p;
                }));
        auto account = accounts_.resolve(q.email);
        if (!account.error.empty())
            return error_reply(400, std::move(account.error));
        upload_rec u;
        u.id = uuid::random(s_.ids());
        u.created_ms = now;
        u.account = account.index;
        // An image is stored as the kind of upload it was (`image` by default); any other
        // file as its MIME type's kind.
        u.type = std::string{ltx::asset_type_of(mime)};
        if (u.type == "image")
            u.type = *ltx::reflect::to_wire(q.type.value_or(ltx::upload_type::image));
        u.mime = std::move(mime);
        u.size = req.body.size();
        if (s_.opts().state_dir.empty()) {
            u.bytes = std::make_shared<const std::string>(req.body);
        } else {
            const auto dir = s_.opts().state_dir / "assets";
            std::error_code ec;
            std::filesystem::create_directories(dir, ec);
            std::ofstream f{dir / u.id.str(), std::ios::binary};
            f.write(req.body.data(), static_cast<std::streamsize>(req.body.size()));
            if (!f.flush())
                return error_reply(500, "Could not store the upload");
        }
        const auto index = s_.add_upload(std::move(u));
        return ok_reply(r_.upload(s_.uploads()[index], now));
    }

    api_reply list_assets(std::string_view query, std::int64_t now) {
        ltx::list_assets_request q;
        if (auto e = decode_query(query, q))
            return std::move(*e);
        if (auto v = reflect::validate(q); !v.empty())
            return error_reply(400, violations_text(v));
        auto account = accounts_.resolve(q.email);
        if (!account.error.empty())
            return error_reply(400, std::move(account.error));
        const auto& a = s_.accounts()[account.index];
        const auto wanted = [&](std::string_view mime) {
            if (!q.filter)
                return true;
            const auto type = ltx::asset_type_of(mime);
            switch (*q.filter) {
            case ltx::asset_filter::images:
                return type == "image";
            case ltx::asset_filter::videos:
                return type == "video";
            case ltx::asset_filter::audio:
                return type == "audio";
            case ltx::asset_filter::other:
                return type == "other";
            }
            return false;
        };
        // (time, is a job, index), newest first.
        std::vector<std::tuple<std::int64_t, bool, std::uint32_t>> found;
        for (const auto i : a.uploads)
            if (wanted(s_.uploads()[i].mime))
                found.emplace_back(s_.uploads()[i].created_ms, false, i);
        for (const auto i : a.jobs) {
            const auto& j = s_.jobs()[i];
            if (now >= j.end_ms && !(j.flags & job_rec::failing) &&
                wanted((j.flags & job_rec::image) ? "image/png" : "video/mp4"))
                found.emplace_back(j.end_ms, true, i);
        }
        std::sort(found.begin(), found.end(), std::greater<>{});
        const std::int64_t page =
            q.page.value_or(reflect::default_of<&ltx::list_assets_request::page>());
        const std::int64_t limit =
            q.limit.value_or(reflect::default_of<&ltx::list_assets_request::limit>());
        const auto total = static_cast<std::int64_t>(found.size());
        ltx::asset_page out;
        out.items.emplace();
        for (auto i = (page - 1) * limit; i < total && i < page * limit; ++i) {
            const auto [time, is_job, index] = found[static_cast<std::size_t>(i)];
            ltx::asset_item item;
            if (is_job) {
                const auto& j = s_.jobs()[index];
                item.id = artifact_id(j.id).str();
                item.jobId = s_.job_id(j);
                item.signedAsset = r_.artifact(j, now);
            } else {
                item.id = s_.uploads()[index].id.str();
                item.signedAsset = r_.upload(s_.uploads()[index], now);
            }
            out.items->push_back(std::move(item));
        }
        out.meta = ltx::page_meta{total, static_cast<std::int64_t>(out.items->size()), limit,
                                  (total + limit - 1) / limit, page};
        return ok_reply(out);
    }

    api_reply get_job(std::string_view encoded_id, std::int64_t now) {
        ltx::get_job_request req;
        if (auto e = decode_path<endpoints::get_job>(encoded_id, req))
            return error_reply(400, std::move(*e));
        const auto index = s_.find_job(req.jobId);
        if (!index)
            return error_reply(404, "Job not found: it is unknown or has expired");
        return ok_reply(r_.job(*index, now));
    }

    // GET scheduler: the running, tracked jobs in the order they started. The reference's
    // chosen shape: jobId, email, started (ISO 8601 UTC, ms), elapsed (MM:SS), replyUrl and
    // replyRef when the job has them.
    api_reply list_scheduled_jobs(std::int64_t now) const {
        ltx::scheduled_jobs out;
        for (std::uint32_t i = 0; i < s_.jobs().size(); ++i) {
            const auto& j = s_.jobs()[i];
            if (!s_.tracked_running(j, now))
                continue;
            ltx::scheduled_job e;
            e.jobId = s_.job_id(j);
            e.email = s_.accounts()[j.account].email;
            e.started = iso_utc(j.created_ms);
            e.elapsed = minutes_seconds(now - j.created_ms);
            if (const auto* r = s_.reply_of(i)) {
                if (!r->url.empty())
                    e.replyUrl = r->url;
                if (!r->ref.empty())
                    e.replyRef = r->ref;
            }
            out.push_back(std::move(e));
        }
        return ok_reply(out);
    }

    // `MM:SS`; minutes past 99 take more digits.
    static std::string minutes_seconds(std::int64_t ms) {
        const auto s = std::max<std::int64_t>(0, ms) / 1000;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
        return buf;
    }

    // DELETE scheduler/{jobId}: the project's choice where the reference is silent: 204 with
    // no body; the job goes on (GET assets/{jobId} answers), sends no webhook and leaves
    // GET scheduler; 404 `Unable to locate running jobId <decoded id>` for a job that is
    // unknown, finished or already untracked.
    api_reply cancel_scheduled_job(std::string_view encoded_id, std::int64_t now) {
        ltx::cancel_scheduled_job_request req;
        if (auto e = decode_path<endpoints::cancel_scheduled_job>(encoded_id, req))
            return error_reply(400, std::move(*e));
        const auto index = s_.find_job(req.jobId);
        if (!index || !s_.tracked_running(s_.jobs()[*index], now))
            return error_reply(404, "Unable to locate running jobId " + req.jobId);
        s_.jobs()[*index].flags |= job_rec::untracked;
        return no_content_reply();
    }

    template <class T> std::optional<api_reply> decode_query(std::string_view query, T& out) {
        const auto fields = parse_query(query);
        if (!fields)
            return error_reply(400, "query: malformed percent-encoding");
        reflect::json_error err;
        if (!decode_fields(*fields, out, err))
            return error_reply(400, decode_error_text(err));
        return std::nullopt;
    }

    store& s_;
    renderer& r_;
    accounts_api accounts_{s_, r_};
    int burst_used_ = 0;
};

} // namespace ltx::sim

#endif
