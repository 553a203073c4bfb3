// Shared set-up of the client tests: a client over the scripted mock on simulated time, and
// the check, applied to every message a test sees, that the token never leaks.
#ifndef LTX_TESTS_CLIENT_FIXTURE_HPP
#define LTX_TESTS_CLIENT_FIXTURE_HPP

#include <ltx/client.hpp>
#include <ltx/testing/manual_clock.hpp>
#include <ltx/testing/mock_transport.hpp>

#include "../secrets.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace ltx_test {

inline constexpr const char* token = "tok-SECRET-0123456789";
inline constexpr const char* base = "https://api.example.test/v1/ltxstudio/";

inline ltx::config test_config() {
    ltx::config c;
    c.token = token;
    c.base_url = base;
    c.jitter_seed = 42;
    return c;
}

/// Fails the test when `text` contains the token; hands it to the suite-wide scan.
inline void no_token(const std::string& text) {
    record_output("client", text);
    CAPTURE(text);
    CHECK(text.find(token) == std::string::npos);
    CHECK(text.find("SECRET") == std::string::npos);
}

inline void no_token(std::error_code ec, const ltx::diagnostics& d) {
    no_token(d.to_string(ec));
    no_token(d.server_message);
    no_token(d.detail);
}

struct fixture {
    ltx::testing::manual_clock clock;
    ltx::testing::timed_mock_transport mock{clock};
    ltx::basic_client<ltx::testing::timed_mock_transport, ltx::testing::manual_clock> client{
        mock, test_config(), clock};
};

/// A fresh directory under the system's temporary one, removed with everything in it.
struct temp_dir {
    std::filesystem::path path;
    temp_dir() {
        path = std::filesystem::temp_directory_path() /
               ("ltx-download-" + std::to_string(std::random_device{}()) +
                std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator{path},
                                                      std::filesystem::directory_iterator{}));
    }
};

/// The bytes of the file at `p`.
inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// `n` bytes of a recognisable pattern.
inline std::string video_bytes(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>(i * 31 + 7);
    return s;
}

inline const std::string completed_job =
    R"({"status":{"type":"completed","progress":100,"artifact":{"assetUrl":"https://storage.example.test/v/a.mp4?sig=1","expirationDateString":"1748919477350","asset":{"type":"artifact","fileId":"asset:1-type:video/mp4","mimeType":"video/mp4"}}},"jobId":"email:me@example.com:1-type:video","code":200})";

inline std::string active_job(int progress) {
    return R"({"status":{"type":"active","progress":)" + std::to_string(progress) +
           R"(},"jobId":"email:me@example.com:1-type:video"})";
}

} // namespace ltx_test

#endif
