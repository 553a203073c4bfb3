// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The artifacts of simulated jobs, shaped by the request. A video job's MP4 lasts the requested
// duration and has the requested aspect ratio: one committed fixture per duration and aspect
// ratio (`fixtures/make-fixtures.sh` makes them with ffmpeg, about 380 KB in all). An image
// job's PNG has the requested aspect ratio and is made at run time with libpng, so an upscale
// can double any size.
#ifndef LTX_SIM_ARTIFACTS_HPP
#define LTX_SIM_ARTIFACTS_HPP

#include <png.h>

#include <csetjmp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ltx::sim {

/// The aspect ratios of the reference (`aspectRatio`), in the order a job record stores them.
enum class frame_aspect : std::uint8_t {
    landscape = 0, ///< `16:9`, the default
    portrait = 1,  ///< `9:16`
    square = 2,    ///< `1:1`
};

/// The aspect ratio a request's `aspectRatio` names (its wire text); `16:9` when absent.
inline frame_aspect aspect_of(std::string_view wire) noexcept {
    if (wire == "9:16")
        return frame_aspect::portrait;
    if (wire == "1:1")
        return frame_aspect::square;
    return frame_aspect::landscape;
}

/// A frame's size in pixels.
struct frame_size {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    friend bool operator==(const frame_size&, const frame_size&) = default;
};

/// The frame of the video fixtures: 160x90, 90x160 or 90x90.
inline frame_size video_size(frame_aspect a) noexcept {
    switch (a) {
    case frame_aspect::portrait:
        return {90, 160};
    case frame_aspect::square:
        return {90, 90};
    case frame_aspect::landscape:
        break;
    }
    return {160, 90};
}

/// An image job's size: 320x180, 180x320 or 180x180, doubled in both directions by each
/// upscale (capped at 8 upscales, beyond any real chain).
inline frame_size image_size(frame_aspect a, unsigned upscales = 0) noexcept {
    auto s = video_size(a);
    const unsigned shift = 1 + (upscales < 8 ? upscales : 8);
    return {s.width << shift, s.height << shift};
}

/// The fixture of a video of `seconds` seconds in aspect ratio `a`: `video-5s-160x90.mp4`.
inline std::string video_fixture_name(unsigned seconds, frame_aspect a) {
    const auto s = video_size(a);
    return "video-" + std::to_string(seconds) + "s-" + std::to_string(s.width) + "x" +
           std::to_string(s.height) + ".mp4";
}

/// A PNG of `size`, 8-bit RGB: a gradient with a diagonal band, so a viewer shows the frame's
/// orientation. Deterministic.
/// @throws std::runtime_error when libpng fails (out of memory).
inline std::string encode_png(frame_size size) {
    struct writer {
        png_structp png = nullptr;
        png_infop info = nullptr;
        ~writer() { png_destroy_write_struct(&png, &info); }
    } w;
    w.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!w.png)
        throw std::runtime_error("ltx-sim: cannot make a PNG");
    w.info = png_create_info_struct(w.png);
    if (!w.info)
        throw std::runtime_error("ltx-sim: cannot make a PNG");
    std::string out;
    std::string row(std::size_t{size.width} * 3, '\0');
    // libpng reports its errors by longjmp: nothing with a destructor is created below.
    if (setjmp(png_jmpbuf(w.png)))
        throw std::runtime_error("ltx-sim: cannot make a PNG");
    png_set_write_fn(
        w.png, &out,
        [](png_structp p, png_bytep data, png_size_t n) {
            static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), n);
        },
        [](png_structp) {});
    png_set_IHDR(w.png, w.info, size.width, size.height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(w.png, w.info);
    for (std::uint32_t y = 0; y < size.height; ++y) {
        for (std::uint32_t x = 0; x < size.width; ++x) {
            auto* px = reinterpret_cast<unsigned char*>(row.data()) + std::size_t{x} * 3;
            const bool band = (x + y) % 32 < 4;
            px[0] = static_cast<unsigned char>(band ? 255 : x * 255 / size.width);
            px[1] = static_cast<unsigned char>(band ? 255 : y * 255 / size.height);
            px[2] = static_cast<unsigned char>(band ? 255 : 128);
        }
        png_write_row(w.png, reinterpret_cast<png_const_bytep>(row.data()));
    }
    png_write_end(w.png, nullptr);
    return out;
}

/// The width and height a PNG's header states, or nothing when `bytes` is not a PNG.
inline std::optional<frame_size> png_size(std::string_view bytes) noexcept {
    if (bytes.size() < 24 || bytes.substr(0, 8) != "\x89PNG\r\n\x1a\n" ||
        bytes.substr(12, 4) != "IHDR")
        return std::nullopt;
    const auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i)
            v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
        return v;
    };
    return frame_size{be32(16), be32(20)};
}

namespace detail {

/// The file `name` of the fixtures directory `dir`, read whole.
/// @throws std::runtime_error when it cannot be read.
inline std::shared_ptr<const std::string> read_fixture(const std::filesystem::path& dir,
                                                       const char* name) {
    const auto path = dir / name;
    std::ifstream f{path, std::ios::binary};
    if (!f)
        throw std::runtime_error("ltx-sim: cannot read " + path.string() +
                                 " (point --fixtures at the directory holding it)");
    return std::make_shared<const std::string>(std::istreambuf_iterator<char>{f},
                                               std::istreambuf_iterator<char>{});
}

} // namespace detail

/// The artifacts the storage listener serves: the video fixtures, read once at start, and the
/// PNGs, made on first use and kept.
class artifact_set {
public:
    /// Reads every `video-*.mp4` of `dir`.
    /// @throws std::runtime_error when `dir` holds none.
    explicit artifact_set(const std::filesystem::path& dir) {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator{dir, ec}) {
            const auto name = e.path().filename().string();
            if (!name.starts_with("video-") || !name.ends_with(".mp4"))
                continue;
            videos_.emplace(name, detail::read_fixture(dir, name.c_str()));
        }
        if (videos_.empty())
            throw std::runtime_error("ltx-sim: no video-*.mp4 in " + dir.string() +
                                     " (point --fixtures at the directory holding them)");
    }

    /// The video of `seconds` seconds in aspect ratio `a`, or null when no fixture has that
    /// shape.
    std::shared_ptr<const std::string> video(unsigned seconds, frame_aspect a) const {
        const auto it = videos_.find(video_fixture_name(seconds, a));
        return it == videos_.end() ? nullptr : it->second;
    }

    /// A PNG of `size`. Thread-safe.
    std::shared_ptr<const std::string> image(frame_size size) {
        const std::uint64_t key = std::uint64_t{size.width} << 32 | size.height;
        std::lock_guard lock{mutex_};
        auto& slot = images_[key];
        if (!slot)
            slot = std::make_shared<const std::string>(encode_png(size));
        return slot;
    }

private:
    std::map<std::string, std::shared_ptr<const std::string>, std::less<>> videos_;
    std::mutex mutex_;
    std::map<std::uint64_t, std::shared_ptr<const std::string>> images_;
};

} // namespace ltx::sim

#endif
