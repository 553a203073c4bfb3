// Shared set-up of the client tests: a client over the scripted mock on simulated time, and
// the check, applied to every message a test sees, that the token never leaks.
#ifndef LTX_TESTS_CLIENT_FIXTURE_HPP
#define LTX_TESTS_CLIENT_FIXTURE_HPP

#include <ltx/client.hpp>
#include <ltx/testing/manual_clock.hpp>
#include <ltx/testing/mock_transport.hpp>

#include <doctest/doctest.h>

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

/// Fails the test when `text` contains the token.
inline void no_token(const std::string& text) {
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

inline const std::string completed_job =
    R"({"status":{"type":"completed","progress":100,"artifact":{"assetUrl":"https://storage.example.test/v/a.mp4?sig=1","expirationDateString":"1748919477350","asset":{"type":"artifact","fileId":"asset:1-type:video/mp4","mimeType":"video/mp4"}}},"jobId":"email:me@example.com:1-type:video","code":200})";

inline std::string active_job(int progress) {
    return R"({"status":{"type":"active","progress":)" + std::to_string(progress) +
           R"(},"jobId":"email:me@example.com:1-type:video"})";
}

} // namespace ltx_test

#endif
