// The official LTX API as ltx-sim serves it: its routes, errors and limits over raw HTTP, and
// the library's lightricks client over its Asio transport against it, in the sync form and
// with callbacks, futures and coroutines.
#include "../../tools/ltx-sim/sim/lightricks.hpp"

#include "support.hpp"

#include <ltx/asio.hpp>
#include <ltx/lightricks.hpp>

#include <doctest/doctest.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/use_future.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

namespace lightricks_sim_test {

using namespace sim_test;
using namespace std::chrono_literals;
namespace lx = ltx::lightricks;

ltx::config lx_config(ltx::sim::background_server& sim) {
    auto c = lx::default_config(sim_test::sim_token);
    c.base_url = sim->api_url() + "/";
    c.retry.initial_backoff = 1ms;
    c.retry.max_backoff = 5ms;
    c.jitter_seed = 5;
    return c;
}

lx::text_to_video_request t2v(std::string prompt = "A lighthouse at dusk") {
    return {.prompt = std::move(prompt),
            .model = lx::model::ltx_2_3_fast,
            .duration = 6,
            .resolution = lx::resolution::r1080x1920};
}

std::string envelope_type(const response& r) {
    return decode<lx::error_envelope>(r).error.value_or(lx::error_detail{}).type;
}

std::filesystem::path temp_file(const char* name) {
    return std::filesystem::temp_directory_path() /
           ("ltx-lx-" + std::to_string(std::random_device{}()) + "-" + name);
}

TEST_CASE("ltx-sim official API: routes, error envelope, x-request-id, limits, retention") {
    auto o = test_options();
    o.speed = 3000ms;
    o.tokens = {sim_test::sim_token, "other-SECRET-token"};
    ltx::sim::background_server sim{o};
    sim_test::client c{sim->api_port()};
    const auto body = ltx::reflect::to_json(t2v());

    auto r = sim_test::client{sim->api_port(), ""}.post("/v2/text-to-video", body);
    CHECK(r.result_int() == 401);
    CHECK(envelope_type(r) == "authentication_error");
    CHECK(!r["x-request-id"].empty());
    r = c.post("/v2/text-to-image", body);
    CHECK(r.result_int() == 404);
    CHECK(envelope_type(r) == "not_found_error");
    r = c.post("/v1/video-to-video-hdr", R"({"video_uri":"https://x.example/v.mp4"})");
    CHECK(r.result_int() == 404); // async only
    r = c.get("/v2/text-to-video");
    CHECK(r.result_int() == 405);
    CHECK(envelope_type(r) == "invalid_request_error");
    r = c.post("/v2/text-to-video", "[1]");
    CHECK(r.result_int() == 400);
    // A neighbour of a matrix row.
    auto bad = t2v();
    bad.model = lx::model::ltx_2_5_pro;
    bad.resolution = lx::resolution::r2560x1440;
    r = c.post("/v2/text-to-video", ltx::reflect::to_json(bad));
    CHECK(r.result_int() == 400);
    CHECK(decode<lx::error_envelope>(r).error->message.find("resolution") != std::string::npos);
    // An integer written 6.0, which the library's decoder would read as 6.
    std::string six = body;
    six.replace(six.find(R"("duration":6)"), 12, R"("duration":6.0)");
    r = c.post("/v2/text-to-video", six);
    CHECK(r.result_int() == 400);
    CHECK(decode<lx::error_envelope>(r).error->message == "duration: expected an integer");
    // The content filter, and a storage URI that was never uploaded.
    r = c.post("/v2/text-to-video", ltx::reflect::to_json(t2v("[filtered] a river")));
    CHECK(r.result_int() == 422);
    CHECK(envelope_type(r) == "content_filtered_error");
    r = c.post(
        "/v2/image-to-video",
        R"({"image_uri":"ltx://uploads/nope","prompt":"p","model":"ltx-2-3-fast","duration":6,"resolution":"1920x1080"})");
    CHECK(r.result_int() == 400);
    CHECK(decode<lx::error_envelope>(r).error->message.find("image_uri") != std::string::npos);

    // Two jobs run at once; the third is refused with Retry-After; the lifecycle follows.
    const auto a = decode<lx::submitted_job>(c.post("/v2/text-to-video", body));
    const auto b = decode<lx::submitted_job>(c.post("/v2/text-to-video", body));
    CHECK(a.id != b.id);
    r = c.post("/v2/text-to-video", body);
    CHECK(r.result_int() == 429);
    CHECK(envelope_type(r) == "concurrency_limit_error");
    CHECK(r["Retry-After"] == "3"); // until the first of the key's jobs ends
    CHECK(decode<lx::job_status>(c.get("/v2/text-to-video/" + a.id)).status == "pending");
    CHECK(c.get("/v2/image-to-video/" + a.id).result_int() == 404); // another endpoint
    // The limit is per key: another key has its own two.
    sim_test::client other{sim->api_port(), "other-SECRET-token"};
    CHECK(other.post("/v2/text-to-video", body).result_int() == 202);
    CHECK(other.post("/v2/text-to-video", body).result_int() == 202);
    CHECK(other.post("/v2/text-to-video", body).result_int() == 429);
    sim->advance_clock(1200ms);
    r = c.post("/v2/text-to-video", body);
    CHECK(r.result_int() == 429);
    CHECK(r["Retry-After"] == "2"); // 1.8 s, in whole seconds rounded up
    sim->advance_clock(300ms);
    CHECK(decode<lx::job_status>(c.get("/v2/text-to-video/" + a.id)).status == "processing");
    sim->advance_clock(2000ms);
    const auto done = decode<lx::job_status>(c.get("/v2/text-to-video/" + a.id));
    REQUIRE(done.status == "completed");
    REQUIRE(done.completed_at);
    const auto url = done.result.value().video_url.value();
    CHECK(url.starts_with(sim->storage_url() + "/lx/results/"));
    sim_test::client store{sim->storage_port(), ""};
    const auto mp4 = store.get(path_of(url));
    CHECK(mp4.result_int() == 200);
    CHECK(mp4.body() == video_fixture(6, ltx::sim::frame_aspect::portrait));
    CHECK(c.post("/v2/text-to-video", body).result_int() == 202); // the slots are free again
    // Past retention: the status and the result are gone.
    sim->advance_clock(25h);
    CHECK(c.get("/v2/text-to-video/" + a.id).result_int() == 404);
    CHECK(store.get(path_of(url)).result_int() == 404);
    CHECK(sim->stats().lightricksJobs == 5);
    CHECK(sim->stats().storageAuthorized == 0);
}

TEST_CASE("ltx-sim official API: 402 when the credits run out, 429 rate_limit_error past the "
          "request rate") {
    auto o = test_options();
    o.lx_credits = 16; // seconds of output; t2v() costs 6
    o.lx_rate_limit = 3;
    ltx::sim::background_server sim{o};
    sim_test::client c{sim->api_port()};
    const auto body = ltx::reflect::to_json(t2v());
    CHECK(c.post("/v2/text-to-video", body).result_int() == 202);
    CHECK(c.post("/v1/text-to-video", body).result_int() == 200);
    auto r = c.post("/v2/text-to-video", body); // 4 s left
    CHECK(r.result_int() == 402);
    CHECK(envelope_type(r) == "insufficient_funds_error");
    CHECK(!r["x-request-id"].empty());
    // The 402 comes before the limits: the refused request did not count against the rate.
    auto cheap = t2v();
    cheap.duration = 2;
    CHECK(c.post("/v2/text-to-video", ltx::reflect::to_json(cheap)).result_int() == 202);
    r = c.post("/v2/text-to-video", ltx::reflect::to_json(cheap));
    CHECK(r.result_int() == 429);
    CHECK(envelope_type(r) == "rate_limit_error");
    const auto wait = std::stoi(std::string{r["Retry-After"]}); // the window's rest, whole s
    CHECK(wait >= 1);
    CHECK(wait <= 60);
    sim->advance_clock(61s);
    // A new window; the last 2 s of credit go, then a 2 s job is 402 again.
    CHECK(c.post("/v2/text-to-video", ltx::reflect::to_json(cheap)).result_int() == 202);
    CHECK(c.post("/v2/text-to-video", ltx::reflect::to_json(cheap)).result_int() == 402);
    const auto parsed = ltx::sim::parse_options({"--lx-rate-limit", "5", "--lx-credits", "90"});
    REQUIRE(parsed.error.empty());
    CHECK(parsed.value.lx_rate_limit == 5);
    CHECK(parsed.value.lx_credits == 90);
    CHECK(ltx::sim::usage().find("--lx-credits") != std::string_view::npos);
}

TEST_CASE("ltx-sim official API: under dropped connections a submit is sent once, a poll again") {
    auto o = test_options();
    o.speed = 0ms;
    o.lx_concurrency = 100;
    o.drop_rate = 0.4; // decided by the seeded PRNG, in request order: the same run every time
    ltx::sim::background_server sim{o};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    auto cfg = lx_config(sim);
    cfg.retry.max_attempts = 12; // a poll dropped 12 times in a row: 0.4^12, about 2e-5
    lx::basic_client api{http, cfg};

    constexpr int submits = 24;
    std::vector<std::string> ids;
    int unknown = 0;
    for (int i = 0; i < submits; ++i) {
        std::error_code ec;
        ltx::diagnostics d;
        const auto sub = api.submit_text_to_video(t2v(), ec, d);
        if (!ec)
            ids.push_back(sub.id);
        else if (ec == ltx::errc::outcome_unknown) {
            ltx_test::record_output("sim", d.to_string(ec));
            ++unknown;
        } else
            FAIL("unexpected error: " << ec.message());
    }
    // Each submit reached the server exactly once: a drop is never followed by a resend.
    const auto after_submits = sim->stats();
    CHECK(after_submits.requests == submits);
    CHECK(after_submits.dropped == static_cast<std::uint64_t>(unknown));
    CHECK(after_submits.lightricksJobs == ids.size()); // a dropped request made no job
    CHECK(unknown > 0);
    REQUIRE(!ids.empty());
    // Polls are safe to send again: every job's status is read in spite of the drops.
    for (const auto& id : ids)
        CHECK(api.get_status({lx::generator::text_to_video, id}).id == id);
    CHECK(sim->stats().dropped > after_submits.dropped);
}

TEST_CASE("ltx-sim official API: the signed upload enforces its required headers") {
    ltx::sim::background_server sim{test_options()};
    sim_test::client c{sim->api_port()};
    const auto t = decode<lx::upload_ticket>(c.post("/v1/upload", ""));
    CHECK(t.storage_uri.starts_with("ltx://uploads/"));
    REQUIRE(t.required_headers.size() == 1);
    sim_test::client store{sim->storage_port(), ""};
    auto r = store.call(http::verb::put, path_of(t.upload_url), "PNGDATA", "image/png");
    CHECK(r.result_int() == 403); // the required header missing
    const auto& [name, value] = *t.required_headers.begin();
    r = store.call(http::verb::put, path_of(t.upload_url), "PNGDATA", "image/png",
                   {{name, value + "x"}});
    CHECK(r.result_int() == 403); // changed
    const std::string req =
        R"({"image_uri":")" + t.storage_uri +
        R"(","prompt":"p","model":"ltx-2-3-fast","duration":6,"resolution":"1920x1080"})";
    CHECK(c.post("/v2/image-to-video", req).result_int() == 400); // not uploaded yet
    r = store.call(http::verb::put, path_of(t.upload_url), "PNGDATA", "image/png", {{name, value}});
    CHECK(r.result_int() == 200);
    CHECK(c.post("/v2/image-to-video", req).result_int() == 202);
}

