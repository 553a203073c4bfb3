// Downloads: streamed, atomic, size-checked, and never carrying the API token.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using ltx::errc;
using ltx::http::method;
using namespace ltx_test;

TEST_CASE_FIXTURE(fixture, "download streams the artifact with progress, without the token") {
    temp_dir dir;
    const auto bytes = video_bytes(10000);
    mock.set_chunk_size(1000);
    mock.expect(method::get, "storage.example.test")
        .respond(200, bytes)
        .header("Content-Length", std::to_string(bytes.size()))
        .header("Content-Type", "video/mp4");
    std::vector<std::uint64_t> seen;
    const auto job = ltx::reflect::from_json<ltx::job>(completed_job);
    client.download(job, dir.path / "out.mp4",
                    {.on_progress = [&](std::uint64_t done, std::optional<std::uint64_t> total) {
                        CHECK(total == 10000u);
                        seen.push_back(done);
                    }});
    CHECK(read_file(dir.path / "out.mp4") == bytes);
    CHECK(seen.size() == 10);
    CHECK(seen.back() == 10000u);
    CHECK(dir.entries() == 1); // no temporary file left behind
    const auto& r = mock.requests().at(0);
    CHECK(r.url == "https://storage.example.test/v/a.mp4?sig=1");
    CHECK(r.had_sink);
    CHECK_FALSE(r.headers.contains("Authorization"));
    for (const auto& f : r.headers)
        no_token(std::string{f.value});
}

TEST_CASE_FIXTURE(fixture, "a failure mid-body leaves no file at the target") {
    temp_dir dir;
    auto cfg = test_config();
    cfg.retry.max_attempts = 1;
    ltx::basic_client c{mock, cfg, clock};
    const auto target = dir.path / "out.mp4";
    {
        std::ofstream old{target};
        old << "previous content";
    }
    mock.set_chunk_size(100);
    mock.expect(method::get).respond(200, video_bytes(1000)).fail_after(500);
    std::error_code ec;
    ltx::diagnostics d;
    c.download_url("https://storage.example.test/x.mp4", target, {}, ec, d);
    CHECK(ec == ltx::http::transport_errc::connection_reset);
    CHECK(read_file(target) == "previous content"); // untouched
    CHECK(dir.entries() == 1);
}

TEST_CASE_FIXTURE(fixture, "a retried download starts the file over") {
    temp_dir dir;
    const auto bytes = video_bytes(1000);
    mock.set_chunk_size(100);
    mock.expect(method::get).respond(200, bytes).fail_after(300);
    mock.expect(method::get).respond(200, bytes).header("Content-Length", "1000");
    client.download_url("https://storage.example.test/x.mp4", dir.path / "v.mp4");
    CHECK(read_file(dir.path / "v.mp4") == bytes);
    CHECK(dir.entries() == 1);
}

TEST_CASE_FIXTURE(fixture, "a short body against its Content-Length is an error") {
    temp_dir dir;
    mock.expect(method::get).respond(200, video_bytes(10)).header("Content-Length", "20");
    std::error_code ec;
    ltx::diagnostics d;
    client.download_url("https://storage.example.test/x.mp4", dir.path / "v.mp4", {}, ec, d);
    CHECK(ec == errc::size_mismatch);
    CHECK(d.detail == "received 10 of 20 bytes");
    CHECK(dir.entries() == 0);
}

TEST_CASE_FIXTURE(fixture, "an expired URL, a job without artifact, an unwritable target") {
    temp_dir dir;
    mock.expect(method::get).respond(403, "<Error>expired</Error>");
    std::error_code ec;
    ltx::diagnostics d;
    client.download_url("https://storage.example.test/x.mp4", dir.path / "v.mp4", {}, ec, d);
    CHECK(ec == errc::unexpected_response);
    CHECK(d.status == 403);
    CHECK(dir.entries() == 0);

    client.download(ltx::reflect::from_json<ltx::job>(active_job(50)), dir.path / "v.mp4", {}, ec,
                    d);
    CHECK(ec == errc::no_artifact);

    client.download_url("https://storage.example.test/x.mp4", dir.path / "missing" / "v.mp4", {},
                        ec, d);
    CHECK(ec == errc::file_error);
    CHECK(mock.requests().size() == 1);
}

TEST_CASE_FIXTURE(fixture, "upload_file: detection from the file, clear errors for bad files") {
    temp_dir dir;
    const auto jpg = dir.path / "frame.jpg";
    {
        std::ofstream f{jpg, std::ios::binary};
        f << std::string{"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11} << std::string(100, 'x');
    }
    mock.expect(method::post, "assets/?type=image").respond(200, R"({"asset":{"fileId":"f"}})");
    CHECK(client.upload_file(jpg).asset.fileId == "f");
    const auto& r = mock.requests().at(0);
    CHECK(r.headers.find("Content-Type") == "image/jpeg");
    CHECK(r.file_body);
    CHECK(r.body.size() == 111);

    std::error_code ec;
    ltx::diagnostics d;
    client.upload_file(dir.path / "nope.png", {}, ec, d);
    CHECK(ec == errc::file_error);
    const auto empty = dir.path / "empty.png";
    std::ofstream{empty}.close();
    client.upload_file(empty, {}, ec, d);
    CHECK(ec == errc::invalid_request);
    REQUIRE(d.violations.size() == 1);
    CHECK(d.violations[0].path == "size");
    CHECK(mock.requests().size() == 1);
}
