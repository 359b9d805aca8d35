#include "widgets/attention/attention_tab.h"

#include "widgets/attention/pixel_bars.h"
#include "widgets/attention/toy_plane.h"
#include "widgets/common/embedding_store.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/explanation_panel.h"
#include "widgets/common/json_util.h"
#include "widgets/common/json_writer.h"
#include "widgets/common/palette.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"

#include <QButtonGroup>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QThread>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace aimath {

using namespace attention;
using attention_view::Heatmap;

namespace {

const char* const kDefaultText = "The animal didn't cross the street because it was too tired .";
constexpr int kThumbCells = 64;
constexpr double kFp16Max = 65504.0;
constexpr int kCurveMaxTokens = 256;
const char* const kViewIds[] = {"weights", "heads", "matrices", "sqrt_d"};
constexpr int kProgressDelayMs = 100;  ///< background work shorter than this shows no progress bar

Source sourceOf(const std::string& s)
{
    return s == "random" ? Source::Random : s == "manual" ? Source::Manual : Source::Text;
}

Mask maskOf(const std::string& s) { return s == "causal" ? Mask::Causal : s == "padding" ? Mask::Padding : Mask::None; }

QString q(const std::string& s) { return QString::fromStdString(s); }

double displayValue(double v) { return std::isinf(v) ? std::numeric_limits<double>::quiet_NaN() : v; }

QCPColorGradient weightGradient()
{
    QCPColorGradient g = palette::viridis();
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(QColor(190, 190, 190));
    return g;
}

QCPColorGradient signedGradient()
{
    QCPColorGradient g = palette::diverging();
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(QColor(190, 190, 190));
    return g;
}

QJsonArray rowMatrixJson(const RowMatrix& m)
{
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.append(json::number(m(r, c)));
        rows.append(row);
    }
    return rows;
}

QString csvField(const std::string& s)
{
    QString t = q(s);
    t.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

/// The CSV of one head's weights: a header row of keys, then a row per query.
QString weightsCsv(const std::vector<std::string>& labels, const RowMatrix& weights)
{
    QString out = QStringLiteral("query\\key");
    for (const auto& t : labels)
        out += QLatin1Char(',') + csvField(t);
    out += QLatin1Char('\n');
    for (Eigen::Index i = 0; i < weights.rows(); ++i) {
        out += csvField(labels[static_cast<std::size_t>(i)]);
        for (Eigen::Index j = 0; j < weights.cols(); ++j)
            out += QLatin1Char(',') + QString::number(weights(i, j), 'g', 17);
        out += QLatin1Char('\n');
    }
    return out;
}

// Symmetric data range for signed matrices (never empty).
QCPRange symmetric(double maxAbs) { return maxAbs > 0 ? QCPRange(-maxAbs, maxAbs) : QCPRange(-1, 1); }

}  // namespace

AttentionTab::AttentionTab(ParamSet params, QWidget* parent)
    : Tab(std::move(params), parent)
    , m_front(std::make_unique<Result>())
    , m_back(std::make_unique<Result>())
    , m_async(std::make_unique<Result>())
{
    // Inner views: a row of buttons above a stack of pages.
    auto* buttons = new QWidget(this);
    auto* bl = new QHBoxLayout(buttons);
    bl->setContentsMargins(0, 0, 0, 0);
    m_viewButtons = new QButtonGroup(this);
    const QString names[] = {tr("Weights"), tr("All heads"), tr("Q, K, V and output"), tr("Why √d")};
    for (int i = 0; i < kViewCount; ++i) {
        auto* b = new QPushButton(names[i], buttons);
        b->setCheckable(true);
        b->setObjectName(QStringLiteral("view_%1").arg(kViewIds[i]));
        m_viewButtons->addButton(b, i);
        bl->addWidget(b);
    }
    bl->addStretch(1);
    figureLayout()->addWidget(buttons);
    m_stack = new QStackedWidget(this);
    figureLayout()->addWidget(m_stack, 1);
    for (int i = 0; i < kViewCount; ++i)
        m_stack->addWidget(new QWidget(m_stack));
    buildWeightsView(m_stack->widget(kWeightsView));
    buildHeadsView(m_stack->widget(kHeadsView));
    buildMatricesView(m_stack->widget(kMatricesView));
    buildSqrtDView(m_stack->widget(kSqrtDView));
    connect(m_viewButtons, &QButtonGroup::idClicked, this, [this](int id) { setParam("view", std::string(kViewIds[id])); });

    // Progress of background work (long sequences).
    m_progressLabel = new QLabel(this);
    m_progressLabel->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    controlsExtraLayout()->addWidget(m_progressLabel);
    controlsExtraLayout()->addWidget(m_progress);
    m_progressLabel->hide();
    m_progress->hide();
    // Shown only when the work lasts: most first pictures of a long sequence come within ~30 ms, and
    // showing, laying out, repainting and hiding the bar for them was work on the GUI thread while
    // the picture was being computed. While shown, the bar repaints when its value moves by 1%.
    m_progressReveal = new QTimer(this);
    m_progressReveal->setSingleShot(true);
    m_progressReveal->setInterval(kProgressDelayMs);
    connect(m_progressReveal, &QTimer::timeout, this, [this] {
        if (busy())
            showProgress();
    });
    m_progressPoll = new QTimer(this);
    m_progressPoll->setInterval(50);
    connect(m_progressPoll, &QTimer::timeout, this, [this] {
        const int v = m_asyncRunning ? static_cast<int>(1000 * m_asyncProgress.load()) : m_progress->value();
        if (std::abs(v - m_progress->value()) >= 10)
            m_progress->setValue(v);
    });
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &AttentionTab::onAsyncFinished);
    m_idlePool.setMaxThreadCount(1);
    m_idlePool.setThreadPriority(QThread::IdlePriority);

    // Loading other word vectors in the embeddings tab changes our X when we borrow them.
    connect(&EmbeddingStore::instance(), &EmbeddingStore::changed, this, [this] {
        if (m_params.text("vectors") == "embeddings" && m_params.text("source") == "text") {
            m_prepValid = false;
            onParamsChanged({"vectors"});
        }
    });

    explanation()->setHtml(tr(
        "<p><b>Attention(Q, K, V) = softmax(Q K<sup>T</sup> · c / √d<sub>k</sub> / T) V</b>, one head at a time: "
        "Q = X W<sub>Q</sub>, K = X W<sub>K</sub>, V = X W<sub>V</sub> split into heads of width d<sub>k</sub> = d<sub>model</sub> / heads; "
        "the outputs O<sub>h</sub> = A V<sub>h</sub> are concatenated and multiplied by W<sub>O</sub>.</p>"
        "<p>Each row of the heatmap is one token asking (its query) and the columns are the tokens it can look at (their keys). "
        "The dot product q·k becomes a score, the softmax turns a row of scores into weights that sum to 1, and the row's "
        "entropy says how spread out that token's attention is (0 nats = all on one key, ln n = uniform). "
        "Without the 1/√d<sub>k</sub> the scores grow with the head width and the softmax saturates (see <i>Why √d</i>); "
        "the causal mask is how GPT-style decoders stop a token from seeing the future.</p>"));

    // Each experiment sets everything its observation depends on (bar the sentence and seed), so it holds
    // whatever was changed before; the numbers are those of the default sentence and seed.
    setTryThis({
        {tr("Set Temperature T to 0.1: each word now attends almost only to itself and the row entropies fall towards 0 "
            "(mean over the heads 1.28 → 0.12 nats). The rows of “The” and “the” stay at ln 2 ≈ 0.69: the two identical "
            "words share the weight."),
         {{"source", "text"}, {"vectors", "hashed"}, {"d_model", "64"}, {"heads", "4"}, {"qk_mode", "identity"},
          {"positional", "none"}, {"scaled", "true"}, {"scale_factor", "1"}, {"temperature", "0.1"}, {"mask", "none"},
          {"show", "weights"}, {"view", "weights"}}},
        {tr("Use random projections with one head of width d_k = 256 and untick Divide by √d_k: the scores are 16 times "
            "larger (max |S| ≈ 39 instead of 2.4) and the mean row entropy collapses to about 0.26 nats. Tick it again: "
            "about 2.19 nats, close to the uniform ln 12 = 2.48."),
         {{"source", "text"}, {"vectors", "hashed"}, {"d_model", "256"}, {"heads", "1"}, {"qk_mode", "projected"},
          {"positional", "none"}, {"scaled", "false"}, {"scale_factor", "1"}, {"temperature", "1"}, {"mask", "none"},
          {"show", "weights"}, {"view", "weights"}}},
        {tr("Set Mask to Causal, as in GPT: everything above the diagonal becomes 0, the first word puts all its weight on "
            "itself (entropy 0), and the dashed ceiling ln(i + 1) of row i grows down the rows."),
         {{"source", "text"}, {"mask", "causal"}, {"show", "weights"}, {"view", "weights"}}},
    });

    onParamsChanged({});
}

AttentionTab::~AttentionTab()
{
    if (m_asyncRunning) {
        m_cancel->store(true);
        m_watcher.waitForFinished();
    }
}

