#pragma once
// "Why √d": the mean entropy of attention rows on random queries and keys as the
// head width d_k grows, with and without dividing the scores by √d_k.
// With q, k ~ N(0, I_d), q·k has variance d: unscaled scores grow like √d and
// the softmax collapses onto one key (entropy → 0); scaled scores keep unit
// variance, and for many keys the entropy stays near ln n − σ²/2 with σ² = 1.

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace aimath::attention {

/// The d_k values of the curve: a √2-spaced grid from 4 to 512 plus `extra` (the current d_k) when in range.
std::vector<int> sqrtDGrid(int extra);

/// The large-n limit of the mean row entropy for i.i.d. N(0, σ²) logits over n keys:
/// ln n + ln E[e^X] − E[X e^X] / E[e^X] = ln n − σ²/2 (accurate for σ² ≲ 1 and many keys).
double gaussianLogitEntropyLimit(int n, double sigma);

class SqrtDCurve {
public:
    /// Draws `trials` sets of n random queries and keys (N(0,1) entries) and the raw
    /// logits q·k for every d in `dks` (increasing), reusing the columns of the widest draw.
    SqrtDCurve(int n, std::vector<int> dks, std::uint64_t seed, int trials = 4);

    const std::vector<int>& dks() const { return m_dks; }
    int tokens() const { return m_n; }
    /// Mean row entropy (nats) of softmax(q·k · scaleFactor / (√d when scaled) / temperature), per d.
    std::vector<double> meanEntropy(bool scaled, double scaleFactor, double temperature) const;

private:
    int m_n;
    int m_trials;
    std::vector<int> m_dks;
    std::vector<Eigen::MatrixXd> m_logits;  ///< [trial * dks + i]: n × n raw q·k
};

}  // namespace aimath::attention
