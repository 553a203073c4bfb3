// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The fault matrix: one table of server misbehaviours, each met by the LTX Studio client over
// ltx::asio::transport on loopback, with the outcome it must end in (success after retries, or
// a typed error), how many requests the server saw (for the create POST: exactly 0 or 1, since
// a job is paid for), and a bound on the time it takes. A scripted server plays each row: for
// its i-th request it reads the whole request, then plays the i-th answer of the row (the last
// one for later requests): bytes, pauses, a drip, a reset (RST), a close (FIN) or silence.
// The README's "Fault matrix" table lists the same rows.
#include <ltx/asio.hpp>
#include <ltx/client.hpp>
#include <ltx/detail/ascii.hpp>
#include <ltx/detail/http_date.hpp>

#include "asio_servers/certs.hpp"
#include "asio_servers/test_server.hpp"
#include "reference_bodies.hpp"
#include "secrets.hpp"

#include <doctest/doctest.h>

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/read_until.hpp>
#include <asio/write.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace fault_matrix_test {

using namespace std::chrono_literals;
using tcp = ::asio::ip::tcp;
using ltx::errc;
using ltx::http::transport_errc;

// ---- the scripted server ------------------------------------------------------------------

/// One step of an answer.
struct act {
    enum kind { write, drip, pause, reset, close, hang } what;
    std::string bytes{};
    std::chrono::milliseconds delay{0};
};
using answer = std::vector<act>;

act send(std::string bytes) {
    return {act::write, std::move(bytes)};
}
act drip(std::string bytes, std::chrono::milliseconds per_byte) {
    return {act::drip, std::move(bytes), per_byte};
}
act wait_for(std::chrono::milliseconds d) {
    return {act::pause, {}, d};
}
const act rst{act::reset};
const act fin{act::close};
const act silence{act::hang};

/// Plays a row's answers; see the top of the file. `reset_on_accept` resets every connection
/// as soon as it is accepted (a TLS handshake cut short).
class scripted_server {
public:
    explicit scripted_server(std::vector<answer> answers, bool reset_on_accept = false)
        : answers_(std::move(answers)), reset_on_accept_(reset_on_accept),
          acceptor_(io_, {::asio::ip::make_address("127.0.0.1"), 0}),
          thread_([this] { accept_loop(); }) {}

    ~scripted_server() {
        stopping_ = true;
        {
            std::error_code ignored;
            tcp::socket wake{io_};
            wake.connect(acceptor_.local_endpoint(), ignored); // ends the blocking accept
        }
        thread_.join();
        {
            std::lock_guard lock{mutex_};
            for (int fd : open_)
                ::shutdown(fd, SHUT_RDWR); // ends a blocking read or write
        }
        cv_.notify_all();
        for (auto& w : workers_)
            w.join();
    }
    scripted_server(const scripted_server&) = delete;
    scripted_server& operator=(const scripted_server&) = delete;

    std::string url(std::string_view path, std::string_view scheme = "http") const {
        return std::string{scheme} +
               "://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
               std::string{path};
    }
    /// The heads of the requests read so far, in order.
    std::vector<std::string> requests() const {
        std::lock_guard lock{mutex_};
        return requests_;
    }
    std::size_t connections() const { return connections_; }

private:
    void accept_loop() {
        for (;;) {
            auto socket = std::make_shared<tcp::socket>(io_);
            std::error_code ec;
            acceptor_.accept(*socket, ec);
            if (stopping_ || ec)
                return;
            ++connections_;
            if (reset_on_accept_) {
                reset(*socket);
                continue;
            }
            workers_.emplace_back([this, socket] { serve(*socket); });
        }
    }

    static void reset(tcp::socket& s) {
        std::error_code ignored;
        s.set_option(::asio::socket_base::linger(true, 0), ignored);
        s.close(ignored);
    }

    void serve(tcp::socket& s) {
        {
            std::lock_guard lock{mutex_};
            open_.insert(s.native_handle());
        }
        std::string buffer;
        while (!stopping_) {
            std::string head;
            if (!read_request(s, buffer, head))
                break;
            std::size_t index = 0;
            {
                std::lock_guard lock{mutex_};
                index = requests_.size();
                requests_.push_back(std::move(head));
            }
            if (!play(s, answers_.at(std::min(index, answers_.size() - 1))))
                break;
        }
        std::lock_guard lock{mutex_};
        open_.erase(s.native_handle());
        std::error_code ignored;
        s.close(ignored);
    }

