// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Models shared by several endpoints of the LTX Studio API v1: assets, signed asset URLs, the
// empty request and answer, and the error body. Members keep the wire names. Every member of a
// response model is optional: the API documents no field as always present.
#ifndef LTX_API_COMMON_HPP
#define LTX_API_COMMON_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <variant>

namespace ltx {

/// A stored file: an uploaded image or a generated artifact.
struct asset {
    /// `image`, `video`, `audio`, `artifact`, ... (an open set).
    std::optional<std::string> type{};
    /// The asset id, `asset:<uuid>-type:<mime type>`; pass it as `startAssetId`/`endAssetId`.
    std::optional<std::string> fileId{};
    /// The MIME type, such as `image/png` or `video/mp4`.
    std::optional<std::string> mimeType{};
    /// For artifacts, how they were made (`model-serving`).
    std::optional<std::string> artifactSubtype{};
};
BOOST_DESCRIBE_STRUCT(asset, (), (type, fileId, mimeType, artifactSubtype))

/// An asset with a signed download URL that stops working after `expirationDateString`.
struct signed_asset {
    /// The signed URL of the file. It needs no API token: never send the token there.
    std::optional<std::string> assetUrl{};
    /// When `assetUrl` expires: milliseconds since the epoch, as a decimal string.
    std::optional<std::string> expirationDateString{};
    /// The asset itself.
    std::optional<ltx::asset> asset{};
};
BOOST_DESCRIBE_STRUCT(signed_asset, (), (assetUrl, expirationDateString, asset))

/// The request of an endpoint that takes no parameters (`GET accounts`, `GET scheduler`).
struct no_parameters {};
BOOST_DESCRIBE_STRUCT(no_parameters, (), ())

/// The answer of an endpoint that answers `204 No Content`: nothing. The decoder reads it
/// from an empty body and skips whatever a body holds (see `reflect::read_json`).
using no_content = std::monostate;

/// The body of every error response: `{"error": "...", "code": 400}`.
struct error_body {
    /// The server's explanation.
    std::optional<std::string> error{};
    /// The HTTP status, repeated.
    std::optional<int> code{};
};
BOOST_DESCRIBE_STRUCT(error_body, (), (error, code))

} // namespace ltx

#endif
