// The embeddings tab driven through its real controls: what the plots hold is
// compared with the engine run independently on the same data.

#include "engine/linalg/neighbors.h"
#include "engine/linalg/pca.h"
#include "engine/linalg/point_view.h"
#include "engine/linalg/semantic_vectors.h"
#include "tests/support/compare.h"
#include "widgets/common/embedding_store.h"
#include "widgets/common/param_panel.h"
#include "widgets/common/plot_view.h"
#include "widgets/common/readout_panel.h"
#include "widgets/embeddings/embeddings_tab.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <map>

using namespace aimath;

namespace {

int totalPoints(const EmbeddingsTab& tab)
{
    int n = 0;
    for (QCPGraph* g : tab.pointGraphs())
        n += g->dataCount();
    return n;
}

void writeText(const QString& path, const std::string& text)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

}  // namespace

class TestEmbeddingsTab : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<EmbeddingsTab> makeTab()
    {
        auto tab = std::make_unique<EmbeddingsTab>(EmbeddingsTab::declareParams());
        tab->resize(1400, 900);
        tab->applyParams(tab->params());
        tab->show();
        [&] { QVERIFY(tab->waitUntilIdle(60000)); }();
        return tab;
    }

    void setText(EmbeddingsTab& tab, const std::string& key, const QString& text)
    {
        auto* edit = qobject_cast<QLineEdit*>(tab.paramPanel()->control(key));
        if (!edit)
            edit = tab.paramPanel()->control(key)->findChild<QLineEdit*>();
        QVERIFY(edit);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    void setChoice(EmbeddingsTab& tab, const std::string& key, const QString& id)
    {
        auto* combo = qobject_cast<QComboBox*>(tab.paramPanel()->control(key));
        if (!combo)
            combo = tab.paramPanel()->control(key)->findChild<QComboBox*>();
        QVERIFY(combo);
        const int i = combo->findData(id) >= 0 ? combo->findData(id) : combo->findText(id);
        QVERIFY2(i >= 0, qPrintable(id));
        combo->setCurrentIndex(i);
    }

    void setInteger(EmbeddingsTab& tab, const std::string& key, int v)
    {
        // Integers have a slider and a value box; type into the box like a user.
        auto* edit = tab.paramPanel()->findChild<QLineEdit*>(QString::fromStdString(key) + "_edit");
        QVERIFY(edit);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, QString::number(v));
        QTest::keyClick(edit, Qt::Key_Return);
    }

    void moveSlider(EmbeddingsTab& tab, const std::string& key, double v)
    {
        auto* slider = qobject_cast<QSlider*>(tab.paramPanel()->control(key));
        QVERIFY(slider);
        slider->setValue(ParamPanel::valueToSlider(*tab.params().find(key), v));
    }

