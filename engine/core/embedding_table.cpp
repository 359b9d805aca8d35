#include "engine/core/embedding_table.h"

#include <algorithm>
#include <cctype>

namespace aimath {

int EmbeddingTable::find(const std::string& label) const
{
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == label)
            return static_cast<int>(i);
    auto lowerEq = [](const std::string& a, const std::string& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
               });
    };
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (lowerEq(labels[i], label))
            return static_cast<int>(i);
    return -1;
}

}  // namespace aimath
