// Built with single_include/ as the only ltx include directory: proves the generated single
// header is self-contained. second_tu.cpp includes it too, so the two link without ODR clashes.
#include <ltx/ltx.hpp>
#ifdef LTX_TEST_SINGLE_HEADER_ASIO
#include <ltx/ltx_asio.hpp>
#endif

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#ifndef LTX_DECL
#error "the single header must define LTX_DECL"
#endif

const std::error_category* ltx_single_header_second_tu();

TEST_CASE("single header: two translation units share one definition of each function") {
    const std::error_category* here = &ltx::make_error_code(ltx::errc::not_found).category();
    CHECK(here == ltx_single_header_second_tu());
    CHECK(std::error_code{ltx::errc::not_found} ==
          std::error_code{static_cast<int>(ltx::errc::not_found), *ltx_single_header_second_tu()});
}

namespace {

// A transport of a few lines: enough to run the client from the single header alone.
struct canned_transport {
    std::string last_body;
    ltx::http::response send(const ltx::http::request& req, std::error_code& ec) {
        ec.clear();
        last_body = *req.body.bytes();
        ltx::http::response r;
        r.status = 200;
        r.body = R"({"jobId":"j","generationId":"gen_1"})";
        return r;
    }
};

} // namespace

TEST_CASE("single header: the client validates, encodes and decodes") {
    canned_transport t;
    ltx::basic_client client{t, ltx::config{.token = "t"}};
    const auto job = client.create_video({.prompt = "Waves", .startAssetId = "asset:1"});
    CHECK(job.jobId == "j");
    CHECK(t.last_body == R"({"prompt":"Waves","startAssetId":"asset:1"})");
    CHECK_THROWS_AS(client.create_video({.prompt = "Waves"}), ltx::validation_error);
}