QString AttentionTab::staticTitle() { return QCoreApplication::translate("aimath::AttentionTab", "Attention"); }

ParamSet AttentionTab::declareParams()
{
    ParamSet s;
    // Labels, groups, tips and choice labels are shown through QCoreApplication::translate("aimath::params", …).
    const char* const tokens = QT_TRANSLATE_NOOP("aimath::params", "Tokens");
    s.add(ParamSpec::choice("source", QT_TRANSLATE_NOOP("aimath::params", "Tokens from"), {"text", "random", "manual"}, "text")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Sentence"), QT_TRANSLATE_NOOP("aimath::params", "Random tokens"),
                       QT_TRANSLATE_NOOP("aimath::params", "Toy 2-D vectors")})
              .inGroup(tokens)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "A sentence you type, random token vectors (long sequences), or 2 to 6 hand-placed 2-D vectors")));
    s.add(ParamSpec::text("text", QT_TRANSLATE_NOOP("aimath::params", "Sentence"), kDefaultText)
              .maxLen(20000)
              .inGroup(tokens)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Split into words and punctuation (at most 512 tokens)")));
    s.add(ParamSpec::integer("seq_len", QT_TRANSLATE_NOOP("aimath::params", "Random tokens"), 2, kMaxRandomTokens, 256)
              .inGroup(tokens)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Number of random tokens; above 512 the work runs in the background and only "
                                                       "the selected head is kept in full")));
    s.add(ParamSpec::choice("vectors", QT_TRANSLATE_NOOP("aimath::params", "Token vectors"), {"hashed", "embeddings"}, "hashed")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Hashed (from the word)"), QT_TRANSLATE_NOOP("aimath::params", "Embeddings tab")})
              .inGroup(tokens)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Hashed: a fixed random vector per word and seed. Embeddings: the word's vector from the table loaded in the "
                                     "embeddings tab (missing words fall back to hashed)")));
    s.add(ParamSpec::integer("d_model", QT_TRANSLATE_NOOP("aimath::params", "d_model"), 4, 512, 64)
              .inGroup(tokens)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Width of each token vector")));
    s.add(ParamSpec::choice("positional", QT_TRANSLATE_NOOP("aimath::params", "Positions"), {"none", "sinusoidal", "rope"}, "none")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "None"), QT_TRANSLATE_NOOP("aimath::params", "Sinusoidal (added to X)"),
                       QT_TRANSLATE_NOOP("aimath::params", "RoPE (rotates Q and K)")})
              .inGroup(tokens)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "How the position of a token enters: not at all, added sinusoids, or rotary "
                                                       "embedding of queries and keys")));
    s.add(ParamSpec::integer("seed", QT_TRANSLATE_NOOP("aimath::params", "Seed"), 0, 1000000, 1)
              .inGroup(tokens)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Seeds the hashed vectors and the projections W_Q, W_K, W_V, W_O")));

    const char* const heads = QT_TRANSLATE_NOOP("aimath::params", "Heads");
    s.add(ParamSpec::integer("heads", QT_TRANSLATE_NOOP("aimath::params", "Heads"), 1, 16, 4)
              .inGroup(heads)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Number of heads; must divide d_model")));
    s.add(ParamSpec::choice("qk_mode", QT_TRANSLATE_NOOP("aimath::params", "Q, K, V"), {"projected", "identity"}, "identity")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Projected (random W ~ N(0, 1/d))"),
                       QT_TRANSLATE_NOOP("aimath::params", "Identity (Q = K = V = X)")})
              .inGroup(heads)
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Identity shows pure similarity attention: a token attends to tokens whose vectors point the same way")));
    s.add(ParamSpec::integer("head", QT_TRANSLATE_NOOP("aimath::params", "Selected head"), 0, 15, 0)
              .inGroup(heads)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The head shown in the heatmap (click a small multiple to pick one)")));
    s.add(ParamSpec::integer("query", QT_TRANSLATE_NOOP("aimath::params", "Selected query"), 0, kMaxRandomTokens - 1, 7)
              .inGroup(heads)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The query row shown as bars (click a heatmap row to pick one)")));

    const char* const softmax = QT_TRANSLATE_NOOP("aimath::params", "Softmax");
    s.add(ParamSpec::boolean("scaled", QT_TRANSLATE_NOOP("aimath::params", "Divide by √d_k"), true)
              .inGroup(softmax)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Scaled dot-product attention")));
    s.add(ParamSpec::real("scale_factor", QT_TRANSLATE_NOOP("aimath::params", "Score factor c"), 0.1, 10, 1)
              .logScale()
              .inGroup(softmax)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Multiplies every score")));
    s.add(ParamSpec::real("temperature", QT_TRANSLATE_NOOP("aimath::params", "Temperature T"), 0.05, 5, 1)
              .logScale()
              .inGroup(softmax)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Scores are divided by T: low T sharpens, high T flattens")));
    s.add(ParamSpec::choice("mask", QT_TRANSLATE_NOOP("aimath::params", "Mask"), {"none", "causal", "padding"}, "none")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "None"), QT_TRANSLATE_NOOP("aimath::params", "Causal (no looking ahead)"),
                       QT_TRANSLATE_NOOP("aimath::params", "Padding (hide last keys)")})
              .inGroup(softmax)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "Masked scores are −∞ and get weight 0")));
    s.add(ParamSpec::integer("pad", QT_TRANSLATE_NOOP("aimath::params", "Padding tokens"), 0, kMaxRandomTokens, 1)
              .inGroup(softmax)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The last pad tokens are hidden as keys")));

    s.add(ParamSpec::choice("show", QT_TRANSLATE_NOOP("aimath::params", "Heatmap shows"), {"weights", "scores"}, "weights")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Weights A (0 to 1)"), QT_TRANSLATE_NOOP("aimath::params", "Raw scores S")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "View"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "The attention weights after the softmax, or the scores before it")));
    s.add(ParamSpec::choice("view", QT_TRANSLATE_NOOP("aimath::params", "View"), {"weights", "heads", "matrices", "sqrt_d"}, "weights")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Weights"), QT_TRANSLATE_NOOP("aimath::params", "All heads"),
                       QT_TRANSLATE_NOOP("aimath::params", "Q, K, V and output"), QT_TRANSLATE_NOOP("aimath::params", "Why √d")})
              .hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "Inner view: weights heatmap, all heads, Q/K/V/output matrices, or the √d entropy curve")));

    const char* const toy = QT_TRANSLATE_NOOP("aimath::params", "Toy vectors");
    s.add(ParamSpec::realList("manual_q", QT_TRANSLATE_NOOP("aimath::params", "Queries (x,y,…)"), -5, 5, {1.5, 0.5, 0.3, 1.6, -1.2, -0.6})
              .counts(2 * kMinManualTokens, 2 * kMaxManualTokens)
              .inGroup(toy)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "One 2-D query per token: x1,y1,x2,y2,… (2 to 6 tokens); or drag the arrows")));
    s.add(ParamSpec::realList("manual_k", QT_TRANSLATE_NOOP("aimath::params", "Keys (x,y,…)"), -5, 5, {1.6, 0.2, -0.4, 1.4, -1.0, -1.0})
              .counts(2 * kMinManualTokens, 2 * kMaxManualTokens)
              .inGroup(toy)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "One 2-D key per token, as many as queries")));
    s.add(ParamSpec::realList("manual_v", QT_TRANSLATE_NOOP("aimath::params", "Values (x,y,…)"), -5, 5, {1, 0, 0, 1, -1, 0})
              .counts(2 * kMinManualTokens, 2 * kMaxManualTokens)
              .inGroup(toy)
              .tip(QT_TRANSLATE_NOOP("aimath::params", "One 2-D value per token, as many as queries")));

    // In the window's language, like the other tabs' constraint messages.
    s.setConstraint([](const ParamSet& p) { return trEngine(checkSpecMessage(specFromParams(p))).toStdString(); });
    return s;
}

Spec AttentionTab::specFromParams(const ParamSet& p)
{
    Spec s;
    s.source = sourceOf(p.text("source"));
    s.text = p.text("text");
    s.seqLen = static_cast<int>(p.integer("seq_len"));
    s.vectors = p.text("vectors") == "embeddings" ? VectorSource::Embeddings : VectorSource::Hashed;
    s.dModel = static_cast<int>(p.integer("d_model"));
    const std::string& pos = p.text("positional");
    s.positional = pos == "sinusoidal" ? Positional::Sinusoidal : pos == "rope" ? Positional::Rope : Positional::None;
    s.seed = static_cast<std::uint64_t>(p.integer("seed"));
    s.heads = static_cast<int>(p.integer("heads"));
    s.qkMode = p.text("qk_mode") == "identity" ? QkMode::Identity : QkMode::Projected;
    s.scaled = p.boolean("scaled");
    s.scaleFactor = p.real("scale_factor");
    s.temperature = p.real("temperature");
    s.mask = maskOf(p.text("mask"));
    s.pad = static_cast<int>(p.integer("pad"));
    s.manualQ = p.reals("manual_q");
    s.manualK = p.reals("manual_k");
    s.manualV = p.reals("manual_v");
    return s;
}

