#include "widgets/embeddings/embeddings_tab.h"

#include "engine/core/parse.h"
#include "engine/io/digits_dataset.h"
#include "engine/linalg/point_view.h"
#include "engine/linalg/semantic_vectors.h"
#include "widgets/common/embedding_store.h"
#include "widgets/common/engine_message.h"
#include "widgets/common/explanation_panel.h"
#include "widgets/common/json_util.h"
#include "widgets/common/json_writer.h"
#include "widgets/common/number_text.h"
#include "widgets/common/palette.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"
#include "widgets/common/text_label_item.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include <algorithm>
#include <cmath>
#include <map>

namespace aimath {

namespace {

constexpr int kMaxClasses = 10;      // more distinct classes than colours: the rest share "other"
constexpr int kMaxLabels = 300;      // labels drawn for at most this many points
constexpr int kMaxSearchMarks = 5000;
constexpr int kDepthLayers = 4;
constexpr long long kSyncCells = 4'000'000;  // PCA of smaller tables runs on the GUI thread

struct PrepareRequest {
    std::string dataset, file, metadata;
    io::EmbeddingFormat format = io::EmbeddingFormat::Auto;
    linalg::Normalize normalize = linalg::Normalize::Center;
    linalg::PcaMethod method = linalg::PcaMethod::Auto;
    std::uint64_t seed = 1;
    std::shared_ptr<const EmbeddingTable> reuse;
    std::string loadKey, pcaKey;
};

template <class E>
E enumOf(const std::vector<std::string>& ids, const std::string& id)
{
    const auto it = std::find(ids.begin(), ids.end(), id);
    return static_cast<E>(it == ids.end() ? 0 : it - ids.begin());
}

/// Load (unless a table is reused) and run PCA: safe on any thread.
std::shared_ptr<EmbeddingsPrepared> prepare(const PrepareRequest& req, io::LoadControl* control)
{
    auto out = std::make_shared<EmbeddingsPrepared>();
    out->loadKey = req.loadKey;
    out->pcaKey = req.pcaKey;
    QElapsedTimer timer;
    timer.start();
    const bool fromFile = req.dataset == "file";
    if (req.reuse) {
        out->table = req.reuse;
    } else if (req.dataset == "digits") {
        out->table = std::make_shared<EmbeddingTable>(io::loadDigits());
    } else if (fromFile) {
        io::LoadOptions o;
        o.format = req.format;
        o.metadataPath = req.metadata;
        o.control = control;
        io::LoadResult r = io::loadEmbeddings(req.file, o);
        if (!r.ok) {
            // Shown in the window and printed by the command line, in the language chosen.
            out->error = trEngine(r.why).toStdString();
            out->ioError = true;
            out->cancelled = r.cancelled;
            return out;
        }
        out->table = std::make_shared<EmbeddingTable>(std::move(r.table));
    } else {
        out->table = std::make_shared<EmbeddingTable>(linalg::semanticVectors());
    }
    out->loadMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    if (out->table->rows() < 2) {
        // Shown in the window and printed by the command line, in the language chosen.
        out->error = QCoreApplication::translate("aimath::EmbeddingsTab", "%1: has %2 row; PCA needs at least 2")
                         .arg(QString::fromStdString(out->table->source))
                         .arg(out->table->rows())
                         .toStdString();
        out->ioError = fromFile;
        return out;
    }
    // The statistics only: PCA and projections normalise blocks of rows as they read them (no second copy of the table).
    auto normalized = std::make_shared<linalg::Normalization>(linalg::fitNormalization(out->table->vectors, req.normalize));
    linalg::PcaOptions po;
    po.method = req.method;
    po.seed = req.seed;
    po.cancel = control ? &control->cancel : nullptr;
    out->pca = linalg::pca(out->table->vectors, *normalized, po);
    if (!out->pca.ok) {
        out->cancelled = out->pca.cancelled;
        // Shown in the window and printed by the command line, in the language chosen.
        out->error = QCoreApplication::translate("aimath::EmbeddingsTab", "%1: %2")
                         .arg(QString::fromStdString(out->table->source), trEngine(out->pca.why))
                         .toStdString();
        out->ioError = fromFile;
        return out;
    }
    out->normalized = std::move(normalized);
    out->norms = linalg::rowNorms(out->table->vectors);
    out->pcaMs = timer.nsecsElapsed() / 1e6;
    return out;
}

QString qs(const std::string& s) { return QString::fromStdString(s); }


QColor lighter(QColor c, double towardsWhite)
{
    return QColor::fromRgbF(c.redF() + (1 - c.redF()) * towardsWhite, c.greenF() + (1 - c.greenF()) * towardsWhite,
                            c.blueF() + (1 - c.blueF()) * towardsWhite);
}

}  // namespace

// ---------------------------------------------------------------- parameters

ParamSet EmbeddingsTab::declareParams()
{
    ParamSet p;
    p.add(ParamSpec::choice("dataset", QT_TRANSLATE_NOOP("aimath::params", "Data set"), {"semantic", "digits", "file"}, "semantic")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Semantic words (built in)"),
                       QT_TRANSLATE_NOOP("aimath::params", "Handwritten digits (UCI)"),
                       QT_TRANSLATE_NOOP("aimath::params", "File")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Data"))
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "semantic: word vectors built from attribute directions (king − man + woman ≈ queen); digits: 1797 8×8 images; "
                                     "file: the file below (File > Open Embeddings…, or drop a file on the window)")));
    p.add(ParamSpec::path("file", QT_TRANSLATE_NOOP("aimath::params", "File"))
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Data"))
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "word2vec (text or binary), GloVe, TSV (+ metadata.tsv), CSV or .npy; setting it selects data set = file")));
    // Labels in the order of io::embeddingFormatIds().
    p.add(ParamSpec::choice("format", QT_TRANSLATE_NOOP("aimath::params", "Format"), io::embeddingFormatIds(), "auto")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "auto (detect)"),
                       QT_TRANSLATE_NOOP("aimath::params", "word2vec (text)"),
                       QT_TRANSLATE_NOOP("aimath::params", "word2vec (binary)"),
                       QT_TRANSLATE_NOOP("aimath::params", "GloVe (text)"),
                       QT_TRANSLATE_NOOP("aimath::params", "TSV (Embedding Projector)"),
                       QT_TRANSLATE_NOOP("aimath::params", "CSV"),
                       QT_TRANSLATE_NOOP("aimath::params", "NumPy .npy")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Data"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "auto detects the format from the content and the extension")));
    p.add(ParamSpec::path("metadata", QT_TRANSLATE_NOOP("aimath::params", "Metadata (TSV)"))
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Data"))
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "labels for a Projector vectors.tsv: one label per line, or a header row when it has several columns (2nd = class)")));
    p.add(ParamSpec::integer("max_points", QT_TRANSLATE_NOOP("aimath::params", "Points drawn at most"), 100, 400000, 20000)
              .logScale()
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Data"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "a seeded sample is drawn when there are more rows; PCA and neighbours always use every row")));
    // Labels in the order of linalg::normalizeIds() and linalg::pcaMethodIds().
    p.add(ParamSpec::choice("normalize", QT_TRANSLATE_NOOP("aimath::params", "Normalize"), linalg::normalizeIds(), "center")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "centre (x − mean)"),
                       QT_TRANSLATE_NOOP("aimath::params", "standardize ((x − mean) / sd)"),
                       QT_TRANSLATE_NOOP("aimath::params", "spherize (centre, unit rows)"),
                       QT_TRANSLATE_NOOP("aimath::params", "none (raw, uncentred)")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "PCA"))
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "centre: x − mean; standardize: (x − mean)/sd; spherize: centre then unit rows; none: PCA of the raw, uncentred data")));
    p.add(ParamSpec::choice("method", QT_TRANSLATE_NOOP("aimath::params", "Method"), linalg::pcaMethodIds(), "auto")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "auto"),
                       QT_TRANSLATE_NOOP("aimath::params", "exact (eigen-decomposition)"),
                       QT_TRANSLATE_NOOP("aimath::params", "randomized SVD")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "PCA"))
              .tip(QT_TRANSLATE_NOOP("aimath::params",
                                     "exact: eigen-decomposition of the covariance; randomized: range finder with power iterations; "
                                     "auto: exact up to 2,000 dimensions")));
    p.add(ParamSpec::integer("components", QT_TRANSLATE_NOOP("aimath::params", "Components kept (k)"), 1, 50, 2)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "PCA"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "k of the reconstruction error plot (the error is the sum of the discarded eigenvalues)")));
    p.add(ParamSpec::choice("detail", QT_TRANSLATE_NOOP("aimath::params", "Side view"), {"loadings", "covariance", "reconstruction"}, "loadings")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "Loadings of the shown components"),
                       QT_TRANSLATE_NOOP("aimath::params", "Covariance matrix"),
                       QT_TRANSLATE_NOOP("aimath::params", "Reconstruction error vs k")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "PCA")));
    p.add(ParamSpec::choice("projection", QT_TRANSLATE_NOOP("aimath::params", "Projection"), {"pca", "raw"}, "pca")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "PCA components"), QT_TRANSLATE_NOOP("aimath::params", "Raw coordinates (2-D/3-D data)")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection")));
    p.add(ParamSpec::choice("view", QT_TRANSLATE_NOOP("aimath::params", "View"), {"2d", "3d"}, "2d")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "2-D scatter"), QT_TRANSLATE_NOOP("aimath::params", "3-D (drag to turn)")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection")));
    p.add(ParamSpec::integer("pc_x", QT_TRANSLATE_NOOP("aimath::params", "Horizontal axis: PC"), 1, 50, 1)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection")));
    p.add(ParamSpec::integer("pc_y", QT_TRANSLATE_NOOP("aimath::params", "Vertical axis: PC"), 1, 50, 2)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection")));
    p.add(ParamSpec::integer("pc_z", QT_TRANSLATE_NOOP("aimath::params", "Depth axis (3-D): PC"), 1, 50, 3)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection")));
    p.add(ParamSpec::real("yaw", QT_TRANSLATE_NOOP("aimath::params", "Yaw (°)"), -180, 180, 30)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "turn about the vertical axis (drag horizontally in the 3-D view)")));
    p.add(ParamSpec::real("pitch", QT_TRANSLATE_NOOP("aimath::params", "Pitch (°)"), -90, 90, 20)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "turn about the horizontal axis (drag vertically in the 3-D view)")));
    p.add(ParamSpec::boolean("show_labels", QT_TRANSLATE_NOOP("aimath::params", "Show labels"), true)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Projection"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "labels for up to 300 points, else for the selection and its neighbours")));
    p.add(ParamSpec::text("search", QT_TRANSLATE_NOOP("aimath::params", "Search (regular expression)"), "")
              .maxLen(1000)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Explore"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "highlights every point whose label matches, case-insensitive")));
    p.add(ParamSpec::text("select", QT_TRANSLATE_NOOP("aimath::params", "Selected point"), "")
              .maxLen(1000)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Explore"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "a label or #index (click a point to select it)")));
    p.add(ParamSpec::integer("neighbors", QT_TRANSLATE_NOOP("aimath::params", "Neighbours (k)"), 1, 50, 8)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Explore")));
    // Labels in the order of linalg::metricIds().
    p.add(ParamSpec::choice("metric", QT_TRANSLATE_NOOP("aimath::params", "Metric"), linalg::metricIds(), "cosine")
              .labels({QT_TRANSLATE_NOOP("aimath::params", "cosine similarity"), QT_TRANSLATE_NOOP("aimath::params", "euclidean distance")})
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Explore"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "cosine similarity or euclidean distance, in the original space")));
    p.add(ParamSpec::text("analogy", QT_TRANSLATE_NOOP("aimath::params", "Analogy"), "king - man + woman")
              .maxLen(1000)
              .inGroup(QT_TRANSLATE_NOOP("aimath::params", "Explore"))
              .tip(QT_TRANSLATE_NOOP("aimath::params", "a - b + c: the nearest rows to the result, inputs excluded")));
    p.add(ParamSpec::integer("seed", QT_TRANSLATE_NOOP("aimath::params", "Seed"), 0, 2147483647, 1)
              .hidden()
              .tip(QT_TRANSLATE_NOOP("aimath::params", "the sample of drawn points and the randomized PCA")));
    p.setConstraint([](const ParamSet& s) -> std::string {
        if (s.text("dataset") == "file" && s.text("file").empty())
            return QCoreApplication::translate("aimath::EmbeddingsTab", "dataset: 'file' needs a file: set file=PATH (or use File > Open Embeddings…)")
                .toStdString();
        return {};
    });
    return p;
}

QString EmbeddingsTab::staticTitle() { return tr("Embeddings"); }

// ---------------------------------------------------------------- construction

EmbeddingsTab::EmbeddingsTab(ParamSet params, QWidget* parent)
    : Tab(std::move(params), parent)
    , m_prev(m_params)
{
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    m_proj = new PlotView(split);
    m_proj->setTitle(tr("Projection"));
    m_proj->setInteractiveZoom(true);
    m_proj->setMinimumSize(360, 300);
    m_proj->legend->setVisible(true);
    m_proj->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_proj->setResetViewHook([this] { updateView(true); });
    m_proj->setCsvHook([this] { return exportCsv(); });
    m_proj->setMouseTracking(true);
    trackPlot(m_proj);

    auto* side = new QSplitter(Qt::Vertical, split);
    side->setChildrenCollapsible(false);
    m_scree = new PlotView(side);
    m_scree->setTitle(tr("Scree: explained variance ratio"));
    m_scree->xAxis->setLabel(tr("component"));
    m_scree->yAxis->setLabel(tr("fraction of total variance"));
    m_scree->legend->setVisible(true);
    m_scree->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    m_screeBars = new QCPBars(m_scree->xAxis, m_scree->yAxis);
    m_screeBars->setName(tr("per component"));
    m_screeBars->setPen(Qt::NoPen);
    m_screeBars->setBrush(palette::color("explained_variance"));
    m_cumulative = m_scree->addGraph();
    m_cumulative->setName(tr("cumulative"));
    m_cumulative->setPen(QPen(palette::color("cumulative_variance"), 2));
    m_cumulative->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    trackPlot(m_scree);

    m_detailStack = new QStackedWidget(side);
    m_loadings = new PlotView(m_detailStack);
    m_loadings->setTitle(tr("Loadings: what each shown component is made of"));
    m_loadings->xAxis->setLabel(tr("original dimension"));
    m_loadings->yAxis->setLabel(tr("weight in the unit component"));
    m_loadings->legend->setVisible(true);
    m_cov = new PlotView(m_detailStack);
    m_cov->setTitle(tr("Covariance matrix C = ZᵀZ/(n − 1)"));
    m_cov->xAxis->setLabel(tr("dimension j"));
    m_cov->yAxis->setLabel(tr("dimension i"));
    m_cov->yAxis->setRangeReversed(true);
    m_covMap = new QCPColorMap(m_cov->xAxis, m_cov->yAxis);
    m_covMap->setInterpolate(false);
    m_covMap->setGradient(palette::diverging());
    m_covScale = new QCPColorScale(m_cov);
    m_cov->plotLayout()->addElement(1, 1, m_covScale);
    m_covScale->setLabel(tr("covariance"));
    m_covMap->setColorScale(m_covScale);
    m_covScale->setGradient(palette::diverging());  // the scale's gradient wins once attached
    auto* group = new QCPMarginGroup(m_cov);
    m_cov->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_covScale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_recon = new PlotView(m_detailStack);
    m_recon->setTitle(tr("Reconstruction error vs components kept"));
    m_recon->xAxis->setLabel(tr("components kept k"));
    m_recon->yAxis->setLabel(tr("error = Σ of discarded eigenvalues"));
    m_reconGraph = m_recon->addGraph();
    m_reconGraph->setName(tr("error e(k)"));
    m_reconGraph->setPen(QPen(palette::color("reconstruction_error"), 2));
    m_reconGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    m_reconMarker = m_recon->addGraph();
    m_reconMarker->setName(tr("current k"));
    m_reconMarker->setLineStyle(QCPGraph::lsNone);
    m_reconMarker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette::color("selection"), 2), Qt::NoBrush, 12));
    m_reconLine = new QCPItemStraightLine(m_recon);
    m_reconLine->setPen(QPen(palette::color("selection"), 1, Qt::DashLine));
    m_recon->legend->setVisible(true);
    for (PlotView* v : {m_loadings, m_cov, m_recon}) {
        m_detailStack->addWidget(v);
        trackPlot(v);
    }
    side->addWidget(m_scree);
    side->addWidget(m_detailStack);
    split->addWidget(m_proj);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({700, 460});
    figureLayout()->addWidget(split);

    // Overlay graphs above the points (created after them, so drawn on top).
    m_searchGraph = m_proj->addGraph();
    m_neighborGraph = m_proj->addGraph();
    m_analogyGraph = m_proj->addGraph();
    m_selGraph = m_proj->addGraph();
    m_searchGraph->setName(tr("search match"));
    m_neighborGraph->setName(tr("neighbour"));
    m_analogyGraph->setName(tr("analogy"));
    m_selGraph->setName(tr("selected"));
    m_searchGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette::color("search_match"), 1.5), Qt::NoBrush, 10));
    m_neighborGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(palette::color("neighbor").darker(160), 1.5), palette::color("neighbor"), 9));
    m_analogyGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1), palette::color("analogy"), 11));
    m_selGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(palette::color("selection"), 2.5), Qt::NoBrush, 16));
    for (QCPGraph* g : {m_searchGraph, m_neighborGraph, m_analogyGraph, m_selGraph})
        g->setLineStyle(QCPGraph::lsNone);

    connect(m_proj, &QCustomPlot::mousePress, this, &EmbeddingsTab::onProjectionMousePress);
    connect(m_proj, &QCustomPlot::mouseMove, this, &EmbeddingsTab::onProjectionMouseMove);
    connect(m_proj, &QCustomPlot::mouseRelease, this, &EmbeddingsTab::onProjectionMouseRelease);

    // Progress of a file being loaded, with Cancel.
    m_progressBox = new QWidget(this);
    auto* pl = new QVBoxLayout(m_progressBox);
    pl->setContentsMargins(0, 0, 0, 0);
    m_progressLabel = new QLabel(m_progressBox);
    m_progressLabel->setWordWrap(true);
    auto* row = new QHBoxLayout;
    m_progressBar = new QProgressBar(m_progressBox);
    m_progressBar->setRange(0, 1000);
    m_progressBar->setTextVisible(false);
    m_cancelButton = new QPushButton(tr("Cancel"), m_progressBox);
    row->addWidget(m_progressBar, 1);
    row->addWidget(m_cancelButton);
    pl->addWidget(m_progressLabel);
    pl->addLayout(row);
    m_progressBox->hide();
    controlsExtraLayout()->addWidget(m_progressBox);
    connect(m_cancelButton, &QPushButton::clicked, this, &EmbeddingsTab::onCancelLoad);
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, &EmbeddingsTab::onProgressTick);

    m_watcher = new QFutureWatcher<std::shared_ptr<EmbeddingsPrepared>>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &EmbeddingsTab::onPrepared);

    explanation()->setHtml(tr(
        "<p><b>PCA</b> finds the directions along which the vectors vary most. With the normalised data Z (n rows), the covariance is "
        "<b>C = ZᵀZ / (n − 1)</b>; its eigenvectors <b>w<sub>j</sub></b> (C w<sub>j</sub> = λ<sub>j</sub> w<sub>j</sub>, λ₁ ≥ λ₂ ≥ …) are the "
        "principal components and each point is drawn at <b>p = (w<sub>x</sub>·z, w<sub>y</sub>·z)</b>. λ<sub>j</sub> / Σλ is the explained "
        "variance ratio of the scree plot.</p>"
        "<p>Keeping k components, the mean squared reconstruction error Σ‖z − W<sub>k</sub>W<sub>k</sub>ᵀz‖² / (n − 1) equals "
        "<b>the sum of the discarded eigenvalues λ<sub>k+1</sub> + … + λ<sub>d</sub></b>. Neighbours use every row in the original space: "
        "cosine similarity x·y / (‖x‖‖y‖) or euclidean distance. An analogy a − b + c adds unit vectors and looks for the nearest other word.</p>"
        "<p>In large models every token starts as such a vector (the embedding matrix), and PCA of embeddings or hidden states is how people "
        "look at what a model has learned: directions like gender, tense or country → capital appear as parallel offsets.</p>"));
    // Each link sets every value its observation depends on (checked with --set and an export).
    setTryThis({
        {tr("Solve paris − france + italy on the semantic words: rome comes first (cosine similarity 0.99), and the arrows "
            "france → paris and italy → rome point the same way."),
         {{"dataset", "semantic"}, {"normalize", "center"}, {"analogy", "paris - france + italy"}, {"metric", "cosine"}, {"view", "2d"},
          {"projection", "pca"}, {"pc_x", "1"}, {"pc_y", "2"}}},
        {tr("Turn the handwritten digits in 3-D (drag the plot): the first three components hold only 40 % of the variance, "
            "yet the 0s, 2s and 4s already form separate clouds."),
         {{"dataset", "digits"}, {"normalize", "center"}, {"view", "3d"}, {"projection", "pca"}, {"pc_x", "1"}, {"pc_y", "2"}, {"pc_z", "3"}}},
        {tr("Keep k = 10 of the digits' 64 dimensions: the ten largest components hold 74 % of the variance, and the reconstruction "
            "error e(10), the sum of the other 54 eigenvalues, is the remaining 26 %."),
         {{"dataset", "digits"}, {"normalize", "center"}, {"detail", "reconstruction"}, {"components", "10"}}},
    });

    // The window creates tabs lazily and only calls applyParams() on later changes: draw now.
    onParamsChanged({});
}

