// Test support for the simulator: starting it in-process and a small HTTP/1.1 client on
// Boost.Beast whose every exchange is bounded by a timeout.
#ifndef LTX_TESTS_SIM_SUPPORT_HPP
#define LTX_TESTS_SIM_SUPPORT_HPP

#include "../../tools/ltx-sim/sim/artifacts.hpp"
#include "../../tools/ltx-sim/sim/server.hpp"

#include <ltx/api/endpoints.hpp>
#include <ltx/config.hpp>
#include <ltx/reflect.hpp>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include "../secrets.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

namespace sim_test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

/// The API token of the simulator's tests. It holds SECRET, so the suite's secrets scan
/// (tests/secrets.hpp) fails if it shows in anything collected.
inline constexpr const char* sim_token = "sim-SECRET-token";

/// A log that hands each complete line to the secrets scan's collector, as source `sim`.
class recording_buf : public std::streambuf {
protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        if (traits_type::to_char_type(c) == '\n') {
            ltx_test::record_output("sim", line_);
            line_.clear();
        } else {
            line_ += traits_type::to_char_type(c);
        }
        return c;
    }

private:
    std::string line_;
};

/// A log of its own for each simulator (each writes from its own thread), kept to the end of
/// the process; none when the suite is not collecting for the secrets scan.
inline std::ostream* secrets_log() {
    if (std::getenv("LTX_SECRETS_LOG") == nullptr)
        return nullptr;
    struct log {
        recording_buf buf;
        std::ostream out{&buf};
    };
    static std::mutex m;
    static std::deque<std::unique_ptr<log>> logs;
    const std::lock_guard lock{m};
    return &logs.emplace_back(std::make_unique<log>())->out;
}

/// Options for a test: OS-picked ports, the committed fixtures, instant jobs, a fixed seed,
/// the token `sim_token`. When the secrets scan collects, every request is logged into it.
inline ltx::sim::options test_options() {
    ltx::sim::options o;
    o.fixtures_dir = LTX_TESTS_SOURCE_DIR "/../tools/ltx-sim/fixtures";
    o.speed = std::chrono::milliseconds{0};
    o.seed = 42;
    o.tokens = {sim_token};
    o.log = secrets_log();
    o.verbose = o.log != nullptr;
    return o;
}

/// The MP4 the simulator serves for a video of `seconds` seconds in aspect ratio `a`.
inline std::string video_fixture(unsigned seconds = 3,
                                 ltx::sim::frame_aspect a = ltx::sim::frame_aspect::landscape) {
    return *ltx::sim::detail::read_fixture(test_options().fixtures_dir,
                                           ltx::sim::video_fixture_name(seconds, a).c_str());
}

using response = http::response<http::string_body>;

/// One keep-alive connection to a listener. Each exchange must finish within `timeout`.
class client {
public:
    static constexpr std::chrono::seconds timeout{20};

    explicit client(std::uint16_t port, std::string token = sim_token)
        : stream_(io_), token_(std::move(token)) {
        stream_.expires_after(timeout);
        stream_.async_connect(tcp::endpoint{net::ip::make_address("127.0.0.1"), port},
                              [this](beast::error_code ec) { ec_ = ec; });
        run();
        REQUIRE_MESSAGE(!ec_, "connect: " << ec_.message());
    }

    /// Sends a request and reads the answer. `token` empty: no Authorization header.
    response call(http::verb method, std::string target, std::string body = {},
                  std::string content_type = "application/json",
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        if (!token_.empty())
            req.set(http::field::authorization, "Bearer " + token_);
        if (!content_type.empty() && (method == http::verb::post || !body.empty()))
            req.set(http::field::content_type, content_type);
        for (auto& [name, value] : headers)
            req.set(name, value);
        req.body() = std::move(body);
        req.prepare_payload();
        stream_.expires_after(timeout);
        http::async_write(stream_, req, [this](beast::error_code ec, std::size_t) { ec_ = ec; });
        run();
        REQUIRE_MESSAGE(!ec_, "write: " << ec_.message());
        http::response_parser<http::string_body> parser;
        parser.body_limit(1u << 30);
        parser.skip(method == http::verb::head); // the answer to HEAD has no body
        stream_.expires_after(timeout);
        http::async_read(stream_, buffer_, parser,
                         [this](beast::error_code ec, std::size_t) { ec_ = ec; });
        run();
        last_error_ = ec_;
        return parser.release();
    }

