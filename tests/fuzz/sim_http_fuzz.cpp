// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of the simulator's HTTP handling (tools/ltx-sim/, libFuzzer): whole requests in,
// over loopback, to one simulator built once for the whole fuzzing session. The first byte
// picks the listener (the API or the storage host); the rest is sent as it is, then the
// connection's sending side is shut down and everything the simulator answers is read until it
// closes.
//  1. the simulator neither crashes nor hangs (libFuzzer's -timeout, and 5 s per exchange),
//     and keeps accepting;
//  2. what it answers is a sequence of whole, well-formed HTTP/1.1 responses (ltx's response
//     parser, a HEAD answer without its body), with no byte left over; the one exception is
//     a `100 Continue` last, for a request whose body was cut by the end of the input.
// The simulator's io_context runs on the fuzzing thread, between the client's non-blocking
// sends and receives: no second thread, no hand-off per input, and all an input's work is done
// when it returns. Then the simulator is reset (`server::reset`): every input meets the
// simulator as it was built, so a crash input reproduces alone, the state does not grow over a
// long run, and what an input allocates is freed within it (libFuzzer's leak check, which
// scans the whole heap, runs only for an input that leaves more allocations than it frees).
#include "fuzz_support.hpp"
#include "http1_fuzz_runs.hpp"

#include <sim/server.hpp>
// The server's definitions, in this translation unit: built with the target's coverage
// instrumentation, so that what the simulator does with an input guides the fuzzing.
#include <sim/server.cpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ltx_fuzz;

ltx::sim::server& simulator() {
    static ltx::sim::server* sim = [] {
        ltx::sim::options o;
        o.fixtures_dir =
            std::filesystem::path{__FILE__}.parent_path() / "../../tools/ltx-sim/fixtures";
        o.speed = std::chrono::milliseconds{0};
        o.seed = 42;
        o.log = nullptr;
        return new ltx::sim::server{o}; // lives until the process ends
    }();
    return *sim;
}

// Sends `request` to 127.0.0.1:`port`, shuts the sending side, returns all that comes back;
// `reset` tells whether the connection ended with a reset (answer possibly cut). The client
// side is non-blocking; between its steps the simulator runs what is ready, and when neither
// side can move it waits up to 1 ms for the simulator's next event (a timer).
std::string exchange(ltx::sim::server& sim, std::uint16_t port, std::string_view request,
                     bool& reset) {
    reset = false;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    expect(fd >= 0, "socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
    expect(connected == 0 || errno == EINPROGRESS, "the simulator does not accept a connection");
    auto& io = sim.io();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{5};
    std::string answer;
    std::size_t sent = 0;
    bool shut = false;
    char buf[16384];
    for (;;) {
        bool moved = false;
        if (sent < request.size()) {
            const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n > 0) {
                sent += static_cast<std::size_t>(n);
                moved = true;
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN) {
                sent = request.size(); // the simulator closed early: its answer still counts
            }
        }
        if (sent == request.size() && !shut) {
            shut = ::shutdown(fd, SHUT_WR) == 0 || errno != ENOTCONN;
            moved = moved || shut;
        }
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            answer.append(buf, static_cast<std::size_t>(n));
            moved = true;
        } else if (n == 0) {
            break; // the simulator closed: nothing more comes, sent or not
        } else if (n < 0 && errno == ECONNRESET) {
            reset = true;
            break;
        } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN) {
            fail("recv", std::to_string(errno));
        }
        if (io.stopped())
            io.restart();
        if (io.poll() > 0 || moved)
            continue;
        expect(std::chrono::steady_clock::now() < deadline,
               "the simulator neither answers nor closes");
        io.run_one_for(std::chrono::milliseconds{1});
    }
    ::close(fd);
    // What the simulator still has to do for this connection (closing it, freeing the session).
    while (io.poll() > 0) {
    }
    return answer;
}

constexpr h1::parser_limits limits{.max_header_bytes = 1 << 16,
                                   .max_header_count = 1000,
                                   .max_body_bytes = std::uint64_t{1} << 30};

// True when `answer` is a sequence of whole responses; each may answer a HEAD (no body), which
// the bytes alone do not tell, so both readings are tried: the offsets where a response may
// start are explored once each, however many responses were pipelined. `reset`: the last may
// be cut.
bool well_formed(std::string_view answer, bool reset) {
    std::vector<bool> reached(answer.size() + 1);
    std::vector<std::size_t> todo{0};
    reached[0] = true;
    while (!todo.empty()) {
        const std::size_t at = todo.back();
        todo.pop_back();
        const std::string_view rest = answer.substr(at);
        // An interim answer to `Expect: 100-continue`, then the close of a request whose body
        // never came whole: nothing to answer finally.
        if (rest.empty() || rest == "HTTP/1.1 100 Continue\r\n\r\n") {
            return true;
        }
        for (const bool head : {false, true}) {
            const auto o = run_ltx(rest, {}, head, limits);
            if (o.complete && o.consumed > 0) {
                if (!reached[at + o.consumed]) {
                    reached[at + o.consumed] = true;
                    todo.push_back(at + o.consumed);
                }
            } else if (reset && !o.complete && !o.ec) {
                return true; // cut by the reset, nothing wrong so far
            }
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
    const std::string answer = exchange(sim, storage ? sim.storage_port() : sim.api_port(),
                                        as_text(data + 1, size - 1), reset);
    expect(well_formed(answer, reset), "the simulator answers a malformed response", answer);
    sim.reset();
    return 0;
}
