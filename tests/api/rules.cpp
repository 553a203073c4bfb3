// Every rule of the reference's validation summary: one accepted and one rejected case at
// least, each rejection checked for its path and rule.
#include <ltx/ltx.hpp>

#include <ltx/http/url.hpp> // parse_url, the URL grammar replyUrl is checked against

#include <doctest/doctest.h>

#include <cstddef>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct expect_rule {
    std::string path;
    std::string rule;
};

template <class T>
void check_case(const T& base, const std::function<void(T&)>& edit,
                const std::optional<expect_rule>& expected) {
    T value = base;
    edit(value);
    const auto v = ltx::reflect::validate(value);
    if (!expected) {
        for (const auto& x : v)
            CAPTURE(ltx::reflect::to_string(x));
        CHECK(v.empty());
        return;
    }
    REQUIRE(v.size() == 1);
    CHECK(v[0].path == expected->path);
    CHECK(v[0].rule == expected->rule);
    CHECK_FALSE(v[0].message.empty());
}

ltx::ltx_create_request valid_create() {
    ltx::ltx_create_request r;
    r.prompt = "A serene landscape with flowing water";
    r.startAssetId = "asset:0f1e2d3c-type:image/png";
    return r;
}

using create_edit = std::function<void(ltx::ltx_create_request&)>;
const std::optional<expect_rule> accepted = std::nullopt;

} // namespace

TEST_CASE("ltx-create: prompt is required, 1-2000 Unicode characters, valid UTF-8") {
    const auto base = valid_create();
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.prompt = "x"; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.prompt.clear(); }, expect_rule{"prompt", "required"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.prompt = std::string(2000, 'a'); }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.prompt = std::string(2001, 'a'); }, expect_rule{"prompt", "length"});
    std::string emoji;
    for (int i = 0; i < 2000; ++i)
        emoji += "\xF0\x9F\x8E\xAC"; // 🎬, 4 bytes: 8000 bytes, 2000 characters
    check_case<ltx::ltx_create_request>(
        base, [&](auto& r) { r.prompt = emoji; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [&](auto& r) { r.prompt = emoji + "\xF0\x9F\x8E\xAC"; },
        expect_rule{"prompt", "length"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.prompt = "ok \xF0\x9F\x8E"; }, expect_rule{"prompt", "utf8"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.prompt = "overlong \xC0\xAF"; }, expect_rule{"prompt", "utf8"});
}

TEST_CASE("ltx-create: at least one of startAssetId, endAssetId, each non-empty") {
    const auto base = valid_create();
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.startAssetId.reset(), r.endAssetId = "asset:x-type:image/png"; },
        accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.endAssetId = "asset:y"; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.startAssetId.reset(); },
        expect_rule{"startAssetId", "at_least_one_of"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.startAssetId = ""; }, expect_rule{"startAssetId", "not_empty"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.endAssetId = ""; }, expect_rule{"endAssetId", "not_empty"});
}

TEST_CASE("ltx-create: closed value sets") {
    const auto base = valid_create();
    check_case<ltx::ltx_create_request>(
        base,
        [](auto& r) {
            r.model = ltx::model::ltxv;
            r.duration = ltx::duration::s30;
            r.aspectRatio = ltx::aspect_ratio::square_1_1;
            r.intensity = ltx::intensity::high;
        },
        accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.model = ltx::model{7}; }, expect_rule{"model", "enum"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.duration = ltx::duration{7}; }, expect_rule{"duration", "enum"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.aspectRatio = ltx::aspect_ratio{3}; },
        expect_rule{"aspectRatio", "enum"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.intensity = ltx::intensity{3}; }, expect_rule{"intensity", "enum"});
    // The wire names, and that a wire string outside the set does not decode.
    CHECK(ltx::reflect::to_wire(ltx::duration::s15) == "15");
    CHECK(ltx::reflect::to_wire(ltx::aspect_ratio::portrait_9_16) == "9:16");
    CHECK(ltx::reflect::to_wire(ltx::model::ltxv_turbo) == "ltxv-turbo");
    for (const char* bad : {R"("duration":"4")", R"("duration":5)", R"("model":"ltxv2")",
                            R"("aspectRatio":"4:3")", R"("intensity":"extreme")"}) {
        CAPTURE(bad);
        ltx::ltx_create_request r;
        ltx::reflect::json_error err;
        CHECK_FALSE(ltx::reflect::read_json(
            std::string{R"({"prompt":"p","startAssetId":"a",)"} + bad + "}", r, err));
    }
}

