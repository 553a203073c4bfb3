// The `ltx` command line over a scripted transport: arguments, output, exit codes.
#include "../../tools/ltx/cli.hpp"
#include "harness.hpp"

#include <ltx/testing/manual_clock.hpp>
#include <ltx/testing/mock_transport.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using ltx::http::method;

namespace {

using ltx_cli_test::harness;

const char* done_job =
    R"({"status":{"type":"completed","progress":100,"artifact":{"assetUrl":"http://127.0.0.1:9/store/v.mp4"}},"jobId":"j1"})";

} // namespace

TEST_CASE("ltx create: upload, create, wait with plain progress lines, download") {
    harness h;
    const auto dir =
        std::filesystem::temp_directory_path() / ("ltx-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto png = dir / "start.png";
    std::ofstream{png, std::ios::binary} << std::string{"\x89PNG\r\n\x1a\n", 8} << "0123456789";
    h.mock.expect(method::post, "assets/?type=image")
        .respond(200, R"({"asset":{"fileId":"asset:up-type:image/png"}})");
    h.mock.expect(method::post, "videos/ltx-create").respond(200, R"({"jobId":"j1"})");
    h.mock.expect(method::get, "assets/j1")
        .respond(200, R"({"status":{"type":"active","progress":40}})");
    h.mock.expect(method::get, "assets/j1").respond(200, done_job);
    h.mock.expect(method::get, "/store/v.mp4")
        .respond(200, "MP4DATA")
        .header("Content-Length", "7");
    const auto r = h.run({"create", "--prompt", "Waves", "--start", png.string(), "--duration", "5",
                          "--out", (dir / "v.mp4").string()});
    CHECK(r.rc == 0);
    CHECK(r.out == "saved " + (dir / "v.mp4").string() + "\n");
    CHECK(r.err == "uploaded " + png.string() +
                       " as asset:up-type:image/png\njob j1\nprogress 40% active\n"
                       "progress 100% completed\n");
    CHECK(h.mock.requests().at(1).body ==
          R"({"prompt":"Waves","startAssetId":"asset:up-type:image/png","duration":"5"})");
    std::ifstream in{dir / "v.mp4"};
    std::string content;
    std::getline(in, content);
    CHECK(content == "MP4DATA");
    std::filesystem::remove_all(dir);
}

TEST_CASE("ltx create: bad input exits 2 before any request") {
    harness h;
    auto r = h.run({"create", "--prompt", "", "--start", "asset:a"});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: invalid request; prompt: is required (required)\n");
    r = h.run({"create", "--prompt", "p", "--start", "asset:a", "--duration", "4"});
    CHECK(r.rc == 2);
    CHECK(r.err.find("--duration: unknown value") != std::string::npos);
    r = h.run({"create", "--prompt", "p", "--start", "asset:a", "--seed", "x1"});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: --seed: expected an integer\n");
    r = h.run({"create", "--prompt", "p", "--start", "/nonexistent/f.png"});
    CHECK(r.rc == 2);
    r = h.run({"create", "--bogus"});
    CHECK(r.rc == 2);
    CHECK(h.mock.requests().empty());
}

TEST_CASE("ltx create --request takes the API's JSON, options override it") {
    harness h;
    const auto file = std::filesystem::temp_directory_path() /
                      ("ltx-req-" + std::to_string(::getpid()) + ".json");
    std::ofstream{file}
        << R"({"prompt":"from file","endAssetId":"asset:e","seed":7,"model":"ltxv"})";
    const auto r = h.run({"--dry-run", "create", "--request", file.string(), "--seed", "9"});
    std::filesystem::remove(file);
    CHECK(r.rc == 0);
    CHECK(r.out == "POST /v1/ltxstudio/videos/ltx-create HTTP/1.1\r\n"
                   "Host: 127.0.0.1:9\r\n"
                   "Authorization: Bearer <redacted>\r\n"
                   "Accept: application/json\r\n"
                   "User-Agent: ltx/0.1\r\n"
                   "Content-Type: application/json\r\n"
                   "Content-Length: 69\r\n\r\n"
                   R"({"prompt":"from file","endAssetId":"asset:e","model":"ltxv","seed":9})"
                   "\n\n");
    CHECK(h.mock.requests().empty());
}

TEST_CASE("ltx create --request: an error in the file names its JSON field, not an option") {
    harness h;
    const auto file = std::filesystem::temp_directory_path() /
                      ("ltx-req-bad-" + std::to_string(::getpid()) + ".json");
    std::ofstream{file} << R"({"prompt":"p","startAssetId":"asset:a","aspectRatio":"4:3"})";
    auto r = h.run({"create", "--request", file.string()});
    CHECK(r.rc == 2);
    CHECK(r.err ==
          "ltx: request: aspectRatio: unknown value, expected one of '16:9', '9:16', '1:1'\n");
    // The same field given as an option is named as the option.
    r = h.run({"create", "--request", file.string(), "--aspect-ratio", "2:1"});
    CHECK(r.rc == 2);
    CHECK(r.err.starts_with("ltx: --aspect-ratio: unknown value"));
    // JSON types stay strict in the file: a number where the API documents a string.
    std::ofstream{file} << R"({"prompt":"p","startAssetId":"asset:a","duration":5})";
    r = h.run({"create", "--request", file.string()});
    std::filesystem::remove(file);
    CHECK(r.rc == 2);
    CHECK(r.err.starts_with("ltx: request: duration: expected a string"));
    CHECK(h.mock.requests().empty());
}

TEST_CASE("a required field left out is named by its option, or by its JSON path in --request") {
    harness h;
    auto r = h.run({"--dry-run", "videos", "create", "--start", "asset:a"});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: --prompt: missing required field\n");
    r = h.run({"--dry-run", "images", "edit", "--prompt", "p"});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: --reference: missing required field\n");
    r = h.run({"--dry-run", "images", "upscale"});
    CHECK(r.err == "ltx: --job-id: missing required field\n");
    r = h.run({"--dry-run", "lightricks", "image-to-video", "--prompt", "p"});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: --image: missing required field\n");
    r = h.run({"--dry-run", "accounts", "configure"});
    CHECK(r.err == "ltx: --cookie: missing required field\n");
    const auto file = std::filesystem::temp_directory_path() /
                      ("ltx-req-missing-" + std::to_string(::getpid()) + ".json");
    std::ofstream{file} << R"({"startAssetId":"asset:a"})";
    r = h.run({"--dry-run", "videos", "create", "--request", file.string()});
    std::filesystem::remove(file);
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: request: prompt: missing required field\n");
    CHECK(h.mock.requests().empty());
}

TEST_CASE("ltx status, wait, assets list, accounts get and set (the verbs of earlier releases)") {
    harness h;
    h.mock.expect(method::get, "assets/j1").respond(200, done_job);
    auto r = h.run({"status", "j1"});
    CHECK(r.rc == 0);
    CHECK(r.out ==
          "job: j1\nstate: completed\nprogress: 100%\nvideo: http://127.0.0.1:9/store/v.mp4\n");

    h.mock.expect(method::get, "assets/j2")
        .respond(200, R"({"status":{"type":"failed","message":"nsfw"},"jobId":"j2"})");
    r = h.run({"wait", "j2"});
    CHECK(r.rc == 5);
    CHECK(r.err.find("the job failed: nsfw") != std::string::npos);

    h.mock.expect(method::get, "assets/?page=2&filter=videos")
        .respond(
            200,
            R"({"items":[{"id":"i","jobId":"j1","signedAsset":{"asset":{"fileId":"asset:v","mimeType":"video/mp4"}}}],"meta":{"totalItems":1,"totalPages":1,"currentPage":2}})");
    r = h.run({"assets", "list", "--page", "2", "--filter", "videos"});
    CHECK(r.rc == 0);
    CHECK(r.out == "asset:v  video/mp4  j1\npage 2 of 1, 1 assets\n");

    h.mock.expect(method::get, "accounts/me%40example.com")
        .respond(200,
                 R"({"email":"me@example.com","maxJobs":3,"balance":{"LTXStudio_token":12.5}})");
    r = h.run({"accounts", "get", "me@example.com", "--json"});
    CHECK(r.rc == 0);
    CHECK(r.out == R"({"email":"me@example.com","maxJobs":3,"balance":{"LTXStudio_token":12.5}})"
                   "\n");

    h.mock.expect(method::post, "accounts")
        .respond(402, R"({"error":"Subscription required","code":402})");
    r = h.run({"accounts", "set", "--cookie", "lt_token=a; lt_refresh_token=b", "--max-jobs", "5"});
    CHECK(r.rc == 3);
    CHECK(r.err == "ltx: payment required (402) [HTTP 402]: Subscription required\n");
    CHECK(h.mock.requests().back().body ==
          R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":5})");
    CHECK(h.mock.failures().empty());
}

TEST_CASE("ltx: network failures exit 4, a missing token 2, --help 0") {
    harness h;
    for (int i = 0; i < 4; ++i)
        h.mock.expect(method::get).fail(ltx::http::transport_errc::connection_failed);
    auto r = h.run({"status", "j1"});
    CHECK(r.rc == 4);
    h.env_vars.clear();
    r = h.run({"status", "j1"});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: no API token: set USEAPI_TOKEN or pass --token\n");
    r = h.run({"--help"});
    CHECK(r.rc == 0);
    CHECK(r.out.find("Exit codes: 0 done, 2 bad input") != std::string::npos);
}

TEST_CASE("ltx jobs get|wait|download answer as the old verbs status|wait|download do") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("ltx-cli-jobs-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const bool old_verbs : {false, true}) {
        CAPTURE(old_verbs);
        harness h;
        h.mock.expect(method::get, "assets/j1").respond(200, done_job);
        auto r = old_verbs ? h.run({"status", "j1"}) : h.run({"jobs", "get", "j1"});
        CHECK(r.rc == 0);
        CHECK(r.out == "job: j1\nstate: completed\nprogress: 100%\n"
                       "video: http://127.0.0.1:9/store/v.mp4\n");
        h.mock.expect(method::get, "assets/j1")
            .respond(200, R"({"status":{"type":"active","progress":10}})");
        h.mock.expect(method::get, "assets/j1").respond(200, done_job);
        r = old_verbs ? h.run({"wait", "j1"}) : h.run({"jobs", "wait", "j1"});
        CHECK(r.rc == 0);
        CHECK(r.err == "progress 10% active\nprogress 100% completed\n");
        h.mock.expect(method::get, "assets/j1").respond(200, done_job);
        h.mock.expect(method::get, "/store/v.mp4").respond(200, "MP4");
        const auto out = (dir / (old_verbs ? "old.mp4" : "new.mp4")).string();
        r = old_verbs ? h.run({"download", "j1", "--out", out})
                      : h.run({"jobs", "download", "j1", "--out", out});
        CHECK(r.rc == 0);
        CHECK(r.out == "saved " + out + "\n");
        CHECK(std::filesystem::file_size(out) == 3);
        CHECK(h.mock.failures().empty());
    }
    std::filesystem::remove_all(dir);
    // The old verbs work but the help shows only the new tree.
    harness h;
    const auto r = h.run({"--help"});
    CHECK(r.out.find("\n  jobs ") != std::string::npos);
    CHECK(r.out.find("\n  status ") == std::string::npos);
    CHECK(r.out.find("\n  create ") == std::string::npos);
}