// ---------------------------------------------------------------- views

void AttentionTab::buildWeightsView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* vsplit = new QSplitter(Qt::Vertical, page);
    layout->addWidget(vsplit);
    auto* top = new QSplitter(Qt::Horizontal, vsplit);

    m_mainPlot = new PlotView(top);
    m_mainPlot->plotLayout()->clear();
    auto* grid = new QCPLayoutGrid;
    m_mainPlot->plotLayout()->addElement(0, 0, grid);
    auto* group = new QCPMarginGroup(m_mainPlot);
    m_heat = attention_view::addHeatmap(m_mainPlot, grid, 0, 0, true, weightGradient(), group);
    m_heat.rect->axis(QCPAxis::atBottom)->setLabel(tr("key (token looked at)"));
    m_heat.rect->axis(QCPAxis::atLeft)->setLabel(tr("query (token looking)"));
    m_entRect = new QCPAxisRect(m_mainPlot);
    grid->addElement(0, 2, m_entRect);
    m_entRect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    QCPAxis* ey = m_entRect->axis(QCPAxis::atLeft);
    QCPAxis* ex = m_entRect->axis(QCPAxis::atBottom);
    ey->setRangeReversed(true);
    ey->setTickLabels(false);
    ey->grid()->setVisible(false);  // rows are categories: no grid or zero line across the bars
    ex->setLabel(tr("row entropy (nats)\n(dashed: uniform)"));
    ex->setTickLabelFont(m_mainPlot->xAxis->tickLabelFont());
    ex->setLabelFont(m_mainPlot->xAxis->labelFont());
    grid->setColumnStretchFactor(0, 4);
    grid->setColumnStretchFactor(1, 0.01);
    grid->setColumnStretchFactor(2, 1.2);
    m_entBars = new PixelBars(ey, ex);  // 2,048 rows in a few hundred pixels: composited per pixel
    m_entBars->setName(tr("entropy of the row"));
    m_entBars->setPen(Qt::NoPen);
    m_entBars->setBrush(palette::color("entropy"));
    m_entMax = new QCPGraph(ey, ex);
    m_entMax->setName(tr("ln(keys visible): uniform"));
    m_entMax->setPen(QPen(Qt::black, 1, Qt::DashLine));
    m_entMax->setLineStyle(QCPGraph::lsLine);
    m_mainPlot->setTitle(tr("Attention weights"));
    // The selected query row is outlined.
    auto* outline = new QCPItemRect(m_mainPlot);
    outline->setObjectName(QStringLiteral("queryOutline"));
    outline->setClipAxisRect(m_heat.rect);
    outline->topLeft->setAxes(m_heat.rect->axis(QCPAxis::atBottom), m_heat.rect->axis(QCPAxis::atLeft));
    outline->bottomRight->setAxes(m_heat.rect->axis(QCPAxis::atBottom), m_heat.rect->axis(QCPAxis::atLeft));
    outline->setPen(QPen(QColor(255, 64, 64), 2));
    outline->setBrush(Qt::NoBrush);
    connect(m_mainPlot, &QCustomPlot::mousePress, this, &AttentionTab::onHeatmapPress);
    connect(m_mainPlot, &QCustomPlot::mouseMove, this, &AttentionTab::onHeatmapMove);
    m_mainPlot->setCsvHook([this] { return exportCsv(); });
    trackPlot(m_mainPlot);

    m_toy = new ToyPlane(top);
    connect(m_toy, &ToyPlane::vectorDragged, this,
            [this](ToyPlane::Kind kind, int index, double x, double y) { onToyDragged(kind == ToyPlane::Kind::Query ? 0 : 1, index, x, y); });
    top->addWidget(m_mainPlot);
    top->addWidget(m_toy);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    m_rowPlot = new PlotView(vsplit);
    m_rowPlot->setTitle(tr("Selected query: weights over keys"));
    m_rowBars = new PixelBars(m_rowPlot->xAxis, m_rowPlot->yAxis);
    m_rowBars->setPen(Qt::NoPen);
    m_rowBars->setBrush(palette::color("query"));
    m_rowPlot->yAxis->setLabel(tr("weight"));
    m_rowPlot->xAxis->setLabel(tr("key"));
    m_rowPlot->xAxis->grid()->setVisible(false);
    trackPlot(m_rowPlot);
    m_rowPlot->setMinimumHeight(190);
    vsplit->addWidget(top);
    vsplit->addWidget(m_rowPlot);
    vsplit->setStretchFactor(0, 5);
    vsplit->setStretchFactor(1, 2);
    vsplit->setSizes({620, 260});
}

void AttentionTab::buildHeadsView(QWidget* page)
{
    auto* layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Horizontal, page);
    layout->addWidget(split);
    m_headsPlot = new PlotView(split);
    m_headsPlot->plotLayout()->clear();
    m_headsGrid = new QCPLayoutGrid;
    m_headsPlot->plotLayout()->addElement(0, 0, m_headsGrid);
    m_headsPlot->setTitle(tr("Every head (click one to select it)"));
    connect(m_headsPlot, &QCustomPlot::mousePress, this, &AttentionTab::onHeadsPress);
    trackPlot(m_headsPlot);

    m_meanPlot = new PlotView(split);
    m_meanPlot->plotLayout()->clear();
    auto* grid = new QCPLayoutGrid;
    m_meanPlot->plotLayout()->addElement(0, 0, grid);
    m_mean = attention_view::addHeatmap(m_meanPlot, grid, 0, 0, true, weightGradient());
    m_mean.rect->axis(QCPAxis::atBottom)->setLabel(tr("key"));
    m_mean.rect->axis(QCPAxis::atLeft)->setLabel(tr("query"));
    m_meanPlot->setTitle(tr("Average over heads"));
    trackPlot(m_meanPlot);
    split->addWidget(m_headsPlot);
    split->addWidget(m_meanPlot);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
}

void AttentionTab::buildMatricesView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_matPlot = new PlotView(page);
    layout->addWidget(m_matPlot);
    m_matPlot->plotLayout()->clear();
    auto* grid = new QCPLayoutGrid;
    m_matPlot->plotLayout()->addElement(0, 0, grid);
    auto* rowGroup0 = new QCPMarginGroup(m_matPlot);
    auto* rowGroup1 = new QCPMarginGroup(m_matPlot);
    for (int i = 0; i < 6; ++i) {
        const bool weights = i == 2;
        m_mats.push_back(attention_view::addHeatmap(m_matPlot, grid, i / 3, 2 * (i % 3), true,
                                                    weights ? weightGradient() : signedGradient(), i < 3 ? rowGroup0 : rowGroup1));
        attention_view::setIndexTicks(m_mats.back().rect->axis(QCPAxis::atBottom));
        attention_view::setIndexTicks(m_mats.back().rect->axis(QCPAxis::atLeft));
    }
    m_matPlot->setTitle(tr("The multiplications of one head"));
    trackPlot(m_matPlot);
}

void AttentionTab::buildSqrtDView(QWidget* page)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_sqrtPlot = new PlotView(page);
    layout->addWidget(m_sqrtPlot);
    m_sqrtPlot->setTitle(tr("Why √d: mean row entropy of random q, k against the head width"));
    m_sqrtPlot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setLogBase(2);
    ticker->setSubTickCount(0);
    m_sqrtPlot->xAxis->setTicker(ticker);
    m_sqrtPlot->xAxis->setNumberFormat(QStringLiteral("f"));
    m_sqrtPlot->xAxis->setNumberPrecision(0);
    m_sqrtPlot->xAxis->setLabel(tr("head width d_k"));
    m_sqrtPlot->yAxis->setLabel(tr("mean row entropy (nats)"));
    m_scaledGraph = m_sqrtPlot->addGraph();
    m_scaledGraph->setName(tr("scaled: q·k / √d_k"));
    m_scaledGraph->setPen(QPen(palette::color("scaled"), 2));
    m_scaledGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    m_unscaledGraph = m_sqrtPlot->addGraph();
    m_unscaledGraph->setName(tr("unscaled: q·k"));
    m_unscaledGraph->setPen(QPen(palette::color("unscaled"), 2));
    m_unscaledGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    m_theoryGraph = m_sqrtPlot->addGraph();
    m_theoryGraph->setName(tr("ln n − σ²/2 (many keys, σ = c/T)"));
    m_theoryGraph->setPen(QPen(palette::color("scaled"), 1, Qt::DashLine));
    m_dkLine = new QCPItemStraightLine(m_sqrtPlot);
    m_dkLine->setPen(QPen(QColor(80, 80, 80), 1, Qt::DotLine));
    m_sqrtPlot->legend->setVisible(true);
    m_sqrtPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    trackPlot(m_sqrtPlot);
}

// ---------------------------------------------------------------- compute

int AttentionTab::viewIndex() const
{
    const std::string& v = m_params.text("view");
    for (int i = 0; i < kViewCount; ++i)
        if (v == kViewIds[i])
            return i;
    return 0;
}

