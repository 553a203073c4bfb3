// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Argument parsing and dispatch of `ltx`.
#ifndef LTX_TOOLS_LTX_RUN_HPP
#define LTX_TOOLS_LTX_RUN_HPP

#include "commands.hpp"
#include "lightricks.hpp"

#ifdef LTX_CLI_BATCH
#include "batch.hpp"
#endif

namespace ltx_cli {

inline constexpr const char* exit_codes_help =
    "Exit codes: 0 done, 2 bad input, 3 API error, 4 network or TLS failure, 5 job failed.\n"
    "The token comes from --token or USEAPI_TOKEN (for `ltx lightricks` and an official-API\n"
    "`ltx batch`, LTXV_API_KEY); it is never printed.";

namespace detail {

/// One generator command and what the user gave it.
template <class Request> struct generate_command_line {
    generate_args<Request> args;
    CLI::App* app = nullptr;
};

/// The `ltx videos create` command line.
using create_command_line = generate_command_line<ltx::ltx_create_request>;

/// The job commands (`get`, `wait`, `download`) under one parent, and what the user gave them.
struct job_command_lines {
    std::string id, out = "out.mp4";
    long long timeout_seconds = 1800;
    CLI::App* get = nullptr;
    CLI::App* wait = nullptr;
    CLI::App* download = nullptr;
};

// Adds a generator command named `name` under `parent`: an option per field of the request
// (but `email`, a global option), an asset field's option taking a file or an asset id.
template <class Request>
void add_generate(CLI::App& parent, const std::string& name, const std::string& help,
                  generate_command_line<Request>& c, const std::string& out) {
    c.app = parent.add_subcommand(name, help);
    const auto assets = asset_members<Request>();
    std::vector<std::string_view> skip{"email"};
    for (const auto& [member, flag] : assets)
        skip.push_back(member);
    c.args.fields.add_to(*c.app, skip);
    // Sized once: the options below keep pointers into it.
    c.args.assets.resize(assets.size());
    for (std::size_t i = 0; i < assets.size(); ++i) {
        c.args.assets[i].first = assets[i].first;
        c.args.fields.name_option(assets[i].first, assets[i].second);
        c.app->add_option(assets[i].second, c.args.assets[i].second,
                          assets[i].first + ": an image file (uploaded) or an asset id");
    }
    c.app->add_option("--request", c.args.request_file,
                      "the request as the JSON the API accepts; options override it");
    c.args.out = out;
    c.app->add_option("--out", c.args.out, "where to save the result")->capture_default_str();
}

// Adds `ltx videos create` (or the old `ltx create`) under `parent`.
inline void add_create(CLI::App& parent, const std::string& name, create_command_line& c) {
    add_generate(parent, name, "upload frames, create an LTX video, wait, download", c, "out.mp4");
}

// Adds the job commands under `parent`, with the given names.
inline void add_job_commands(CLI::App& parent, job_command_lines& j, const std::string& get,
                             const std::string& wait, const std::string& download) {
    j.get = parent.add_subcommand(get, "show a job");
    j.get->add_option("job", j.id, "job id")->required();
    j.wait = parent.add_subcommand(wait, "wait for a job to finish, showing its progress");
    j.wait->add_option("job", j.id, "job id")->required();
    j.wait->add_option("--timeout", j.timeout_seconds, "seconds")->capture_default_str();
    j.download = parent.add_subcommand(download, "download a finished job's video or image");
    j.download->add_option("job", j.id, "job id")->required();
    j.download->add_option("--out", j.out, "where to save it")->capture_default_str();
}

// Decodes a generated request from its options; reports a problem and returns false.
template <class Request>
bool apply_fields(environment& env, const request_options<Request>& fields, Request& req) {
    if (auto p = fields.apply({}, req)) {
        env.err << "ltx: " << *p << "\n";
        return false;
    }
    return true;
}

} // namespace detail

template <class WithClient>
int run(int argc, const char* const* argv, environment env, WithClient with_client) {
    CLI::App app{"ltx: create videos with the LTX Studio API (useapi.net)", "ltx"};
    app.footer(exit_codes_help);
    app.require_subcommand(1);
    app.fallthrough(); // global options may follow the subcommand
    settings s;
    std::string token, base_url = s.config.base_url, email;
    app.add_option("--token", token, "API token (default: $USEAPI_TOKEN)");
    app.add_option("--base-url", base_url, "API base URL")->capture_default_str();
    app.add_option("--email", email, "LTX Studio account e-mail, when several are configured");
    app.add_flag("--json", s.json, "print results as JSON on stdout");
    app.add_flag("--dry-run", s.dry_run,
                 "print the HTTP requests that would be sent (token redacted), send nothing");

    // The tree mirrors the library's names: `videos create` is `create_video`, `jobs get` is
    // `get_job`, `accounts configure` is `configure_account`, and so on.
    auto* videos = app.add_subcommand("videos", "create videos");
    videos->require_subcommand(1);
    detail::create_command_line creates[2];
    detail::add_create(*videos, "create", creates[0]);
    detail::generate_command_line<ltx::veo_create_request> veo;
    detail::add_generate(*videos, "veo-create", "create a Google Veo video, wait, download", veo,
                         "out.mp4");

    auto* images = app.add_subcommand("images", "create, edit or upscale images");
    images->require_subcommand(1);
    detail::generate_command_line<ltx::image_create_request> image_create;
    detail::add_generate(*images, "create", "create an image, wait, download", image_create,
                         "out.png");
    detail::generate_command_line<ltx::image_edit_request> image_edit;
    detail::add_generate(*images, "edit", "edit images, wait, download", image_edit, "out.png");
    detail::generate_command_line<ltx::image_upscale_request> image_upscale;
    detail::add_generate(*images, "upscale", "upscale a finished image job, wait, download",
                         image_upscale, "out.png");

    auto* jobs = app.add_subcommand("jobs", "show, wait for or download a job");
    jobs->require_subcommand(1);
    detail::job_command_lines job_lines[2];
    detail::add_job_commands(*jobs, job_lines[0], "get", "wait", "download");

    auto* assets = app.add_subcommand("assets", "list or upload assets");
    assets->require_subcommand(1);
    request_options<ltx::list_assets_request> list_fields;
    auto* assets_list = assets->add_subcommand("list", "list the account's assets");
    list_fields.add_to(*assets_list, {"email"});
    std::string upload_file;
    ltx::upload_options upload_opts;
    auto* assets_upload = assets->add_subcommand("upload", "upload a file");
    assets_upload->add_option("file", upload_file, "the file")->required();
    assets_upload->add_option("--mime-type", upload_opts.mime_type, "default: detected");
    assets_upload
        ->add_option("--type", upload_opts.type, "image or reference-image; default: image")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, ltx::upload_type>{
                {"image", ltx::upload_type::image},
                {"reference-image", ltx::upload_type::reference_image}},
            CLI::ignore_case));

    auto* accounts = app.add_subcommand("accounts", "list, show, configure or delete accounts");
    accounts->require_subcommand(1);
    std::string account_email;
    auto* accounts_list = accounts->add_subcommand("list", "list the configured accounts");
    auto* accounts_get = accounts->add_subcommand("get", "show an account");
    accounts_get->add_option("email", account_email, "the account's e-mail")->required();
    request_options<ltx::account_request> account_fields[2];
    CLI::App* accounts_configures[2] = {
        accounts->add_subcommand("configure", "create or update an account")};
    account_fields[0].add_to(*accounts_configures[0]);
    auto* accounts_delete = accounts->add_subcommand("delete", "delete an account");
    accounts_delete->add_option("email", account_email, "the account's e-mail")->required();

    auto* scheduler = app.add_subcommand("scheduler", "list or cancel the running jobs");
    scheduler->require_subcommand(1);
    std::string scheduled_id;
    auto* scheduler_list = scheduler->add_subcommand("list", "list the jobs running now");
    auto* scheduler_cancel = scheduler->add_subcommand("cancel", "stop tracking a running job");
    scheduler_cancel->add_option("job", scheduled_id, "job id")->required();

    lightricks::command_lines lx_lines;
    lightricks::add_commands(app, lx_lines);