TEST_CASE("ltx-create: seed is any integer, audioSFX a boolean (by type and on decode)") {
    const auto base = valid_create();
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.seed = -9223372036854775807LL, r.audioSFX = true; }, accepted);
    ltx::ltx_create_request r;
    ltx::reflect::json_error err;
    CHECK_FALSE(ltx::reflect::read_json(R"({"prompt":"p","seed":"12"})", r, err));
    CHECK(err.path == "seed");
    CHECK_FALSE(ltx::reflect::read_json(R"({"prompt":"p","audioSFX":"yes"})", r, err));
    CHECK(err.path == "audioSFX");
}

TEST_CASE("ltx-create: pollForResult 1-20, maxJobs 1-100") {
    const auto base = valid_create();
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.pollForResult = 1; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.pollForResult = 20; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.pollForResult = 0; }, expect_rule{"pollForResult", "range"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.pollForResult = 21; }, expect_rule{"pollForResult", "range"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.maxJobs = 100; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.maxJobs = 0; }, expect_rule{"maxJobs", "range"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.maxJobs = 101; }, expect_rule{"maxJobs", "range"});
}

TEST_CASE("ltx-create: replyUrl absolute http(s), email syntax") {
    const auto base = valid_create();
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.replyUrl = "https://hooks.example.com/ltx?x=1"; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.replyUrl = "/relative"; }, expect_rule{"replyUrl", "url"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.replyUrl = "ftp://x.example/"; }, expect_rule{"replyUrl", "url"});
    // The client's URL grammar: no userinfo, and an empty port is the default one.
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.replyUrl = "https://user@hooks.example.com/"; },
        expect_rule{"replyUrl", "url"});
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.replyUrl = "https://hooks.example.com:/ltx"; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.email = "me@example.com"; }, accepted);
    check_case<ltx::ltx_create_request>(
        base, [](auto& r) { r.email = "me-at-example.com"; }, expect_rule{"email", "email"});
}

TEST_CASE("replyUrl: validation accepts exactly the URLs http::parse_url accepts") {
    constexpr std::string_view alphabet{"hHtTpPsS:/[]@.?#-_~%09az;=!$&'()*+,^\" \x7f\x01"};
    const std::string_view seeds[] = {"https://example.com/hook", "http://[::1]:9000/x?y#z",
                                      "HTTP://user:pw@host:65535", "https://a.b.c:1/",
                                      "http://127.0.0.1:8080/a%20b?c=d"};
    std::mt19937 rng{20261203};
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    auto base = valid_create();
    int accepted_urls = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string url;
        if (i % 2) {
            url.resize(rng() % 25);
            for (auto& c : url)
                c = alphabet[pick(rng)];
        } else {
            // A valid URL with a few random edits, so that the search stays near the boundary.
            url = seeds[i / 2 % std::size(seeds)];
            for (auto n = 1 + rng() % 3; n > 0; --n) {
                const auto at = rng() % (url.size() + 1);
                switch (rng() % 3) {
                case 0:
                    url.insert(url.begin() + static_cast<std::ptrdiff_t>(at), alphabet[pick(rng)]);
                    break;
                case 1:
                    if (at < url.size())
                        url.erase(at, 1);
                    break;
                default:
                    if (at < url.size())
                        url[at] = alphabet[pick(rng)];
                }
            }
        }
        INFO("url: " << url);
        base.replyUrl = url;
        const bool valid = ltx::reflect::validate(base).empty();
        REQUIRE(valid == ltx::http::parse_url(url).has_value());
        accepted_urls += valid;
    }
    // Both answers occur often, so the comparison covers accepting and refusing paths.
    CHECK(accepted_urls > 1000);
    CHECK(accepted_urls < 19000);
}

