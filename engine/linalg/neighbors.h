#pragma once
// Nearest neighbours in the original space and word analogies ("king - man + woman"),
// by brute force over every row (exact; a few tens of milliseconds for 400,000 × 100).

#include "engine/core/embedding_table.h"
#include "engine/core/message.h"

#include <Eigen/Core>

#include <string>
#include <string_view>
#include <vector>

namespace aimath::linalg {

enum class Metric { Cosine, Euclidean };
const std::vector<std::string>& metricIds();  ///< cosine euclidean

struct Neighbor {
    int index = -1;
    double similarity = 0.0;  ///< cosine similarity (Cosine) or distance (Euclidean)
};

/// Row norms ‖xᵢ‖ (kept between queries).
Eigen::VectorXd rowNorms(const EmbeddingTable::Matrix& x);

/// The k rows most similar to `query`: largest cos(xᵢ, q) = xᵢ·q / (‖xᵢ‖‖q‖) (a zero vector has similarity 0),
/// or smallest ‖xᵢ − q‖. Rows in `exclude` are skipped; ties go to the lower index.
std::vector<Neighbor> nearest(const EmbeddingTable::Matrix& x, const Eigen::VectorXd& norms, const Eigen::VectorXd& query,
                              Metric metric, int k, const std::vector<int>& exclude = {});

/// A row named by its label (exact, then case-insensitive) or by "#index" (0-based); -1 and a message when none.
int resolveRow(const EmbeddingTable& table, std::string_view name, std::string* message = nullptr);
/// The same, the refusal as a translatable Message (why->text() is the string above, byte for byte).
int resolveRow(const EmbeddingTable& table, std::string_view name, Message* why);

struct AnalogyTerm {
    int sign = 1;  ///< +1 or −1
    std::string label;
    int index = -1;
};

struct AnalogyResult {
    bool ok = false;
    std::string message;              ///< "analogy: 'kingg' is not a label of the data set"
    Message why;                      ///< message, translatable (message == why.text())
    std::vector<AnalogyTerm> terms;
    Eigen::VectorXd target;           ///< Σ signᵢ·xᵢ (unit vectors xᵢ/‖xᵢ‖ for Cosine, as word2vec's 3CosAdd)
    std::vector<Neighbor> results;    ///< nearest to the target, input rows excluded
};

/// Parses "a - b + c" (terms separated by spaces around + and -; "#12" names row 12) and finds the k nearest rows.
AnalogyResult analogy(const EmbeddingTable& table, const Eigen::VectorXd& norms, std::string_view expression, Metric metric, int k);

}  // namespace aimath::linalg