#ifdef LTX_CLI_BATCH
    batch::command_lines batch_lines;
    batch::add_commands(app, batch_lines);
#endif

    // The verbs of earlier releases, kept working and hidden from the help.
    detail::add_create(app, "create", creates[1]);
    detail::add_job_commands(app, job_lines[1], "status", "wait", "download");
    accounts_configures[1] = accounts->add_subcommand("set", "create or update an account");
    account_fields[1].add_to(*accounts_configures[1]);
    for (auto* legacy : {creates[1].app, job_lines[1].get, job_lines[1].wait, job_lines[1].download,
                         accounts_configures[1]})
        legacy->group("");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e, env.out, env.err);
        return rc == 0 ? exit_ok : exit_bad_input;
    }

#ifdef LTX_CLI_BATCH
    if (batch_lines.status->parsed()) {
        try {
            return batch::status_command(env, s, batch_lines.status_journal);
        } catch (const std::exception& e) {
            env.err << "ltx: " << e.what() << "\n";
            return exit_bad_input;
        }
    }
#endif
    bool official = lx_lines.app->parsed();
#ifdef LTX_CLI_BATCH
    // A batch runs on the API of its lines' endpoints: its client, token and base URL are
    // those of the API's own commands. A file that cannot be read names none: said first.
    if (batch_lines.app->parsed()) {
        if (std::ifstream in;
            !batch_lines.file.empty() && !batch::detail::open_input(env, batch_lines.file, in))
            return exit_bad_input;
        official = batch::detail::file_api(batch_lines.file) == batch::batch_api::official;
    }
