// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Argument parsing and dispatch of `ltx`.
#ifndef LTX_TOOLS_LTX_RUN_HPP
#define LTX_TOOLS_LTX_RUN_HPP

#include "commands.hpp"

namespace ltx_cli {

inline constexpr const char* exit_codes_help =
    "Exit codes: 0 done, 2 bad input, 3 API error, 4 network or TLS failure, 5 job failed.\n"
    "The token comes from --token or USEAPI_TOKEN; it is never printed.";

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

    create_args create;
    auto* create_cmd =
        app.add_subcommand("create", "upload frames, create a video, wait, download");
    create.fields.add_to(*create_cmd, {"startAssetId", "endAssetId", "email"});
    create_cmd->add_option("--start", create.start, "first frame: an image file or an asset id");
    create_cmd->add_option("--end", create.end, "last frame: an image file or an asset id");
    create_cmd->add_option("--request", create.request_file,
                           "the request as the JSON the API accepts; options override it");
    create_cmd->add_option("--out", create.out, "where to save the video")->capture_default_str();

    std::string job_id, out = "out.mp4";
    long long wait_seconds = 1800;
    auto* status_cmd = app.add_subcommand("status", "show a job");
    status_cmd->add_option("job", job_id, "job id")->required();
    auto* wait_cmd = app.add_subcommand("wait", "wait for a job to finish");
    wait_cmd->add_option("job", job_id, "job id")->required();
    wait_cmd->add_option("--timeout", wait_seconds, "seconds")->capture_default_str();
    auto* download_cmd = app.add_subcommand("download", "download a finished job's video");
    download_cmd->add_option("job", job_id, "job id")->required();
    download_cmd->add_option("--out", out, "where to save the video")->capture_default_str();

    auto* assets_cmd = app.add_subcommand("assets", "list or upload assets");
    assets_cmd->require_subcommand(1);
    request_options<ltx::list_assets_request> list_fields;
    auto* list_cmd = assets_cmd->add_subcommand("list", "list the account's assets");
    list_fields.add_to(*list_cmd, {"email"});
    std::string upload_file;
    ltx::upload_options upload_opts;
    auto* upload_cmd = assets_cmd->add_subcommand("upload", "upload a file");
    upload_cmd->add_option("file", upload_file, "the file")->required();
    upload_cmd->add_option("--mime-type", upload_opts.mime_type, "default: detected");
    upload_cmd->add_option("--type", upload_opts.type, "image or reference-image; default: image")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, ltx::upload_type>{
                {"image", ltx::upload_type::image},
                {"reference-image", ltx::upload_type::reference_image}},
            CLI::ignore_case));

    auto* accounts_cmd = app.add_subcommand("accounts", "show or configure LTX Studio accounts");
    accounts_cmd->require_subcommand(1);
    std::string account_email;
    auto* get_cmd = accounts_cmd->add_subcommand("get", "show an account");
    get_cmd->add_option("email", account_email, "the account's e-mail")->required();
    request_options<ltx::account_request> account_fields;
    auto* set_cmd = accounts_cmd->add_subcommand("set", "create or update an account");
    account_fields.add_to(*set_cmd);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e, env.out, env.err);
        return rc == 0 ? exit_ok : exit_bad_input;
    }

    s.config.base_url = base_url;
    s.config.token = !token.empty() ? token : env.getenv("USEAPI_TOKEN").value_or("");
    if (!email.empty())
        s.config.email = email;
    if (s.config.token.empty() && !s.dry_run) {
        env.err << "ltx: no API token: set USEAPI_TOKEN or pass --token\n";
        return exit_bad_input;
    }

    auto dispatch = [&](auto& client) -> int {
        if (create_cmd->parsed())
            return create_command(client, env, s, create);
        if (status_cmd->parsed())
            return status_command(client, env, s, job_id);
        if (wait_cmd->parsed())
            return wait_command(client, env, s, job_id, std::chrono::seconds{wait_seconds});
        if (download_cmd->parsed())
            return download_command(client, env, s, job_id, out);
        if (list_cmd->parsed()) {
            ltx::list_assets_request req;
            if (auto p = list_fields.apply({}, req)) {
                env.err << "ltx: " << *p << "\n";
                return exit_bad_input;
            }
            return assets_list_command(client, env, s, req);
        }
        if (upload_cmd->parsed())
            return assets_upload_command(client, env, s, upload_file, upload_opts);
        if (get_cmd->parsed())
            return accounts_get_command(client, env, s, account_email);
        if (set_cmd->parsed()) {
            ltx::account_request req;
            if (auto p = account_fields.apply({}, req)) {
                env.err << "ltx: " << *p << "\n";
                return exit_bad_input;
            }
            return accounts_set_command(client, env, s, req);
        }
        return exit_bad_input;
    };

    try {
        if (s.dry_run) {
            dry_run_transport t{env.out};
            ltx::basic_client client{t, s.config};
            return dispatch(client);
        }
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
