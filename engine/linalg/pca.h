#pragma once
// Principal component analysis, exact and randomized, as the embeddings tab shows it.
// Conventions (those of statistics packages and scikit-learn):
//   covariance C = ZᵀZ / (n − 1) of the normalised data Z (n rows, dim columns);
//   components are unit eigenvectors of C ordered by decreasing eigenvalue
//   (explained variance); each component's largest-magnitude loading is positive.

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace aimath::linalg {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class Normalize { Center, Standardize, Spherize, None };
enum class PcaMethod { Auto, Exact, Randomized };

const std::vector<std::string>& normalizeIds();  ///< center standardize spherize none
const std::vector<std::string>& pcaMethodIds();  ///< auto exact randomized

/// The data as PCA sees it.
struct NormalizedData {
    RowMatrixF z;            ///< n × dim
    Eigen::VectorXd mean;    ///< the column mean subtracted first (zeros for None)
    Eigen::VectorXd scale;   ///< per-column divisor (standard deviations for Standardize, else ones)
    Normalize normalize = Normalize::Center;
};

/// center: z = x − mean; standardize: (x − mean) / sd (sd with divisor n − 1; zero-variance columns stay 0);
/// spherize: centre, scale every row to unit length (zero rows stay 0), then centre again so C is a covariance;
/// none: z = x (PCA of the raw, uncentred data: C = XᵀX / (n − 1)).
void normalizeData(const Eigen::Ref<const RowMatrixF>& x, Normalize mode, NormalizedData& out);

struct PcaOptions {
    PcaMethod method = PcaMethod::Auto;
    int maxComponents = 50;     ///< components kept: min(n − 1, dim, maxComponents)
    int exactMaxDim = 2000;     ///< Auto uses the exact eigen-decomposition up to this dimension
    int oversample = 10;        ///< randomized: extra columns of the range finder
    int powerIterations = 4;    ///< randomized: subspace (power) iterations
    std::uint64_t seed = 1;
    int covarianceBlock = 256;  ///< size of the covariance block kept for display
    const std::atomic<bool>* cancel = nullptr;
};

struct PcaResult {
    bool ok = false;
    bool cancelled = false;
    std::string message;
    bool randomized = false;
    int n = 0;
    int dim = 0;
    Eigen::VectorXd explainedVariance;       ///< λ₁ ≥ λ₂ ≥ … (K values)
    Eigen::VectorXd explainedVarianceRatio;  ///< λᵢ / trace(C)
    double totalVariance = 0.0;              ///< trace(C) = Σ‖zᵢ‖² / (n − 1)
    Eigen::MatrixXd components;              ///< dim × K, unit columns, sign fixed
    Eigen::MatrixXd covariance;              ///< the leading m × m block of C, m = min(dim, covarianceBlock)
};

/// PCA of already normalised data (rows of z).
PcaResult pca(const Eigen::Ref<const RowMatrixF>& z, const PcaOptions& options = {});

/// Flips each column so that its largest-magnitude entry is positive (first such entry on ties).
void fixSigns(Eigen::MatrixXd& components);

/// Reconstruction error of keeping the first k components, for k = 0 … K:
/// e(k) = Σᵢ‖zᵢ − WₖWₖᵀzᵢ‖² / (n − 1) = Σ_{j>k} λⱼ = trace(C) − Σ_{j≤k} λⱼ.
Eigen::VectorXd reconstructionErrors(const PcaResult& result);

/// Coordinates of every row on the chosen components (0-based columns of result.components): out is n × cols.size().
void projectRows(const Eigen::Ref<const RowMatrixF>& z, const Eigen::MatrixXd& components, const std::vector<int>& cols, RowMatrixF& out);

}  // namespace aimath::linalg
