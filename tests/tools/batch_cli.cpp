// `ltx batch` run in-process over the Asio transport against ltx-sim on loopback: a batch to
// done, a resume that submits nothing twice, a changed line refused, `unknown` lines reported
// and resubmitted only on request (after a look-up that finds the one a crash left running), a
// failed job, `ltx batch status --json`, SIGINT mid-batch and a resume.
#include "harness.hpp"

#include "../sim/support.hpp"

#include <ltx/asio.hpp>
#include <ltx/batch/line_hash.hpp>
#include <ltx/batch/sqlite_journal.hpp>

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

#include <boost/json.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <signal.h>
#include <unistd.h>

namespace batch_cli_test {

using ltx_cli_test::cli_result;

// The command line with a client over the Asio transport, against `sim`.
struct sim_cli {
    explicit sim_cli(const std::string& name, ltx::sim::options o = sim_test::test_options())
        : sim(std::move(o)), dir(std::filesystem::temp_directory_path() /
                                 ("ltx-batch-cli-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        const auto r = run(sim, {"assets", "upload",
                                 (sim_test::test_options().fixtures_dir / "start.png").string()});
        REQUIRE(r.rc == 0);
        asset = r.out.substr(0, r.out.find('\n'));
    }
    ~sim_cli() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    sim_cli(const sim_cli&) = delete;
    sim_cli& operator=(const sim_cli&) = delete;

    // `official`: the official LTX API's base URL, and its key in LTXV_API_KEY (else LTX
    // Studio's, and USEAPI_TOKEN).
    static cli_result run(ltx::sim::background_server& server, std::vector<std::string> args,
                          bool official = false) {
        args.insert(args.begin(), "ltx");
        args.push_back("--base-url");
        args.push_back(server->api_url() + (official ? "/" : "/v1/ltxstudio/"));
        std::vector<const char*> argv;
        for (const auto& a : args)
            argv.push_back(a.c_str());
        std::ostringstream out, err;
        ltx_cli::environment env{
            out, err, false, [official](const char* n) -> std::optional<std::string> {
                if (std::string_view{n} == (official ? "LTXV_API_KEY" : "USEAPI_TOKEN"))
                    return std::string{sim_test::sim_token};
                return std::nullopt;
            }};
        const int rc = ltx_cli::run(static_cast<int>(argv.size()), argv.data(), env,
                                    [](const ltx_cli::settings& s, auto&& f) {
                                        ::asio::io_context io;
                                        ltx::asio::transport http{io.get_executor()};
                                        auto cfg = s.config;
                                        cfg.retry.initial_backoff = std::chrono::milliseconds{1};
                                        cfg.retry.max_backoff = std::chrono::milliseconds{5};
                                        ltx::basic_client client{http, cfg};
                                        return f(client);
                                    });
        return {rc, out.str(), err.str()};
    }

    cli_result run(std::vector<std::string> args) { return run(sim, std::move(args)); }

    // `ltx batch` over the input, the journal and the output folder of this fixture.
    cli_result batch(ltx::sim::background_server& server, std::vector<std::string> extra = {},
                     bool official = false) {
        std::vector<std::string> args{"batch",     input().string(),       "--journal", journal(),
                                      "--out-dir", (dir / "out").string(), "--poll-ms", "5"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run(server, std::move(args), official);
    }
    cli_result batch(std::vector<std::string> extra = {}) { return batch(sim, std::move(extra)); }

    // Writes the input: one `videos/ltx-create` line per prompt, the artifact named `<n>.mp4`
    // after its prompt's position.
    void write_input(const std::vector<std::string>& prompts) const {
        std::ofstream f{input(), std::ios::binary | std::ios::trunc};
        for (std::size_t i = 0; i < prompts.size(); ++i)
            f << R"({"endpoint":"videos/ltx-create","prompt":")" << prompts[i]
              << R"(","startAssetId":")" << asset << R"(","out":"clip)" << i + 1 << ".mp4\"}\n";
    }

    // Writes the input as `lines`, one a line.
    void write_lines(const std::vector<std::string>& lines) const {
        std::ofstream f{input(), std::ios::binary | std::ios::trunc};
        for (const auto& line : lines)
            f << line << "\n";
    }