    // Reads one whole request (head, and the body its Content-Length announces).
    static bool read_request(tcp::socket& s, std::string& buffer, std::string& head) {
        std::error_code ec;
        const auto n = ::asio::read_until(s, ::asio::dynamic_buffer(buffer), "\r\n\r\n", ec);
        if (ec)
            return false;
        head = buffer.substr(0, n);
        buffer.erase(0, n);
        std::string lower = head;
        for (auto& c : lower)
            c = ltx::detail::to_lower(c);
        std::size_t length = 0;
        if (const auto at = lower.find("\r\ncontent-length:"); at != std::string::npos)
            length = std::stoul(lower.substr(at + 17));
        if (buffer.size() < length)
            ::asio::read(s, ::asio::dynamic_buffer(buffer),
                         ::asio::transfer_exactly(length - buffer.size()), ec);
        if (ec)
            return false;
        buffer.erase(0, length);
        return true;
    }

    // Plays `a`; false when the connection is over.
    bool play(tcp::socket& s, const answer& a) {
        std::error_code ec;
        for (const auto& step : a) {
            switch (step.what) {
            case act::write:
                ::asio::write(s, ::asio::buffer(step.bytes), ec);
                if (ec)
                    return false;
                break;
            case act::drip:
                for (char c : step.bytes) {
                    if (ec || stopping_ || !pause(step.delay))
                        return false;
                    ::asio::write(s, ::asio::buffer(&c, 1), ec);
                }
                if (ec)
                    return false;
                break;
            case act::pause:
                if (!pause(step.delay))
                    return false;
                break;
            case act::reset:
                reset(s);
                return false;
            case act::close:
                s.shutdown(tcp::socket::shutdown_both, ec);
                return false;
            case act::hang:
                pause(std::chrono::hours{1});
                return false;
            }
        }
        return true;
    }

    // Sleeps for `d` unless the server stops first; false when it stops.
    bool pause(std::chrono::milliseconds d) {
        std::unique_lock lock{mutex_};
        return !cv_.wait_for(lock, d, [this] { return stopping_.load(); });
    }

    std::vector<answer> answers_;
    bool reset_on_accept_;
    ::asio::io_context io_;
    tcp::acceptor acceptor_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> connections_{0};
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::set<int> open_;
    std::vector<std::string> requests_;
    std::vector<std::thread> workers_; // touched by the accepting thread, then the destructor
    std::thread thread_;
};

// ---- answers ------------------------------------------------------------------------------

std::string head(int status, std::string_view reason, std::string_view fields) {
    std::string h = "HTTP/1.1 " + std::to_string(status) + " ";
    h += reason;
    h += "\r\n";
    h += fields;
    return h;
}

std::string full(int status, std::string_view body, std::string_view more_fields = "",
                 std::string_view type = "application/json") {
    std::string fields = "Content-Type: ";
    fields += type;
    fields += "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    fields += more_fields;
    fields += "\r\n";
    std::string r = head(status, status == 200 ? "OK" : "Status", fields);
    r += body;
    return r;
}

const std::string job_body = ltx_test::reference::job;
const std::string created_body = R"({"jobId":"email:jane@example.com:1f2e-type:video"})";
const std::string file_body(1000, 'v');

answer ok_job() {
    return {send(full(200, job_body))};
}
answer ok_created() {
    return {send(full(200, created_body))};
}
answer ok_file() {
    return {send(full(200, file_body, "", "video/mp4"))};
}
answer status_only(int status, std::string_view more_fields = "") {
    return {send(full(status, R"({"error":"injected"})", more_fields))};
}

