// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// A canned HTTP/1.1 server on 127.0.0.1 for transport tests: blocking sockets, one thread,
// port picked by the OS.
#ifndef LTX_TESTS_EXAMPLES_CANNED_SERVER_HPP
#define LTX_TESTS_EXAMPLES_CANNED_SERVER_HPP

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace ltx_test {

// Accepts one connection; for each canned reply reads one request (head and Content-Length
// body) and writes the reply. An empty reply means: answer nothing, wait for the client to
// hang up. A second connection is never accepted, so a test that needs two fails.
class canned_server {
public:
    explicit canned_server(std::vector<std::string> replies) : replies_(std::move(replies)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(listener_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), len) == 0);
        REQUIRE(::listen(listener_, 4) == 0);
        REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { run(); });
    }
    ~canned_server() { join(); }

    std::string url(std::string_view target) const {
        return "http://127.0.0.1:" + std::to_string(port_) + std::string(target);
    }
    std::uint16_t port() const { return port_; }

    // The raw requests received, once the server is done.
    const std::vector<std::string>& requests() {
        join();
        return requests_;
    }

private:
    void join() {
        if (thread_.joinable()) {
            thread_.join();
            ::close(listener_);
        }
    }

    void run() {
        pollfd pfd{listener_, POLLIN, 0};
        if (::poll(&pfd, 1, 5000) != 1) {
            return; // no client: the test's own checks fail
        }
        const int conn = ::accept(listener_, nullptr, nullptr);
        if (conn < 0) {
            return;
        }
        std::string buffer;
        for (const auto& reply : replies_) {
            auto request = read_request(conn, buffer);
            if (!request) {
                break;
            }
            requests_.push_back(std::move(*request));
            if (reply.empty()) {
                read_request(conn, buffer); // until the client gives up
                break;
            }
            ::send(conn, reply.data(), reply.size(), MSG_NOSIGNAL);
        }
        ::close(conn);
    }

    static bool fill(int conn, std::string& buffer) {
        pollfd pfd{conn, POLLIN, 0};
        char chunk[16384];
        if (::poll(&pfd, 1, 5000) != 1) {
            return false;
        }
        const auto n = ::recv(conn, chunk, sizeof chunk, 0);
        if (n <= 0) {
            return false;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    static std::optional<std::string> read_request(int conn, std::string& buffer) {
        std::size_t head_end;
        while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
            if (!fill(conn, buffer)) {
                return std::nullopt;
            }
        }
        head_end += 4;
        std::string head = buffer.substr(0, head_end);
        std::transform(head.begin(), head.end(), head.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::size_t body = 0;
        if (const auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
            body = std::stoul(head.substr(at + 17));
        }
        while (buffer.size() < head_end + body) {
            if (!fill(conn, buffer)) {
                return std::nullopt;
            }
        }
        std::string request = buffer.substr(0, head_end + body);
        buffer.erase(0, head_end + body);
        return request;
    }

    std::vector<std::string> replies_;
    std::vector<std::string> requests_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

} // namespace ltx_test

#endif