TEST_CASE("POST assets: Content-Type a MIME type, body non-empty, email syntax") {
    const ltx::upload_content ok{"image/png", 10};
    check_case<ltx::upload_content>(
        ok, [](auto&) {}, accepted);
    check_case<ltx::upload_content>(
        ok, [](auto& c) { c.mimeType.clear(); }, expect_rule{"mimeType", "required"});
    check_case<ltx::upload_content>(
        ok, [](auto& c) { c.mimeType = "png"; }, expect_rule{"mimeType", "mime_type"});
    check_case<ltx::upload_content>(
        ok, [](auto& c) { c.size = 0; }, expect_rule{"size", "range"});
    const ltx::upload_asset_request q{"me@example.com", ltx::upload_type::image};
    check_case<ltx::upload_asset_request>(
        q, [](auto&) {}, accepted);
    check_case<ltx::upload_asset_request>(
        q, [](auto& r) { r.type = ltx::upload_type::reference_image; }, accepted);
    check_case<ltx::upload_asset_request>(
        q, [](auto& r) { r.type = ltx::upload_type{5}; }, expect_rule{"type", "enum"});
    CHECK(ltx::reflect::to_wire(ltx::upload_type::reference_image) == "reference-image");
    static_assert(ltx::reflect::default_of<&ltx::upload_asset_request::type>() ==
                  ltx::upload_type::image);
    check_case<ltx::upload_asset_request>(
        q, [](auto& r) { r.email = "nope"; }, expect_rule{"email", "email"});
}

TEST_CASE("GET assets: page >= 1, limit 1-100, filter a closed set") {
    const ltx::list_assets_request base{};
    check_case<ltx::list_assets_request>(
        base, [](auto& r) { r.page = 1, r.limit = 1, r.filter = ltx::asset_filter::other; },
        accepted);
    check_case<ltx::list_assets_request>(
        base, [](auto& r) { r.limit = 100; }, accepted);
    check_case<ltx::list_assets_request>(
        base, [](auto& r) { r.limit = 101; }, expect_rule{"limit", "range"});
    check_case<ltx::list_assets_request>(
        base, [](auto& r) { r.page = 0; }, expect_rule{"page", "range"});
    check_case<ltx::list_assets_request>(
        base, [](auto& r) { r.limit = 0; }, expect_rule{"limit", "range"});
    check_case<ltx::list_assets_request>(
        base, [](auto& r) { r.filter = ltx::asset_filter{9}; }, expect_rule{"filter", "enum"});
}

TEST_CASE("GET assets/{jobId}: required, non-empty, percent-encoded in the path") {
    const ltx::get_job_request ok{"email:user@example.com:123e4567-type:video"};
    check_case<ltx::get_job_request>(
        ok, [](auto&) {}, accepted);
    check_case<ltx::get_job_request>(
        ok, [](auto& r) { r.jobId.clear(); }, expect_rule{"jobId", "required"});
    CHECK(ltx::request_target<ltx::endpoints::get_job>(ok) ==
          "assets/email%3Auser%40example.com%3A123e4567-type%3Avideo");
}

TEST_CASE("POST accounts: cookie holds lt_token and lt_refresh_token, maxJobs 1-100") {
    const ltx::account_request ok{"lt_token=abc; lt_refresh_token=def", 20};
    check_case<ltx::account_request>(
        ok, [](auto&) {}, accepted);
    check_case<ltx::account_request>(
        ok, [](auto& r) { r.cookie.clear(); }, expect_rule{"cookie", "required"});
    check_case<ltx::account_request>(
        ok, [](auto& r) { r.cookie = "lt_token=abc"; }, expect_rule{"cookie", "contains"});
    check_case<ltx::account_request>(
        ok, [](auto& r) { r.maxJobs = 0; }, expect_rule{"maxJobs", "range"});
    check_case<ltx::account_request>(
        ok, [](auto& r) { r.maxJobs = 101; }, expect_rule{"maxJobs", "range"});
    // The cookie is a credential: no message may repeat it.
    ltx::account_request bad{"lt_token=SECRET-COOKIE", 0};
    for (const auto& v : ltx::reflect::validate(bad))
        CHECK(ltx::reflect::to_string(v).find("SECRET") == std::string::npos);
}

