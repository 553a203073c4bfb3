// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Assets: `GET assets/{jobId}` (a job's status), `POST assets/` (upload) and `GET assets/`
// (the account's assets, paginated).
#ifndef LTX_API_ASSETS_HPP
#define LTX_API_ASSETS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/job.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ltx {

/// `GET assets/{jobId}` and `DELETE scheduler/{jobId}`: the job id travels percent-encoded in
/// the path.
struct get_job_request {
    /// The job id from `ltx-create`. Required, non-empty.
    std::string jobId{};
};
BOOST_DESCRIBE_STRUCT(get_job_request, (), (jobId))
constexpr auto ltx_schema(reflect::tag<get_job_request>) {
    return reflect::schema(reflect::field<&get_job_request::jobId>(reflect::rules::required));
}

/// How an uploaded image will be used: `image` as a frame of `videos/ltx-create`,
/// `reference-image` as a reference of `videos/veo-create` and the image endpoints. Every
/// generator accepts an image uploaded as either.
enum class upload_type { image, reference_image };
BOOST_DESCRIBE_ENUM(upload_type, image, reference_image)
constexpr auto ltx_wire_names(reflect::tag<upload_type>) {
    return reflect::enum_names<upload_type>(
        {{upload_type::image, "image"}, {upload_type::reference_image, "reference-image"}});
}

/// The query of `POST assets/`; the file itself is the raw request body.
struct upload_asset_request {
    /// The LTX Studio account; required when several accounts are configured.
    std::optional<std::string> email{};
    /// How the image will be used; default `image`.
    std::optional<upload_type> type{};
};
BOOST_DESCRIBE_STRUCT(upload_asset_request, (), (email, type))
constexpr auto ltx_schema(reflect::tag<upload_asset_request>) {
    namespace r = reflect::rules;
    using R = upload_asset_request;
    return reflect::schema(
        reflect::field<&R::email>(r::email),
        reflect::field<&R::type>(r::defaults_to<upload_type>{upload_type::image}));
}

/// What an upload sends besides its query: checked before any byte leaves.
struct upload_content {
    /// The file's MIME type, sent as Content-Type. Required.
    std::string mimeType{};
    /// The body's size in bytes; an empty body is refused.
    std::uint64_t size = 0;
};
BOOST_DESCRIBE_STRUCT(upload_content, (), (mimeType, size))
constexpr auto ltx_schema(reflect::tag<upload_content>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&upload_content::mimeType>(r::required, r::mime_type),
                           reflect::field<&upload_content::size>(r::range{1}));
}

/// The asset an upload stored.
struct stored_asset {
    /// The asset id, `asset:<id>-type:<mime type>`: pass it as `startAssetId` or
    /// `endAssetId`. Required: an answer without it fails as `errc::unexpected_response`.
    std::string fileId{};
    /// `image` for an upload of `type` `image`, ... (an open set).
    std::optional<std::string> type{};
    /// The MIME type the upload was stored with.
    std::optional<std::string> mimeType{};
};
BOOST_DESCRIBE_STRUCT(stored_asset, (), (fileId, type, mimeType))

/// The response of `POST assets/`: the stored asset and a signed URL to it. The `asset`
/// member and its `fileId` are required, so `uploaded.asset.fileId` needs no check.
struct upload_asset_response {
    /// The signed URL of the file. It needs no API token: never send the token there.
    std::optional<std::string> assetUrl{};
    /// When `assetUrl` expires: milliseconds since the epoch, as a decimal string.
    std::optional<std::string> expirationDateString{};
    /// The stored asset.
    stored_asset asset{};
};
BOOST_DESCRIBE_STRUCT(upload_asset_response, (), (assetUrl, expirationDateString, asset))

/// Which assets `GET assets/` lists.
enum class asset_filter { images, videos, audio, other };
BOOST_DESCRIBE_ENUM(asset_filter, images, videos, audio, other)

/// The query of `GET assets/`.
struct list_assets_request {
    /// The LTX Studio account; required when several accounts are configured.
    std::optional<std::string> email{};
    /// The page, from 1 (the default).
    std::optional<int> page{};
    /// Items per page, 1-100; default 20.
    std::optional<int> limit{};
    /// Only this kind of asset; default all.
    std::optional<asset_filter> filter{};
};
BOOST_DESCRIBE_STRUCT(list_assets_request, (), (email, page, limit, filter))
constexpr auto ltx_schema(reflect::tag<list_assets_request>) {
    namespace r = reflect::rules;
    using R = list_assets_request;
    return reflect::schema(reflect::field<&R::email>(r::email),
                           reflect::field<&R::page>(r::range{1}, r::defaults_to<int>{1}),
                           reflect::field<&R::limit>(r::range{1, 100}, r::defaults_to<int>{20}));
}

/// Assets derived from a listed asset.
struct related_assets {
    /// Thumbnails by size name (`large`, ...).
    std::optional<std::map<std::string, signed_asset>> thumbnails{};
};
BOOST_DESCRIBE_STRUCT(related_assets, (), (thumbnails))

/// One entry of an asset page.
struct asset_item {
    std::optional<std::string> id{};
    /// The job that produced the asset, for generated videos.
    std::optional<std::string> jobId{};
    std::optional<signed_asset> signedAsset{};
    std::optional<ltx::related_assets> relatedAssets{};
};
BOOST_DESCRIBE_STRUCT(asset_item, (), (id, jobId, signedAsset, relatedAssets))

/// Pagination of an asset page.
struct page_meta {
    std::optional<std::int64_t> totalItems{};
    std::optional<std::int64_t> itemCount{};
    std::optional<std::int64_t> itemsPerPage{};
    std::optional<std::int64_t> totalPages{};
    std::optional<std::int64_t> currentPage{};
};
BOOST_DESCRIBE_STRUCT(page_meta, (), (totalItems, itemCount, itemsPerPage, totalPages, currentPage))

/// The response of `GET assets/`.
struct asset_page {
    std::optional<std::vector<asset_item>> items{};
    std::optional<page_meta> meta{};
};
BOOST_DESCRIBE_STRUCT(asset_page, (), (items, meta))

} // namespace ltx

#endif
