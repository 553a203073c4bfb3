// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The simulator's state: accounts, uploaded assets and jobs. No I/O but blob files; time is
// a parameter. A job is a few dozen bytes and its progress is computed from its timestamps,
// so ten thousand concurrent jobs cost no timers and little memory.
#ifndef LTX_SIM_STORE_HPP
#define LTX_SIM_STORE_HPP

#include "artifacts.hpp"
#include "ids.hpp"
#include "options.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ltx::sim {

/// One account and what belongs to it.
struct account_rec {
    std::string email;
    /// Parsed cookie of `POST accounts`; empty for accounts given on the command line.
    std::map<std::string, std::string> cookie;
    int max_jobs = 20;
    double credits = 0;
    std::int64_t updated_ms = 0;
    std::int64_t token_expire_ms = 0;
    std::int64_t latest_created_ms = 0;
    /// False once `DELETE accounts/{email}` removed the configuration. The record stays, so
    /// the indices its jobs and uploads hold stay valid, and `POST accounts` revives it.
    bool configured = true;
    /// End times of the jobs counted as active; the earliest on top.
    std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> active_until;
    std::vector<std::uint32_t> uploads;
    std::vector<std::uint32_t> jobs;

    /// Jobs still running at `now`.
    std::size_t active(std::int64_t now) {
        while (!active_until.empty() && active_until.top() <= now)
            active_until.pop();
        return active_until.size();
    }
};

/// One job: everything else (status, ids, URLs) is derived from these fields and the clock.
struct job_rec {
    uuid id;
    std::int64_t created_ms = 0;
    /// When the job completes, or fails.
    std::int64_t end_ms = 0;
    std::uint32_t account = 0;
    std::uint8_t seconds = 3;
    /// The requested `aspectRatio`, a `frame_aspect`.
    std::uint8_t aspect = 0;
    /// An image job's upscales since the generated image: its PNG is twice as wide and high
    /// per upscale.
    std::uint8_t upscales = 0;
    std::uint8_t flags = 0;

    static constexpr std::uint8_t failing = 1;    // the prompt asked for a failure
    static constexpr std::uint8_t url_shown = 2;  // `completed` was read once without a URL
    static constexpr std::uint8_t has_reply = 4;  // replyUrl or replyRef given
    static constexpr std::uint8_t settled = 8;    // refund and webhook done
    static constexpr std::uint8_t untracked = 16; // DELETE scheduler/{jobId}: no webhook
    static constexpr std::uint8_t image = 32;     // an image job: `-type:image`, a PNG
};

/// What a job makes and costs.
struct job_shape {
    /// The credits it takes: a video's length in seconds, 1 for an image.
    std::uint8_t seconds = 3;
    frame_aspect aspect = frame_aspect::landscape;
    /// An image job (`-type:image`, a PNG) rather than a video job.
    bool image = false;
    /// An image job's upscales since the generated image.
    std::uint8_t upscales = 0;
};

/// The caller's replyUrl and replyRef, kept apart since few jobs have them.
struct reply_rec {
    std::string url;
    std::string ref;
};

/// An uploaded file.
struct upload_rec {
    uuid id;
    std::int64_t created_ms = 0;
    std::uint32_t account = 0;
    std::string mime;
    std::string type;
    std::uint64_t size = 0;
    /// The bytes, or null when they live in `<state-dir>/assets/<uuid>`.
    std::shared_ptr<const std::string> bytes;
};

/// The bytes behind a storage URL.
struct blob {
    std::string mime;
    std::shared_ptr<const std::string> bytes;
};

/// Counters exposed for tests and `/_sim/stats`.
struct counters {
    std::uint64_t jobs_created = 0;
    std::uint64_t jobs_failed = 0;
    std::uint64_t uploads = 0;
    std::uint64_t requests = 0;
    std::uint64_t connections = 0;
    std::uint64_t rejected_429 = 0;
    std::uint64_t injected_5xx = 0;
    std::uint64_t dropped = 0;
    std::uint64_t webhooks_sent = 0;
    std::uint64_t webhooks_failed = 0;
};

