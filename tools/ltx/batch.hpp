// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `ltx batch FILE.jsonl --journal batch.db`: every line of FILE one request, planned into a
// durable journal (ltx/batch/sqlite_journal.hpp), run by ltx::batch::runner over the Asio
// transport, each artifact downloaded into the output folder. `ltx batch status batch.db`
// prints the journal.
#ifndef LTX_TOOLS_LTX_BATCH_HPP
#define LTX_TOOLS_LTX_BATCH_HPP

#include "batch_progress.hpp"
#include "commands.hpp"

#include <ltx/asio.hpp>
#include <ltx/batch/endpoint_request.hpp>
#include <ltx/batch/lightricks_adapter.hpp>
#include <ltx/batch/line_hash.hpp>
#include <ltx/batch/runner.hpp>
#include <ltx/batch/sqlite_journal.hpp>
#include <ltx/batch/studio_adapter.hpp>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <vector>

namespace ltx_cli::batch {

/// What the user gave `ltx batch` and `ltx batch status`.
struct command_lines {
    CLI::App* app = nullptr;
    CLI::App* status = nullptr;
    std::string file, journal, out_dir = ".", status_journal;
    std::size_t concurrency = 0; ///< 0: the account's maxJobs
    bool resubmit_unknown = false;
    long long poll_ms = 3000;
};

/// The paths of the endpoints of the tuple `Endpoints`, quoted, separated by commas.
template <class Endpoints> std::string endpoint_names() {
    std::string out;
    for (std::size_t i = 0; i < std::tuple_size_v<Endpoints>; ++i)
        ltx::batch::with_endpoint_index<Endpoints>(i, [&](auto index) {
            if (!out.empty())
                out += ", ";
            out += '"';
            out += std::tuple_element_t<decltype(index)::value, Endpoints>::path;
            out += '"';
        });
    return out;
}

/// Which API a batch runs on: the one its lines' endpoints belong to.
enum class batch_api { studio, official };

/// The API of `endpoint`, when it is one `ltx batch` accepts.
inline std::optional<batch_api> api_of(std::string_view endpoint) {
    if (ltx::batch::endpoint_index<ltx::batch::studio_endpoints>(endpoint))
        return batch_api::studio;
    if (ltx::batch::endpoint_index<ltx::batch::lightricks_endpoints>(endpoint))
        return batch_api::official;
    return std::nullopt;
}

/// The name of `api` in messages.
inline const char* api_name(batch_api api) {
    return api == batch_api::studio ? "LTX Studio" : "the official LTX API";
}

/// Adds `ltx batch` and `ltx batch status` to `app`.
inline void add_commands(CLI::App& app, command_lines& c) {
    c.app = app.add_subcommand(
        "batch", "run every line of a JSONL file as one request, journaled, resumable");
    c.app->require_subcommand(0, 1);
    c.app->add_option("file", c.file,
                      "one request a line: the endpoint's JSON body with \"endpoint\" and an "
                      "optional \"out\" file name. LTX Studio: " +
                          endpoint_names<ltx::batch::studio_endpoints>() +
                          " (token: USEAPI_TOKEN); the official LTX API: " +
                          endpoint_names<ltx::batch::lightricks_endpoints>() +
                          " (key: LTXV_API_KEY, base URL api.ltx.video). All lines of one "
                          "API; media inputs as the API takes them (asset ids, URIs)");
    c.app->add_option("--journal", c.journal,
                      "the SQLite journal; run again with the same one to resume");
    c.app->add_option("--concurrency", c.concurrency,
                      "jobs at once (default: LTX Studio, the account's maxJobs, else 2; the "
                      "official LTX API, 2)");
    c.app->add_option("--out-dir", c.out_dir, "where the artifacts go")->capture_default_str();
    c.app->add_flag("--resubmit-unknown", c.resubmit_unknown,
                    "submit again the lines whose create may have reached the server (a "
                    "second job may be paid for; LTX Studio first looks them up among the "
                    "running jobs, the official LTX API cannot)");
    c.app->add_option("--poll-ms", c.poll_ms, "first pause between two polls of a job")
        ->capture_default_str();
    c.app->footer("On a terminal, stderr shows a line per job in flight and a total, redrawn in "
                  "place; otherwise a plain line per transition.");
    c.status = c.app->add_subcommand("status", "print a batch journal's lines");
    c.status->add_option("journal", c.status_journal, "the journal")->required();
}

namespace detail {

/// "line N" for the 0-based index `index`.
inline std::string line_label(std::size_t index) {
    std::string out = "line ";
    out += std::to_string(index + 1);
    return out;
}

/// One request line of the input.
struct input_line {
    std::string text;
    std::string out; ///< the file name the artifact gets; empty: `<line>` and the kind's extension
    batch_api api = batch_api::studio;
    ltx::batch::studio_request studio;       ///< when `api` is `studio`
    ltx::batch::lightricks_request official; ///< when `api` is `official`
};

/// Reads `body` as the request of the `endpoint`-th endpoint of `Endpoints` into `out`, checked
/// by the library's rules; the problem, if any.
template <class Endpoints>
std::optional<std::string> read_endpoint_request(boost::json::object body, std::size_t endpoint,
                                                 ltx::batch::endpoint_request<Endpoints>& out) {
    std::optional<std::string> problem;
    ltx::batch::with_endpoint_index<Endpoints>(endpoint, [&](auto index) {
        constexpr std::size_t i = decltype(index)::value;
        typename std::tuple_element_t<i, Endpoints>::request request;
        ltx::reflect::json_error err;
        if (!ltx::reflect::read_json_value(boost::json::value(std::move(body)), request, err)) {
            problem = err.path + (err.path.empty() ? "" : ": ") + err.message;
            return;
        }
        if (const auto v = ltx::reflect::validate(request); !v.empty()) {
            ltx::diagnostics d;
            d.violations = v;
            problem = d.to_string(ltx::errc::invalid_request);
            return;
        }
        out.template emplace<i>(std::move(request));
    });
    return problem;
}

/// Opens the batch file `file` into `in`; false, with its path and why on `env.err`, when it
/// cannot be read (missing, unreadable, a folder).
inline bool open_input(environment& env, const std::string& file, std::ifstream& in) {
    errno = 0;
    in.open(file, std::ios::binary);
    std::string why;
    std::error_code ignored;
    if (!in)
        why = errno != 0 ? std::generic_category().message(errno) : "cannot open it";
    else if (std::filesystem::is_directory(file, ignored))
        why = std::generic_category().message(EISDIR);
    if (why.empty())
        return true;
    env.err << "ltx batch: cannot read " << file << ": " << why << "\n";
    return false;
}

/// Removes from `dir` the temporaries of downloads that a killed run left
/// (`ltx::detail::is_part_file_name`); a run is the only writer of its output folder.
inline void remove_part_files(const std::filesystem::path& dir) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator{dir, ec}) {
        if (ltx::detail::is_part_file_name(entry.path().filename().string())) {
            std::error_code ignored;
            std::filesystem::remove(entry.path(), ignored);
        }
    }
}

