// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_IMPL_MIME_IPP
#define LTX_IMPL_MIME_IPP

#include <ltx/mime.hpp>

#include <ltx/detail/ascii.hpp>

#include <cstdint>

namespace ltx {

namespace detail::mime_impl {

constexpr std::string_view image_heif = "image/heif";

constexpr unsigned char byte_at(std::string_view s, std::size_t i) noexcept {
    return static_cast<unsigned char>(s[i]);
}

constexpr bool starts_with_at(std::string_view s, std::size_t offset,
                              std::string_view magic) noexcept {
    return s.size() >= offset + magic.size() && s.substr(offset, magic.size()) == magic;
}

constexpr std::optional<std::string_view> brand_type(std::string_view brand) noexcept {
    struct entry {
        std::string_view brand;
        std::string_view mime;
    };
    // Brands grouped by the media type they give; clang-format would reflow them into columns.
    // clang-format off
    constexpr entry table[] = {
        {"avif", "image/avif"}, {"avis", "image/avif"},
        {"heic", "image/heic"}, {"heix", "image/heic"}, {"heim", "image/heic"},
        {"heis", "image/heic"}, {"hevc", "image/heic"}, {"hevx", "image/heic"},
        {"mif1", image_heif},   {"msf1", image_heif},
        {"isom", "video/mp4"},  {"iso2", "video/mp4"},  {"iso3", "video/mp4"},
        {"iso4", "video/mp4"},  {"iso5", "video/mp4"},  {"iso6", "video/mp4"},
        {"mp41", "video/mp4"},  {"mp42", "video/mp4"},  {"avc1", "video/mp4"},
        {"dash", "video/mp4"},  {"mmp4", "video/mp4"},
        {"M4V ", "video/x-m4v"}, {"M4VH", "video/x-m4v"}, {"M4VP", "video/x-m4v"},
        {"qt  ", "video/quicktime"},
        {"M4A ", "audio/mp4"},  {"M4B ", "audio/mp4"},
    };
    // clang-format on
    for (const auto& e : table) {
        if (e.brand == brand) {
            return e.mime;
        }
    }
    return std::nullopt;
}

// ISO base media file: a leading `ftyp` box lists a major brand, a minor version, then
// compatible brands up to the box's end. Generic HEIF brands defer to a compatible brand
// naming the codec (AVIF, HEIC), since `mif1` leads most such files.
inline std::optional<std::string_view> sniff_ftyp(std::string_view s) noexcept {
    if (!starts_with_at(s, 4, "ftyp") || s.size() < 12) {
        return std::nullopt;
    }
    const std::uint32_t box_size = std::uint32_t{byte_at(s, 0)} << 24 |
                                   std::uint32_t{byte_at(s, 1)} << 16 |
                                   std::uint32_t{byte_at(s, 2)} << 8 | std::uint32_t{byte_at(s, 3)};
    if (box_size < 16) {
        return std::nullopt;
    }
    std::optional<std::string_view> found = brand_type(s.substr(8, 4));
    if (found && *found != image_heif) {
        return found;
    }
    const std::size_t end = box_size < s.size() ? box_size : s.size();
    for (std::size_t at = 16; at + 4 <= end; at += 4) {
        const auto t = brand_type(s.substr(at, 4));
        if (!t || *t == image_heif) {
            found = found ? found : t;
        } else if (found != image_heif || t->substr(0, 6) == "image/") {
            return t;
        }
    }
    return found;
}

// EBML variable-length integer at s[at]; `keep_marker` for element IDs, which keep it.
inline bool read_vint(std::string_view s, std::size_t& at, bool keep_marker,
                      std::uint64_t& out) noexcept {
    if (at >= s.size()) {
        return false;
    }
    const unsigned first = byte_at(s, at);
    std::size_t length = 1;
    while (length <= 8 && (first & (0x100u >> length)) == 0) {
        ++length;
    }
    if (length > 8 || at + length > s.size()) {
        return false;
    }
    out = keep_marker ? first : first & ((0x100u >> length) - 1);
    for (std::size_t i = 1; i < length; ++i) {
        out = out << 8 | byte_at(s, at + i);
    }
    at += length;
    return true;
}

// Walks the elements of the EBML header for DocType (ID 0x4282). Anything that cannot be
// read (truncated input, unknown sizes) leaves the generic Matroska answer.
inline std::string_view sniff_ebml(std::string_view s) noexcept {
    constexpr std::string_view matroska = "video/x-matroska";
    std::size_t at = 4;
    std::uint64_t header_size = 0;
    if (!read_vint(s, at, false, header_size)) {
        return matroska;
    }
    const std::size_t end = header_size < s.size() - at ? at + header_size : s.size();
    while (at < end) {
        std::uint64_t id = 0;
        std::uint64_t size = 0;
        if (!read_vint(s, at, true, id) || !read_vint(s, at, false, size) || size > end - at) {
            return matroska;
        }
        if (id == 0x4282) {
            return s.substr(at, size) == "webm" ? "video/webm" : matroska;
        }
        at += size;
    }
    return matroska;
}

inline std::optional<std::string_view> sniff_mpeg_audio(std::string_view s) noexcept {
    if (s.size() < 3 || byte_at(s, 0) != 0xFF) {
        return std::nullopt;
    }
    const unsigned b1 = byte_at(s, 1);
    const unsigned b2 = byte_at(s, 2);
    // ADTS: 12 sync bits, layer 00, a defined sampling frequency index (0-12).
    if ((b1 & 0xF6) == 0xF0) {
        return (b2 >> 2 & 0xF) <= 12 ? std::optional<std::string_view>{"audio/aac"} : std::nullopt;
    }
    // MPEG audio: 11 sync bits, version not reserved (01), layer not reserved (00), bitrate
    // index not 1111, sampling rate index not 11. Checking all of them keeps random bytes
    // starting with FF from passing as MP3.
    const bool ok = (b1 & 0xE0) == 0xE0 && (b1 >> 3 & 3) != 1 && (b1 >> 1 & 3) != 0 &&
                    (b2 >> 4) != 0xF && (b2 >> 2 & 3) != 3;
    return ok ? std::optional<std::string_view>{"audio/mpeg"} : std::nullopt;
}

inline bool is_bmp(std::string_view s) noexcept {
    if (!starts_with_at(s, 0, "BM") || s.size() < 18) {
        return false;
    }
    const std::uint32_t dib = std::uint32_t{byte_at(s, 14)} | std::uint32_t{byte_at(s, 15)} << 8 |
                              std::uint32_t{byte_at(s, 16)} << 16 |
                              std::uint32_t{byte_at(s, 17)} << 24;
    for (const std::uint32_t known : {12u, 16u, 40u, 52u, 56u, 64u, 108u, 124u}) {
        if (dib == known) {
            return true;
        }
    }
    return false;
}

} // namespace detail::mime_impl

LTX_DECL std::optional<std::string_view> sniff_mime(std::string_view s) noexcept {
    using namespace detail::mime_impl;
    s = s.substr(0, mime_sniff_length);
    struct signature {
        std::size_t offset;
        std::string_view magic;
        std::string_view mime;
    };
    static constexpr signature simple[] = {
        {0, "\x89PNG\r\n\x1A\n", "image/png"},
        {0, "\xFF\xD8\xFF", "image/jpeg"},
        {0, "GIF87a", "image/gif"},
        {0, "GIF89a", "image/gif"},
        {0, {"II*\0", 4}, "image/tiff"},
        {0, {"MM\0*", 4}, "image/tiff"},
        {0, {"II+\0", 4}, "image/tiff"}, // BigTIFF
        {0, {"MM\0+", 4}, "image/tiff"},
        {0, "ID3", "audio/mpeg"},
        {0, "OggS", "audio/ogg"},
        {0, "fLaC", "audio/flac"},
        {0, "%PDF-", "application/pdf"},
        {0, "\x1A\x45\xDF\xA3", ""}, // EBML: the DocType decides
    };
    for (const auto& sig : simple) {
        if (starts_with_at(s, sig.offset, sig.magic)) {
            return sig.mime.empty() ? sniff_ebml(s) : sig.mime;
        }
    }
    if (starts_with_at(s, 0, "RIFF")) {
        if (starts_with_at(s, 8, "WEBP")) {
            return "image/webp";
        }
        if (starts_with_at(s, 8, "WAVE")) {
            return "audio/wav";
        }
        return std::nullopt;
    }
    if (is_bmp(s)) {
        return "image/bmp";
    }
    if (auto t = sniff_ftyp(s)) {
        return t;
    }
    return sniff_mpeg_audio(s);
}

LTX_DECL std::optional<std::string_view>
mime_from_extension(std::string_view path_or_name) noexcept {
    const std::size_t slash = path_or_name.find_last_of("/\\");
    const std::string_view name =
        slash == std::string_view::npos ? path_or_name : path_or_name.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
        return std::nullopt;
    }
    const std::string_view ext = name.substr(dot + 1);
    struct entry {
        std::string_view ext;
        std::string_view mime;
    };
    static constexpr entry table[] = {
        {"png", "image/png"},        {"jpg", "image/jpeg"},      {"jpeg", "image/jpeg"},
        {"webp", "image/webp"},      {"gif", "image/gif"},       {"bmp", "image/bmp"},
        {"tif", "image/tiff"},       {"tiff", "image/tiff"},     {"avif", "image/avif"},
        {"heic", "image/heic"},      {"heif", "image/heif"},     {"mp4", "video/mp4"},
        {"m4v", "video/x-m4v"},      {"mov", "video/quicktime"}, {"webm", "video/webm"},
        {"mkv", "video/x-matroska"}, {"mp3", "audio/mpeg"},      {"wav", "audio/wav"},
        {"ogg", "audio/ogg"},        {"flac", "audio/flac"},     {"m4a", "audio/mp4"},
        {"aac", "audio/aac"},        {"pdf", "application/pdf"},
    };
    for (const auto& e : table) {
        if (ltx::detail::iequals(e.ext, ext)) {
            return e.mime;
        }
    }
    return std::nullopt;
}

LTX_DECL std::string_view asset_type_of(std::string_view mime) noexcept {
    const std::size_t slash = mime.find('/');
    if (slash == std::string_view::npos || slash + 1 == mime.size()) {
        return "other";
    }
    const std::string_view type = mime.substr(0, slash);
    for (const std::string_view kind : {"image", "video", "audio"}) {
        if (ltx::detail::iequals(type, kind)) {
            return kind;
        }
    }
    return "other";
}

LTX_DECL std::string_view detect_mime(std::string_view first_bytes,
                                      std::string_view filename) noexcept {
    if (const auto sniffed = sniff_mime(first_bytes)) {
        return *sniffed;
    }
    if (const auto named = mime_from_extension(filename)) {
        return *named;
    }
    return "application/octet-stream";
}

} // namespace ltx

#endif
