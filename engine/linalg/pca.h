#pragma once
// Principal component analysis, exact and randomized, as the embeddings tab shows it.
// Conventions (those of statistics packages and scikit-learn):
//   covariance C = ZᵀZ / (n − 1) of the normalised data Z (n rows, dim columns);
//   components are unit eigenvectors of C ordered by decreasing eigenvalue
//   (explained variance); each component's largest-magnitude loading is positive.

#include "engine/core/message.h"

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

/// How the rows of x become the rows of z, without a copy of the data: the statistics of one pass
/// over x, applied block by block where z is read (a copy of a 400,000 × 300 table is 480 MB).
struct Normalization {
    Eigen::VectorXd mean;    ///< the column mean subtracted first (zeros for None)
    Eigen::VectorXd scale;   ///< per-column divisor (standard deviations for Standardize, else ones)
    Eigen::RowVectorXf mean2;  ///< Spherize: the mean of the unit rows, subtracted last (empty otherwise)
    Normalize normalize = Normalize::Center;
};

/// The data as PCA sees it, as one n × dim matrix (tests and small data; PCA itself reads x through a Normalization).
struct NormalizedData : Normalization {
    RowMatrixF z;            ///< n × dim
};

/// center: z = x − mean; standardize: (x − mean) / sd (sd with divisor n − 1; zero-variance columns stay 0);
/// spherize: centre, scale every row to unit length (zero rows stay 0), then centre again so C is a covariance;
/// none: z = x (PCA of the raw, uncentred data: C = XᵀX / (n − 1)).
Normalization fitNormalization(const Eigen::Ref<const RowMatrixF>& x, Normalize mode);

/// The z rows of the given rows of x (any consecutive rows; out has x's shape), as normalizeData computes them.
void normalizeRows(const Eigen::Ref<const RowMatrixF>& x, const Normalization& norm, Eigen::Ref<RowMatrixF> out);

/// fitNormalization followed by normalizeRows of all of x.
void normalizeData(const Eigen::Ref<const RowMatrixF>& x, Normalize mode, NormalizedData& out);

struct PcaOptions {
    PcaMethod method = PcaMethod::Auto;
    int maxComponents = 50;     ///< components kept: min(n − 1, dim, maxComponents)
    int exactMaxDim = 2000;     ///< Auto uses the exact eigen-decomposition up to this dimension
    int oversample = 10;        ///< randomized: extra columns of the range finder
    /// randomized: subspace (power) iterations. 7, scikit-learn's count for few components: with its 4
    /// (what 'auto' picks for 50 of 300 dimensions) the 50th variance of a 100,000 × 300 set is off by
    /// up to 3e-3 depending on the random start, with 7 by under 2e-5 (about 35 % more time).
    int powerIterations = 7;
    std::uint64_t seed = 1;
    int covarianceBlock = 256;  ///< size of the covariance block kept for display
    const std::atomic<bool>* cancel = nullptr;
};

struct PcaResult {
    bool ok = false;
    bool cancelled = false;
    std::string message;
    Message why;  ///< message, translatable (message == why.text())
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

/// PCA of the rows of x normalised by norm, a block of rows at a time (no n × dim copy; the same result as
/// pca() of normalizeData's z).
PcaResult pca(const Eigen::Ref<const RowMatrixF>& x, const Normalization& norm, const PcaOptions& options = {});

/// Flips each column so that its largest-magnitude entry is positive (first such entry on ties).
void fixSigns(Eigen::MatrixXd& components);

/// Reconstruction error of keeping the first k components, for k = 0 … K:
/// e(k) = Σᵢ‖zᵢ − WₖWₖᵀzᵢ‖² / (n − 1) = Σ_{j>k} λⱼ = trace(C) − Σ_{j≤k} λⱼ.
Eigen::VectorXd reconstructionErrors(const PcaResult& result);

/// Coordinates of every row on the chosen components (0-based columns of result.components): out is n × cols.size().
void projectRows(const Eigen::Ref<const RowMatrixF>& z, const Eigen::MatrixXd& components, const std::vector<int>& cols, RowMatrixF& out);

/// projectRows of the rows of x normalised by norm: for centre and standardize x·(w / s) − μ·(w / s)
/// (float rounding of x, not of z), for the others a block of normalised rows at a time.
void projectRows(const Eigen::Ref<const RowMatrixF>& x, const Normalization& norm, const Eigen::MatrixXd& components,
                 const std::vector<int>& cols, RowMatrixF& out);

}  // namespace aimath::linalg