/// The API the first line naming an accepted endpoint of `file` belongs to (how `ltx batch`
/// picks its client and token); none when the file cannot be read or names none.
inline std::optional<batch_api> file_api(const std::string& file) {
    std::ifstream in{file, std::ios::binary};
    std::string text;
    while (std::getline(in, text)) {
        const auto object = ltx_cli::detail::request_object(text);
        if (!object)
            continue;
        const auto* endpoint = object->if_contains("endpoint");
        if (endpoint && endpoint->is_string())
            if (const auto api = api_of(endpoint->as_string()))
                return api;
    }
    return std::nullopt;
}

/// Reads the input: one request per line, blank lines skipped (a line keeps its number in the
/// file as its index), all of one API. Reports the first bad line and returns its exit code,
/// or 0.
inline int read_input(environment& env, const std::string& file,
                      std::vector<std::optional<input_line>>& lines) {
    std::ifstream in;
    if (!open_input(env, file, in))
        return exit_bad_input;
    const std::string accepted =
        "LTX Studio: " + endpoint_names<ltx::batch::studio_endpoints>() +
        "; the official LTX API: " + endpoint_names<ltx::batch::lightricks_endpoints>();
    std::optional<std::size_t> first_line; // the first request line: its API is the batch's
    std::string text;
    while (std::getline(in, text)) {
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        const std::size_t index = lines.size();
        if (text.find_first_not_of(" \t") == std::string::npos) {
            lines.emplace_back();
            continue;
        }
        auto bad = [&](const auto&... why) {
            env.err << "ltx batch: " << file << " " << line_label(index) << ": ";
            (env.err << ... << why) << "\n";
            return exit_bad_input;
        };
        auto object = ltx_cli::detail::request_object(text);
        if (!object)
            return bad("not a JSON object");
        const auto* endpoint = object->if_contains("endpoint");
        if (!endpoint || !endpoint->is_string())
            return bad("no \"endpoint\" (expected one of ", accepted, ")");
        const std::string name{endpoint->as_string()}; // `object` loses "endpoint" below
        const auto api = api_of(name);
        if (!api)
            return bad("endpoint \"", name, "\" is not supported (expected one of ", accepted, ")");
        if (first_line && lines[*first_line]->api != *api)
            return bad("endpoint \"", name, "\" is of ", api_name(*api), ", but ",
                       line_label(*first_line), "'s is of ", api_name(lines[*first_line]->api),
                       ": one batch runs on one API");
        input_line line;
        line.text = text;
        line.api = *api;
        if (const auto* out = object->if_contains("out")) {
            if (!out->is_string())
                return bad("\"out\" is not a string");
            line.out = out->as_string();
            const std::filesystem::path out_name{line.out};
            if (line.out.empty() || out_name.filename() != out_name || line.out == "." ||
                line.out == "..")
                return bad("\"out\" must be a plain file name, not ", line.out);
        }
        object->erase("endpoint");
        object->erase("out");
        const auto problem =
            *api == batch_api::studio
                ? read_endpoint_request<ltx::batch::studio_endpoints>(
                      std::move(*object),
                      *ltx::batch::endpoint_index<ltx::batch::studio_endpoints>(name), line.studio)
                : read_endpoint_request<ltx::batch::lightricks_endpoints>(
                      std::move(*object),
                      *ltx::batch::endpoint_index<ltx::batch::lightricks_endpoints>(name),
                      line.official);
        if (problem)
            return bad(*problem);
        if (!first_line)
            first_line = index;
        lines.emplace_back(std::move(line));
    }
    return exit_ok;
}

