// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Sequential keep-alive requests on loopback against one server, three ways in one run:
// ltx::asio::transport (sync send, and async_send on an io_context), libcurl's easy interface
// with a reused handle, and the floor: a raw TCP ping-pong of the same request and response
// bytes over blocking sockets. Each is timed in real time (a round trip is mostly waiting).
//
// libcurl is loaded at run time (dlopen), so the benchmark binary needs no link flags beyond
// the project's; without libcurl.so.4 the curl benchmark reports an error and the others run.
#include "support.hpp"

#include <ltx/asio.hpp>

#include <asio/io_context.hpp>
#include <benchmark/benchmark.h>
#include <curl/curl.h>

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

const std::string response_bytes = [] {
    const std::string body =
        R"({"jobId":"email:jane@example.com:3b1f6c2e-8d47-4a90-b5e1-0c9f2d7a6e48-type:video",)"
        R"("status":{"type":"active","progress":40}})";
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}();

const char* const path = "/v1/ltxstudio/assets/job-1";
const char* const authorization = "Bearer 0123456789abcdef0123456789abcdef";

void set_nodelay(int fd) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// A blocking server: a thread per connection answers each request head (up to the empty line;
// the benchmark's requests have no body) with `response_bytes`.
class canned_server {
public:
    canned_server() {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(listener_, 16);
        socklen_t len = sizeof addr;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~canned_server() {
        stopping_ = true;
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        acceptor_.join();
        for (auto& t : sessions_) {
            t.join();
        }
    }
    canned_server(const canned_server&) = delete;
    canned_server& operator=(const canned_server&) = delete;
    int port() const { return port_; }

private:
    void accept_loop() {
        for (;;) {
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) {
                return;
            }
            set_nodelay(fd);
            sessions_.emplace_back([fd] { serve(fd); });
        }
    }
    static void serve(int fd) {
        std::string in;
        char buf[4096];
        for (;;) {
            const auto n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) {
                break;
            }
            in.append(buf, static_cast<std::size_t>(n));
            std::size_t end = 0;
            while ((end = in.find("\r\n\r\n")) != std::string::npos) {
                in.erase(0, end + 4);
                ::send(fd, response_bytes.data(), response_bytes.size(), MSG_NOSIGNAL);
            }
        }
        ::close(fd);
    }

    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
    std::vector<std::thread> sessions_;
};

canned_server& server() {
    static canned_server s;
    return s;
}

std::string base_url() {
    return "http://127.0.0.1:" + std::to_string(server().port());
}

ltx::http::request ltx_request() {
    ltx::http::request r;
    r.url = ltx::http::parse_url(base_url() + path).value();
    r.headers.add("Authorization", authorization);
    r.headers.add("Accept", "application/json");
    return r;
}

void transport_ltx_sync(benchmark::State& state) {
    ::asio::io_context io;
    ltx::asio::transport t{io.get_executor()};
    const auto req = ltx_request();
    std::error_code ec;
    for (auto _ : state) {
        auto r = t.send(req, ec);
        if (ec || r.status != 200) {
            state.SkipWithError("ltx request failed");
            break;
        }
        benchmark::DoNotOptimize(r);
    }
    ltx_bench::report_allocations(state, [&] { benchmark::DoNotOptimize(t.send(req, ec)); });
    state.counters["connections"] = static_cast<double>(t.stats().connections_opened);
}
BENCHMARK(transport_ltx_sync)->Name("transport/ltx_sync")->UseRealTime();

void transport_ltx_async(benchmark::State& state) {
    ::asio::io_context io{1};
    ltx::asio::transport t{io.get_executor()};
    const auto req = ltx_request();
    bool failed = false;
    for (auto _ : state) {
        t.async_send(req, [&](std::error_code ec, ltx::http::response r) {
            failed = ec || r.status != 200;
        });
        io.restart();
        io.run();
        if (failed) {
            state.SkipWithError("ltx async request failed");
            break;
        }
    }
    state.counters["connections"] = static_cast<double>(t.stats().connections_opened);
}
BENCHMARK(transport_ltx_async)->Name("transport/ltx_async")->UseRealTime();

