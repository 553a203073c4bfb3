// The simulator's artifacts match the request: a video of the requested duration and aspect
// ratio, an image of the requested aspect ratio, an upscale twice the size.
#include "support.hpp"

#include <boost/describe/enum.hpp>
#include <boost/mp11/algorithm.hpp>

#include <png.h>

#include <filesystem>
#include <random>
#include <memory>

using namespace sim_test;
using ltx::sim::frame_aspect;
using ltx::sim::frame_size;

namespace {

// Every value of a described enum, as its wire text.
template <class E> std::vector<std::string> wire_values() {
    std::vector<std::string> out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto d) { out.emplace_back(*ltx::reflect::to_wire(d.value)); });
    return out;
}

// The width and height libpng reads from `bytes`, and whether it decoded every pixel.
struct decoded {
    bool ok = false;
    frame_size size;
};
decoded read_png(const std::string& bytes) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
        return {};
    image.format = PNG_FORMAT_RGB;
    std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
    const bool ok = png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) != 0;
    png_image_free(&image);
    return {ok, {image.width, image.height}};
}

} // namespace

TEST_CASE("ltx-sim artifacts: a video fixture for every duration and aspect ratio of "
          "ltx-create and veo-create, under 2 MB in all") {
    const auto dir = test_options().fixtures_dir;
    for (const auto& d : wire_values<ltx::duration>())
        for (const auto& a : wire_values<ltx::aspect_ratio>()) {
            CAPTURE(d);
            CAPTURE(a);
            const auto name = ltx::sim::video_fixture_name(std::stoul(d), ltx::sim::aspect_of(a));
            CHECK(std::filesystem::is_regular_file(dir / name));
        }
    // veo-create's lengths (its aspect ratios are among ltx-create's).
    for (const auto& d : wire_values<ltx::veo_duration>())
        for (const auto a : {frame_aspect::landscape, frame_aspect::portrait}) {
            CAPTURE(d);
            CHECK(std::filesystem::is_regular_file(dir /
                                                   ltx::sim::video_fixture_name(std::stoul(d), a)));
        }
    std::uintmax_t total = 0;
    for (const auto& e : std::filesystem::directory_iterator{dir})
        if (e.is_regular_file())
            total += e.file_size();
    CHECK(total < 2'000'000);
    CHECK(total > 100'000); // the videos are there
}

TEST_CASE("ltx-sim artifacts: the frame of each aspect ratio") {
    CHECK(ltx::sim::aspect_of("16:9") == frame_aspect::landscape);
    CHECK(ltx::sim::aspect_of("9:16") == frame_aspect::portrait);
    CHECK(ltx::sim::aspect_of("1:1") == frame_aspect::square);
    CHECK(ltx::sim::aspect_of("") == frame_aspect::landscape);
    CHECK(ltx::sim::video_size(frame_aspect::landscape) == frame_size{160, 90});
    CHECK(ltx::sim::video_size(frame_aspect::portrait) == frame_size{90, 160});
    CHECK(ltx::sim::video_size(frame_aspect::square) == frame_size{90, 90});
    CHECK(ltx::sim::image_size(frame_aspect::landscape) == frame_size{320, 180});
    CHECK(ltx::sim::image_size(frame_aspect::portrait, 1) == frame_size{360, 640});
    CHECK(ltx::sim::image_size(frame_aspect::square, 2) == frame_size{720, 720});
    CHECK(ltx::sim::video_fixture_name(15, frame_aspect::portrait) == "video-15s-90x160.mp4");
}

TEST_CASE("ltx-sim artifacts: encode_png makes a PNG of the size asked, which libpng reads") {
    for (const auto size :
         {frame_size{320, 180}, frame_size{180, 320}, frame_size{1, 1}, frame_size{640, 360}}) {
        CAPTURE(size.width);
        CAPTURE(size.height);
        const auto png = ltx::sim::encode_png(size);
        CHECK(ltx::sim::png_size(png) == size);
        const auto back = read_png(png);
        CHECK(back.ok);
        CHECK(back.size == size);
        CHECK(ltx::sim::encode_png(size) == png); // deterministic
    }
    CHECK_FALSE(ltx::sim::png_size("GIF89a and more than twenty-four bytes"));
    CHECK_FALSE(ltx::sim::png_size(std::string{"\x89PNG\r\n\x1a\n", 8}));
}

TEST_CASE("ltx-sim artifacts: a video job's MP4 is the one of its duration and aspect ratio") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    const auto file_id = upload_png(c);
    struct shape {
        ltx::duration d;
        ltx::aspect_ratio a;
        unsigned seconds;
        frame_aspect frame;
    };
    for (const auto& s :
         {shape{ltx::duration::s7, ltx::aspect_ratio::portrait_9_16, 7, frame_aspect::portrait},
          shape{ltx::duration::s15, ltx::aspect_ratio::square_1_1, 15, frame_aspect::square},
          shape{ltx::duration::s5, ltx::aspect_ratio::landscape_16_9, 5,
                frame_aspect::landscape}}) {
        CAPTURE(s.seconds);
        auto req = create_req(file_id);
        req.duration = s.d;
        req.aspectRatio = s.a;
        const auto created = c.post("/videos/ltx-create", ltx::reflect::to_json(req));
        REQUIRE(created.result_int() == 200);
        const auto id = *decode<ltx::job>(created).jobId;
        c.get(job_target(id)); // completed, once without its URL
        const auto done = decode<ltx::job>(c.get(job_target(id)));
        const auto url = ltx::artifact_url(done);
        REQUIRE(url);
        client storage{sim->storage_port(), ""};
        const auto mp4 = storage.get(path_of(*url));
        REQUIRE(mp4.result_int() == 200);
        CHECK(mp4.body() == video_fixture(s.seconds, s.frame));
        CHECK(mp4.body() != video_fixture());
    }
}

