// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// TLS: certificates made at test time; the right CA is accepted, every bad certificate is
// refused with an error that says why.
#include <ltx/asio/tls.hpp>
#include <ltx/asio/detail/proxy.hpp>

#include "asio/transport_support.hpp"
#include "asio_servers/certs.hpp"
#include "asio_servers/test_server.hpp"

#include <doctest/doctest.h>

#include <asio/io_context.hpp>

#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <cstdio>
#include <cstdlib>

#include <filesystem>
#include <string>

namespace {

using ltx::test::make_request;
using namespace std::chrono_literals;

ltx_test::cert_request loopback() {
    return {.common_name = "localhost", .dns_names = {"localhost"}, .ip_addresses = {"127.0.0.1"}};
}

std::string local_url(const ltx_test::http_server& s, const char* host, const char* path) {
    return std::string("https://") + host + ":" + std::to_string(s.port()) + path;
}

struct ca_file {
    std::string path = ltx_test::write_temp_file("ca.pem", ltx_test::test_ca().cert);
    ~ca_file() { std::filesystem::remove(path); }
};

} // namespace

TEST_CASE("asio tls: a certificate issued by the trusted CA is accepted, by IP and by name") {
    ltx_test::http_server server{ltx_test::test_chain(loopback())};
    ca_file ca;
    auto ctx = ltx::asio::make_tls_context({.system_cas = false, .ca_file = ca.path});
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), ctx};
    for (const char* host : {"127.0.0.1", "localhost", "127.0.0.1"}) {
        CAPTURE(host);
        std::error_code ec;
        const auto r = t.send(make_request(local_url(server, host, "/json")), ec);
        REQUIRE_FALSE(ec);
        CHECK(r.body == R"({"ok":true})");
    }
    CHECK(t.send(make_request(local_url(server, "127.0.0.1", "/chunked"))).body ==
          "Hello, chunked world");
    CHECK(t.stats().connections_opened == 2); // one per origin: 127.0.0.1 and localhost
}

TEST_CASE("asio tls: a CA directory works too") {
    ltx_test::http_server server{ltx_test::test_chain(loopback())};
    // OpenSSL finds a CA in a directory by the hash of its subject name.
    const auto file = ltx_test::write_temp_file("ca-dir.pem", ltx_test::test_ca().cert);
    // Named after the file (process id and counter): test processes run side by side.
    const auto dir = std::filesystem::path{file + ".d"};
    std::filesystem::create_directories(dir);
    {
        auto probe = ltx::asio::make_tls_context({.system_cas = false, .ca_file = file});
        (void)probe;
    }
    X509* ca = nullptr;
    {
        BIO* bio = BIO_new_mem_buf(ltx_test::test_ca().cert.data(),
                                   static_cast<int>(ltx_test::test_ca().cert.size()));
        ca = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
    }
    REQUIRE(ca != nullptr);
    char hash[16];
    std::snprintf(hash, sizeof hash, "%08lx.0", X509_subject_name_hash(ca));
    X509_free(ca);
    std::filesystem::copy_file(file, dir / hash, std::filesystem::copy_options::overwrite_existing);
    auto ctx = ltx::asio::make_tls_context({.system_cas = false, .ca_dir = dir.string()});
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), ctx};
    std::error_code ec;
    CHECK(t.send(make_request(local_url(server, "127.0.0.1", "/json")), ec).status == 200);
    CHECK_FALSE(ec);
    std::filesystem::remove_all(dir);
    std::filesystem::remove(file);
}

TEST_CASE("asio tls: bad certificates are refused, and the error says why") {
    ca_file ca;
    auto ctx = ltx::asio::make_tls_context({.system_cas = false, .ca_file = ca.path});
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), ctx};
    std::error_code ec;

    SUBCASE("self-signed") {
        ltx_test::http_server server{ltx_test::test_chain(loopback(), true)};
        t.send(make_request(local_url(server, "127.0.0.1", "/json")), ec);
        CHECK(ec.category() == ltx::asio::tls_verify_category());
        CHECK(ec.value() == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
        CHECK(ec.message().find("self-signed") != std::string::npos);
        CHECK(server.requests().empty());
    }
    SUBCASE("expired") {
        auto req = loopback();
        req.not_before = -48h;
        req.not_after = -1h;
        ltx_test::http_server server{ltx_test::test_chain(req)};
        t.send(make_request(local_url(server, "127.0.0.1", "/json")), ec);
        CHECK(ec.value() == X509_V_ERR_CERT_HAS_EXPIRED);
        CHECK(ec.message().find("expired") != std::string::npos);
    }
    SUBCASE("issued for another host name") {
        ltx_test::http_server server{
            ltx_test::test_chain({.common_name = "other.example", .dns_names = {"other.example"}})};
        t.send(make_request(local_url(server, "localhost", "/json")), ec);
        CHECK(ec.value() == X509_V_ERR_HOSTNAME_MISMATCH);
        CHECK(ec.message().find("hostname mismatch") != std::string::npos);
        t.send(make_request(local_url(server, "127.0.0.1", "/json")), ec);
        CHECK(ec.value() == X509_V_ERR_IP_ADDRESS_MISMATCH);
    }
    SUBCASE("issued by an authority the context does not trust") {
        ltx_test::http_server server{ltx_test::test_chain(loopback())};
        auto system_only = ltx::asio::default_tls_context();
        ltx::asio::transport other{io.get_executor(), system_only};
        other.send(make_request(local_url(server, "127.0.0.1", "/json")), ec);
        CHECK(ec.value() == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN);
    }
    CHECK(ltx::asio::is_tls_error(ec));
    CHECK(ltx::http::is_tls_failure(ec));
    CHECK(
        ec.default_error_condition() ==
        make_error_code(ltx::http::transport_errc::certificate_refused).default_error_condition());
    CHECK(ltx::http::request_not_sent(ec)); // refused in the handshake: nothing was sent
}

