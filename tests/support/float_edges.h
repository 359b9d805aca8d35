#pragma once
// Inputs that sit on every edge of a floating-point format, for the tests that check a conversion
// bit for bit (test_bit_rounder: the bit path against the generic rounding; test_cpu_state: the
// baseline and AVX2 loops against each other). One generator, so an edge added for one is checked
// by both.

#include "engine/numerics/float_format.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace aimath::test {

/// Every edge a conversion to `f` has, both signs: NaN payloads (quiet and signalling, payloads float
/// keeps and ones it drops), ±inf, ±0, the double's own extremes and subnormals, float's subnormal
/// range, double-rounding traps (1 + 2⁻⁸ + 2⁻⁴⁰), the format's subnormals and smallest normal, the
/// overflow threshold and its tie, every code of a 16-bit-or-narrower format with the tie above it,
/// and for wider formats ties at 4,000 seeded binades; each with its neighbours on either side.
inline std::vector<double> formatEdgeValues(const numerics::FloatFormat& f)
{
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> v;
    for (std::uint64_t nan : {0x7ff8000000000000ULL, 0x7ff0000000000001ULL, 0x7ff0000020000000ULL, 0x7ff000001fffffffULL,
                              0x7ff4000000000000ULL, 0x7ffc000000000001ULL, 0x7fffffffffffffffULL, 0x7ff7ffffffffffffULL})
        v.push_back(std::bit_cast<double>(nan));
    auto withNeighbours = [&v, inf](double x) {
        v.push_back(x);
        v.push_back(std::nextafter(x, 0.0));
        v.push_back(std::nextafter(x, inf));
    };
    for (double x : {0.0, inf, std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::min(),
                     std::numeric_limits<double>::max(), 1.0, 1.0 + 0x1p-52, 1.0 + 0x1p-8 + 0x1p-40, 1.0 + 0x1p-11 + 0x1p-40,
                     static_cast<double>(std::numeric_limits<float>::max()), 0x1p128, 0x1p-149, 0x1p-150, 0x1.8p-150,
                     0x1p-126, 0x1p-133, 0x1p-134, 0x1.8p-134, 0x1p-24, 0x1p-25, 0x1.8p-25, 65504.0, 65520.0})
        withNeighbours(x);
    const double sub = f.minSubnormal();
    for (double k : {0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5})
        withNeighbours(k * sub);
    withNeighbours(f.minNormal());
    withNeighbours(f.minNormal() - sub / 2);  // the tie just under the smallest normal
    const double max = f.maxFinite();
    const double ulpMax = numerics::ulpAt(f, max);
    withNeighbours(max);
    withNeighbours(max + ulpMax / 2);  // the overflow tie
    withNeighbours(max + ulpMax);
    withNeighbours(2 * max);
    if (f.totalBits() <= 16) {
        const std::uint64_t positive = std::uint64_t{1} << (f.exponentBits + f.mantissaBits);
        double prev = -1.0;
        for (std::uint64_t c = 0; c < positive; ++c) {
            const double x = numerics::decode(f, c);
            if (!std::isfinite(x))
                continue;
            withNeighbours(x);
            if (prev >= 0.0)
                withNeighbours(prev + (x - prev) / 2);  // the tie between two neighbouring codes
            prev = x;
        }
    } else {
        // ties at a spread of binades: 1.m…m1 · 2^e (one bit past the mantissa), odd and even below
        std::mt19937_64 rng(17);
        for (int i = 0; i < 4000; ++i) {
            const int e = f.minExponent() + static_cast<int>(rng() % static_cast<std::uint64_t>(f.maxExponent() - f.minExponent() + 1));
            const std::uint64_t mant = rng() & ((std::uint64_t{1} << f.mantissaBits) - 1);
            const double onGrid = std::ldexp(1.0 + std::ldexp(static_cast<double>(mant), -f.mantissaBits), e);
            withNeighbours(onGrid);
            withNeighbours(onGrid + numerics::ulpAt(f, onGrid) / 2);
        }
    }
    const std::size_t n = v.size();
    for (std::size_t i = 0; i < n; ++i)
        v.push_back(-v[i]);
    return v;
}

/// Seeded random doubles: every other one a raw 64-bit pattern (every exponent, NaNs, infs,
/// subnormals), the rest log-uniform magnitudes over the format's range with all 53 significand
/// bits random and a random sign.
inline std::vector<double> randomFormatValues(const numerics::FloatFormat& f, std::uint64_t seed, std::size_t count)
{
    std::mt19937_64 rng(seed);
    std::vector<double> v;
    v.reserve(count);
    std::uniform_real_distribution<double> lg(std::log2(f.minSubnormal()) - 4, std::log2(f.maxFinite()) + 2);
    for (std::size_t i = 0; i < count; ++i) {
        if (i % 2 == 0) {
            v.push_back(std::bit_cast<double>(rng()));
        } else {
            const double mag = std::exp2(lg(rng));
            // keep the full 53 random bits: replace the mantissa of mag by random bits
            const std::uint64_t b = (std::bit_cast<std::uint64_t>(mag) & 0xfff0000000000000ULL) | (rng() >> 12);
            const double x = std::isfinite(mag) && mag >= std::numeric_limits<double>::min() ? std::bit_cast<double>(b) : mag;
            v.push_back((rng() & 1) ? -x : x);
        }
    }
    return v;
}

}  // namespace aimath::test
