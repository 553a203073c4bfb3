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

// Turns an asset option (`--start`, `--reference`, ...) into an asset id: an `asset:` id is
// used as is, a file is uploaded.
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
    auto v = ltx::reflect::parse_json(text, jec); // numbers read as read_json reads them
    if (jec || !v.is_object())
        return std::nullopt;
    return std::move(v.as_object());
}

/// Reads a generator's request: the JSON object of `request_file` (when given), `stand_ins`
/// over it (values for the members whose files are uploaded later), the options over both,
/// checked by the library's rules. Returns 0, or the exit code after reporting the problem.
template <class Request>
int read_request(environment& env, const settings& s, const std::string& request_file,
                 const request_options<Request>& fields, boost::json::object stand_ins,
                 Request& out) {
    boost::json::object base;
    if (!request_file.empty()) {
        const auto text = read_text(request_file);
        if (!text) {
            env.err << "ltx: cannot read " << request_file << "\n";
            return exit_bad_input;
        }
        auto object = request_object(*text);
        if (!object) {
            env.err << "ltx: " << request_file << " is not a JSON object\n";
            return exit_bad_input;
        }
        base = std::move(*object);
    }
    for (auto& [member, value] : stand_ins)
        base[member] = std::move(value);
    if (auto problem = fields.apply(std::move(base), out, !request_file.empty())) {
        env.err << "ltx: " << *problem << "\n";
        return exit_bad_input;
    }
    if (const auto v = ltx::reflect::validate(out); !v.empty()) {
        ltx::diagnostics d;
        d.violations = v;
        return fail(env, s, ltx::errc::invalid_request, d);
    }
    return exit_ok;
}

} // namespace detail

/// The members of `Request` that hold an image asset's fileId (`startAssetId`,
/// `referenceAssetId2`, ...), with the option that takes them: the member's name in kebab case
/// without `-asset-id` (`--start`, `--reference2`).
template <class Request> std::vector<std::pair<std::string, std::string>> asset_members() {
    std::vector<std::pair<std::string, std::string>> out;
    ltx::reflect::for_each_member<Request>([&](auto d) {
        const std::string name{d.name};
        if (name.find("AssetId") == std::string::npos)
            return;
        auto flag = kebab(name);
        flag.erase(flag.find("-asset-id"), 9);
        out.emplace_back(name, "--" + flag);
    });
    return out;
}

namespace detail {

// Sets the asset member `name` of `req` to `id`.
template <class Request>
void set_asset(Request& req, std::string_view name, const std::string& id) {
    ltx::reflect::for_each_member<Request>([&](auto d) {
        if constexpr (std::is_assignable_v<decltype(req.*d.pointer)&, const std::string&>)
            if (d.name == name)
                req.*d.pointer = id;
    });
}

} // namespace detail

/// The arguments of a generator command (`ltx videos create`, `ltx images edit`, ...).
template <class Request> struct generate_args {
    request_options<Request> fields;
    /// Each asset member, in declaration order, with what the user gave its option: a file to
    /// upload, an `asset:` id, or nothing.
    std::vector<std::pair<std::string, std::string>> assets;
    std::string request_file, out;
};

/// The arguments of `ltx videos create`.
using create_args = generate_args<ltx::ltx_create_request>;

/// A generator command: reads `--request` and the options into the request, checks it (with
/// stand-ins for the files to upload) before anything is sent, uploads the files, creates the
/// job with `create(client, request, ec, diag)`, waits with progress and downloads the result.
template <class Client, class Request, class Create>
int generate_command(Client& client, environment& env, const settings& s,
                     const generate_args<Request>& a, Create create) {
    boost::json::object stand_ins; // for the assets given as options until their ids are known
    for (const auto& [member, arg] : a.assets)
        if (!arg.empty())
            stand_ins[member] = "asset:pending";
    Request req;
    if (int rc = detail::read_request(env, s, a.request_file, a.fields, std::move(stand_ins), req))
        return rc;
    for (const auto& [member, arg] : a.assets) {
        std::optional<std::string> id;
        if (int rc = detail::resolve_frame(client, env, s, arg, id))
            return rc;
        if (id)
            detail::set_asset(req, member, *id);
    }

    std::error_code ec;
    ltx::diagnostics d;
    const auto created = create(client, req, ec, d);
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
