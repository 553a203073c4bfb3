// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_MIME_HPP
#define LTX_MIME_HPP

#include <ltx/detail/config.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace ltx {

/// How many leading bytes of a file `sniff_mime` looks at, at most: read this many (or the
/// whole file when shorter) and pass them in. Bytes beyond it are ignored.
inline constexpr std::size_t mime_sniff_length = 512;

/// The media type of a file recognised from its first bytes (its "magic" signature), or
/// nullopt when none of the formats below matches.
///
/// | format | signature | result |
/// |---|---|---|
/// | PNG | `89 'PNG' 0D 0A 1A 0A` | `image/png` |
/// | JPEG | `FF D8 FF` | `image/jpeg` |
/// | GIF | `GIF87a`, `GIF89a` | `image/gif` |
/// | WebP | `RIFF` size `WEBP` | `image/webp` |
/// | BMP | `BM`, and a known DIB header size at offset 14 | `image/bmp` |
/// | TIFF | `II*\0`, `MM\0*` | `image/tiff` |
/// | ISO media | box `ftyp` at offset 4: major brand, else the first known compatible one | |
/// | | `avif`, `avis` | `image/avif` |
/// | | `heic`, `heix`, `heim`, `heis`, `hevc`, `hevx` | `image/heic` |
/// | | `mif1`, `msf1` (generic HEIF, when no compatible brand says AVIF or HEIC) | `image/heif` |
/// | | `isom`, `iso2`-`iso6`, `mp41`, `mp42`, `avc1`, `dash`, `mmp4` | `video/mp4` |
/// | | `M4V `, `M4VH`, `M4VP` | `video/x-m4v` |
/// | | `qt  ` | `video/quicktime` |
/// | | `M4A `, `M4B ` | `audio/mp4` |
/// | Matroska | EBML `1A 45 DF A3`; DocType `webm` / anything else | `video/webm` /
/// `video/x-matroska` | | MP3 | `ID3` tag, or a valid MPEG-1/2/2.5 audio frame header |
/// `audio/mpeg` | | AAC | ADTS frame header (`FFF` sync, layer 0) | `audio/aac` | | WAVE | `RIFF`
/// size `WAVE` | `audio/wav` | | Ogg | `OggS` | `audio/ogg` | | FLAC | `fLaC` | `audio/flac` | |
/// PDF | `%PDF-` | `application/pdf` |
///
/// The returned view refers to static storage.
LTX_DECL std::optional<std::string_view> sniff_mime(std::string_view first_bytes) noexcept;

/// The media type that the extension of `path_or_name` stands for, or nullopt when it has
/// none or an unknown one.
///
/// The extension is what follows the last `.` of the last path component (after the last `/`
/// or `\`), compared ignoring ASCII case: `.png` `.jpg` `.jpeg` `.webp` `.gif` `.bmp` `.tif`
/// `.tiff` `.avif` `.heic` `.heif` `.mp4` `.m4v` `.mov` `.webm` `.mkv` `.mp3` `.wav` `.ogg`
/// `.flac` `.m4a` `.aac` `.pdf`, mapped to the same types as `sniff_mime` returns. A name
/// whose only dot is its first character (`.png`, a hidden file) has no extension.
/// The returned view refers to static storage.
LTX_DECL std::optional<std::string_view>
mime_from_extension(std::string_view path_or_name) noexcept;

/// The kind of asset a media type describes, as the LTX Studio API names it: `"image"`,
/// `"video"`, `"audio"` or, for anything else (`application/pdf`, malformed input), `"other"`.
/// Only the top-level type counts, compared ignoring ASCII case; parameters are ignored.
LTX_DECL std::string_view asset_type_of(std::string_view mime) noexcept;

/// The media type to send with a file: `sniff_mime(first_bytes)` when the content is
/// recognised, otherwise `mime_from_extension(filename)`, otherwise
/// `"application/octet-stream"`. The content wins over the name because a misnamed file is
/// more common than a misleading signature. The returned view refers to static storage.
LTX_DECL std::string_view detect_mime(std::string_view first_bytes,
                                      std::string_view filename) noexcept;

} // namespace ltx

#ifdef LTX_HEADER_ONLY
#include <ltx/impl/mime.ipp>
#endif

#endif
