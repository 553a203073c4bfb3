// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `ltx lightricks ...`: the official LTX API (api.ltx.video). The tree mirrors the library's
// names: `text-to-video` is `submit_text_to_video` (or, with `--sync`, the v1 `text_to_video`),
// `status` is `get_status`, `upload` is `upload_file`. Options come from the request models, as
// for the LTX Studio commands; a media option (`--image`, `--video`, ...) takes a local file,
// uploaded first, or a URI the API accepts.
#ifndef LTX_TOOLS_LTX_LIGHTRICKS_HPP
#define LTX_TOOLS_LTX_LIGHTRICKS_HPP

#include "commands.hpp"

#include <ltx/lightricks.hpp>

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ltx_cli::lightricks {

namespace lx = ltx::lightricks;

/// The members of `Request` that hold a media input (`image_uri`, `last_frame_uri`, ...), with
/// the option that takes them: the name without `_uri`, in kebab case (`--image`,
/// `--last-frame`).
template <class Request> std::vector<std::pair<std::string, std::string>> media_members() {
    std::vector<std::pair<std::string, std::string>> out;
    ltx::reflect::for_each_member<Request>([&](auto d) {
        const std::string name{d.name};
        if (!name.ends_with("_uri"))
            return;
        out.emplace_back(name, "--" + kebab(name.substr(0, name.size() - 4)));
    });
    return out;
}

/// What the user gave one generator command.
template <class Request> struct generator_args {
    CLI::App* app = nullptr;
    request_options<Request> fields;
    std::vector<std::pair<std::string, std::string>> media; // member, file or URI
    std::string request_file, out = "out.mp4";
    bool sync = false;
};

/// Whether the generator `Submit` has a v1 form, and which.
template <class Submit> struct v1_of { using type = void; };
template <> struct v1_of<lx::endpoints::submit_text_to_video> {
    using type = lx::endpoints::text_to_video;
};
template <> struct v1_of<lx::endpoints::submit_image_to_video> {
    using type = lx::endpoints::image_to_video;
};
template <> struct v1_of<lx::endpoints::submit_audio_to_video> {
    using type = lx::endpoints::audio_to_video;
};
template <> struct v1_of<lx::endpoints::submit_retake> { using type = lx::endpoints::retake; };
template <> struct v1_of<lx::endpoints::submit_extend> { using type = lx::endpoints::extend; };

template <class Submit>
void add_generator(CLI::App& parent, const std::string& name, const std::string& help,
                   generator_args<typename Submit::request>& a) {
    a.app = parent.add_subcommand(name, help);
    const auto media = media_members<typename Submit::request>();
    std::vector<std::string_view> skip;
    for (const auto& [member, flag] : media)
        skip.push_back(member);
    a.fields.add_to(*a.app, skip);
    a.media.resize(media.size());
    for (std::size_t i = 0; i < media.size(); ++i) {
        a.media[i].first = media[i].first;
        a.fields.name_option(media[i].first, media[i].second);
        a.app->add_option(media[i].second, a.media[i].second,
                          media[i].first + ": a local file (uploaded first) or a URI");
    }
    a.app->add_option("--request", a.request_file,
                      "the request as the JSON the API accepts; options override it");
    a.app->add_option("--out", a.out, "where to save the result")->capture_default_str();
    if constexpr (!std::is_void_v<typename v1_of<Submit>::type>)
        a.app->add_flag("--sync", a.sync,
                        "one v1 call that answers with the MP4 (default: a v2 job, followed)");
}

/// True when `arg` is a URI the API takes rather than a local file.
inline bool is_uri(const std::string& arg) {
    return arg.starts_with("ltx://") || arg.starts_with("https://") || arg.starts_with("http://") ||
           arg.starts_with("data:");
}

inline void print_status(environment& env, const settings& s, const lx::job_status& j) {
    if (s.json) {
        env.out << ltx::reflect::to_json(j) << "\n";
        return;
    }
    env.out << "job: " << j.id << "\nstate: " << j.status << "\n";
    if (j.completed_at)
        env.out << "completed: " << *j.completed_at << "\n";
    if (const auto url = lx::api::artifact_url(j))
        env.out << "result: " << *url << "\n";
    if (j.error)
        env.out << "error: " << j.error->type << ": " << j.error->message << "\n";
}

/// A generator command: the request from `--request` and the options, checked (with stand-ins
/// for the files to upload) before anything is sent; the files uploaded; then either one v1
/// call streaming the MP4 to `--out`, or a v2 submit, a wait showing the state and the time
/// elapsed (the API reports no percentage), and the download.
template <class Submit, class Client>
int generate(Client& client, environment& env, const settings& s,
             const generator_args<typename Submit::request>& a) {
    using Request = typename Submit::request;
    boost::json::object stand_ins; // for the files uploaded once the request is known good
    for (const auto& [member, arg] : a.media)
        if (!arg.empty())
            stand_ins[member] = is_uri(arg) ? arg : "ltx://uploads/pending";
    Request req;
    if (int rc = detail::read_request(env, s, a.request_file, a.fields, std::move(stand_ins), req))
        return rc;
    std::error_code ec;
    ltx::diagnostics d;
    for (const auto& [member, arg] : a.media) {
        if (arg.empty() || is_uri(arg))
            continue;
        auto uri = client.upload_file(arg, std::nullopt, ec, d);
        if (ec)
            return detail::fail(env, s, ec, d);
        if (!s.json && !s.dry_run)
            env.err << "uploaded " << arg << " as " << uri << "\n";
        detail::set_asset(req, member, uri);
    }

    download_display dl{env.err, env.terminal && !s.json, env.now};
    const ltx::download_options show{.on_progress = [&](auto n, auto t) { dl.update(n, t); }};
    if constexpr (!std::is_void_v<typename v1_of<Submit>::type>) {
        if (a.sync) {
            const auto n =
                client.template render<typename v1_of<Submit>::type>(req, a.out, show, ec, d);
            dl.finish();
            if (ec)
                return detail::fail(env, s, ec, d);
            if (s.json) {
                boost::json::object o;
                o["saved"] = a.out;
                o["bytes"] = n;
                env.out << boost::json::serialize(o) << "\n";
            } else {
                env.out << "saved " << a.out << "\n";
            }
            return exit_ok;
        }
    }
    const auto sub = client.template submit<Submit>(req, ec, d);
    if (ec)
        return detail::fail(env, s, ec, d);
    if (!s.json)
        env.err << "job " << sub.id << "\n";
    progress_display bar{env.err, env.terminal && !s.json, env.now};
    const auto done = client.wait({Submit::generator, sub.id},
                                  {.on_progress =
                                       [&](const lx::job_status& j) {
                                           if (!s.json)
                                               bar.update_state(j.status);
                                       }},
                                  ec, d);
    bar.finish();
    if (ec)
        return detail::fail(env, s, ec, d);
    client.download(done, a.out, show, ec, d);
    dl.finish();
    if (ec)
        return detail::fail(env, s, ec, d);
    if (s.json)
        env.out << ltx::reflect::to_json(done) << "\n";
    else
        env.out << "saved " << a.out << "\n";
    return exit_ok;
}

/// The `ltx lightricks` tree, and what the user gave it.
struct command_lines {
    CLI::App* app = nullptr;
    generator_args<lx::text_to_video_request> t2v;
    generator_args<lx::image_to_video_request> i2v;
    generator_args<lx::audio_to_video_request> a2v;
    generator_args<lx::retake_request> retake;
    generator_args<lx::extend_request> extend;
    generator_args<lx::hdr_request> hdr;
    generator_args<lx::reframe_request> reframe;
    CLI::App* status = nullptr;
    std::string status_endpoint, status_id;
    CLI::App* upload = nullptr;
    std::string upload_path;
    std::optional<std::string> upload_mime;
};

/// Adds `ltx lightricks ...` to `app`.
inline void add_commands(CLI::App& app, command_lines& c) {
    c.app = app.add_subcommand("lightricks", "the official LTX API (api.ltx.video; key from "
                                             "$LTXV_API_KEY)");
    c.app->require_subcommand(1);
    auto& p = *c.app;
    add_generator<lx::endpoints::submit_text_to_video>(p, "text-to-video", "a video from a prompt",
                                                       c.t2v);
    add_generator<lx::endpoints::submit_image_to_video>(
        p, "image-to-video", "a video from an image and a prompt", c.i2v);
    add_generator<lx::endpoints::submit_audio_to_video>(p, "audio-to-video",
                                                        "a video driven by an audio track", c.a2v);
    add_generator<lx::endpoints::submit_retake>(p, "retake", "regenerate a section of a video",
                                                c.retake);
    add_generator<lx::endpoints::submit_extend>(p, "extend", "add frames before or after a video",
                                                c.extend);
    add_generator<lx::endpoints::submit_hdr>(p, "hdr", "an SDR video to HDR frames (a ZIP)", c.hdr);
    c.hdr.out = "out.zip";
    add_generator<lx::endpoints::submit_reframe>(
        p, "reframe", "a video re-framed to another aspect ratio", c.reframe);
    c.status = p.add_subcommand("status", "show a v2 job");
    c.status
        ->add_option("endpoint", c.status_endpoint,
                     "the generator it was submitted to: " +
                         ltx::reflect::allowed_names<lx::generator>())
        ->required()
        ->check([](const std::string& text) {
            return ltx::reflect::from_wire<lx::generator>(text) ? std::string{}
                                                                : "unknown generator " + text;
        });
    c.status->add_option("id", c.status_id, "the job's id")->required();
    c.upload = p.add_subcommand("upload", "upload a file; prints its storage URI");
    c.upload->add_option("file", c.upload_path, "the file")->required();
    c.upload->add_option("--mime-type", c.upload_mime, "default: detected");
}

/// Runs the parsed `ltx lightricks` command with `client`.
template <class Client>
int dispatch(Client& client, environment& env, const settings& s, const command_lines& c) {
    if (c.t2v.app->parsed())
        return generate<lx::endpoints::submit_text_to_video>(client, env, s, c.t2v);
    if (c.i2v.app->parsed())
        return generate<lx::endpoints::submit_image_to_video>(client, env, s, c.i2v);
    if (c.a2v.app->parsed())
        return generate<lx::endpoints::submit_audio_to_video>(client, env, s, c.a2v);
    if (c.retake.app->parsed())
        return generate<lx::endpoints::submit_retake>(client, env, s, c.retake);
    if (c.extend.app->parsed())
        return generate<lx::endpoints::submit_extend>(client, env, s, c.extend);
    if (c.hdr.app->parsed())
        return generate<lx::endpoints::submit_hdr>(client, env, s, c.hdr);
    if (c.reframe.app->parsed())
        return generate<lx::endpoints::submit_reframe>(client, env, s, c.reframe);
    if (c.status->parsed())
        return detail::call_and_print(
            env, s,
            [&](auto& ec, auto& d) {
                return client.get_status(
                    {*ltx::reflect::from_wire<lx::generator>(c.status_endpoint), c.status_id}, ec,
                    d);
            },
            [&](const lx::job_status& j) { print_status(env, s, j); });
    if (c.upload->parsed()) {
        std::error_code ec;
        ltx::diagnostics d;
        const auto uri = client.upload_file(c.upload_path, c.upload_mime, ec, d);
        if (ec)
            return detail::fail(env, s, ec, d);
        if (s.json) {
            boost::json::object o;
            o["storage_uri"] = uri;
            env.out << boost::json::serialize(o) << "\n";
        } else {
            env.out << uri << "\n";
        }
        return exit_ok;
    }
    return exit_bad_input;
}

} // namespace ltx_cli::lightricks

#endif
