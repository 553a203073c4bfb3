// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of MIME sniffing (libFuzzer): property checks, as there is no reference sniffer.
// The input is a file's first bytes; it is also read as a file name.
//  1. `sniff_mime` is deterministic and answers one of the types its table lists;
//  2. it looks at `mime_sniff_length` bytes at most: the input cut there, or with more bytes
//     appended beyond it, gives the same answer;
//  3. a type decided by a leading signature (PNG, JPEG, GIF, TIFF, ID3, Ogg, FLAC, PDF, RIFF
//     WebP and WAVE, BMP) stays when bytes are appended: a prefix that already has it gives
//     the whole input's answer. MPEG/ADTS frames, ISO media and Matroska are not so decided
//     (a later box or element can say more), and are not checked;
//  4. `detect_mime` is the sniffed type, else the extension's, else
//     `application/octet-stream`; `asset_type_of` of every type is its top-level type
//     (`other` for `application/...`), whatever the case;
//  5. `mime_from_extension` ignores the directory and the case of the name.
#include "fuzz_support.hpp"

#include <ltx/mime.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace ltx_fuzz;

constexpr std::string_view known[] = {
    "image/png",  "image/jpeg", "image/gif",        "image/webp", "image/bmp",   "image/tiff",
    "image/avif", "image/heic", "image/heif",       "video/mp4",  "video/x-m4v", "video/quicktime",
    "audio/mp4",  "video/webm", "video/x-matroska", "audio/mpeg", "audio/aac",   "audio/wav",
    "audio/ogg",  "audio/flac", "application/pdf"};

constexpr std::string_view by_signature[] = {
    "image/png",  "image/jpeg",      "image/gif",  "image/tiff", "audio/ogg",
    "audio/flac", "application/pdf", "image/webp", "audio/wav",  "image/bmp"};

template <std::size_t N> bool in(const std::string_view (&list)[N], std::string_view s) {
    return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

std::string upper(std::string_view s) {
    std::string u{s};
    for (auto& c : u) {
        c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return u;
}

void check_asset_type(std::string_view mime) {
    const auto slash = mime.find('/');
    const std::string_view top = mime.substr(0, slash);
    const std::string_view want =
        top == "image" || top == "video" || top == "audio" ? top : "other";
    expect(ltx::asset_type_of(mime) == want, "asset_type_of", mime);
    expect(ltx::asset_type_of(upper(mime)) == want, "asset_type_of depends on case", mime);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = as_text(data, size);
    const auto sniffed = ltx::sniff_mime(input);
    expect(sniffed == ltx::sniff_mime(std::string{input}), "sniff_mime is not deterministic");
    if (sniffed) {
        expect(in(known, *sniffed), "sniff_mime answers a type outside its table", *sniffed);
        check_asset_type(*sniffed);
    }

    // 2. Nothing past mime_sniff_length counts.
    expect(sniffed == ltx::sniff_mime(input.substr(0, ltx::mime_sniff_length)),
           "bytes past mime_sniff_length change the answer");
    if (size >= ltx::mime_sniff_length) {
        expect(sniffed == ltx::sniff_mime(std::string{input} + "\x1A\x45\xDF\xA3"
                                                               "ftypisom"),
               "bytes appended past mime_sniff_length change the answer");
    }

    // 3. A leading signature, once matched, decides.
    for (std::size_t n = 0; n <= std::min(size, std::size_t{32}); ++n) {
        const auto early = ltx::sniff_mime(input.substr(0, n));
        if (early && in(by_signature, *early)) {
            expect(early == sniffed, "appending bytes changes a signature's answer",
                   input.substr(0, n));
            break;
        }
    }

    // 4, 5. The input as a file name.
    const auto by_name = ltx::mime_from_extension(input);
    if (by_name) {
        expect(in(known, *by_name), "an extension's type is unknown", *by_name);
        check_asset_type(*by_name);
    }
    expect(by_name == ltx::mime_from_extension(upper(input)), "mime_from_extension depends on case",
           input);
    expect(by_name == ltx::mime_from_extension("dir.png/" + std::string{input}) ||
               input.find_first_of("/\\") != std::string_view::npos,
           "mime_from_extension looks at the directory", input);
    const auto detected = ltx::detect_mime(input, input);
    expect(detected == (sniffed   ? *sniffed
                        : by_name ? *by_name
                                  : "application/octet-stream"),
           "detect_mime is not sniff, else extension, else octet-stream", detected);
    check_asset_type(detected);
    return 0;
}