EmbeddingsTab::~EmbeddingsTab()
{
    // A focused value box would commit on focus-out while the base class is being
    // torn down (after m_params is gone): silence the panel's editors first.
    for (QLineEdit* e : paramPanel()->findChildren<QLineEdit*>())
        e->blockSignals(true);
    if (m_control)
        m_control->cancel = true;
    m_watcher->waitForFinished();
}

// ---------------------------------------------------------------- recompute

std::string EmbeddingsTab::loadKeyOf(const ParamSet& p) const
{
    const std::string& ds = p.text("dataset");
    if (ds != "file")
        return ds;
    return ds + '\x1f' + p.text("file") + '\x1f' + p.text("format") + '\x1f' + p.text("metadata");
}

std::string EmbeddingsTab::pcaKeyOf(const ParamSet& p) const
{
    return loadKeyOf(p) + '\x1f' + p.text("normalize") + '\x1f' + p.text("method") + '\x1f' + std::to_string(p.integer("seed"));
}

void EmbeddingsTab::onParamsChanged(const std::set<std::string>& keys)
{
    beginCompute();
    std::set<std::string> changed;
    for (const ParamSpec& s : m_params.specs())
        if (m_params.toString(s.key) != m_prev.toString(s.key))
            changed.insert(s.key);
    // Setting `file` (File > Open Embeddings…, drag and drop, --set file=…) selects it.
    if (changed.count("file") && !changed.count("dataset") && !m_params.text("file").empty() && m_params.text("dataset") != "file") {
        m_params.set("dataset", std::string("file"));
        paramPanel()->syncFromParams();
        changed.insert("dataset");
    }
    if (m_firstUpdate)  // everything is drawn for the first time
        for (const ParamSpec& s : m_params.specs())
            changed.insert(s.key);
    m_firstUpdate = false;
    m_prev = m_params;
    if (keys.empty())
        m_failedLoadKey.clear();  // applyParams (open, session, command line): try the file again

    const std::string loadKey = loadKeyOf(m_params);
    const std::string pcaKey = pcaKeyOf(m_params);
    if (!m_failedLoadKey.empty() && loadKey == m_failedLoadKey) {
        // Still the file that failed: keep its message and the previous data.
    } else if (m_running && loadKey == m_runningLoadKey && pcaKey == m_runningPcaKey) {
        // Already computing exactly this.
    } else if (!m_data || loadKey != m_data->loadKey || pcaKey != m_data->pcaKey) {
        startPrepare(!m_data || loadKey != m_data->loadKey);
        if (!m_running) {  // ran synchronously and was accepted
            endCompute();
            return;
        }
    } else if (m_running) {
        // A parameter change brought us back to the data on screen: drop the running job.
        m_control->cancel = true;
        ++m_generation;
        m_running = false;
        m_progressTimer->stop();
        m_progressBox->hide();
    }
    if (!m_data) {
        endCompute();
        return;
    }
    const auto any = [&changed](std::initializer_list<const char*> ks) {
        return std::any_of(ks.begin(), ks.end(), [&changed](const char* k) { return changed.count(k) > 0; });
    };
    const bool axes = any({"projection", "view", "pc_x", "pc_y", "pc_z"});
    const bool sample = any({"max_points", "seed"});
    const bool pcaPlots = any({"components", "detail"});
    if (axes)
        updateProjection();
    if (axes || sample)
        updateSample();
    if (axes || sample || any({"yaw", "pitch"}))
        updateView(axes || sample || any({"view"}));
    // Search, neighbours and analogies live in the original space: the axes do not change them.
    if (any({"search", "select", "neighbors", "metric", "analogy"}))
        updateQueries();
    updateOverlays();
    if (pcaPlots)
        updatePcaPlots();
    else if (axes)
        updateLoadings();  // the scree, covariance and reconstruction plots do not depend on the axes
    updateReadouts();
    if (!m_failedLoadKey.empty() && loadKey == m_failedLoadKey && currentError().isEmpty())
        showError(m_lastFailure);
    endCompute();
    if (pcaPlots)
        replotAll();
    else if (axes)
        replot({m_proj, m_loadings});
    else
        m_proj->replot(QCustomPlot::rpQueuedReplot);  // a turn, a sample or a query changes the projection alone
}

