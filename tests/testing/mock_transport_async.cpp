// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/testing/mock_transport.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <functional>
#include <memory>
#include <string>
#include <vector>

using ltx::http::method;
using ltx::http::transport_errc;
using ltx::testing::mock_errc;
using ltx::testing::mock_transport;

namespace {

ltx::http::request get(std::string_view url) {
    ltx::http::request req;
    req.url = ltx::http::parse_url(url).value();
    return req;
}

} // namespace

TEST_CASE("mock async: immediate mode completes before async_send returns") {
    mock_transport mock;
    CHECK(mock.completion_mode() == mock_transport::completion::immediate);
    mock.expect(method::get, "/a").respond(200, "A");
    int status = 0;
    std::string body;
    mock.async_send(get("http://h/a"), [&](std::error_code ec, ltx::http::response r) {
        CHECK_FALSE(ec);
        status = r.status;
        body = r.body;
    });
    CHECK(status == 200);
    CHECK(body == "A");
    CHECK(mock.pending() == 0);
    CHECK_FALSE(mock.run_one());
}

TEST_CASE("mock async: deferred mode completes only when pumped, in order") {
    mock_transport mock(mock_transport::completion::deferred);
    mock.expect(method::get, "/a").respond(200, "A");
    mock.expect(method::get, "/b").fail(transport_errc::connection_reset);
    std::vector<std::string> log;
    const auto handler = [&log](std::string name) {
        return [&log, name](std::error_code ec, ltx::http::response r) {
            log.push_back(name + ':' + (ec ? ec.message() : r.body));
        };
    };
    mock.async_send(get("http://h/a"), handler("a"));
    mock.async_send(get("http://h/b"), handler("b"));
    CHECK(log.empty());
    CHECK(mock.pending() == 2);
    CHECK(mock.requests().size() == 2); // recorded when started
    CHECK(mock.remaining() == 0);       // steps consumed when started

    CHECK(mock.run_one());
    CHECK(log == std::vector<std::string>{"a:A"});
    CHECK(mock.run_pending() == 1);
    REQUIRE(log.size() == 2);
    CHECK(log[1] == "b:" + std::error_code(transport_errc::connection_reset).message());
    CHECK(mock.pending() == 0);
}

TEST_CASE("mock async: a handler starting another exchange (re-entrancy)") {
    for (auto mode :
         {mock_transport::completion::immediate, mock_transport::completion::deferred}) {
        CAPTURE(static_cast<int>(mode));
        mock_transport mock(mode);
        mock.expect(method::get, "/1").respond(200, "1");
        mock.expect(method::get, "/2").respond(200, "2");
        mock.expect(method::get, "/3").respond(200, "3");
        std::vector<std::string> order;
        std::function<void(int)> start = [&](int n) {
            order.push_back("start" + std::to_string(n));
            mock.async_send(get("http://h/" + std::to_string(n)),
                            [&, n](std::error_code ec, ltx::http::response r) {
                                CHECK_FALSE(ec);
                                order.push_back("done" + r.body);
                                if (n < 3) {
                                    start(n + 1);
                                }
                                order.push_back("leave" + r.body);
                            });
        };
        start(1);
        if (mode == mock_transport::completion::immediate) {
            // Nested: each handler runs inside the previous async_send.
            CHECK(order == std::vector<std::string>{"start1", "done1", "start2", "done2", "start3",
                                                    "done3", "leave3", "leave2", "leave1"});
        } else {
            CHECK(order == std::vector<std::string>{"start1"});
            CHECK(mock.run_pending() == 3);
            // Flat: each handler returns before the next exchange completes.
            CHECK(order == std::vector<std::string>{"start1", "done1", "start2", "leave1", "done2",
                                                    "start3", "leave2", "done3", "leave3"});
        }
        CHECK(mock.satisfied());
    }
}

TEST_CASE("mock async: move-only handlers, sink delivery deferred with the handler") {
    mock_transport mock(mock_transport::completion::deferred);
    mock.set_chunk_size(1);
    mock.expect_any().respond(200, "xyz");
    std::string sunk;
    ltx::http::body_sink sink;
    sink.on_chunk = [&](std::string_view c) {
        sunk += c;
        return std::error_code{};
    };
    auto req = get("http://h/f");
    req.sink = &sink;
    auto owned = std::make_unique<int>(5);
    int got = 0;
    mock.async_send(std::move(req),
                    [&got, o = std::move(owned)](std::error_code ec, ltx::http::response r) {
                        CHECK_FALSE(ec);
                        CHECK(r.body.empty());
                        got = *o;
                    });
    CHECK(sunk.empty()); // nothing delivered before completion
    mock.run_pending();
    CHECK(sunk == "xyz");
    CHECK(got == 5);
}

TEST_CASE("mock async: an exhausted script completes the handler with an error") {
    mock_transport mock(mock_transport::completion::deferred);
    std::error_code seen;
    mock.async_send(get("http://h/"), [&](std::error_code ec, ltx::http::response) { seen = ec; });
    mock.run_pending();
    CHECK(seen == mock_errc::script_exhausted);
    CHECK(mock.failures().size() == 1);
}

TEST_CASE("mock async: pending handlers are dropped uncalled with the mock") {
    bool called = false;
    {
        mock_transport mock(mock_transport::completion::deferred);
        mock.expect_any();
        mock.async_send(get("http://h/"),
                        [&](std::error_code, ltx::http::response) { called = true; });
        CHECK(mock.pending() == 1);
    }
    CHECK_FALSE(called);
}
