#include "engine/attention/tokenizer.h"

namespace aimath::attention {

namespace {
bool isWordByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}
bool isSpaceByte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
}  // namespace

Tokens tokenize(std::string_view text, int maxTokens)
{
    Tokens out;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (isSpaceByte(c)) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        if (isWordByte(c)) {
            while (j < n) {
                const auto d = static_cast<unsigned char>(text[j]);
                if (isWordByte(d)) {
                    ++j;
                } else if (d == '\'' && j + 1 < n && isWordByte(static_cast<unsigned char>(text[j + 1]))) {
                    j += 2;
                } else {
                    break;
                }
            }
        }
        // Stop collecting once past the limit: the count is all the error needs.
        if (static_cast<int>(out.tokens.size()) >= maxTokens) {
            out.why = Message(QT_TRANSLATE_NOOP("aimath::engine", "text: more than %1 tokens (words and punctuation count separately); shorten the sentence"),
                              {std::to_string(maxTokens)});
            out.error = out.why.text();
            out.tokens.clear();
            return out;
        }
        out.tokens.emplace_back(text.substr(i, j - i));
        i = j;
    }
    if (out.tokens.empty()) {
        out.why = Message(QT_TRANSLATE_NOOP("aimath::engine", "text: the sentence is empty; type at least one word"));
        out.error = out.why.text();
    }
    return out;
}

}  // namespace aimath::attention