TEST_CASE("ltx-sim official API: the lightricks client, sync over Asio, every call") {
    auto o = test_options();
    o.speed = 0ms;
    o.lx_concurrency = 100;
    ltx::sim::background_server sim{o};
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    lx::basic_client api{http, lx_config(sim)};

    const auto image = api.upload_file(o.fixtures_dir / "start.png");
    CHECK(image.starts_with("ltx://uploads/"));
    const lx::wait_options quick{.interval = 10ms, .timeout = 30s};

    const auto out = temp_file("v2.mp4");
    const auto sub = api.submit_image_to_video({.image_uri = image,
                                                .prompt = "Waves",
                                                .model = lx::model::ltx_2_5_fast,
                                                .duration = 8,
                                                .resolution = lx::resolution::r1920x1080});
    const auto done = api.wait({lx::generator::image_to_video, sub.id}, quick);
    CHECK(done.status == "completed");
    CHECK(api.get_status({lx::generator::image_to_video, sub.id}).completed_at);
    api.download(done, out);
    CHECK(std::filesystem::file_size(out) ==
          video_fixture(8, ltx::sim::frame_aspect::landscape).size());
    std::filesystem::remove(out);

    // Every v2 submit, waited for.
    const std::string video = "https://media.example/clip.mp4";
    const lx::job_ref refs[] = {
        {lx::generator::text_to_video, api.submit_text_to_video(t2v()).id},
        {lx::generator::audio_to_video,
         api.submit_audio_to_video({.audio_uri = "https://media.example/a.mp3", .prompt = "x"}).id},
        {lx::generator::retake,
         api.submit_retake({.video_uri = video, .start_time = 0, .duration = 2}).id},
        {lx::generator::extend, api.submit_extend({.video_uri = video, .duration = 2}).id},
        {lx::generator::video_to_video_hdr, api.submit_hdr({.video_uri = video}).id},
        {lx::generator::video_to_video_reframe,
         api.submit_reframe({.video_uri = video,
                             .model = lx::model::ltx_2_3_pro,
                             .resolution = lx::reframe_resolution::r1080x1080})
             .id},
    };
    for (const auto& ref : refs)
        CHECK(api.wait(ref, quick).status == "completed");

    // Every v1 call streams a real MP4 of the requested shape and length.
    const auto v1 = temp_file("v1.mp4");
    CHECK(api.text_to_video(t2v(), v1) ==
          video_fixture(6, ltx::sim::frame_aspect::portrait).size());
    auto i2v = lx::image_to_video_request{.image_uri = image,
                                          .prompt = "p",
                                          .model = lx::model::ltx_2_3_pro,
                                          .duration = 10,
                                          .resolution = lx::resolution::r3840x2160,
                                          .fps = 50};
    CHECK(api.image_to_video(i2v, v1) == video_fixture(10).size());
    CHECK(api.audio_to_video({.audio_uri = "https://media.example/a.mp3", .prompt = "x"}, v1) > 0);
    CHECK(api.retake({.video_uri = video, .start_time = 0, .duration = 2}, v1) > 0);
    CHECK(api.extend({.video_uri = video, .duration = 2}, v1) > 0);
    std::filesystem::remove(v1);

    // A failed job, and the errors as the client reports them.
    std::error_code ec;
    ltx::diagnostics d;
    const auto failed = api.submit_text_to_video(t2v("[fail] a storm"));
    api.wait({lx::generator::text_to_video, failed.id}, quick, ec, d);
    CHECK(ec == ltx::errc::job_failed);
    ltx_test::record_output("sim", d.to_string(ec));
    CHECK(lx::error_type_of(d) == lx::error_type::api_error);
    api.submit_text_to_video(t2v("[filtered]"), ec, d);
    CHECK(ec == ltx::errc::content_filtered);
    ltx_test::record_output("sim", d.to_string(ec));
    CHECK(!d.request_id.empty());
    api.get_status({lx::generator::retake, "no-such-job"}, ec, d);
    CHECK(ec == ltx::errc::not_found);
    ltx_test::record_output("sim", d.to_string(ec));
    CHECK(lx::error_type_of(d) == lx::error_type::not_found_error);
    CHECK(sim->stats().storageAuthorized == 0);
}

