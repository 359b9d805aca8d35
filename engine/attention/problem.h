#pragma once
// What the attention tab asks for, as plain values (its parameters), checked in
// one place and turned into token labels and token vectors (or the toy-mode
// Q, K, V). Every error message starts with the parameter key at fault, so the
// command line and the window can both name it.

#include "engine/attention/attention.h"
#include "engine/attention/token_vectors.h"
#include "engine/core/embedding_table.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace aimath::attention {

enum class Source { Text, Random, Manual };
enum class VectorSource { Hashed, Embeddings };
enum class Positional { None, Sinusoidal, Rope };

inline constexpr int kMaxRandomTokens = 4096;
inline constexpr int kMinManualTokens = 2;
inline constexpr int kMaxManualTokens = 6;

struct Spec {
    Source source = Source::Text;
    std::string text;
    int seqLen = 64;
    VectorSource vectors = VectorSource::Hashed;
    int dModel = 64;
    Positional positional = Positional::None;
    std::uint64_t seed = 1;
    int heads = 4;
    QkMode qkMode = QkMode::Projected;
    bool scaled = true;
    double scaleFactor = 1.0;
    double temperature = 1.0;
    Mask mask = Mask::None;
    int pad = 0;
    std::vector<double> manualQ, manualK, manualV;  ///< x1,y1,x2,y2,… one 2-D vector per token
};

struct Prepared {
    bool ok = false;
    std::string key;
    std::string message;
    Message why;                       ///< message, translatable (message == why.text())
    std::vector<std::string> labels;   ///< one per token (words, "#i" for random tokens, A…F in toy mode)
    TokenVectors vectors;              ///< X (text and random sources)
    Eigen::MatrixXd manualQ, manualK, manualV;  ///< n × 2 (toy mode)
    int tableMisses = 0;               ///< embeddings asked for but token missing (hashed instead)
    bool tableMissing = false;         ///< embeddings asked for but no table loaded (all hashed)
};

/// The number of tokens the spec describes (0 when the text does not tokenize).
int tokenCount(const Spec& spec);
/// Checks the spec without building anything: "" when fine, else "key: what is wrong".
std::string checkSpec(const Spec& spec);
/// The same check, the refusal as a translatable Message (text() is checkSpec's string, byte for byte).
Message checkSpecMessage(const Spec& spec);
/// Checks and builds the inputs. `table` is used when spec.vectors is Embeddings (may be null).
Prepared prepare(const Spec& spec, const EmbeddingTable* table);
/// The attention options the spec implies (head selection and storage left at their defaults).
Options optionsFor(const Spec& spec);
/// Runs the layer on prepared inputs (computeAttention or, in toy mode, computeFromQkv).
void run(const Prepared& in, const Spec& spec, const Options& opt, Result& out);
/// The same with a cache kept apart from the result (see computeAttention); toy mode uses none.
void run(const Prepared& in, const Spec& spec, const Options& opt, Cache& cache, Result& out);

}  // namespace aimath::attention
