#include "engine/attention/problem.h"

#include "engine/attention/tokenizer.h"

namespace aimath::attention {

namespace {
std::string str(long long v) { return std::to_string(v); }

Message checkManualList(const char* key, const std::vector<double>& v)
{
    if (v.size() % 2 != 0)
        return Message(QT_TRANSLATE_NOOP("aimath::engine", "%1: %2 numbers given; each token needs two (x, y), so the count must be even"),
                       {std::string(key), str(static_cast<long long>(v.size()))});
    const long long tokens = static_cast<long long>(v.size() / 2);
    if (tokens < kMinManualTokens || tokens > kMaxManualTokens)
        return Message(QT_TRANSLATE_NOOP("aimath::engine", "%1: %2 vectors given; the toy mode takes %3 to %4 tokens (%5 to %6 numbers)"),
                       {std::string(key), str(tokens), str(kMinManualTokens), str(kMaxManualTokens), str(2 * kMinManualTokens), str(2 * kMaxManualTokens)});
    return {};
}

Eigen::MatrixXd pairs(const std::vector<double>& v)
{
    Eigen::MatrixXd m(static_cast<Eigen::Index>(v.size() / 2), 2);
    for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
        m(static_cast<Eigen::Index>(i / 2), 0) = v[i];
        m(static_cast<Eigen::Index>(i / 2), 1) = v[i + 1];
    }
    return m;
}
}  // namespace

int tokenCount(const Spec& spec)
{
    switch (spec.source) {
    case Source::Text: {
        const Tokens t = tokenize(spec.text);
        return t.ok() ? static_cast<int>(t.tokens.size()) : 0;
    }
    case Source::Random: return spec.seqLen;
    case Source::Manual: return static_cast<int>(spec.manualQ.size() / 2);
    }
    return 0;
}

std::string checkSpec(const Spec& spec) { return checkSpecMessage(spec).text(); }

Message checkSpecMessage(const Spec& spec)
{
    int n = 0;
    switch (spec.source) {
    case Source::Text: {
        const Tokens t = tokenize(spec.text);
        if (!t.ok())
            return t.why;
        n = static_cast<int>(t.tokens.size());
        break;
    }
    case Source::Random:
        if (spec.seqLen < 1 || spec.seqLen > kMaxRandomTokens)
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "seq_len: %1 is out of range [1, %2]"), {str(spec.seqLen), str(kMaxRandomTokens)});
        n = spec.seqLen;
        break;
    case Source::Manual: {
        if (Message e = checkManualList("manual_q", spec.manualQ); !e.empty())
            return e;
        if (spec.manualK.size() != spec.manualQ.size())
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "manual_k: %1 numbers given but manual_q has %2; give one (x, y) key per token"),
                           {str(static_cast<long long>(spec.manualK.size())), str(static_cast<long long>(spec.manualQ.size()))});
        if (spec.manualV.size() != spec.manualQ.size())
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "manual_v: %1 numbers given but manual_q has %2; give one (x, y) value per token"),
                           {str(static_cast<long long>(spec.manualV.size())), str(static_cast<long long>(spec.manualQ.size()))});
        n = static_cast<int>(spec.manualQ.size() / 2);
        break;
    }
    }
    if (spec.source != Source::Manual) {
        if (spec.dModel < 1)
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "d_model: must be positive"));
        if (spec.heads < 1 || spec.dModel % spec.heads != 0)
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "heads: %1 does not divide d_model = %2 (each head gets d_model / heads columns); try a divisor such as 1, 2 or 4"),
                           {str(spec.heads), str(spec.dModel)});
    }
    if (!(spec.temperature > 0.0))
        return Message(QT_TRANSLATE_NOOP("aimath::engine", "temperature: must be positive"));
    if (spec.mask == Mask::Padding && (spec.pad < 0 || spec.pad >= n))
        return Message(QT_TRANSLATE_NOOP("aimath::engine", "pad: masking the last %1 of %2 tokens hides every key, so no row has anything to attend to; use 0 to %3"),
                       {str(spec.pad), str(n), str(n - 1)});
    return {};
}

Prepared prepare(const Spec& spec, const EmbeddingTable* table)
{
    Prepared p;
    if (Message why = checkSpecMessage(spec); !why.empty()) {
        p.message = why.text();
        p.key = p.message.substr(0, p.message.find(':'));
        p.why = std::move(why);
        return p;
    }
    const bool sinusoidal = spec.positional == Positional::Sinusoidal;
    switch (spec.source) {
    case Source::Text: {
        p.labels = tokenize(spec.text).tokens;
        const bool useTable = spec.vectors == VectorSource::Embeddings;
        const EmbeddingTable* t = useTable && table && table->rows() > 0 ? table : nullptr;
        p.tableMissing = useTable && !t;
        p.vectors = sentenceVectors(p.labels, spec.dModel, spec.seed, t, sinusoidal);
        if (t)
            p.tableMisses = static_cast<int>(p.labels.size()) - p.vectors.tableHits;
        break;
    }
    case Source::Random:
        p.labels.reserve(static_cast<std::size_t>(spec.seqLen));
        for (int i = 0; i < spec.seqLen; ++i) {
            std::string label = "#";
            label += str(i);
            p.labels.push_back(std::move(label));
        }
        p.vectors = randomVectors(spec.seqLen, spec.dModel, spec.seed, sinusoidal);
        break;
    case Source::Manual:
        p.manualQ = pairs(spec.manualQ);
        p.manualK = pairs(spec.manualK);
        p.manualV = pairs(spec.manualV);
        for (Eigen::Index i = 0; i < p.manualQ.rows(); ++i)
            p.labels.push_back(std::string(1, static_cast<char>('A' + i)));
        break;
    }
    p.ok = true;
    return p;
}

Options optionsFor(const Spec& spec)
{
    Options o;
    o.heads = spec.source == Source::Manual ? 1 : spec.heads;
    o.qkMode = spec.qkMode;
    o.rope = spec.source != Source::Manual && spec.positional == Positional::Rope;
    o.seed = spec.seed;
    o.scaled = spec.scaled;
    o.scaleFactor = spec.scaleFactor;
    o.temperature = spec.temperature;
    o.mask = spec.mask;
    o.pad = spec.pad;
    return o;
}

void run(const Prepared& in, const Spec& spec, const Options& opt, Result& out)
{
    if (spec.source == Source::Manual)
        computeFromQkv(in.manualQ, in.manualK, in.manualV, opt, out);
    else
        computeAttention(in.vectors.x, opt, out);
}

void run(const Prepared& in, const Spec& spec, const Options& opt, Cache& cache, Result& out)
{
    if (spec.source == Source::Manual)
        computeFromQkv(in.manualQ, in.manualK, in.manualV, opt, out);
    else
        computeAttention(in.vectors.x, opt, cache, out);
}

}  // namespace aimath::attention
