// `ltx lightricks ...` over the scripted mock: the options generated from the models, files
// uploaded first, the v2 job followed by its state, `--sync` streaming the v1 answer, status,
// upload, bad input, the key from LTXV_API_KEY.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace lightricks_cli_test {

using ltx::http::method;
using ltx_cli_test::harness;

struct temp_png {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ltx-lx-cli-" + std::to_string(::getpid()));
    std::filesystem::path png = dir / "start.png";
    temp_png() {
        std::filesystem::create_directories(dir);
        std::ofstream{png, std::ios::binary} << std::string{"\x89PNG\r\n\x1a\n", 8} << "0123";
    }
    ~temp_png() { std::filesystem::remove_all(dir); }
};

constexpr const char* ticket =
    R"({"upload_url":"http://127.0.0.1:9/up/u1?sig=a","storage_uri":"ltx://uploads/u1","expires_at":"x","required_headers":{"x-range":"0,100"}})";

TEST_CASE("ltx lightricks image-to-video: upload, v2 job followed by state, download") {
    harness h;
    temp_png f;
    h.mock.expect(method::post, "v1/upload").respond(200, ticket);
    h.mock.expect(method::put, "/up/u1?sig=a").respond(200, "");
    h.mock.expect(method::post, "v2/image-to-video")
        .respond(202, R"({"id":"j9","created_at":"t"})");
    h.mock.expect(method::get, "v2/image-to-video/j9")
        .respond(200, R"({"status":"pending","id":"j9","created_at":"t"})");
    h.mock.expect(method::get, "v2/image-to-video/j9")
        .respond(200, R"({"status":"processing","id":"j9","created_at":"t"})");
    h.mock.expect(method::get, "v2/image-to-video/j9")
        .respond(
            200,
            R"({"status":"completed","id":"j9","created_at":"t","completed_at":"u","result":{"video_url":"http://127.0.0.1:9/store/j9.mp4"}})");
    h.mock.expect(method::get, "/store/j9.mp4").respond(200, "MP4DATA");
    const auto out = (f.dir / "v.mp4").string();
    const auto r = h.run({"lightricks", "image-to-video", "--image", f.png.string(), "--prompt",
                          "Waves", "--model", "ltx-2-3-fast", "--duration", "6", "--resolution",
                          "1920x1080", "--camera-motion", "dolly_in", "--out", out});
    CHECK(r.rc == 0);
    CHECK(r.out == "saved " + out + "\n");
    CHECK(r.err == "uploaded " + f.png.string() +
                       " as ltx://uploads/u1\njob j9\nstate pending\nstate processing\n"
                       "state completed\n");
    const auto& submit = h.mock.requests().at(2);
    CHECK(submit.headers.find("Authorization").value_or("") == "Bearer key-SECRET-lx");
    CHECK(submit.body.find(R"("image_uri":"ltx://uploads/u1")") != std::string::npos);
    CHECK(submit.body.find(R"("resolution":"1920x1080")") != std::string::npos);
    CHECK(!h.mock.requests().at(1).headers.find("Authorization"));
    CHECK(h.mock.satisfied());
}

TEST_CASE("ltx lightricks text-to-video --sync streams the v1 answer into --out") {
    harness h;
    temp_png f;
    h.mock.expect(method::post, "v1/text-to-video").respond(200, "MP4BYTES");
    const auto out = (f.dir / "t.mp4").string();
    const auto r = h.run({"lightricks", "text-to-video", "--sync", "--prompt", "A lighthouse",
                          "--model", "ltx-2-5-pro", "--duration", "6", "--resolution", "1920x1080",
                          "--out", out, "--json"});
    CHECK(r.rc == 0);
    CHECK(r.out == R"({"saved":")" + out + R"(","bytes":8})" + "\n");
    std::ifstream in{out};
    std::string content;
    std::getline(in, content);
    CHECK(content == "MP4BYTES");
    CHECK(h.mock.satisfied());
}

TEST_CASE("ltx lightricks: status, upload, errors with their type, bad input sends nothing") {
    harness h;
    temp_png f;
    h.mock.expect(method::get, "v2/retake/j1")
        .respond(
            200,
            R"({"status":"failed","id":"j1","created_at":"t","error":{"type":"api_error","message":"boom"}})");
    auto r = h.run({"lightricks", "status", "retake", "j1"});
    CHECK(r.rc == 0);
    CHECK(r.out == "job: j1\nstate: failed\nerror: api_error: boom\n");

    h.mock.expect(method::post, "v1/upload").respond(200, ticket);
    h.mock.expect(method::put).respond(200, "");
    r = h.run({"lightricks", "upload", f.png.string()});
    CHECK(r.rc == 0);
    CHECK(r.out == "ltx://uploads/u1\n");

    h.mock.expect(method::post, "v2/text-to-video")
        .respond(
            402,
            R"({"type":"error","error":{"type":"insufficient_funds_error","message":"Required: 36 cents"}})")
        .header("x-request-id", "rq-1");
    r = h.run({"lightricks", "text-to-video", "--prompt", "p", "--model", "ltx-2-3-fast",
               "--duration", "6", "--resolution", "1920x1080"});
    CHECK(r.rc == 3);
    CHECK(r.err.find("Required: 36 cents") != std::string::npos);
    CHECK(r.err.find("rq-1") != std::string::npos);
    CHECK(h.mock.satisfied());

    const auto before = h.mock.requests().size();
    r = h.run({"lightricks", "text-to-video", "--prompt", "p", "--model", "ltx-2-5-pro",
               "--duration", "6", "--resolution", "2560x1440"});
    CHECK(r.rc == 2);
    CHECK(r.err.find("resolution") != std::string::npos);
    r = h.run({"lightricks", "status", "text-to-image", "j1"});
    CHECK(r.rc == 2);
    r = h.run({"lightricks", "hdr", "--sync", "--video", "https://x.example/v.mp4"});
    CHECK(r.rc == 2); // HDR has no v1 form
    h.env_vars.erase("LTXV_API_KEY");
    r = h.run({"lightricks", "upload", f.png.string()});
    CHECK(r.rc == 2);
    CHECK(r.err == "ltx: no API key: set LTXV_API_KEY or pass --token\n");
    CHECK(h.mock.requests().size() == before);
}

} // namespace lightricks_cli_test
