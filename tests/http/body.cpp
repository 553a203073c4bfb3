// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/body.hpp>

#include <ltx/http/message.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <filesystem>
#include <fstream>
#include <string>

using ltx::http::body;
using ltx::http::file_body;

namespace {

// A file in the temp directory, removed when the object goes.
struct temp_file {
    std::filesystem::path path;
    explicit temp_file(std::string_view name, std::string_view content)
        : path(std::filesystem::temp_directory_path() / std::string(name)) {
        std::ofstream(path, std::ios::binary) << content;
    }
    ~temp_file() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
};

} // namespace

TEST_CASE("file_body: sized at construction") {
    const temp_file f("ltx_http_body_test_a.bin", std::string("PNG\0data", 8));
    const file_body fb(f.path);
    CHECK(fb.path() == f.path);
    CHECK(fb.size() == 8);

    std::error_code ec;
    const file_body fb2(f.path, ec);
    CHECK_FALSE(ec);
    CHECK(fb2 == fb);
}

TEST_CASE("file_body: a missing file or a directory is an error") {
    const auto missing = std::filesystem::temp_directory_path() / "ltx_http_body_no_such_file";
    CHECK_THROWS_AS(file_body{missing}, std::filesystem::filesystem_error);
    std::error_code ec;
    const file_body fb(missing, ec);
    CHECK(ec);
    CHECK(fb.size() == 0);

    const file_body dir(std::filesystem::temp_directory_path(), ec);
    CHECK(ec == std::errc::invalid_argument);
    CHECK_THROWS_AS(file_body{std::filesystem::temp_directory_path()},
                    std::filesystem::filesystem_error);
}

TEST_CASE("file_body: a trusted size does no file system access") {
    const file_body fb("/nonexistent/ltx", 1234);
    CHECK(fb.size() == 1234);
}

TEST_CASE("body: bytes or file") {
    body empty;
    CHECK_FALSE(empty.is_file());
    CHECK(empty.empty());
    REQUIRE(empty.bytes() != nullptr);
    CHECK(empty.bytes()->empty());

    body text = "{\"a\":1}";
    CHECK(text.size() == 7);
    CHECK(*text.bytes() == "{\"a\":1}");
    CHECK(text.file() == nullptr);
    text.bytes()->append("x");
    CHECK(text.size() == 8);

    const body file = file_body("/nonexistent/ltx", 42);
    CHECK(file.is_file());
    CHECK(file.bytes() == nullptr);
    REQUIRE(file.file() != nullptr);
    CHECK(file.size() == 42);
    CHECK_FALSE(file.empty());

    CHECK(body(std::string("ab")) == body(std::string_view("ab")));
    CHECK_FALSE(body("ab") == body(file_body("ab", 2)));
}

TEST_CASE("request and response: aggregates with useful defaults") {
    using namespace ltx::http;
    const request req{
        .method = method::post,
        .url = parse_url("https://api.useapi.net/v1/ltxstudio/videos/ltx-create").value(),
        .headers = {{"Content-Type", "application/json"}},
        .body = "{}",
        .timeout = std::chrono::seconds(30),
    };
    CHECK(req.method == method::post);
    CHECK(req.url.target() == "/v1/ltxstudio/videos/ltx-create");
    CHECK(req.headers.find("content-type") == "application/json");
    CHECK(req.body.size() == 2);
    CHECK(req.timeout == std::chrono::milliseconds(30000));
    CHECK(req.sink == nullptr);

    const request defaults;
    CHECK(defaults.method == method::get);
    CHECK(defaults.url.empty());
    CHECK(defaults.timeout.count() == 0);

    response res;
    CHECK(res.status == 0);
    CHECK_FALSE(res.ok());
    res.status = 204;
    CHECK(res.ok());
    res.status = 302;
    CHECK_FALSE(res.ok());
}