void EmbeddingsTab::startPrepare(bool reload)
{
    PrepareRequest req;
    req.dataset = m_params.text("dataset");
    req.file = m_params.text("file");
    req.metadata = m_params.text("metadata");
    req.format = enumOf<io::EmbeddingFormat>(io::embeddingFormatIds(), m_params.text("format"));
    req.normalize = enumOf<linalg::Normalize>(linalg::normalizeIds(), m_params.text("normalize"));
    req.method = enumOf<linalg::PcaMethod>(linalg::pcaMethodIds(), m_params.text("method"));
    req.seed = static_cast<std::uint64_t>(m_params.integer("seed"));
    req.loadKey = loadKeyOf(m_params);
    req.pcaKey = pcaKeyOf(m_params);
    if (!reload && m_data)
        req.reuse = m_data->table;

    if (m_control)
        m_control->cancel = true;  // whatever runs is stale now
    ++m_generation;
    const bool small = req.reuse ? static_cast<long long>(req.reuse->rows()) * req.reuse->dim() <= kSyncCells : req.dataset != "file";
    if (small) {
        m_running = false;
        m_progressTimer->stop();
        m_progressBox->hide();
        accept(prepare(req, nullptr));
        return;
    }
    m_control = std::make_shared<io::LoadControl>();
    m_running = true;
    m_runningGeneration = m_generation;
    m_runningLoadKey = req.loadKey;
    m_runningPcaKey = req.pcaKey;
    m_progressLabel->setText(req.reuse ? tr("Computing PCA of %1…").arg(qs(req.reuse->source)) : tr("Loading %1…").arg(qs(req.file)));
    m_progressBar->setValue(0);
    m_progressBar->setRange(0, req.reuse ? 0 : 1000);  // busy indicator for PCA
    m_progressBox->show();
    m_progressTimer->start();
    auto control = m_control;
    const quint64 generation = m_generation;
    auto future = QtConcurrent::run([req, control] { return prepare(req, control.get()); });
    // Remember which request this future answers; older ones are dropped in onPrepared().
    m_watcher->setProperty("generation", QVariant::fromValue(generation));
    m_watcher->setFuture(future);
}

