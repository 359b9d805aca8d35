#include "engine/io/digits_dataset.h"

namespace aimath::io {

namespace detail {
extern const char kDigitsRows[];
extern const int kDigitsRowCount;
}  // namespace detail

EmbeddingTable loadDigits()
{
    // Each row of the generated table is 64 letters ('a' + pixel count) then the label digit.
    constexpr int kStride = kDigitsDim + 1;
    EmbeddingTable t;
    const int n = detail::kDigitsRowCount;
    t.vectors.resize(n, kDigitsDim);
    t.labels.resize(static_cast<std::size_t>(n));
    t.classes.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const char* row = detail::kDigitsRows + static_cast<std::ptrdiff_t>(i) * kStride;
        for (int j = 0; j < kDigitsDim; ++j)
            t.vectors(i, j) = static_cast<float>(row[j] - 'a');
        t.labels[static_cast<std::size_t>(i)] = std::string(1, row[kDigitsDim]);
        t.classes[static_cast<std::size_t>(i)] = t.labels[static_cast<std::size_t>(i)];
    }
    t.source = "digits";
    return t;
}

}  // namespace aimath::io
