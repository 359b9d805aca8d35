#include "engine/attention/sqrt_d_curve.h"

#include "engine/attention/attention.h"
#include "engine/core/cpu_state.h"
#include "engine/attention/token_vectors.h"

#include <algorithm>
#include <cmath>

namespace aimath::attention {

std::vector<int> sqrtDGrid(int extra)
{
    std::vector<int> g;
    for (int i = 0; i <= 14; ++i)
        g.push_back(static_cast<int>(std::lround(4.0 * std::pow(2.0, i / 2.0))));
    if (extra >= 4 && extra <= 512)
        g.push_back(extra);
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
    return g;
}

double gaussianLogitEntropyLimit(int n, double sigma) { return std::log(static_cast<double>(n)) - 0.5 * sigma * sigma; }

SqrtDCurve::SqrtDCurve(int n, std::vector<int> dks, std::uint64_t seed, int trials)
    : m_n(std::max(1, n)), m_trials(std::max(1, trials)), m_dks(std::move(dks))
{
    std::sort(m_dks.begin(), m_dks.end());
    const int dMax = m_dks.empty() ? 0 : m_dks.back();
    SplitMix64 mix(seed ^ 0x5351525444ULL);
    SplitMix64 rng(mix.next());
    m_logits.reserve(static_cast<std::size_t>(m_trials) * m_dks.size());
    for (int t = 0; t < m_trials; ++t) {
        Eigen::MatrixXd q(m_n, dMax), k(m_n, dMax);
        for (Eigen::Index c = 0; c < dMax; ++c)
            for (Eigen::Index r = 0; r < m_n; ++r)
                q(r, c) = rng.normal();
        for (Eigen::Index c = 0; c < dMax; ++c)
            for (Eigen::Index r = 0; r < m_n; ++r)
                k(r, c) = rng.normal();
        // q·k over the first d columns, built up incrementally from the previous d.
        Eigen::MatrixXd acc = Eigen::MatrixXd::Zero(m_n, m_n);
        int done = 0;
        for (int d : m_dks) {
            acc.noalias() += q.middleCols(done, d - done) * k.middleCols(done, d - done).transpose();
            done = d;
            m_logits.push_back(acc);
        }
    }
}

std::vector<double> SqrtDCurve::meanEntropy(bool scaled, double scaleFactor, double temperature) const
{
    std::vector<double> out(m_dks.size(), 0.0);
    RowMatrix s(m_n, m_n);
    std::vector<double> a(static_cast<std::size_t>(m_n));
    for (int t = 0; t < m_trials; ++t)
        for (std::size_t i = 0; i < m_dks.size(); ++i) {
            const double f = scaleFactor / (scaled ? std::sqrt(static_cast<double>(m_dks[i])) : 1.0) / temperature;
            s = m_logits[static_cast<std::size_t>(t) * m_dks.size() + i] * f;
            clearUpperVectorState();
            double sum = 0.0;
            for (Eigen::Index r = 0; r < m_n; ++r)
                sum += softmaxRow(s.row(r).data(), a.data(), m_n);
            out[i] += sum / m_n;
        }
    for (double& v : out)
        v /= m_trials;
    return out;
}

}  // namespace aimath::attention