TEST_CASE("ltx-sim artifacts: a job's shape survives a restart from --state-dir") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("ltx-sim-artifacts-" + std::to_string(std::random_device{}()));
    auto o = test_options();
    o.state_dir = dir;
    std::string id;
    {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        auto req = create_req(upload_png(c));
        req.duration = ltx::duration::s9;
        req.aspectRatio = ltx::aspect_ratio::square_1_1;
        const auto created = c.post("/videos/ltx-create", ltx::reflect::to_json(req));
        REQUIRE(created.result_int() == 200);
        id = *decode<ltx::job>(created).jobId;
    }
    {
        ltx::sim::background_server sim{o};
        client c{sim->api_port()};
        c.get(job_target(id)); // completed, once without its URL
        const auto url = ltx::artifact_url(decode<ltx::job>(c.get(job_target(id))));
        REQUIRE(url);
        client storage{sim->storage_port(), ""};
        CHECK(storage.get(path_of(*url)).body() == video_fixture(9, frame_aspect::square));
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("ltx-sim artifacts: an image job's PNG has the requested aspect ratio, an upscale "
          "twice its source's width and height, a Veo video its duration and aspect ratio") {
    ltx::sim::background_server sim{test_options()};
    client c{sim->api_port()};
    client storage{sim->storage_port(), ""};
    // The artifact of a created job, once done.
    const auto artifact = [&](const response& created) {
        INFO(created.body());
        REQUIRE(created.result_int() == 200);
        const auto done = done_job(c, decode<ltx::created_job>(created).jobId);
        const auto url = ltx::artifact_url(done);
        REQUIRE(url);
        const auto got = storage.get(path_of(*url));
        REQUIRE(got.result_int() == 200);
        return std::pair{decode<ltx::created_job>(created).jobId, got.body()};
    };
    const auto [portrait, portrait_png] =
        artifact(c.post("/images/create", R"({"prompt":"A door","aspectRatio":"9:16"})"));
    CHECK(ltx::sim::png_size(portrait_png) == frame_size{180, 320});
    CHECK(read_png(portrait_png).size == frame_size{180, 320});
    const auto [up1, up1_png] =
        artifact(c.post("/images/upscale", R"({"jobId":")" + portrait + R"("})"));
    CHECK(ltx::sim::png_size(up1_png) == frame_size{360, 640});
    const auto [up2, up2_png] =
        artifact(c.post("/images/upscale", R"({"jobId":")" + up1 + R"("})"));
    CHECK(ltx::sim::png_size(up2_png) == frame_size{720, 1280});
    CHECK(read_png(up2_png).ok);

    const auto [square, square_png] =
        artifact(c.post("/images/create", R"({"prompt":"A door","aspectRatio":"1:1"})"));
    CHECK(ltx::sim::png_size(square_png) == frame_size{180, 180});
    // nano-banana takes no aspectRatio: the default, 16:9.
    const auto [edited, edited_png] =
        artifact(c.post("/images/edit", R"({"prompt":"Blue","model":"nano-banana",)"
                                        R"("referenceAssetId":")" +
                                            upload_png(c) + R"("})"));
    CHECK(ltx::sim::png_size(edited_png) == frame_size{320, 180});

    const auto [veo, veo_mp4] = artifact(
        c.post("/videos/veo-create", R"({"prompt":"Waves","duration":"6","aspectRatio":"9:16",)"
                                     R"("startAssetId":")" +
                                         upload_png(c) + R"("})"));
    CHECK(veo_mp4 == video_fixture(6, frame_aspect::portrait));
    // veo3's only length, 8 s, in its only aspect ratio.
    const auto [veo3, veo3_mp4] =
        artifact(c.post("/videos/veo-create", R"({"prompt":"Waves","model":"veo3"})"));
    CHECK(veo3_mp4 == video_fixture(8, frame_aspect::landscape));
}
