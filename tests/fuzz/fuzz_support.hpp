// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// What the fuzz targets share: the input as text, split into the pieces a target needs, a
// stable hash to derive choices from, and the one way a target reports a broken property:
// print what broke, then abort, which libFuzzer records as a crash and saves the input of.
#ifndef LTX_TESTS_FUZZ_FUZZ_SUPPORT_HPP
#define LTX_TESTS_FUZZ_FUZZ_SUPPORT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace ltx_fuzz {

/// The fuzzer's input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(data), size};
}

/// Prints `what` (and `detail`, when given, quoted with non-printable bytes escaped), then
/// aborts: the fuzzer saves the input as a crash.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
    std::string shown;
    for (const char c : detail) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x20 && b < 0x7F && c != '\\') {
            shown += c;
        } else {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\x%02X", b);
            shown += esc;
        }
    }
    std::fprintf(stderr, "fuzz property broken: %.*s%s%s%s\n", static_cast<int>(what.size()),
                 what.data(), detail.empty() ? "" : " [", shown.c_str(), detail.empty() ? "" : "]");
    std::abort();
}

/// `fail(what, detail)` unless `ok`.
inline void expect(bool ok, std::string_view what, std::string_view detail = {}) {
    if (!ok) {
        fail(what, detail);
    }
}

/// FNV-1a of `s`: a choice derived from the input, so that a saved crash reproduces.
inline std::uint64_t fnv1a(std::string_view s) noexcept {
    std::uint64_t h = 1469598103934665603u;
    for (const unsigned char c : s) {
        h = (h ^ c) * 1099511628211u;
    }
    return h;
}

/// Splits `in` at the first `sep` into what comes before and after it (all of `in` and
/// nothing when there is none): how targets that take two strings read one input, so that
/// seeds stay readable text.
inline std::pair<std::string_view, std::string_view> split_at(std::string_view in, char sep) {
    const auto at = in.find(sep);
    if (at == std::string_view::npos) {
        return {in, {}};
    }
    return {in.substr(0, at), in.substr(at + 1)};
}

} // namespace ltx_fuzz

#endif
