// The official LTX API's models: the matrix against a second implementation written from the
// reference's table, every other rule of its validation summary that a client can check, and
// the JSON forms of its requests and answers.
#include <ltx/lightricks.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <vector>

// A namespace of this file's own, test cases included: the unity build compiles it beside
// other test files.
namespace lightricks_models_test {

namespace lx = ltx::lightricks;
using lx::model;
using lx::resolution;

// The reference's matrix, read again from its text: the oracle video_matrix is checked against.
bool landscape_720_or_1080(resolution r) {
    return r == resolution::r1280x720 || r == resolution::r720x1280 ||
           r == resolution::r1920x1080 || r == resolution::r1080x1920;
}
bool in(int v, std::initializer_list<int> set) {
    for (const int x : set)
        if (x == v)
            return true;
    return false;
}
bool d10(int d) {
    return in(d, {2, 3, 4, 5, 6, 8, 10});
}
bool d20(int d) {
    return d10(d) || in(d, {12, 14, 16, 18, 20});
}

bool oracle(model m, resolution r, int fps, int d) {
    const bool hd = landscape_720_or_1080(r);
    switch (m) {
    case model::ltx_2_3_fast:
    case model::ltx_2_5_fast:
        if (hd && in(fps, {24, 25}))
            return d20(d);
        if (hd && in(fps, {48, 50}))
            return d10(d);
        return !hd && in(fps, {24, 25, 48, 50}) && d10(d);
    case model::ltx_2_3_pro:
        return in(fps, {24, 25, 48, 50}) && d10(d);
    case model::ltx_2_5_pro:
        return hd && in(fps, {24, 25, 50}) && d10(d);
    }
    return false;
}

constexpr std::array models{model::ltx_2_3_fast, model::ltx_2_3_pro, model::ltx_2_5_fast,
                            model::ltx_2_5_pro};
constexpr std::array resolutions{
    resolution::r1280x720,  resolution::r720x1280,  resolution::r1920x1080, resolution::r1080x1920,
    resolution::r2560x1440, resolution::r1440x2560, resolution::r3840x2160, resolution::r2160x3840};
constexpr int max_fps = 60;
constexpr int max_duration = 25;

// The member the oracle says a request should be refused at: the first of model → resolution
// → fps → duration that no allowed combination takes together with the ones before it (every
// model has some combination).
std::string oracle_refusal(model m, resolution r, int fps, int d) {
    bool with_r = false, with_fps = false;
    for (int f = 0; f <= max_fps && !with_r; ++f)
        for (int x = 0; x <= max_duration && !with_r; ++x)
            with_r = oracle(m, r, f, x);
    for (int x = 0; x <= max_duration && !with_fps; ++x)
        with_fps = oracle(m, r, fps, x);
    if (!with_r)
        return "resolution";
    if (!with_fps)
        return "fps";
    return oracle(m, r, fps, d) ? "" : "duration";
}

lx::text_to_video_request t2v(model m, resolution r, std::optional<int> fps, int d) {
    lx::text_to_video_request q;
    q.prompt = "A lighthouse at dusk";
    q.model = m;
    q.resolution = r;
    q.fps = fps;
    q.duration = d;
    return q;
}

std::vector<ltx::reflect::violation> check(const auto& request) {
    return ltx::reflect::validate(request);
}

const std::string image = "https://images.example.com/frame.png";
const std::string video = "ltx://uploads/3f2b8c1e-9d4a-4f6b-8e2a-5c7d9e0f1a2b";

// Exactly one violation, at `path` by `rule`.
void refused(const std::vector<ltx::reflect::violation>& v, const std::string& path,
             const std::string& rule) {
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == path);
    CHECK(v[0].rule == rule);
}

TEST_CASE("lightricks matrix: the table has the reference's 836 combinations, each once") {
    CHECK(lx::video_matrix.size() == 836);
    std::size_t allowed = 0;
    for (const model m : models)
        for (const resolution r : resolutions)
            for (int fps = 0; fps <= max_fps; ++fps)
                for (int d = 0; d <= max_duration; ++d)
                    allowed += oracle(m, r, fps, d) ? 1 : 0;
    CHECK(allowed == lx::video_matrix.size());
    for (const auto& [m, r, fps, d] : lx::video_matrix)
        CHECK(oracle(m, r, fps, d));
}