void EmbeddingsTab::onPrepared()
{
    if (!m_running || m_watcher->property("generation").toULongLong() != m_generation)
        return;  // stale: a newer request superseded it
    m_running = false;
    m_progressTimer->stop();
    m_progressBox->hide();
    const auto result = m_watcher->result();
    beginCompute();
    accept(result);
    endCompute();
}

void EmbeddingsTab::onCancelLoad()
{
    if (m_control)
        m_control->cancel = true;
}

void EmbeddingsTab::onProgressTick()
{
    if (m_control && m_progressBar->maximum() > 0)
        m_progressBar->setValue(m_control->permille.load());
}

void EmbeddingsTab::accept(std::shared_ptr<EmbeddingsPrepared> prepared)
{
    if (!prepared->error.empty()) {
        if (prepared->cancelled) {
            m_note = tr("Loading was cancelled; still showing %1.").arg(m_data ? qs(m_data->table->source) : tr("nothing"));
            // A cancelled file is not reloaded by unrelated edits; a cancelled PCA of the data
            // on screen is simply recomputed by the next change.
            if (!m_data || prepared->loadKey != m_data->loadKey)
                m_failedLoadKey = prepared->loadKey;
            m_lastFailure.clear();
        } else {
            m_failedLoadKey = prepared->loadKey;
            m_lastFailure = qs(prepared->error);
            m_errorIsIo = prepared->ioError;
            showError(m_lastFailure);
        }
        updateReadouts();
        return;
    }
    const bool newTable = !m_data || m_data->table != prepared->table;
    m_data = std::move(prepared);
    m_failedLoadKey.clear();
    m_lastFailure.clear();
    m_errorIsIo = false;
    showError({});
    const EmbeddingTable& t = *m_data->table;
    if (newTable) {
        m_labelStrings.clear();
        m_labelStrings.reserve(t.rows());
        for (int i = 0; i < t.rows(); ++i)
            m_labelStrings.push_back(i < static_cast<int>(t.labels.size()) ? qs(t.labels[static_cast<std::size_t>(i)]) : QString());
        // Classes for colour: the first kMaxClasses distinct values by frequency keep their own colour.
        m_classNames.clear();
        m_classOf.assign(static_cast<std::size_t>(t.rows()), 0);
        if (t.classes.size() == static_cast<std::size_t>(t.rows())) {
            std::map<std::string, int> count;
            for (const auto& c : t.classes)
                ++count[c];
            std::vector<std::pair<int, std::string>> order;
            for (const auto& [name, n] : count)
                order.push_back({-n, name});
            std::sort(order.begin(), order.end());
            // Natural order (0…9, alphabetical) for the kept classes reads better in the legend.
            std::vector<std::string> kept;
            for (std::size_t i = 0; i < order.size() && static_cast<int>(i) < kMaxClasses; ++i)
                kept.push_back(order[i].second);
            std::sort(kept.begin(), kept.end());
            std::map<std::string, int> index;
            for (const auto& k : kept) {
                index[k] = m_classNames.size();
                m_classNames.push_back(qs(k));
            }
            const bool other = order.size() > kept.size();
            if (other)
                m_classNames.push_back(tr("other"));
            for (std::size_t i = 0; i < t.classes.size(); ++i) {
                const auto it = index.find(t.classes[i]);
                m_classOf[i] = it != index.end() ? it->second : static_cast<int>(m_classNames.size()) - 1;
            }
        } else {
            m_classNames.push_back(tr("points"));
        }
        EmbeddingStore::instance().setCurrent(m_data->table);
    }
    updateProjection();
    updateSample();
    updateView(true);
    updateQueries();
    updateOverlays();
    updatePcaPlots();
    updateReadouts();
    replotAll();
}

bool EmbeddingsTab::waitUntilIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QCoreApplication::processEvents();
    while (m_running) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
        if (m_running && m_watcher->isFinished())
            onPrepared();
    }
    QCoreApplication::processEvents();
    return true;
}

// ---------------------------------------------------------------- projection

void EmbeddingsTab::updateProjection()
{
    const EmbeddingTable& t = *m_data->table;
    const int k = static_cast<int>(m_data->pca.explainedVariance.size());
    QStringList notes;
    m_raw = m_params.text("projection") == "raw";
    if (m_raw && t.dim() > 3) {
        m_raw = false;
        notes << tr("projection=raw needs data with 2 or 3 dimensions (this set has %1); showing PCA.").arg(t.dim());
    }
    const int available = m_raw ? t.dim() : k;
    m_3d = m_params.text("view") == "3d";
    if (m_3d && available < 3) {
        m_3d = false;
        notes << tr("The 3-D view needs 3 components; this data set has %1.").arg(available);
    }
    m_axes.clear();
    const char* keys[3] = {"pc_x", "pc_y", "pc_z"};
    for (int a = 0; a < (m_3d ? 3 : 2); ++a) {
        if (m_raw) {
            m_axes.push_back(std::min(a, available - 1));
            continue;
        }
        const int want = static_cast<int>(m_params.integer(keys[a]));
        if (want > available)
            notes << tr("%1 = %2 but only %3 components exist; showing PC%3.").arg(keys[a]).arg(want).arg(available);
        m_axes.push_back(std::min(want, available) - 1);
    }
    if (m_raw) {
        m_coords.resize(t.rows(), static_cast<Eigen::Index>(m_axes.size()));
        for (std::size_t a = 0; a < m_axes.size(); ++a)
            m_coords.col(static_cast<Eigen::Index>(a)) = t.vectors.col(m_axes[a]);
    } else {
        // Every axis again, in one call: projecting only the changed one rounds some coordinates
        // differently (the kernels' rounding depends on how many columns they project), which
        // would make what a drag ends on depend on the drag's history.
        linalg::projectRows(m_data->table->vectors, *m_data->normalized, m_data->pca.components, m_axes, m_coords);
    }
    m_projectionNote = notes.join(QLatin1Char(' '));
    joinNotes();
    m_proj->setInteraction(QCP::iRangeDrag, !m_3d);  // in 3-D a drag turns the view
}