void AttentionTab::updatePanelVisibility()
{
    ParamPanel* p = paramPanel();
    const std::string& src = m_params.text("source");
    const bool text = src == "text", random = src == "random", manual = src == "manual";
    p->setParamVisible("text", text);
    p->setParamVisible("vectors", text);
    p->setParamVisible("seq_len", random);
    for (const char* key : {"d_model", "positional", "seed", "heads", "qk_mode", "head"})
        p->setParamVisible(key, !manual);
    p->setGroupVisible("Toy vectors", manual);
    p->setParamVisible("pad", m_params.text("mask") == "padding");
    m_toy->setVisible(manual);
    const int v = viewIndex();
    if (m_stack->currentIndex() != v)
        m_stack->setCurrentIndex(v);
    const QSignalBlocker block(m_viewButtons);
    if (auto* b = m_viewButtons->button(v))
        b->setChecked(true);
}

void AttentionTab::onParamsChanged(const std::set<std::string>& keys)
{
    static const std::set<std::string> kInputKeys{"source", "text", "seq_len", "vectors", "d_model", "positional", "seed",
                                                  "manual_q", "manual_k", "manual_v"};
    static const std::set<std::string> kDisplayKeys{"show", "view", "query", "head"};
    updatePanelVisibility();
    const bool everything = keys.empty();
    bool inputs = everything;
    bool displayOnly = !everything;
    for (const auto& k : keys) {
        if (kInputKeys.count(k))
            inputs = true;
        if (!kDisplayKeys.count(k))
            displayOnly = false;
    }
    // The weights view of a long sequence leaves out what the other views show: they need a new run.
    if (displayOnly && keys.count("view") && m_hasResult && m_frontLight && (viewIndex() == kHeadsView || viewIndex() == kMatricesView))
        displayOnly = false;
    // Long sequences keep only the selected head in full: another head needs a new run.
    if (displayOnly && keys.count("head") && m_hasResult) {
        const int h = std::clamp(static_cast<int>(m_params.integer("head")), 0, m_front->heads - 1);
        if (!m_front->head[static_cast<std::size_t>(h)].stored())
            displayOnly = false;
    }
    if (displayOnly && m_hasResult && !busy()) {
        beginCompute();
        for (bool& d : m_dirty)
            d = true;
        redrawCurrentView();
        updateReadouts();
        endCompute();
        return;
    }
    recompute(inputs);
}

void AttentionTab::recompute(bool inputsChanged)
{
    const Spec spec = specFromParams(m_params);
    const std::shared_ptr<const EmbeddingTable> table = EmbeddingStore::instance().current();
    Prepared fresh;
    const bool reuse = !inputsChanged && m_prepValid;
    if (reuse) {
        if (const Message e = checkSpecMessage(spec); !e.empty()) {
            showError(trEngine(e));
            return;
        }
    } else {
        fresh = prepare(spec, table.get());
        if (!fresh.ok) {
            showError(trEngine(fresh.why));
            return;
        }
    }
    const Prepared& in = reuse ? m_prep : fresh;
    const int n = static_cast<int>(in.labels.size());
    Options opt = optionsFor(spec);
    opt.selectedHead = std::clamp(static_cast<int>(m_params.integer("head")), 0, std::max(0, opt.heads - 1));
    opt.storeAllHeads = n <= kFullStoreLimit;
    opt.maxThumb = kThumbCells;
    opt.maxMean = kFullStoreLimit;
    // A long sequence in the weights view shows one head: that head alone comes
    // first (a quarter of the work with 4 heads), the others follow in a second job.
    opt.selectedHeadOnly = n > kFullStoreLimit && opt.heads > 1 && viewIndex() == kWeightsView;
    // Of the other heads that view shows one number (their mean row entropy): no A V, thumbnails
    // or mean for it (ensureOutputs and a switch of view complete them).
    opt.othersEntropyOnly = n > kFullStoreLimit && viewIndex() == kWeightsView;
    // A V only where it is shown; up to 512 tokens every head is stored and the outputs can follow
    // when asked for (ensureOutputs), above that the background run computes them (but for the weights view).
    opt.outputs = n > kFullStoreLimit || viewIndex() == kMatricesView;
    // Above 512 tokens the heatmaps show block means: the workers pool them with the rows.
    if (viewIndex() == kWeightsView || viewIndex() == kMatricesView) {
        opt.maxDisplay = kFullStoreLimit;
        opt.displayScores = viewIndex() == kWeightsView && m_params.text("show") == "scores";
    }
    ++m_generation;

    if (n > kFullStoreLimit) {
        std::shared_ptr<Prepared> jobPrep;
        if (reuse) {
            // The inputs on screen, one copy shared by the jobs that reuse them (a copy of 2,048 labels
            // and X for each temperature change was 1.1 M instructions before its job could start).
            if (!m_prepShared)
                m_prepShared = std::make_shared<Prepared>(m_prep);
            jobPrep = m_prepShared;
        } else {
            jobPrep = std::make_shared<Prepared>(std::move(fresh));
        }
        m_pendingJob = Job{std::move(jobPrep), spec, opt, m_generation};
        m_pendingJob.samePrep = reuse;
        m_asyncPending = true;
        // m_prep still describes the picture on screen, not this request: the next
        // request must prepare its inputs again rather than reuse the old ones.
        if (!reuse)
            m_prepValid = false;
        if (m_asyncRunning)
            m_cancel->store(true);  // the finished handler starts the pending job
        else
            startAsync();
        return;
    }

    // A synchronous result supersedes anything still running in the background.
    if (m_asyncRunning)
        m_cancel->store(true);
    else
        hideProgress();  // a follow-up that was about to start no longer will
    m_asyncPending = false;
    beginCompute();
    if (m_back.use_count() > 1)
        m_back = std::make_shared<Result>();  // a data export still writes it
    else
        std::atomic_thread_fence(std::memory_order_acquire);  // the export thread's reads of it happen before our writes
    run(in, spec, opt, m_syncCache, *m_back);
    if (!m_back->ok) {
        endCompute();
        showError(trEngine(m_back->why));
        return;
    }
    std::swap(m_front, m_back);
    m_partial = false;
    m_frontLight = false;
    if (!reuse) {
        m_prep = std::move(fresh);
        m_prepShared.reset();
    }
    m_spec = spec;
    m_prepValid = true;
    m_hasResult = true;
    showError({});
    for (bool& d : m_dirty)
        d = true;
    redrawCurrentView();
    updateReadouts();
    endCompute();
}

void AttentionTab::startAsync()
{
    m_runningJob = std::move(m_pendingJob);
    m_pendingJob = Job{};
    m_asyncPending = false;
    m_asyncRunning = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_asyncProgress.store(0.0);
    m_runningJob.opt.cancel = m_cancel.get();
    m_runningJob.opt.progress = [this](double f) { m_asyncProgress.store(f, std::memory_order_relaxed); };
    m_progressLabel->setText(tr("Computing %1 tokens in the background…").arg(m_runningJob.prep->labels.size()));
    if (!m_progress->isHidden())
        ;  // the poll moves it (a repaint now would be GUI work while the job starts)
    else if (m_runningJob.completion)
        showProgress();  // a data export asked for: the whole layer takes a while
    else if (!m_progressReveal->isActive())
        m_progressReveal->start();  // from the first job of a busy spell
    beginCompute();
    if (m_async.use_count() > 1)
        m_async = std::make_shared<Result>();  // a data export still writes it
    else
        std::atomic_thread_fence(std::memory_order_acquire);  // the export thread's reads of it happen before our writes
    Result* out = m_async.get();
    const Job job = m_runningJob;
    const std::shared_ptr<std::atomic<bool>> keepAlive = m_cancel;
    const std::shared_ptr<Cache> cache = m_asyncCache;
    // The follow-up yields to interactive work (but not when someone waits for it: waitUntilIdle).
    QThreadPool* pool = job.background && !m_hurry ? &m_idlePool : QThreadPool::globalInstance();
    m_watcher.setFuture(QtConcurrent::run(pool, [job, out, keepAlive, cache] { run(*job.prep, job.spec, job.opt, *cache, *out); }));
}

