// The async uploads and downloads: the sync forms' rules, completed through the transport,
// never inline.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

using ltx::errc;
using ltx::http::method;
using namespace ltx_test;

TEST_CASE_FIXTURE(fixture, "async_upload_file sends the file with its detected type, once") {
    temp_dir dir;
    const auto jpg = dir.path / "frame.jpg";
    {
        std::ofstream f{jpg, std::ios::binary};
        f << std::string{"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11} << std::string(100, 'x');
    }
    mock.expect(method::post, "assets/?type=image").respond(429);
    mock.expect(method::post, "assets/?type=image")
        .respond(200, R"({"asset":{"fileId":"asset:7-type:image/jpeg"}})");
    int calls = 0;
    std::optional<ltx::upload_asset_response> got;
    client.async_upload_file(jpg, {}, [&](std::error_code ec, ltx::upload_asset_response r) {
        ++calls;
        CHECK_FALSE(ec);
        got = std::move(r);
    });
    CHECK(calls == 0);
    mock.run_all();
    CHECK(calls == 1);
    REQUIRE(got);
    CHECK(got->asset.fileId == "asset:7-type:image/jpeg");
    // A 429 said the upload was not taken: sent again, as the sync form does.
    REQUIRE(mock.requests().size() == 2);
    const auto& r = mock.requests().back();
    CHECK(r.headers.find("Content-Type") == "image/jpeg");
    CHECK(r.file_body);
    CHECK(r.body.size() == 111);
}

TEST_CASE_FIXTURE(fixture, "async uploads refuse bad input before I/O, not inline") {
    temp_dir dir;
    int calls = 0;
    std::error_code missing, empty;
    client.async_upload_file(dir.path / "nope.png", {},
                             [&](std::error_code ec, ltx::upload_asset_response) {
                                 ++calls;
                                 missing = ec;
                             });
    client.async_upload_asset(std::string{}, {},
                              [&](std::error_code ec, ltx::upload_asset_response) {
                                  ++calls;
                                  empty = ec;
                              });
    CHECK(calls == 0);
    mock.run_all();
    CHECK(calls == 2);
    CHECK(missing == errc::file_error);
    CHECK(empty == errc::invalid_request);
    CHECK(mock.requests().empty());
}

TEST_CASE_FIXTURE(fixture, "async_download streams, restarts on retry, sends no token") {
    temp_dir dir;
    const auto bytes = video_bytes(5000);
    mock.set_chunk_size(700);
    mock.expect(method::get, "storage.example.test").respond(200, bytes).fail_after(1400);
    mock.expect(method::get, "storage.example.test")
        .respond(200, bytes)
        .header("Content-Length", std::to_string(bytes.size()));
    const auto job = ltx::reflect::from_json<ltx::job>(completed_job);
    std::vector<std::uint64_t> progress;
    int calls = 0;
    std::error_code got;
    std::uint64_t size = 0;
    client.async_download(
        job, dir.path / "out.mp4",
        {.on_progress = [&](std::uint64_t done,
                            std::optional<std::uint64_t>) { progress.push_back(done); }},
        [&](std::error_code ec, std::uint64_t n) {
            ++calls;
            got = ec;
            size = n;
        });
    CHECK(calls == 0);
    mock.run_all();
    CHECK(calls == 1);
    CHECK_FALSE(got);
    CHECK(size == bytes.size());
    CHECK(read_file(dir.path / "out.mp4") == bytes);
    CHECK(dir.entries() == 1); // the temporary file was renamed, nothing else left
    CHECK(progress.back() == bytes.size());
    REQUIRE(mock.requests().size() == 2);
    for (const auto& r : mock.requests()) {
        CHECK(r.had_sink);
        CHECK_FALSE(r.headers.contains("Authorization"));
    }
}

TEST_CASE_FIXTURE(fixture, "async_download failures leave no file and say why") {
    temp_dir dir;
    const auto target = dir.path / "v.mp4";
    mock.expect(method::get).respond(404, "gone");
    mock.expect(method::get).respond(200, video_bytes(10)).header("Content-Length", "20");
    std::vector<std::error_code> got;
    const auto record = [&](std::error_code ec, std::uint64_t n) {
        got.push_back(ec);
        CHECK(n == 0);
    };
    client.async_download_url("https://storage.example.test/a.mp4", target, {}, record);
    mock.run_all();
    client.async_download_url("https://storage.example.test/b.mp4", target, {}, record);
    mock.run_all();
    client.async_download(ltx::reflect::from_json<ltx::job>(active_job(40)), target, {}, record);
    client.async_download_url("not a url", target, {}, record);
    client.async_download_url("https://storage.example.test/c.mp4", dir.path / "no" / "v.mp4", {},
                              record);
    mock.run_all();
    REQUIRE(got.size() == 5);
    CHECK(got[0] == errc::not_found);
    CHECK(got[1] == errc::size_mismatch);
    CHECK(got[2] == errc::no_artifact);
    CHECK(got[3] == errc::invalid_request);
    CHECK(got[4] == errc::file_error);
    CHECK(dir.entries() == 0);
    CHECK(mock.requests().size() == 2);
}

TEST_CASE_FIXTURE(fixture, "async_download is cancelled between pieces through its options") {
    temp_dir dir;
    mock.set_chunk_size(100);
    mock.expect(method::get).respond(200, video_bytes(1000));
    ltx::cancellation stop;
    std::error_code got;
    client.async_download_url("https://storage.example.test/a.mp4", dir.path / "v.mp4",
                              {.on_progress =
                                   [&](std::uint64_t done, std::optional<std::uint64_t>) {
                                       if (done >= 300)
                                           stop.cancel();
                                   },
                               .cancel = stop.token()},
                              [&](std::error_code ec, std::uint64_t) { got = ec; });
    mock.run_all();
    CHECK(got == errc::cancelled);
    CHECK(dir.entries() == 0);
}