TEST_CASE("ltx-sim official API: the lightricks client with callbacks, futures, coroutines") {
    auto o = test_options();
    o.speed = 0ms;
    o.lx_concurrency = 100;
    ltx::sim::background_server sim{o};
    const auto png = o.fixtures_dir / "start.png";

    SUBCASE("callbacks chained on one thread") {
        ::asio::io_context io;
        ltx::asio::transport http{io.get_executor()};
        lx::basic_client api{http, lx_config(sim)};
        const auto out = temp_file("cb.mp4");
        std::vector<std::string> steps;
        api.async_upload_file(png, [&](std::error_code ec, std::string uri) {
            steps.push_back(ec ? "upload failed" : "uploaded");
            api.async_submit_image_to_video(
                {.image_uri = uri,
                 .prompt = "p",
                 .model = lx::model::ltx_2_3_fast,
                 .duration = 4,
                 .resolution = lx::resolution::r1280x720},
                [&](std::error_code ec2, lx::submitted_job sub) {
                    steps.push_back(ec2 ? "submit failed" : "submitted");
                    api.async_wait(
                        {lx::generator::image_to_video, sub.id}, {.interval = 10ms, .timeout = 30s},
                        [&](std::error_code ec3, lx::job_status done) {
                            steps.push_back(ec3 ? "wait failed" : done.status);
                            api.async_download(
                                done, out, [&](std::error_code ec4, std::uint64_t n) {
                                    steps.push_back(ec4 ? "download failed" : std::to_string(n));
                                });
                        });
                });
        });
        io.run_for(30s);
        CHECK(steps == std::vector<std::string>{"uploaded", "submitted", "completed",
                                                std::to_string(video_fixture(4).size())});
        std::filesystem::remove(out);
    }
    SUBCASE("futures, the io_context on another thread") {
        ::asio::io_context io;
        auto guard = ::asio::make_work_guard(io);
        std::thread runner{[&] { io.run(); }};
        ltx::asio::transport http{io.get_executor()};
        lx::basic_client api{http, lx_config(sim)};
        const auto uri = api.async_upload_file(png, ::asio::use_future).get();
        auto sub = api.async_submit_text_to_video(t2v(), ::asio::use_future).get();
        auto st =
            api.async_get_status({lx::generator::text_to_video, sub.id}, ::asio::use_future).get();
        CHECK(uri.starts_with("ltx://uploads/"));
        CHECK(st.id == sub.id);
        const auto out = temp_file("fut.mp4");
        CHECK(
            api.async_render<lx::endpoints::text_to_video>(t2v(), out, ::asio::use_future).get() ==
            video_fixture(6, ltx::sim::frame_aspect::portrait).size());
        std::filesystem::remove(out);
        guard.reset();
        runner.join();
    }
#if defined(ASIO_HAS_CO_AWAIT)
    SUBCASE("a coroutine with {} options, as the README writes it") {
        ::asio::io_context io;
        ltx::asio::transport http{io.get_executor()};
        lx::basic_client api{http, lx_config(sim)};
        const auto out = temp_file("co.mp4");
        std::uint64_t size = 0;
        std::exception_ptr failure;
        ::asio::co_spawn(
            io,
            [&]() -> ::asio::awaitable<void> {
                auto uri = co_await api.async_upload_file(png, ::asio::use_awaitable);
                // Named: g++ 12 relocates an aggregate temporary of a co_await bytewise, which
                // breaks a std::string member (its small buffer, or a heap one freed twice).
                const lx::image_to_video_request req{.image_uri = uri,
                                                     .prompt = "Waves",
                                                     .model = lx::model::ltx_2_3_fast,
                                                     .duration = 5,
                                                     .resolution = lx::resolution::r1920x1080};
                auto sub = co_await api.async_submit_image_to_video(req, ::asio::use_awaitable);
                const lx::job_ref job{lx::generator::image_to_video, sub.id}; // named, as req
                auto done = co_await api.async_wait(job, {.interval = 10ms}, ::asio::use_awaitable);
                size = co_await api.async_download(done, out, {}, ::asio::use_awaitable);
            },
            [&](std::exception_ptr e) { failure = e; });
        io.run_for(30s);
        CHECK(!failure);
        CHECK(size == video_fixture(5).size());
        std::filesystem::remove(out);
    }
#endif
}

