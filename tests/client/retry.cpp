// Retry rules on simulated time: what is re-sent, when, and what never is.
#include <ltx/client.hpp>

#include "fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <system_error>

using ltx::errc;
using ltx::http::method;
using ltx::http::transport_errc;
using namespace ltx_test;
using std::chrono::milliseconds;

namespace {
std::size_t count_posts(const ltx::testing::mock_transport& m) {
    std::size_t n = 0;
    for (const auto& r : m.requests())
        n += r.method == method::post ? 1 : 0;
    return n;
}
const ltx::ltx_create_request create{.prompt = "p", .startAssetId = "a"};

// A transport's own category of certificate refusals, as the Asio adapter has: its codes
// compare equal to the condition of transport_errc::tls_failure.
class certificate_category final : public std::error_category {
public:
    const char* name() const noexcept override { return "test.certificate"; }
    std::string message(int) const override { return "certificate rejected"; }
    std::error_condition default_error_condition(int) const noexcept override {
        return {static_cast<int>(transport_errc::tls_failure), ltx::http::transport_category()};
    }
};
const certificate_category certificate_errors;

// The same, for refusals made in the handshake, before any byte of the request was sent.
class refusal_category final : public std::error_category {
public:
    const char* name() const noexcept override { return "test.refusal"; }
    std::string message(int) const override { return "certificate refused"; }
    std::error_condition default_error_condition(int) const noexcept override {
        return {static_cast<int>(transport_errc::certificate_refused),
                ltx::http::transport_category()};
    }
};
const refusal_category refusals;
} // namespace

TEST_CASE_FIXTURE(fixture, "a create refused by the server's certificate created nothing: its "
                           "error, not outcome_unknown, and never sent again") {
    for (const std::error_code e :
         {std::error_code{transport_errc::certificate_refused}, std::error_code{18, refusals}}) {
        CAPTURE(e.message());
        mock.expect(method::post).fail(e);
        std::error_code ec;
        ltx::diagnostics d;
        client.create_video(create, ec, d);
        CHECK(ec == e);
        CHECK(ltx::http::is_tls_failure(ec));
    }
    CHECK(count_posts(mock) == 2);
    // A TLS failure that may come after the request was written stays ambiguous.
    mock.expect(method::post).fail(transport_errc::tls_failure);
    std::error_code ec;
    ltx::diagnostics d;
    client.create_video(create, ec, d);
    CHECK(ec == ltx::errc::outcome_unknown);
}

TEST_CASE_FIXTURE(fixture, "a TLS failure is never retried, even for a GET") {
    const std::error_code refused{18, certificate_errors}; // "self-signed certificate"
    CHECK(ltx::http::is_tls_failure(refused));
    CHECK(ltx::http::is_tls_failure(transport_errc::tls_failure));
    CHECK_FALSE(ltx::http::is_tls_failure(transport_errc::connection_reset));
    CHECK_FALSE(ltx::http::is_tls_failure(std::error_code{}));
    CHECK_FALSE(ltx::http::is_tls_failure(std::error_code{18, std::generic_category()}));
    std::error_code e;
    SUBCASE("a certificate refusal of the transport's own category") {
        e = refused;
    }
    SUBCASE("transport_errc::tls_failure") {
        e = transport_errc::tls_failure;
    }
    for (int i = 0; i < 4; ++i)
        mock.expect(method::get).fail(e);
    auto cfg = test_config();
    cfg.retry.max_attempts = 4;
    ltx::basic_client c{mock, cfg, clock};
    std::error_code ec;
    ltx::diagnostics d;
    c.get_job("j", ec, d);
    CHECK(ec == e);
    CHECK(mock.requests().size() == 1);
    CHECK(clock.sleeps().empty());
}

TEST_CASE_FIXTURE(fixture, "GETs are retried on 408, 429, 5xx and transport errors") {
    mock.expect(method::get).respond(503, R"({"error":"busy"})");
    mock.expect(method::get).fail(transport_errc::connection_reset);
    mock.expect(method::get).respond(408);
    mock.expect(method::get).respond(200, completed_job);
    auto cfg = test_config();
    cfg.retry.max_attempts = 4;
    ltx::basic_client c{mock, cfg, clock};
    const auto j = c.get_job("j");
    CHECK(ltx::is_done(j));
    CHECK(mock.requests().size() == 4);
    CHECK(clock.sleeps().size() == 3);
}

