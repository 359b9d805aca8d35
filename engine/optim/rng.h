#pragma once
// A seeded random source whose streams are the same on every platform:
// std::mt19937_64 bits, uniforms from the top 53 bits and Gaussians by
// Box–Muller (std::normal_distribution is implementation-defined).

#include <cmath>
#include <cstdint>
#include <random>

namespace aimath::optim {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) : m_gen(seed) {}
    void seed(std::uint64_t s) { m_gen.seed(s); m_hasSpare = false; }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(m_gen() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }
    /// Standard normal (Box–Muller, both values of a pair used).
    double gaussian()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = uniform();
        while (u1 <= 0.0)
            u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 2.0 * 3.14159265358979323846 * u2;
        m_spare = r * std::sin(a);
        m_hasSpare = true;
        return r * std::cos(a);
    }

private:
    std::mt19937_64 m_gen;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

}  // namespace aimath::optim
