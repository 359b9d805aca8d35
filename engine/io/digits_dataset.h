#pragma once
// The UCI optical digits set shipped inside the engine (no file, no network):
// 1,797 images of 8×8 pixel counts 0..16, labelled 0..9.
// E. Alpaydin, C. Kaynak (1998), UCI Machine Learning Repository, CC BY 4.0.

#include "engine/core/embedding_table.h"

namespace aimath::io {

inline constexpr int kDigitsRows = 1797;
inline constexpr int kDigitsDim = 64;

/// The digits as a table: vectors n × 64 (pixel counts as floats), labels "digit"
/// (e.g. "3"), classes the same digit, source "digits".
EmbeddingTable loadDigits();

}  // namespace aimath::io