TEST_CASE_FIXTURE(fixture, "full jitter: each pause within the growing, capped backoff") {
    auto cfg = test_config();
    cfg.retry = {.max_attempts = 6,
                 .initial_backoff = milliseconds{100},
                 .multiplier = 2.0,
                 .max_backoff = milliseconds{300}};
    ltx::basic_client c{mock, cfg, clock};
    for (int i = 0; i < 6; ++i)
        mock.expect(method::get).respond(500);
    std::error_code ec;
    ltx::diagnostics d;
    c.get_job("j", ec, d);
    CHECK(ec == errc::server_error);
    CHECK(mock.requests().size() == 6);
    const auto& s = clock.sleeps();
    REQUIRE(s.size() == 5);
    const long long caps[] = {100, 200, 300, 300, 300};
    for (std::size_t i = 0; i < s.size(); ++i) {
        CHECK(s[i].count() >= 0);
        CHECK(s[i].count() <= caps[i]);
    }
    // Jitter: the pauses are not all equal to their caps.
    CHECK((s[2].count() != 300 || s[3].count() != 300 || s[4].count() != 300));
}

TEST_CASE_FIXTURE(fixture, "Retry-After in seconds and as an HTTP-date is obeyed") {
    mock.expect(method::get).respond(429).header("Retry-After", "7");
    // The clock starts at 2026-01-01T00:00:00Z; seven seconds later has passed by then.
    mock.expect(method::get).respond(503).header("Retry-After", "Thu, 01 Jan 2026 00:00:19 GMT");
    mock.expect(method::get).respond(200, completed_job);
    client.get_job("j");
    REQUIRE(clock.sleeps().size() == 2);
    CHECK(clock.sleeps()[0] == milliseconds{7000});
    CHECK(clock.sleeps()[1] == milliseconds{12000});
}

TEST_CASE_FIXTURE(fixture, "a Retry-After above the ceiling ends the call at once") {
    mock.expect(method::get).respond(429, R"({"error":"slow down"})").header("Retry-After", "3600");
    std::error_code ec;
    ltx::diagnostics d;
    client.get_job("j", ec, d);
    CHECK(ec == errc::too_many_requests);
    CHECK(clock.sleeps().empty());
    CHECK(mock.requests().size() == 1);
}

TEST_CASE_FIXTURE(fixture, "the create POST is re-sent after a 429: it was not accepted") {
    mock.expect(method::post).respond(429, R"({"error":"too many jobs"})");
    mock.expect(method::post)
        .respond(429, R"({"error":"too many jobs"})")
        .header("Retry-After", "2");
    mock.expect(method::post).respond(200, R"({"jobId":"j"})");
    const auto j = client.create_video(create);
    CHECK(j.jobId == "j");
    CHECK(count_posts(mock) == 3);
    CHECK(mock.requests()[0].body == mock.requests()[2].body);
}

TEST_CASE_FIXTURE(fixture, "the create POST is re-sent when the connection failed before sending") {
    mock.expect(method::post).fail(transport_errc::connection_failed);
    mock.expect(method::post).respond(200, R"({"jobId":"j"})");
    CHECK(client.create_video(create).jobId == "j");
    CHECK(count_posts(mock) == 2);
}

TEST_CASE_FIXTURE(fixture, "the create POST is never re-sent after an ambiguous failure") {
    for (auto e : {transport_errc::timeout, transport_errc::connection_reset,
                   transport_errc::protocol_error, transport_errc::tls_failure}) {
        CAPTURE(static_cast<int>(e));
        ltx::testing::manual_clock k;
        ltx::testing::timed_mock_transport m{k};
        ltx::basic_client c{m, test_config(), k};
        m.expect(method::post).fail(e);
        m.expect(method::post).respond(200, R"({"jobId":"second"})"); // must stay unused
        std::error_code ec;
        ltx::diagnostics d;
        const auto j = c.create_video(create, ec, d);
        CHECK(ec == errc::outcome_unknown);
        CHECK(d.transport_error == e);
        CHECK(j.jobId.empty());
        CHECK(count_posts(m) == 1);
        no_token(ec, d);
    }
}

TEST_CASE_FIXTURE(fixture, "the create POST is not re-sent after a 5xx") {
    mock.expect(method::post).respond(502, R"({"error":"bad gateway"})");
    mock.expect(method::post).respond(200, R"({"jobId":"second"})");
    std::error_code ec;
    ltx::diagnostics d;
    client.create_video(create, ec, d);
    CHECK(ec == errc::server_error);
    CHECK(count_posts(mock) == 1);
}

