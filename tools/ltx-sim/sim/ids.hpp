// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Identifiers of the simulator: UUIDs, the deterministic PRNG and URL signatures.
#ifndef LTX_SIM_IDS_HPP
#define LTX_SIM_IDS_HPP

#include <ltx/detail/ascii.hpp>

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ltx::sim {

/// splitmix64: small, fast, and good enough for ids and fault decisions; one state word makes
/// a run reproducible from `--seed`.
class prng {
public:
    explicit prng(std::uint64_t seed) noexcept : state_(seed) {}

    /// A uniform random bit generator too, for Boost.Uuid.
    using result_type = std::uint64_t;
    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return ~result_type{0}; }
    result_type operator()() noexcept { return next(); }

    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, 1).
    double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// True with probability `p`; draws nothing when `p` is 0, so a run without faults keeps
    /// the same ids whatever the fault options.
    bool chance(double p) noexcept { return p > 0 && uniform() < p; }

    /// The whole state, to save and restore.
    std::uint64_t state() const noexcept { return state_; }

private:
    std::uint64_t state_;
};

/// A random (version 4) UUID, stored in two words (the first 8 bytes, big-endian, then the last 8).
struct uuid {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;

    friend bool operator==(const uuid&, const uuid&) = default;

    /// Made by Boost.Uuid's random generator over `r`: two draws of `r` per UUID, so a seed
    /// gives the same ids in the same order.
    static uuid random(prng& r) {
        boost::uuids::basic_random_generator<prng> generate{r};
        return from(generate());
    }

    static uuid from(const boost::uuids::uuid& b) noexcept {
        uuid u;
        for (std::size_t i = 0; i < 8; ++i) {
            u.hi = (u.hi << 8) | b.data[i];
            u.lo = (u.lo << 8) | b.data[i + 8];
        }
        return u;
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower-case.
    std::string str() const {
        std::string s(36, '-');
        std::size_t at = 0;
        for (int i = 0; i < 32; ++i) {
            if (at == 8 || at == 13 || at == 18 || at == 23)
                ++at;
            const auto word = i < 16 ? hi : lo;
            const int shift = 60 - 4 * (i % 16);
            s[at++] = ltx::detail::hex_digit_lower(static_cast<unsigned>(word >> shift));
        }
        return s;
    }

    /// Reads the form `str` writes (either case).
    static std::optional<uuid> parse(std::string_view s) noexcept {
        if (s.size() != 36)
            return std::nullopt;
        uuid u;
        int digits = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-')
                    return std::nullopt;
                continue;
            }
            const int v = ltx::detail::hex_value(c);
            if (v < 0)
                return std::nullopt;
            auto& word = digits < 16 ? u.hi : u.lo;
            word = (word << 4) | static_cast<std::uint64_t>(v);
            ++digits;
        }
        return u;
    }
};

struct uuid_hash {
    std::size_t operator()(const uuid& u) const noexcept {
        return static_cast<std::size_t>(u.hi ^ (u.lo * 0x9E3779B97F4A7C15ull));
    }
};

/// A keyed 64-bit digest of `text`, as 16 hex digits: the signature of asset URLs. Not a
/// cryptographic MAC; it only has to make a tampered or made-up URL fail, as a real signed
/// URL would.
inline std::string sign(std::uint64_t key, std::string_view text) {
    std::uint64_t h = 0xCBF29CE484222325ull ^ key;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ull;
    }
    prng mix{h ^ key};
    h = mix.next();
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4)
        s[static_cast<std::size_t>(i)] = ltx::detail::hex_digit_lower(static_cast<unsigned>(h));
    return s;
}

} // namespace ltx::sim

#endif