private slots:
    void defaultShowsSemanticPcaAndAnalogy()
    {
        auto tab = makeTab();
        const EmbeddingsPrepared* d = tab->data();
        QVERIFY(d);
        const EmbeddingTable ref = linalg::semanticVectors();
        QCOMPARE(d->table->rows(), ref.rows());
        // The scree bars are the engine's explained variance ratios of the centred data.
        linalg::NormalizedData z;
        linalg::normalizeData(ref.vectors, linalg::Normalize::Center, z);
        const linalg::PcaResult p = linalg::pca(z.z);
        QCOMPARE(tab->screeBars()->data()->size(), static_cast<int>(p.explainedVariance.size()));
        double cum = 0;
        for (int j = 0; j < p.explainedVariance.size(); ++j) {
            AIMATH_COMPARE_REL((tab->screeBars()->data()->begin() + j)->value, p.explainedVarianceRatio(j), 1e-9);
            cum += p.explainedVarianceRatio(j);
            AIMATH_COMPARE_REL((tab->cumulativeGraph()->data()->begin() + j)->value, cum, 1e-9);
        }
        // Every row is drawn once, at its PC1/PC2 coordinates.
        QCOMPARE(totalPoints(*tab), ref.rows());
        const int king = ref.find("king");
        const Eigen::VectorXd zk = z.z.row(king).transpose().cast<double>();
        AIMATH_COMPARE_REL(tab->plotPosition(king).x(), zk.dot(p.components.col(0)), 1e-5);
        AIMATH_COMPARE_REL(tab->plotPosition(king).y(), zk.dot(p.components.col(1)), 1e-5);
        // The default analogy: queen first, arrows drawn, inputs and answer marked.
        QVERIFY(tab->analogyResult().ok);
        QCOMPARE(d->table->labels[static_cast<std::size_t>(tab->analogyResult().results.front().index)], std::string("queen"));
        QCOMPARE(tab->findChildren<QObject*>().isEmpty(), false);
        QCOMPARE(EmbeddingStore::instance().current(), d->table);
        QVERIFY(tab->currentError().isEmpty());
        // Labels are few enough to be drawn for every point (< 300).
        QVERIFY(tab->shownPoints() < 300);
    }

    void selectListsBruteForceNeighbours()
    {
        auto tab = makeTab();
        setText(*tab, "select", "paris");
        const EmbeddingTable& t = *tab->data()->table;
        const int paris = t.find("paris");
        QCOMPARE(tab->selectedRow(), paris);
        QCOMPARE(tab->neighbors().size(), std::size_t(8));
        QCOMPARE(tab->neighborLineCount(), 8);
        // Brute force cosine in double over every other row.
        std::vector<std::pair<double, int>> all;
        for (int i = 0; i < t.rows(); ++i) {
            if (i == paris)
                continue;
            const Eigen::VectorXd a = t.vectors.row(i).transpose().cast<double>(), b = t.vectors.row(paris).transpose().cast<double>();
            all.push_back({-a.dot(b) / (a.norm() * b.norm()), i});
        }
        std::sort(all.begin(), all.end());
        for (std::size_t r = 0; r < 8; ++r) {
            QCOMPARE(tab->neighbors()[r].index, all[r].second);
            AIMATH_COMPARE_REL(tab->neighbors()[r].similarity, -all[r].first, 1e-9);
        }
        QCOMPARE(tab->selectionGraph()->dataCount(), 1);
        // Euclidean: distances grow.
        setChoice(*tab, "metric", "euclidean");
        QCOMPARE(tab->params().text("metric"), std::string("euclidean"));
        for (std::size_t r = 1; r < tab->neighbors().size(); ++r)
            QVERIFY(tab->neighbors()[r].similarity >= tab->neighbors()[r - 1].similarity);
        // More neighbours through the spin box.
        setInteger(*tab, "neighbors", 20);
        QCOMPARE(tab->neighbors().size(), std::size_t(20));
        QCOMPARE(tab->neighborLineCount(), 20);
        // An unknown label is a note, not a crash; the selection is cleared.
        setText(*tab, "select", "atlantis");
        QCOMPARE(tab->selectedRow(), -1);
        QVERIFY2(tab->note().contains("select: 'atlantis' is not a label of the data set"), qPrintable(tab->note()));
    }

    void clickSelectsPoint()
    {
        auto tab = makeTab();
        const int rome = tab->data()->table->find("rome");
        QCoreApplication::processEvents();
        tab->projectionPlot()->replot();
        const QPointF p = tab->plotPosition(rome);
        const QPoint pixel(qRound(tab->projectionPlot()->xAxis->coordToPixel(p.x())), qRound(tab->projectionPlot()->yAxis->coordToPixel(p.y())));
        QTest::mouseClick(tab->projectionPlot(), Qt::LeftButton, {}, pixel);
        // Points can overlap: the picked row is the nearest one on screen to the click.
        QVERIFY(tab->selectedRow() >= 0);
        const QPointF q = tab->plotPosition(tab->selectedRow());
        const double dx = tab->projectionPlot()->xAxis->coordToPixel(q.x()) - pixel.x();
        const double dy = tab->projectionPlot()->yAxis->coordToPixel(q.y()) - pixel.y();
        QVERIFY(dx * dx + dy * dy <= 2.0);
        QCOMPARE(tab->neighbors().size(), std::size_t(8));
    }

    void componentsAndViews()
    {
        auto tab = makeTab();
        const EmbeddingTable& t = *tab->data()->table;
        moveSlider(*tab, "pc_x", 3);
        QCOMPARE(tab->params().integer("pc_x"), 3LL);
        const int w = t.find("woman");
        linalg::RowMatrixF zw1(1, t.dim());
        linalg::normalizeRows(t.vectors.row(w), *tab->data()->normalized, zw1);
        const Eigen::VectorXd zw = zw1.row(0).transpose().cast<double>();
        AIMATH_COMPARE_REL(tab->plotPosition(w).x(), zw.dot(tab->data()->pca.components.col(2)), 1e-5);
        QVERIFY(tab->projectionPlot()->xAxis->label().startsWith("PC3"));
        // Loadings show the components of the two axes.
        QCOMPARE(tab->loadingBars().size(), std::size_t(2));
        AIMATH_COMPARE_REL((tab->loadingBars()[0]->data()->begin() + 5)->value, tab->data()->pca.components(5, 2), 1e-12);
        // 3-D: four depth layers per class; a drag turns the view.
        setChoice(*tab, "view", "3d");
        const int classes = static_cast<int>(std::set<std::string>(t.classes.begin(), t.classes.end()).size());
        QCOMPARE(static_cast<int>(tab->pointGraphs().size()), classes * 4);
        QCOMPARE(totalPoints(*tab), t.rows());
        const double yaw0 = tab->params().real("yaw");
        const QPoint c = tab->projectionPlot()->rect().center();
        QTest::mousePress(tab->projectionPlot(), Qt::LeftButton, {}, c);
        QMouseEvent move(QEvent::MouseMove, QPointF(c + QPoint(40, 10)), tab->projectionPlot()->mapToGlobal(QPointF(c + QPoint(40, 10))), Qt::NoButton, Qt::LeftButton, {});
        QCoreApplication::sendEvent(tab->projectionPlot(), &move);
        QTest::mouseRelease(tab->projectionPlot(), Qt::LeftButton, {}, c + QPoint(40, 10));
        AIMATH_COMPARE_REL(tab->params().real("yaw"), yaw0 + 20.0, 1e-12);
        QCOMPARE(tab->selectedRow(), -1);  // a drag is not a click
        // The rotated position is R·(pc_x, pc_y, pc_z).
        const Eigen::Matrix3d r = linalg::viewRotation(tab->params().real("yaw"), tab->params().real("pitch"));
        const auto& comps = tab->data()->pca.components;
        const Eigen::Vector3d pw(zw.dot(comps.col(2)), zw.dot(comps.col(1)), zw.dot(comps.col(2)));
        AIMATH_COMPARE_ABS(tab->plotPosition(w).x(), (r * pw)(0), 1e-5);
        AIMATH_COMPARE_ABS(tab->plotPosition(w).y(), (r * pw)(1), 1e-5);
        // Detail views.
        setChoice(*tab, "detail", "reconstruction");
        const Eigen::VectorXd e = linalg::reconstructionErrors(tab->data()->pca);
        QCOMPARE(tab->reconstructionGraph()->dataCount(), static_cast<int>(e.size()));
        AIMATH_COMPARE_REL((tab->reconstructionGraph()->data()->begin() + 2)->value, e(2), 1e-12);
        setChoice(*tab, "detail", "covariance");
        QCOMPARE(tab->covarianceMap()->data()->keySize(), t.dim());
        AIMATH_COMPARE_REL(tab->covarianceMap()->data()->cell(3, 7), tab->data()->pca.covariance(7, 3), 1e-12);
    }

    // An axis drag redraws the projection and the loadings only, keeps the loading bars
    // and the queries: what it ends on is what a tab opened on those axes shows (points
    // bit for bit, loadings, overlays, notes, readouts).
    void axisDragsMatchAFreshTab()
    {
        auto dragged = makeTab();
        setText(*dragged, "select", QStringLiteral("king"));
        const QCPBars* firstBars = dragged->loadingBars().front();
        for (int pc : {3, 17, 1, 40, 6})
            moveSlider(*dragged, "pc_x", pc);
        moveSlider(*dragged, "pc_y", 9);
        moveSlider(*dragged, "pc_x", 7);
        QCOMPARE(dragged->params().integer("pc_x"), 7LL);
        QCOMPARE(dragged->params().integer("pc_y"), 9LL);
        QCOMPARE(dragged->loadingBars().front(), firstBars);  // the same bars, new data

        auto fresh = std::make_unique<EmbeddingsTab>(dragged->params());
        fresh->resize(1400, 900);
        fresh->applyParams(fresh->params());
        fresh->show();
        QVERIFY(fresh->waitUntilIdle(60000));
        QCOMPARE(dragged->pointGraphs().size(), fresh->pointGraphs().size());
        for (std::size_t g = 0; g < fresh->pointGraphs().size(); ++g) {
            const auto& a = *dragged->pointGraphs()[g]->data();
            const auto& b = *fresh->pointGraphs()[g]->data();
            QCOMPARE(a.size(), b.size());
            for (int i = 0; i < a.size(); ++i) {
                QCOMPARE((a.constBegin() + i)->key, (b.constBegin() + i)->key);  // bit for bit: no drag history
                QCOMPARE((a.constBegin() + i)->value, (b.constBegin() + i)->value);
            }
        }
        const auto& comps = fresh->data()->pca.components;
        for (std::size_t a = 0; a < 2; ++a) {
            QCOMPARE(dragged->loadingBars()[a]->name(), fresh->loadingBars()[a]->name());
            QCOMPARE(dragged->loadingBars()[a]->data()->size(), static_cast<int>(comps.rows()));
            for (int d = 0; d < comps.rows(); ++d)
                QCOMPARE((dragged->loadingBars()[a]->data()->begin() + d)->value, comps(d, a == 0 ? 6 : 8));
        }
        QCOMPARE(dragged->neighbors().size(), fresh->neighbors().size());
        QCOMPARE(dragged->neighborLineCount(), fresh->neighborLineCount());
        QVERIFY(dragged->neighborLineCount() > 0);
        const ReadoutPanel* draggedReadouts = dragged->findChild<ReadoutPanel*>();
        const ReadoutPanel* freshReadouts = fresh->findChild<ReadoutPanel*>();
        QVERIFY(draggedReadouts && freshReadouts);
        const auto withoutTimes = [](QString text) {  // each tab timed its own load and PCA
            return text.remove(QRegularExpression(QStringLiteral("Load / PCA time\t[^\n]*")));
        };
        QCOMPARE(withoutTimes(draggedReadouts->text()), withoutTimes(freshReadouts->text()));
        QVERIFY(draggedReadouts->text().contains(QStringLiteral("λ7 (PC7)")));
        QCOMPARE(dragged->projectionPlot()->xAxis->label(), fresh->projectionPlot()->xAxis->label());
        QCOMPARE(dragged->note(), fresh->note());
        const int king = dragged->data()->table->find("king");
        QCOMPARE(dragged->plotPosition(king), fresh->plotPosition(king));
    }

    void searchHighlights()
    {
        auto tab = makeTab();
        setText(*tab, "search", "^(qu|pr)");
        int expected = 0;
        for (const auto& l : tab->data()->table->labels)
            expected += (l.rfind("qu", 0) == 0 || l.rfind("pr", 0) == 0) ? 1 : 0;
        QVERIFY(expected >= 4);
        QCOMPARE(tab->searchMatches(), expected);
        QCOMPARE(tab->searchGraph()->dataCount(), expected);
        setText(*tab, "search", "(unclosed");
        QCOMPARE(tab->searchMatches(), 0);
        QVERIFY2(tab->note().contains("search: invalid regular expression"), qPrintable(tab->note()));
    }

    void digitsAndNormalization()
    {
        auto tab = makeTab();
        setChoice(*tab, "dataset", "digits");
        QVERIFY(tab->waitUntilIdle(60000));
        QCOMPARE(tab->data()->table->rows(), 1797);
        // Ten classes with a legend entry each (plus overlays only when they have data).
        QCOMPARE(static_cast<int>(tab->pointGraphs().size()), 10);
        QCOMPARE(totalPoints(*tab), 1797);
        // The default analogy names words the digits do not have: a note, no error.
        QVERIFY(tab->currentError().isEmpty());
        QVERIFY(tab->note().contains("analogy: 'king' is not a label of the data set"));
        setChoice(*tab, "normalize", "standardize");
        QVERIFY(tab->waitUntilIdle(60000));
        // Standardized: the covariance diagonal is 1, except for the constant pixels (0).
        const auto& cov = tab->data()->pca.covariance;
        for (int j = 0; j < 64; ++j)
            QVERIFY(std::fabs(cov(j, j) - 1.0) < 1e-5 || std::fabs(cov(j, j)) < 1e-12);
        // max_points samples what is drawn, never what PCA uses.
        setInteger(*tab, "max_points", 500);
        QCOMPARE(tab->shownPoints(), 500);
        // Counts grouped from 5 digits on, as every tab's (countText): 1797 plain, as in "1797 samples".
        QVERIFY2(tab->projectionPlot()->title().endsWith("showing 500 of 1797 points"), qPrintable(tab->projectionPlot()->title()));
        QMap<QString, QString> readouts;
        for (const auto& [k, v] : tab->findChild<ReadoutPanel*>()->rows())
            readouts.insert(k, v);
        QCOMPARE(readouts.value(QStringLiteral("Showing")), QStringLiteral("500 of 1797 points"));
        QVERIFY2(readouts.value(QStringLiteral("Data set")).endsWith(QStringLiteral("(1797 × 64)")), qPrintable(readouts.value(QStringLiteral("Data set"))));
        QCOMPARE(totalPoints(*tab), 500);
        QCOMPARE(tab->data()->pca.n, 1797);
    }

    void loadsFileAndKeepsPreviousOnError()
    {
        auto tab = makeTab();
        const QString good = m_dir.filePath("tiny.txt");
        writeText(good, "apple 1 0 0\nbanana 0.9 0.1 0\ncherry 0 1 0\ndate 0 0 1\n");
        ParamSet p = tab->params();
        QVERIFY(p.setFromString("file", good.toStdString()).empty());
        QVERIFY(p.setFromString("analogy", "").empty());
        tab->applyParams(p);
        QVERIFY(tab->waitUntilIdle(60000));
        QVERIFY2(tab->currentError().isEmpty(), qPrintable(tab->currentError()));
        // Setting `file` selected it.
        QCOMPARE(tab->params().text("dataset"), std::string("file"));
        QCOMPARE(tab->data()->table->rows(), 4);
        QCOMPARE(tab->data()->table->source, good.toStdString());
        QCOMPARE(EmbeddingStore::instance().current(), tab->data()->table);
        // 3-D raw coordinates: the data has exactly 3 dimensions.
        setChoice(*tab, "projection", "raw");
        const auto before = tab->data()->table;
        AIMATH_COMPARE_REL(tab->plotPosition(1).x(), 0.9, 1e-7);
        AIMATH_COMPARE_REL(tab->plotPosition(1).y(), 0.1, 1e-7);

        const QString bad = m_dir.filePath("bad.txt");
        writeText(bad, "apple 1 0 0\nbanana 0.9 x 0\n");
        p = tab->params();
        QVERIFY(p.setFromString("file", bad.toStdString()).empty());
        tab->applyParams(p);
        QVERIFY(tab->waitUntilIdle(60000));
        QCOMPARE(tab->currentError(), bad + ": line 2, column 3: 'x' is not a number");
        QCOMPARE(tab->currentErrorExitCode(), 1);
        QCOMPARE(tab->data()->table, before);  // the previous data set stays
        // A later edit keeps the message while the bad file is still chosen.
        setInteger(*tab, "neighbors", 3);
        QCOMPARE(tab->currentError(), bad + ": line 2, column 3: 'x' is not a number");
        // Back to a shipped set: the error clears.
        setChoice(*tab, "dataset", "semantic");
        QVERIFY(tab->waitUntilIdle(60000));
        QVERIFY(tab->currentError().isEmpty());
        QCOMPARE(tab->data()->table->source, std::string("semantic"));
    }

    void newerRequestWinsAndCancel()
    {
        auto tab = makeTab();
        // A file big enough to take a while: 300,000 rows.
        const QString big = m_dir.filePath("big.txt");
        {
            std::string text;
            text.reserve(300000 * 24);
            for (int i = 0; i < 300000; ++i)
                text.append("w").append(std::to_string(i)).append(" ").append(std::to_string(i % 97)).append(" 0.5 ").append(std::to_string(i % 13)).append("\n");
            writeText(big, text);
        }
        const QString small = m_dir.filePath("small.txt");
        writeText(small, "a 1 2\nb 3 4\nc 5 7\n");
        ParamSet p = tab->params();
        QVERIFY(p.setFromString("file", big.toStdString()).empty());
        tab->applyParams(p);
        QVERIFY(tab->busy());
        p = tab->params();
        QVERIFY(p.setFromString("file", small.toStdString()).empty());
        tab->applyParams(p);
        QVERIFY(tab->waitUntilIdle(60000));
        QCOMPARE(tab->data()->table->source, small.toStdString());  // the stale big result is dropped
        QCOMPARE(tab->data()->table->rows(), 3);

        // Cancel keeps the small set.
        p = tab->params();
        QVERIFY(p.setFromString("file", big.toStdString()).empty());
        tab->applyParams(p);
        QVERIFY(tab->busy());
        auto* cancel = tab->findChild<QPushButton*>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(tab->waitUntilIdle(60000));
        QCOMPARE(tab->data()->table->source, small.toStdString());
        QVERIFY2(tab->note().contains("cancelled"), qPrintable(tab->note()));
        QVERIFY(tab->currentError().isEmpty());
    }

    void exportJson()
    {
        auto tab = makeTab();
        setText(*tab, "select", "king");
        const QJsonObject o = tab->exportData();
        const int n = tab->data()->table->rows();
        QCOMPARE(o["tab"].toString(), QString("embeddings"));
        QCOMPARE(o["n"].toInt(), n);
        QCOMPARE(o["dim"].toInt(), 64);
        QCOMPARE(o["normalize"].toString(), QString("center"));
        QCOMPARE(o["labels"].toArray().size(), n);
        QCOMPARE(o["mean"].toArray().size(), 64);
        QCOMPARE(o["explained_variance"].toArray().size(), 50);
        QCOMPARE(o["explained_variance_ratio"].toArray().size(), 50);
        const QJsonArray comps = o["components"].toArray();
        QCOMPARE(comps.size(), 3);
        for (const auto& c : comps) {
            double s = 0;
            for (const auto& v : c.toArray())
                s += v.toDouble() * v.toDouble();
            AIMATH_COMPARE_REL(s, 1.0, 1e-9);
        }
        const QJsonArray proj = o["projection"].toArray();
        QCOMPARE(proj.size(), n);
        QCOMPARE(proj[0].toArray().size(), 3);
        AIMATH_COMPARE_REL(proj[5].toArray()[1].toDouble(), tab->plotPosition(5).y(), 1e-6);
        const QJsonObject nb = o["neighbors"].toObject();
        QCOMPARE(nb["query"].toString(), QString("king"));
        QCOMPARE(nb["metric"].toString(), QString("cosine"));
        QCOMPARE(nb["results"].toArray().size(), 8);
        const QJsonObject an = o["analogy"].toObject();
        QCOMPARE(an["query"].toString(), QString("king - man + woman"));
        QCOMPARE(an["results"].toArray()[0].toObject()["label"].toString(), QString("queen"));
        const QStringList csv = tab->exportCsv().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), n + 1);
        QCOMPARE(csv[0], QString("index,label,class,pc1,pc2"));
    }
    void tryThisExperimentsHoldTheirClaims()
    {
        // The "Try this" links apply cleanly, and what each text promises is what the tab then holds.
        auto tab = makeTab();
        QCOMPARE(tab->tryThis().size(), std::size_t(3));
        auto rowOf = [&](const char* label) {
            const auto& l = tab->data()->table->labels;
            return static_cast<int>(std::find(l.begin(), l.end(), label) - l.begin());
        };

        // 1. paris − france + italy: rome first, cosine 0.99; on screen the offsets france → paris and
        //    italy → rome point the same way (within 30°).
        QCOMPARE(tab->applyTryThis(0), std::string());
        QVERIFY(tab->waitUntilIdle(60000));
        const auto& an = tab->analogyResult();
        QVERIFY(an.ok && !an.results.empty());
        QCOMPARE(an.results.front().index, rowOf("rome"));
        QVERIFY2(an.results.front().similarity > 0.985, qPrintable(QString::number(an.results.front().similarity)));
        const QPointF a = tab->plotPosition(rowOf("paris")) - tab->plotPosition(rowOf("france"));
        const QPointF b = tab->plotPosition(rowOf("rome")) - tab->plotPosition(rowOf("italy"));
        const double cosine = QPointF::dotProduct(a, b) / std::hypot(a.x(), a.y()) / std::hypot(b.x(), b.y());
        QVERIFY2(cosine > std::cos(30 * M_PI / 180), qPrintable(QString::number(cosine)));

        // 2. Digits in 3-D: three components hold 40 % of the variance (scikit-learn's PCA of the same
        //    set gives 0.1489 + 0.1362 + 0.1179 = 0.403), and the classes 0, 2 and 4 are apart: each pair's
        //    centroids are further apart than the sum of their RMS radii.
        QCOMPARE(tab->applyTryThis(1), std::string());
        QVERIFY(tab->waitUntilIdle(60000));
        QCOMPARE(tab->data()->table->rows(), 1797);
        const auto& pca = tab->data()->pca;
        QVERIFY2(std::fabs(pca.explainedVarianceRatio.head(3).sum() - 0.403) < 0.002, qPrintable(QString::number(pca.explainedVarianceRatio.head(3).sum())));
        linalg::RowMatrixF z(tab->data()->table->rows(), tab->data()->table->dim());
        linalg::normalizeRows(tab->data()->table->vectors, *tab->data()->normalized, z);
        const Eigen::MatrixXd p = z.cast<double>() * pca.components.leftCols(3);
        std::map<std::string, std::vector<int>> members;
        for (int i = 0; i < tab->data()->table->rows(); ++i)
            members[tab->data()->table->classes[static_cast<std::size_t>(i)]].push_back(i);
        auto centroid = [&](const std::string& c) {
            Eigen::RowVector3d m = Eigen::RowVector3d::Zero();
            for (int i : members[c])
                m += p.row(i);
            return Eigen::RowVector3d(m / static_cast<double>(members[c].size()));
        };
        auto radius = [&](const std::string& c) {
            const Eigen::RowVector3d m = centroid(c);
            double s = 0;
            for (int i : members[c])
                s += (p.row(i) - m).squaredNorm();
            return std::sqrt(s / static_cast<double>(members[c].size()));
        };
        for (const auto& [c1, c2] : {std::pair<std::string, std::string>{"0", "2"}, {"0", "4"}, {"2", "4"}})
            QVERIFY2((centroid(c1) - centroid(c2)).norm() > 1.3 * (radius(c1) + radius(c2)), (c1 + "/" + c2).c_str());

        // 3. k = 10: 74 % kept, and e(10) is the rest of the trace: 26 %.
        QCOMPARE(tab->applyTryThis(2), std::string());
        QVERIFY(tab->waitUntilIdle(60000));
        const auto& kept = tab->data()->pca;
        QVERIFY2(std::fabs(kept.explainedVarianceRatio.head(10).sum() - 0.738) < 0.002, qPrintable(QString::number(kept.explainedVarianceRatio.head(10).sum())));
        const QCPGraph* e = tab->reconstructionGraph();
        QVERIFY(e->dataCount() > 10);
        QCOMPARE(e->data()->at(10)->key, 10.0);
        AIMATH_COMPARE_REL(e->data()->at(10)->value / kept.totalVariance, 1.0 - kept.explainedVarianceRatio.head(10).sum(), 1e-9);
        QVERIFY(std::fabs(e->data()->at(10)->value / kept.totalVariance - 0.26) < 0.005);
    }
};

QTEST_MAIN(TestEmbeddingsTab)
#include "test_embeddings_tab.moc"
