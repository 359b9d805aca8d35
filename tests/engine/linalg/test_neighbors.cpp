// Neighbours against a brute-force double loop, the analogy on the `semantic`
// set, row naming, the seeded sample and the 3-D view rotation.

#include "engine/linalg/neighbors.h"
#include "engine/linalg/point_view.h"
#include "engine/linalg/semantic_vectors.h"
#include "tests/support/compare.h"

#include <Eigen/LU>

#include <QTest>

#include <algorithm>
#include <random>
#include <set>

using namespace aimath;
using namespace aimath::linalg;

class TestNeighbors : public QObject {
    Q_OBJECT

private slots:
    void bruteForce_data()
    {
        QTest::addColumn<int>("metric");
        QTest::newRow("cosine") << int(Metric::Cosine);
        QTest::newRow("euclidean") << int(Metric::Euclidean);
    }
    void bruteForce()
    {
        QFETCH(int, metric);
        const Metric m = static_cast<Metric>(metric);
        std::mt19937 gen(42);
        std::normal_distribution<float> nd;
        EmbeddingTable::Matrix x(500, 20);
        for (int i = 0; i < 500; ++i)
            for (int j = 0; j < 20; ++j)
                x(i, j) = nd(gen);
        x.row(17).setZero();  // a zero vector has cosine similarity 0
        const Eigen::VectorXd norms = rowNorms(x);
        const Eigen::VectorXd q = x.row(3).transpose().cast<double>();
        const auto got = nearest(x, norms, q, m, 10, {3});
        QCOMPARE(got.size(), std::size_t(10));
        // Brute force with plain loops.
        std::vector<std::pair<double, int>> all;
        for (int i = 0; i < 500; ++i) {
            if (i == 3)
                continue;
            double dot = 0, nx = 0, nq = 0, d2 = 0;
            for (int j = 0; j < 20; ++j) {
                dot += double(x(i, j)) * q(j);
                nx += double(x(i, j)) * x(i, j);
                nq += q(j) * q(j);
                d2 += (x(i, j) - q(j)) * (x(i, j) - q(j));
            }
            const double s = m == Metric::Cosine ? (nx > 0 ? dot / std::sqrt(nx * nq) : 0.0) : std::sqrt(d2);
            all.push_back({m == Metric::Cosine ? -s : s, i});
        }
        std::sort(all.begin(), all.end());
        for (int r = 0; r < 10; ++r) {
            QCOMPARE(got[static_cast<std::size_t>(r)].index, all[static_cast<std::size_t>(r)].second);
            AIMATH_COMPARE_REL(got[static_cast<std::size_t>(r)].similarity, m == Metric::Cosine ? -all[static_cast<std::size_t>(r)].first : all[static_cast<std::size_t>(r)].first, 1e-9);
        }
        // The excluded query itself would be first otherwise.
        const auto withSelf = nearest(x, norms, q, m, 1);
        QCOMPARE(withSelf[0].index, 3);
        AIMATH_COMPARE_ABS(withSelf[0].similarity, m == Metric::Cosine ? 1.0 : 0.0, 1e-9);
    }

    void zeroVectorAndTies()
    {
        EmbeddingTable::Matrix x(4, 2);
        x << 0, 0,  //
            1, 0,   //
            2, 0,   //
            0, 1;
        const Eigen::VectorXd norms = rowNorms(x);
        const auto r = nearest(x, norms, Eigen::Vector2d(1, 0), Metric::Cosine, 4);
        // Rows 1 and 2 tie at 1 (lower index first), row 0 (zero vector) and row 3 tie at 0.
        QCOMPARE(r[0].index, 1);
        QCOMPARE(r[1].index, 2);
        QCOMPARE(r[2].index, 0);
        QCOMPARE(r[3].index, 3);
        QCOMPARE(r[2].similarity, 0.0);
        const auto e = nearest(x, norms, Eigen::Vector2d(1, 0), Metric::Euclidean, 2);
        QCOMPARE(e[0].index, 1);
        QCOMPARE(e[0].similarity, 0.0);
        QCOMPARE(e[1].similarity, 1.0);  // rows 0 and 2 both at distance 1: row 0 first
        QCOMPARE(e[1].index, 0);
    }

    void resolve()
    {
        const EmbeddingTable t = semanticVectors();
        std::string why;
        QCOMPARE(resolveRow(t, "#3", &why), 3);
        QCOMPARE(resolveRow(t, "King", &why), t.find("king"));
        QVERIFY(t.find("king") >= 0);
        QCOMPARE(resolveRow(t, "#100000", &why), -1);
        QCOMPARE(why, "'#100000' is out of range (rows #0 to #" + std::to_string(t.rows() - 1) + ")");
        QCOMPARE(resolveRow(t, "kingg", &why), -1);
        QCOMPARE(why, std::string("'kingg' is not a label of the data set"));
    }

