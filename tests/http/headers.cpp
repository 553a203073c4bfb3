// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/headers.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using ltx::http::headers;

namespace {

// The message of the std::invalid_argument thrown by `f`, or "" when none is thrown.
template <class F> std::string invalid_argument_message(F f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("headers: lookup ignores case, keeps spelling and order") {
    headers h{{"Content-Type", "application/json"}, {"X-Trace", "a"}};
    h.add("x-trace", "b");
    CHECK(h.size() == 3);
    CHECK(h.find("content-type") == "application/json");
    CHECK(h.find("CONTENT-TYPE") == "application/json");
    CHECK(h.find("X-TRACE") == "a");
    CHECK(h.count("X-Trace") == 2);
    CHECK(h.find_all("x-TRACE") == std::vector<std::string_view>{"a", "b"});
    CHECK(h.contains("Content-type"));
    CHECK_FALSE(h.contains("Content"));
    CHECK_FALSE(h.find("Accept").has_value());

    std::vector<std::string> names;
    for (const auto& f : h) {
        names.push_back(f.name);
    }
    CHECK(names == std::vector<std::string>{"Content-Type", "X-Trace", "x-trace"});
}

TEST_CASE("headers: set replaces every field of that name in place of the first") {
    headers h{{"Accept", "a"}, {"X-One", "1"}, {"accept", "b"}, {"X-Two", "2"}};
    h.set("ACCEPT", "c");
    REQUIRE(h.size() == 3);
    auto it = h.begin();
    CHECK(it->name == "ACCEPT");
    CHECK(it->value == "c");
    CHECK((++it)->name == "X-One");
    CHECK((++it)->name == "X-Two");

    h.set("User-Agent", "ltx");
    CHECK(h.size() == 4);
    CHECK(std::prev(h.end())->name == "User-Agent");
}

TEST_CASE("headers: erase removes every field of that name, any case") {
    headers h{{"Authorization", "Bearer x"}, {"A", "1"}, {"authorization", "Bearer y"}};
    CHECK(h.erase("AUTHORIZATION") == 2);
    CHECK(h.size() == 1);
    CHECK(h.erase("Authorization") == 0);
    CHECK(h.find("a") == "1");
    h.clear();
    CHECK(h.empty());
}

TEST_CASE("headers: equality is order- and case-sensitive on the stored fields") {
    CHECK(headers{{"A", "1"}, {"B", "2"}} == headers{{"A", "1"}, {"B", "2"}});
    CHECK_FALSE(headers{{"A", "1"}, {"B", "2"}} == headers{{"B", "2"}, {"A", "1"}});
    CHECK_FALSE(headers{{"A", "1"}} == headers{{"a", "1"}});
}

TEST_CASE("headers: CR, LF and NUL in a value are refused without echoing the value") {
    const std::string secret = "Bearer s3cr3t-token";
    for (const std::string& bad : {secret + "\r\nX-Injected: 1", secret + "\n", secret + "\r",
                                   secret + std::string(1, '\0') + "x"}) {
        headers h{{"Accept", "x"}};
        const auto add_msg = invalid_argument_message([&] { h.add("Authorization", bad); });
        const auto set_msg = invalid_argument_message([&] { h.set("Authorization", bad); });
        CHECK(add_msg.find("Authorization") != std::string::npos);
        CHECK(set_msg.find("Authorization") != std::string::npos);
        CHECK(add_msg.find("s3cr3t") == std::string::npos);
        CHECK(set_msg.find("s3cr3t") == std::string::npos);
        CHECK(h == headers{{"Accept", "x"}}); // unchanged
    }
    CHECK_THROWS_AS((headers{{"X", "a\r\nb"}}), std::invalid_argument);
    CHECK_THROWS_AS((headers{{"A", "1"}, {"X", "a\nb"}}), std::invalid_argument);
    // Tabs and obs-text are legal in values.
    CHECK_NOTHROW(headers{{"X", "a\tb \xC3\xA9"}});
}

TEST_CASE("headers: names must be tokens") {
    CHECK(ltx::http::is_token("Content-Type"));
    CHECK(ltx::http::is_token("x!#$%&'*+-.^_`|~9"));
    for (std::string_view bad : {"", "Bad Name", "Bad:Name", "X\r\nInjected", "(x)", "\xC3\xA9"}) {
        CAPTURE(bad);
        CHECK_FALSE(ltx::http::is_token(bad));
        headers h;
        const auto msg = invalid_argument_message([&] { h.add(bad, "v"); });
        CHECK(msg.find("invalid header name") != std::string::npos);
        CHECK(msg.find('\r') == std::string::npos); // control bytes are escaped
        CHECK(msg.find('\n') == std::string::npos);
        CHECK(h.empty());
    }
}

TEST_CASE("headers: iequals is ASCII-only case folding") {
    CHECK(ltx::http::iequals("Content-Length", "content-LENGTH"));
    CHECK_FALSE(ltx::http::iequals("Content-Length", "Content-Lengt"));
    CHECK_FALSE(ltx::http::iequals("a", "b"));
    CHECK_FALSE(ltx::http::iequals("\xC3\xA9", "\xC3\x89")); // no Unicode folding
}

TEST_CASE("headers: a copy is an independent value") {
    const headers original{{"Authorization", "Bearer a-long-enough-token"}, {"X-A", "1"}};
    const auto value = *original.find("authorization"); // a view into the original
    headers copy = original;
    CHECK(copy == original);
    copy.set("X-A", "2");
    copy.add("X-B", "3");
    CHECK(copy.erase("Authorization") == 1);
    CHECK(original.size() == 2);
    CHECK(original.find("X-A") == "1");
    CHECK(original.find("Authorization") == "Bearer a-long-enough-token");
    CHECK(value == "Bearer a-long-enough-token"); // still valid: the original did not change
    CHECK(copy.size() == 2);
    CHECK(copy.find("X-A") == "2");
    CHECK(copy.find("X-B") == "3");
    CHECK_FALSE(copy == original);

    headers assigned;
    assigned = original;
    assigned.clear();
    CHECK(assigned.empty());
    CHECK(original.size() == 2);
    CHECK(assigned.erase("X-A") == 0);

    headers moved = std::move(assigned = original);
    CHECK(moved == original);
    CHECK(assigned.empty()); // NOLINT(bugprone-use-after-move): a moved-from list is empty
    CHECK(headers{} == assigned);
    CHECK(assigned.begin() == assigned.end());
}

TEST_CASE("headers: copies change on different threads without touching each other") {
    const headers shared{{"Accept", "application/json"}, {"X-Id", "0"}};
    std::vector<headers> copies(4, shared);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < copies.size(); ++i) {
        threads.emplace_back([&copies, i] {
            for (int n = 0; n < 100; ++n) {
                copies[i].set("X-Id", std::to_string(i));
                headers again = copies[i];
                again.add("X-More", "x");
                copies[i] = again;
                copies[i].erase("X-More");
            }
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK(shared.find("X-Id") == "0");
    for (std::size_t i = 0; i < copies.size(); ++i) {
        CHECK(copies[i].find("X-Id") == std::to_string(i));
        CHECK(copies[i].size() == 2);
    }
}