void EmbeddingsTab::updateSample()
{
    m_sample = linalg::sampleRows(m_data->table->rows(), static_cast<int>(m_params.integer("max_points")),
                                  static_cast<std::uint64_t>(m_params.integer("seed")));
    m_sampleCoords.setZero(static_cast<Eigen::Index>(m_sample.size()), 3);
    for (std::size_t i = 0; i < m_sample.size(); ++i)
        m_sampleCoords.row(static_cast<Eigen::Index>(i)).head(m_coords.cols()) = m_coords.row(m_sample[i]);
}

QPointF EmbeddingsTab::screenOf(int row, double* depth) const
{
    Eigen::Vector3d p = Eigen::Vector3d::Zero();
    for (Eigen::Index a = 0; a < m_coords.cols() && a < 3; ++a)
        p(a) = m_coords(row, a);
    if (!m_3d) {
        if (depth)
            *depth = 0;
        return {p(0), p(1)};
    }
    const Eigen::Vector3d r = m_rotation * p;
    if (depth)
        *depth = r(2);
    return {r(0), r(1)};
}

QPointF EmbeddingsTab::plotPosition(int row) const { return screenOf(row); }

void EmbeddingsTab::rebuildPointGraphs(int classes, int layers)
{
    if (classes == m_graphClasses && layers == m_graphLayers)
        return;
    for (QCPGraph* g : m_pointGraphs)
        m_proj->removeGraph(g);
    m_pointGraphs.clear();
    // Far layers first, so nearer points are drawn over them; overlays stay on top.
    for (int layer = 0; layer < layers; ++layer)
        for (int c = 0; c < classes; ++c) {
            auto* g = new QCPGraph(m_proj->xAxis, m_proj->yAxis);
            g->setLineStyle(QCPGraph::lsNone);
            g->setName(m_classNames.value(c));
            if (layer != layers - 1)
                g->removeFromLegend();
            m_pointGraphs.push_back(g);
        }
    // Keep the overlays above the points: move them to the end of the layer.
    for (QCPGraph* g : {m_searchGraph, m_neighborGraph, m_analogyGraph, m_selGraph}) {
        g->setLayer(QStringLiteral("main"));
        g->setLayer(QStringLiteral("overlay"));
    }
    m_graphClasses = classes;
    m_graphLayers = layers;
}

void EmbeddingsTab::updateView(bool rescale)
{
    const int ns = static_cast<int>(m_sample.size());
    if (m_3d) {
        m_rotation = linalg::viewRotation(m_params.real("yaw"), m_params.real("pitch"));
        linalg::orthographicView(m_sampleCoords.data(), ns, m_rotation, m_sx, m_sy, m_sdepth);
    } else {
        m_sx.resize(static_cast<std::size_t>(ns));
        m_sy.resize(static_cast<std::size_t>(ns));
        m_sdepth.assign(static_cast<std::size_t>(ns), 0.0);
        for (int i = 0; i < ns; ++i) {
            m_sx[static_cast<std::size_t>(i)] = m_sampleCoords(i, 0);
            m_sy[static_cast<std::size_t>(i)] = m_sampleCoords(i, 1);
        }
    }
    const int classes = static_cast<int>(m_classNames.size());
    const int layers = m_3d ? kDepthLayers : 1;
    if (m_proj->layer(QStringLiteral("overlay")) == nullptr)
        m_proj->addLayer(QStringLiteral("overlay"), m_proj->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    rebuildPointGraphs(classes, layers);
    const std::size_t nb = static_cast<std::size_t>(classes * layers);
    m_bufX.resize(nb);
    m_bufY.resize(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        m_bufX[b].resize(0);
        m_bufY[b].resize(0);
    }
    double dmin = 0, dmax = 0;
    if (m_3d && ns > 0) {
        const auto [lo, hi] = std::minmax_element(m_sdepth.begin(), m_sdepth.end());
        dmin = *lo;
        dmax = *hi;
    }
    const double span = dmax > dmin ? dmax - dmin : 1.0;
    for (int i = 0; i < ns; ++i) {
        const std::size_t si = static_cast<std::size_t>(i);
        int layer = 0;
        if (m_3d)
            layer = std::clamp(static_cast<int>((m_sdepth[si] - dmin) / span * layers), 0, layers - 1);
        const std::size_t b = static_cast<std::size_t>(layer * classes + m_classOf[static_cast<std::size_t>(m_sample[si])]);
        m_bufX[b].push_back(m_sx[si]);
        m_bufY[b].push_back(m_sy[si]);
    }
    const double size = ns > 20000 ? 3 : ns > 3000 ? 4 : 6;
    for (int layer = 0; layer < layers; ++layer)
        for (int c = 0; c < classes; ++c) {
            const std::size_t b = static_cast<std::size_t>(layer * classes + c);
            QCPGraph* g = m_pointGraphs[b];
            QColor col = classes == 1 ? palette::color("embedding_point") : palette::category(c);
            if (c == classes - 1 && m_classNames.value(c) == tr("other"))
                col = QColor(0x9a, 0x9a, 0x9a);
            if (m_3d)
                col = lighter(col, 0.6 * (layers - 1 - layer) / (layers - 1));  // depth shading: far points fade
            if (ns <= 5000) {
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, col, col, size));
            } else {
                // Tens of thousands of points: blitting one small pre-drawn disc is several
                // times faster than drawing each ellipse (what keeps a 3-D drag fluid).
                QPixmap disc(static_cast<int>(size) + 1, static_cast<int>(size) + 1);
                disc.fill(Qt::transparent);
                QPainter painter(&disc);
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(col);
                painter.drawEllipse(QRectF(0.5, 0.5, size, size));
                painter.end();
                QCPScatterStyle style(disc);
                g->setScatterStyle(style);
            }
            g->setData(m_bufX[b], m_bufY[b]);
        }

    // Axes and labels.
    const auto& ratio = m_data->pca.explainedVarianceRatio;
    auto axisName = [&](int a) {
        const int c = m_axes[static_cast<std::size_t>(a)];
        if (m_raw)
            return tr("x%1 (raw)").arg(c + 1);
        return tr("PC%1 (%2 % of variance)").arg(c + 1).arg(100.0 * ratio(c), 0, 'f', 1);
    };
    // Axis arrows of the 3-D view: where each component points after the turn.
    for (QCPItemLine* l : m_axisLines)
        m_proj->removeItem(l);
    for (QCPItemText* t : m_axisTexts)
        m_proj->removeItem(t);
    m_axisLines.clear();
    m_axisTexts.clear();
    if (m_3d) {
        m_proj->xAxis->setLabel(tr("turned view (yaw %1°, pitch %2°): drag to turn").arg(m_params.real("yaw"), 0, 'f', 0).arg(m_params.real("pitch"), 0, 'f', 0));
        m_proj->yAxis->setLabel(tr("screen y (orthographic)"));
    } else {
        m_proj->xAxis->setLabel(axisName(0));
        m_proj->yAxis->setLabel(axisName(1));
    }
    double radius = 0;
    for (int i = 0; i < ns; ++i)
        radius = std::max(radius, static_cast<double>(m_sampleCoords.row(i).norm()));
    if (radius <= 0)
        radius = 1;
    m_viewRadius = radius;
    if (m_3d) {
        for (int a = 0; a < 3; ++a) {
            const Eigen::Vector3d r = m_rotation.col(a) * radius * 0.9;
            auto* line = new QCPItemLine(m_proj);
            line->setLayer(QStringLiteral("overlay"));
            line->start->setCoords(0, 0);
            line->end->setCoords(r(0), r(1));
            line->setPen(QPen(QColor(60, 60, 60), 1));
            line->setHead(QCPLineEnding::esSpikeArrow);
            auto* text = new QCPItemText(m_proj);
            text->setLayer(QStringLiteral("overlay"));
            text->position->setCoords(r(0) * 1.07, r(1) * 1.07);
            text->setText(axisName(a));
            text->setColor(QColor(60, 60, 60));
            m_axisLines.push_back(line);
            m_axisTexts.push_back(text);
        }
    }
    QString title = m_3d ? tr("Projection on three components (3-D)") : m_raw ? tr("Raw coordinates") : tr("Projection on two principal components");
    if (static_cast<int>(m_sample.size()) < m_data->table->rows())
        title = tr("%1 — showing %2 of %3 points")
                    .arg(title, countText(static_cast<long long>(m_sample.size())), countText(m_data->table->rows()));
    m_proj->setTitle(title);
    if (rescale) {
        if (m_3d) {
            m_proj->xAxis->setRange(-radius * 1.15, radius * 1.15);
            m_proj->yAxis->setRange(-radius * 1.15, radius * 1.15);
        } else if (ns > 0) {
            const auto [xlo, xhi] = std::minmax_element(m_sx.begin(), m_sx.end());
            const auto [ylo, yhi] = std::minmax_element(m_sy.begin(), m_sy.end());
            const double mx = std::max(1e-9, (*xhi - *xlo) * 0.06), my = std::max(1e-9, (*yhi - *ylo) * 0.06);
            m_proj->xAxis->setRange(*xlo - mx, *xhi + mx);
            m_proj->yAxis->setRange(*ylo - my, *yhi + my);
        }
    }
}