/// The artifact of a job has an id of its own, derived from the job's so nothing is stored.
/// The constants keep the version and variant bits of the UUID intact.
inline uuid artifact_id(const uuid& job) noexcept {
    return {job.hi ^ 0x5A5A5A5A5A5A0A5Aull, job.lo ^ 0x1A5A5A5A5A5A5A5Aull};
}

/// The state. Not synchronised: the server touches it from its one thread.
class store {
public:
    store(const options& o, std::uint64_t seed)
        : opts_(o), ids_(seed), key_(prng{seed ^ 0xA5A5A5A5A5A5A5A5ull}.next()) {
        using namespace std::chrono;
        const auto now =
            duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
        for (const auto& a : o.accounts)
            add_account(a.email, a.credits, a.max_jobs, now);
    }

    const options& opts() const noexcept { return opts_; }
    counters& stats() noexcept { return stats_; }
    prng& ids() noexcept { return ids_; }

    // ---- accounts

    std::vector<account_rec>& accounts() noexcept { return accounts_; }

    /// The configured account with this e-mail, or nullopt.
    std::optional<std::uint32_t> find_account(std::string_view email) const {
        const auto i = find_account_record(email);
        if (i && accounts_[*i].configured)
            return i;
        return std::nullopt;
    }

    /// The record of this e-mail, configured or removed, or nullopt.
    std::optional<std::uint32_t> find_account_record(std::string_view email) const {
        for (std::size_t i = 0; i < accounts_.size(); ++i)
            if (accounts_[i].email == email)
                return static_cast<std::uint32_t>(i);
        return std::nullopt;
    }

    /// The configured accounts, in the order they were added.
    std::vector<std::uint32_t> configured_accounts() const {
        std::vector<std::uint32_t> out;
        for (std::size_t i = 0; i < accounts_.size(); ++i)
            if (accounts_[i].configured)
                out.push_back(static_cast<std::uint32_t>(i));
        return out;
    }

    std::uint32_t add_account(std::string email, double credits, int max_jobs, std::int64_t now) {
        account_rec a;
        a.email = std::move(email);
        a.credits = credits;
        a.max_jobs = max_jobs;
        a.updated_ms = now;
        accounts_.push_back(std::move(a));
        return static_cast<std::uint32_t>(accounts_.size() - 1);
    }

    // ---- jobs

    std::vector<job_rec>& jobs() noexcept { return jobs_; }

    /// Adds a job of `shape`; it runs `opts().speed`, or fails half-way when `failing`.
    std::uint32_t add_job(std::uint32_t account, const job_shape& shape, bool failing,
                          std::optional<reply_rec> reply, std::int64_t now) {
        job_rec j;
        j.id = uuid::random(ids_);
        j.created_ms = now;
        const auto full = static_cast<std::int64_t>(opts_.speed.count());
        j.end_ms = now + (failing ? full / 2 : full);
        j.account = account;
        j.seconds = shape.seconds;
        j.aspect = static_cast<std::uint8_t>(shape.aspect);
        j.upscales = shape.upscales;
        j.flags = static_cast<std::uint8_t>((failing ? job_rec::failing : 0) |
                                            (shape.image ? job_rec::image : 0));
        accounts_[account].latest_created_ms = now;
        ++stats_.jobs_created;
        return restore_job(j, std::move(reply));
    }

    /// Adds a job record as it is (from a snapshot, or from `add_job`).
    std::uint32_t restore_job(job_rec j, std::optional<reply_rec> reply) {
        const auto index = static_cast<std::uint32_t>(jobs_.size());
        if (reply) {
            j.flags |= job_rec::has_reply;
            replies_.emplace(index, std::move(*reply));
        }
        jobs_.push_back(j);
        job_index_.emplace(j.id, index);
        auto& a = accounts_[j.account];
        a.jobs.push_back(index);
        a.active_until.push(j.end_ms);
        if ((j.flags & (job_rec::has_reply | job_rec::failing)) && !(j.flags & job_rec::settled))
            events_.push({j.end_ms, index});
        return index;
    }

    /// Restores the PRNG of ids and the signing key of a snapshot.
    void restore_keys(std::uint64_t ids, std::uint64_t key) noexcept {
        ids_ = prng{ids};
        key_ = key;
    }

    const reply_rec* reply_of(std::uint32_t job) const {
        const auto it = replies_.find(job);
        return it == replies_.end() ? nullptr : &it->second;
    }

