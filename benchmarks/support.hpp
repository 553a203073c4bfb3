// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What the benchmark files share with benchmarks/main.cpp: a count of heap allocations (the
// binary replaces the global operator new), reported per operation beside each time, and the
// ratios printed after the run, declared by each file beside its benchmarks.
#ifndef LTX_BENCHMARKS_SUPPORT_HPP
#define LTX_BENCHMARKS_SUPPORT_HPP

#include <benchmark/benchmark.h>

#include <cstddef>
#include <initializer_list>

namespace ltx_bench {

/// Heap allocations made by the calling thread so far.
std::size_t allocation_count() noexcept;

/// A ratio printed after the run: the time of benchmark `numerator` over the time of
/// `denominator` (names as given to ->Name()), and its target (0: printed, no target).
struct ratio {
    const char* label;
    const char* numerator;
    const char* denominator;
    double target;
};

/// Registers ratios to print after the run; returns true, so a file can register its
/// ratios in a namespace-scope initializer.
bool add_ratios(std::initializer_list<ratio> ratios);

/// An allocation count printed after the run: the counter `allocs` of benchmark `benchmark`
/// (see `report_allocations`), against its target (at most `target` allocations).
struct allocation_target {
    const char* label;
    const char* benchmark;
    double target;
};

/// Registers allocation counts to print after the run, as `add_ratios` does ratios.
bool add_allocation_targets(std::initializer_list<allocation_target> targets);

/// Runs `op` twice (the first run warms reused buffers) and reports the allocations of the
/// second as the counter `allocs`.
template <class Op> void report_allocations(benchmark::State& state, Op&& op) {
    op();
    const auto before = allocation_count();
    op();
    state.counters["allocs"] = static_cast<double>(allocation_count() - before);
}

} // namespace ltx_bench

#endif