/// The journal's lines as JSON.
inline boost::json::array to_json(const std::vector<ltx::batch::line_record>& lines) {
    boost::json::array out;
    for (const auto& l : lines) {
        boost::json::object o;
        o["line"] = l.index + 1;
        o["state"] = std::string{ltx::batch::to_string(l.state)};
        o["hash"] = l.content_hash;
        if (!l.job_id.empty())
            o["job"] = l.job_id;
        if (!l.reply_ref.empty())
            o["replyRef"] = l.reply_ref;
        if (!l.file.empty()) {
            o["file"] = l.file;
            o["size"] = l.size;
        }
        if (!l.error.empty())
            o["error"] = l.error;
        out.push_back(std::move(o));
    }
    return out;
}

/// Counts of each state, in the order of `ltx::batch::line_state`.
inline boost::json::object counts(const std::vector<ltx::batch::line_record>& lines) {
    const auto c = ltx::batch::count_states(lines);
    boost::json::object o;
    for (auto state : ltx::batch::line_states)
        o[ltx::batch::to_string(state)] = c[state];
    o["total"] = c.total();
    return o;
}

/// The summary line: `N lines: a done, b failed, ...` (the states no line is in left out).
inline void print_counts(std::ostream& os, const std::vector<ltx::batch::line_record>& lines) {
    const auto c = counts(lines);
    os << lines.size() << (lines.size() == 1 ? " line:" : " lines:");
    const char* sep = " ";
    for (const auto& [name, n] : c) {
        if (name == "total" || n.as_uint64() == 0)
            continue;
        os << sep << n.as_uint64() << " " << std::string_view{name};
        sep = ", ";
    }
    os << "\n";
}

} // namespace detail

/// `ltx batch status JOURNAL [--json]`: the journal's lines, read only.
inline int status_command(environment& env, const settings& s, const std::string& path) {
    if (!std::filesystem::is_regular_file(path)) {
        env.err << "ltx batch: no journal " << path << "\n";
        return exit_bad_input;
    }
    const ltx::batch::sqlite_journal journal{path};
    const auto lines = journal.lines();
    if (s.json) {
        boost::json::object o;
        o["counts"] = detail::counts(lines);
        o["lines"] = detail::to_json(lines);
        env.out << boost::json::serialize(o) << "\n";
        return exit_ok;
    }
    env.out << "line  state  job  file | error\n";
    for (const auto& l : lines)
        detail::print_line(env.out, l);
    detail::print_counts(env.out, lines);
    return exit_ok;
}