    std::filesystem::path input() const { return dir / "input.jsonl"; }
    std::string journal() const { return (dir / "batch.db").string(); }
    std::uint64_t created() { return sim->stats().jobsCreated; }

    ltx::sim::background_server sim;
    std::filesystem::path dir;
    std::string asset;
};

boost::json::object status_json(sim_cli& f) {
    const auto r = f.run({"batch", "status", f.journal(), "--json"});
    REQUIRE(r.rc == 0);
    const auto v = boost::json::parse(r.out);
    REQUIRE(v.is_object());
    return v.as_object();
}

TEST_CASE("ltx batch: every line done into --out-dir, a resume submits nothing twice") {
    sim_cli f("done");
    f.write_input({"one", "two", "three", "four"});
    auto r = f.batch({"--concurrency", "2"});
    CHECK(r.rc == 0);
    CHECK(r.out == "4 lines: 4 done\n");
    CHECK(f.created() == 4);
    for (int i = 1; i <= 4; ++i) {
        const auto file = f.dir / "out" / ("clip" + std::to_string(i) + ".mp4");
        REQUIRE(std::filesystem::exists(file));
        CHECK(std::filesystem::file_size(file) > 0);
    }
    r = f.batch();
    CHECK(r.rc == 0);
    CHECK(r.out == "4 lines: 4 done\n");
    CHECK(f.created() == 4);

    const auto status = status_json(f);
    CHECK(status.at("counts").at("done").to_number<std::uint64_t>() == 4);
    CHECK(status.at("counts").at("total").to_number<std::uint64_t>() == 4);
    const auto& lines = status.at("lines").as_array();
    REQUIRE(lines.size() == 4);
    const auto& second = lines.at(1).as_object();
    CHECK(second.at("line").to_number<std::uint64_t>() == 2);
    CHECK(second.at("state").as_string() == "done");
    CHECK(second.at("file").as_string() == (f.dir / "out" / "clip2.mp4").string());
    CHECK(second.at("size").to_number<std::uint64_t>() ==
          std::filesystem::file_size(f.dir / "out" / "clip2.mp4"));
    CHECK_FALSE(second.at("job").as_string().empty());

    const auto text = f.run({"batch", "status", f.journal()});
    CHECK(text.rc == 0);
    CHECK(text.out.find("2  done  ") != std::string::npos);
    CHECK(text.out.ends_with("4 lines: 4 done\n"));
}

TEST_CASE("ltx batch: the temporaries of downloads a killed run left are removed, nothing else") {
    sim_cli f("parts");
    const auto out = f.dir / "out";
    std::filesystem::create_directories(out);
    for (const char* name : {"clip1.mp4.part-123", "9.png.part-4567", "notes.part-x", "keep.mp4"})
        std::ofstream{out / name} << "x";
    f.write_input({"one"});
    const auto r = f.batch();
    CHECK(r.rc == 0);
    CHECK_FALSE(std::filesystem::exists(out / "clip1.mp4.part-123"));
    CHECK_FALSE(std::filesystem::exists(out / "9.png.part-4567"));
    CHECK(std::filesystem::exists(out / "notes.part-x"));
    CHECK(std::filesystem::exists(out / "keep.mp4"));
    CHECK(std::filesystem::file_size(out / "clip1.mp4") > 1);
}

TEST_CASE("ltx batch: a changed line is refused by name, nothing is submitted") {
    sim_cli f("changed");
    f.write_input({"one", "two", "three"});
    REQUIRE(f.batch().rc == 0);
    REQUIRE(f.created() == 3);
    f.write_input({"one", "two, changed", "three"});
    const auto r = f.batch();
    CHECK(r.rc == 2);
    CHECK(r.err.find("line 2 of the input differs") != std::string::npos);
    CHECK(f.created() == 3);

    // A line that is no request is refused before anything is journaled or sent.
    std::ofstream{f.input(), std::ios::app} << "not json\n";
    const auto bad = f.batch();
    CHECK(bad.rc == 2);
    CHECK(bad.err.find("line 4: not a JSON object") != std::string::npos);
    CHECK(status_json(f).at("counts").at("total").to_number<std::uint64_t>() == 3);
}