TEST_CASE("GET accounts/{email}: required, e-mail syntax") {
    const ltx::get_account_request ok{"me@example.com"};
    check_case<ltx::get_account_request>(
        ok, [](auto&) {}, accepted);
    check_case<ltx::get_account_request>(
        ok, [](auto& r) { r.email.clear(); }, expect_rule{"email", "required"});
    check_case<ltx::get_account_request>(
        ok, [](auto& r) { r.email = "me@"; }, expect_rule{"email", "email"});
    CHECK(ltx::request_target<ltx::endpoints::get_account>(ok) == "accounts/me%40example.com");
}

TEST_CASE("veo-create: startAssetId required for veo2, prompt at most 2000 characters") {
    using R = ltx::veo_create_request;
    const R base{.startAssetId = "asset:s-type:image/png"};
    check_case<R>(
        base, [](auto&) {}, accepted);
    check_case<R>(
        base, [](auto& r) { r.startAssetId.reset(); },
        expect_rule{"startAssetId", "required_when"});
    check_case<R>(
        base, [](auto& r) { r.startAssetId.reset(), r.model = ltx::veo_model::veo2; },
        expect_rule{"startAssetId", "required_when"});
    check_case<R>(
        base, [](auto& r) { r.startAssetId.reset(), r.model = ltx::veo_model::veo3; }, accepted);
    check_case<R>(
        base, [](auto& r) { r.startAssetId.reset(), r.model = ltx::veo_model::veo3_fast; },
        accepted);
    check_case<R>(
        base, [](auto& r) { r.startAssetId = ""; }, expect_rule{"startAssetId", "not_empty"});
    check_case<R>(
        base, [](auto& r) { r.prompt = std::string(2000, 'a'); }, accepted);
    check_case<R>(
        base, [](auto& r) { r.prompt = std::string(2001, 'a'); }, expect_rule{"prompt", "length"});
    check_case<R>(
        base, [](auto& r) { r.model = ltx::veo_model{9}; }, expect_rule{"model", "enum"});
    const auto v = ltx::reflect::validate(R{});
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "is required when model is veo2");
}

TEST_CASE("veo-create: duration, aspectRatio and resolution per model") {
    using R = ltx::veo_create_request;
    const R base{.startAssetId = "asset:s-type:image/png"};
    for (auto d : {ltx::veo_duration::s5, ltx::veo_duration::s6, ltx::veo_duration::s7,
                   ltx::veo_duration::s8})
        check_case<R>(
            base, [&](auto& r) { r.duration = d; }, accepted);
    check_case<R>(
        base, [](auto& r) { r.model = ltx::veo_model::veo3, r.duration = ltx::veo_duration::s8; },
        accepted);
    check_case<R>(
        base, [](auto& r) { r.model = ltx::veo_model::veo3, r.duration = ltx::veo_duration::s5; },
        expect_rule{"duration", "one_of_when"});
    check_case<R>(
        base,
        [](auto& r) { r.model = ltx::veo_model::veo3_fast, r.duration = ltx::veo_duration::s7; },
        expect_rule{"duration", "one_of_when"});
    check_case<R>(
        base, [](auto& r) { r.duration = ltx::veo_duration{9}; }, expect_rule{"duration", "enum"});
    check_case<R>(
        base, [](auto& r) { r.aspectRatio = ltx::aspect_ratio::portrait_9_16; }, accepted);
    check_case<R>(
        base, [](auto& r) { r.aspectRatio = ltx::aspect_ratio::square_1_1; },
        expect_rule{"aspectRatio", "one_of_when"});
    check_case<R>(
        base,
        [](auto& r) {
            r.model = ltx::veo_model::veo3;
            r.aspectRatio = ltx::aspect_ratio::landscape_16_9;
        },
        accepted);
    check_case<R>(
        base,
        [](auto& r) {
            r.model = ltx::veo_model::veo3;
            r.aspectRatio = ltx::aspect_ratio::portrait_9_16;
        },
        expect_rule{"aspectRatio", "one_of_when"});
    check_case<R>(
        base,
        [](auto& r) {
            r.model = ltx::veo_model::veo3_fast;
            r.resolution = ltx::resolution::p720;
        },
        accepted);
    check_case<R>(
        base,
        [](auto& r) { r.model = ltx::veo_model::veo3, r.resolution = ltx::resolution::p1080; },
        accepted);
    check_case<R>(
        base, [](auto& r) { r.resolution = ltx::resolution::p720; },
        expect_rule{"resolution", "absent_when"});
    check_case<R>(
        base,
        [](auto& r) { r.model = ltx::veo_model::veo2, r.resolution = ltx::resolution::p1080; },
        expect_rule{"resolution", "absent_when"});
    R bad = base;
    bad.model = ltx::veo_model::veo3;
    bad.duration = ltx::veo_duration::s6;
    const auto v = ltx::reflect::validate(bad);
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "must be one of 8 when model is veo3");
    CHECK(ltx::reflect::to_wire(ltx::veo_model::veo3_fast) == "veo3-fast");
    CHECK(ltx::reflect::to_wire(ltx::resolution::p1080) == "1080p");
}