void AttentionTab::onAsyncFinished()
{
    m_asyncRunning = false;
    Job job = std::move(m_runningJob);
    m_runningJob = Job{};
    const bool current = job.generation == m_generation;
    if (current && m_async->ok) {
        const bool quick = job.opt.selectedHeadOnly;
        // The second job of a quick first picture computes the same selected head
        // again: the weights view on screen already shows it and is not redrawn.
        // A completion for an export has the picture's numbers too.
        const bool alreadyDrawn = (!quick && m_partial && viewIndex() == kWeightsView) || job.completion;
        std::swap(m_front, m_async);
        m_partial = quick;
        m_frontLight = job.opt.selectedHeadOnly || job.opt.othersEntropyOnly;
        m_frontOpt = job.opt;
        m_frontOpt.cancel = nullptr;
        m_frontOpt.progress = nullptr;
        // (A job that reused the inputs on screen has a copy of m_prep: a newer request that changed
        // m_prep would have made this one stale. 2,048 labels and X copied back were 1 M instructions.)
        if (!alreadyDrawn && !job.samePrep) {
            m_prep = *job.prep;
            m_prepShared = job.prep;  // equal to m_prep: the next change that reuses it shares it
        }
        m_spec = job.spec;
        m_prepValid = true;
        m_hasResult = true;
        showError({});
        for (bool& d : m_dirty)
            d = true;
        if (alreadyDrawn)
            m_dirty[kWeightsView] = false;
        else
            redrawCurrentView();
        updateReadouts();
        endCompute();
        if (quick && !m_asyncPending) {
            job.opt.selectedHeadOnly = false;
            job.opt.cancel = nullptr;
            job.opt.progress = nullptr;
            // The rest (other heads, outputs, mean) on one thread: the other core draws the picture.
            job.opt.threads = 1;
            job.background = true;
            m_pendingJob = std::move(job);
            m_asyncPending = true;
            // After the replot queued above, so the picture is not slowed by its own follow-up.
            QTimer::singleShot(0, this, [this] {
                if (m_asyncPending && !m_asyncRunning)
                    startAsync();
            });
            return;
        }
    } else if (current && !m_async->cancelled) {
        showError(trEngine(m_async->why));
    }
    // Stale results (an older generation) are dropped without being drawn.
    if (m_asyncPending) {
        startAsync();
    } else {
        hideProgress();
        onIdleForExport();
    }
}

void AttentionTab::setProgressDelay(int ms) { m_progressReveal->setInterval(ms); }

void AttentionTab::hideProgress()
{
    m_progressReveal->stop();
    m_progressPoll->stop();
    m_progress->hide();
    m_progressLabel->hide();
}

void AttentionTab::showProgress()
{
    m_progress->setValue(m_asyncRunning ? static_cast<int>(1000 * m_asyncProgress.load()) : 0);
    m_progressLabel->show();
    m_progress->show();
    m_progressPoll->start();
}

bool AttentionTab::exportNeedsWholeLayer() const
{
    return m_hasResult && m_front->ok && !m_front->outputsReady && m_frontLight;
}

bool AttentionTab::prepareExportData()
{
    if (!busy() && !exportNeedsWholeLayer())
        return true;
    m_exportWaiting = true;
    if (!busy())
        onIdleForExport();
    return false;
}

void AttentionTab::onIdleForExport()
{
    if (!m_exportWaiting || busy())
        return;
    if (!exportNeedsWholeLayer()) {
        m_exportWaiting = false;
        emit exportDataReady();
        return;
    }
    // The parameters of the picture on screen (same generation: a newer request supersedes it, and
    // the export then waits for that one), every head in full, at normal priority on two threads.
    Job job{std::make_shared<Prepared>(m_prep), m_spec, m_frontOpt, m_generation};
    job.opt.selectedHeadOnly = false;
    job.opt.othersEntropyOnly = false;
    job.opt.outputs = true;
    job.opt.threads = 2;
    job.completion = true;
    m_pendingJob = std::move(job);
    m_asyncPending = true;
    startAsync();
}