namespace detail {

// The concurrency the account allows: the maxJobs of the account named by --email, else the
// sum over the configured accounts (the API spreads jobs over them); 2 when unknown.
template <class Client> std::size_t account_concurrency(Client& client, const settings& s) {
    std::error_code ec;
    ltx::diagnostics d;
    std::size_t total = 0;
    if (s.config.email) {
        const auto a = client.get_account(*s.config.email, ec, d);
        if (!ec && a.maxJobs && *a.maxJobs > 0)
            total = static_cast<std::size_t>(*a.maxJobs);
    } else {
        const auto accounts = client.list_accounts(ec, d);
        if (!ec)
            for (const auto& [email, a] : accounts)
                if (a.maxJobs && *a.maxJobs > 0)
                    total += static_cast<std::size_t>(*a.maxJobs);
    }
    return total == 0 ? 2 : total;
}

/// Whether `Client` is the official LTX API's client (`ltx::lightricks::basic_client`).
template <class Client>
concept official_client = requires(Client& c, const ltx::lightricks::text_to_video_request& r,
                                   std::error_code& ec, ltx::diagnostics& d) {
    c.submit_text_to_video(r, ec, d);
};

/// Runs the journal's lines through `adapter` on `io` until the runner reports (or SIGINT
/// stops it), then prints the summary; the exit code.
template <class Adapter, class Transport>
int run_adapter(Adapter& adapter, Transport& transport, ::asio::io_context& io,
                ltx::batch::sqlite_journal& journal, std::size_t concurrency, environment& env,
                const settings& s, const command_lines& c) {
    ltx::batch::run_options opts;
    opts.concurrency = concurrency;
    opts.resubmit_unknown = c.resubmit_unknown;
    opts.max_retry_after = s.config.retry.max_retry_after;
    const bool block = env.terminal && !s.json && !s.quiet;
    // The terminal's size read again at each frame (an ioctl each 100 ms at most): the block
    // follows a resize at its next redraw.
    batch_display display{env.err, block, env.now,
                          geometry_fn{[] { return terminal_geometry::of(STDERR_FILENO); }}};
    batch_output output{display, transport.get_executor()};
    if (!s.json) {
        display.start(journal.lines());
        output.attach(opts);
    }
    ltx::batch::runner<Adapter> runner{adapter, journal, opts};

    // SIGINT stops submitting; the jobs submitted stay in the journal, resumable.
    ::asio::signal_set signals{transport.get_executor(), SIGINT};
    bool interrupted = false;
    signals.async_wait([&](std::error_code ec, int) {
        if (ec)
            return;
        interrupted = true;
        display.message("ltx batch: interrupted; submitted jobs stay in " + c.journal +
                        ", run again to resume");
        runner.stop();
    });
    std::optional<ltx::batch::run_summary> summary;
    io.restart();
    runner.start([&](ltx::batch::run_summary r) {
        summary = r;
        signals.cancel();
    });
    while (!summary && io.run_one()) {
    }
    display.finish();
    const auto lines = journal.lines();
    if (s.json) {
        boost::json::object o;
        o["counts"] = counts(lines);
        o["lines"] = to_json(lines);
        o["interrupted"] = interrupted;
        if (summary) {
            o["foundRunning"] = summary->found_running;
            if (!summary->lookup_error.empty())
                o["lookupError"] = summary->lookup_error;
        }
        env.out << boost::json::serialize(o) << "\n";
    } else {
        if (summary && summary->found_running != 0)
            env.out << summary->found_running
                    << (summary->found_running == 1 ? " unknown line" : " unknown lines")
                    << " found running on the server (GET scheduler), waited on\n";
        if (summary && !summary->lookup_error.empty())
            env.out << "ltx batch: the running jobs could not be listed, unknown lines "
                       "left as they are: "
                    << summary->lookup_error << "\n";
        for (const auto& l : lines)
            if (l.state == ltx::batch::line_state::unknown && !c.resubmit_unknown)
                env.out << line_label(l.index)
                        << ": unknown (the create may have reached the server; "
                           "--resubmit-unknown submits it again)\n";
        print_counts(env.out, lines);
    }
    if (!summary)
        return exit_network;
    if (summary->complete())
        return exit_ok;
    return summary->failed != 0 ? exit_job_failed : exit_network;
}

} // namespace detail