TEST_CASE("ltx videos create is the create of earlier releases") {
    harness h;
    const auto r = h.run({"--dry-run", "videos", "create", "--prompt", "p", "--start", "asset:a"});
    CHECK(r.rc == 0);
    CHECK(r.out.starts_with("POST /v1/ltxstudio/videos/ltx-create HTTP/1.1\r\n"));
    CHECK(r.out.find(R"({"prompt":"p","startAssetId":"asset:a"})") != std::string::npos);
}

TEST_CASE("ltx accounts list|get|configure|delete, with set as configure's alias") {
    harness h;
    h.mock.expect(method::get, "accounts")
        .respond(200, R"({"a@example.com":{"email":"a@example.com","maxJobs":2},)"
                      R"("b@example.com":{"maxJobs":5}})");
    auto r = h.run({"accounts", "list"});
    CHECK(r.rc == 0);
    CHECK(r.out == "email: a@example.com\nmaxJobs: 2\n\nemail: b@example.com\nmaxJobs: 5\n");
    h.mock.expect(method::get, "accounts").respond(200, "{}");
    r = h.run({"accounts", "list"});
    CHECK(r.out == "no accounts\n");

    for (const char* verb : {"configure", "set"}) {
        CAPTURE(verb);
        h.mock.expect(method::post, "accounts")
            .respond(200, R"({"email":"a@example.com","maxJobs":4})");
        r = h.run(
            {"accounts", verb, "--cookie", "lt_token=a; lt_refresh_token=b", "--max-jobs", "4"});
        CHECK(r.rc == 0);
        CHECK(r.out == "email: a@example.com\nmaxJobs: 4\n");
        CHECK(h.mock.requests().back().body ==
              R"({"cookie":"lt_token=a; lt_refresh_token=b","maxJobs":4})");
    }
    r = h.run({"accounts", "configure", "--cookie", "lt_token=a", "--max-jobs", "many"});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: --max-jobs: expected an integer\n");

    h.mock.expect(method::delete_, "accounts/a%40example.com").respond(204, "");
    r = h.run({"accounts", "delete", "a@example.com"});
    CHECK(r.rc == 0);
    CHECK(r.out == "deleted a@example.com\n");
    h.mock.expect(method::delete_, "accounts/a%40example.com").respond(204, "");
    r = h.run({"--json", "accounts", "delete", "a@example.com"});
    CHECK(r.out == "{\"deleted\":\"a@example.com\"}\n");
    h.mock.expect(method::delete_, "accounts/z%40example.com")
        .respond(404, R"({"error":"Account z@example.com not found","code":404})");
    r = h.run({"accounts", "delete", "z@example.com"});
    CHECK(r.rc == 3);
    CHECK(r.err.find("Account z@example.com not found") != std::string::npos);
    CHECK(h.mock.failures().empty());
    // set works but the help shows only configure.
    r = h.run({"accounts", "--help"});
    CHECK(r.out.find("\n  configure ") != std::string::npos);
    CHECK(r.out.find("\n  set ") == std::string::npos);
    CHECK(r.out.find(", set") == std::string::npos);
}

