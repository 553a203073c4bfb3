// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The JSON bodies of the API reference (api/ltxstudio-v1.md), written once for every test that
// reads them: the model round trips of tests/api/examples.cpp and the decoder comparison of
// tests/reflect/json_read_value.cpp.
#ifndef LTX_TESTS_REFERENCE_BODIES_HPP
#define LTX_TESTS_REFERENCE_BODIES_HPP

namespace ltx_test::reference {

/// The job model, with `type` set to one of the states its example lists as
/// `active|completed|failed`.
inline constexpr const char* job =
    R"({ "status": { "type": "completed", "progress": 100, "message": "...",
    "artifact": { "assetUrl": "https://...", "expirationDateString": "1748919477350",
      "asset": { "type": "artifact", "fileId": "asset:...-type:video/mp4", "mimeType": "video/mp4",
                 "artifactSubtype": "model-serving" } } },
  "jobId": "email:...:...-type:video", "generationId": "gen_...", "replyRef": "...", "replyUrl": "...",
  "code": 200 })";

/// The response of POST assets/: a signed asset.
inline constexpr const char* signed_asset =
    R"({ "assetUrl": "https://...", "expirationDateString": "1748919477350",
  "asset": { "type": "image", "fileId": "asset:...-type:image/png", "mimeType": "image/png" } })";

/// A page of GET assets/.
inline constexpr const char* asset_page =
    R"({ "items": [ { "id": "7a34b821-...", "jobId": "email:...-type:video",
    "signedAsset": { "assetUrl": "https://...", "expirationDateString": "1748919477350",
      "asset": { "type": "artifact", "fileId": "asset:...-type:video/mp4", "mimeType": "video/mp4",
                 "artifactSubtype": "model-serving" } },
    "relatedAssets": { "thumbnails": { "large": { "assetUrl": "https://...",
      "expirationDateString": "1748919477389",
      "asset": { "type": "image", "fileId": "...-thumbnail-large", "mimeType": "image/webp" } } } } } ],
  "meta": { "totalItems": 329, "itemCount": 3, "itemsPerPage": 3, "totalPages": 110, "currentPage": 1 } })";

/// The account model of GET accounts/{email}.
inline constexpr const char* account =
    R"({"email":"user@example.com","cookie":{"lt_token":"…secured…","lt_refresh_token":"…secured…"},)"
    R"("maxJobs":20,"updated":1748919477350,"updatedUTC":"2025-06-03T03:37:57.350Z",)"
    R"("tokenExpire":1748923077000,"tokenExpireUTC":"2025-06-03T04:37:57.000Z",)"
    R"("refreshTokenExpire":1751511477000,"refreshTokenExpireUTC":"2025-07-03T03:37:57.000Z",)"
    R"("balance":{"LTXStudio_token":1234.5},"latestCreatedAtMs":{"LTXStudio_token":1748919000000},)"
    R"("error":"..."})";

/// GET accounts: the accounts keyed by e-mail, without balance fields.
inline constexpr const char* account_map =
    R"({ "user@example.com": { "email": "user@example.com",
    "cookie": { "lt_id": "user12345", "lt_token": "…secured…", "lt_refresh_token": "…secured…" },
    "maxJobs": 20, "updatedUTC": "2025-06-03T12:13:14.000Z", "tokenExpireUTC": "2025-07-03T12:13:14.000Z" } })";

/// GET scheduler: the running jobs.
inline constexpr const char* scheduled_jobs =
    R"([ { "jobId": "email:user@example.com:7a34b821-...-type:image", "email": "user@example.com",
    "started": "2025-06-03T12:34:56.789Z", "elapsed": "03:45",
    "replyUrl": "https://example.com/webhook", "replyRef": "reference-id" } ])";

/// One of the error bodies (402).
inline constexpr const char* error_insufficient_credits =
    R"({"error": "Insufficient credits", "code": 402})";

/// POST videos/ltx-create with every field set, as ltx encodes it (member order of the model).
inline constexpr const char* create_request_all_fields =
    R"({"email":"me@example.com","prompt":"A serene landscape with flowing water",)"
    R"("startAssetId":"asset:0f1e2d3c-type:image/png",)"
    R"("endAssetId":"asset:9a8b-type:image/jpeg","model":"ltxv","duration":"5",)"
    R"("aspectRatio":"9:16","intensity":"high","seed":-42,"audioSFX":true,)"
    R"("pollForResult":20,"maxJobs":3,"replyUrl":"https://hooks.example.com/ltx",)"
    R"("replyRef":"order \"7\""})";

} // namespace ltx_test::reference

#endif
