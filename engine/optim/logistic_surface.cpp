// The loss of a real model: mean binary cross-entropy of 1-D logistic regression
// p = σ(w·t + b) (w = x, b = y) on a fixed, seeded two-class data set of 200
// points whose classes overlap a little. With batch > 0 a step sees the gradient
// of a random minibatch, drawn without replacement from the step's random source.
#include "engine/optim/jet.h"
#include "engine/optim/surface.h"

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <numeric>

namespace aimath::optim {
namespace {
constexpr int kPoints = 200;
constexpr std::uint64_t kDataSeed = 20240611;

class LogisticSurface : public Surface {
public:
    explicit LogisticSurface(int batch) : m_batch(batch)
    {
        // Class 0 around t = −1.5, class 1 around t = +1.5, unit spread: a few points on the wrong side.
        Rng rng(kDataSeed);
        for (int i = 0; i < kPoints; ++i) {
            const double label = i % 2;
            m_t[i] = (label > 0 ? 1.5 : -1.5) + rng.gaussian();
            m_y[i] = label;
        }
        for (int i = 0; i < kPoints; ++i) {
            m_tA[i] = m_t[i];
            m_yA[i] = m_y[i];
        }
        m_sumYT = (m_tA * m_yA).sum();
        m_sumY = m_yA.sum();
        m_min = polishMinimum(*this, 0.0, 0.0);  // convex, so Newton from the origin reaches the one minimum
    }
    std::string id() const override { return "logistic"; }
    // −y log σ(z) − (1−y) log(1−σ(z)) = softplus(z) − y·z, and Σ yᵢzᵢ = w·Σyᵢtᵢ + b·Σyᵢ; the softplus
    // sum is evaluated over all 200 points at once with Eigen's vectorised exp and log1p.
    double value(double w, double b) const override
    {
        const Arr z = m_tA * w + b;
        const Arr e = (-z.abs()).exp();
        return ((z.max(0.0) + e.log1p()).sum() - (w * m_sumYT + b * m_sumY)) / kPoints;
    }
    Eigen::Vector2d gradient(double w, double b) const override
    {
        Eigen::Vector2d g;
        valueAndGradient(w, b, &g);
        return g;
    }
    double valueAndGradient(double w, double b, Eigen::Vector2d* grad) const override
    {
        const Arr z = m_tA * w + b;
        const Arr e = (-z.abs()).exp();                                   // e^−|z| ∈ (0, 1]: no overflow
        const Arr sig = (z >= 0.0).select(1.0 / (1.0 + e), e / (1.0 + e));  // σ(z)
        const Arr r = sig - m_yA;
        *grad = Eigen::Vector2d((r * m_tA).sum() / kPoints, r.sum() / kPoints);
        return ((z.max(0.0) + e.log1p()).sum() - (w * m_sumYT + b * m_sumY)) / kPoints;
    }
    Eigen::Matrix2d hessian(double w, double b) const override
    {
        Eigen::Matrix2d h = Eigen::Matrix2d::Zero();
        for (int i = 0; i < kPoints; ++i) {
            const double s = sigmoid(w * m_t[i] + b);
            const double c = s * (1.0 - s);
            h(0, 0) += c * m_t[i] * m_t[i];
            h(0, 1) += c * m_t[i];
            h(1, 1) += c;
        }
        h(1, 0) = h(0, 1);
        return h / kPoints;
    }
    Eigen::Vector2d stepGradient(double w, double b, Rng& rng) const override
    {
        if (m_batch <= 0 || m_batch >= kPoints)
            return gradient(w, b);
        std::array<int, kPoints> idx;
        std::iota(idx.begin(), idx.end(), 0);
        for (int i = 0; i < m_batch; ++i) {  // partial Fisher–Yates: the first m_batch entries are a uniform sample
            const int j = i + static_cast<int>(rng.below(static_cast<std::uint64_t>(kPoints - i)));
            std::swap(idx[i], idx[j]);
        }
        return batchGradient(w, b, idx.data(), m_batch);
    }
    bool stochastic() const override { return m_batch > 0 && m_batch < kPoints; }
    double valueCost() const override { return 600.0; }  // 200 exp + 200 log1p a point
    Bounds bounds() const override { return {-1, 7, -4, 4}; }
    std::vector<KnownMinimum> minima() const override { return {m_min}; }
    std::string formula() const override { return "f(w, b) = −(1/N) Σ [yᵢ log σ(w tᵢ + b) + (1 − yᵢ) log(1 − σ(w tᵢ + b))],  N = 200"; }

    const std::array<double, kPoints>& inputs() const { return m_t; }

private:
    /// ∇ of the mean loss over the listed points (all when idx is null): mean of (σ(z) − y)·(t, 1).
    Eigen::Vector2d batchGradient(double w, double b, const int* idx, int n) const
    {
        double gw = 0.0, gb = 0.0;
        for (int k = 0; k < n; ++k) {
            const int i = idx ? idx[k] : k;
            const double r = sigmoid(w * m_t[i] + b) - m_y[i];
            gw += r * m_t[i];
            gb += r;
        }
        return {gw / n, gb / n};
    }

    using Arr = Eigen::Array<double, kPoints, 1>;
    int m_batch;
    Arr m_tA, m_yA;
    double m_sumYT = 0.0, m_sumY = 0.0;
    std::array<double, kPoints> m_t{};
    std::array<double, kPoints> m_y{};
    KnownMinimum m_min;
};
}  // namespace

std::unique_ptr<Surface> makeLogisticSurface(const SurfaceSettings& s, Message*) { return std::make_unique<LogisticSurface>(s.batch); }
}  // namespace aimath::optim