TEST_CASE("lightricks matrix: validation accepts exactly the oracle's combinations and names "
          "the first field no row allows") {
    std::size_t accepted = 0, refusals = 0;
    for (const model m : models)
        for (const resolution r : resolutions)
            for (int fps = 0; fps <= max_fps; ++fps)
                for (int d = 0; d <= max_duration; ++d) {
                    const auto v = check(t2v(m, r, fps, d));
                    const std::string expected = oracle_refusal(m, r, fps, d);
                    const bool agrees =
                        lx::offered(m, r, fps, d) == expected.empty() &&
                        (expected.empty() ? v.empty()
                                          : v.size() == 1 && v[0].path == expected &&
                                                v[0].rule == "combinations");
                    (expected.empty() ? accepted : refusals) += 1;
                    if (!agrees) { // one CHECK per disagreement, not per combination
                        CAPTURE(expected);
                        CAPTURE(ltx::reflect::to_json(t2v(m, r, fps, d)));
                        CHECK(lx::offered(m, r, fps, d) == expected.empty());
                        REQUIRE(v.size() == (expected.empty() ? 0U : 1U));
                        CHECK(v[0].path == expected);
                        CHECK(v[0].rule == "combinations");
                    }
                }
    CHECK(accepted == 836);
    CHECK(refusals == models.size() * resolutions.size() * 61 * 26 - 836);
}

TEST_CASE("lightricks matrix: the reference's examples, and an omitted fps read as 24") {
    auto v = check(t2v(model::ltx_2_5_pro, resolution::r2560x1440, 24, 6));
    refused(v, "resolution", "combinations");
    CHECK(v[0].message == "is not offered with model ltx-2-5-pro");
    v = check(t2v(model::ltx_2_3_fast, resolution::r1920x1080, 50, 12));
    refused(v, "duration", "combinations");
    CHECK(v[0].message == "is not offered with model ltx-2-3-fast, resolution 1920x1080, fps 50");
    CHECK(check(t2v(model::ltx_2_3_fast, resolution::r1080x1920, std::nullopt, 20)).empty());
    CHECK(check(t2v(model::ltx_2_5_pro, resolution::r1280x720, std::nullopt, 10)).empty());
    v = check(t2v(model::ltx_2_5_pro, resolution::r1280x720, std::nullopt, 12));
    refused(v, "duration", "combinations");
    CHECK(v[0].message == "is not offered with model ltx-2-5-pro, resolution 1280x720, fps 24");
    // 48 fps is offered to ltx-2-5-pro at no size.
    refused(check(t2v(model::ltx_2_5_pro, resolution::r1920x1080, 48, 6)), "fps", "combinations");
}

TEST_CASE("lightricks text-to-video: the README's example") {
    ltx::lightricks::text_to_video_request r{.prompt = "A lighthouse at dusk",
                                             .model = ltx::lightricks::model::ltx_2_5_pro,
                                             .duration = 12,
                                             .resolution = ltx::lightricks::resolution::r1920x1080};
    auto v = ltx::reflect::validate(r);
    REQUIRE(v.size() == 1);
    CHECK(ltx::reflect::to_string(v[0]) == "duration: is not offered with model ltx-2-5-pro, "
                                           "resolution 1920x1080, fps 24 (combinations)");
}

TEST_CASE("lightricks text-to-video: prompt, model, duration and resolution are required") {
    lx::text_to_video_request q;
    const auto v = check(q);
    REQUIRE(v.size() == 4);
    CHECK(v[0].path == "prompt");
    CHECK(v[1].path == "model");
    CHECK(v[2].path == "duration");
    CHECK(v[3].path == "resolution");
    for (const auto& x : v)
        CHECK(x.rule == "required");
    q = t2v(model::ltx_2_3_pro, resolution::r3840x2160, 50, 10);
    q.prompt = std::string(5000, 'p');
    CHECK(check(q).empty());
    q.prompt = std::string(5001, 'p');
    refused(check(q), "prompt", "length");
    q.prompt = "\xF0\x9F\x8E\xAC"; // one code point
    CHECK(check(q).empty());
}

TEST_CASE("lightricks text-to-video: JSON with the wire names, absent optionals left out") {
    auto q = t2v(model::ltx_2_5_fast, resolution::r1080x1920, std::nullopt, 8);
    q.camera_motion = lx::camera_motion::static_;
    q.generate_audio = false;
    const auto json = ltx::reflect::to_json(q);
    CHECK(json == R"({"prompt":"A lighthouse at dusk","model":"ltx-2-5-fast","duration":8,)"
                  R"("resolution":"1080x1920","generate_audio":false,"camera_motion":"static"})");
    const auto back = ltx::reflect::from_json<lx::text_to_video_request>(json);
    CHECK(ltx::reflect::to_json(back) == json);
}

