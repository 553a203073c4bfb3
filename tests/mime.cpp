// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/mime.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

using ltx::asset_type_of;
using ltx::detect_mime;
using ltx::mime_from_extension;
using ltx::sniff_mime;

namespace {

// Byte strings with embedded NULs need their length spelled out.
template <std::size_t N> constexpr std::string_view bytes(const char (&s)[N]) {
    return {s, N - 1};
}

struct sample {
    std::string_view name;
    std::string_view prefix; // the first bytes of a real file of that kind
    std::string_view mime;
};

const sample samples[] = {
    {"png", bytes("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"),
     "image/png"},
    {"jpeg jfif", bytes("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0"), "image/jpeg"},
    {"jpeg exif",
     bytes("\xFF\xD8\xFF\xE1\x1F\xFE"
           "Exif\0\0"),
     "image/jpeg"},
    {"gif87a", bytes("GIF87a\x01\0\x01\0\x80\0\0"), "image/gif"},
    {"gif89a", bytes("GIF89a\x01\0\x01\0\x80\0\0"), "image/gif"},
    {"webp", bytes("RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0"), "image/webp"},
    {"bmp", bytes("BM\x3A\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0"), "image/bmp"},
    {"bmp v5", bytes("BM\x8A\0\0\0\0\0\0\0\x8A\0\0\0\x7C\0\0\0"), "image/bmp"},
    {"tiff le", bytes("II*\0\x08\0\0\0"), "image/tiff"},
    {"tiff be", bytes("MM\0*\0\0\0\x08"), "image/tiff"},
    {"avif",
     bytes("\0\0\0\x1C"
           "ftypavif\0\0\0\0avifmif1miaf"),
     "image/avif"},
    {"avif under mif1",
     bytes("\0\0\0\x1C"
           "ftypmif1\0\0\0\0mif1avifmiaf"),
     "image/avif"},
    {"heic",
     bytes("\0\0\0\x18"
           "ftypheic\0\0\0\0mif1heic"),
     "image/heic"},
    {"heic under mif1",
     bytes("\0\0\0\x18"
           "ftypmif1\0\0\0\0mif1heic"),
     "image/heic"},
    {"heif",
     bytes("\0\0\0\x14"
           "ftypmif1\0\0\0\0mif1"),
     "image/heif"},
    {"mp4 isom",
     bytes("\0\0\0\x20"
           "ftypisom\0\0\x02\0isomiso2avc1mp41"),
     "video/mp4"},
    {"mp4 mp42",
     bytes("\0\0\0\x18"
           "ftypmp42\0\0\0\0mp42isom"),
     "video/mp4"},
    {"mp4 mp41",
     bytes("\0\0\0\x14"
           "ftypmp41\0\0\0\0mp41"),
     "video/mp4"},
    {"mp4 avc1",
     bytes("\0\0\0\x14"
           "ftypavc1\0\0\0\0avc1"),
     "video/mp4"},
    {"mp4 unknown major",
     bytes("\0\0\0\x18"
           "ftypXYZW\0\0\0\0XYZWisom"),
     "video/mp4"},
    {"m4v",
     bytes("\0\0\0\x1C"
           "ftypM4V \0\0\0\x01M4V M4A mp42"),
     "video/x-m4v"},
    {"mov",
     bytes("\0\0\0\x14"
           "ftypqt  \0\0\x02\0qt  "),
     "video/quicktime"},
    {"m4a",
     bytes("\0\0\0\x20"
           "ftypM4A \0\0\0\0M4A mp42isom\0\0\0\0"),
     "audio/mp4"},
    {"webm",
     bytes("\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\xF7\x81\x01\x42\xF2\x81\x04"
           "\x42\xF3\x81\x08\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02"),
     "video/webm"},
    {"mkv",
     bytes("\x1A\x45\xDF\xA3\xA3\x42\x86\x81\x01\x42\xF7\x81\x01\x42\xF2\x81\x04"
           "\x42\xF3\x81\x08\x42\x82\x88matroska\x42\x87\x81\x04\x42\x85\x81\x02"),
     "video/x-matroska"},
    // A two-byte size (0x4010 = 16) and an 8-byte size for DocType, both legal encodings.
    {"webm long vints",
     bytes("\x1A\x45\xDF\xA3\x40\x12\x42\x86\x81\x01"
           "\x42\x82\x01\0\0\0\0\0\0\x04webm"),
     "video/webm"},
    {"mp3 id3", bytes("ID3\x03\0\0\0\0\x0F\x76TIT2"), "audio/mpeg"},
    {"mp3 mpeg1 layer3", bytes("\xFF\xFB\x90\x64\0\0\0\0"), "audio/mpeg"},
    {"mp3 mpeg2 layer3", bytes("\xFF\xF3\x48\xC4\0\0\0\0"), "audio/mpeg"},
    {"aac adts", bytes("\xFF\xF1\x50\x80\x02\x1F\xFC"), "audio/aac"},
    {"wav", bytes("RIFF\x24\x08\0\0WAVEfmt \x10\0\0\0"), "audio/wav"},
    {"ogg", bytes("OggS\0\x02\0\0\0\0\0\0\0\0"), "audio/ogg"},
    {"flac", bytes("fLaC\0\0\0\x22\x10\0"), "audio/flac"},
    {"pdf", bytes("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), "application/pdf"},
};

const std::string_view unknown_prefixes[] = {
    "",
    "hello, world",
    "<!DOCTYPE html>",
    "{\"jobId\":1}",
    bytes("RIFF\x24\0\0\0AVI LIST"),                   // RIFF, but neither WebP nor WAVE
    bytes("BM\x3A\0\0\0\0\0\0\0\x36\0\0\0\x99\0\0\0"), // BM with no known DIB header size
    "BM",                                              // too short to check the DIB header
    bytes("\0\0\0\x14"
          "ftypXYZW\0\0\0\0ABCD"), // ftyp with no known brand
    bytes("\0\0\0\x08"
          "ftypisom\0\0\0\0"), // ftyp box too small to hold a brand
    bytes("\0\0\0\x14"
          "moovisom\0\0\0\0isom"), // another box first
    "\xFF\xFF\xFF\xFF",            // sync bits, but a bad bitrate index
    "\xFF\xFB\xF0\x64",            // bitrate index 1111 alone
    "\xFF\xEB\x90\x64",            // reserved MPEG version 01
    "\xFF\xE1\x90\x64",            // reserved layer 00 (not ADTS either)
    "\xFF\xFB\x9C\x64",            // reserved sampling rate index 11
    "\xFF\xF1\x3C\x80",            // ADTS with frequency index 15
    "\xFF\x00\x00",
    "GIF88a",
    "%PDF",
    "\x89PNG\r\n",
    "OggT",
};

std::string_view prefix_of(std::string_view name) {
    for (const auto& s : samples) {
        if (s.name == name) {
            return s.prefix;
        }
    }
    FAIL("no sample named " << name);
    return {};
}

bool is_sample_type(std::string_view mime) {
    for (const auto& s : samples) {
        if (s.mime == mime) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("sniff_mime recognises each format from its first bytes") {
    for (const auto& s : samples) {
        CAPTURE(s.name);
        CHECK(sniff_mime(s.prefix) == s.mime);
    }
}

TEST_CASE("sniff_mime returns nullopt for unknown content") {
    for (const auto p : unknown_prefixes) {
        CAPTURE(p);
        CHECK_FALSE(sniff_mime(p).has_value());
    }
}

TEST_CASE("sniff_mime reads only what it is given") {
    // Every prefix of every sample: no read past the end (the sanitizers watch, each prefix
    // in a heap buffer of its own size), and a result, when there is one, is a sample's type.
    int recognised = 0;
    for (const auto& s : samples) {
        for (std::size_t n = 0; n <= s.prefix.size(); ++n) {
            const auto copy = std::make_unique<char[]>(n + 1);
            s.prefix.copy(copy.get(), n);
            const auto got = sniff_mime({copy.get(), n});
            if (got) {
                CAPTURE(s.name);
                CAPTURE(n);
                CHECK(is_sample_type(*got));
                ++recognised;
            }
        }
        CHECK(sniff_mime(s.prefix.substr(0, 2)) == std::nullopt); // no signature is that short
    }
    CHECK(recognised > 0);
    // Truncated EBML headers still read as Matroska; the DocType needs all its bytes.
    const std::string_view webm = prefix_of("webm");
    CHECK(sniff_mime("\x1A\x45\xDF\xA3") == "video/x-matroska");
    CHECK(sniff_mime(webm.substr(0, 24)) == "video/x-matroska");
    CHECK(sniff_mime(webm.substr(0, 27)) == "video/x-matroska");
    CHECK(sniff_mime(webm.substr(0, 28)) == "video/webm");
}

TEST_CASE("sniff_mime looks at most at mime_sniff_length bytes") {
    // An ftyp box whose only known compatible brand lies beyond the limit.
    std::string big{bytes("\0\0\x04\0"
                          "ftypXYZW\0\0\0\0")};
    while (big.size() < ltx::mime_sniff_length) {
        big += "ABCD";
    }
    CHECK_FALSE(sniff_mime(big).has_value());
    big.replace(big.size() - 4, 4, "isom"); // the last brand inside the limit counts
    CHECK(sniff_mime(big) == "video/mp4");
    big.replace(big.size() - 4, 4, "ABCDisom");
    CHECK_FALSE(sniff_mime(big).has_value());
}

TEST_CASE("mime_from_extension maps names case-insensitively") {
    struct entry {
        std::string_view name;
        std::optional<std::string_view> mime;
    };
    const entry entries[] = {
        {"a.png", "image/png"},
        {"a.jpg", "image/jpeg"},
        {"a.JPEG", "image/jpeg"},
        {"a.webp", "image/webp"},
        {"a.gif", "image/gif"},
        {"a.bmp", "image/bmp"},
        {"a.tif", "image/tiff"},
        {"a.TIFF", "image/tiff"},
        {"a.avif", "image/avif"},
        {"a.HeIc", "image/heic"},
        {"a.heif", "image/heif"},
        {"a.mp4", "video/mp4"},
        {"a.m4v", "video/x-m4v"},
        {"a.MOV", "video/quicktime"},
        {"a.webm", "video/webm"},
        {"a.mkv", "video/x-matroska"},
        {"a.mp3", "audio/mpeg"},
        {"a.wav", "audio/wav"},
        {"a.ogg", "audio/ogg"},
        {"a.flac", "audio/flac"},
        {"a.m4a", "audio/mp4"},
        {"a.aac", "audio/aac"},
        {"a.PDF", "application/pdf"},
        {"/home/me/frames/start.PNG", "image/png"},
        {"C:\\clips\\final cut.Mov", "video/quicktime"},
        {"archive.tar.mp4", "video/mp4"},
        {"v1.2/clip", std::nullopt}, // the dot is in a directory name
        {"dir\\.png", std::nullopt}, // backslash separates too
        {"noext", std::nullopt},
        {"trailing.", std::nullopt},
        {".png", std::nullopt}, // a hidden file named ".png"
        {"dir/.mp4", std::nullopt},
        {"a.png.txt", std::nullopt},
        {"a.pn", std::nullopt},
        {"a.pngg", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& e : entries) {
        CAPTURE(e.name);
        CHECK(mime_from_extension(e.name) == e.mime);
    }
}

TEST_CASE("every sniffed type has an extension and a kind") {
    const std::string_view extensions[] = {"png",  "jpg",  "webp", "gif",  "bmp", "tif",  "avif",
                                           "heic", "heif", "mp4",  "m4v",  "mov", "webm", "mkv",
                                           "mp3",  "wav",  "ogg",  "flac", "m4a", "aac",  "pdf"};
    for (const auto& s : samples) {
        CAPTURE(s.name);
        bool named = false;
        for (const auto ext : extensions) {
            named = named || mime_from_extension("x." + std::string(ext)) == s.mime;
        }
        CHECK(named);
        const std::string_view top = s.mime.substr(0, s.mime.find('/'));
        CHECK(asset_type_of(s.mime) == (top == "application" ? std::string_view{"other"} : top));
    }
}

TEST_CASE("asset_type_of") {
    CHECK(asset_type_of("image/png") == "image");
    CHECK(asset_type_of("IMAGE/PNG") == "image");
    CHECK(asset_type_of("video/mp4") == "video");
    CHECK(asset_type_of("Video/QuickTime") == "video");
    CHECK(asset_type_of("audio/mpeg") == "audio");
    CHECK(asset_type_of("audio/wav; rate=44100") == "audio");
    CHECK(asset_type_of("application/pdf") == "other");
    CHECK(asset_type_of("application/octet-stream") == "other");
    CHECK(asset_type_of("text/image") == "other");
    CHECK(asset_type_of("images/png") == "other");
    CHECK(asset_type_of("image") == "other");
    CHECK(asset_type_of("image/") == "other");
    CHECK(asset_type_of(" image/png") == "other");
    CHECK(asset_type_of("") == "other");
}

TEST_CASE("detect_mime: content first, then the name, then octet-stream") {
    const std::string_view png = prefix_of("png");
    CHECK(detect_mime(png, "start.png") == "image/png");
    CHECK(detect_mime(prefix_of("mkv"), "clip.webm") == "video/x-matroska");
    CHECK(detect_mime(png, "start.jpg") == "image/png"); // misnamed: content wins
    CHECK(detect_mime(png, "") == "image/png");
    CHECK(detect_mime(prefix_of("mp4 isom"), "clip.mov") == "video/mp4");
    CHECK(detect_mime("not a known signature", "clip.MOV") == "video/quicktime");
    CHECK(detect_mime("", "voice.m4a") == "audio/mp4");
    CHECK(detect_mime("plain text", "notes.txt") == "application/octet-stream");
    CHECK(detect_mime("", "") == "application/octet-stream");
    CHECK(asset_type_of(detect_mime(png, "x")) == "image");
    CHECK(asset_type_of(detect_mime("", "x.flac")) == "audio");
    CHECK(asset_type_of(detect_mime("", "x")) == "other");
}
