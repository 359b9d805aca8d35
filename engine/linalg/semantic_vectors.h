#pragma once
// The `semantic` data set: word vectors built by the engine from a small
// vocabulary written for the app. Each word is a sum of attribute directions
// (person, royalty, gender, young, plural, past tense, country identity,
// capital-city, …) plus seeded noise, so analogies such as
// king − man + woman ≈ queen and paris − france + italy ≈ rome hold by construction.

#include "engine/core/embedding_table.h"

#include <cstdint>

namespace aimath::linalg {

inline constexpr int kSemanticDim = 64;

/// vec(word) = Σ_f w_f·u_f + σ·ε_word, with u_f unit random directions (seeded) and ε ~ N(0, I/dim).
/// classes: royalty, people, family, animals, countries, capitals, verbs, adjectives.
EmbeddingTable semanticVectors(std::uint64_t seed = 2024, double noise = 0.12);

}  // namespace aimath::linalg