TEST_CASE("ltx batch: unknown lines are reported, resubmitted only with --resubmit-unknown") {
    sim_cli f("unknown");
    f.write_input({"u1", "u2"});
    {
        auto o = sim_test::test_options();
        o.drop_rate = 1.0; // every connection closed without an answer: each create ambiguous
        ltx::sim::background_server dropping(o);
        const auto r = f.batch(dropping, {"--concurrency", "2"});
        CHECK(r.rc == 4);
        CHECK(r.out.find("line 1: unknown") != std::string::npos);
        CHECK(r.out.ends_with("2 lines: 2 unknown\n"));
    }
    auto r = f.batch();
    CHECK(r.rc == 4);
    CHECK(r.out.find("line 2: unknown") != std::string::npos);
    CHECK(f.created() == 0);
    CHECK(status_json(f).at("counts").at("unknown").to_number<std::uint64_t>() == 2);

    r = f.batch({"--resubmit-unknown"});
    CHECK(r.rc == 0);
    CHECK(r.out == "2 lines: 2 done\n");
    CHECK(f.created() == 2);
}

TEST_CASE("ltx batch: a create that reached the server before a crash is found, not repeated") {
    auto o = sim_test::test_options();
    o.speed = std::chrono::milliseconds{500}; // still running when the resume looks it up
    sim_cli f("found", o);
    f.write_input({"r1", "r2"});
    {
        // The crashed run: line 1 journaled `submitting` with its replyRef, and its create
        // reached the server; line 2 was still planned.
        std::ifstream in{f.input()};
        std::vector<ltx::batch::planned_line> plan;
        for (std::string text; std::getline(in, text);)
            plan.push_back({plan.size(), ltx::batch::line_hash(text)});
        ltx::batch::sqlite_journal journal{f.journal()};
        journal.plan(plan);
        journal.mark_submitting(0, "ltx-batch:crashed:1");
        ::asio::io_context io;
        ltx::asio::transport http{io.get_executor()};
        ltx::basic_client api{http, sim_test::config_for(f.sim)};
        auto request = sim_test::create_req(f.asset, "r1");
        request.replyRef = "ltx-batch:crashed:1";
        api.create_video(request);
    }
    const auto r = f.batch();
    CHECK(r.rc == 0);
    CHECK(r.out == "1 unknown line found running on the server (GET scheduler), waited on\n"
                   "2 lines: 2 done\n");
    CHECK(f.created() == 2);
    const auto line = status_json(f).at("lines").at(0).as_object();
    CHECK(line.at("replyRef").as_string() == "ltx-batch:crashed:1");
    CHECK(line.at("state").as_string() == "done");
}

TEST_CASE("ltx batch: a 5xx answer to a create is unknown, not failed") {
    sim_cli f("5xx");
    f.write_input({"s1"});
    {
        auto o = sim_test::test_options();
        o.fail_post_rate = 1.0; // every POST answered 500, 502 or 503
        ltx::sim::background_server failing(o);
        const auto r = f.batch(failing);
        CHECK(r.rc == 4);
        CHECK(r.out.ends_with("1 line: 1 unknown\n"));
        CHECK(failing->stats().jobsCreated == 0);
    }
    const auto r = f.batch({"--resubmit-unknown"});
    CHECK(r.rc == 0);
    CHECK(f.created() == 1);
}

TEST_CASE("ltx batch: a failed job is recorded with the server's message, the batch goes on") {
    sim_cli f("failed");
    f.write_input({"fine", "broken [fail]", "also fine"});
    const auto r = f.batch();
    CHECK(r.rc == 5);
    CHECK(r.out == "3 lines: 2 done, 1 failed\n");
    const auto status = status_json(f);
    const auto& failed = status.at("lines").as_array().at(1).as_object();
    CHECK(failed.at("state").as_string() == "failed");
    CHECK(std::string_view{failed.at("error").as_string()}.find("[fail]") != std::string::npos);
    CHECK(f.created() == 3);
}