TEST_CASE("asio tls: a server that does not speak TLS fails the handshake, nothing was sent") {
    ltx_test::http_server plain;
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    std::error_code ec;
    t.send(make_request("https://127.0.0.1:" + std::to_string(plain.port()) + "/json"), ec);
    CAPTURE(ec.message());
    CHECK((ltx::asio::is_tls_error(ec) || ec == ltx::http::transport_errc::connection_failed));
    CHECK(plain.requests().empty());
}

TEST_CASE("asio tls: https through a CONNECT proxy, the certificate checked end to end") {
    ltx_test::http_server server{ltx_test::test_chain(loopback())};
    ltx_test::connect_proxy proxy;
    ca_file ca;
    auto ctx = ltx::asio::make_tls_context({.system_cas = false, .ca_file = ca.path});
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), ctx, {.proxy = {.https_proxy = proxy.url()}}};
    for (int i = 0; i < 2; ++i) {
        std::error_code ec;
        const auto r = t.send(make_request(local_url(server, "localhost", "/json")), ec);
        REQUIRE_FALSE(ec);
        CHECK(r.body == R"({"ok":true})");
    }
    const auto lines = proxy.request_lines();
    REQUIRE(lines.size() == 1); // the tunnel is kept alive with its connection
    CHECK(lines[0] == "CONNECT localhost:" + std::to_string(server.port()) + " HTTP/1.1");
    CHECK(server.connections() == 1);

    SUBCASE("a host in no_proxy is reached directly") {
        ltx::asio::transport direct{
            io.get_executor(),
            ctx,
            {.proxy = {.https_proxy = proxy.url(), .no_proxy = "example.com, localhost:8443"}}};
        CHECK(direct.send(make_request(local_url(server, "localhost", "/json"))).status == 200);
        CHECK(proxy.request_lines().size() == 1);
    }
    SUBCASE("a tunnel the proxy refuses is connection_failed") {
        std::error_code ec;
        t.send(make_request("https://127.0.0.1:" + std::to_string(ltx_test::unused_port()) + "/"),
               ec);
        CHECK(ec == ltx::http::transport_errc::connection_failed);
    }
    SUBCASE("a wrong certificate behind the proxy is still refused") {
        ltx_test::http_server other{
            ltx_test::test_chain({.common_name = "other.example", .dns_names = {"other.example"}})};
        std::error_code ec;
        t.send(make_request(local_url(other, "localhost", "/json")), ec);
        CHECK(ec.value() == X509_V_ERR_HOSTNAME_MISMATCH);
    }
}

TEST_CASE("asio transport: plain http through a proxy uses the absolute form") {
    ltx_test::http_server proxy; // records what it receives
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor(), {.proxy = {.http_proxy = proxy.url("")}}};
    t.send(make_request("http://api.example:8080/v1/x?y=1"));
    const auto got = proxy.requests().at(0);
    CHECK(got.target == "http://api.example:8080/v1/x?y=1");
}

