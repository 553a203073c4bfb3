// The official LTX API client over the scripted mock: every endpoint, the error envelope and
// its types, the request id, the submit-never-twice rule, the v1 stream, the two-step upload,
// and the async forms, on simulated time.
#include <ltx/lightricks.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

namespace lightricks_client_test {

using ltx::errc;
using ltx::http::method;
using ltx::http::transport_errc;
namespace lx = ltx::lightricks;
using namespace ltx_test;
using namespace std::chrono_literals;

constexpr const char* lx_base = "https://api.ltx.test/";

ltx::config lx_config() {
    auto c = lx::default_config(token);
    c.base_url = lx_base;
    c.jitter_seed = 7;
    return c;
}

struct lx_fixture {
    ltx::testing::manual_clock clock;
    ltx::testing::timed_mock_transport mock{clock};
    lx::basic_client<ltx::testing::timed_mock_transport, ltx::testing::manual_clock> api{
        mock, lx_config(), clock};
};

constexpr const char* submitted = R"({"id":"job-1","created_at":"2026-01-15T10:00:00.000Z"})";

std::string status_body(const std::string& status, const std::string& extra = "") {
    return R"({"status":")" + status + R"(","id":"job-1","created_at":"2026-01-15T10:00:00Z")" +
           extra + "}";
}

std::string envelope(const std::string& type, const std::string& message) {
    return R"({"type":"error","error":{"type":")" + type + R"(","message":")" + message + R"("}})";
}

lx::text_to_video_request t2v() {
    return {.prompt = "a lighthouse at dusk",
            .model = lx::model::ltx_2_3_fast,
            .duration = 6,
            .resolution = lx::resolution::r1920x1080};
}

const std::string https_image = "https://images.example/start.png";
const std::string https_video = "https://images.example/clip.mp4";

TEST_CASE_FIXTURE(lx_fixture,
                  "lightricks: every v2 submit posts its JSON to its path with the key") {
    struct row {
        const char* path;
        std::function<lx::submitted_job()> call;
    };
    const std::vector<row> rows = {
        {"v2/text-to-video", [&] { return api.submit_text_to_video(t2v()); }},
        {"v2/image-to-video",
         [&] {
             return api.submit_image_to_video({.image_uri = https_image,
                                               .prompt = "waves",
                                               .model = lx::model::ltx_2_5_pro,
                                               .duration = 8,
                                               .resolution = lx::resolution::r1280x720,
                                               .fps = 50});
         }},
        {"v2/audio-to-video",
         [&] {
             return api.submit_audio_to_video(
                 {.audio_uri = "https://images.example/a.mp3", .prompt = "a singer"});
         }},
        {"v2/retake",
         [&] {
             return api.submit_retake({.video_uri = https_video, .start_time = 1, .duration = 2});
         }},
        {"v2/extend", [&] { return api.submit_extend({.video_uri = https_video, .duration = 2}); }},
        {"v2/video-to-video-hdr", [&] { return api.submit_hdr({.video_uri = https_video}); }},
        {"v2/video-to-video-reframe",
         [&] {
             return api.submit_reframe({.video_uri = https_video,
                                        .model = lx::model::ltx_2_3_pro,
                                        .resolution = lx::reframe_resolution::r1080x1080});
         }},
    };
    for (const auto& r : rows) {
        CAPTURE(r.path);
        mock.expect(method::post, r.path)
            .respond(202, submitted)
            .header("Content-Type", "application/json");
        const auto sub = r.call();
        CHECK(sub.id == "job-1");
        REQUIRE(!mock.requests().empty());
        const auto& sent = mock.requests().back();
        CHECK(sent.url == std::string{lx_base} + r.path);
        CHECK(sent.headers.find("Authorization").value_or("") == std::string{"Bearer "} + token);
        CHECK(sent.headers.find("Content-Type").value_or("") == "application/json");
        CHECK(sent.body.front() == '{');
    }
    CHECK(mock.satisfied());
    CHECK(mock.requests()[1].body.find(R"("resolution":"1280x720")") != std::string::npos);
    CHECK(mock.requests()[6].body.find(R"("model":"ltx-2-3-pro")") != std::string::npos);
}

TEST_CASE_FIXTURE(lx_fixture, "lightricks: a request outside the matrix sends nothing") {
    auto req = t2v();
    req.model = lx::model::ltx_2_5_pro;
    req.resolution = lx::resolution::r2560x1440;
    std::error_code ec;
    ltx::diagnostics d;
    api.submit_text_to_video(req, ec, d);
    CHECK(ec == errc::invalid_request);
    REQUIRE(d.violations.size() == 1);
    CHECK(d.violations[0].path == "resolution");
    CHECK_THROWS_AS(api.get_status({lx::generator::retake, ""}), ltx::validation_error);
    temp_dir dir;
    CHECK_THROWS_AS(api.text_to_video(req, dir.path / "out.mp4"), ltx::validation_error);
    CHECK(dir.entries() == 0);
    CHECK(mock.requests().empty());
}

TEST_CASE_FIXTURE(lx_fixture,
                  "lightricks: wait polls v2/{endpoint}/{id} every 5 s, download sends no key") {
    mock.expect(method::get, "v2/image-to-video/job-1").respond(200, status_body("pending"));
    mock.expect(method::get).respond(200, status_body("processing"));
    mock.expect(method::get).respond(200, status_body("rendering")); // unknown: still running
    mock.expect(method::get)
        .respond(
            200,
            status_body(
                "completed",
                R"(,"completed_at":"2026-01-15T10:00:42Z","result":{"video_url":"https://storage.test/r.mp4?sig=1"})"));
    std::vector<std::string> seen;
    const auto start = clock.now();
    const auto done =
        api.wait({lx::generator::image_to_video, "job-1"},
                 {.on_progress = [&](const lx::job_status& j) { seen.push_back(j.status); }});
    CHECK(done.status == "completed");
    CHECK(seen == std::vector<std::string>{"pending", "processing", "rendering", "completed"});
    CHECK(clock.now() - start == 15s);
    CHECK(lx::api::artifact_url(done) == "https://storage.test/r.mp4?sig=1");

    mock.expect(method::get, "storage.test/r.mp4").respond(200, video_bytes(10000));
    temp_dir dir;
    api.download(done, dir.path / "out.mp4");
    CHECK(read_file(dir.path / "out.mp4") == video_bytes(10000));
    CHECK(!mock.requests().back().headers.find("Authorization"));
    CHECK(mock.satisfied());

    mock.expect(method::get, "v2/text-to-video/job-1").respond(200, status_body("pending"));
    CHECK(api.get_status({lx::generator::text_to_video, "job-1"}).status == "pending");
}

TEST_CASE_FIXTURE(lx_fixture, "lightricks: a failed job ends the wait with its error type") {
    mock.expect(method::get)
        .respond(
            200,
            status_body(
                "failed",
                R"(,"completed_at":"2026-01-15T10:00:42Z","error":{"type":"content_filtered_error","message":"stopped"})"))
        .header("x-request-id", "req-77");
    std::error_code ec;
    ltx::diagnostics d;
    const auto j = api.wait({lx::generator::extend, "job-1"}, {}, ec, d);
    CHECK(ec == errc::job_failed);
    CHECK(j.status == "failed");
    CHECK(d.server_message == "stopped");
    CHECK(lx::error_type_of(d) == lx::error_type::content_filtered_error);
    CHECK(d.request_id == "req-77");
    std::error_code dec;
    ltx::diagnostics dd;
    api.download(j, "unused.mp4", {}, dec, dd);
    CHECK(dec == errc::no_artifact);
}

TEST_CASE_FIXTURE(lx_fixture,
                  "lightricks: every error.type maps to its errc, with the request id") {
    struct row {
        int status;
        const char* type;
        errc kind;
        lx::error_type typed;
    };
    const row rows[] = {
        {400, "invalid_request_error", errc::bad_request, lx::error_type::invalid_request_error},
        {401, "authentication_error", errc::unauthorized, lx::error_type::authentication_error},
        {402, "insufficient_funds_error", errc::payment_required,
         lx::error_type::insufficient_funds_error},
        {404, "not_found_error", errc::not_found, lx::error_type::not_found_error},
        {413, "request_too_large", errc::request_too_large, lx::error_type::request_too_large},
        {422, "content_filtered_error", errc::content_filtered,
         lx::error_type::content_filtered_error},
        {429, "rate_limit_error", errc::too_many_requests, lx::error_type::rate_limit_error},
        {429, "concurrency_limit_error", errc::too_many_requests,
         lx::error_type::concurrency_limit_error},
        {500, "api_error", errc::server_error, lx::error_type::api_error},
        {503, "service_unavailable", errc::server_error, lx::error_type::service_unavailable},
        {529, "overloaded_error", errc::server_error, lx::error_type::overloaded_error},
    };
    for (const auto& r : rows) {
        CAPTURE(r.type);
        // A submit: sent once whatever the answer, so one scripted step per row.
        mock.expect(method::post)
            .respond(r.status, envelope(r.type, std::string{"it said "} + token))
            .header("Content-Type", "application/json")
            .header("x-request-id", "req-" + std::to_string(r.status));
        std::error_code ec;
        ltx::diagnostics d;
        api.submit_text_to_video(t2v(), ec, d);
        CHECK(ec == r.kind);
        CHECK(d.status == r.status);
        CHECK(d.error_type == r.type);
        CHECK(lx::error_type_of(d) == r.typed);
        CHECK(d.request_id == "req-" + std::to_string(r.status));
        CHECK(d.server_message == "it said <redacted>");
        no_token(ec, d);
    }
    CHECK(mock.satisfied());
    // Without an envelope, the status decides (413 and 422 included).
    for (int status : {413, 422}) {
        mock.expect(method::post).respond(status, "<html>no</html>");
        std::error_code ec;
        ltx::diagnostics d;
        api.submit_hdr({.video_uri = https_video}, ec, d);
        CHECK(ec == (status == 413 ? errc::request_too_large : errc::content_filtered));
        CHECK(d.error_type.empty());
        CHECK(!lx::error_type_of(d));
    }
    // The throwing form carries all of it.
    mock.expect(method::post)
        .respond(402, envelope("insufficient_funds_error", "Required: 36 cents"))
        .header("x-request-id", "req-x");
    try {
        api.submit_text_to_video(t2v());
        FAIL("no exception");
    } catch (const ltx::api_error& e) {
        CHECK(e.code() == errc::payment_required);
        CHECK(e.request_id() == "req-x");
        CHECK(std::string{e.what()}.find("req-x") != std::string::npos);
        CHECK(std::string{e.what()}.find("Required: 36 cents") != std::string::npos);
    }
}

TEST_CASE_FIXTURE(lx_fixture, "lightricks: a submit is never sent twice, a status poll is") {
    for (auto e : {transport_errc::timeout, transport_errc::connection_reset}) {
        mock.expect(method::post).fail(e);
        std::error_code ec;
        ltx::diagnostics d;
        api.submit_text_to_video(t2v(), ec, d);
        CHECK(ec == errc::outcome_unknown);
    }
    CHECK(mock.requests().size() == 2);
    // A 429 created no job, but the resend is the caller's decision.
    mock.expect(method::post)
        .respond(429, envelope("concurrency_limit_error", "Too many concurrent requests."))
        .header("Retry-After", "3");
    std::error_code ec;
    ltx::diagnostics d;
    api.submit_image_to_video({.image_uri = https_image,
                               .prompt = "p",
                               .model = lx::model::ltx_2_3_fast,
                               .duration = 4,
                               .resolution = lx::resolution::r1280x720},
                              ec, d);
    CHECK(ec == errc::too_many_requests);
    CHECK(mock.requests().size() == 3);
    // A connection refused before sending is re-sent.
    mock.expect(method::post).fail(transport_errc::connection_failed);
    mock.expect(method::post).respond(202, submitted);
    CHECK(api.submit_text_to_video(t2v()).id == "job-1");
    CHECK(mock.requests().size() == 5);
    // A poll obeys Retry-After and is sent again.
    const auto before = clock.now();
    mock.expect(method::get)
        .respond(429, envelope("rate_limit_error", "slow"))
        .header("Retry-After", "3");
    mock.expect(method::get).respond(200, status_body("pending"));
    CHECK(api.get_status({lx::generator::text_to_video, "job-1"}).status == "pending");
    CHECK(clock.now() - before == 3s);
    CHECK(mock.satisfied());
}

TEST_CASE_FIXTURE(lx_fixture, "lightricks: v1 streams the MP4 to the file, errors leave none") {
    temp_dir dir;
    mock.set_chunk_size(1000);
    mock.expect(method::post, "v1/text-to-video")
        .respond(200, video_bytes(50000))
        .header("Content-Type", "video/mp4")
        .header("Content-Length", "50000");
    std::uint64_t progress = 0;
    const auto n =
        api.text_to_video(t2v(), dir.path / "a.mp4",
                          {.on_progress = [&](std::uint64_t done, auto) { progress = done; }});
    CHECK(n == 50000);
    CHECK(progress == 50000);
    CHECK(read_file(dir.path / "a.mp4") == video_bytes(50000));
    const auto& sent = mock.requests().back();
    CHECK(sent.had_sink);
    CHECK(sent.headers.find("Authorization").value_or("") == std::string{"Bearer "} + token);
    CHECK(sent.timeout >= 10min);

    mock.expect(method::post, "v1/image-to-video")
        .respond(402, envelope("insufficient_funds_error", "Required: 36 cents"))
        .header("x-request-id", "req-v1");
    std::error_code ec;
    ltx::diagnostics d;
    api.render<lx::endpoints::image_to_video>({.image_uri = https_image,
                                               .prompt = "p",
                                               .model = lx::model::ltx_2_3_fast,
                                               .duration = 4,
                                               .resolution = lx::resolution::r1280x720},
                                              dir.path / "b.mp4", {}, ec, d);
    CHECK(ec == errc::payment_required);
    CHECK(d.server_message == "Required: 36 cents");
    CHECK(lx::error_type_of(d) == lx::error_type::insufficient_funds_error);
    CHECK(d.request_id == "req-v1");
    CHECK(!std::filesystem::exists(dir.path / "b.mp4"));

    // Lost mid-body: the job was paid for; never re-sent, no file.
    mock.expect(method::post, "v1/retake")
        .respond(200, video_bytes(5000))
        .fail_after(2000, transport_errc::connection_reset);
    api.render<lx::endpoints::retake>({.video_uri = https_video, .start_time = 0, .duration = 2},
                                      dir.path / "c.mp4", {}, ec, d);
    CHECK(ec == errc::outcome_unknown);
    CHECK(dir.entries() == 1);

    // Into a sink.
    std::string got;
    mock.expect(method::post, "v1/extend").respond(200, video_bytes(3000));
    api.render<lx::endpoints::extend>(
        {.video_uri = https_video, .duration = 2},
        [&](std::string_view piece) {
            got.append(piece);
            return std::error_code{};
        },
        {}, ec, d);
    CHECK(!ec);
    CHECK(got == video_bytes(3000));
    mock.expect(method::post, "v1/audio-to-video").respond(200, video_bytes(10));
    CHECK(api.audio_to_video({.audio_uri = "https://images.example/a.wav", .prompt = "x"},
                             dir.path / "d.mp4") == 10);
    CHECK(mock.satisfied());
}

constexpr const char* ticket =
    R"({"upload_url":"https://storage.test/uploads/u1?signature=abc","storage_uri":"ltx://uploads/u1","expires_at":"2026-01-15T11:00:00.000Z","required_headers":{"x-goog-content-length-range":"0,104857600"}})";

TEST_CASE_FIXTURE(lx_fixture, "lightricks: upload_file gets a ticket, then PUTs with its headers") {
    temp_dir dir;
    const auto png = dir.path / "start.png";
    const std::string bytes = "\x89PNG\r\n\x1a\n" + video_bytes(200);
    std::ofstream{png, std::ios::binary} << bytes;

    mock.expect(method::post, "v1/upload").respond(200, ticket);
    mock.expect(method::put, "storage.test/uploads/u1?signature=abc").respond(200, "");
    CHECK(api.upload_file(png) == "ltx://uploads/u1");
    REQUIRE(mock.requests().size() == 2);
    const auto& post = mock.requests()[0];
    CHECK(post.url == std::string{lx_base} + "v1/upload");
    CHECK(post.body.empty());
    const auto& put = mock.requests()[1];
    CHECK(put.method == method::put);
    CHECK(put.headers.find("x-goog-content-length-range").value_or("") == "0,104857600");
    CHECK(put.headers.find("Content-Type").value_or("") == "image/png");
    CHECK(!put.headers.find("Authorization"));
    CHECK(put.file_body);
    CHECK(put.body == bytes);

    // The storage host refuses (a header changed, the URL expired): the error says so.
    mock.expect(method::post, "v1/upload").respond(200, ticket);
    mock.expect(method::put).respond(403, "<Error>SignatureDoesNotMatch</Error>");
    std::error_code ec;
    ltx::diagnostics d;
    CHECK(api.upload_file(png, std::nullopt, ec, d).empty());
    CHECK(ec == errc::unexpected_response);
    CHECK(d.status == 403);
    CHECK(d.detail.find("required header") != std::string::npos);

    // The PUT is retried after a 503; the POST after a reset.
    mock.expect(method::post, "v1/upload").fail(transport_errc::connection_reset);
    mock.expect(method::post, "v1/upload").respond(200, ticket);
    mock.expect(method::put).respond(503, "");
    mock.expect(method::put).respond(200, "");
    CHECK(api.upload_file(png, "image/webp") == "ltx://uploads/u1");
    CHECK(mock.requests().back().headers.find("Content-Type").value_or("") == "image/webp");
    CHECK(mock.satisfied());

    // Nothing is sent for a file that cannot be read, or an empty one.
    const auto before = mock.requests().size();
    api.upload_file(dir.path / "missing.png", std::nullopt, ec, d);
    CHECK(ec == errc::file_error);
    std::ofstream{dir.path / "empty.png"};
    api.upload_file(dir.path / "empty.png", std::nullopt, ec, d);
    CHECK(ec == errc::invalid_request);
    CHECK(mock.requests().size() == before);
}

TEST_CASE_FIXTURE(lx_fixture, "lightricks: the async forms complete their callbacks") {
    temp_dir dir;
    const auto png = dir.path / "start.png";
    std::ofstream{png, std::ios::binary} << "\x89PNG\r\n\x1a\n" + video_bytes(20);

    mock.expect(method::post, "v1/upload").respond(200, ticket);
    mock.expect(method::put).respond(200, "");
    mock.expect(method::post, "v2/image-to-video").respond(202, submitted);
    mock.expect(method::get, "v2/image-to-video/job-1").respond(200, status_body("processing"));
    mock.expect(method::get)
        .respond(200, status_body("completed",
                                  R"(,"result":{"video_url":"https://storage.test/r.mp4"})"));
    mock.expect(method::get, "storage.test/r.mp4").respond(200, video_bytes(700));
    mock.expect(method::post, "v1/text-to-video").respond(200, video_bytes(300));

    std::vector<std::string> steps;
    std::error_code last;
    api.async_upload_file(png, [&](std::error_code ec, std::string uri) {
        last = ec;
        steps.push_back(uri);
        api.async_submit_image_to_video(
            {.image_uri = uri,
             .prompt = "p",
             .model = lx::model::ltx_2_3_fast,
             .duration = 4,
             .resolution = lx::resolution::r1280x720},
            [&](std::error_code ec2, lx::submitted_job sub) {
                last = ec2;
                steps.push_back(sub.id);
                api.async_wait({lx::generator::image_to_video, sub.id},
                               [&](std::error_code ec3, lx::job_status done) {
                                   last = ec3;
                                   steps.push_back(done.status);
                                   api.async_download(done, dir.path / "v2.mp4",
                                                      [&](std::error_code ec4, std::uint64_t n) {
                                                          last = ec4;
                                                          steps.push_back(std::to_string(n));
                                                      });
                               });
            });
    });
    mock.run_all();
    api.async_render<lx::endpoints::text_to_video>(t2v(), dir.path / "v1.mp4",
                                                   [&](std::error_code ec, std::uint64_t n) {
                                                       last = ec;
                                                       steps.push_back(std::to_string(n));
                                                   });
    mock.run_all();
    CHECK(!last);
    CHECK(steps ==
          std::vector<std::string>{"ltx://uploads/u1", "job-1", "completed", "700", "300"});
    CHECK(read_file(dir.path / "v2.mp4") == video_bytes(700));
    CHECK(read_file(dir.path / "v1.mp4") == video_bytes(300));
    CHECK(mock.satisfied());
}

TEST_CASE_FIXTURE(lx_fixture, "lightricks: a 429's Retry-After reaches the diagnostics") {
    // A submit, answered once: its 429 carries the delay.
    mock.expect(method::post)
        .respond(429, envelope("concurrency_limit_error", "Too many jobs"))
        .header("Content-Type", "application/json")
        .header("Retry-After", "5");
    std::error_code ec;
    ltx::diagnostics d;
    api.submit_text_to_video(t2v(), ec, d);
    CHECK(ec == errc::too_many_requests);
    REQUIRE(d.retry_after);
    CHECK(*d.retry_after == 5s);
    // A v1 call streamed to a file: its error answer is read the same way.
    temp_dir dir;
    mock.expect(method::post, "v1/text-to-video")
        .respond(429, envelope("rate_limit_error", "Too many requests"))
        .header("Content-Type", "application/json")
        .header("Retry-After", "Thu, 01 Jan 2026 00:01:00 GMT");
    ltx::diagnostics v1;
    api.render<lx::endpoints::text_to_video>(t2v(), dir.path / "a.mp4", {}, ec, v1);
    CHECK(ec == errc::too_many_requests);
    REQUIRE(v1.retry_after);
    CHECK(*v1.retry_after == 60s);
    CHECK(mock.satisfied());
}

} // namespace lightricks_client_test
