// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The main of ltx_benchmarks: runs every benchmark of benchmarks/*.cpp, then prints ltx's
// time as a ratio of each alternative's, and the allocation counts that have a target,
// against the targets of the foundation issue. A missed target is printed as MISSED but does
// not change the exit status: CI machines are too noisy for timing to fail a build (counts do
// not vary between runs, but do between standard libraries).
#include "support.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace {

// Per thread: servers run beside some benchmarks; a plain counter keeps the count nearly free,
// where an atomic one would tax the baselines that allocate most.
thread_local std::size_t allocations = 0;

// The fastest repetition of each benchmark, in nanoseconds per iteration: CPU time, or real
// time for benchmarks registered with UseRealTime(); and the largest `allocs` counter.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    explicit ratio_reporter(bool color) : ConsoleReporter(color ? OO_ColorTabular : OO_Tabular) {}

    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs) {
            if (r.error_occurred || r.run_type != Run::RT_Iteration)
                continue;
            const double t =
                r.run_name.time_type.empty() ? r.GetAdjustedCPUTime() : r.GetAdjustedRealTime();
            const double ns = t * benchmark::GetTimeUnitMultiplier(benchmark::kNanosecond) /
                              benchmark::GetTimeUnitMultiplier(r.time_unit);
            auto [it, fresh] = best_.try_emplace(r.run_name.function_name, ns);
            if (!fresh && ns < it->second)
                it->second = ns;
            if (const auto c = r.counters.find("allocs"); c != r.counters.end()) {
                auto [a, first] = allocs_.try_emplace(r.run_name.function_name, c->second.value);
                if (!first && c->second.value > a->second)
                    a->second = c->second.value;
            }
        }
    }
    const std::map<std::string, double>& best() const { return best_; }
    const std::map<std::string, double>& allocs() const { return allocs_; }

private:
    std::map<std::string, double> best_;
    std::map<std::string, double> allocs_;
};

// Whether the table is coloured, as the library decides for its own reporter: by the last
// `--benchmark_color` (true/yes/always or false/no/never; auto or absent: stdout is a
// terminal). Read before `benchmark::Initialize` consumes the flag.
bool use_color(int argc, char** argv) {
    std::string_view value = "auto";
    constexpr std::string_view flag = "--benchmark_color=";
    for (int i = 1; i < argc; ++i)
        if (const std::string_view arg{argv[i]}; arg.starts_with(flag))
            value = arg.substr(flag.size());
    if (value == "true" || value == "yes" || value == "always")
        return true;
    if (value == "false" || value == "no" || value == "never")
        return false;
    return isatty(STDOUT_FILENO) != 0;
}

std::vector<ltx_bench::ratio>& registered_ratios() {
    static std::vector<ltx_bench::ratio> all;
    return all;
}

std::vector<ltx_bench::allocation_target>& registered_allocation_targets() {
    static std::vector<ltx_bench::allocation_target> all;
    return all;
}

// In registration order; a count above its target is MISSED, as a ratio is.
int print_allocations(const std::map<std::string, double>& allocs) {
    if (registered_allocation_targets().empty())
        return 0;
    int missed = 0;
    std::printf("\nltx allocations per operation (the benchmark's `allocs` counter)\n");
    for (const auto& t : registered_allocation_targets()) {
        const auto a = allocs.find(t.benchmark);
        if (a == allocs.end()) {
            std::printf("%-44s n/a (not run)\n", t.label);
            continue;
        }
        const bool ok = a->second <= t.target;
        missed += ok ? 0 : 1;
        std::printf("%-44s %6.0f (target <= %.0f)%s\n", (std::string{t.label} + " =").c_str(),
                    a->second, t.target, ok ? "" : "  MISSED");
    }
    std::printf(missed ? "%d allocation target(s) MISSED\n" : "all allocation targets met\n",
                missed);
    return missed;
}

// Grouped by scenario (the label up to ':'), in registration order within each.
int print_ratios(const std::map<std::string, double>& best) {
    auto ratios = registered_ratios();
    std::stable_sort(ratios.begin(), ratios.end(), [](const auto& a, const auto& b) {
        const std::string_view x{a.label}, y{b.label};
        return x.substr(0, x.find(':')) < y.substr(0, y.find(':'));
    });
    int missed = 0;
    std::printf("\nltx ratios (time per operation, fastest repetition; lower is better)\n");
    for (const auto& r : ratios) {
        const auto n = best.find(r.numerator);
        const auto d = best.find(r.denominator);
        if (n == best.end() || d == best.end() || d->second <= 0) {
            std::printf("%-44s n/a (not run)\n", r.label);
            continue;
        }
        const double value = n->second / d->second;
        if (r.target > 0) {
            const bool ok = value <= r.target;
            missed += ok ? 0 : 1;
            std::printf("%-44s %6.2f (target <= %.1f)%s\n", (std::string{r.label} + " =").c_str(),
                        value, r.target, ok ? "" : "  MISSED");
        } else {
            std::printf("%-44s %6.2f\n", (std::string{r.label} + " =").c_str(), value);
        }
    }
    std::printf(missed ? "%d target(s) MISSED\n" : "all targets met\n", missed);
    return missed;
}

} // namespace

std::size_t ltx_bench::allocation_count() noexcept {
    return allocations;
}

bool ltx_bench::add_ratios(std::initializer_list<ratio> ratios) {
    registered_ratios().insert(registered_ratios().end(), ratios.begin(), ratios.end());
    return true;
}

bool ltx_bench::add_allocation_targets(std::initializer_list<allocation_target> targets) {
    registered_allocation_targets().insert(registered_allocation_targets().end(), targets.begin(),
                                           targets.end());
    return true;
}

void* operator new(std::size_t n) {
    ++allocations;
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc{};
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

int main(int argc, char** argv) {
    const bool color = use_color(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    ratio_reporter reporter{color};
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    print_ratios(reporter.best());
    print_allocations(reporter.allocs());
    return 0;
}
