// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// From the simulator's records to the library's response models: jobs, signed assets,
// accounts. Every response body the simulator sends is one of these models, encoded by the
// library's JSON writer.
#ifndef LTX_SIM_RENDER_HPP
#define LTX_SIM_RENDER_HPP

#include "store.hpp"

#include <ltx/api/accounts.hpp>
#include <ltx/api/assets.hpp>
#include <ltx/api/job.hpp>
#include <ltx/reflect.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace ltx::sim {

/// `2025-06-03T02:57:57.350Z`.
inline std::string iso_utc(std::int64_t ms) {
    using namespace std::chrono;
    const sys_time<milliseconds> t{milliseconds{ms}};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()),
                  int(hms.subseconds().count()));
    return buf;
}

/// Builds the models of responses; `storage_base` is `http://host:port` of the storage
/// listener.
class renderer {
public:
    renderer(store& s, std::string storage_base) : s_(s), storage_base_(std::move(storage_base)) {}

    const std::string& storage_base() const noexcept { return storage_base_; }

    /// A signed URL to the file with id `id`, valid for the configured lifetime.
    ltx::signed_asset signed_file(const uuid& id, ltx::asset a, std::int64_t now) const {
        const auto expires = std::to_string(now + s_.opts().url_ttl.count() * 1000);
        const std::string path = "/files/" + id.str();
        ltx::signed_asset out;
        out.assetUrl = storage_base_ + path + "?expires=" + expires +
                       "&signature=" + sign(s_.signing_key(), path + "?expires=" + expires);
        out.expirationDateString = expires;
        out.asset = std::move(a);
        return out;
    }

    ltx::signed_asset upload(const upload_rec& u, std::int64_t now) const {
        return signed_file(u.id,
                           ltx::asset{.type = u.type,
                                      .fileId = "asset:" + u.id.str() + "-type:" + u.mime,
                                      .mimeType = u.mime,
                                      .artifactSubtype = std::nullopt},
                           now);
    }

    /// The artifact of job `j`: a PNG (subtype `vertex-ai`) for an image job, an MP4
    /// (`model-serving`) for a video job.
    ltx::signed_asset artifact(const job_rec& j, std::int64_t now) const {
        const auto id = artifact_id(j.id);
        const bool image = (j.flags & job_rec::image) != 0;
        const std::string mime = image ? "image/png" : "video/mp4";
        return signed_file(id,
                           ltx::asset{.type = "artifact",
                                      .fileId = "asset:" + id.str() + "-type:" + mime,
                                      .mimeType = mime,
                                      .artifactSubtype = image ? "vertex-ai" : "model-serving"},
                           now);
    }

    /// The job model at `now`. A completed job reads `completed` without its artifact once
    /// (when the URL lag is on), as the reference warns; `settling` (webhooks) always shows it.
    ltx::job job(std::uint32_t index, std::int64_t now, bool settling = false) {
        auto& j = s_.jobs()[index];
        ltx::job out;
        out.jobId = s_.job_id(j);
        out.generationId = generation_id(j);
        if (const auto* r = s_.reply_of(index)) {
            if (!r->url.empty())
                out.replyUrl = r->url;
            if (!r->ref.empty())
                out.replyRef = r->ref;
        }
        ltx::job_status st;
        const auto full = s_.opts().speed.count();
        const auto elapsed = std::min(now, j.end_ms) - j.created_ms;
        const int progress =
            full <= 0 ? 100
                      : static_cast<int>(std::clamp<std::int64_t>(elapsed * 100 / full, 0, 99));
        if (now < j.end_ms) {
            st.type = ltx::job_state::active;
            st.progress = progress;
            st.message = "Generating";
        } else if (j.flags & job_rec::failing) {
            st.type = ltx::job_state::failed;
            st.progress = progress;
            st.message = "Generation failed: the prompt asked for a failure ([fail])";
        } else {
            st.type = ltx::job_state::completed;
            st.progress = 100;
            const bool show = settling || !s_.opts().url_lag || (j.flags & job_rec::url_shown);
            if (show)
                st.artifact = artifact(j, now);
            else
                j.flags |= job_rec::url_shown;
        }
        out.status = std::move(st);
        return out;
    }

    static std::string generation_id(const job_rec& j) {
        return "gen_" + sign(0, j.id.str()).substr(0, 12);
    }

    ltx::account account(const account_rec& a) const {
        constexpr std::int64_t day = 24LL * 3600 * 1000;
        ltx::account out;
        out.email = a.email;
        std::map<std::string, std::string> cookie;
        for (const auto& [name, value] : a.cookie)
            cookie[name] = is_secret(name) ? "\xE2\x80\xA6secured\xE2\x80\xA6" : value;
        if (cookie.empty())
            cookie = {{"lt_refresh_token", "\xE2\x80\xA6secured\xE2\x80\xA6"},
                      {"lt_token", "\xE2\x80\xA6secured\xE2\x80\xA6"}};
        out.cookie = std::move(cookie);
        out.maxJobs = a.max_jobs;
        out.updated = a.updated_ms;
        out.updatedUTC = iso_utc(a.updated_ms);
        const auto token_expire = a.token_expire_ms ? a.token_expire_ms : a.updated_ms + day;
        out.tokenExpire = token_expire;
        out.tokenExpireUTC = iso_utc(token_expire);
        out.refreshTokenExpire = a.updated_ms + 30 * day;
        out.refreshTokenExpireUTC = iso_utc(a.updated_ms + 30 * day);
        out.balance = ltx::token_amounts{a.credits};
        if (a.latest_created_ms)
            out.latestCreatedAtMs = ltx::token_times{a.latest_created_ms};
        return out;
    }

    static bool is_secret(std::string_view cookie_name) {
        return cookie_name.find("token") != std::string_view::npos ||
               cookie_name.find("session") != std::string_view::npos;
    }

private:
    store& s_;
    std::string storage_base_;
};

} // namespace ltx::sim

#endif
