// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The simulator's multipart/form-data parser on chosen bodies: well-formed ones, a preamble,
// and malformed ones, which must be refused (nullopt), never thrown on.
#include "../../tools/ltx-sim/sim/decode.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

constexpr const char* content_type = "multipart/form-data; boundary=XyZ";

} // namespace

TEST_CASE("parse_multipart reads fields, with or without a preamble") {
    const std::string parts = "--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\n"
                              "Waves\r\n--XyZ\r\ncontent-disposition: form-data; name=seed\r\n\r\n"
                              "7\r\n--XyZ--\r\n";
    for (const std::string& body : {parts, "preamble\r\n" + parts}) {
        const auto fields = ltx::sim::parse_multipart(content_type, body);
        REQUIRE(fields);
        REQUIRE(fields->size() == 2);
        CHECK((*fields)[0] == std::pair<std::string, std::string>{"prompt", "Waves"});
        CHECK((*fields)[1] == std::pair<std::string, std::string>{"seed", "7"});
    }
}

TEST_CASE("parse_multipart refuses malformed bodies without throwing") {
    // A first delimiter one byte in: no room for the CRLF that must precede it.
    CHECK_FALSE(ltx::sim::parse_multipart(content_type, "x--XyZ\r\n"));
    CHECK_FALSE(ltx::sim::parse_multipart(content_type, "\n--XyZ--"));
    CHECK_FALSE(ltx::sim::parse_multipart(content_type, "ab--XyZ--")); // not after a CRLF
    CHECK_FALSE(ltx::sim::parse_multipart(content_type, "--XyZ\r\nno head end"));
    CHECK_FALSE(ltx::sim::parse_multipart(content_type, "--XyZ\r\nX: y\r\n\r\nunterminated"));
    CHECK_FALSE(ltx::sim::parse_multipart("multipart/form-data", "--XyZ--"));
    CHECK_FALSE(ltx::sim::parse_multipart("multipart/form-data; boundary=\"\"", "----"));
}