TEST_CASE("ltx-sim official API: every matrix row accepted, its neighbours as the table says") {
    auto o = test_options();
    o.lx_concurrency = 1 << 30;
    ltx::sim::artifact_set artifacts{o.fixtures_dir};
    ltx::sim::lightricks_service service{o, artifacts, "http://127.0.0.1:1", 9};
    const auto status = [&](const lx::text_to_video_request& r, std::string_view path) {
        const auto body = ltx::reflect::to_json(r);
        const std::string bearer = std::string{"Bearer "} + sim_test::sim_token;
        const ltx::sim::api_request req{"POST", path, bearer, "application/json", body};
        return service.handle(req, 1'000'000).status;
    };
    int rows = 0, refused = 0;
    for (const auto& row : lx::video_matrix) {
        lx::text_to_video_request r{.prompt = "p",
                                    .model = std::get<0>(row),
                                    .duration = std::get<3>(row),
                                    .resolution = std::get<1>(row),
                                    .fps = std::get<2>(row)};
        CAPTURE(ltx::reflect::to_json(r));
        REQUIRE(status(r, "/v2/text-to-video") == 202);
        ++rows;
        // Neighbours: one more second, and the next frame rate of the enumeration.
        for (const auto& [d, f] : {std::pair{std::get<3>(row) + 1, std::get<2>(row)},
                                   std::pair{std::get<3>(row), std::get<2>(row) + 1}}) {
            auto n = r;
            n.duration = d;
            n.fps = f;
            const bool offered = lx::offered(*n.model, *n.resolution, f, d);
            CAPTURE(ltx::reflect::to_json(n));
            CHECK(status(n, "/v2/text-to-video") == (offered ? 202u : 400u));
            refused += offered ? 0 : 1;
        }
    }
    CHECK(rows == 836);
    CHECK(refused > 0);
    CHECK(service.jobs_created() == static_cast<std::uint64_t>(rows + 2 * rows - refused));
}

} // namespace lightricks_sim_test