TEST_CASE("asio proxy: NO_PROXY matching and the environment") {
    using ltx::asio::detail::bypasses_proxy;
    CHECK(bypasses_proxy("*", "anything.example"));
    CHECK(bypasses_proxy("example.com", "api.example.com"));
    CHECK(bypasses_proxy(".example.com", "example.com"));
    CHECK(bypasses_proxy("*.example.com", "a.b.example.com"));
    CHECK_FALSE(bypasses_proxy("example.com", "badexample.com"));
    CHECK(bypasses_proxy("localhost:8443, 10.0.0.1", "10.0.0.1"));
    CHECK(bypasses_proxy("[::1]", "::1"));
    CHECK(bypasses_proxy(" Example.COM ", "api.example.com"));
    CHECK_FALSE(bypasses_proxy("", "localhost"));
    ::setenv("https_proxy", "proxy.internal:3128", 1);
    ::setenv("NO_PROXY", "localhost", 1);
    const auto p = ltx::asio::proxy_from_environment();
    ::unsetenv("https_proxy");
    ::unsetenv("NO_PROXY");
    CHECK(p.https_proxy == "proxy.internal:3128");
    CHECK(p.no_proxy == "localhost");
    std::error_code ec;
    const auto via = ltx::asio::detail::proxy_for(
        p, ltx::http::parse_url("https://api.useapi.net/").value(), ec);
    CHECK_FALSE(ec);
    REQUIRE(via.has_value());
    CHECK(via->url.port() == 3128);
    CHECK(via->authorization.empty());
    CHECK_FALSE(
        ltx::asio::detail::proxy_for(p, ltx::http::parse_url("https://localhost/").value(), ec)
            .has_value());
}

TEST_CASE("asio proxy: credentials in the proxy URL") {
    using ltx::asio::detail::base64;
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foo") == "Zm9v");
    CHECK(base64("user:p@ss") == "dXNlcjpwQHNz");
    const auto target = ltx::http::parse_url("https://api.useapi.net/").value();
    std::error_code ec;
    const auto via =
        ltx::asio::detail::proxy_for({.https_proxy = "http://user:p%40ss@proxy:3128"}, target, ec);
    REQUIRE(via.has_value());
    CHECK(via->url.host() == "proxy");
    CHECK(via->url.port() == 3128);
    CHECK(via->authorization == "Basic dXNlcjpwQHNz");
    CHECK(
        ltx::asio::detail::proxy_for({.https_proxy = "me@proxy:3128"}, target, ec)->authorization ==
        "Basic " + base64("me:"));
    CHECK_FALSE(ltx::asio::detail::proxy_for({.https_proxy = "http://a:%zz@proxy"}, target, ec));
    CHECK(ec == std::errc::invalid_argument);
}

TEST_CASE("asio tls: proxy credentials reach the proxy alone, never an error message") {
    ltx_test::http_server server{ltx_test::test_chain(loopback())};
    ltx_test::connect_proxy proxy{"Basic dXNlcjpwQHNz"}; // user:p@ss
    ca_file ca;
    auto ctx = ltx::asio::make_tls_context({.system_cas = false, .ca_file = ca.path});
    ::asio::io_context io;
    const std::string port = std::to_string(proxy.port());
    SUBCASE("the right ones open the tunnel") {
        ltx::asio::transport t{io.get_executor(),
                               ctx,
                               {.proxy = {.https_proxy = "http://user:p%40ss@127.0.0.1:" + port}}};
        const auto r = t.send(make_request(local_url(server, "localhost", "/json")));
        CHECK(r.status == 200);
        REQUIRE(proxy.request_heads().size() == 1);
        CHECK(proxy.request_heads()[0].find("Proxy-Authorization: Basic dXNlcjpwQHNz\r\n") !=
              std::string::npos);
        const auto received = server.requests();
        REQUIRE(received.size() == 1);
        for (const auto& [name, value] : received[0].headers) {
            CHECK(name != "Proxy-Authorization"); // the tunnel carries it no further
        }
    }
    SUBCASE("wrong ones are connection_failed, and the message shows no password") {
        ltx::asio::transport t{io.get_executor(),
                               ctx,
                               {.proxy = {.https_proxy = "http://user:hunter2@127.0.0.1:" + port}}};
        std::error_code ec;
        t.send(make_request(local_url(server, "localhost", "/json")), ec);
        CHECK(ec == ltx::http::transport_errc::connection_failed);
        CHECK(ec.message().find("hunter2") == std::string::npos);
        CHECK(server.requests().empty());
    }
}

TEST_CASE("asio transport: proxy credentials go with absolute-form requests") {
    ltx_test::http_server proxy; // records what it receives
    ::asio::io_context io;
    const std::string port = std::to_string(proxy.port());
    ltx::asio::transport t{io.get_executor(),
                           {.proxy = {.http_proxy = "http://user:p%40ss@127.0.0.1:" + port}}};
    t.send(make_request("http://example.invalid/json"));
    const auto got = proxy.requests().at(0);
    CHECK(got.target == "http://example.invalid/json");
    bool found = false;
    for (const auto& [name, value] : got.headers) {
        found = found || (name == "Proxy-Authorization" && value == "Basic dXNlcjpwQHNz");
    }
    CHECK(found);
}