    /// `-type:video` or `-type:image`: how the id of job `j` ends.
    static std::string_view job_suffix(const job_rec& j) noexcept {
        return (j.flags & job_rec::image) ? "-type:image" : "-type:video";
    }

    /// `email:<account>:<uuid>-type:video`, or `...-type:image` for an image job.
    std::string job_id(const job_rec& j) const {
        return "email:" + accounts_[j.account].email + ":" + j.id.str() +
               std::string{job_suffix(j)};
    }

    /// The job a job id names, or nullopt.
    std::optional<std::uint32_t> find_job(std::string_view job_id) const {
        constexpr std::string_view prefix = "email:";
        const std::string_view suffix =
            job_id.ends_with("-type:image") ? "-type:image" : "-type:video";
        if (!job_id.starts_with(prefix) || !job_id.ends_with(suffix) ||
            job_id.size() < prefix.size() + suffix.size() + 38)
            return std::nullopt;
        job_id.remove_suffix(suffix.size());
        const auto id = uuid::parse(job_id.substr(job_id.size() - 36));
        if (!id || job_id[job_id.size() - 37] != ':')
            return std::nullopt;
        const auto it = job_index_.find(*id);
        if (it == job_index_.end())
            return std::nullopt;
        const auto email = job_id.substr(prefix.size(), job_id.size() - 37 - prefix.size());
        const auto& j = jobs_[it->second];
        if (accounts_[j.account].email != email || job_suffix(j) != suffix)
            return std::nullopt;
        return it->second;
    }

    /// True when the job runs at `now` and the scheduler tracks it (`GET scheduler` lists it).
    bool tracked_running(const job_rec& j, std::int64_t now) const {
        return now < j.end_ms && !(j.flags & job_rec::untracked) && accounts_[j.account].configured;
    }

    /// The next job whose end needs work (a refund, a webhook) at or before `now`.
    std::optional<std::uint32_t> pop_due_event(std::int64_t now) {
        if (events_.empty() || events_.top().first > now)
            return std::nullopt;
        const auto job = events_.top().second;
        events_.pop();
        return job;
    }

    /// When the next event falls due, if any.
    std::optional<std::int64_t> next_event_ms() const {
        if (events_.empty())
            return std::nullopt;
        return events_.top().first;
    }

    // ---- uploads and blobs

    std::vector<upload_rec>& uploads() noexcept { return uploads_; }

    std::uint32_t add_upload(upload_rec u) {
        const auto index = static_cast<std::uint32_t>(uploads_.size());
        upload_index_.emplace(u.id, index);
        accounts_[u.account].uploads.push_back(index);
        uploads_.push_back(std::move(u));
        ++stats_.uploads;
        return index;
    }

    std::optional<std::uint32_t> find_upload(const uuid& id) const {
        const auto it = upload_index_.find(id);
        if (it == upload_index_.end())
            return std::nullopt;
        return it->second;
    }

    /// The job whose artifact has id `id`, when that job has completed by `now`.
    std::optional<std::uint32_t> find_artifact(const uuid& id, std::int64_t now) const {
        const auto it = job_index_.find(artifact_id(id)); // the derivation is an involution
        if (it == job_index_.end())
            return std::nullopt;
        const auto& j = jobs_[it->second];
        if (now < j.end_ms || (j.flags & job_rec::failing))
            return std::nullopt;
        return it->second;
    }

    // ---- signed URLs

    /// Key of the URL signatures, derived from the seed.
    std::uint64_t signing_key() const noexcept { return key_; }

private:
    options opts_;
    prng ids_;
    std::uint64_t key_;
    counters stats_{};
    std::vector<account_rec> accounts_;
    std::vector<job_rec> jobs_;
    std::unordered_map<uuid, std::uint32_t, uuid_hash> job_index_;
    std::unordered_map<std::uint32_t, reply_rec> replies_;
    std::priority_queue<std::pair<std::int64_t, std::uint32_t>,
                        std::vector<std::pair<std::int64_t, std::uint32_t>>, std::greater<>>
        events_;
    std::vector<upload_rec> uploads_;
    std::unordered_map<uuid, std::uint32_t, uuid_hash> upload_index_;
};

} // namespace ltx::sim

#endif
