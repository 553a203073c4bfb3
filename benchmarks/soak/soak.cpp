// The soak of scripts/soak.sh: REQUESTS keep-alive polls of one job against a running ltx-sim,
// sync and async mixed in rounds over one ltx::asio::transport, with the resident memory and
// the open file descriptors of the simulator (and of this process) read from /proc after a
// warm-up, at the middle and at the end. Fails when either process's memory moves more than
// 5 % from its first reading, or its descriptors grow.
//
//   ltx_soak API_URL TOKEN START_PNG SIM_PID REQUESTS
#include <ltx/asio.hpp>
#include <ltx/ltx.hpp>

#include <asio/io_context.hpp>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

namespace {

struct reading {
    long rss_kib = -1;
    long fds = -1;
};

// VmRSS of /proc/<pid>/status, and the entries of /proc/<pid>/fd.
reading read_proc(const std::string& pid) {
    reading r;
    std::ifstream status{"/proc/" + pid + "/status"};
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmRSS:")) {
            const auto digits = line.find_first_of("0123456789");
            if (digits != std::string::npos)
                std::from_chars(line.data() + digits, line.data() + line.size(), r.rss_kib);
        }
    std::error_code ec;
    r.fds = 0;
    for (std::filesystem::directory_iterator it{"/proc/" + pid + "/fd", ec}, end; !ec && it != end;
         it.increment(ec))
        ++r.fds;
    if (ec)
        r.fds = -1;
    return r;
}

struct series {
    const char* who;
    reading first, middle, last;

    // Flat: within 5 % of the first reading, and no descriptor more.
    bool flat() const {
        const auto near = [&](long v) {
            return v >= 0 && first.rss_kib > 0 &&
                   std::abs(static_cast<double>(v - first.rss_kib)) <= 0.05 * first.rss_kib;
        };
        return near(middle.rss_kib) && near(last.rss_kib) && first.fds >= 0 &&
               middle.fds <= first.fds && last.fds <= first.fds;
    }

    void print() const {
        std::printf("%-10s RSS KiB %8ld %8ld %8ld (%+.2f %%)   fds %4ld %4ld %4ld   %s\n", who,
                    first.rss_kib, middle.rss_kib, last.rss_kib,
                    first.rss_kib > 0 ? 100.0 * static_cast<double>(last.rss_kib - first.rss_kib) /
                                            static_cast<double>(first.rss_kib)
                                      : 0.0,
                    first.fds, middle.fds, last.fds, flat() ? "flat" : "GROWS");
    }
};

} // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: ltx_soak API_URL TOKEN START_PNG SIM_PID REQUESTS\n";
        return 2;
    }
    const std::string sim_pid = argv[4];
    std::uint64_t total = 0;
    std::from_chars(argv[5], argv[5] + std::string_view{argv[5]}.size(), total);
    constexpr std::uint64_t round = 1000; // half sync, half async, in each round
    constexpr std::uint64_t warm_up = 10'000;
    if (total < 2 * warm_up) {
        std::cerr << "ltx_soak: REQUESTS must be at least " << 2 * warm_up << "\n";
        return 2;
    }

    ::asio::io_context io;
    ltx::asio::transport http{io.get_executor()};
    ltx::config cfg;
    cfg.base_url = argv[1];
    cfg.token = argv[2];
    ltx::basic_client api{http, cfg};
    std::string id;
    try {
        ltx::ltx_create_request req;
        req.prompt = "Soak";
        req.startAssetId = api.upload_file(argv[3]).asset.fileId;
        id = api.create_video(req).jobId;
        api.wait(id, {.interval = std::chrono::milliseconds{10}});
    } catch (const std::exception& e) {
        std::cerr << "ltx_soak: setting up the job failed: " << e.what() << "\n";
        return 1;
    }

    std::uint64_t done = 0, failures = 0;
    const auto run_round = [&] {
        std::error_code ec;
        ltx::diagnostics d;
        for (std::uint64_t i = 0; i < round / 2; ++i) {
            const auto j = api.get_job(id, ec, d);
            failures += ec || !ltx::is_done(j) ? 1 : 0;
        }
        // The async half: each poll's completion starts the next, on this thread.
        std::uint64_t left = round / 2;
        std::function<void()> next = [&] {
            api.async_get_job(id, [&](std::error_code e, ltx::job j) {
                failures += e || !ltx::is_done(j) ? 1 : 0;
                if (--left != 0)
                    next();
            });
        };
        next();
        io.restart();
        io.run();
        done += round;
    };

    series sim{"ltx-sim", {}, {}, {}}, self{"ltx_soak", {}, {}, {}};
    const auto self_pid = std::to_string(::getpid());
    const auto start = std::chrono::steady_clock::now();
    while (done < warm_up)
        run_round();
    sim.first = read_proc(sim_pid);
    self.first = read_proc(self_pid);
    while (done < total / 2)
        run_round();
    sim.middle = read_proc(sim_pid);
    self.middle = read_proc(self_pid);
    while (done < total)
        run_round();
    sim.last = read_proc(sim_pid);
    self.last = read_proc(self_pid);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("%llu requests (sync and async, rounds of %llu) in %.1f s, %.0f/s; %llu failed; "
                "%llu connections opened\n",
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(round),
                seconds, static_cast<double>(done) / seconds,
                static_cast<unsigned long long>(failures),
                static_cast<unsigned long long>(http.stats().connections_opened));
    std::printf("readings after %llu requests, at the middle and at the end:\n",
                static_cast<unsigned long long>(warm_up));
    sim.print();
    self.print();
    const bool ok = failures == 0 && sim.flat() && self.flat();
    std::printf("%s\n", ok ? "soak: passed" : "soak: FAILED");
    return ok ? 0 : 1;
}