TEST_CASE("ltx scheduler list|cancel") {
    harness h;
    h.mock.expect(method::get, "scheduler")
        .respond(200, R"([{"jobId":"email:a@example.com:u1-type:video","email":"a@example.com",)"
                      R"("started":"2025-06-03T12:34:56.789Z","elapsed":"01:05"}])");
    auto r = h.run({"scheduler", "list"});
    CHECK(r.rc == 0);
    CHECK(r.out == "email:a@example.com:u1-type:video  a@example.com  2025-06-03T12:34:56.789Z  "
                   "01:05\n");
    h.mock.expect(method::get, "scheduler").respond(200, "[]");
    r = h.run({"scheduler", "list"});
    CHECK(r.out == "no running jobs\n");
    h.mock.expect(method::get, "scheduler").respond(200, "[]");
    r = h.run({"--json", "scheduler", "list"});
    CHECK(r.out == "[]\n");

    h.mock.expect(method::delete_, "scheduler/email%3Aa%40example.com%3Au1-type%3Avideo")
        .respond(204, "");
    r = h.run({"scheduler", "cancel", "email:a@example.com:u1-type:video"});
    CHECK(r.rc == 0);
    CHECK(r.out == "cancelled email:a@example.com:u1-type:video\n");
    h.mock.expect(method::delete_)
        .respond(404,
                 R"({"error":"Unable to locate running jobId email:a@example.com:u1-type:video",)"
                 R"("code":404})");
    r = h.run({"scheduler", "cancel", "email:a@example.com:u1-type:video"});
    CHECK(r.rc == 3);
    CHECK(r.err.find("Unable to locate running jobId") != std::string::npos);
    CHECK(h.mock.failures().empty());
}