// ---------------------------------------------------------------- queries

void EmbeddingsTab::updateQueries()
{
    const EmbeddingTable& t = *m_data->table;
    const linalg::Metric metric = enumOf<linalg::Metric>(linalg::metricIds(), m_params.text("metric"));
    const int k = static_cast<int>(m_params.integer("neighbors"));
    QStringList notes;

    m_matches.clear();
    const QString pattern = qs(m_params.text("search"));
    paramPanel()->setParamError("search", {});
    if (!pattern.isEmpty()) {
        const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid()) {
            const QString msg = tr("search: invalid regular expression at offset %1: %2").arg(re.patternErrorOffset()).arg(re.errorString());
            notes << msg;
            paramPanel()->setParamError("search", msg);
        } else {
            for (int i = 0; i < m_labelStrings.size(); ++i)
                if (re.match(m_labelStrings[i]).hasMatch())
                    m_matches.push_back(i);
        }
    }

    m_selected = -1;
    m_neighbors.clear();
    paramPanel()->setParamError("select", {});
    const std::string& sel = m_params.text("select");
    if (!trimmed(sel).empty()) {
        Message why;
        m_selected = linalg::resolveRow(t, sel, &why);
        if (m_selected < 0) {
            const QString msg = tr("select: %1").arg(trEngine(why));
            notes << msg;
            paramPanel()->setParamError("select", msg);
        } else {
            m_neighbors = linalg::nearest(t.vectors, m_data->norms, t.vectors.row(m_selected).transpose().cast<double>(), metric, k, {m_selected});
        }
    }

    m_analogy = {};
    paramPanel()->setParamError("analogy", {});
    const std::string& expr = m_params.text("analogy");
    if (!trimmed(expr).empty()) {
        m_analogy = linalg::analogy(t, m_data->norms, expr, metric, k);
        if (!m_analogy.ok) {
            notes << trEngine(m_analogy.why);
            paramPanel()->setParamError("analogy", trEngine(m_analogy.why));
        }
    }
    m_queryNote = notes.join(QLatin1Char(' '));
    joinNotes();
}

void EmbeddingsTab::joinNotes()
{
    m_note = m_projectionNote;
    if (!m_queryNote.isEmpty())
        m_note += (m_note.isEmpty() ? QString() : QStringLiteral(" ")) + m_queryNote;
}

QString EmbeddingsTab::rowName(int row) const
{
    const QString& l = m_labelStrings.value(row);
    return l.isEmpty() ? QStringLiteral("#%1").arg(row) : l;
}

int EmbeddingsTab::neighborLineCount() const
{
    return static_cast<int>(std::count_if(m_lines.begin(), m_lines.end(), [](QCPItemLine* l) { return l->property("kind").toString() == "neighbor"; }));
}

void EmbeddingsTab::updateOverlays()
{
    QVector<double> x, y;
    auto fill = [&](QCPGraph* g, const std::vector<int>& rows) {
        x.resize(0);
        y.resize(0);
        for (int r : rows) {
            const QPointF p = screenOf(r);
            x.push_back(p.x());
            y.push_back(p.y());
        }
        g->setData(x, y);
    };
    std::vector<int> shownMatches(m_matches.begin(), m_matches.begin() + std::min<std::size_t>(m_matches.size(), kMaxSearchMarks));
    fill(m_searchGraph, shownMatches);
    std::vector<int> nb;
    for (const auto& n : m_neighbors)
        nb.push_back(n.index);
    fill(m_neighborGraph, nb);
    std::vector<int> an;
    if (m_analogy.ok) {
        for (const auto& term : m_analogy.terms)
            an.push_back(term.index);
        if (!m_analogy.results.empty())
            an.push_back(m_analogy.results.front().index);
    }
    fill(m_analogyGraph, an);
    fill(m_selGraph, m_selected >= 0 ? std::vector<int>{m_selected} : std::vector<int>{});
    for (QCPGraph* g : {m_searchGraph, m_neighborGraph, m_analogyGraph, m_selGraph}) {
        if (g->dataCount() > 0)
            g->addToLegend();
        else
            g->removeFromLegend();
    }

    for (QCPItemLine* l : m_lines)
        m_proj->removeItem(l);
    m_lines.clear();
    auto line = [&](int from, int to, const QColor& color, bool arrow, const char* kind) {
        auto* l = new QCPItemLine(m_proj);
        l->setLayer(QStringLiteral("overlay"));
        const QPointF a = screenOf(from), b = screenOf(to);
        l->start->setCoords(a);
        l->end->setCoords(b);
        l->setPen(QPen(color, arrow ? 2.0 : 1.0));
        if (arrow)
            l->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 10, 12));
        l->setProperty("kind", QString::fromLatin1(kind));
        m_lines.push_back(l);
    };
    for (int r : nb)
        line(m_selected, r, palette::color("neighbor"), false, "neighbor");
    // a − b + c: the offset b → a, and the same offset from c to the answer.
    if (m_analogy.ok && m_analogy.terms.size() == 3 && m_analogy.terms[0].sign > 0 && m_analogy.terms[1].sign < 0 && m_analogy.terms[2].sign > 0) {
        line(m_analogy.terms[1].index, m_analogy.terms[0].index, palette::color("analogy"), true, "analogy");
        if (!m_analogy.results.empty())
            line(m_analogy.terms[2].index, m_analogy.results.front().index, palette::color("analogy"), true, "analogy");
    }

    // Labels: every drawn point when few, else the points that matter.
    std::vector<int> labelled;
    if (m_params.boolean("show_labels")) {
        if (m_sample.size() <= static_cast<std::size_t>(kMaxLabels))
            labelled = m_sample;
        else {
            labelled = an;
            if (m_selected >= 0)
                labelled.push_back(m_selected);
            labelled.insert(labelled.end(), nb.begin(), nb.end());
            for (int r : m_matches) {
                if (labelled.size() >= static_cast<std::size_t>(kMaxLabels))
                    break;
                labelled.push_back(r);
            }
        }
    } else {
        labelled = an;
        if (m_selected >= 0)
            labelled.push_back(m_selected);
    }
    std::sort(labelled.begin(), labelled.end());
    labelled.erase(std::unique(labelled.begin(), labelled.end()), labelled.end());
    while (m_texts.size() < labelled.size()) {
        auto* t = new TextLabelItem(m_proj);  // laid out once per label, not on every replot of a drag
        t->setLayer(QStringLiteral("overlay"));
        t->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        t->setPadding(QMargins(3, 0, 0, 1));
        QFont f = m_proj->font();
        f.setPointSizeF(8.5);
        t->setFont(f);
        m_texts.push_back(t);
    }
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
        QCPItemText* t = m_texts[i];
        if (i >= labelled.size()) {
            t->setVisible(false);
            continue;
        }
        const int r = labelled[i];
        t->setVisible(true);
        t->position->setCoords(screenOf(r));
        t->setText(rowName(r));
        const bool strong = r == m_selected || std::find(an.begin(), an.end(), r) != an.end();
        t->setColor(strong ? QColor(20, 20, 20) : QColor(70, 70, 70));
        QFont f = t->font();
        f.setBold(strong);
        t->setFont(f);
    }
}

