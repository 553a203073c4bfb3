// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The subcommands of `ltx`. Each is a function of a client, whatever its transport.
#ifndef LTX_TOOLS_LTX_COMMANDS_HPP
#define LTX_TOOLS_LTX_COMMANDS_HPP

#include "cli.hpp"

namespace ltx_cli {

namespace detail {

// Reports a failure; returns the exit code. A dry run ends with the transport's stop.
inline int fail(environment& env, const settings& s, std::error_code ec,
                const ltx::diagnostics& d) {
    if (s.dry_run && (ec == dry_run_stop() || d.transport_error == dry_run_stop()))
        return exit_ok;
    print_error(env, s, ec, d);
    return exit_code_for(ec);
}

inline void print_job(environment& env, const settings& s, const ltx::job& j) {
    if (s.json) {
        env.out << ltx::reflect::to_json(j) << "\n";
        return;
    }
    env.out << "job: " << j.jobId.value_or("?") << "\n";
    if (const auto st = ltx::state_of(j))
        env.out << "state: " << *ltx::reflect::to_wire(*st) << "\n";
    if (j.status && j.status->progress)
        env.out << "progress: " << *j.status->progress << "%\n";
    if (j.status && j.status->message)
        env.out << "message: " << *j.status->message << "\n";
    if (const auto url = ltx::artifact_url(j))
        env.out << "video: " << *url << "\n";
}

// Turns `--start`/`--end` into asset ids: an `asset:` id is used as is, a file is uploaded.
template <class Client>
int resolve_frame(Client& client, environment& env, const settings& s, const std::string& arg,
                  std::optional<std::string>& id) {
    if (arg.empty())
        return exit_ok;
    if (arg.rfind("asset:", 0) == 0) {
        id = arg;
        return exit_ok;
    }
    std::error_code ec;
    ltx::diagnostics d;
    const auto up = client.upload_file(arg, {}, ec, d);
    if (ec)
        return fail(env, s, ec, d);
    id = up.asset.fileId;
    if (!s.json && !s.dry_run)
        env.err << "uploaded " << arg << " as " << *id << "\n";
    return exit_ok;
}

// Runs one call of the error-code form and prints its result, or reports its failure.
template <class Call, class Print>
int call_and_print(environment& env, const settings& s, Call&& call, Print&& print) {
    std::error_code ec;
    ltx::diagnostics d;
    const auto result = call(ec, d);
    if (ec)
        return fail(env, s, ec, d);
    if (s.json)
        env.out << ltx::reflect::to_json(result) << "\n";
    else
        print(result);
    return exit_ok;
}

// Runs one call that answers nothing and confirms it: `<verb> <what>`, or `{"<verb>":"<what>"}`.
template <class Call>
int call_and_confirm(environment& env, const settings& s, std::string_view verb,
                     const std::string& what, Call&& call) {
    std::error_code ec;
    ltx::diagnostics d;
    call(ec, d);
    if (ec)
        return fail(env, s, ec, d);
    if (s.json) {
        boost::json::object o;
        o[verb] = what;
        env.out << boost::json::serialize(o) << "\n";
    } else {
        env.out << verb << " " << what << "\n";
    }
    return exit_ok;
}

/// The JSON object of a `--request` file's text, or nothing when the text is not one.
inline std::optional<boost::json::object> request_object(std::string_view text) {
    boost::json::error_code jec;
    auto v = boost::json::parse(boost::json::string_view{text.data(), text.size()}, jec);
    if (jec || !v.is_object())
        return std::nullopt;
    return std::move(v.as_object());
}

} // namespace detail

/// The arguments of `ltx videos create`.
struct create_args {
    request_options<ltx::ltx_create_request> fields;
    std::string start, end, request_file, out = "out.mp4";
};

/// `ltx videos create` (also `ltx create`): upload the frames, create the job, wait with
/// progress, download.
template <class Client>
int videos_create_command(Client& client, environment& env, const settings& s,
                          const create_args& a) {
    boost::json::object base;
    if (!a.request_file.empty()) {
        const auto text = detail::read_text(a.request_file);
        if (!text) {
            env.err << "ltx: cannot read " << a.request_file << "\n";
            return exit_bad_input;
        }
        auto object = detail::request_object(*text);
        if (!object) {
            env.err << "ltx: " << a.request_file << " is not a JSON object\n";
            return exit_bad_input;
        }
        base = std::move(*object);
    }
    ltx::ltx_create_request req;
    if (auto problem = a.fields.apply(std::move(base), req)) {
        env.err << "ltx: " << *problem << "\n";
        return exit_bad_input;
    }
    // Check the request before uploading anything, with stand-ins for frames to upload.
    auto probe = req;
    if (!a.start.empty())
        probe.startAssetId = "asset:pending";
    if (!a.end.empty())
        probe.endAssetId = "asset:pending";
    if (const auto v = ltx::reflect::validate(probe); !v.empty()) {
        ltx::diagnostics d;
        d.violations = v;
        return detail::fail(env, s, ltx::errc::invalid_request, d);
    }
    if (int rc = detail::resolve_frame(client, env, s, a.start, req.startAssetId))
        return rc;
    if (int rc = detail::resolve_frame(client, env, s, a.end, req.endAssetId))
        return rc;

    std::error_code ec;
    ltx::diagnostics d;
    const auto created = client.create_video(req, ec, d);
    if (ec)
        return detail::fail(env, s, ec, d);
    if (!s.json)
        env.err << "job " << created.jobId << "\n";
    auto done = ltx::to_job(created);
    if (!ltx::is_done(done)) {
        progress_display bar{env.err, env.terminal, env.now};
        done = client.wait(created.jobId,
                           {.on_progress = [&](const ltx::job& j) { bar.update(j); }}, ec, d);
        bar.finish();
        if (ec)
            return detail::fail(env, s, ec, d);
    }
    download_display dl{env.err, env.terminal && !s.json, env.now};
    client.download(done, a.out, {.on_progress = [&](auto n, auto t) { dl.update(n, t); }}, ec, d);
    dl.finish();
    if (ec)
        return detail::fail(env, s, ec, d);
    if (s.json)
        env.out << ltx::reflect::to_json(done) << "\n";
    else
        env.out << "saved " << a.out << "\n";
    return exit_ok;
}

/// `ltx jobs get JOBID` (also `ltx status`).
template <class Client>
int jobs_get_command(Client& client, environment& env, const settings& s, const std::string& id) {
    return detail::call_and_print(
        env, s, [&](auto& ec, auto& d) { return client.get_job(id, ec, d); },
        [&](const ltx::job& j) { detail::print_job(env, s, j); });
}

/// `ltx jobs wait JOBID` (also `ltx wait`).
template <class Client>
int jobs_wait_command(Client& client, environment& env, const settings& s, const std::string& id,
                      std::chrono::milliseconds timeout) {
    std::error_code ec;
    ltx::diagnostics d;
    progress_display bar{env.err, env.terminal && !s.json, env.now};
    const auto j = client.wait(id,
                               {.timeout = timeout,
                                .on_progress =
                                    [&](const ltx::job& x) {
                                        if (!s.json)
                                            bar.update(x);
                                    }},
                               ec, d);
    bar.finish();
    if (ec)
        return detail::fail(env, s, ec, d);
    detail::print_job(env, s, j);
    return exit_ok;
}

/// `ltx jobs download JOBID --out FILE` (also `ltx download`).
template <class Client>
int jobs_download_command(Client& client, environment& env, const settings& s,
                          const std::string& id, const std::string& out) {
    std::error_code ec;
    ltx::diagnostics d;
    const auto j = client.get_job(id, ec, d);
    if (ec)
        return detail::fail(env, s, ec, d);
    download_display dl{env.err, env.terminal && !s.json, env.now};
    client.download(j, out, {.on_progress = [&](auto n, auto t) { dl.update(n, t); }}, ec, d);
    dl.finish();
    if (ec)
        return detail::fail(env, s, ec, d);
    if (s.json)
        env.out << R"({"saved":)" << boost::json::serialize(boost::json::value(out)) << "}\n";
    else
        env.out << "saved " << out << "\n";
    return exit_ok;
}

/// `ltx assets list`.
template <class Client>
int assets_list_command(Client& client, environment& env, const settings& s,
                        const ltx::list_assets_request& req) {
    return detail::call_and_print(
        env, s, [&](auto& ec, auto& d) { return client.list_assets(req, ec, d); },
        [&](const ltx::asset_page& page) {
            if (page.items)
                for (const auto& item : *page.items) {
                    const auto& a =
                        item.signedAsset ? item.signedAsset->asset : std::optional<ltx::asset>{};
                    env.out << (a && a->fileId ? *a->fileId : item.id.value_or("?")) << "  "
                            << (a && a->mimeType ? *a->mimeType : "-") << "  "
                            << item.jobId.value_or("-") << "\n";
                }
            if (page.meta)
                env.out << "page " << page.meta->currentPage.value_or(0) << " of "
                        << page.meta->totalPages.value_or(0) << ", "
                        << page.meta->totalItems.value_or(0) << " assets\n";
        });
}

/// `ltx assets upload FILE`.
template <class Client>
int assets_upload_command(Client& client, environment& env, const settings& s,
                          const std::string& file, const ltx::upload_options& opts) {
    return detail::call_and_print(
        env, s, [&](auto& ec, auto& d) { return client.upload_file(file, opts, ec, d); },
        [&](const ltx::upload_asset_response& up) { env.out << up.asset.fileId << "\n"; });
}

namespace detail {
inline void print_account(environment& env, const ltx::account& a) {
    env.out << "email: " << a.email.value_or("?") << "\n";
    if (a.maxJobs)
        env.out << "maxJobs: " << *a.maxJobs << "\n";
    if (a.balance && a.balance->LTXStudio_token)
        env.out << "balance: " << *a.balance->LTXStudio_token << "\n";
    if (a.error)
        env.out << "error: " << *a.error << "\n";
}
} // namespace detail

/// `ltx accounts get EMAIL`.
template <class Client>
int accounts_get_command(Client& client, environment& env, const settings& s,
                         const std::string& email) {
    return detail::call_and_print(
        env, s, [&](auto& ec, auto& d) { return client.get_account(email, ec, d); },
        [&](const ltx::account& a) { detail::print_account(env, a); });
}

/// `ltx accounts configure --cookie ... [--max-jobs N]` (also `ltx accounts set`).
template <class Client>
int accounts_configure_command(Client& client, environment& env, const settings& s,
                               const ltx::account_request& req) {
    return detail::call_and_print(
        env, s, [&](auto& ec, auto& d) { return client.configure_account(req, ec, d); },
        [&](const ltx::account& a) { detail::print_account(env, a); });
}

/// `ltx accounts list`: every configured account, one paragraph each.
template <class Client>
int accounts_list_command(Client& client, environment& env, const settings& s) {
    return detail::call_and_print(
        env, s, [&](auto& ec, auto& d) { return client.list_accounts(ec, d); },
        [&](const ltx::account_map& accounts) {
            bool first = true;
            for (const auto& [email, a] : accounts) {
                if (!first)
                    env.out << "\n";
                first = false;
                auto shown = a;
                if (!shown.email)
                    shown.email = email;
                detail::print_account(env, shown);
            }
            if (accounts.empty())
                env.out << "no accounts\n";
        });
}

/// `ltx accounts delete EMAIL`.
template <class Client>
int accounts_delete_command(Client& client, environment& env, const settings& s,
                            const std::string& email) {
    return detail::call_and_confirm(
        env, s, "deleted", email, [&](auto& ec, auto& d) { client.delete_account(email, ec, d); });
}

/// `ltx scheduler list`: the jobs running now, one line each.
template <class Client>
int scheduler_list_command(Client& client, environment& env, const settings& s) {
    return detail::call_and_print(
        env, s, [&](auto& ec, auto& d) { return client.list_scheduled_jobs(ec, d); },
        [&](const ltx::scheduled_jobs& jobs) {
            for (const auto& j : jobs)
                env.out << j.jobId << "  " << j.email << "  " << j.started << "  " << j.elapsed
                        << "\n";
            if (jobs.empty())
                env.out << "no running jobs\n";
        });
}

/// `ltx scheduler cancel JOBID`: stops tracking a running job.
template <class Client>
int scheduler_cancel_command(Client& client, environment& env, const settings& s,
                             const std::string& id) {
    return detail::call_and_confirm(env, s, "cancelled", id, [&](auto& ec, auto& d) {
        client.cancel_scheduled_job(id, ec, d);
    });
}

} // namespace ltx_cli

#include "run.hpp"

#endif
