// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/method.hpp>

#include <doctest/doctest.h>

#include <string_view>
#include <utility>

using ltx::http::method;

TEST_CASE("http method: wire names and parsing round trip") {
    static_assert(ltx::http::to_string(method::delete_) == "DELETE");
    const std::pair<method, std::string_view> table[] = {
        {method::get, "GET"},         {method::head, "HEAD"},      {method::post, "POST"},
        {method::put, "PUT"},         {method::delete_, "DELETE"}, {method::patch, "PATCH"},
        {method::options, "OPTIONS"},
    };
    for (const auto& entry : table) {
        CAPTURE(entry.second);
        CHECK(ltx::http::to_string(entry.first) == entry.second);
        CHECK(ltx::http::parse_method(entry.second) == entry.first);
    }
}

TEST_CASE("http method: parsing is case-sensitive and exact") {
    CHECK_FALSE(ltx::http::parse_method("get").has_value());
    CHECK_FALSE(ltx::http::parse_method("POST ").has_value());
    CHECK_FALSE(ltx::http::parse_method("").has_value());
    CHECK_FALSE(ltx::http::parse_method("CONNECT").has_value());
}

TEST_CASE("http method: idempotency decides whether a retry is safe") {
    CHECK(ltx::http::is_idempotent(method::get));
    CHECK(ltx::http::is_idempotent(method::put));
    CHECK(ltx::http::is_idempotent(method::delete_));
    CHECK_FALSE(ltx::http::is_idempotent(method::post));
    CHECK_FALSE(ltx::http::is_idempotent(method::patch));
}