TEST_CASE_FIXTURE(fixture, "429s on the create POST: attempts bounded, then the error") {
    for (int i = 0; i < 4; ++i)
        mock.expect(method::post).respond(429, R"({"error":"too many jobs"})");
    std::error_code ec;
    ltx::diagnostics d;
    client.create_video(create, ec, d);
    CHECK(ec == errc::too_many_requests);
    CHECK(d.server_message == "too many jobs");
    CHECK(count_posts(mock) == 4);
    CHECK(mock.failures().empty());
}

TEST_CASE_FIXTURE(fixture, "the final answer's Retry-After reaches the diagnostics") {
    auto once = test_config();
    once.retry.max_attempts = 1; // retries off: the first answer is the final one
    ltx::basic_client c{mock, once, clock};
    std::error_code ec;
    ltx::diagnostics d;
    SUBCASE("in seconds") {
        mock.expect(method::post)
            .respond(429, R"({"error":"too many jobs"})")
            .header("Retry-After", "7");
        c.create_video(create, ec, d);
        CHECK(ec == errc::too_many_requests);
        REQUIRE(d.retry_after);
        CHECK(*d.retry_after == std::chrono::seconds{7});
    }
    SUBCASE("as an HTTP-date, against the client's clock") {
        // The clock reads 2026-01-01T00:00:00Z.
        mock.expect(method::post)
            .respond(429, R"({"error":"too many jobs"})")
            .header("Retry-After", "Thu, 01 Jan 2026 00:00:19 GMT");
        c.create_video(create, ec, d);
        CHECK(ec == errc::too_many_requests);
        REQUIRE(d.retry_after);
        CHECK(*d.retry_after == std::chrono::seconds{19});
    }
    SUBCASE("absent, or not a delay: empty") {
        mock.expect(method::post).respond(429, R"({"error":"too many jobs"})");
        c.create_video(create, ec, d);
        CHECK(ec == errc::too_many_requests);
        CHECK_FALSE(d.retry_after);
        mock.expect(method::post)
            .respond(429, R"({"error":"too many jobs"})")
            .header("Retry-After", "soon");
        ltx::diagnostics e;
        c.create_video(create, ec, e);
        CHECK(ec == errc::too_many_requests);
        CHECK_FALSE(e.retry_after);
    }
    SUBCASE("after the retries are spent: the last answer's") {
        mock.expect(method::post)
            .respond(429, R"({"error":"too many jobs"})")
            .header("Retry-After", "1");
        mock.expect(method::post).respond(429, R"({"error":"too many jobs"})");
        mock.expect(method::post).respond(429, R"({"error":"too many jobs"})");
        mock.expect(method::post)
            .respond(429, R"({"error":"too many jobs"})")
            .header("Retry-After", "7");
        client.create_video(create, ec, d);
        CHECK(ec == errc::too_many_requests);
        CHECK(count_posts(mock) == 4);
        REQUIRE(d.retry_after);
        CHECK(*d.retry_after == std::chrono::seconds{7});
    }
    SUBCASE("an answer above the client's ceiling ends the call, its delay kept") {
        mock.expect(method::get)
            .respond(429, R"({"error":"slow down"})")
            .header("Retry-After", "3600");
        client.get_job("j", ec, d);
        CHECK(ec == errc::too_many_requests);
        REQUIRE(d.retry_after);
        CHECK(*d.retry_after == std::chrono::hours{1});
    }
    SUBCASE("a success after a 429 carries none") {
        mock.expect(method::get).respond(429).header("Retry-After", "2");
        mock.expect(method::get).respond(200, completed_job);
        client.get_job("j", ec, d);
        CHECK_FALSE(ec);
        CHECK_FALSE(d.retry_after);
    }
    CHECK(mock.satisfied());
}

TEST_CASE("retry_machine decisions") {
    using ltx::detail::attempt_outcome;
    using ltx::detail::retry_decision;
    using ltx::detail::retry_machine;
    const auto now = std::chrono::system_clock::time_point{};
    ltx::retry_policy p;
    retry_machine post{p, false, 1};
    CHECK(post.on_outcome({{}, false, 200, {}}, now).kind == retry_decision::finish);
    CHECK(post.on_outcome({{}, false, 408, {}}, now).kind == retry_decision::finish);
    CHECK(post.on_outcome({make_error_code(transport_errc::cancelled), false, 0, {}}, now).kind ==
          retry_decision::ambiguous);
    retry_machine get{p, true, 1};
    CHECK(get.on_outcome({{}, false, 404, {}}, now).kind == retry_decision::finish);
    CHECK(get.on_outcome({{}, false, 500, std::string_view{"0"}}, now).kind ==
          retry_decision::retry);
    CHECK(get.attempts() == 2);
}
