// Builds an ltx-create request, validates it, and prints the HTTP request it becomes.
// With a bad request it prints every violation instead and exits with status 2.
//
//   build_request [prompt] [startAssetId]
#include <ltx/ltx.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    ltx::ltx_create_request req{
        .prompt = argc > 1 ? argv[1] : "A serene landscape with flowing water",
        .startAssetId =
            argc > 2 ? argv[2] : "asset:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b-type:image/png",
        .duration = ltx::duration::s5,
        .aspectRatio = ltx::aspect_ratio::landscape_16_9,
    };

    if (const auto violations = ltx::reflect::validate(req); !violations.empty()) {
        for (const auto& v : violations)
            std::cerr << "invalid: " << ltx::reflect::to_string(v) << '\n';
        return 2;
    }

    using endpoint = ltx::endpoints::create_video;
    const std::string body = ltx::reflect::to_json(req);
    std::cout << ltx::http::to_string(endpoint::method) << " /v1/ltxstudio/"
              << ltx::request_target<endpoint>(req) << " HTTP/1.1\r\n"
              << "Host: api.useapi.net\r\n"
              << "Authorization: Bearer <redacted>\r\n"
              << "Content-Type: application/json\r\n"
              << "Content-Length: " << body.size() << "\r\n\r\n"
              << body << '\n';
    return 0;
}