bool AttentionTab::waitUntilIdle(int timeoutMs)
{
    // A follow-up at idle priority could wait for a core as long as the machine is busy: one
    // already running is cancelled (within a row block) and started again at normal priority.
    m_hurry = timeoutMs > 0;
    if (m_hurry && m_asyncRunning && m_runningJob.background && !m_asyncPending) {
        m_pendingJob = m_runningJob;
        m_pendingJob.background = false;
        m_asyncPending = true;
        m_cancel->store(true);  // the finished handler starts the pending job
    }
    QElapsedTimer timer;
    timer.start();
    bool idle = true;
    while (busy()) {
        if (timer.elapsed() > timeoutMs) {
            idle = false;
            break;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (busy())
            QThread::msleep(5);
    }
    if (idle)
        QCoreApplication::processEvents();
    m_hurry = false;
    return idle;
}

// ---------------------------------------------------------------- drawing

void AttentionTab::redrawCurrentView()
{
    if (!m_hasResult)
        return;
    const int v = viewIndex();
    if (!m_dirty[v])
        return;
    m_dirty[v] = false;
    switch (v) {
    case kWeightsView: redrawWeights(); break;
    case kHeadsView: redrawHeads(); break;
    case kMatricesView: redrawMatrices(); break;
    case kSqrtDView: redrawSqrtD(); break;
    default: break;
    }
}

void AttentionTab::redrawWeights()
{
    const Result& r = *m_front;
    const int n = r.n;
    const int h = std::clamp(static_cast<int>(m_params.integer("head")), 0, r.heads - 1);
    const int qi = std::clamp(static_cast<int>(m_params.integer("query")), 0, n - 1);
    m_shownHead = h;
    m_shownQuery = qi;
    const HeadResult& hr = r.head[static_cast<std::size_t>(h)];
    const bool scores = m_params.text("show") == "scores";
    const std::vector<std::string>& labels = m_prep.labels;

    // Heatmap (block means above 512 tokens so the picture stays one cell per pixel or more).
    const RowMatrix& full = scores ? hr.scores : hr.weights;
    m_displayPool = poolFactor(n, kFullStoreLimit);
    const RowMatrix* shown = &full;
    if (m_displayPool > 1) {
        // Pooled by the engine with the rows when it knew what is shown; here otherwise (a switch of head or of show).
        if (r.displayPool == m_displayPool && r.displayHead == h && r.displayIsScores == scores) {
            shown = &r.display;
        } else {
            poolMean(full, m_displayPool, m_pooled);
            shown = &m_pooled;
        }
    }
    const int cells = static_cast<int>(shown->rows());
    attention_view::fillMap(m_heat.map, cells, cells, [&](int i, int j) { return displayValue((*shown)(i, j)); });
    // The finite cells' range, found while filling (±∞ are drawn as NaN and take no part).
    const QCPRange shownBounds = m_heat.map->data()->dataBounds();
    if (scores) {
        double lo = shownBounds.lower, hi = shownBounds.upper;
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        m_heat.map->setDataRange(QCPRange(lo, hi));
        m_heat.scale->axis()->setLabel(m_displayPool > 1 ? tr("score S (mean of %1×%1 block; grey: holds a masked −∞)").arg(m_displayPool)
                                                         : tr("score S (grey: masked, −∞)"));
    } else if (m_displayPool > 1) {
        // Block means of n > 512 tokens are near 1/n: a 0–1 scale would show one flat colour.
        m_heat.map->setDataRange(QCPRange(0, std::max(1e-12, shownBounds.upper)));
        m_heat.scale->axis()->setLabel(tr("weight (mean of %1×%1 block; scale 0 to max)").arg(m_displayPool));
    } else {
        m_heat.map->setDataRange(QCPRange(0, 1));
        m_heat.scale->axis()->setLabel(tr("weight"));
    }
    attention_view::frameCells(m_heat, cells, cells);
    QCPAxis* hx = m_heat.rect->axis(QCPAxis::atBottom);
    QCPAxis* hy = m_heat.rect->axis(QCPAxis::atLeft);
    hx->setTickLabelRotation(cells > 8 ? 60 : 0);
    attention_view::setTokenTicks(hx, labels, m_displayPool, cells);
    attention_view::setTokenTicks(hy, labels, m_displayPool, cells);
    if (auto* outline = m_mainPlot->findChild<QCPItemRect*>(QStringLiteral("queryOutline"))) {
        const double row = qi / m_displayPool;
        outline->topLeft->setCoords(-0.5, row - 0.5);
        outline->bottomRight->setCoords(cells - 0.5, row + 0.5);
    }
    const QString what = scores ? tr("scores S = Q Kᵀ × %1").arg(formatNumber(r.factor, 4)) : tr("weights A = softmax(S)");
    m_mainPlot->setTitle(r.heads > 1 ? tr("Head %1 of %2: %3").arg(h).arg(r.heads).arg(what) : tr("Attention %1").arg(what));

    // Entropy of every row, beside the heatmap, in the heatmap's row coordinates. Where the bars sit
    // and the ceiling depend on the tokens, the pooling and the mask, not on the softmax: made once.
    RowGeometry& g = m_rowGeometry;
    if (g.n != n || g.pool != m_displayPool || g.mask != m_spec.mask || g.pad != m_spec.pad) {
        g = RowGeometry{};
        g.n = n;
        g.pool = m_displayPool;
        g.mask = m_spec.mask;
        g.pad = m_spec.pad;
        g.barKeys.resize(n);
        g.edgeKeys.resize(2 * n);
        g.ceiling.resize(2 * n);
        g.queryKeys.resize(n);
        for (int t = 0; t < n; ++t) {
            g.barKeys[t] = (t + 0.5) / m_displayPool - 0.5;
            // The ceiling ln(visible keys) as a staircase spanning each row's full height.
            const double ceiling = maxRowEntropy(n, m_spec.mask, m_spec.pad, t);
            g.edgeKeys[2 * t] = static_cast<double>(t) / m_displayPool - 0.5;
            g.edgeKeys[2 * t + 1] = static_cast<double>(t + 1) / m_displayPool - 0.5;
            g.ceiling[2 * t] = g.ceiling[2 * t + 1] = ceiling;
            g.ceilingMax = std::max(g.ceilingMax, ceiling);
            g.queryKeys[t] = t;
        }
        m_entMax->setData(g.edgeKeys, g.ceiling, true);
        m_entBars->setWidth(0.8 / m_displayPool);
    }
    QVector<double> ent(n);
    for (int t = 0; t < n; ++t)
        ent[t] = hr.rowEntropy[t];
    m_entBars->setData(g.barKeys, ent, true);
    m_entRect->axis(QCPAxis::atLeft)->setRange(-0.5, cells - 0.5);
    m_entRect->axis(QCPAxis::atBottom)->setRange(0, g.ceilingMax * 1.05);
    m_mainPlot->replot(QCustomPlot::rpQueuedReplot);

    // The selected query row as bars.
    QVector<double> kw(n);
    for (int j = 0; j < n; ++j)
        kw[j] = hr.weights(qi, j);
    m_rowBars->setWidth(0.8);
    m_rowBars->setData(g.queryKeys, kw, true);
    m_rowPlot->xAxis->setRange(-0.5, n - 0.5);
    m_rowPlot->yAxis->setRange(0, std::max(1e-12, hr.weights.row(qi).maxCoeff() * 1.1));
    m_rowPlot->xAxis->setTickLabelRotation(n > 8 ? 60 : 0);
    attention_view::setTokenTicks(m_rowPlot->xAxis, labels, 1, n);
    m_rowPlot->setTitle(tr("Query \"%1\" (row %2): weights over keys, entropy %3 nats")
                            .arg(q(labels[static_cast<std::size_t>(qi)]))
                            .arg(qi)
                            .arg(formatNumber(hr.rowEntropy[qi], 4)));
    m_rowPlot->replot(QCustomPlot::rpQueuedReplot);

    // Toy plane: the 2-D vectors themselves and the dot products of the selected query.
    if (m_spec.source == Source::Manual) {
        QVector<QPointF> qs, ks;
        QStringList names;
        for (int i = 0; i < n; ++i) {
            qs.push_back(QPointF(hr.q(i, 0), hr.q(i, 1)));
            ks.push_back(QPointF(hr.k(i, 0), hr.k(i, 1)));
            names << q(labels[static_cast<std::size_t>(i)]);
        }
        const Eigen::MatrixXd dots = rawLogits(hr.q.row(qi), hr.k);
        QVector<double> d(n);
        for (int j = 0; j < n; ++j)
            d[j] = dots(0, j);
        m_toy->setVectors(qs, ks, names, qi, d);
    }
}

void AttentionTab::redrawHeads()
{
    const Result& r = *m_front;
    const int heads = r.heads;
    const int sel = std::clamp(static_cast<int>(m_params.integer("head")), 0, heads - 1);
    if (static_cast<int>(m_thumbs.size()) != heads) {
        for (auto& t : m_thumbs)
            m_headsPlot->removePlottable(t.map);
        m_headsGrid->clear();
        m_thumbs.clear();
        const int cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(heads))));
        for (int h = 0; h < heads; ++h) {
            Heatmap t = attention_view::addHeatmap(m_headsPlot, m_headsGrid, h / cols, h % cols, false, weightGradient());
            for (QCPAxis* a : {t.rect->axis(QCPAxis::atBottom), t.rect->axis(QCPAxis::atLeft)}) {
                a->setTicks(false);
                a->setTickLabels(false);
            }
            m_thumbs.push_back(t);
        }
    }
    const bool pooled = r.thumbPool > 1;
    double hi = 1.0;
    if (pooled) {
        hi = 0.0;
        for (const auto& hr : r.head)
            hi = std::max(hi, hr.thumb.maxCoeff());
    }
    for (int h = 0; h < heads; ++h) {
        const RowMatrix& th = r.head[static_cast<std::size_t>(h)].thumb;
        Heatmap& t = m_thumbs[static_cast<std::size_t>(h)];
        const int cells = static_cast<int>(th.rows());
        attention_view::fillMap(t.map, cells, cells, [&](int i, int j) { return th(i, j); });
        t.map->setDataRange(QCPRange(0, hi));
        attention_view::frameCells(t, cells, cells);
        QCPAxis* x = t.rect->axis(QCPAxis::atBottom);
        x->setLabel(h == sel ? tr("▶ head %1").arg(h) : tr("head %1").arg(h));
        QFont f = x->labelFont();
        f.setBold(h == sel);
        x->setLabelFont(f);
        const QPen pen(h == sel ? QColor(220, 40, 40) : QColor(0, 0, 0), h == sel ? 2.5 : 1.0);
        for (QCPAxis* a : {x, t.rect->axis(QCPAxis::atLeft)})
            a->setBasePen(pen);
    }
    m_headsPlot->setTitle(pooled ? tr("Every head (mean of %1×%1 blocks; click one to select it)").arg(r.thumbPool)
                                 : tr("Every head (click one to select it)"));
    m_headsPlot->replot(QCustomPlot::rpQueuedReplot);

    const RowMatrix& mw = r.meanWeights;
    const int cells = static_cast<int>(mw.rows());
    attention_view::fillMap(m_mean.map, cells, cells, [&](int i, int j) { return mw(i, j); });
    m_mean.map->setDataRange(QCPRange(0, r.meanPool > 1 ? std::max(1e-12, mw.maxCoeff()) : 1.0));
    attention_view::frameCells(m_mean, cells, cells);
    m_mean.rect->axis(QCPAxis::atBottom)->setTickLabelRotation(cells > 8 ? 60 : 0);
    attention_view::setTokenTicks(m_mean.rect->axis(QCPAxis::atBottom), m_prep.labels, r.meanPool, cells);
    attention_view::setTokenTicks(m_mean.rect->axis(QCPAxis::atLeft), m_prep.labels, r.meanPool, cells);
    m_mean.scale->axis()->setLabel(r.meanPool > 1 ? tr("mean weight (%1×%1 blocks)").arg(r.meanPool) : tr("mean weight"));
    m_meanPlot->setTitle(tr("Average of A over %1 heads").arg(heads));
    m_meanPlot->replot(QCustomPlot::rpQueuedReplot);
}

const Result& AttentionTab::result() const
{
    ensureOutputs();
    return *m_front;
}

void AttentionTab::ensureOutputs() const
{
    if (!m_hasResult || !m_front->ok || m_front->outputsReady)
        return;
    if (!m_frontLight) {
        completeOutputs(*m_front);
        return;
    }
    // A long sequence's weights view keeps the selected head only: the whole layer again, with
    // the options of the picture (the same numbers), on a cache of its own (the worker's may be busy).
    Options o = m_frontOpt;
    o.selectedHeadOnly = false;
    o.othersEntropyOnly = false;
    o.outputs = true;
    o.threads = 2;
    attention::Cache cache;
    run(m_prep, m_spec, o, cache, *m_front);
    m_frontLight = false;
}

void AttentionTab::redrawMatrices()
{
    ensureOutputs();
    const Result& r = *m_front;
    const int n = r.n;
    const int h = std::clamp(static_cast<int>(m_params.integer("head")), 0, r.heads - 1);
    const HeadResult& hr = r.head[static_cast<std::size_t>(h)];
    auto showSigned = [](Heatmap& m, int rows, int cols, const auto& value, double maxAbs) {
        attention_view::fillMap(m.map, rows, cols, value);
        m.map->setDataRange(symmetric(maxAbs));
        attention_view::frameCells(m, rows, cols);
    };
    const int dk = static_cast<int>(hr.q.cols());
    const int dv = static_cast<int>(hr.v.cols());
    showSigned(m_mats[0], n, dk, [&](int i, int j) { return hr.q(i, j); }, hr.q.cwiseAbs().maxCoeff());
    showSigned(m_mats[1], dk, n, [&](int i, int j) { return hr.k(j, i); }, hr.k.cwiseAbs().maxCoeff());
    const int pool = poolFactor(n, kFullStoreLimit);
    const RowMatrix* a = &hr.weights;
    if (pool > 1 && r.displayPool == pool && r.displayHead == h && !r.displayIsScores) {
        a = &r.display;
    } else if (pool > 1) {
        poolMean(hr.weights, pool, m_pooled);
        a = &m_pooled;
    }
    const int cells = static_cast<int>(a->rows());
    attention_view::fillMap(m_mats[2].map, cells, cells, [&](int i, int j) { return (*a)(i, j); });
    m_mats[2].map->setDataRange(QCPRange(0, 1));
    attention_view::frameCells(m_mats[2], cells, cells);
    showSigned(m_mats[3], n, dv, [&](int i, int j) { return hr.v(i, j); }, hr.v.cwiseAbs().maxCoeff());
    showSigned(m_mats[4], n, dv, [&](int i, int j) { return hr.output(i, j); }, hr.output.cwiseAbs().maxCoeff());
    showSigned(m_mats[5], n, r.dModel, [&](int i, int j) { return r.output(i, j); }, r.output.cwiseAbs().maxCoeff());
    const QString sub = r.heads > 1 ? QString::number(h) : QString();
    const QString names[6] = {
        tr("Q%1: n × d_k = %2 × %3").arg(sub).arg(n).arg(dk),
        tr("K%1ᵀ: d_k × n = %2 × %3").arg(sub).arg(dk).arg(n),
        tr("A%1 = softmax(Q Kᵀ…): %2 × %2").arg(sub).arg(n),
        tr("V%1: n × d_v = %2 × %3").arg(sub).arg(n).arg(dv),
        tr("O%1 = A V: %2 × %3").arg(sub).arg(n).arg(dv),
        tr("output = concat(O) W_O: %1 × %2").arg(n).arg(r.dModel),
    };
    for (int i = 0; i < 6; ++i)
        m_mats[static_cast<std::size_t>(i)].rect->axis(QCPAxis::atBottom)->setLabel(names[i]);
    m_matPlot->setTitle(r.heads > 1 ? tr("Head %1 of %2: S = Q Kᵀ, A = softmax(S), O = A V").arg(h).arg(r.heads)
                                    : tr("S = Q Kᵀ, A = softmax(S), O = A V"));
    m_matPlot->replot(QCustomPlot::rpQueuedReplot);
}

