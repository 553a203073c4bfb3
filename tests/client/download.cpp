// Downloads: streamed, atomic, size-checked, and never carrying the API token.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

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

namespace download_durable_test {

// What each sync of a `part_file` saw: the path, the bytes there, whether the target existed.
struct sync_seen {
    std::filesystem::path path;
    std::string content;
    bool target_there = false;
};
std::vector<sync_seen> seen;
std::filesystem::path target;
std::filesystem::path failing; // a sync of this path fails

std::error_code record_sync(const std::filesystem::path& p) {
    seen.push_back({p, std::filesystem::is_regular_file(p) ? read_file(p) : std::string{},
                    std::filesystem::exists(target)});
    return p == failing ? std::make_error_code(std::errc::io_error) : std::error_code{};
}

void reset(const std::filesystem::path& t) {
    seen.clear();
    target = t;
    failing.clear();
}

// Writes `text` to `target` through a part_file with `sync` and commits it; with `fail_temp`,
// the sync of its temporary fails.
void write_part(ltx::detail::path_sync sync, std::string_view text, std::error_code& ec,
                ltx::diagnostics& d, bool fail_temp = false) {
    ltx::detail::part_file f{target, sync};
    if (fail_temp)
        failing = f.temp_path();
    CHECK_FALSE(f.write(text));
    f.commit(ec, d);
}

} // namespace download_durable_test

TEST_CASE("part_file with a sync: the whole file synced before its rename, the folder after") {
    namespace t = download_durable_test;
    temp_dir dir;
    t::reset(dir.path / "v.mp4");
    std::error_code ec;
    ltx::diagnostics d;
    t::write_part(&t::record_sync, "abcdef", ec, d);
    CHECK_FALSE(ec);
    REQUIRE(t::seen.size() == 2);
    CHECK(t::seen[0].path.parent_path() == dir.path);
    CHECK(t::seen[0].path != t::target);   // the temporary,
    CHECK(t::seen[0].content == "abcdef"); // complete,
    CHECK_FALSE(t::seen[0].target_there);  // before the rename
    CHECK(t::seen[1].path == dir.path);    // then the folder,
    CHECK(t::seen[1].target_there);        // after it
    CHECK(read_file(t::target) == "abcdef");
    CHECK(dir.entries() == 1);

    t::reset(dir.path / "w.mp4"); // without a sync: none
    t::write_part(nullptr, "x", ec, d);
    CHECK_FALSE(ec);
    CHECK(t::seen.empty());
    CHECK(read_file(t::target) == "x");
}

TEST_CASE("part_file with a sync: a failed sync is a file_error that names what failed") {
    namespace t = download_durable_test;
    temp_dir dir;
    t::reset(dir.path / "v.mp4");
    std::error_code ec;
    ltx::diagnostics d;
    t::write_part(&t::record_sync, "abc", ec, d, true);
    CHECK(ec == errc::file_error);
    CHECK(d.detail.starts_with("cannot sync " + (dir.path / "v.mp4.part-").string()));
    CHECK(d.detail.find(std::make_error_code(std::errc::io_error).message()) != std::string::npos);
    CHECK(t::seen.size() == 1);
    CHECK(dir.entries() == 0); // not renamed, the temporary removed

    t::reset(dir.path / "v.mp4");
    t::failing = dir.path;
    ec.clear();
    d = {};
    t::write_part(&t::record_sync, "abc", ec, d);
    CHECK(ec == errc::file_error);
    CHECK(d.detail.starts_with("cannot sync the folder " + dir.path.string()));
    CHECK(t::seen.size() == 2);
}

TEST_CASE_FIXTURE(fixture, "a durable download syncs through sync_path, which reports a failure") {
    temp_dir dir;
    const auto bytes = video_bytes(5000);
    mock.set_chunk_size(1000);
    mock.expect(method::get).respond(200, bytes).header("Content-Length", "5000");
    std::error_code ec;
    ltx::diagnostics d;
    client.download_url("https://storage.example.test/x.mp4", dir.path / "v.mp4", {.durable = true},
                        ec, d);
    CHECK_FALSE(ec);
    CHECK(read_file(dir.path / "v.mp4") == bytes);
    CHECK(dir.entries() == 1);
    CHECK_FALSE(ltx::detail::sync_path(dir.path / "v.mp4"));
    CHECK_FALSE(ltx::detail::sync_path(dir.path));
    CHECK(ltx::detail::sync_path(dir.path / "missing") == std::errc::no_such_file_or_directory);
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