std::string chunked_head() {
    return head(200, "OK", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
}

// ---- the matrix ---------------------------------------------------------------------------

enum class op {
    create,   ///< POST videos/ltx-create: paid, never sent twice once it may have arrived
    poll,     ///< GET assets/{jobId}: retried
    poll_two, ///< two polls, 150 ms apart, over one kept-alive connection
    download, ///< GET of an artifact into a file
};

enum class server_kind {
    scripted,
    refused,         ///< nothing listens on the port
    unresolvable,    ///< a host name the resolver cannot resolve
    handshake_reset, ///< https, every connection reset as soon as it is accepted
    tls_self_signed,
    tls_expired,
    tls_wrong_host,
    tls_untrusted_ca,
};

struct outcome {
    std::error_code code{}; ///< empty: success
    bool tls = false;       ///< a TLS verification failure (`ltx::asio::is_tls_error`)
};

struct row {
    const char* name;
    op what;
    std::vector<answer> answers;
    outcome expect;
    std::size_t requests_seen;
    std::chrono::milliseconds at_most = 5s;
    std::chrono::milliseconds at_least = 0ms;
    server_kind server = server_kind::scripted;
};

outcome ok() {
    return {};
}
outcome fails(errc e) {
    return {make_error_code(e)};
}
outcome fails(transport_errc e) {
    return {make_error_code(e)};
}
outcome tls_refused() {
    return {{}, true};
}

std::vector<row> matrix() {
    const std::string announced_100 = head(200, "OK", "Content-Length: 100\r\n\r\n");
    std::string storm;
    for (int i = 0; i < 40; ++i)
        storm += "HTTP/1.1 100 Continue\r\n\r\n";
    std::string endless = head(200, "OK", "");
    while (endless.size() < (1u << 20))
        endless += "X-Filler: " + std::string(100, 'f') + "\r\n";
    const std::string big_header =
        head(200, "OK", "X-Big: " + std::string(70 * 1024, 'b') + "\r\nContent-Length: 0\r\n\r\n");
    const std::string in_two_s =
        ltx::detail::format_http_date(std::chrono::system_clock::now() + 2s);

    return {
        // First, while its date is still ahead: 429 with Retry-After as an HTTP-date.
        {"429 with Retry-After as an HTTP-date, poll",
         op::poll,
         {status_only(429, "Retry-After: " + in_two_s + "\r\n"), ok_job()},
         ok(),
         2,
         5s,
         900ms},
        // Connections.
        {"refused connection, create",
         op::create,
         {},
         fails(transport_errc::connection_failed),
         0,
         5s,
         0ms,
         server_kind::refused},
        {"refused connection, poll",
         op::poll,
         {},
         fails(transport_errc::connection_failed),
         0,
         5s,
         0ms,
         server_kind::refused},
        {"reset before the response head, create",
         op::create,
         {{rst}, ok_created()},
         fails(errc::outcome_unknown),
         1},
        {"reset before the response head, poll", op::poll, {{rst}, ok_job()}, ok(), 2},
        {"reset during the response head, create",
         op::create,
         {{send("HTTP/1.1 200 OK\r\nContent-Ty"), rst}, ok_created()},
         fails(errc::outcome_unknown),
         1},
        {"reset during the response head, poll",
         op::poll,
         {{send("HTTP/1.1 200 OK\r\nContent-Ty"), rst}, ok_job()},
         ok(),
         2},
        {"reset after the response head, mid-body, create",
         op::create,
         {{send(announced_100 + "{\"jobId\":"), rst}, ok_created()},
         fails(errc::outcome_unknown),
         1},
        {"reset after the response head, mid-body, poll",
         op::poll,
         {{send(announced_100 + "{\"jobId\":"), rst}, ok_job()},
         ok(),
         2},
        {"reset right after a whole response, create",
         op::create,
         {{ok_created()[0], rst}},
         ok(),
         1},
        {"closed mid-body, poll",
         op::poll,
         {{send(announced_100 + "{\"st"), fin}, ok_job()},
         ok(),
         2},
        // Bodies.
        {"truncated chunked body, poll",
         op::poll,
         {{send(chunked_head() + "5\r\n{\"sta\r\n"), fin}, ok_job()},
         ok(),
         2},
        {"truncated chunked body, create",
         op::create,
         {{send(chunked_head() + "5\r\n{\"job\r\n"), fin}, ok_created()},
         fails(errc::outcome_unknown),
         1},
        {"invalid chunk size on every attempt, poll",
         op::poll,
         {{send(chunked_head() + "zz\r\n{}\r\n0\r\n\r\n"), fin}},
         fails(transport_errc::protocol_error),
         4},
        {"Content-Length longer than the body on every attempt, poll",
         op::poll,
         {{send(head(200, "OK", "Content-Length: 500\r\n\r\n") + job_body.substr(0, 100)), fin}},
         fails(transport_errc::connection_reset),
         4},
        {"Content-Length shorter than the body, poll",
         op::poll,
         {{send(head(200, "OK", "Content-Type: application/json\r\nContent-Length: 20\r\n\r\n") +
                job_body)}},
         fails(errc::unexpected_response),
         1},
        // Heads.
        {"one oversized header on every attempt, poll",
         op::poll,
         {{send(big_header), fin}},
         fails(transport_errc::headers_too_large),
         4},
        {"endless headers on every attempt, poll",
         op::poll,
         {{send(endless), fin}},
         fails(transport_errc::headers_too_large),
         4},
        {"a storm of 40 interim 100 responses, then the answer, poll",
         op::poll,
         {{send(storm + full(200, job_body))}},
         ok(),
         1},
        // Time.
        {"a slow drip past the timeout, then a prompt answer, poll",
         op::poll,
         {{drip(full(200, job_body), 40ms)}, ok_job()},
         ok(),
         2,
         5s,
         350ms},
        {"a slow drip past the timeout, create",
         op::create,
         {{drip(full(200, created_body), 40ms)}},
         fails(errc::outcome_unknown),
         1,
         5s,
         350ms},
        {"silence past the timeout, create",
         op::create,
         {{silence}},
         fails(errc::outcome_unknown),
         1,
         5s,
         350ms},
        // Statuses.
        {"429 with Retry-After in seconds, poll",
         op::poll,
         {status_only(429, "Retry-After: 1\r\n"), ok_job()},
         ok(),
         2,
         5s,
         900ms},
        {"429 with an absurd Retry-After, poll",
         op::poll,
         {status_only(429, "Retry-After: 99999999\r\n")},
         fails(errc::too_many_requests),
         1,
         1s},
        {"429 on a create (the job was not accepted), then created",
         op::create,
         {status_only(429, "Retry-After: 0\r\n"), ok_created()},
         ok(),
         2},
        {"a burst of 500, 502, 503, then the answer, poll",
         op::poll,
         {status_only(500), status_only(502), status_only(503), ok_job()},
         ok(),
         4},
        {"a burst of 596, then the answer, poll",
         op::poll,
         {status_only(596), status_only(596), ok_job()},
         ok(),
         3},
        {"503 on a create",
         op::create,
         {status_only(503), ok_created()},
         fails(errc::server_error),
         1},
        {"503 on every attempt, poll", op::poll, {status_only(503)}, fails(errc::server_error), 4},
        // Content.
        {"200 with a body that is not JSON, poll",
         op::poll,
         {{send(full(200, "<html>maintenance</html>", "", "text/html"))}},
         fails(errc::unexpected_response),
         1},
        {"200 with JSON of the wrong type, poll",
         op::poll,
         {{send(full(200, R"({"status":5})"))}},
         fails(errc::unexpected_response),
         1},
        {"200 without the jobId a create answers, create",
         op::create,
         {{send(full(200, R"({"status":"ok"})"))}},
         fails(errc::unexpected_response),
         1},
        {"a redirect to another host (never followed), poll",
         op::poll,
         {status_only(302, "Location: http://other.example/v1/ltxstudio/assets/x\r\n")},
         fails(errc::unexpected_response),
         1},
        // Keep-alive.
        {"a kept-alive connection closed while idle, poll twice",
         op::poll_two,
         {{ok_job()[0], wait_for(20ms), fin}, ok_job()},
         ok(),
         2},
        // Downloads.
        {"a download cut mid-body, retried whole",
         op::download,
         {{send(head(200, "OK", "Content-Length: 1000\r\n\r\n") + file_body.substr(0, 300)), fin},
          ok_file()},
         ok(),
         2},
        {"a download cut mid-body by a server offering ranges, retried whole",
         op::download,
         {{send(head(200, "OK", "Accept-Ranges: bytes\r\nContent-Length: 1000\r\n\r\n") +
                file_body.substr(0, 300)),
           rst},
          ok_file()},
         ok(),
         2},
        // TLS: refused certificates are not retried, and nothing is sent.
        {"TLS: self-signed certificate, create",
         op::create,
         {},
         tls_refused(),
         0,
         5s,
         0ms,
         server_kind::tls_self_signed},
        {"TLS: expired certificate, create",
         op::create,
         {},
         tls_refused(),
         0,
         5s,
         0ms,
         server_kind::tls_expired},
        {"TLS: certificate for another host, create",
         op::create,
         {},
         tls_refused(),
         0,
         5s,
         0ms,
         server_kind::tls_wrong_host},
        {"TLS: certificate from an untrusted CA, poll",
         op::poll,
         {},
         tls_refused(),
         0,
         5s,
         0ms,
         server_kind::tls_untrusted_ca},
        {"TLS: handshake reset, create",
         op::create,
         {},
         fails(transport_errc::connection_failed),
         0,
         5s,
         0ms,
         server_kind::handshake_reset},
    };
}

// ---- running a row ------------------------------------------------------------------------

std::unique_ptr<ltx_test::http_server> tls_server(server_kind k) {
    ltx_test::cert_request loopback{
        .common_name = "localhost", .dns_names = {"localhost"}, .ip_addresses = {"127.0.0.1"}};
    switch (k) {
    case server_kind::tls_self_signed:
        return std::make_unique<ltx_test::http_server>(ltx_test::test_chain(loopback, true));
    case server_kind::tls_expired:
        loopback.not_before = -48h;
        loopback.not_after = -1h;
        return std::make_unique<ltx_test::http_server>(ltx_test::test_chain(loopback));
    case server_kind::tls_wrong_host:
        return std::make_unique<ltx_test::http_server>(
            ltx_test::test_chain({.common_name = "other.example", .dns_names = {"other.example"}}));
    default:
        return std::make_unique<ltx_test::http_server>(ltx_test::test_chain(loopback));
    }
}

struct result {
    std::error_code ec;
    std::size_t seen = 0;
    std::chrono::milliseconds took{0};
};

result run(const row& r, const std::string& ca_path) {
    std::unique_ptr<scripted_server> scripted;
    std::unique_ptr<ltx_test::http_server> tls;
    std::string base;
    switch (r.server) {
    case server_kind::scripted:
        scripted = std::make_unique<scripted_server>(r.answers);
        base = scripted->url("/v1/ltxstudio/");
        break;
    case server_kind::refused:
        base = "http://127.0.0.1:" + std::to_string(ltx_test::unused_port()) + "/v1/ltxstudio/";
        break;
    case server_kind::unresolvable:
        base = "http://ltx-fault-matrix.invalid/v1/ltxstudio/";
        break;
    case server_kind::handshake_reset:
        scripted = std::make_unique<scripted_server>(std::vector<answer>{}, true);
        base = scripted->url("/v1/ltxstudio/", "https");
        break;
    default:
        tls = tls_server(r.server);
        base = tls->url("/v1/ltxstudio/");
        break;
    }
    auto context = r.server == server_kind::tls_untrusted_ca
                       ? ltx::asio::default_tls_context()
                       : ltx::asio::make_tls_context({.system_cas = false, .ca_file = ca_path});
    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor(), context, {.connect_timeout = 1s}};
    ltx::config cfg;
    cfg.token = "fault-matrix-SECRET-token";
    cfg.base_url = base;
    cfg.request_timeout = 400ms;
    cfg.retry.initial_backoff = 1ms;
    cfg.retry.max_backoff = 5ms;
    cfg.jitter_seed = 7;
    ltx::basic_client api{http, cfg};

    result out;
    ltx::diagnostics diag;
    const auto start = std::chrono::steady_clock::now();
    const std::string job_id = "email:jane@example.com:1f2e-type:video";
    switch (r.what) {
    case op::create: {
        ltx::ltx_create_request req;
        req.prompt = "Waves at dusk";
        req.startAssetId = "asset:1";
        api.create_video(req, out.ec, diag);
        break;
    }
    case op::poll:
        api.get_job(job_id, out.ec, diag);
        break;
    case op::poll_two:
        api.get_job(job_id, out.ec, diag);
        if (!out.ec) {
            std::this_thread::sleep_for(150ms);
            api.get_job(job_id, out.ec, diag);
        }
        break;
    case op::download: {
        const auto file = std::filesystem::temp_directory_path() /
                          ("ltx-fault-matrix-" + std::to_string(::getpid()) + ".mp4");
        api.download_url(scripted->url("/files/out.mp4"), file, {}, out.ec, diag);
        if (!out.ec) {
            CHECK(std::filesystem::file_size(file) == file_body.size());
            std::filesystem::remove(file);
        }
        CHECK_FALSE(std::filesystem::exists(file));
        break;
    }
    }
    out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    ltx_test::record_output("asio", diag.to_string(out.ec));
    CHECK(diag.to_string(out.ec).find("SECRET") == std::string::npos);
    out.seen = scripted ? scripted->requests().size() : tls ? tls->requests().size() : 0;
    if (r.what == op::download && scripted)
        for (const auto& h : scripted->requests()) {
            CHECK(h.find("Authorization") == std::string::npos); // no token to a file host
            CHECK(h.find("Range") == std::string::npos);         // a retry asks for it whole
        }
    return out;
}