TEST_CASE("lightricks decoding: no fraction or string for duration, removed models refused") {
    ltx::reflect::json_error err;
    lx::text_to_video_request q;
    const std::string head = R"({"prompt":"p","model":"ltx-2-3-pro","resolution":"1920x1080",)";
    CHECK(ltx::reflect::read_json(head + R"("duration":6})", q, err));
    // The server refuses 6.0 too; the decoder reads a whole number written as a double as that
    // integer (lenient with what servers send), so refusing it is the simulator's part.
    CHECK(ltx::reflect::read_json(head + R"("duration":6.0})", q, err));
    CHECK(q.duration == 6);
    for (const std::string d : {"6.5", "\"6\""}) {
        CAPTURE(d);
        CHECK_FALSE(ltx::reflect::read_json(head + R"("duration":)" + d + "}", q, err));
        CHECK(err.path == "duration");
    }
    CHECK_FALSE(ltx::reflect::read_json(
        R"({"prompt":"p","model":"ltx-2-pro","resolution":"1920x1080","duration":6})", q, err));
    CHECK(err.path == "model");
    CHECK_FALSE(ltx::reflect::read_json(
        R"({"prompt":"p","model":"ltx-2-3-pro","resolution":"1080p","duration":6})", q, err));
    CHECK(err.path == "resolution");
}

TEST_CASE("lightricks media inputs: storage URIs, https URLs with a host name, data URIs") {
    lx::image_to_video_request q;
    q.prompt = "p";
    q.model = model::ltx_2_3_fast;
    q.resolution = resolution::r1280x720;
    q.duration = 20;
    for (const std::string ok :
         {"ltx://uploads/3f2b8c1e-9d4a-4f6b-8e2a-5c7d9e0f1a2b",
          "https://cdn.example.com/a.png?sig=1",
          "data:image/png;base64,iVBORw==", "data:image/jpeg;base64,/9j/4AAQ"}) {
        CAPTURE(ok);
        q.image_uri = ok;
        CHECK(check(q).empty());
    }
    for (const std::string bad :
         {"http://cdn.example.com/a.png", "ftp://cdn.example.com/a.png", "/tmp/a.png",
          "https://127.0.0.1/a.png", "https://[::1]/a.png", "ltx://uploads/", "ltx://other/x",
          "data:image/png,iVBORw==", "data:;base64,iVBORw==", "data:image/png;base64,iVB",
          "data:image/png;base64,iV=BOw==", "data:image/png;base64,"}) {
        CAPTURE(bad);
        q.image_uri = bad;
        refused(check(q), "image_uri", "media_uri");
    }
    q.image_uri.clear();
    refused(check(q), "image_uri", "required");
    q.image_uri = video;
    q.last_frame_uri = "frame.png";
    refused(check(q), "last_frame_uri", "media_uri");
}

TEST_CASE("lightricks audio-to-video: the models and sizes it takes, prompt or image") {
    lx::audio_to_video_request q;
    q.audio_uri = video;
    q.prompt = "waves";
    CHECK(check(q).empty()); // model defaults to ltx-2-3-pro
    q.model = model::ltx_2_3_fast;
    refused(check(q), "model", "combinations");
    q.model = model::ltx_2_5_pro;
    q.resolution = resolution::r1080x1920;
    CHECK(check(q).empty());
    q.resolution = resolution::r1280x720;
    refused(check(q), "resolution", "combinations");
    q.resolution.reset();
    q.prompt.reset();
    refused(check(q), "prompt", "at_least_one_of");
    q.image_uri = image;
    CHECK(check(q).empty());
    q.guidance_scale = 9.5;
    CHECK(check(q).empty());
    q.guidance_scale = std::numeric_limits<double>::infinity();
    refused(check(q), "guidance_scale", "range");
    CHECK(check(q)[0].message == "must be a finite number");
}

