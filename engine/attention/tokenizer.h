#pragma once
// Splits a sentence into the tokens the attention tab shows: words and
// punctuation separately (a deliberately simple, predictable rule rather than
// a learned BPE vocabulary, so a learner can predict every row of the heatmap).

#include "engine/core/message.h"

#include <string>
#include <string_view>
#include <vector>

namespace aimath::attention {

/// The longest sentence the tab accepts (in tokens).
inline constexpr int kMaxTextTokens = 512;

struct Tokens {
    std::vector<std::string> tokens;
    std::string error;  ///< empty on success; otherwise starts with "text: "
    Message why;        ///< error, translatable (error == why.text())
    bool ok() const { return error.empty(); }
};

/// Words are maximal runs of letters, digits, '_' and any non-ASCII UTF-8 byte
/// (so "café" stays whole); an apostrophe between two word characters stays in
/// the word ("don't"). Every other non-space ASCII character is a token of its own.
/// Empty text or more than maxTokens tokens is an error.
Tokens tokenize(std::string_view text, int maxTokens = kMaxTextTokens);

}  // namespace aimath::attention