TEST_CASE("generators: pollForResult 1-20, maxJobs 1-100, replyUrl an http(s) URL") {
    const auto check_jobs = []<class R>(const R& base) {
        check_case<R>(
            base,
            [](auto& r) {
                r.pollForResult = 20, r.maxJobs = 100, r.replyUrl = "https://h.example/x",
                r.replyRef = "ref";
            },
            accepted);
        check_case<R>(
            base, [](auto& r) { r.pollForResult = 0; }, expect_rule{"pollForResult", "range"});
        check_case<R>(
            base, [](auto& r) { r.pollForResult = 21; }, expect_rule{"pollForResult", "range"});
        check_case<R>(
            base, [](auto& r) { r.maxJobs = 101; }, expect_rule{"maxJobs", "range"});
        check_case<R>(
            base, [](auto& r) { r.replyUrl = "ftp://h/x"; }, expect_rule{"replyUrl", "url"});
        check_case<R>(
            base, [](auto& r) { r.email = "no-at"; }, expect_rule{"email", "email"});
    };
    check_jobs(ltx::veo_create_request{.startAssetId = "asset:s"});
    check_jobs(ltx::image_create_request{.prompt = "p"});
    check_jobs(ltx::image_edit_request{.prompt = "p", .referenceAssetId = "asset:r"});
    check_jobs(ltx::image_upscale_request{.jobId = "email:a@b.c:1-type:image"});
}