// ---------------------------------------------------------------- PCA plots

void EmbeddingsTab::updateLoadings()
{
    // Loadings of the shown components (always PCs, even over raw coordinates).
    const linalg::PcaResult& p = m_data->pca;
    const int k = static_cast<int>(p.explainedVariance.size());
    const int dim = static_cast<int>(p.components.rows());
    const std::vector<int> pcs = m_raw ? std::vector<int>{0, 1} : m_axes;
    // As many components as shown: the bars (and their legend entries) stay, with new data.
    if (m_loadingBars.size() != pcs.size()) {
        for (QCPBars* b : m_loadingBars)
            m_loadings->removePlottable(b);
        m_loadingBars.clear();
        if (!m_loadingGroup)
            m_loadingGroup = new QCPBarsGroup(m_loadings);
        for (std::size_t a = 0; a < pcs.size(); ++a) {
            auto* bars = new QCPBars(m_loadings->xAxis, m_loadings->yAxis);
            bars->setPen(Qt::NoPen);
            bars->setBrush(palette::category(static_cast<int>(a) + 2));
            bars->setBarsGroup(m_loadingGroup);
            m_loadingBars.push_back(bars);
        }
    }
    QVector<double> dims(dim);
    for (int d = 0; d < dim; ++d)
        dims[d] = d;
    double maxAbs = 0;
    for (std::size_t a = 0; a < pcs.size(); ++a) {
        const int comp = std::min(pcs[a], k - 1);
        QCPBars* bars = m_loadingBars[a];
        bars->setName(tr("PC%1").arg(comp + 1));
        QVector<double> v(dim);
        for (int d = 0; d < dim; ++d) {
            v[d] = p.components(d, comp);
            maxAbs = std::max(maxAbs, std::fabs(v[d]));
        }
        bars->setData(dims, v, true);
        bars->setWidth(0.8 / static_cast<double>(pcs.size()));
    }
    m_loadings->xAxis->setRange(-0.8, dim - 0.2);
    m_loadings->yAxis->setRange(-maxAbs * 1.1 - 1e-9, maxAbs * 1.1 + 1e-9);
}

void EmbeddingsTab::updatePcaPlots()
{
    const linalg::PcaResult& p = m_data->pca;
    const int k = static_cast<int>(p.explainedVariance.size());
    QVector<double> keys(k), ratio(k), cum(k);
    double c = 0;
    for (int j = 0; j < k; ++j) {
        keys[j] = j + 1;
        ratio[j] = p.explainedVarianceRatio(j);
        c += ratio[j];
        cum[j] = c;
    }
    m_screeBars->setData(keys, ratio, true);
    m_screeBars->setWidth(0.7);
    m_cumulative->setData(keys, cum, true);
    m_scree->xAxis->setRange(0.3, k + 0.7);
    m_scree->yAxis->setRange(0, 1.05);

    updateLoadings();

    // Covariance (first 256 dimensions at most).
    const int m = static_cast<int>(p.covariance.rows());
    m_covMap->data()->setSize(m, m);
    m_covMap->data()->setRange(QCPRange(0, m - 1), QCPRange(0, m - 1));
    double cmax = 0;
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j) {
            m_covMap->data()->setCell(j, i, p.covariance(i, j));
            cmax = std::max(cmax, std::fabs(p.covariance(i, j)));
        }
    m_covMap->setDataRange(QCPRange(-cmax - 1e-12, cmax + 1e-12));  // symmetric: white is zero
    m_cov->xAxis->setRange(-0.5, m - 0.5);
    m_cov->yAxis->setRange(-0.5, m - 0.5);
    m_cov->setTitle(m < m_data->table->dim() ? tr("Covariance matrix (first %1 of %2 dimensions)").arg(m).arg(m_data->table->dim())
                                             : tr("Covariance matrix C = ZᵀZ/(n − 1)"));

    // Reconstruction error e(k) = Σ discarded eigenvalues.
    const Eigen::VectorXd e = linalg::reconstructionErrors(p);
    QVector<double> rk(static_cast<int>(e.size())), rv(static_cast<int>(e.size()));
    for (int j = 0; j < e.size(); ++j) {
        rk[j] = j;
        rv[j] = e(j);
    }
    m_reconGraph->setData(rk, rv, true);
    const int kk = std::min(static_cast<int>(m_params.integer("components")), k);
    m_reconMarker->setData(QVector<double>{double(kk)}, QVector<double>{e(kk)});
    m_reconLine->point1->setCoords(kk, 0);
    m_reconLine->point2->setCoords(kk, 1);
    m_recon->xAxis->setRange(-0.5, k + 0.5);
    m_recon->yAxis->setRange(0, p.totalVariance * 1.05 + 1e-12);

    const std::string& detail = m_params.text("detail");
    m_detailStack->setCurrentIndex(detail == "covariance" ? 1 : detail == "reconstruction" ? 2 : 0);
}

void EmbeddingsTab::updateReadouts()
{
    std::vector<std::pair<QString, QString>> rows;
    if (m_data) {
        const EmbeddingTable& t = *m_data->table;
        const linalg::PcaResult& p = m_data->pca;
        rows.push_back({tr("Data set"), tr("%1 (%2 × %3)").arg(qs(t.source)).arg(countText(t.rows())).arg(t.dim())});
        rows.push_back({tr("Showing"), tr("%1 of %2 points").arg(countText(static_cast<long long>(m_sample.size()))).arg(countText(t.rows()))});
        rows.push_back({tr("PCA"), p.randomized ? tr("randomized SVD (range finder, %1 power iterations)").arg(linalg::PcaOptions{}.powerIterations) : tr("exact (eigen-decomposition of C)")});
        rows.push_back({tr("Total variance tr(C)"), formatNumber(p.totalVariance)});
        for (std::size_t a = 0; a < m_axes.size() && !m_raw; ++a) {
            const int c = m_axes[a];
            rows.push_back({tr("λ%1 (PC%1)").arg(c + 1), tr("%1 (%2 %)").arg(formatNumber(p.explainedVariance(c))).arg(100.0 * p.explainedVarianceRatio(c), 0, 'f', 2)});
        }
        const int k = std::min<int>(static_cast<int>(m_params.integer("components")), static_cast<int>(p.explainedVariance.size()));
        const Eigen::VectorXd e = linalg::reconstructionErrors(p);
        rows.push_back({tr("Variance kept by %1 PCs").arg(k), tr("%1 %").arg(100.0 * p.explainedVarianceRatio.head(k).sum(), 0, 'f', 2)});
        rows.push_back({tr("Reconstruction error (k = %1)").arg(k), formatNumber(e(k))});
        rows.push_back({tr("Load / PCA time"), tr("%1 ms / %2 ms").arg(m_data->loadMs, 0, 'f', 1).arg(m_data->pcaMs, 0, 'f', 1)});
        if (!m_params.text("search").empty())
            rows.push_back({tr("Search matches"), countText(static_cast<long long>(m_matches.size()))});
        if (m_selected >= 0) {
            rows.push_back({tr("Selected"), tr("%1 (#%2)").arg(rowName(m_selected).toHtmlEscaped()).arg(m_selected)});
            int i = 1;
            for (const auto& n : m_neighbors)
                rows.push_back({tr("  %1. %2").arg(i++).arg(rowName(n.index).toHtmlEscaped()), formatNumber(n.similarity, 4)});
        }
        if (m_analogy.ok) {
            rows.push_back({tr("Analogy"), qs(m_params.text("analogy")).toHtmlEscaped()});
            int i = 1;
            for (const auto& n : m_analogy.results)
                rows.push_back({tr("  → %1. %2").arg(i++).arg(rowName(n.index).toHtmlEscaped()), formatNumber(n.similarity, 4)});
        }
    }
    if (!m_note.isEmpty())
        rows.push_back({tr("Note"), m_note.toHtmlEscaped()});
    readouts()->setRows(rows);
}