// libcurl's easy interface through the few entry points the benchmark needs.
struct curl_api {
    void* lib = ::dlopen("libcurl.so.4", RTLD_NOW);
    template <class F> F get(const char* name) const {
        return lib ? reinterpret_cast<F>(::dlsym(lib, name)) : nullptr;
    }
    decltype(&curl_easy_init) init = get<decltype(&curl_easy_init)>("curl_easy_init");
    decltype(&curl_easy_setopt) setopt = get<decltype(&curl_easy_setopt)>("curl_easy_setopt");
    decltype(&curl_easy_perform) perform = get<decltype(&curl_easy_perform)>("curl_easy_perform");
    decltype(&curl_easy_cleanup) cleanup = get<decltype(&curl_easy_cleanup)>("curl_easy_cleanup");
    decltype(&curl_slist_append) slist_append =
        get<decltype(&curl_slist_append)>("curl_slist_append");
    decltype(&curl_slist_free_all) slist_free =
        get<decltype(&curl_slist_free_all)>("curl_slist_free_all");
    bool ok() const { return init && setopt && perform && cleanup && slist_append && slist_free; }
};

std::size_t curl_collect(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

void transport_curl_easy(benchmark::State& state) {
    static const curl_api api;
    if (!api.ok()) {
        state.SkipWithError("libcurl.so.4 not found");
        return;
    }
    CURL* h = api.init();
    const std::string url = base_url() + path;
    curl_slist* headers = api.slist_append(nullptr, "Authorization: Bearer "
                                                    "0123456789abcdef0123456789abcdef");
    headers = api.slist_append(headers, "Accept: application/json");
    std::string body;
    api.setopt(h, CURLOPT_URL, url.c_str());
    api.setopt(h, CURLOPT_HTTPHEADER, headers);
    api.setopt(h, CURLOPT_WRITEFUNCTION, &curl_collect);
    api.setopt(h, CURLOPT_WRITEDATA, &body);
    api.setopt(h, CURLOPT_TCP_NODELAY, 1L);
    api.setopt(h, CURLOPT_NOSIGNAL, 1L);
    for (auto _ : state) {
        body.clear();
        if (api.perform(h) != CURLE_OK) {
            state.SkipWithError("curl request failed");
            break;
        }
        benchmark::DoNotOptimize(body);
    }
    api.cleanup(h);
    api.slist_free(headers);
}
BENCHMARK(transport_curl_easy)->Name("transport/curl_easy")->UseRealTime();

// The floor: the bytes ltx sends, written on a blocking socket, and the answer read back.
void transport_floor_tcp(benchmark::State& state) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(server().port()));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        state.SkipWithError("connect failed");
        ::close(fd);
        return;
    }
    set_nodelay(fd);
    const std::string request = std::string("GET ") + path +
                                " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server().port()) +
                                "\r\nAuthorization: " + authorization +
                                "\r\nAccept: application/json\r\n\r\n";
    std::vector<char> buf(response_bytes.size());
    for (auto _ : state) {
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
        std::size_t got = 0;
        while (got < buf.size()) {
            const auto n = ::recv(fd, buf.data() + got, buf.size() - got, 0);
            if (n <= 0) {
                state.SkipWithError("recv failed");
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        benchmark::DoNotOptimize(buf.data());
    }
    ::close(fd);
}
BENCHMARK(transport_floor_tcp)->Name("transport/floor_tcp")->UseRealTime();

// The adapter issue's targets: no slower than libcurl's easy interface with a reused handle,
// and within twice the raw TCP ping-pong of the same bytes (real time, one connection).
[[maybe_unused]] const bool ratios = ltx_bench::add_ratios({
    {"transport: ltx(sync)/curl(easy)", "transport/ltx_sync", "transport/curl_easy", 1.0},
    {"transport: ltx(sync)/floor", "transport/ltx_sync", "transport/floor_tcp", 2.0},
    {"transport: ltx(async)/curl(easy)", "transport/ltx_async", "transport/curl_easy", 0},
    {"transport: ltx(async)/floor", "transport/ltx_async", "transport/floor_tcp", 0},
});

} // namespace
