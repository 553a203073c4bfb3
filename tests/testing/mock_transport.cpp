// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/testing/mock_transport.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using ltx::http::method;
using ltx::http::transport_errc;
using ltx::testing::mock_errc;
using ltx::testing::mock_transport;

static_assert(ltx::sync_transport<mock_transport>);
static_assert(ltx::async_transport<mock_transport>);
LTX_ASSERT_SYNC_TRANSPORT(mock_transport);
LTX_ASSERT_ASYNC_TRANSPORT(mock_transport);

namespace {

struct not_a_transport {
    int get();
};
static_assert(!ltx::sync_transport<not_a_transport>);
static_assert(!ltx::async_transport<not_a_transport>);

ltx::http::request make_request(method m, std::string_view relative, ltx::http::body b = {}) {
    ltx::http::request req;
    req.method = m;
    req.url = ltx::http::resolve("https://api.useapi.net/v1/ltxstudio/", relative).value();
    req.headers = {{"Authorization", "Bearer test-token"}, {"Content-Type", "application/json"}};
    req.body = std::move(b);
    return req;
}

// A sink that keeps every chunk, so the test sees how the body was cut.
struct chunk_recorder {
    std::vector<std::string> chunks;
    int status = 0;
    ltx::http::body_sink sink{
        [this](std::string_view c) {
            chunks.emplace_back(c);
            return std::error_code{};
        },
        [this](int s, const ltx::http::headers&) {
            status = s;
            return std::error_code{};
        },
    };
    std::string joined() const {
        std::string all;
        for (const auto& c : chunks) {
            all += c;
        }
        return all;
    }
};

} // namespace

TEST_CASE("mock_transport: scripted responses in order, requests recorded") {
    mock_transport mock;
    mock.expect(method::post, "videos/ltx-create")
        .respond(200, R"({"jobId":"j1"})")
        .header("Content-Type", "application/json");
    mock.expect(method::get, "assets/j1").respond(404, R"({"error":"not found","code":404})");
    CHECK(mock.remaining() == 2);

    std::error_code ec = transport_errc::timeout; // must be cleared on success
    auto r1 = mock.send(make_request(method::post, "videos/ltx-create", R"({"prompt":"p"})"), ec);
    CHECK_FALSE(ec);
    CHECK(r1.status == 200);
    CHECK(r1.body == R"({"jobId":"j1"})");
    CHECK(r1.headers.find("content-type") == "application/json");

    auto r2 = mock.send(make_request(method::get, "assets/j1"), ec);
    CHECK_FALSE(ec); // an HTTP error status is a response, not a transport error
    CHECK(r2.status == 404);

    CHECK(mock.satisfied());
    REQUIRE(mock.requests().size() == 2);
    const auto& first = mock.requests()[0];
    CHECK(first.method == method::post);
    CHECK(first.url == "https://api.useapi.net/v1/ltxstudio/videos/ltx-create");
    CHECK(first.body == R"({"prompt":"p"})");
    CHECK(first.headers.find("authorization") == "Bearer test-token");
    CHECK_FALSE(first.file_body);
    CHECK_FALSE(first.had_sink);
    CHECK(mock.requests()[1].method == method::get);
}

TEST_CASE("mock_transport: injected errors") {
    mock_transport mock;
    mock.expect_any().fail(transport_errc::connection_failed);
    mock.expect_any().fail(transport_errc::timeout);
    std::error_code ec;
    auto r = mock.send(make_request(method::post, "videos/ltx-create"), ec);
    CHECK(ec == transport_errc::connection_failed);
    CHECK(ltx::http::request_not_sent(ec));
    CHECK(r.status == 0);
    mock.send(make_request(method::post, "videos/ltx-create"), ec);
    CHECK(ec == transport_errc::timeout);
    CHECK_FALSE(ltx::http::request_not_sent(ec));
    CHECK(mock.requests().size() == 2); // failed requests are recorded too
    CHECK(mock.satisfied());
}