    response get(std::string target) { return call(http::verb::get, std::move(target)); }
    response post(std::string target, std::string body,
                  std::string content_type = "application/json") {
        return call(http::verb::post, std::move(target), std::move(body), std::move(content_type));
    }

    /// The error of the last read (an answer that never came: a dropped connection).
    beast::error_code last_error() const { return last_error_; }

private:
    void run() {
        io_.restart();
        io_.run();
    }

    net::io_context io_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::string token_;
    beast::error_code ec_;
    beast::error_code last_error_;
};

/// Decodes a body into a library model; fails the test when it does not decode.
template <class T> T decode(const response& r) {
    T out{};
    ltx::reflect::json_error err;
    const bool ok = ltx::reflect::read_json(r.body(), out, err);
    REQUIRE_MESSAGE(ok, "body " << r.body() << ": " << err.path << " " << err.message);
    return out;
}

/// The `error` text of an error body.
inline std::string error_of(const response& r) {
    return decode<ltx::error_body>(r).error.value_or("");
}

/// The API target of an endpoint for a request, with the leading slash.
template <class E> std::string target(const typename E::request& req) {
    return "/" + ltx::request_target<E>(req);
}

/// Uploads the sample PNG (to `email`'s account when given) and returns its fileId.
inline std::string upload_png(client& c, const std::string& email = "") {
    const auto png = ltx::sim::detail::read_fixture(
        LTX_TESTS_SOURCE_DIR "/../tools/ltx-sim/fixtures", "start.png");
    const ltx::upload_asset_request q{email.empty() ? std::nullopt : std::optional{email},
                                      ltx::upload_type::image};
    const auto r = c.post(target<ltx::endpoints::upload_asset>(q), *png, "image/png");
    REQUIRE(r.result_int() == 200);
    return decode<ltx::signed_asset>(r).asset.value().fileId.value();
}

/// The path and query of an absolute URL (`http://host:port/x?y` -> `/x?y`).
inline std::string path_of(const std::string& url) {
    const auto slash = url.find('/', url.find("://") + 3);
    return url.substr(slash);
}

/// A client configuration for `sim`: its known token, its API URL, quick and reproducible
/// retries.
inline ltx::config config_for(ltx::sim::background_server& sim) {
    ltx::config c;
    c.token = sim_token;
    c.base_url = sim->api_url() + "/v1/ltxstudio/";
    c.retry.initial_backoff = std::chrono::milliseconds{1};
    c.retry.max_backoff = std::chrono::milliseconds{5};
    c.jitter_seed = 3;
    return c;
}

/// A valid `videos/ltx-create` request starting from `file_id`.
inline ltx::ltx_create_request create_req(const std::string& file_id,
                                          std::string prompt = "A river") {
    ltx::ltx_create_request r;
    r.prompt = std::move(prompt);
    r.startAssetId = file_id;
    return r;
}

/// The target of `GET assets/{jobId}`.
inline std::string job_target(const std::string& job_id) {
    return target<ltx::endpoints::get_job>(ltx::get_job_request{job_id});
}

/// The job `id` once done (instant jobs read `completed` once without their URL first).
inline ltx::job done_job(client& c, const std::string& id) {
    ltx::job j;
    for (int i = 0; i < 3 && !ltx::is_done(j); ++i)
        j = decode<ltx::job>(c.get(job_target(id)));
    return j;
}

} // namespace sim_test

#endif