TEST_CASE("ltx batch: SIGINT mid-batch stops submitting, loses no job, and a resume finishes") {
    auto o = sim_test::test_options();
    o.speed = std::chrono::milliseconds{1000}; // jobs outlast the interrupt by far
    sim_cli f("sigint", o);
    const std::vector<std::string> prompts{"s1", "s2", "s3", "s4", "s5",
                                           "s6", "s7", "s8", "s9", "s10"};
    f.write_input(prompts);
    // The command runs on a thread of its own; SIGINT goes to the process once two jobs exist,
    // while the command's signal set (made before its first create) is installed.
    std::atomic<bool> finished{false};
    cli_result interrupted{};
    std::thread command([&] {
        interrupted = f.batch({"--concurrency", "2"});
        finished = true;
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
    while (f.created() < 2 && !finished && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    const bool sent = !finished && f.created() >= 2;
    if (sent)
        ::kill(::getpid(), SIGINT);
    command.join();
    REQUIRE(sent);

    // The documented code of a run left to resume; the message says how.
    CHECK(interrupted.rc == 4);
    CHECK(interrupted.err.find("interrupted") != std::string::npos);
    // It stopped submitting: lines are left planned, and every job the server created is in
    // the journal with its id (a create in flight at the signal was answered and journaled).
    auto status = status_json(f);
    const auto& counts = status.at("counts").as_object();
    const auto submitted = counts.at("submitted").to_number<std::uint64_t>();
    CHECK(counts.at("planned").to_number<std::uint64_t>() > 0);
    CHECK(counts.at("unknown").to_number<std::uint64_t>() == 0);
    CHECK(counts.at("submitting").to_number<std::uint64_t>() == 0);
    CHECK(submitted + counts.at("done").to_number<std::uint64_t>() == f.created());
    CHECK(f.created() < prompts.size());
    for (const auto& line : status.at("lines").as_array())
        if (line.at("state").as_string() == "submitted")
            CHECK_FALSE(line.at("job").as_string().empty());

    const auto r = f.batch({"--concurrency", "10"});
    CHECK(r.rc == 0);
    CHECK(r.out == "10 lines: 10 done\n");
    // Each line created exactly one job: the submitted ones were waited on, not sent again.
    CHECK(f.created() == prompts.size());
    status = status_json(f);
    CHECK(status.at("counts").at("done").to_number<std::uint64_t>() == prompts.size());
    for (std::size_t i = 1; i <= prompts.size(); ++i)
        CHECK(std::filesystem::exists(f.dir / "out" / ("clip" + std::to_string(i) + ".mp4")));
}

// An official-API line: `v2/text-to-video` with `prompt`.
std::string t2v_line(const std::string& prompt, const std::string& extra = "") {
    return R"({"endpoint":"v2/text-to-video","prompt":")" + prompt +
           R"(","model":"ltx-2-3-fast","duration":6,"resolution":"1920x1080")" + extra + "}";
}

TEST_CASE("ltx batch: official-API lines run on the official API, with its key") {
    sim_cli f("official");
    f.write_lines(
        {t2v_line("one", R"(,"out":"first.mp4")"), "", t2v_line("two"), t2v_line("three [fail]")});
    auto r = f.batch(f.sim, {}, true);
    CHECK(r.rc == 5);
    CHECK(r.out == "3 lines: 2 done, 1 failed\n");
    CHECK(r.err.find(sim_test::sim_token) == std::string::npos);
    CHECK(f.sim->stats().lightricksJobs == 3);
    CHECK(f.created() == 0); // no LTX Studio job
    CHECK(std::filesystem::file_size(f.dir / "out" / "first.mp4") > 0);
    CHECK(std::filesystem::file_size(f.dir / "out" / "3.mp4") > 0);
    const auto status = status_json(f);
    const auto& lines = status.at("lines").as_array();
    REQUIRE(lines.size() == 3);
    CHECK(std::string_view{lines.at(0).as_object().at("job").as_string()}.starts_with(
        "text-to-video/"));
    CHECK(std::string_view{lines.at(2).as_object().at("error").as_string()}.find(
              "The render failed") != std::string::npos);
    // The resume submits nothing again: the failed line stays failed.
    r = f.batch(f.sim, {}, true);
    CHECK(r.rc == 5);
    CHECK(f.sim->stats().lightricksJobs == 3);

    // Without the official API's key: refused before anything is sent.
    sim_cli g("official-nokey");
    g.write_lines({t2v_line("one")});
    r = g.batch();
    CHECK(r.rc == 2);
    CHECK(r.err.find("LTXV_API_KEY") != std::string::npos);
    CHECK(g.sim->stats().lightricksJobs == 0);
}

