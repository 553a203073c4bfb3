// Error mapping: every kind, the three call forms, and no token in any message.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

using ltx::errc;
using ltx::http::method;
using namespace ltx_test;

TEST_CASE_FIXTURE(fixture, "an invalid request sends nothing and reports every violation") {
    std::error_code ec;
    ltx::diagnostics d;
    client.create_video({.prompt = "", .pollForResult = 50}, ec, d);
    CHECK(ec == errc::invalid_request);
    CHECK(d.violations.size() == 3);
    CHECK(mock.requests().empty());
    no_token(ec, d);
    CHECK_THROWS_AS(client.create_video({.prompt = "p"}), ltx::validation_error);
    CHECK_THROWS_AS(client.get_job(""), ltx::validation_error);
    CHECK_THROWS_AS(client.get_account("not-an-email"), ltx::validation_error);
    CHECK(mock.requests().empty());
}

TEST_CASE_FIXTURE(fixture, "statuses map to error kinds with the server's text") {
    struct row {
        int status;
        errc kind;
        const char* text;
    };
    const row rows[] = {
        {400, errc::bad_request, "startAssetId or endAssetId is required"},
        {401, errc::unauthorized, "Unauthorized"},
        {402, errc::payment_required, "Insufficient credits"},
        {404, errc::not_found, "Job not found"},
        {418, errc::unexpected_response, "teapot"},
        {302, errc::unexpected_response, "moved"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.status);
        mock.expect(method::get)
            .respond(r.status, R"({"error":")" + std::string{r.text} + R"(","code":)" +
                                   std::to_string(r.status) + "}")
            .header("Content-Type", "application/json");
        std::error_code ec;
        ltx::diagnostics d;
        client.get_job("j", ec, d);
        CHECK(ec == r.kind);
        CHECK(d.status == r.status);
        CHECK(d.server_message == r.text);
        no_token(ec, d);
    }
    CHECK(mock.failures().empty());
}

TEST_CASE_FIXTURE(fixture, "the throwing form raises api_error with kind, status and text") {
    mock.expect(method::post).respond(402, R"({"error":"Insufficient credits","code":402})");
    try {
        client.create_video({.prompt = "p", .startAssetId = "a"});
        FAIL("no exception");
    } catch (const ltx::api_error& e) {
        CHECK(e.code() == errc::payment_required);
        CHECK(e.status() == 402);
        CHECK(e.server_message() == "Insufficient credits");
        CHECK(std::string{e.what()}.find("Insufficient credits") != std::string::npos);
        no_token(e.what());
    }
}

TEST_CASE_FIXTURE(fixture, "a server echoing the token never gets it into a message") {
    const std::string echo = std::string{"bad token "} + token + " in Bearer " + token;
    mock.expect(method::post).respond(401, R"({"error":")" + echo + R"("})");
    std::error_code ec;
    ltx::diagnostics d;
    client.create_video({.prompt = "p", .startAssetId = "a"}, ec, d);
    CHECK(ec == errc::unauthorized);
    CHECK(d.server_message == "bad token <redacted> in Bearer <redacted>");
    no_token(ec, d);

    mock.expect(method::get)
        .respond(200, std::string{"<html>"} + token)
        .header("Content-Type", "text/html");
    client.get_job("j", ec, d);
    CHECK(ec == errc::unexpected_response);
    no_token(ec, d);
    mock.expect(method::get)
        .respond(200, "{}")
        .header("Content-Type", std::string{"text/"} + token);
    client.get_job("j", ec, d);
    CHECK(ec == errc::unexpected_response);
    no_token(ec, d);
}

TEST_CASE_FIXTURE(fixture, "unexpected answers: non-JSON, wrong shapes, wrong content type") {
    mock.expect(method::get).respond(200, "not json");
    mock.expect(method::get).respond(200, R"({"status":{"progress":"half"}})");
    mock.expect(method::get).respond(200, "{}").header("Content-Type", "text/plain");
    mock.expect(method::get)
        .respond(200, "{}")
        .header("Content-Type", "application/json; charset=utf-8");
    std::error_code ec;
    ltx::diagnostics d;
    client.get_job("j", ec, d);
    CHECK(ec == errc::unexpected_response);
    CHECK(d.detail.find("invalid JSON") != std::string::npos);
    client.get_job("j", ec, d);
    CHECK(ec == errc::unexpected_response);
    CHECK(d.detail.find("status.progress") != std::string::npos);
    client.get_job("j", ec, d);
    CHECK(ec == errc::unexpected_response);
    CHECK(d.detail.find("text/plain") != std::string::npos);
    client.get_job("j", ec, d);
    CHECK_FALSE(ec);
}

TEST_CASE_FIXTURE(fixture, "a field the client relies on, missing from a 200, is unexpected") {
    // A created job without jobId: nothing to wait on. Not re-sent: the job may exist.
    mock.expect(method::post).respond(200, R"({"generationId":"gen_1"})");
    std::error_code ec;
    ltx::diagnostics d;
    const auto created = client.create_video({.prompt = "p", .startAssetId = "a"}, ec, d);
    CHECK(ec == errc::unexpected_response);
    CHECK(d.detail == "unexpected response body: jobId: missing required field");
    CHECK(created.jobId.empty());
    CHECK(mock.requests().size() == 1);

    // An upload whose asset has no fileId, or no asset at all.
    const std::string png = std::string{"\x89PNG\r\n\x1a\n", 8} + std::string(32, '\0');
    mock.expect(method::post)
        .respond(200, R"({"assetUrl":"https://s/x","asset":{"type":"image"}})");
    client.upload_asset(png, {}, ec, d);
    CHECK(ec == errc::unexpected_response);
    CHECK(d.detail == "unexpected response body: asset.fileId: missing required field");
    mock.expect(method::post).respond(200, R"({"assetUrl":"https://s/x"})");
    try {
        (void)client.upload_asset(png);
        FAIL("no exception");
    } catch (const std::system_error& e) {
        CHECK(e.code() == errc::unexpected_response);
    }
}

TEST_CASE_FIXTURE(fixture,
                  "transport errors keep their code, the throwing form raises system_error") {
    auto cfg = test_config();
    cfg.retry.max_attempts = 1;
    ltx::basic_client one{mock, cfg, clock};
    mock.expect(method::get).fail(ltx::http::transport_errc::tls_failure);
    std::error_code ec;
    ltx::diagnostics d;
    one.get_job("j", ec, d);
    CHECK(ec == ltx::http::transport_errc::tls_failure);
    no_token(ec, d);
    mock.expect(method::get).fail(ltx::http::transport_errc::timeout);
    try {
        one.get_job("j");
        FAIL("no exception");
    } catch (const ltx::api_error&) {
        FAIL("a transport failure is not an api_error");
    } catch (const std::system_error& e) {
        CHECK(e.code() == std::errc::timed_out);
        no_token(e.what());
    }
}

TEST_CASE("the error category names every code") {
    for (int i = 1; i <= static_cast<int>(errc::file_error); ++i) {
        const auto ec = make_error_code(static_cast<errc>(i));
        CHECK(ec.category().name() == std::string{"ltx"});
        CHECK(ec.message() != "unknown ltx error");
    }
    CHECK(ltx::errc_from_status(503) == errc::server_error);
    CHECK(ltx::errc_from_status(429) == errc::too_many_requests);
}
