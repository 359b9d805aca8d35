#pragma once
// Where the token vectors X come from: a stable hash of each token's text and
// the seed (the same word always gets the same vector), or a loaded embedding
// table, plus positional encodings (sinusoidal added to X, RoPE rotating Q and K).

#include "engine/core/embedding_table.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aimath::attention {

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, portable generator so every
/// platform draws the same numbers for the same seed (std::normal_distribution does not promise that).
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    /// Uniform in the open interval (0, 1).
    double uniform();
    /// Standard normal by Box–Muller (both values of each pair are used).
    double normal();

private:
    std::uint64_t m_state;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

/// 64-bit FNV-1a of the token with ASCII letters lower-cased ("The" and "the" share a vector).
std::uint64_t tokenHash(std::string_view token);

/// The hashed vector of a token: d independent N(0, 1) entries drawn from SplitMix64(hash ⊕ seed).
void hashedVector(std::string_view token, std::uint64_t seed, Eigen::Ref<Eigen::VectorXd> out);

/// Adds the sinusoidal encoding of Vaswani et al. 2017 to each row (row index = position):
/// PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)).
void addSinusoidal(Eigen::Ref<Eigen::MatrixXd> x);

/// Rotary position embedding (Su et al. 2021) in place, row index = position:
/// each pair (2i, 2i+1) of row p is rotated by the angle p · 10000^(−2i/d).
/// With an odd d the last column is left unrotated.
void applyRope(Eigen::Ref<Eigen::MatrixXd> m);

struct TokenVectors {
    Eigen::MatrixXd x;                ///< n × d_model
    std::vector<bool> fromTable;      ///< per token: the vector came from the embedding table
    int tableHits = 0;                ///< tokens found in the table
    int tableDim = 0;                 ///< the table's dimension (0 when none was used)
};

/// X for a sentence: each row is the token's embedding-table row when `table` is
/// given and holds the token (truncated or zero-padded to d_model), else its hashed vector;
/// sinusoidal encoding is added when `sinusoidal`.
TokenVectors sentenceVectors(const std::vector<std::string>& tokens, int dModel, std::uint64_t seed,
                             const EmbeddingTable* table, bool sinusoidal);

/// X for n random tokens: independent N(0, 1) entries from the seed (plus the sinusoidal encoding when asked).
TokenVectors randomVectors(int n, int dModel, std::uint64_t seed, bool sinusoidal);

}  // namespace aimath::attention
