// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/testing/mock_transport.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <string>
#include <vector>

using ltx::http::method;
using ltx::http::transport_errc;
using ltx::testing::mock_transport;

namespace {

ltx::http::request download_request(ltx::http::body_sink& sink) {
    ltx::http::request req;
    req.url = ltx::http::parse_url("https://cdn.example.com/out.mp4?sig=abc").value();
    req.sink = &sink;
    return req;
}

struct recorder {
    std::vector<std::string> events;
    ltx::http::body_sink sink{
        [this](std::string_view c) {
            events.push_back("chunk:" + std::string(c));
            return std::error_code{};
        },
        [this](int status, const ltx::http::headers& h) {
            events.push_back("headers:" + std::to_string(status) + ':' +
                             std::string(h.find("Content-Length").value_or("-")));
            return std::error_code{};
        },
    };
};

} // namespace

TEST_CASE("mock sink: the body is delivered in chunks of the configured size") {
    mock_transport mock;
    mock.set_chunk_size(4);
    mock.expect(method::get, "out.mp4").respond(200, "0123456789").header("Content-Length", "10");
    recorder rec;
    std::error_code ec;
    auto r = mock.send(download_request(rec.sink), ec);
    CHECK_FALSE(ec);
    CHECK(r.status == 200);
    CHECK(r.body.empty()); // sunk, not buffered
    CHECK(r.headers.find("content-length") == "10");
    CHECK(rec.events ==
          std::vector<std::string>{"headers:200:10", "chunk:0123", "chunk:4567", "chunk:89"});
    CHECK_THROWS_AS(mock.set_chunk_size(0), std::invalid_argument);
    CHECK(mock.chunk_size() == 4);
}

TEST_CASE("mock sink: bodies of error statuses reach the sink too") {
    mock_transport mock;
    mock.expect_any().respond(403, "denied");
    recorder rec;
    std::error_code ec;
    auto r = mock.send(download_request(rec.sink), ec);
    CHECK_FALSE(ec);
    CHECK(r.status == 403);
    CHECK(rec.events == std::vector<std::string>{"headers:403:-", "chunk:denied"});
}

TEST_CASE("mock sink: an error injected after N body bytes") {
    mock_transport mock;
    mock.set_chunk_size(3);
    mock.expect_any().respond(200, "abcdefghij").fail_after(5);
    mock.expect_any().respond(200, "abcdefghij").fail_after(0, transport_errc::timeout);
    mock.expect_any().respond(200, "abc").fail_after(99, transport_errc::protocol_error);

    recorder rec;
    std::error_code ec;
    auto r = mock.send(download_request(rec.sink), ec);
    CHECK(ec == transport_errc::connection_reset); // the default mid-body error
    CHECK(r.status == 0);
    CHECK(rec.events == std::vector<std::string>{"headers:200:-", "chunk:abc", "chunk:de"});

    rec.events.clear();
    mock.send(download_request(rec.sink), ec);
    CHECK(ec == transport_errc::timeout);
    CHECK(rec.events == std::vector<std::string>{"headers:200:-"});

    rec.events.clear();
    mock.send(download_request(rec.sink), ec);
    CHECK(ec == transport_errc::protocol_error);
    CHECK(rec.events == std::vector<std::string>{"headers:200:-", "chunk:abc"});
}

TEST_CASE("mock sink: a mid-body failure without a sink loses the whole response") {
    mock_transport mock;
    mock.expect_any().respond(200, "abcdef").fail_after(2);
    ltx::http::request req;
    req.url = ltx::http::parse_url("https://h/x").value();
    std::error_code ec;
    auto r = mock.send(req, ec);
    CHECK(ec == transport_errc::connection_reset);
    CHECK(r.status == 0);
    CHECK(r.body.empty());
}

TEST_CASE("mock sink: an injected error before the response never touches the sink") {
    mock_transport mock;
    mock.expect_any().respond(200, "abc").fail(transport_errc::tls_failure);
    recorder rec;
    std::error_code ec;
    mock.send(download_request(rec.sink), ec);
    CHECK(ec == transport_errc::tls_failure);
    CHECK(rec.events.empty());
}

TEST_CASE("mock sink: the sink aborts the exchange with its own error") {
    mock_transport mock;
    mock.set_chunk_size(2);
    mock.expect_any().respond(200, "abcdef");
    mock.expect_any().respond(404, "nope");
    int chunks = 0;
    ltx::http::body_sink sink{
        [&](std::string_view) {
            return ++chunks == 2 ? std::make_error_code(std::errc::no_space_on_device)
                                 : std::error_code{};
        },
        [](int status, const ltx::http::headers&) {
            return status == 200 ? std::error_code{}
                                 : std::make_error_code(std::errc::operation_not_permitted);
        },
    };
    std::error_code ec;
    mock.send(download_request(sink), ec);
    CHECK(ec == std::errc::no_space_on_device);
    CHECK(chunks == 2); // no chunk after the failing one

    mock.send(download_request(sink), ec);
    CHECK(ec == std::errc::operation_not_permitted);
    CHECK(chunks == 2); // refused at the headers: no chunk at all
}

TEST_CASE("mock sink: a sink without on_chunk is reported") {
    mock_transport mock;
    mock.expect_any().respond(200, "abc");
    ltx::http::body_sink sink;
    std::error_code ec;
    mock.send(download_request(sink), ec);
    REQUIRE(mock.failures().size() == 1);
    CHECK(mock.failures()[0].find("on_chunk") != std::string::npos);
}
