// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include <ltx/http/error.hpp>

#include <doctest/doctest.h>

#include <ostream> // doctest prints std::error_code through operator<<
#include <string>

using ltx::http::request_not_sent;
using ltx::http::transport_errc;

TEST_CASE("transport errors: category, messages, conditions") {
    const std::error_code timeout = transport_errc::timeout;
    CHECK(std::string(timeout.category().name()) == "ltx.transport");
    CHECK(timeout == transport_errc::timeout);
    CHECK(timeout == std::errc::timed_out);
    CHECK(std::error_code(transport_errc::connection_reset) == std::errc::connection_reset);
    CHECK(std::error_code(transport_errc::cancelled) == std::errc::operation_canceled);
    CHECK_FALSE(std::error_code(transport_errc::tls_failure) == std::errc::timed_out);
    CHECK(std::error_code(transport_errc::pool_timeout) == std::errc::timed_out);
    CHECK(std::error_code(transport_errc::pool_timeout) != transport_errc::timeout);
    for (int ev = 1; ev <= static_cast<int>(transport_errc::certificate_refused); ++ev) {
        CAPTURE(ev);
        const std::error_code ec(ev, ltx::http::transport_category());
        CHECK_FALSE(ec.message().empty());
        CHECK(ec.message() != "unknown transport error");
    }
}

// A transport's own category of certificate refusals, as the Asio adapter has.
class refusals final : public std::error_category {
public:
    const char* name() const noexcept override { return "test.refusals"; }
    std::string message(int) const override { return "certificate rejected"; }
    std::error_condition default_error_condition(int) const noexcept override {
        return {static_cast<int>(transport_errc::certificate_refused),
                ltx::http::transport_category()};
    }
};
const refusals refusal_category;

TEST_CASE("transport errors: only connection_failed, pool_timeout and a refused certificate "
          "guarantee nothing was sent") {
    CHECK(request_not_sent(transport_errc::connection_failed));
    CHECK(request_not_sent(transport_errc::pool_timeout));
    CHECK(request_not_sent(transport_errc::certificate_refused));
    const std::error_code refused{18, refusal_category};
    CHECK(request_not_sent(refused));
    // A refused certificate is a TLS failure too, whichever category says so.
    CHECK(ltx::http::is_tls_failure(transport_errc::certificate_refused));
    CHECK(ltx::http::is_tls_failure(refused));
    CHECK(std::error_code(transport_errc::certificate_refused) != transport_errc::tls_failure);
    for (auto e :
         {transport_errc::connection_reset, transport_errc::timeout, transport_errc::tls_failure,
          transport_errc::body_too_large, transport_errc::headers_too_large,
          transport_errc::protocol_error, transport_errc::cancelled}) {
        CAPTURE(static_cast<int>(e));
        CHECK_FALSE(request_not_sent(e));
    }
    CHECK_FALSE(request_not_sent(std::error_code{}));
    // Same value, other category: unknown origin, so not "unsent".
    CHECK_FALSE(request_not_sent(std::error_code(1, std::generic_category())));
    CHECK_FALSE(request_not_sent(std::make_error_code(std::errc::connection_refused)));
}