TEST_CASE("ltx on a terminal: a job's bar with percent, state and elapsed time, a download's "
          "bytes, rate and time left") {
    harness h;
    h.terminal = true;
    h.tick = std::chrono::milliseconds{2500};
    const auto dir =
        std::filesystem::temp_directory_path() / ("ltx-cli-tty-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    h.mock.expect(method::post, "videos/ltx-create").respond(200, R"({"jobId":"j1"})");
    h.mock.expect(method::get, "assets/j1")
        .respond(200, R"({"status":{"type":"active","progress":40}})");
    h.mock.expect(method::get, "assets/j1").respond(200, done_job);
    h.mock.expect(method::get, "/store/v.mp4")
        .respond(200, std::string(10240, 'x'))
        .header("Content-Length", "10240");
    const auto out = (dir / "v.mp4").string();
    const auto r = h.run({"videos", "create", "--prompt", "p", "--start", "asset:a", "--out", out});
    std::filesystem::remove_all(dir);
    CHECK(r.rc == 0);
    // Each clock reading is 2.5 s after the previous one: the bar started at one reading and
    // draws at the next, so the first redraw shows 0:02 (2.5 s, whole seconds shown).
    CHECK(r.err.find("\r[############------------------] 40% active  0:02") != std::string::npos);
    CHECK(r.err.find("\r[##############################] 100% completed  0:05") !=
          std::string::npos);
    // The download's line: bytes of the total, percent, rate and time left.
    CHECK(r.err.find("\rdownloading 10.0 KiB / 10.0 KiB (100%)") != std::string::npos);
    CHECK(r.err.find("/s  0:00 left") != std::string::npos);
    CHECK(r.err.ends_with("\n"));
}

TEST_CASE("ltx progress formats: seconds as m:ss or h:mm:ss, bytes in binary units") {
    CHECK(ltx_cli::format_seconds(0) == "0:00");
    CHECK(ltx_cli::format_seconds(75) == "1:15");
    CHECK(ltx_cli::format_seconds(3725) == "1:02:05");
    CHECK(ltx_cli::format_bytes(512) == "512 B");
    CHECK(ltx_cli::format_bytes(1536) == "1.5 KiB");
    CHECK(ltx_cli::format_bytes(3.0 * 1024 * 1024) == "3.0 MiB");
    CHECK(ltx_cli::format_bytes(5.0 * 1024 * 1024 * 1024 * 1024 * 1024) == "5120.0 TiB");
}

TEST_CASE("ltx images create|edit|upscale and videos veo-create: options from the models, files "
          "uploaded, the result downloaded") {
    harness h;
    const auto dir =
        std::filesystem::temp_directory_path() / ("ltx-cli-gen-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto png = dir / "ref.png";
    std::ofstream{png, std::ios::binary} << std::string{"\x89PNG\r\n\x1a\n", 8} << "0123456789";
    const auto image_done = [](const std::string& id) {
        return R"({"jobId":")" + id +
               R"(","status":{"type":"completed","progress":100,"artifact":{"assetUrl":)"
               R"("http://127.0.0.1:9/store/)" +
               id + R"(.png"}}})";
    };

    h.mock.expect(method::post, "images/create").respond(200, R"({"jobId":"i1"})");
    h.mock.expect(method::get, "assets/i1").respond(200, image_done("i1"));
    h.mock.expect(method::get, "/store/i1.png").respond(200, "PNG1");
    auto r = h.run({"images", "create", "--prompt", "A door", "--aspect-ratio", "9:16", "--out",
                    (dir / "frame.png").string()});
    CHECK(r.rc == 0);
    CHECK(r.out == "saved " + (dir / "frame.png").string() + "\n");
    CHECK(h.mock.requests().at(0).body == R"({"prompt":"A door","aspectRatio":"9:16"})");
    CHECK(std::filesystem::file_size(dir / "frame.png") == 4);

    h.mock.expect(method::post, "assets/?type=image")
        .respond(200, R"({"asset":{"fileId":"asset:ref-type:image/png"}})");
    h.mock.expect(method::post, "images/edit").respond(200, R"({"jobId":"i2"})");
    h.mock.expect(method::get, "assets/i2").respond(200, image_done("i2"));
    h.mock.expect(method::get, "/store/i2.png").respond(200, "PNG2");
    r = h.run({"images", "edit", "--prompt", "Blue", "--reference", png.string(), "--reference2",
               "asset:other", "--out", (dir / "edited.png").string()});
    CHECK(r.rc == 0);
    CHECK(r.err.starts_with("uploaded " + png.string() + " as asset:ref-type:image/png\n"));
    CHECK(h.mock.requests().at(4).body == R"({"prompt":"Blue","referenceAssetId":)"
                                          R"("asset:ref-type:image/png","referenceAssetId2":)"
                                          R"("asset:other"})");

    h.mock.expect(method::post, "images/upscale").respond(200, R"({"jobId":"i3"})");
    h.mock.expect(method::get, "assets/i3").respond(200, image_done("i3"));
    h.mock.expect(method::get, "/store/i3.png").respond(200, "PNG3");
    r = h.run({"images", "upscale", "--job-id", "i1", "--out", (dir / "big.png").string()});
    CHECK(r.rc == 0);
    CHECK(h.mock.requests().at(7).body == R"({"jobId":"i1"})");

    h.mock.expect(method::post, "videos/veo-create").respond(200, R"({"jobId":"v1"})");
    h.mock.expect(method::get, "assets/v1").respond(200, done_job);
    h.mock.expect(method::get, "/store/v.mp4").respond(200, "MP4");
    r = h.run({"videos", "veo-create", "--prompt", "Waves", "--start", "asset:a", "--duration", "6",
               "--out", (dir / "veo.mp4").string()});
    CHECK(r.rc == 0);
    CHECK(h.mock.requests().at(10).body ==
          R"({"prompt":"Waves","startAssetId":"asset:a","duration":"6"})");
    CHECK(std::filesystem::file_size(dir / "veo.mp4") == 3);
    CHECK(h.mock.failures().empty());
    std::filesystem::remove_all(dir);

    // A field the model does not take is refused before anything is sent, naming the field.
    const auto sent = h.mock.requests().size();
    r = h.run({"images", "create", "--prompt", "p", "--model", "nano-banana", "--style", "anime"});
    CHECK(r.rc == 2);
    CHECK(r.err.find("style: ") != std::string::npos);
    r = h.run({"videos", "veo-create", "--prompt", "p", "--model", "veo2", "--resolution", "720p"});
    CHECK(r.rc == 2);
    CHECK(r.err.find("resolution: ") != std::string::npos);
    CHECK(h.mock.requests().size() == sent);
}