void EmbeddingsTab::replotAll() { replot({m_proj, m_scree, m_loadings, m_cov, m_recon}); }

void EmbeddingsTab::replot(std::initializer_list<PlotView*> plots)
{
    // A hidden detail plot is replotted when `detail` shows it (that change replots all).
    for (PlotView* v : plots)
        if (v->isVisible() || !isVisible())
            v->replot(QCustomPlot::rpQueuedReplot);
}

// ---------------------------------------------------------------- mouse

int EmbeddingsTab::pickRow(const QPoint& pixel, double maxDistance) const
{
    int best = -1;
    double bestD = maxDistance * maxDistance;
    auto consider = [&](int row, double x, double y) {
        const double dx = m_proj->xAxis->coordToPixel(x) - pixel.x();
        const double dy = m_proj->yAxis->coordToPixel(y) - pixel.y();
        const double d = dx * dx + dy * dy;
        if (d < bestD) {
            bestD = d;
            best = row;
        }
    };
    for (std::size_t i = 0; i < m_sample.size(); ++i)
        consider(m_sample[i], m_sx[i], m_sy[i]);
    for (int r : m_matches) {
        const QPointF p = screenOf(r);
        consider(r, p.x(), p.y());
    }
    return best;
}

void EmbeddingsTab::onProjectionMousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = true;
    m_dragged = false;
    m_pressPos = event->pos();
    m_pressYaw = m_params.real("yaw");
    m_pressPitch = m_params.real("pitch");
}

void EmbeddingsTab::onProjectionMouseMove(QMouseEvent* event)
{
    if (!m_data)
        return;
    if (m_pressed) {
        const QPoint d = event->pos() - m_pressPos;
        if (d.manhattanLength() > 3)
            m_dragged = true;
        if (m_3d && m_dragged) {
            double yaw = std::remainder(m_pressYaw + d.x() * 0.5, 360.0);
            const double pitch = std::clamp(m_pressPitch + d.y() * 0.5, -90.0, 90.0);
            setParams({{"yaw", yaw}, {"pitch", pitch}});
        }
        return;
    }
    const int r = pickRow(event->pos(), 8);
    if (r < 0) {
        QToolTip::hideText();
        return;
    }
    QStringList coords;
    for (Eigen::Index a = 0; a < m_coords.cols(); ++a)
        coords << QString::number(m_coords(r, a), 'g', 4);
    QToolTip::showText(event->globalPosition().toPoint(), tr("%1 (#%2)\n(%3)").arg(rowName(r)).arg(r).arg(coords.join(QStringLiteral(", "))), m_proj);
}

void EmbeddingsTab::onProjectionMouseRelease(QMouseEvent* event)
{
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    if (m_dragged || !m_data)
        return;
    const int r = pickRow(event->pos(), 8);
    std::string name;
    if (r >= 0) {
        const std::string& label = r < static_cast<int>(m_data->table->labels.size()) ? m_data->table->labels[static_cast<std::size_t>(r)] : std::string();
        if (!label.empty() && m_data->table->find(label) == r)
            name = label;
        else
            name.append("#").append(std::to_string(r));
    }
    setParam("select", name);
}

// ---------------------------------------------------------------- export

namespace {

/// exportData()'s "labels": one per row ("" past the label list).
template <class Append>
void forEachLabel(const EmbeddingTable& t, Append append)
{
    for (int i = 0; i < t.rows(); ++i)
        append(i < static_cast<int>(t.labels.size()) ? qs(t.labels[static_cast<std::size_t>(i)]) : QString());
}

/// exportData()'s "projection": every row on the first (up to) three components.
linalg::RowMatrixF exportProjection(const EmbeddingsPrepared& d)
{
    const int nc = std::min<int>(3, static_cast<int>(d.pca.components.cols()));
    std::vector<int> first;
    for (int c = 0; c < nc; ++c)
        first.push_back(c);
    linalg::RowMatrixF proj;
    linalg::projectRows(d.table->vectors, *d.normalized, d.pca.components, first, proj);
    return proj;
}

}  // namespace

Tab::DataWriter EmbeddingsTab::exportDataWriter() const
{
    if (!m_data)
        return Tab::exportDataWriter();
    // exportData()'s bytes; the labels and the projection (50,000 rows: ~50 ms of GUI time as
    // a QJsonObject) are made on the writer's thread from the shared, immutable data set and PCA.
    QJsonObject o = exportData(false);
    std::shared_ptr<const EmbeddingsPrepared> data = m_data;
    return [o, data](JsonWriter& w) {
        return w.document(o, [&data](JsonWriter& w, const QString& key) {
            if (key == QLatin1String("labels")) {
                w.beginArray();
                forEachLabel(*data->table, [&w](const QString& label) { w.value(label); });
                w.endArray();
                return true;
            }
            if (key == QLatin1String("projection")) {
                w.matrix(exportProjection(*data));
                return true;
            }
            return false;
        });
    };
}

QJsonObject EmbeddingsTab::exportData() const { return exportData(true); }

QJsonObject EmbeddingsTab::exportData(bool bulk) const
{
    QJsonObject o;
    o["tab"] = QStringLiteral("embeddings");
    if (!m_data)
        return o;
    const EmbeddingTable& t = *m_data->table;
    const linalg::PcaResult& p = m_data->pca;
    o["source"] = qs(t.source);
    o["n"] = t.rows();
    o["dim"] = t.dim();
    o["normalize"] = qs(m_params.text("normalize"));
    o["method"] = p.randomized ? QStringLiteral("randomized") : QStringLiteral("exact");
    QJsonArray labels;
    if (bulk)
        forEachLabel(t, [&labels](const QString& label) { labels.append(label); });
    o["labels"] = bulk ? QJsonValue(labels) : QJsonValue();  // (null: the writer's placeholder)
    if (!t.classes.empty())
        o["classes"] = json::strings(t.classes);
    o["mean"] = json::array(m_data->normalized->mean);
    o["explained_variance"] = json::array(p.explainedVariance);
    o["explained_variance_ratio"] = json::array(p.explainedVarianceRatio);
    o["total_variance"] = json::number(p.totalVariance);
    const int nc = std::min<int>(3, static_cast<int>(p.components.cols()));
    o["components"] = json::matrix(p.components.leftCols(nc).transpose());
    o["projection"] = bulk ? QJsonValue(json::matrix(exportProjection(*m_data).cast<double>())) : QJsonValue();
    o["shown_points"] = static_cast<int>(m_sample.size());
    auto results = [&](const std::vector<linalg::Neighbor>& ns) {
        QJsonArray a;
        for (const auto& n : ns) {
            QJsonObject r;
            r["label"] = m_labelStrings.value(n.index);
            r["index"] = n.index;
            r["similarity"] = json::number(n.similarity);
            a.append(r);
        }
        return a;
    };
    if (m_selected >= 0) {
        QJsonObject nb;
        nb["query"] = rowName(m_selected);
        nb["index"] = m_selected;
        nb["metric"] = qs(m_params.text("metric"));
        nb["results"] = results(m_neighbors);
        o["neighbors"] = nb;
    }
    if (m_analogy.ok) {
        QJsonObject an;
        an["query"] = qs(m_params.text("analogy"));
        an["metric"] = qs(m_params.text("metric"));
        an["results"] = results(m_analogy.results);
        o["analogy"] = an;
    }
    return o;
}

QString EmbeddingsTab::exportCsv() const
{
    if (!m_data)
        return {};
    QString out;
    QStringList head{QStringLiteral("index"), QStringLiteral("label"), QStringLiteral("class")};
    for (std::size_t a = 0; a < m_axes.size(); ++a)
        head << (m_raw ? QStringLiteral("x%1").arg(m_axes[a] + 1) : QStringLiteral("pc%1").arg(m_axes[a] + 1));
    out += head.join(QLatin1Char(',')) + QLatin1Char('\n');
    auto csvText = [](QString s) {
        if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
            s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        return s;
    };
    const EmbeddingTable& t = *m_data->table;
    for (Eigen::Index i = 0; i < m_coords.rows(); ++i) {
        QStringList row{QString::number(i), csvText(m_labelStrings.value(static_cast<int>(i))),
                        csvText(t.classes.empty() ? QString() : qs(t.classes[static_cast<std::size_t>(i)]))};
        for (Eigen::Index a = 0; a < m_coords.cols(); ++a)
            row << QString::number(m_coords(i, a), 'g', 9);
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

}  // namespace aimath