TEST_CASE("images/create: prompt, closed sets, the flux-only fields") {
    using R = ltx::image_create_request;
    const R base{.prompt = "a red fox"};
    check_case<R>(
        base, [](auto&) {}, accepted);
    check_case<R>(
        base, [](auto& r) { r.prompt.clear(); }, expect_rule{"prompt", "required"});
    check_case<R>(
        base, [](auto& r) { r.prompt = std::string(2001, 'a'); }, expect_rule{"prompt", "length"});
    check_case<R>(
        base,
        [](auto& r) {
            r.model = ltx::image_model::flux, r.referenceAssetId = "asset:r",
            r.reference_strength = 100, r.style = ltx::image_style::cartoon_3d;
        },
        accepted);
    check_case<R>(
        base, [](auto& r) { r.reference_strength = 0; }, accepted);
    check_case<R>(
        base, [](auto& r) { r.reference_strength = 101; },
        expect_rule{"reference_strength", "range"});
    check_case<R>(
        base, [](auto& r) { r.reference_strength = -1; },
        expect_rule{"reference_strength", "range"});
    check_case<R>(
        base, [](auto& r) { r.referenceAssetId = ""; },
        expect_rule{"referenceAssetId", "not_empty"});
    check_case<R>(
        base, [](auto& r) { r.style = ltx::image_style{40}; }, expect_rule{"style", "enum"});
    check_case<R>(
        base, [](auto& r) { r.model = ltx::image_model{3}; }, expect_rule{"model", "enum"});
    check_case<R>(
        base, [](auto& r) { r.aspectRatio = ltx::aspect_ratio::square_1_1; }, accepted);
    check_case<R>(
        base, [](auto& r) { r.aspectRatio = ltx::aspect_ratio{3}; },
        expect_rule{"aspectRatio", "enum"});
    for (auto m : {ltx::image_model::flux_premium, ltx::image_model::nano_banana}) {
        CAPTURE(*ltx::reflect::to_wire(m));
        check_case<R>(
            base, [&](auto& r) { r.model = m; }, accepted);
        check_case<R>(
            base, [&](auto& r) { r.model = m, r.referenceAssetId = "asset:r"; },
            expect_rule{"referenceAssetId", "absent_when"});
        check_case<R>(
            base, [&](auto& r) { r.model = m, r.reference_strength = 50; },
            expect_rule{"reference_strength", "absent_when"});
        check_case<R>(
            base, [&](auto& r) { r.model = m, r.style = ltx::image_style::base; },
            expect_rule{"style", "absent_when"});
    }
    for (auto m :
         {ltx::image_model::flux, ltx::image_model::flux_premium, ltx::image_model::nano_banana}) {
        check_case<R>(
            base, [&](auto& r) { r.model = m, r.referenceAssetId2 = "asset:r2"; },
            expect_rule{"referenceAssetId2", "absent_when"});
        check_case<R>(
            base, [&](auto& r) { r.model = m, r.referenceAssetId3 = "asset:r3"; },
            expect_rule{"referenceAssetId3", "absent_when"});
    }
    check_case<R>(
        base, [](auto& r) { r.referenceAssetId2 = "asset:r2"; },
        expect_rule{"referenceAssetId2", "absent_when"});
    CHECK(ltx::reflect::to_wire(ltx::image_style::novel_2d) == "2d_novel");
    CHECK(ltx::reflect::to_wire(ltx::image_model::nano_banana) == "nano-banana");
    static_assert(ltx::reflect::default_of<&R::reference_strength>() == 50);
    static_assert(ltx::reflect::default_of<&R::style>() == ltx::image_style::base);
    static_assert(ltx::reflect::default_of<&R::model>() == ltx::image_model::flux);
}

TEST_CASE("images/create, images/edit: scene texts at most 2000 characters, shotAngle") {
    const auto check_scene = []<class R>(const R& base) {
        check_case<R>(
            base,
            [](auto& r) {
                r.location = std::string(2000, 'l'), r.weather = "rain", r.lighting = "low",
                r.shotType = "close-up", r.shotAngle = ltx::shot_angle::birds_eye_view, r.seed = -7;
            },
            accepted);
        check_case<R>(
            base, [](auto& r) { r.location = std::string(2001, 'l'); },
            expect_rule{"location", "length"});
        check_case<R>(
            base, [](auto& r) { r.weather = std::string(2001, 'w'); },
            expect_rule{"weather", "length"});
        check_case<R>(
            base, [](auto& r) { r.lighting = std::string(2001, 'x'); },
            expect_rule{"lighting", "length"});
        check_case<R>(
            base, [](auto& r) { r.shotAngle = ltx::shot_angle{8}; },
            expect_rule{"shotAngle", "enum"});
    };
    check_scene(ltx::image_create_request{.prompt = "p"});
    check_scene(ltx::image_edit_request{.prompt = "p", .referenceAssetId = "asset:r"});
    CHECK(ltx::reflect::to_wire(ltx::shot_angle::over_the_shoulder) == "over-the-shoulder");
}