/// `ltx batch FILE --journal DB`: plans the input into the journal (refusing a changed line),
/// runs what is left through the API of its lines' endpoints (`client` is that API's: an
/// `ltx::basic_client` for LTX Studio, an `ltx::lightricks::basic_client` for the official
/// API), prints a summary. Exits 0 only when every line is done; 5 when a line failed; 4 when
/// lines are left unknown or to resume.
template <class Client>
int run_command(Client& client, environment& env, const settings& s, const command_lines& c) {
    if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(client.transport())>,
                                  ltx::asio::transport>) {
        env.err << "ltx batch: runs over the network only (no --dry-run)\n";
        return exit_bad_input;
    } else {
        if (c.file.empty() || c.journal.empty()) {
            env.err << "ltx batch: give the input FILE and --journal DB\n";
            return exit_bad_input;
        }
        std::vector<std::optional<detail::input_line>> input;
        if (int rc = detail::read_input(env, c.file, input))
            return rc;
        constexpr auto api = detail::official_client<std::remove_cvref_t<Client>>
                                 ? batch_api::official
                                 : batch_api::studio;
        std::vector<ltx::batch::planned_line> plan;
        std::vector<ltx::batch::studio_request> studio(input.size());
        std::vector<ltx::batch::lightricks_request> official(input.size());
        std::vector<std::string> outs(input.size());
        for (std::size_t i = 0; i < input.size(); ++i) {
            if (!input[i])
                continue;
            if (input[i]->api != api) { // the caller picked the client by `detail::file_api`
                env.err << "ltx batch: " << c.file << " " << detail::line_label(i) << " is of "
                        << api_name(input[i]->api) << ", the client of " << api_name(api) << "\n";
                return exit_bad_input;
            }
            plan.push_back({i, ltx::batch::line_hash(input[i]->text)});
            studio[i] = std::move(input[i]->studio);
            official[i] = std::move(input[i]->official);
            outs[i] = std::move(input[i]->out); // empty: the adapter's `<line>.<kind>`
        }
        ltx::batch::sqlite_journal journal{c.journal};
        try {
            journal.plan(plan);
        } catch (const ltx::batch::journal_error& e) {
            env.err << e.what() << "\n";
            return exit_bad_input;
        }
        std::error_code fs_ec;
        std::filesystem::create_directories(c.out_dir, fs_ec);
        if (fs_ec) {
            env.err << "ltx batch: cannot create " << c.out_dir << ": " << fs_ec.message() << "\n";
            return exit_bad_input;
        }
        detail::remove_part_files(c.out_dir);

        auto& transport = client.transport();
        // The loop is run here, until the runner reports: the transport must run on an
        // io_context (as `main` makes it).
        const auto executor = transport.get_executor();
        const auto* target = executor.template target<::asio::io_context::executor_type>();
        ::asio::io_context* io = target ? &target->context() : nullptr;
        if (io == nullptr) {
            env.err << "ltx batch: the transport runs on no io_context\n";
            return exit_network;
        }
        const auto interval = std::chrono::milliseconds{std::max(1LL, c.poll_ms)};
        if constexpr (api == batch_api::official) {
            using adapter_type =
                ltx::batch::lightricks_adapter<std::remove_cvref_t<Client>, ltx::asio::transport>;
            ltx::lightricks::wait_options wait;
            wait.interval = interval;
            adapter_type adapter{client,    transport,       std::move(official),
                                 c.out_dir, std::move(outs), wait};
            // The API's concurrency limit per key (the reference, "Rate limits and concurrency").
            const std::size_t concurrency = c.concurrency != 0 ? c.concurrency : 2;
            return detail::run_adapter(adapter, transport, *io, journal, concurrency, env, s, c);
        } else {
            using adapter_type =
                ltx::batch::studio_adapter<std::remove_cvref_t<Client>, ltx::asio::transport>;
            ltx::wait_options wait;
            wait.interval = interval;
            adapter_type adapter{client,    transport,       std::move(studio),
                                 c.out_dir, std::move(outs), wait};
            const std::size_t concurrency =
                c.concurrency != 0 ? c.concurrency : detail::account_concurrency(client, s);
            return detail::run_adapter(adapter, transport, *io, journal, concurrency, env, s, c);
        }
    }
}

} // namespace ltx_cli::batch

#endif