void AttentionTab::redrawSqrtD()
{
    const Result& r = *m_front;
    const int nCurve = std::clamp(r.n, 2, kCurveMaxTokens);
    if (!m_curve || m_curveSeed != m_spec.seed || m_curveN != nCurve || m_curveDk != r.dk) {
        m_curve = std::make_unique<SqrtDCurve>(nCurve, sqrtDGrid(r.dk), m_spec.seed, 4);
        m_curveSeed = m_spec.seed;
        m_curveN = nCurve;
        m_curveDk = r.dk;
    }
    const auto scaled = m_curve->meanEntropy(true, m_spec.scaleFactor, m_spec.temperature);
    const auto unscaled = m_curve->meanEntropy(false, m_spec.scaleFactor, m_spec.temperature);
    QVector<double> x, ys, yu;
    for (std::size_t i = 0; i < m_curve->dks().size(); ++i) {
        x.push_back(m_curve->dks()[i]);
        ys.push_back(scaled[i]);
        yu.push_back(unscaled[i]);
    }
    m_scaledGraph->setData(x, ys, true);
    m_unscaledGraph->setData(x, yu, true);
    const double sigma = m_spec.scaleFactor / m_spec.temperature;
    const double theory = gaussianLogitEntropyLimit(nCurve, sigma);
    const bool theoryValid = sigma * sigma <= 2.0;
    m_theoryGraph->setData(QVector<double>{4, 512}, QVector<double>{theory, theory}, true);
    m_theoryGraph->setVisible(theoryValid);
    if (theoryValid)
        m_theoryGraph->addToLegend();
    else
        m_theoryGraph->removeFromLegend();
    m_dkLine->point1->setCoords(r.dk, 0);
    m_dkLine->point2->setCoords(r.dk, 1);
    m_sqrtPlot->xAxis->setRange(3.5, 600);
    m_sqrtPlot->yAxis->setRange(0, std::log(static_cast<double>(nCurve)) * 1.08);
    m_sqrtPlot->setTitle(tr("Why √d: mean row entropy of random q, k (n = %1 keys, 4 draws), current d_k = %2 dotted")
                             .arg(nCurve)
                             .arg(r.dk));
    m_sqrtPlot->replot(QCustomPlot::rpQueuedReplot);
}

void AttentionTab::updateReadouts()
{
    const Result& r = *m_front;
    const int n = r.n;
    const int headParam = static_cast<int>(m_params.integer("head"));
    const int queryParam = static_cast<int>(m_params.integer("query"));
    const int h = std::clamp(headParam, 0, r.heads - 1);
    const int qi = std::clamp(queryParam, 0, n - 1);
    const HeadResult& hr = r.head[static_cast<std::size_t>(h)];
    std::vector<std::pair<QString, QString>> rows;
    const QString src = m_spec.source == Source::Text ? tr("sentence") : m_spec.source == Source::Random ? tr("random") : tr("toy 2-D");
    rows.emplace_back(tr("Tokens n"), tr("%1 (%2)", "token count (source)").arg(n).arg(src));
    if (m_spec.source == Source::Manual)
        rows.emplace_back(tr("d_k"), QString::number(r.dk));
    else
        rows.emplace_back(tr("d_model / heads = d_k"), QStringLiteral("%1 / %2 = %3").arg(r.dModel).arg(r.heads).arg(r.dk));
    if (m_spec.source == Source::Text) {
        QString v;
        if (m_spec.vectors == VectorSource::Hashed) {
            v = tr("hashed from each word and seed %1").arg(m_spec.seed);
        } else if (m_prep.tableMissing) {
            v = tr("no embeddings loaded: all %1 hashed (load a set in the embeddings tab)").arg(n);
        } else {
            const int dim = m_prep.vectors.tableDim;
            const QString fit = dim == r.dModel ? QString() : dim < r.dModel ? tr(", zero-padded %1 → %2").arg(dim).arg(r.dModel)
                                                                          : tr(", truncated %1 → %2").arg(dim).arg(r.dModel);
            v = tr("%1 of %2 from the embeddings%3; %4 missing, hashed").arg(m_prep.vectors.tableHits).arg(n).arg(fit).arg(m_prep.tableMisses);
        }
        rows.emplace_back(tr("Token vectors"), v);
    }
    rows.emplace_back(tr("Score multiplier"), (m_spec.scaled ? tr("%1 = c / √d_k / T") : tr("%1 = c / T")).arg(formatNumber(r.factor, 6)));
    if (m_spec.source != Source::Manual)
        rows.emplace_back(tr("Selected head"), headParam == h ? QString::number(h) : tr("%1 (%2 asked, only %3 heads)").arg(h).arg(headParam).arg(r.heads));
    const QString qLabel = q(m_prep.labels[static_cast<std::size_t>(qi)]);
    rows.emplace_back(tr("Selected query"), queryParam == qi ? tr("\"%1\" (row %2)").arg(qLabel).arg(qi)
                                                             : tr("\"%1\" (row %2; %3 asked, only %4 tokens)").arg(qLabel).arg(qi).arg(queryParam).arg(n));
    Eigen::Index top = 0;
    const double topW = hr.weights.row(qi).maxCoeff(&top);
    rows.emplace_back(tr("Its strongest key"), tr("\"%1\" (%2), weight %3").arg(q(m_prep.labels[static_cast<std::size_t>(top)])).arg(top).arg(formatNumber(topW, 4)));
    rows.emplace_back(tr("Its row entropy"), tr("%1 nats (uniform: %2)").arg(formatNumber(hr.rowEntropy[qi], 4), formatNumber(maxRowEntropy(n, m_spec.mask, m_spec.pad, qi), 4)));
    rows.emplace_back(tr("Mean row entropy, this head"), tr("%1 nats").arg(formatNumber(hr.rowEntropy.mean(), 4)));
    double all = 0;
    for (const auto& x : r.head)
        all += x.rowEntropy.mean();
    if (r.heads > 1)
        rows.emplace_back(tr("Mean row entropy, all heads"),
                          m_partial ? tr("computing the other heads…") : tr("%1 nats").arg(formatNumber(all / r.heads, 4)));
    const bool over = hr.maxAbsLogit > kFp16Max || hr.maxAbsScore > kFp16Max;
    rows.emplace_back(tr("fp16 check (max 65504)"),
                      tr("max |q·k| = %1, max |S| = %2: %3").arg(formatNumber(hr.maxAbsLogit, 4), formatNumber(hr.maxAbsScore, 4),
                          over ? tr("<b>would overflow half precision</b> before the softmax; see the precision tab (Ctrl+5)")
                               : tr("fits in half precision; see the precision tab (Ctrl+5) for what fp16 rounds away")));
    readouts()->setRows(rows);
}

// ---------------------------------------------------------------- interaction

QString AttentionTab::heatmapHoverText(QPointF pixel) const
{
    if (!m_hasResult || !m_heat.rect->rect().contains(pixel.toPoint()))
        return {};
    const Result& r = *m_front;
    const int cells = m_heat.map->data()->keySize();
    const int col = static_cast<int>(std::lround(m_heat.rect->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x())));
    const int row = static_cast<int>(std::lround(m_heat.rect->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y())));
    if (col < 0 || row < 0 || col >= cells || row >= cells)
        return {};
    const HeadResult& hr = r.head[static_cast<std::size_t>(m_shownHead)];
    const auto& labels = m_prep.labels;
    if (m_displayPool == 1) {
        return tr("query \"%1\" (%2) → key \"%3\" (%4)\nweight %5\nscore %6")
            .arg(q(labels[static_cast<std::size_t>(row)]))
            .arg(row)
            .arg(q(labels[static_cast<std::size_t>(col)]))
            .arg(col)
            .arg(QString::number(hr.weights(row, col), 'g', 8))
            .arg(std::isinf(hr.scores(row, col)) ? tr("−∞ (masked)") : QString::number(hr.scores(row, col), 'g', 8));
    }
    const int p = m_displayPool;
    const int r0 = row * p, r1 = std::min(r.n, r0 + p) - 1, c0 = col * p, c1 = std::min(r.n, c0 + p) - 1;
    return tr("queries %1–%2 → keys %3–%4\nblock mean %5")
        .arg(r0)
        .arg(r1)
        .arg(c0)
        .arg(c1)
        .arg(QString::number(m_heat.map->data()->cell(col, row), 'g', 8));
}