TEST_CASE("images/edit: referenceAssetId required, referenceAssetId3 and aspectRatio per model") {
    using R = ltx::image_edit_request;
    const R base{.prompt = "make it night", .referenceAssetId = "asset:r"};
    check_case<R>(
        base, [](auto&) {}, accepted);
    check_case<R>(
        base, [](auto& r) { r.prompt.clear(); }, expect_rule{"prompt", "required"});
    check_case<R>(
        base, [](auto& r) { r.referenceAssetId.clear(); },
        expect_rule{"referenceAssetId", "required"});
    check_case<R>(
        base, [](auto& r) { r.referenceAssetId2 = "asset:r2"; }, accepted);
    check_case<R>(
        base, [](auto& r) { r.referenceAssetId2 = ""; },
        expect_rule{"referenceAssetId2", "not_empty"});
    check_case<R>(
        base, [](auto& r) { r.referenceAssetId3 = "asset:r3"; },
        expect_rule{"referenceAssetId3", "absent_when"});
    check_case<R>(
        base, [](auto& r) { r.model = ltx::image_model::flux, r.referenceAssetId3 = "asset:r3"; },
        expect_rule{"referenceAssetId3", "absent_when"});
    check_case<R>(
        base,
        [](auto& r) { r.model = ltx::image_model::flux_premium, r.referenceAssetId3 = "asset:r3"; },
        accepted);
    check_case<R>(
        base,
        [](auto& r) { r.model = ltx::image_model::nano_banana, r.referenceAssetId3 = "asset:r3"; },
        accepted);
    check_case<R>(
        base, [](auto& r) { r.aspectRatio = ltx::aspect_ratio::portrait_9_16; }, accepted);
    check_case<R>(
        base,
        [](auto& r) {
            r.model = ltx::image_model::nano_banana;
            r.aspectRatio = ltx::aspect_ratio::landscape_16_9;
        },
        expect_rule{"aspectRatio", "absent_when"});
    R bad = base;
    bad.model = ltx::image_model::nano_banana;
    bad.aspectRatio = ltx::aspect_ratio::square_1_1;
    const auto v = ltx::reflect::validate(bad);
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "is not taken when model is nano-banana");
}

TEST_CASE("images/upscale: jobId required") {
    using R = ltx::image_upscale_request;
    const R base{.jobId = "email:me@example.com:1-type:image"};
    check_case<R>(
        base, [](auto&) {}, accepted);
    check_case<R>(
        base, [](auto& r) { r.jobId.clear(); }, expect_rule{"jobId", "required"});
}

TEST_CASE("documented defaults are readable from the schema") {
    using R = ltx::ltx_create_request;
    static_assert(ltx::reflect::default_of<&R::model>() == ltx::model::ltxv_turbo);
    static_assert(ltx::reflect::default_of<&R::duration>() == ltx::duration::s3);
    static_assert(ltx::reflect::default_of<&R::aspectRatio>() == ltx::aspect_ratio::landscape_16_9);
    static_assert(ltx::reflect::default_of<&R::intensity>() == ltx::intensity::medium);
    static_assert(ltx::reflect::default_of<&R::audioSFX>() == false);
    static_assert(ltx::reflect::default_of<&ltx::list_assets_request::page>() == 1);
    static_assert(ltx::reflect::default_of<&ltx::list_assets_request::limit>() == 20);
    static_assert(ltx::reflect::default_of<&ltx::account_request::maxJobs>() == 20);
    CHECK(ltx::reflect::default_of<&R::model>() == ltx::model::ltxv_turbo);
}

TEST_CASE("validation_error carries all violations and a readable message") {
    ltx::ltx_create_request r;
    r.pollForResult = 99;
    try {
        ltx::validate_or_throw(r);
        FAIL("no exception");
    } catch (const ltx::validation_error& e) {
        CHECK(e.violations().size() == 3);
        const std::string what = e.what();
        CHECK(what.find("prompt: is required (required)") != std::string::npos);
        CHECK(what.find("startAssetId or endAssetId is required") != std::string::npos);
        CHECK(what.find("pollForResult: must be between 1 and 20, got 99 (range)") !=
              std::string::npos);
    }
}
