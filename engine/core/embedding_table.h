#pragma once
// A table of labelled vectors: what the embeddings tab loads and the attention
// tab can borrow token vectors from.

#include <Eigen/Core>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace aimath {

struct EmbeddingTable {
    using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    std::vector<std::string> labels;  ///< one per row (may be empty strings)
    std::vector<std::string> classes; ///< optional class per row (colouring), empty when none
    Matrix vectors;                   ///< n × dim
    std::string source;               ///< file path or shipped set name

    int rows() const { return static_cast<int>(vectors.rows()); }
    int dim() const { return static_cast<int>(vectors.cols()); }
    /// The row whose label equals `label` exactly, or case-insensitively when no exact match; -1 if none.
    int find(const std::string& label) const;
};

}  // namespace aimath
