// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/transport.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <functional>
#include <memory>
#include <string>

namespace {

struct sync_only {
    ltx::http::response send(const ltx::http::request&, std::error_code&) { return {}; }
};

struct async_only {
    void async_send(ltx::http::request, ltx::http::response_handler) {}
};

// Borrows the request: the client lends it until the handler runs.
struct borrowing_async {
    void async_send(const ltx::http::request&, ltx::http::response_handler) {}
};

// Takes only an rvalue: the client lends an lvalue, so this one does not fit.
struct rvalue_request_only {
    void async_send(ltx::http::request&&, ltx::http::response_handler) {}
};

struct generic_async {
    template <class Handler> void async_send(ltx::http::request, Handler&&) {}
};

// Accepts only copyable handlers: a move-only completion handler would not fit.
struct copyable_handlers_only {
    void async_send(ltx::http::request, std::function<void(std::error_code, ltx::http::response)>) {
    }
};

struct wrong_return {
    int send(const ltx::http::request&, std::error_code&) { return 0; }
};

struct throwing_signature {
    ltx::http::response send(const ltx::http::request&) { return {}; }
};

struct nothing {};

} // namespace

// What models the transport concepts and what does not: checked when this file compiles.
static_assert(ltx::sync_transport<sync_only>);
static_assert(!ltx::async_transport<sync_only>);
static_assert(ltx::async_transport<async_only>);
static_assert(!ltx::sync_transport<async_only>);
static_assert(ltx::async_transport<borrowing_async>);
static_assert(!ltx::async_transport<rvalue_request_only>);
static_assert(ltx::async_transport<generic_async>);
static_assert(!ltx::async_transport<copyable_handlers_only>);
static_assert(!ltx::sync_transport<wrong_return>);
static_assert(!ltx::sync_transport<throwing_signature>);
static_assert(!ltx::sync_transport<nothing>);
static_assert(!ltx::async_transport<nothing>);
static_assert(ltx::http::is_sync_transport_v<sync_only>);
static_assert(!ltx::http::is_async_transport_v<sync_only>);
static_assert(ltx::http::check_sync_transport<sync_only>());
LTX_ASSERT_SYNC_TRANSPORT(sync_only);
LTX_ASSERT_ASYNC_TRANSPORT(async_only);

TEST_CASE("response_handler: holds move-only callables, runs once") {
    auto token = std::make_unique<int>(7);
    int seen_status = 0;
    int seen_token = 0;
    std::error_code seen_ec;
    ltx::http::response_handler h = [&, t = std::move(token)](std::error_code ec,
                                                              ltx::http::response r) {
        seen_ec = ec;
        seen_status = r.status;
        seen_token = *t;
    };
    REQUIRE(static_cast<bool>(h));
    ltx::http::response_handler moved = std::move(h);
    CHECK_FALSE(static_cast<bool>(h)); // a moved-from handler is empty
    ltx::http::response r;
    r.status = 201;
    moved(ltx::http::transport_errc::timeout, std::move(r));
    CHECK(seen_status == 201);
    CHECK(seen_token == 7);
    CHECK(seen_ec == ltx::http::transport_errc::timeout);
    CHECK_FALSE(static_cast<bool>(moved));
}

TEST_CASE("response_handler: accepts rvalue-only callables") {
    struct rvalue_only {
        int* calls;
        void operator()(std::error_code, ltx::http::response) && { ++*calls; }
    };
    int calls = 0;
    ltx::http::response_handler h = rvalue_only{&calls};
    h({}, {});
    CHECK(calls == 1);
    static_assert(!std::is_copy_constructible_v<ltx::http::response_handler>);
    static_assert(!std::is_constructible_v<ltx::http::response_handler, int>);
}

TEST_CASE("response_handler: small and large callables move, run once and are destroyed once") {
    auto alive = std::make_shared<int>(0);
    struct small {
        std::shared_ptr<int> count;
        void operator()(std::error_code, ltx::http::response r) && { *count += r.status; }
    };
    struct large {
        std::shared_ptr<int> count;
        char padding[256] = {};
        void operator()(std::error_code, ltx::http::response r) && { *count += r.status; }
    };
    {
        ltx::http::response_handler a = small{alive};
        ltx::http::response_handler b = large{alive, {}};
        CHECK(alive.use_count() == 3);
        ltx::http::response_handler c;
        c = std::move(a);
        a = std::move(b); // a now holds the large one
        CHECK_FALSE(static_cast<bool>(b));
        CHECK(alive.use_count() == 3);
        ltx::http::response r;
        r.status = 1;
        c({}, r);
        CHECK(alive.use_count() == 2); // the small callable is gone once it ran
        r.status = 10;
        a({}, r);
        CHECK(alive.use_count() == 1);
        CHECK(*alive == 11);
        ltx::http::response_handler unused = small{alive};
        CHECK(alive.use_count() == 2);
    }
    CHECK(alive.use_count() == 1); // the never-called handler destroyed its callable
}

TEST_CASE("response_handler: the callable may reassign the handler that runs it") {
    // A transport may keep one handler slot and start the next exchange from the completion.
    ltx::http::response_handler slot;
    std::string seen;
    slot = [&, tag = std::string(40, 'a')](std::error_code, ltx::http::response) {
        slot = [&](std::error_code, ltx::http::response) { seen += "second"; };
        seen += tag.substr(0, 5); // the running callable is intact after the reassignment
    };
    slot({}, {});
    CHECK(seen == "aaaaa");
    slot({}, {});
    CHECK(seen == "aaaaasecond");
}
