#include "engine/linalg/neighbors.h"

#include "engine/core/parse.h"

#include <algorithm>
#include <cmath>

namespace aimath::linalg {

const std::vector<std::string>& metricIds()
{
    static const std::vector<std::string> ids{"cosine", "euclidean"};
    return ids;
}

Eigen::VectorXd rowNorms(const EmbeddingTable::Matrix& x)
{
    Eigen::VectorXd n(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        n(i) = x.row(i).cast<double>().norm();
    return n;
}

std::vector<Neighbor> nearest(const EmbeddingTable::Matrix& x, const Eigen::VectorXd& norms, const Eigen::VectorXd& query,
                              Metric metric, int k, const std::vector<int>& exclude)
{
    std::vector<Neighbor> all;
    if (k <= 0 || x.rows() == 0 || query.size() != x.cols())
        return all;
    all.reserve(static_cast<std::size_t>(x.rows()));
    const double qn = query.norm();
    const Eigen::RowVectorXd q = query.transpose();
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        if (std::find(exclude.begin(), exclude.end(), static_cast<int>(i)) != exclude.end())
            continue;
        double s;
        if (metric == Metric::Cosine) {
            const double den = norms(i) * qn;
            s = den > 0.0 ? x.row(i).cast<double>().dot(q) / den : 0.0;
        } else {
            s = (x.row(i).cast<double>() - q).norm();
        }
        all.push_back({static_cast<int>(i), s});
    }
    const auto better = [metric](const Neighbor& a, const Neighbor& b) {
        if (a.similarity != b.similarity)
            return metric == Metric::Cosine ? a.similarity > b.similarity : a.similarity < b.similarity;
        return a.index < b.index;
    };
    const auto count = std::min<std::size_t>(static_cast<std::size_t>(k), all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count), all.end(), better);
    all.resize(count);
    return all;
}

int resolveRow(const EmbeddingTable& table, std::string_view name, Message* why)
{
    const std::string_view t = trimmed(name);
    if (t.size() > 1 && t.front() == '#') {
        const auto idx = parseInteger(t.substr(1));
        if (idx.ok() && idx.value >= 0 && idx.value < table.rows())
            return static_cast<int>(idx.value);
        if (idx.ok()) {
            if (why)
                *why = Message(QT_TRANSLATE_NOOP("aimath::engine", "'%1' is out of range (rows #0 to #%2)"), {std::string(t), std::to_string(table.rows() - 1)});
            return -1;
        }
    }
    const int i = table.find(std::string(t));
    if (i < 0 && why)
        *why = Message(QT_TRANSLATE_NOOP("aimath::engine", "'%1' is not a label of the data set"), {std::string(t)});
    return i;
}

int resolveRow(const EmbeddingTable& table, std::string_view name, std::string* message)
{
    Message why;
    const int i = resolveRow(table, name, message ? &why : nullptr);
    if (i < 0 && message)
        *message = why.text();
    return i;
}

namespace {
AnalogyResult fail(AnalogyResult& r, Message why)
{
    r.message = why.text();
    r.why = std::move(why);
    return std::move(r);
}
}  // namespace

AnalogyResult analogy(const EmbeddingTable& table, const Eigen::VectorXd& norms, std::string_view expression, Metric metric, int k)
{
    AnalogyResult r;
    // Tokens separated by whitespace; a lone "+" or "-" is an operator, anything else a term.
    std::vector<std::string> tokens;
    std::string cur;
    for (char c : expression) {
        if (c == ' ' || c == '\t') {
            if (!cur.empty())
                tokens.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        tokens.push_back(cur);
    if (tokens.empty()) {
        return fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "analogy: empty expression (write for example %1)"), {std::string("\"king - man + woman\"")}));
    }
    int sign = 1;
    bool expectTerm = true;
    for (const auto& tok : tokens) {
        if (tok == "+" || tok == "-") {
            if (expectTerm && !r.terms.empty()) {
                return fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "analogy: two operators in a row before '%1'"), {tok}));
            }
            sign = tok == "-" ? -1 : 1;
            expectTerm = true;
            continue;
        }
        if (!expectTerm) {
            return fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "analogy: missing '+' or '-' before '%1' (separate terms with spaces: %2)"),
                                   {tok, std::string("\"king - man + woman\"")}));
        }
        Message why;
        const int idx = resolveRow(table, tok, &why);
        if (idx < 0)
            return fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "analogy: %1"), {why}));
        r.terms.push_back({sign, tok, idx});
        sign = 1;
        expectTerm = false;
    }
    if (expectTerm) {
        return fail(r, Message(QT_TRANSLATE_NOOP("aimath::engine", "analogy: the expression ends with an operator")));
    }
    r.target = Eigen::VectorXd::Zero(table.dim());
    std::vector<int> exclude;
    for (const auto& t : r.terms) {
        Eigen::VectorXd v = table.vectors.row(t.index).transpose().cast<double>();
        if (metric == Metric::Cosine && norms(t.index) > 0.0)
            v /= norms(t.index);
        r.target += t.sign * v;
        exclude.push_back(t.index);
    }
    r.results = nearest(table.vectors, norms, r.target, metric, k, exclude);
    r.ok = true;
    return r;
}

}  // namespace aimath::linalg