TEST_CASE("mock_transport: an exhausted script fails clearly") {
    mock_transport mock;
    std::error_code ec;
    auto r = mock.send(make_request(method::get, "accounts/a%40b.c"), ec);
    CHECK(ec == mock_errc::script_exhausted);
    CHECK(r.status == 0);
    REQUIRE(mock.failures().size() == 1);
    CHECK(mock.failures()[0].find("request #1") != std::string::npos);
    CHECK(mock.failures()[0].find("GET https://api.useapi.net/v1/ltxstudio/accounts/a%40b.c") !=
          std::string::npos);
    CHECK(mock.failures()[0].find("test-token") == std::string::npos);
    CHECK_FALSE(mock.satisfied());
    CHECK(mock.requests().size() == 1);
}

TEST_CASE("mock_transport: a request not matching its step fails and consumes it") {
    mock_transport mock;
    mock.expect(method::post, "videos/ltx-create").respond(200, "{}");
    mock.expect(method::get, "assets/").respond(200, "{}");
    mock.expect(method::get, "assets/").respond(200, "{}");
    std::error_code ec;
    mock.send(make_request(method::get, "videos/ltx-create"), ec); // wrong method
    CHECK(ec == mock_errc::unexpected_request);
    mock.send(make_request(method::get, "accounts/x"), ec); // wrong URL
    CHECK(ec == mock_errc::unexpected_request);
    REQUIRE(mock.failures().size() == 2);
    CHECK(mock.failures()[0].find("expected POST") != std::string::npos);
    CHECK(mock.failures()[1].find("\"assets/\"") != std::string::npos);
    mock.send(make_request(method::get, "assets/?page=1"), ec);
    CHECK_FALSE(ec);
    CHECK(mock.remaining() == 0);
    CHECK_FALSE(mock.satisfied());
    CHECK(std::string(std::error_code(mock_errc::unexpected_request).category().name()) ==
          "ltx.mock");
}

TEST_CASE("mock_transport: file bodies are read so the test sees the bytes") {
    const auto path = std::filesystem::temp_directory_path() / "ltx_mock_transport_upload.png";
    const std::string content("\x89PNG\r\n\x1a\n\0payload", 16);
    std::ofstream(path, std::ios::binary) << content;

    mock_transport mock;
    mock.expect(method::post, "assets/").respond(200, "{}");
    mock.expect(method::post, "assets/").respond(200, "{}");
    std::error_code ec;
    mock.send(make_request(method::post, "assets/?type=image", ltx::http::file_body(path)), ec);
    CHECK_FALSE(ec);
    REQUIRE(mock.requests().size() == 1);
    CHECK(mock.requests()[0].file_body);
    CHECK(mock.requests()[0].body == content);

    // A file shorter than announced cannot be sent in full: protocol_error, no step used.
    auto req = make_request(method::post, "assets/", ltx::http::file_body(path, 100));
    mock.send(req, ec);
    CHECK(ec == transport_errc::protocol_error);
    CHECK(mock.remaining() == 1);
    CHECK(mock.requests()[1].body == content);

    std::filesystem::remove(path);
    mock.send(make_request(method::post, "assets/", ltx::http::file_body(path, 3)), ec);
    CHECK(ec == std::errc::no_such_file_or_directory);
    CHECK(mock.remaining() == 1);
}

TEST_CASE("mock_transport: records timeout and sink presence") {
    mock_transport mock;
    mock.expect_any();
    chunk_recorder rec;
    auto req = make_request(method::get, "assets/x");
    req.timeout = std::chrono::milliseconds(1500);
    req.sink = &rec.sink;
    std::error_code ec;
    auto r = mock.send(req, ec);
    CHECK_FALSE(ec);
    CHECK(r.status == 200); // default step: 200, empty body
    CHECK(rec.status == 200);
    CHECK(rec.chunks.empty()); // no empty chunk for an empty body
    CHECK(mock.requests()[0].timeout == std::chrono::milliseconds(1500));
    CHECK(mock.requests()[0].had_sink);
}