#endif
    s.config.base_url = base_url;
    if (official && app.get_option("--base-url")->count() == 0)
        s.config.base_url = std::string{ltx::lightricks::default_base_url};
    s.config.token = !token.empty()
                         ? token
                         : env.getenv(official ? "LTXV_API_KEY" : "USEAPI_TOKEN").value_or("");
    if (!email.empty())
        s.config.email = email;
    if (s.config.token.empty() && !s.dry_run) {
        env.err << (official ? "ltx: no API key: set LTXV_API_KEY or pass --token\n"
                             : "ltx: no API token: set USEAPI_TOKEN or pass --token\n");
        return exit_bad_input;
    }

    auto dispatch = [&](auto& client) -> int {
#ifdef LTX_CLI_BATCH
        if (batch_lines.app->parsed())
            return batch::run_command(client, env, s, batch_lines);
#endif
        for (const auto& c : creates)
            if (c.app->parsed())
                return generate_command(client, env, s, c.args,
                                        [](auto& cl, const auto& r, auto& ec, auto& d) {
                                            return cl.create_video(r, ec, d);
                                        });
        if (veo.app->parsed())
            return generate_command(client, env, s, veo.args,
                                    [](auto& cl, const auto& r, auto& ec, auto& d) {
                                        return cl.create_veo_video(r, ec, d);
                                    });
        if (image_create.app->parsed())
            return generate_command(client, env, s, image_create.args,
                                    [](auto& cl, const auto& r, auto& ec, auto& d) {
                                        return cl.create_image(r, ec, d);
                                    });
        if (image_edit.app->parsed())
            return generate_command(
                client, env, s, image_edit.args,
                [](auto& cl, const auto& r, auto& ec, auto& d) { return cl.edit_image(r, ec, d); });
        if (image_upscale.app->parsed())
            return generate_command(client, env, s, image_upscale.args,
                                    [](auto& cl, const auto& r, auto& ec, auto& d) {
                                        return cl.upscale_image(r, ec, d);
                                    });
        for (const auto& j : job_lines) {
            if (j.get->parsed())
                return jobs_get_command(client, env, s, j.id);
            if (j.wait->parsed())
                return jobs_wait_command(client, env, s, j.id,
                                         std::chrono::seconds{j.timeout_seconds});
            if (j.download->parsed())
                return jobs_download_command(client, env, s, j.id, j.out);
        }
        if (assets_list->parsed()) {
            ltx::list_assets_request req;
            return detail::apply_fields(env, list_fields, req)
                       ? assets_list_command(client, env, s, req)
                       : exit_bad_input;
        }
        if (assets_upload->parsed())
            return assets_upload_command(client, env, s, upload_file, upload_opts);
        if (accounts_list->parsed())
            return accounts_list_command(client, env, s);
        if (accounts_get->parsed())
            return accounts_get_command(client, env, s, account_email);
        for (std::size_t i = 0; i < 2; ++i)
            if (accounts_configures[i]->parsed()) {
                ltx::account_request req;
                return detail::apply_fields(env, account_fields[i], req)
                           ? accounts_configure_command(client, env, s, req)
                           : exit_bad_input;
            }
        if (accounts_delete->parsed())
            return accounts_delete_command(client, env, s, account_email);
        if (scheduler_list->parsed())
            return scheduler_list_command(client, env, s);
        if (scheduler_cancel->parsed())
            return scheduler_cancel_command(client, env, s, scheduled_id);
        return exit_bad_input;
    };

    // The official API's client goes over the transport and clock `with_client` provides.
    auto dispatch_official = [&](auto& studio) -> int {
        ltx::lightricks::basic_client client{studio.transport(), s.config, studio.clock()};
#ifdef LTX_CLI_BATCH
        if (batch_lines.app->parsed())
            return batch::run_command(client, env, s, batch_lines);
#endif
        return lightricks::dispatch(client, env, s, lx_lines);
    };

    try {
        if (s.dry_run) {
            dry_run_transport t{env.out};
            ltx::basic_client client{t, s.config};
            return official ? dispatch_official(client) : dispatch(client);
        }
        if (official)
            return with_client(s, dispatch_official);
        return with_client(s, dispatch);
    } catch (const std::invalid_argument& e) {
        env.err << "ltx: " << e.what() << "\n";
        return exit_bad_input;
    } catch (const std::exception& e) {
        env.err << "ltx: " << ltx::detail::redact(e.what(), s.config.token) << "\n";
        return exit_network;
    }
}

} // namespace ltx_cli

#endif