TEST_CASE("ltx batch: a file mixing the two APIs is refused at the first line of the other") {
    sim_cli f("mixed");
    f.write_lines({t2v_line("one"), t2v_line("two"),
                   R"({"endpoint":"images/create","prompt":"an image"})", t2v_line("four")});
    auto r = f.batch(f.sim, {}, true);
    CHECK(r.rc == 2);
    CHECK(r.err.find("line 3: endpoint \"images/create\" is of LTX Studio, but line 1's is of "
                     "the official LTX API") != std::string::npos);
    CHECK(f.sim->stats().lightricksJobs == 0);
    CHECK(f.created() == 0);
    CHECK_FALSE(std::filesystem::exists(f.journal()));

    f.write_lines({R"({"endpoint":"images/create","prompt":"an image"})", t2v_line("two")});
    r = f.batch();
    CHECK(r.rc == 2);
    CHECK(r.err.find("line 2: endpoint \"v2/text-to-video\" is of the official LTX API, but "
                     "line 1's is of LTX Studio") != std::string::npos);
}

TEST_CASE("ltx batch: an unknown endpoint is refused with the accepted ones listed") {
    sim_cli f("unknown-endpoint");
    f.write_lines({R"({"endpoint":"images/create","prompt":"an image"})",
                   R"({"endpoint":"v1/text-to-video","prompt":"p"})"});
    auto r = f.batch();
    CHECK(r.rc == 2);
    CHECK(r.err.find("line 2: endpoint \"v1/text-to-video\" is not supported") !=
          std::string::npos);
    for (const char* name :
         {"\"videos/ltx-create\"", "\"videos/veo-create\"", "\"images/create\"", "\"images/edit\"",
          "\"images/upscale\"", "\"v2/text-to-video\"", "\"v2/image-to-video\"",
          "\"v2/audio-to-video\"", "\"v2/retake\"", "\"v2/extend\"", "\"v2/video-to-video-hdr\"",
          "\"v2/video-to-video-reframe\""})
        CHECK(r.err.find(name) != std::string::npos);
    // A field against an official-API endpoint's rules: the line, the field and the rule.
    f.write_lines({R"({"endpoint":"v2/text-to-video","prompt":"p","model":"ltx-2-3-fast",)"
                   R"("duration":-3,"resolution":"1920x1080"})"});
    r = f.batch(f.sim, {}, true);
    CHECK(r.rc == 2);
    CHECK(r.err.find("line 1") != std::string::npos);
    CHECK(r.err.find("duration") != std::string::npos);
    CHECK(f.created() == 0);
    CHECK(f.sim->stats().lightricksJobs == 0);
}

TEST_CASE("ltx batch: an unreadable batch file is said first, with its path and why") {
    ltx_cli_test::harness h;
    h.env_vars.clear(); // no token: the file's error comes before the token's
    const auto dir = std::filesystem::temp_directory_path() /
                     ("ltx-batch-cli-unreadable-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto missing = (dir / "missing.jsonl").string();
    const auto journal = (dir / "j.db").string();
    auto r = h.run({"batch", missing, "--journal", journal});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx batch: cannot read " + missing + ": " +
                       std::generic_category().message(ENOENT) + "\n");
    CHECK_FALSE(std::filesystem::exists(journal));

    r = h.run({"batch", dir.string(), "--journal", journal}); // a folder
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx batch: cannot read " + dir.string() + ": " +
                       std::generic_category().message(EISDIR) + "\n");

    // A readable file gets as far as the token.
    std::ofstream{dir / "in.jsonl"} << R"({"endpoint":"images/create","prompt":"p"})"
                                    << "\n";
    r = h.run({"batch", (dir / "in.jsonl").string(), "--journal", journal});
    CHECK(r.rc == 2);
    CHECK(r.err.find("no API token") != std::string::npos);
    std::filesystem::remove_all(dir);
}

} // namespace batch_cli_test
