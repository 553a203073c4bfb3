// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of the simulator's HTTP handling (tools/ltx-sim/, libFuzzer): whole requests in,
// over loopback, to one simulator that runs for the whole fuzzing session. The first byte
// picks the listener (the API or the storage host); the rest is sent as it is, then the
// connection's sending side is shut down and everything the simulator answers is read until it
// closes.
//  1. the simulator neither crashes nor hangs (libFuzzer's -timeout), and keeps accepting;
//  2. what it answers is a sequence of whole, well-formed HTTP/1.1 responses (ltx's response
//     parser, a HEAD answer without its body), with no byte left over; the one exception is
//     a `100 Continue` last, for a request whose body was cut by the end of the input.
#include "fuzz_support.hpp"
#include "http1_fuzz_runs.hpp"

#include <sim/server.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace {

using namespace ltx_fuzz;

ltx::sim::server& simulator() {
    static ltx::sim::background_server* sim = [] {
        ltx::sim::options o;
        o.fixtures_dir =
            std::filesystem::path{__FILE__}.parent_path() / "../../tools/ltx-sim/fixtures";
        o.speed = std::chrono::milliseconds{0};
        o.seed = 42;
        o.log = nullptr;
        return new ltx::sim::background_server{o}; // lives until the process ends
    }();
    return **sim;
}

// Sends `request` to 127.0.0.1:`port`, shuts the sending side, returns all that comes back;
// `reset` tells whether the connection ended with a reset (answer possibly cut).
std::string exchange(std::uint16_t port, std::string_view request, bool& reset) {
    reset = false;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    expect(fd >= 0, "socket");
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect(::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0,
           "the simulator does not accept a connection");
    std::string answer;
    for (std::size_t sent = 0; sent < request.size();) {
        const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            break; // the simulator closed early: what it answered still counts
        }
        sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    char buf[16384];
    for (;;) {
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            reset = n < 0 && errno == ECONNRESET;
            expect(n == 0 || reset, "the simulator neither answers nor closes");
            break;
        }
        answer.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer;
}

constexpr h1::parser_limits limits{.max_header_bytes = 1 << 16,
                                   .max_header_count = 1000,
                                   .max_body_bytes = std::uint64_t{1} << 30};

// True when `rest` is a sequence of whole responses; each may answer a HEAD (no body), which
// the bytes alone do not tell, so both readings are tried. `reset`: the last may be cut.
bool well_formed(std::string_view rest, bool reset, int depth = 0) {
    if (rest.empty()) {
        return true;
    }
    if (depth > 64) {
        return false;
    }
    // An interim answer to `Expect: 100-continue`, then the close of a request whose body
    // never came whole: nothing to answer finally.
    if (rest == "HTTP/1.1 100 Continue\r\n\r\n") {
        return true;
    }
    for (const bool head : {false, true}) {
        const auto o = run_ltx(rest, {}, head, limits);
        if (o.complete && o.consumed > 0 &&
            well_formed(rest.substr(o.consumed), reset, depth + 1)) {
            return true;
        }
        if (reset && !o.complete && !o.ec) {
            return true; // cut by the reset, nothing wrong so far
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    auto& sim = simulator();
    const bool storage = (data[0] & 1) != 0;
    bool reset = false;
    const std::string answer =
        exchange(storage ? sim.storage_port() : sim.api_port(), as_text(data + 1, size - 1), reset);
    expect(well_formed(answer, reset), "the simulator answers a malformed response", answer);
    return 0;
}
