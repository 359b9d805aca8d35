#include "engine/attention/token_vectors.h"

#include <cmath>
#include <numbers>

namespace aimath::attention {

std::uint64_t SplitMix64::next()
{
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double SplitMix64::uniform()
{
    // 53 random bits, shifted by half a step so 0 never occurs (log(0) in Box–Muller).
    return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53;
}

double SplitMix64::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    const double u1 = uniform();
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double t = 2.0 * std::numbers::pi * u2;
    m_spare = r * std::sin(t);
    m_hasSpare = true;
    return r * std::cos(t);
}

std::uint64_t tokenHash(std::string_view token)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char ch : token) {
        auto c = static_cast<unsigned char>(ch);
        if (c >= 'A' && c <= 'Z')
            c = static_cast<unsigned char>(c - 'A' + 'a');
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

void hashedVector(std::string_view token, std::uint64_t seed, Eigen::Ref<Eigen::VectorXd> out)
{
    // Mix the seed through one SplitMix step so nearby seeds give unrelated streams.
    SplitMix64 mix(seed);
    SplitMix64 rng(tokenHash(token) ^ mix.next());
    for (Eigen::Index i = 0; i < out.size(); ++i)
        out[i] = rng.normal();
}

void addSinusoidal(Eigen::Ref<Eigen::MatrixXd> x)
{
    const Eigen::Index d = x.cols();
    for (Eigen::Index i = 0; i < d; i += 2) {
        const double invFreq = std::pow(10000.0, -static_cast<double>(i) / static_cast<double>(d));
        for (Eigen::Index p = 0; p < x.rows(); ++p) {
            const double a = static_cast<double>(p) * invFreq;
            x(p, i) += std::sin(a);
            if (i + 1 < d)
                x(p, i + 1) += std::cos(a);
        }
    }
}

void applyRope(Eigen::Ref<Eigen::MatrixXd> m)
{
    const Eigen::Index d = m.cols();
    for (Eigen::Index i = 0; i + 1 < d; i += 2) {
        const double invFreq = std::pow(10000.0, -static_cast<double>(i) / static_cast<double>(d));
        for (Eigen::Index p = 0; p < m.rows(); ++p) {
            const double a = static_cast<double>(p) * invFreq;
            const double c = std::cos(a), s = std::sin(a);
            const double u = m(p, i), v = m(p, i + 1);
            m(p, i) = c * u - s * v;
            m(p, i + 1) = s * u + c * v;
        }
    }
}

TokenVectors sentenceVectors(const std::vector<std::string>& tokens, int dModel, std::uint64_t seed,
                             const EmbeddingTable* table, bool sinusoidal)
{
    TokenVectors out;
    const auto n = static_cast<Eigen::Index>(tokens.size());
    out.x.resize(n, dModel);
    out.fromTable.assign(tokens.size(), false);
    if (table && table->rows() > 0)
        out.tableDim = table->dim();
    Eigen::VectorXd row(dModel);
    for (Eigen::Index t = 0; t < n; ++t) {
        const int r = out.tableDim > 0 ? table->find(tokens[static_cast<std::size_t>(t)]) : -1;
        if (r >= 0) {
            const int common = std::min(dModel, out.tableDim);
            row.setZero();
            for (int c = 0; c < common; ++c)
                row[c] = static_cast<double>(table->vectors(r, c));
            out.fromTable[static_cast<std::size_t>(t)] = true;
            ++out.tableHits;
        } else {
            hashedVector(tokens[static_cast<std::size_t>(t)], seed, row);
        }
        out.x.row(t) = row.transpose();
    }
    if (sinusoidal)
        addSinusoidal(out.x);
    return out;
}

TokenVectors randomVectors(int n, int dModel, std::uint64_t seed, bool sinusoidal)
{
    TokenVectors out;
    out.x.resize(n, dModel);
    out.fromTable.assign(static_cast<std::size_t>(n), false);
    SplitMix64 mix(seed ^ 0x52414E444F4D5F58ULL);  // "RANDOM_X": a stream apart from the hashed words
    SplitMix64 rng(mix.next());
    for (int t = 0; t < n; ++t)
        for (int c = 0; c < dModel; ++c)
            out.x(t, c) = rng.normal();
    if (sinusoidal)
        addSinusoidal(out.x);
    return out;
}

}  // namespace aimath::attention
