// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Example: one GET through the curl transport. Usage: ltx_example_curl_transport <url>
// Prints the status line, then the body, to standard output.
#include "curl_transport.hpp"

#include <ltx/http/url.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <http or https URL>\n", argc > 0 ? argv[0] : "example");
        return 2;
    }
    // Errors below never print the URL: a signed URL carries a credential in its query.
    const auto url = ltx::http::parse_url(argv[1]);
    if (!url) {
        std::fprintf(stderr, "invalid URL: %s\n", url.error().message().c_str());
        return 2;
    }
    try {
        example::curl_transport transport;
        const ltx::http::request req{
            .method = ltx::http::method::get,
            .url = *url,
            .headers = {{"User-Agent", "ltx-example/0.1"}, {"Accept", "*/*"}},
            .body = {},
            .timeout = std::chrono::seconds{30},
            .sink = nullptr,
        };
        std::error_code ec;
        const ltx::http::response res = transport.send(req, ec);
        if (ec) {
            std::fprintf(stderr, "request failed: %s\n", ec.message().c_str());
            return 1;
        }
        std::printf("HTTP %d\n", res.status);
        std::fwrite(res.body.data(), 1, res.body.size(), stdout);
        return res.ok() ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
