#pragma once
// Multi-head scaled dot-product self-attention, head by head, with everything a
// learner may want to look at kept: Q_h, K_h, V_h, the scores S, the weights A,
// the entropy of every row, O_h = A V_h and the output concat(O_h) W_O.
//
// Per head h:  S = Q_h K_hᵀ · scale_factor / √d_k (the √d_k only when scaled) / temperature,
//              masked entries −∞, A = softmax over each row (stable), O_h = A V_h.

#include "engine/core/message.h"

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace aimath::attention {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class Mask { None, Causal, Padding };
enum class QkMode { Projected, Identity };

/// Longer sequences keep full n × n matrices only for the selected head.
inline constexpr int kFullStoreLimit = 512;

struct Options {
    int heads = 1;
    QkMode qkMode = QkMode::Projected;
    bool rope = false;             ///< rotate Q and K by position (RoPE)
    std::uint64_t seed = 1;        ///< draws W_Q, W_K, W_V, W_O
    bool scaled = true;            ///< divide by √d_k
    double scaleFactor = 1.0;
    double temperature = 1.0;
    Mask mask = Mask::None;
    int pad = 0;                   ///< Padding: the last `pad` tokens are hidden as keys
    int selectedHead = 0;
    bool storeAllHeads = true;     ///< false: full scores/weights only for selectedHead
    bool selectedHeadOnly = false; ///< true: the scores, weights and row entropies of selectedHead alone, on
                                   ///< two threads (a quick first picture of a long sequence); its output and
                                   ///< thumbnail, the other heads, concat, output and the mean are NaN
    bool othersEntropyOnly = false; ///< true: selectedHead as with selectedHeadOnly, the other heads' row entropies
                                    ///< and maxima only (what the weights view of a long sequence shows; the same
                                    ///< numbers as a full run); outputs, thumbnails, concat, output and the mean are NaN
    int maxThumb = 64;             ///< per-head thumbnails pooled to at most this many cells a side
    int maxMean = kFullStoreLimit; ///< the average over heads pooled to at most this many cells a side
    int maxDisplay = 0;            ///< > 0: block means of selectedHead's weights (scores with displayScores)
                                   ///< pooled to at most this many cells a side, in Result::display, when
                                   ///< that needs pooling (computed with the rows, off the caller's drawing)
    bool displayScores = false;
    bool outputs = true;           ///< false: O_h = A V_h, concat and output are left NaN (completeOutputs
                                   ///< fills them later, from the stored weights, with the same numbers)
    int threads = 2;               ///< row blocks split over up to this many threads (1 or 2) when the work is
                                   ///< large; the numbers do not depend on it
    const std::atomic<bool>* cancel = nullptr;   ///< checked between row blocks
    std::function<void(double)> progress;        ///< fraction done, 0…1, in order, one call at a time (from either thread)
};

/// What a change of temperature, score factor, scaling or mask can reuse: the weights, Q, K, V of
/// every head and the raw logits Q_h K_hᵀ of the heads whose scores are stored. Valid while X, the
/// seed, the number of heads, the Q/K mode and RoPE stay the same (everything Q and K depend on).
struct Cache {
    bool valid = false;
    Eigen::MatrixXd x;
    std::uint64_t seed = 0;
    int heads = 0;
    QkMode mode = QkMode::Projected;
    bool rope = false;
    std::uint64_t stamp = 0;                 ///< new whenever the projections are rebuilt
    Eigen::MatrixXd wq, wk, wv, wo;
    std::vector<Eigen::MatrixXd> q, k, v;    ///< per head, n × d_k (q and k after RoPE)
    std::vector<RowMatrix> logits;           ///< per head q_i · k_j, n × n; empty when not kept
    std::vector<double> maxAbsLogit;         ///< per head, with its logits
};

struct HeadResult {
    Eigen::MatrixXd q, k, v;       ///< n × d_k (q and k after RoPE)
    RowMatrix scores;              ///< n × n, masked entries −∞; empty when not stored
    RowMatrix weights;             ///< n × n, rows sum to 1; empty when not stored
    Eigen::VectorXd rowEntropy;    ///< −Σ_j A_ij ln A_ij, nats
    Eigen::MatrixXd output;        ///< O_h = A V_h, n × d_k
    RowMatrix thumb;               ///< block means of A (Result::thumbPool cells a side per block)
    double maxAbsLogit = 0.0;      ///< max |q_i · k_j| before any scaling
    double maxAbsScore = 0.0;      ///< max |S_ij| over unmasked entries
    bool stored() const { return weights.size() > 0; }
};

struct Result {
    bool ok = false;
    bool cancelled = false;
    std::string key;               ///< parameter at fault when !ok
    std::string message;           ///< starts with key when !ok
    Message why;                   ///< message, translatable (message == why.text()); empty when cancelled
    int n = 0, dModel = 0, heads = 0, dk = 0;
    double factor = 0.0;           ///< the multiplier applied to Q Kᵀ: scale_factor / √d_k / temperature
    std::vector<HeadResult> head;
    Eigen::MatrixXd concat;        ///< n × d_model, [O_0 … O_{H−1}]
    Eigen::MatrixXd output;        ///< concat · W_O
    RowMatrix meanWeights;         ///< average of A over heads, block means (meanPool a side)
    int meanPool = 1;
    int thumbPool = 1;
    Eigen::MatrixXd wq, wk, wv, wo;  ///< d_model × d_model (identities in identity mode)
    RowMatrix display;               ///< Options::maxDisplay: block means of displayHead's weights or scores
    int displayPool = 1;             ///< cells a side per block of display (1: display is empty, use the full matrix)
    int displayHead = -1;
    bool displayIsScores = false;
    bool outputsReady = false;       ///< head outputs, concat and output hold numbers (not NaN)

    /// Projections and logits are reused when X and the options they depend on did not change
    /// (the calls without a Cache argument use this one).
    Cache cache;
    std::uint64_t qkvStamp = 0;      ///< the Cache::stamp q, k, v and the W were copied from
    RowMatrix wsScores[2], wsWeights[2];  ///< per-thread row-block workspaces for heads that are not stored
    std::vector<RowMatrix> thumbSum;
    RowMatrix meanSum;
};

/// Stable softmax of one row: a_j = exp(s_j − m) / Σ_k exp(s_k − m), m = max_j s_j, −∞ entries give 0.
/// Returns the entropy −Σ a_j ln a_j in nats (computed as ln Z − Σ a_j (s_j − m)),
/// or NaN when every entry is −∞ (a row with nothing to attend to; `a` is then all 0).
/// exp is vexp::exp (within 1 ulp of std::exp), the sums run in eight fixed lanes: the same bits on
/// every thread and CPU (AVX-512 or AVX2 where the CPU has it, else SSE2; see engine/core/vector_exp.h).
double softmaxRow(const double* s, double* a, Eigen::Index n);
namespace detail {
double softmaxRowBaseline(const double* s, double* a, Eigen::Index n);  ///< softmaxRow on SSE2
double softmaxRowAvx2(const double* s, double* a, Eigen::Index n);      ///< softmaxRow on AVX2: only if the CPU has it
/// One row of a change of temperature on cached logits l (Q Kᵀ): s_j = l_j · factor for j < visible,
/// −∞ from visible on (the mask), then softmaxRow(s, a, n), its maximum found while scaling instead of
/// in a pass of its own. The same bits as the scaling followed by softmaxRow.
double scaleSoftmaxRow(const double* l, double factor, Eigen::Index visible, double* s, double* a, Eigen::Index n);
double scaleSoftmaxRowBaseline(const double* l, double factor, Eigen::Index visible, double* s, double* a, Eigen::Index n);
double scaleSoftmaxRowAvx2(const double* l, double factor, Eigen::Index visible, double* s, double* a, Eigen::Index n);  ///< only if the CPU has AVX2
double softmaxRowAvx512(const double* s, double* a, Eigen::Index n);  ///< softmaxRow on AVX-512F: only if cpu::cpuHasAvx512()
double scaleSoftmaxRowAvx512(const double* l, double factor, Eigen::Index visible, double* s, double* a, Eigen::Index n);  ///< only if cpu::cpuHasAvx512()
}  // namespace detail

/// Cells per side of a pooling block so that n cells fit in at most maxCells.
int poolFactor(int n, int maxCells);
/// Block means: out(I, J) = mean of m(i, j) over the existing i ∈ [I·p, I·p+p), j ∈ [J·p, J·p+p).
void poolMean(const Eigen::Ref<const RowMatrix>& m, int p, RowMatrix& out);

/// q_i · k_j for every pair: the raw logits before scaling, temperature and mask.
Eigen::MatrixXd rawLogits(const Eigen::Ref<const Eigen::MatrixXd>& q, const Eigen::Ref<const Eigen::MatrixXd>& k);
/// How many keys row `row` may attend to under the mask (n, row + 1 for causal, n − pad for padding).
int visibleKeys(int n, Mask mask, int pad, int row);
/// The largest entropy a row can have: ln(visible keys), reached by uniform attention.
double maxRowEntropy(int n, Mask mask, int pad, int row);

/// The weights W_Q, W_K, W_V, W_O (index 0…3): d × d entries drawn from N(0, 1/d) with the seed.
Eigen::MatrixXd projectionMatrix(int which, int d, std::uint64_t seed);

/// The layer on token vectors X (n × d_model). `out` keeps its storage between calls (slider drags).
void computeAttention(const Eigen::Ref<const Eigen::MatrixXd>& x, const Options& opt, Result& out);
/// The same with a cache kept apart from the result (several results in turn, one cache): a change
/// of temperature, scaling or mask then redoes only S = logits · factor, the softmax and A V.
void computeAttention(const Eigen::Ref<const Eigen::MatrixXd>& x, const Options& opt, Cache& cache, Result& out);
Result computeAttention(const Eigen::Ref<const Eigen::MatrixXd>& x, const Options& opt);

/// Fills what Options::outputs = false left out: O_h = A_h V_h (in the same row blocks as the full
/// run, so the same numbers), concat and output. Needs every head's weights stored; false otherwise.
bool completeOutputs(Result& r);

/// One head from given Q, K, V (n × d_k each, the toy mode); W_O = I, RoPE and projections unused.
void computeFromQkv(const Eigen::Ref<const Eigen::MatrixXd>& q, const Eigen::Ref<const Eigen::MatrixXd>& k,
                    const Eigen::Ref<const Eigen::MatrixXd>& v, const Options& opt, Result& out);

}  // namespace aimath::attention
