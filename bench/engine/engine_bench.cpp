// Engine kernels at the sizes the benchmark issue names, on seeded data that
// is also written to disk so bench/peers/peers.py measures NumPy, scikit-learn
// and PyTorch on exactly the same inputs. Prints one JSON object per line:
// {"name":…, "size":…, "ms":…, extra fields}. Time = best of several runs.
#include "engine/attention/attention.h"
#include "engine/io/embedding_loader.h"
#include "engine/linalg/pca.h"
#include "engine/numerics/float_format.h"

#include <chrono>
#include <cstdio>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double bestMs(int runs, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return best;
}

void writeNpyF32(const std::string& path, const aimath::linalg::RowMatrixF& m)
{
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + "), }";
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    std::ofstream out(path, std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    const auto len = static_cast<std::uint16_t>(header.size());
    out.write(reinterpret_cast<const char*>(&len), 2);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    out.write(reinterpret_cast<const char*>(m.data()), static_cast<std::streamsize>(m.size() * sizeof(float)));
}

/// n × dim with a decaying spectrum (a few strong directions and noise), like real embeddings.
aimath::linalg::RowMatrixF makeData(int n, int dim, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    const int rank = 60;
    Eigen::MatrixXf basis(rank, dim);
    for (int i = 0; i < rank; ++i)
        for (int j = 0; j < dim; ++j)
            basis(i, j) = g(rng) * std::pow(0.93f, static_cast<float>(i));
    aimath::linalg::RowMatrixF x(n, dim);
    Eigen::VectorXf coef(rank);
    for (int r = 0; r < n; ++r) {
        for (int i = 0; i < rank; ++i)
            coef[i] = g(rng);
        x.row(r) = coef.transpose() * basis;
        for (int j = 0; j < dim; ++j)
            x(r, j) += 0.3f * g(rng) + 0.5f;
    }
    return x;
}

void emit(const std::string& json) { std::printf("%s\n", json.c_str()); std::fflush(stdout); }

}  // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    const fs::path dataDir = argc > 1 ? fs::path(argv[1]) : fs::path("bench-data");
    fs::create_directories(dataDir);

    // PCA: 100,000 × 300 float32, top 50 components.
    {
        const auto x = makeData(100000, 300, 7);
        writeNpyF32((dataDir / "pca.npy").string(), x);
        aimath::linalg::NormalizedData z;
        aimath::linalg::PcaResult r;
        for (auto method : {aimath::linalg::PcaMethod::Randomized, aimath::linalg::PcaMethod::Exact}) {
            aimath::linalg::PcaOptions o;
            o.method = method;
            o.maxComponents = 50;
            const double ms = bestMs(3, [&] {
                aimath::linalg::normalizeData(x, aimath::linalg::Normalize::Center, z);
                r = aimath::linalg::pca(z.z, o);
            });
            std::string ev;
            for (int i = 0; i < r.explainedVariance.size(); ++i)
                ev += (i ? "," : "") + std::to_string(r.explainedVariance[i]);
            emit("{\"name\":\"" + std::string(method == aimath::linalg::PcaMethod::Exact ? "pca_exact" : "pca_randomized") +
                 "\",\"size\":\"100000x300 f32, top 50\",\"ms\":" + std::to_string(ms) + ",\"explained_variance\":[" + ev + "]}");
        }
    }

    // Attention: n = 2,048 tokens, d_model 64, 4 heads, float64, all heads stored.
    {
        std::mt19937_64 rng(11);
        std::normal_distribution<double> g(0.0, 1.0);
        Eigen::MatrixXd x(2048, 64);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x.data()[i] = g(rng);
        aimath::attention::Options o;
        o.heads = 4;
        aimath::attention::Result r;
        const double ms = bestMs(3, [&] {
            r.cache.valid = false;  // full computation including the projections
            aimath::attention::computeAttention(x, o, r);
        });
        std::ofstream((dataDir / "attention.txt").string()) << "2048 64 4\n";
        emit("{\"name\":\"attention\",\"size\":\"n=2048 d=64 h=4 f64\",\"ms\":" + std::to_string(ms) + "}");
    }

    // Format conversion: 10,000,000 doubles (float32-representable) rounded to each format.
    {
        const int n = 10000000;
        std::vector<double> v(n), out(n);
        std::mt19937_64 rng(5);
        std::normal_distribution<float> g(0.0f, 3.0f);
        for (auto& d : v)
            d = static_cast<double>(g(rng));
        for (const char* id : {"bf16", "fp16", "fp8_e4m3", "fp8_e5m2", "fp6_e2m3", "fp4_e2m1"}) {
            aimath::numerics::Quantizer q(*aimath::numerics::formatById(id));
            const double ms = bestMs(3, [&] {
                for (int i = 0; i < n; ++i)
                    out[i] = q.round(v[i]);
            });
            emit("{\"name\":\"convert_" + std::string(id) + "\",\"size\":\"1e7 values\",\"ms\":" + std::to_string(ms) + ",\"ns_per_value\":" +
                 std::to_string(ms * 1e6 / n) + "}");
        }
    }

    // GloVe text parsing: 50,000 × 100.
    {
        const fs::path file = dataDir / "glove.txt";
        {
            std::ofstream out(file);
            std::mt19937_64 rng(3);
            std::normal_distribution<double> g(0.0, 0.5);
            char buf[32];
            for (int r = 0; r < 50000; ++r) {
                out << "w" << r;
                for (int c = 0; c < 100; ++c) {
                    std::snprintf(buf, sizeof buf, " %.6f", g(rng));
                    out << buf;
                }
                out << '\n';
            }
        }
        aimath::io::LoadOptions o;
        o.format = aimath::io::EmbeddingFormat::GloveText;
        bool ok = false;
        const double ms = bestMs(3, [&] { ok = aimath::io::loadEmbeddings(file.string(), o).ok; });
        emit("{\"name\":\"glove_parse\",\"size\":\"50000x100 text\",\"ms\":" + std::to_string(ms) + ",\"ok\":" + (ok ? "true" : "false") + "}");
    }
    return 0;
}