TEST_CASE("lightricks retake and extend: their number ranges, and ltx-2-3-pro only") {
    lx::retake_request r;
    r.video_uri = video;
    r.start_time = 0.0;
    r.duration = 2.0;
    CHECK(check(r).empty());
    r.start_time = -0.5;
    refused(check(r), "start_time", "range");
    CHECK(check(r)[0].message == "must be a finite number of at least 0");
    r.start_time = 1.5;
    r.duration = 1.99;
    refused(check(r), "duration", "range");
    r.duration = 2.5;
    r.model = model::ltx_2_5_pro;
    refused(check(r), "model", "combinations");
    r.model = model::ltx_2_3_pro;
    r.resolution = resolution::r2560x1440;
    refused(check(r), "resolution", "combinations");

    lx::extend_request e;
    e.video_uri = video;
    e.duration = 20.0;
    e.context = 20.0;
    CHECK(check(e).empty());
    e.duration = 20.5;
    refused(check(e), "duration", "range");
    CHECK(check(e)[0].message == "must be a finite number of at least 2 and at most 20");
    e.duration = 10.0;
    e.context = 0.0;
    refused(check(e), "context", "range");
    CHECK(check(e)[0].message == "must be a finite number above 0 and at most 20");
    e.context.reset();
    e.model = model::ltx_2_3_fast;
    refused(check(e), "model", "combinations");
    e = {};
    const auto v = check(e);
    REQUIRE(v.size() == 2);
    CHECK(v[0].path == "video_uri");
    CHECK(v[1].path == "duration");
}

TEST_CASE("lightricks reframe and hdr: required fields and the reframe sizes") {
    lx::reframe_request q;
    q.video_uri = video;
    auto v = check(q);
    REQUIRE(v.size() == 2);
    CHECK(v[0].path == "model");
    CHECK(v[1].path == "resolution");
    q.model = model::ltx_2_3_pro;
    q.resolution = lx::reframe_resolution::r1080x1350;
    CHECK(check(q).empty());
    CHECK(ltx::reflect::to_json(q) ==
          R"({"video_uri":")" + video + R"(","model":"ltx-2-3-pro","resolution":"1080x1350"})");
    q.model = model::ltx_2_3_fast;
    refused(check(q), "model", "combinations");
    lx::hdr_request h;
    refused(check(h), "video_uri", "required");
    h.video_uri = "https://videos.example.com/in.mp4";
    CHECK(check(h).empty());
}

TEST_CASE("lightricks answers: a job's status, an upload ticket, the error envelope") {
    const auto done = ltx::reflect::from_json<lx::job_status>(
        R"({"status":"completed","id":"a1","created_at":"2026-01-15T10:00:00.000Z",)"
        R"("completed_at":"2026-01-15T10:00:42.000Z","result":{"video_url":"https://s/v.mp4"}})");
    CHECK(done.status == "completed");
    REQUIRE(done.result);
    CHECK(done.result->video_url == "https://s/v.mp4");
    CHECK_FALSE(done.result->exr_frames_url);
    // A status a later server adds still decodes: a client reads it as still running.
    CHECK(ltx::reflect::from_json<lx::job_status>(
              R"({"status":"queued_for_review","id":"a1","created_at":"x"})")
              .status == "queued_for_review");
    const auto failed = ltx::reflect::from_json<lx::job_status>(
        R"({"status":"failed","id":"a1","created_at":"x","completed_at":"y",)"
        R"("error":{"type":"content_filtered_error","message":"blocked"}})");
    REQUIRE(failed.error);
    CHECK(failed.error->type == "content_filtered_error");

    const auto ticket = ltx::reflect::from_json<lx::upload_ticket>(
        R"({"upload_url":"https://storage.example/u?signature=s","storage_uri":"ltx://uploads/u1",)"
        R"("expires_at":"2026-01-15T11:00:00.000Z",)"
        R"("required_headers":{"x-goog-content-length-range":"0,104857600"}})");
    CHECK(ticket.required_headers.size() == 1);
    CHECK(ticket.required_headers.at("x-goog-content-length-range") == "0,104857600");

    const auto envelope = ltx::reflect::from_json<lx::error_envelope>(
        R"({"type":"error","error":{"type":"rate_limit_error","message":"Too many requests."}})");
    CHECK(envelope.type == "error");
    REQUIRE(envelope.error);
    CHECK(envelope.error->type == "rate_limit_error");

    lx::submitted_job job;
    ltx::reflect::json_error err;
    CHECK(ltx::reflect::read_json(R"({"id":"a1","created_at":"2026-01-15T10:00:00.000Z"})", job,
                                  err));
    CHECK(job.id == "a1");
}

} // namespace lightricks_models_test
