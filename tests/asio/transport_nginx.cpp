// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx::asio::transport against nginx, which scripts/extra-tests.sh starts on a free loopback
// port and names in LTX_NGINX_PORT. Without it these cases are skipped, and doctest says so.
#include <ltx/asio/transport.hpp>

#include "asio/transport_support.hpp"

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

#include <cstdlib>
#include <string>

namespace {

std::string nginx_url(const char* path) {
    const char* port = std::getenv("LTX_NGINX_PORT");
    return port == nullptr ? std::string{} : std::string("http://127.0.0.1:") + port + path;
}

bool no_nginx() {
    return std::getenv("LTX_NGINX_PORT") == nullptr;
}

} // namespace

TEST_CASE("asio transport against nginx: static JSON over one kept-alive connection" *
          doctest::skip(no_nginx())) {
    const auto url = nginx_url("/job.json");
    REQUIRE_FALSE(url.empty());
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    for (int i = 0; i < 5; ++i) {
        std::error_code ec;
        const auto r = t.send(ltx::test::make_request(url), ec);
        REQUIRE_FALSE(ec);
        CHECK(r.status == 200);
        CHECK(r.headers.find("Content-Type") == "application/json");
        CHECK(r.body == R"({"jobId":"job-1","status":{"type":"active","progress":40}})");
    }
    CHECK(t.stats().connections_opened == 1);
    CHECK(t.stats().connections_reused == 4);
    CHECK(t.send(ltx::test::make_request(nginx_url("/missing.json"))).status == 404);
    CHECK(t.stats().connections_opened == 1);
}

TEST_CASE("asio transport against nginx: chunked JSON, then the connection is reused" *
          doctest::skip(no_nginx())) {
    const auto url = nginx_url("/chunked.json");
    REQUIRE_FALSE(url.empty());
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    for (int i = 0; i < 3; ++i) {
        const auto r = t.send(ltx::test::make_request(url));
        CHECK(r.status == 200);
        CHECK(r.headers.find("Transfer-Encoding") == "chunked");
        CHECK_FALSE(r.headers.contains("Content-Length"));
        CHECK(r.body == R"({"jobId":"job-1","status":{"type":"completed","progress":40}})");
    }
    CHECK(t.stats().connections_opened == 1);
}
