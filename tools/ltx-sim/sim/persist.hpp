// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The state snapshot of `--state-dir`: accounts, uploads and jobs in `<dir>/state.json`, so a
// restarted simulator knows the jobs and assets a client still holds ids and URLs of. Uploaded
// bytes live beside it, in `<dir>/assets/<uuid>`. The snapshot is described structs written and
// read by the library's JSON engine, like every other body the simulator handles.
#ifndef LTX_SIM_PERSIST_HPP
#define LTX_SIM_PERSIST_HPP

#include "store.hpp"

#include <ltx/reflect.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ltx::sim {

struct saved_account {
    std::string email;
    std::map<std::string, std::string> cookie;
    int maxJobs = 20;
    double credits = 0;
    std::int64_t updated = 0;
    std::int64_t tokenExpire = 0;
    std::int64_t latestCreated = 0;
    /// Set when DELETE accounts/{email} removed the configuration.
    std::optional<bool> removed;
};
BOOST_DESCRIBE_STRUCT(saved_account, (),
                      (email, cookie, maxJobs, credits, updated, tokenExpire, latestCreated,
                       removed))

struct saved_upload {
    std::string id;
    std::int64_t created = 0;
    std::string account;
    std::string mime;
    std::string type;
    std::uint64_t size = 0;
};
BOOST_DESCRIBE_STRUCT(saved_upload, (), (id, created, account, mime, type, size))

struct saved_job {
    std::string id;
    std::int64_t created = 0;
    std::int64_t end = 0;
    std::string account;
    int seconds = 3;
    /// The `frame_aspect`; absent in snapshots made before it was kept (then 16:9).
    std::optional<int> aspect;
    /// An image job's upscales; absent when none.
    std::optional<int> upscales;
    int flags = 0;
    std::optional<std::string> replyUrl;
    std::optional<std::string> replyRef;
};
BOOST_DESCRIBE_STRUCT(saved_job, (),
                      (id, created, end, account, seconds, aspect, upscales, flags, replyUrl,
                       replyRef))

struct saved_state {
    int version = 1;
    /// The PRNG of ids and the URL signing key: ids stay unique and URLs valid across runs.
    std::uint64_t ids = 0;
    std::uint64_t key = 0;
    std::vector<saved_account> accounts;
    std::vector<saved_upload> uploads;
    std::vector<saved_job> jobs;
};
BOOST_DESCRIBE_STRUCT(saved_state, (), (version, ids, key, accounts, uploads, jobs))

/// `<dir>/state.json`.
inline std::filesystem::path state_file(const std::filesystem::path& dir) {
    return dir / "state.json";
}

/// Writes the snapshot of `s` into `dir` (through a temporary file renamed into place).
/// @throws std::runtime_error when it cannot be written.
inline void save_state(store& s, const std::filesystem::path& dir) {
    saved_state out;
    out.ids = s.ids().state();
    out.key = s.signing_key();
    for (const auto& a : s.accounts())
        out.accounts.push_back({a.email, a.cookie, a.max_jobs, a.credits, a.updated_ms,
                                a.token_expire_ms, a.latest_created_ms,
                                a.configured ? std::nullopt : std::optional{true}});
    for (const auto& u : s.uploads())
        out.uploads.push_back(
            {u.id.str(), u.created_ms, s.accounts()[u.account].email, u.mime, u.type, u.size});
    for (std::uint32_t i = 0; i < s.jobs().size(); ++i) {
        const auto& j = s.jobs()[i];
        saved_job sj;
        sj.id = j.id.str();
        sj.created = j.created_ms;
        sj.end = j.end_ms;
        sj.account = s.accounts()[j.account].email;
        sj.seconds = j.seconds;
        if (j.aspect != 0)
            sj.aspect = j.aspect;
        if (j.upscales != 0)
            sj.upscales = j.upscales;
        sj.flags = j.flags;
        if (const auto* r = s.reply_of(i)) {
            sj.replyUrl = r->url;
            sj.replyRef = r->ref;
        }
        out.jobs.push_back(std::move(sj));
    }
    std::filesystem::create_directories(dir);
    const auto tmp = state_file(dir).string() + ".tmp";
    {
        std::ofstream f{tmp, std::ios::binary | std::ios::trunc};
        f << reflect::to_json(out);
        if (!f.flush())
            throw std::runtime_error("ltx-sim: cannot write " + tmp);
    }
    std::filesystem::rename(tmp, state_file(dir));
}

/// Loads the snapshot in `dir` into `s`, if there is one; returns whether there was.
/// Accounts of the snapshot keep their balances; accounts only on the command line are added.
/// @throws std::runtime_error when the snapshot does not decode.
inline bool load_state(store& s, const std::filesystem::path& dir) {
    std::ifstream f{state_file(dir), std::ios::binary};
    if (!f)
        return false;
    const std::string text{std::istreambuf_iterator<char>{f}, std::istreambuf_iterator<char>{}};
    saved_state in;
    reflect::json_error err;
    if (!reflect::read_json(text, in, err) || in.version != 1)
        throw std::runtime_error("ltx-sim: " + state_file(dir).string() + " is not a state " +
                                 "snapshot: " + err.path + " " + err.message);
    s.restore_keys(in.ids, in.key);
    const auto account_of = [&](const std::string& email, std::int64_t now) {
        if (const auto i = s.find_account_record(email))
            return *i;
        return s.add_account(email, 0, 20, now);
    };
    for (const auto& a : in.accounts) {
        auto& rec = s.accounts()[account_of(a.email, a.updated)];
        rec.cookie = a.cookie;
        rec.max_jobs = a.maxJobs;
        rec.credits = a.credits;
        rec.updated_ms = a.updated;
        rec.token_expire_ms = a.tokenExpire;
        rec.latest_created_ms = a.latestCreated;
        rec.configured = !a.removed.value_or(false);
    }
    for (const auto& u : in.uploads) {
        const auto id = uuid::parse(u.id);
        if (!id)
            continue;
        s.add_upload(
            {*id, u.created, account_of(u.account, u.created), u.mime, u.type, u.size, nullptr});
    }
    for (const auto& j : in.jobs) {
        const auto id = uuid::parse(j.id);
        if (!id)
            continue;
        std::optional<reply_rec> reply;
        if (j.replyUrl || j.replyRef)
            reply = reply_rec{j.replyUrl.value_or(""), j.replyRef.value_or("")};
        job_rec rec;
        rec.id = *id;
        rec.created_ms = j.created;
        rec.end_ms = j.end;
        rec.account = account_of(j.account, j.created);
        rec.seconds = static_cast<std::uint8_t>(j.seconds);
        rec.aspect = static_cast<std::uint8_t>(j.aspect.value_or(0));
        rec.upscales = static_cast<std::uint8_t>(j.upscales.value_or(0));
        rec.flags = static_cast<std::uint8_t>(j.flags);
        s.restore_job(rec, std::move(reply));
    }
    return true;
}

} // namespace ltx::sim

#endif