TEST_CASE("fault matrix: each server misbehaviour ends as its row says") {
    const auto ca_path = ltx_test::write_temp_file("fault-matrix-ca.pem", ltx_test::test_ca().cert);
    const auto rows = matrix();
    CHECK(rows.size() >= 30);
    for (const auto& r : rows) {
        const std::string name = r.name;
        CAPTURE(name);
        const auto got = run(r, ca_path);
        CAPTURE(got.ec.message());
        if (r.expect.tls)
            CHECK(ltx::asio::is_tls_error(got.ec));
        else
            CHECK(got.ec == r.expect.code);
        CHECK(got.seen == r.requests_seen);
        CHECK(got.took <= r.at_most);
        CHECK(got.took >= r.at_least);
    }
    std::filesystem::remove(ca_path);
}

/// True when this process reaches no network but loopback: its network namespace has no
/// interface other than `lo` (as under `unshare -rn`), so a resolver's query cannot leave
/// the machine. Read from /proc/self/net/dev, which shows the process's own namespace.
bool isolated_from_the_network() {
    std::ifstream dev{"/proc/self/net/dev"};
    std::string line;
    int interfaces = 0;
    while (std::getline(dev, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue; // the two header lines
        const auto name = line.substr(0, colon);
        if (name.find_first_not_of(' ') == std::string::npos)
            continue;
        ++interfaces;
        if (name.substr(name.find_first_not_of(' ')) != "lo")
            return false;
    }
    return interfaces > 0;
}

// A DNS failure needs the system resolver, whose server is not on loopback: this row runs
// only where no query can leave the machine, and is a visible skip elsewhere.
// `bash scripts/extra-tests.sh dns` runs it under `unshare -rn`.
TEST_CASE("fault matrix: a host name that does not resolve (an isolated network namespace)" *
          doctest::skip(!isolated_from_the_network())) {
    REQUIRE(isolated_from_the_network());
    const auto ca_path =
        ltx_test::write_temp_file("fault-matrix-dns-ca.pem", ltx_test::test_ca().cert);
    for (const op what : {op::create, op::poll}) {
        const row r{"unresolvable host",
                    what,
                    {},
                    fails(transport_errc::connection_failed),
                    0,
                    5s,
                    0ms,
                    server_kind::unresolvable};
        const auto got = run(r, ca_path);
        CAPTURE(got.ec.message());
        CHECK(got.ec == r.expect.code);
        // Nothing was sent, so the create is known not to exist: not `outcome_unknown`.
        CHECK(ltx::http::request_not_sent(got.ec));
        CHECK(got.took <= r.at_most);
    }
    std::filesystem::remove(ca_path);
}

} // namespace fault_matrix_test