void AttentionTab::onHeatmapMove(QMouseEvent* e)
{
    const QString text = heatmapHoverText(e->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(e->globalPosition().toPoint(), text, m_mainPlot);
}

void AttentionTab::onHeatmapPress(QMouseEvent* e)
{
    if (!m_hasResult || e->button() != Qt::LeftButton || !m_heat.rect->rect().contains(e->position().toPoint()))
        return;
    const int cells = m_heat.map->data()->valueSize();
    const int row = static_cast<int>(std::lround(m_heat.rect->axis(QCPAxis::atLeft)->pixelToCoord(e->position().y())));
    if (row < 0 || row >= cells)
        return;
    setParam("query", static_cast<long long>(std::min(row * m_displayPool, m_front->n - 1)));
}

void AttentionTab::onHeadsPress(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton)
        return;
    for (std::size_t h = 0; h < m_thumbs.size(); ++h)
        if (m_thumbs[h].rect->outerRect().contains(e->position().toPoint())) {
            setParam("head", static_cast<long long>(h));
            return;
        }
}

void AttentionTab::onToyDragged(int kind, int index, double x, double y)
{
    const std::string key = kind == 0 ? "manual_q" : "manual_k";
    std::vector<double> v = m_params.reals(key);
    const std::size_t i = static_cast<std::size_t>(index) * 2;
    if (index < 0 || i + 1 >= v.size())
        return;
    v[i] = x;
    v[i + 1] = y;
    if (kind == 0)
        setParams({{key, v}, {"query", static_cast<long long>(index)}});
    else
        setParam(key, v);
}

// ---------------------------------------------------------------- export

QJsonObject AttentionTab::exportData() const
{
    QJsonObject o = exportHeader();
    if (!m_hasResult)
        return o;
    const Result& r = *m_front;
    QJsonArray heads;
    for (int h = 0; h < r.heads; ++h) {
        const HeadResult& hr = r.head[static_cast<std::size_t>(h)];
        if (!hr.stored())
            continue;  // long sequences: only the selected head is kept in full
        QJsonObject ho;
        ho.insert(QStringLiteral("head"), h);
        ho.insert(QStringLiteral("q"), json::matrix(hr.q));
        ho.insert(QStringLiteral("k"), json::matrix(hr.k));
        ho.insert(QStringLiteral("v"), json::matrix(hr.v));
        ho.insert(QStringLiteral("scores"), rowMatrixJson(hr.scores));
        ho.insert(QStringLiteral("weights"), rowMatrixJson(hr.weights));
        ho.insert(QStringLiteral("row_entropy_nats"), json::array(hr.rowEntropy));
        ho.insert(QStringLiteral("output"), json::matrix(hr.output));
        ho.insert(QStringLiteral("max_abs_qk"), json::number(hr.maxAbsLogit));
        ho.insert(QStringLiteral("max_abs_score"), json::number(hr.maxAbsScore));
        heads.append(ho);
    }
    o.insert(QStringLiteral("heads_data"), heads);
    o.insert(QStringLiteral("output"), json::matrix(r.output));
    return o;
}

Tab::DataWriter AttentionTab::exportDataWriter() const
{
    QJsonObject o = exportHeader();
    if (!m_hasResult)
        return [o](JsonWriter& w) { return w.document(o); };
    // exportData()'s bytes, the matrices streamed from the result on screen, which the export
    // holds: the tab computes into other results meanwhile. 2,048 tokens: 362 MB of text, and
    // the QJsonObject it took was built on the GUI thread (seconds, ~1 GB).
    o.insert(QStringLiteral("heads_data"), QJsonValue());  // placeholders, at their sorted places
    o.insert(QStringLiteral("output"), QJsonValue());
    std::shared_ptr<const Result> held = m_front;
    return [o, held](JsonWriter& w) {
        const Result& r = *held;
        return w.document(o, [&r](JsonWriter& w, const QString& key) {
            if (key == QLatin1String("output")) {
                w.matrix(r.output);
                return true;
            }
            if (key != QLatin1String("heads_data"))
                return false;
            w.beginArray();
            for (int h = 0; h < r.heads; ++h) {
                const HeadResult& hr = r.head[static_cast<std::size_t>(h)];
                if (!hr.stored())
                    continue;
                QJsonObject ho;
                ho.insert(QStringLiteral("head"), h);
                ho.insert(QStringLiteral("max_abs_qk"), json::number(hr.maxAbsLogit));
                ho.insert(QStringLiteral("max_abs_score"), json::number(hr.maxAbsScore));
                for (const char* k : {"q", "k", "v", "scores", "weights", "row_entropy_nats", "output"})
                    ho.insert(QLatin1String(k), QJsonValue());
                w.object(ho, [&hr](JsonWriter& w, const QString& k) {
                    if (k == QLatin1String("q"))
                        w.matrix(hr.q);
                    else if (k == QLatin1String("k"))
                        w.matrix(hr.k);
                    else if (k == QLatin1String("v"))
                        w.matrix(hr.v);
                    else if (k == QLatin1String("scores"))
                        w.matrix(hr.scores);
                    else if (k == QLatin1String("weights"))
                        w.matrix(hr.weights);
                    else if (k == QLatin1String("row_entropy_nats"))
                        w.numbers(hr.rowEntropy);
                    else if (k == QLatin1String("output"))
                        w.matrix(hr.output);
                    else
                        return false;
                    return true;
                });
            }
            w.endArray();
            return true;
        });
    };
}

QJsonObject AttentionTab::exportHeader() const
{
    QJsonObject o;
    o.insert(QStringLiteral("tab"), QStringLiteral("attention"));
    if (!m_hasResult)
        return o;
    ensureOutputs();
    const Result& r = *m_front;
    o.insert(QStringLiteral("tokens"), json::strings(m_prep.labels));
    o.insert(QStringLiteral("source"), q(m_params.text("source")));
    o.insert(QStringLiteral("d_model"), r.dModel);
    o.insert(QStringLiteral("heads"), r.heads);
    o.insert(QStringLiteral("d_k"), r.dk);
    o.insert(QStringLiteral("mask"), q(m_params.text("mask")));
    if (m_spec.mask == Mask::Padding)
        o.insert(QStringLiteral("pad"), m_spec.pad);
    o.insert(QStringLiteral("scaled"), m_spec.scaled);
    o.insert(QStringLiteral("scale_factor"), m_spec.scaleFactor);
    o.insert(QStringLiteral("temperature"), m_spec.temperature);
    o.insert(QStringLiteral("score_multiplier"), json::number(r.factor));
    o.insert(QStringLiteral("positional"), q(m_params.text("positional")));
    o.insert(QStringLiteral("qk_mode"), q(m_params.text("qk_mode")));
    o.insert(QStringLiteral("seed"), static_cast<qint64>(m_spec.seed));
    o.insert(QStringLiteral("selected_head"), std::clamp(static_cast<int>(m_params.integer("head")), 0, r.heads - 1));
    o.insert(QStringLiteral("selected_query"), std::clamp(static_cast<int>(m_params.integer("query")), 0, r.n - 1));
    if (m_spec.source == Source::Text) {
        QJsonArray fromTable;
        for (bool b : m_prep.vectors.fromTable)
            fromTable.append(b);
        o.insert(QStringLiteral("vectors"), q(m_params.text("vectors")));
        o.insert(QStringLiteral("from_embeddings"), fromTable);
    }
    return o;
}

QString AttentionTab::exportCsv() const
{
    if (!m_hasResult)
        return {};
    const Result& r = *m_front;
    const int h = std::clamp(static_cast<int>(m_params.integer("head")), 0, r.heads - 1);
    return weightsCsv(m_prep.labels, r.head[static_cast<std::size_t>(h)].weights);
}

std::function<QByteArray()> AttentionTab::exportCsvWriter() const
{
    if (!m_hasResult)
        return {};
    // As exportCsv(), formatted on the writer's thread from the held result (2,048 tokens: 4 M numbers).
    const int h = std::clamp(static_cast<int>(m_params.integer("head")), 0, m_front->heads - 1);
    std::shared_ptr<const Result> held = m_front;
    return [labels = m_prep.labels, held, h] { return weightsCsv(labels, held->head[static_cast<std::size_t>(h)].weights).toUtf8(); };
}

}  // namespace aimath