    void analogies_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("first");
        QTest::newRow("gender") << "king - man + woman" << "queen";
        QTest::newRow("capital") << "paris - france + italy" << "rome";
        QTest::newRow("tense") << "walked - walk + swim" << "swam";
        QTest::newRow("young") << "puppy - dog + cat" << "kitten";
        QTest::newRow("plural") << "kings - king + queen" << "queens";
        QTest::newRow("superlative") << "biggest - big + fast" << "fastest";
    }
    void analogies()
    {
        QFETCH(QString, expr);
        QFETCH(QString, first);
        const EmbeddingTable t = semanticVectors();
        const Eigen::VectorXd norms = rowNorms(t.vectors);
        for (const Metric m : {Metric::Cosine, Metric::Euclidean}) {
            const AnalogyResult r = analogy(t, norms, expr.toStdString(), m, 5);
            QVERIFY2(r.ok, r.message.c_str());
            QCOMPARE(r.terms.size(), std::size_t(3));
            QCOMPARE(t.labels[static_cast<std::size_t>(r.results.front().index)], first.toStdString());
            for (const auto& n : r.results)
                for (const auto& term : r.terms)
                    QVERIFY(n.index != term.index);  // inputs excluded
        }
        // The target is the signed sum of unit vectors (cosine).
        const AnalogyResult r = analogy(t, norms, expr.toStdString(), Metric::Cosine, 1);
        Eigen::VectorXd expect = Eigen::VectorXd::Zero(t.dim());
        for (const auto& term : r.terms)
            expect += term.sign * t.vectors.row(term.index).transpose().cast<double>() / norms(term.index);
        AIMATH_COMPARE_ABS((r.target - expect).norm(), 0.0, 1e-12);
        QCOMPARE(r.terms[1].sign, -1);
    }

    void analogyErrors_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << "king - mann + woman" << "analogy: 'mann' is not a label of the data set";
        QTest::newRow("missing operator") << "king man" << "analogy: missing '+' or '-' before 'man' (separate terms with spaces: \"king - man + woman\")";
        QTest::newRow("trailing operator") << "king - " << "analogy: the expression ends with an operator";
        QTest::newRow("double operator") << "king - + man" << "analogy: two operators in a row before '+'";
        QTest::newRow("empty") << "   " << "analogy: empty expression (write for example \"king - man + woman\")";
    }
    void analogyErrors()
    {
        QFETCH(QString, expr);
        QFETCH(QString, message);
        const EmbeddingTable t = semanticVectors();
        const AnalogyResult r = analogy(t, rowNorms(t.vectors), expr.toStdString(), Metric::Cosine, 5);
        QVERIFY(!r.ok);
        QCOMPARE(QString::fromStdString(r.message), message);
    }

    void semanticSet()
    {
        const EmbeddingTable a = semanticVectors();
        const EmbeddingTable b = semanticVectors();
        QVERIFY(a.vectors == b.vectors);  // deterministic
        QCOMPARE(a.dim(), kSemanticDim);
        QVERIFY(a.rows() > 150);
        QCOMPARE(a.classes.size(), a.labels.size());
        std::set<std::string> unique(a.labels.begin(), a.labels.end());
        QCOMPARE(unique.size(), a.labels.size());
        QVERIFY(!(semanticVectors(99).vectors == a.vectors));
    }

    void sample()
    {
        const auto all = sampleRows(10, 20, 1);
        QCOMPARE(all.size(), std::size_t(10));
        QCOMPARE(all[9], 9);
        const auto s = sampleRows(400000, 20000, 5);
        QCOMPARE(s.size(), std::size_t(20000));
        QVERIFY(std::is_sorted(s.begin(), s.end()));
        QVERIFY(std::adjacent_find(s.begin(), s.end()) == s.end());
        QVERIFY(s.front() >= 0 && s.back() < 400000);
        QVERIFY(s == sampleRows(400000, 20000, 5));
        QVERIFY(s != sampleRows(400000, 20000, 6));
        // Uniform: about half the sample falls in the lower half of the rows.
        const auto lower = std::count_if(s.begin(), s.end(), [](int i) { return i < 200000; });
        QVERIFY(std::abs(lower - 10000) < 500);  // 7 standard deviations (σ ≈ 70)
    }

    void rotation()
    {
        std::vector<double> x, y, depth;
        const float p[6] = {1, 0, 0, 0, 1, 0};
        // Yaw 90°: Ry maps (1,0,0) to (0,0,−1): x 0, depth −1 (away from the viewer).
        orthographicView(p, 2, viewRotation(90, 0), x, y, depth);
        AIMATH_COMPARE_ABS(x[0], 0.0, 1e-12);
        AIMATH_COMPARE_ABS(depth[0], -1.0, 1e-12);
        AIMATH_COMPARE_ABS(y[1], 1.0, 1e-12);
        // Pitch 90°: Rx maps (0,1,0) to (0,0,1): towards the viewer.
        orthographicView(p, 2, viewRotation(0, 90), x, y, depth);
        AIMATH_COMPARE_ABS(y[1], 0.0, 1e-12);
        AIMATH_COMPARE_ABS(depth[1], 1.0, 1e-12);
        AIMATH_COMPARE_ABS(x[0], 1.0, 1e-12);
        const Eigen::Matrix3d r = viewRotation(37, -21);
        AIMATH_COMPARE_ABS((r * r.transpose() - Eigen::Matrix3d::Identity()).norm(), 0.0, 1e-12);
        AIMATH_COMPARE_REL(r.determinant(), 1.0, 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestNeighbors)
#include "test_neighbors.moc"
