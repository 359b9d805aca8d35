// Engine kernels at the sizes the benchmark issue names, on seeded data that
// is also written to disk so bench/peers/peers.py measures NumPy, scikit-learn
// and PyTorch on exactly the same inputs. Prints one JSON object per line:
// {"name":…, "size":…, "ms":…, extra fields}. Time = best of up to three runs
// (fewer when one run takes seconds: the whole of `make bench` stays under 10 minutes).
// Workspaces and outputs are reused between runs, as the tabs reuse theirs.
#include "engine/attention/attention.h"
#include "engine/io/embedding_loader.h"
#include "engine/linalg/pca.h"
#include "engine/numerics/accumulation.h"
#include "engine/numerics/float_format.h"
#include "engine/optim/descent.h"
#include "engine/optim/surface.h"
#include "engine/optim/surface_grid.h"

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

/// Best of `runs` timings; stops early once `budgetMs` has been spent (always at least one run).
template <class F>
double bestMs(int runs, F&& f, double budgetMs = 4000.0)
{
    double best = 1e300, spent = 0.0;
    for (int i = 0; i < runs && (i == 0 || spent < budgetMs); ++i) {
        const auto t0 = Clock::now();
        f();
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        best = std::min(best, ms);
        spent += ms;
    }
    return best;
}

std::string num(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
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

    const std::string only = argc > 2 ? argv[2] : std::string();  // run one group: pca attention surface optim convert sum glove
    auto want = [&](const char* group) { return only.empty() || only == group; };

    // PCA: top 50 components at the sizes of the issue, float32, exact and randomized.
    if (want("pca")) {
        for (auto [n, dim] : {std::pair{10000, 300}, std::pair{100000, 300}, std::pair{50000, 768}}) {
            const auto x = makeData(n, dim, 7);
            const std::string tag = std::to_string(n) + "x" + std::to_string(dim);
            writeNpyF32((dataDir / ("pca_" + tag + ".npy")).string(), x);
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
                    ev += (i ? "," : "") + num(r.explainedVariance[i]);
                emit("{\"name\":\"" + std::string(method == aimath::linalg::PcaMethod::Exact ? "pca_exact" : "pca_randomized") +
                     "\",\"size\":\"" + tag + " f32, top 50\",\"ms\":" + num(ms) + ",\"explained_variance\":[" + ev + "]}");
            }
        }
    }

    // Attention: one head, d_k = 64, float64, n = 128 … 4,096 (the full n × n weights kept, as the tab does).
    if (want("attention")) {
        for (int n = 128; n <= 4096; n *= 2) {
            std::mt19937_64 rng(11);
            std::normal_distribution<double> g(0.0, 1.0);
            Eigen::MatrixXd x(n, 64);
            for (Eigen::Index i = 0; i < x.size(); ++i)
                x.data()[i] = g(rng);
            aimath::attention::Options o;
            o.heads = 1;
            aimath::attention::Result r;
            const double ms = bestMs(3, [&] {
                r.cache.valid = false;  // full computation including the projections
                aimath::attention::computeAttention(x, o, r);
            });
            emit("{\"name\":\"attention\",\"size\":\"n=" + std::to_string(n) + " d_k=64 f64\",\"ms\":" + num(ms) + "}");
        }
    }

    // Loss surfaces: f on a 1024 × 1024 grid over each surface's default view.
    if (want("surface")) {
        aimath::optim::SurfaceSettings settings;
        settings.expression = "sin(x)*cos(y) + 0.1*(x^2 + y^2)";
        aimath::optim::SurfaceGrid grid;
        for (const auto& id : aimath::optim::surfaceIds()) {
            const auto s = aimath::optim::makeSurface(id, settings);
            if (!s)
                continue;
            const double ms = bestMs(3, [&] { aimath::optim::sampleSurface(*s, s->bounds(), 1024, grid); });
            emit("{\"name\":\"surface_" + id + "\",\"size\":\"1024x1024 grid\",\"ms\":" + num(ms) + "}");
        }
    }

    // Optimizers: the seven, 10,000 steps each on Rosenbrock from (−1.5, 2), lr 2e-4 (none diverges).
    if (want("optim")) {
        const auto s = aimath::optim::makeSurface("rosenbrock", {});
        aimath::optim::RunSettings rs;
        rs.startX = -1.5;
        rs.startY = 2.0;
        rs.steps = 10000;
        std::vector<aimath::optim::Trajectory> runs(aimath::optim::optimizerIds().size());
        const double ms = bestMs(3, [&] {
            for (std::size_t i = 0; i < runs.size(); ++i)
                aimath::optim::runTrajectory(*s, aimath::optim::optimizerIds()[i], 2e-4, rs, runs[i]);
        });
        std::size_t steps = 0;
        for (const auto& t : runs)
            steps += t.size() - 1;
        emit("{\"name\":\"optimizers\",\"size\":\"7 x 10000 steps, rosenbrock\",\"ms\":" + num(ms) + ",\"steps\":" + std::to_string(steps) + "}");
    }

    // Format conversion: 10,000,000 doubles (seeded N(0, 3²)), written to disk for the peer, to each
    // format's codes (what torch's .to(dtype) produces) and, separately, rounded back to doubles.
    if (want("convert")) {
        const int n = 10000000;
        std::vector<double> v(n), out(n);
        std::vector<std::uint16_t> codes16(n);
        std::vector<std::uint8_t> codes8(n);
        std::mt19937_64 rng(5);
        std::normal_distribution<double> g(0.0, 3.0);
        for (auto& d : v)
            d = g(rng);
        {
            std::ofstream raw((dataDir / "convert_f64.bin").string(), std::ios::binary);
            raw.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(double)));
        }
        for (const char* id : {"bf16", "fp16", "fp8_e4m3", "fp8_e5m2", "fp6_e2m3", "fp4_e2m1"}) {
            const auto f = *aimath::numerics::formatById(id);
            const aimath::numerics::BitRounder bits(f, aimath::numerics::Overflow::Ieee);
            const double ms = bestMs(5, [&] {
                if (f.totalBits() > 8)
                    bits.encode(v.data(), codes16.data(), v.size());
                else
                    bits.encode(v.data(), codes8.data(), v.size());
            });
            aimath::numerics::Quantizer q(f);
            const double roundMs = bestMs(3, [&] { q.roundArray(v.data(), out.data(), v.size()); });
            emit("{\"name\":\"convert_" + std::string(id) + "\",\"size\":\"1e7 f64 to codes\",\"ms\":" + num(ms) +
                 ",\"values_per_s\":" + num(n / (ms * 1e-3)) + ",\"round_trip_ms\":" + num(roundMs) + "}");
        }
    }

    // Sums: 10,000,000 terms, naive + Kahan + pairwise with every addition rounded, in fp32, bf16 and fp16.
    if (want("sum")) {
        aimath::numerics::AccumulationInput in;
        for (const char* id : {"fp32", "bf16", "fp16"})
            in.formats.push_back(*aimath::numerics::formatById(id));
        in.n = 10000000;
        in.values = aimath::numerics::SumValues::Uniform;
        aimath::numerics::AccumulationResult r;
        const double ms = bestMs(2, [&] { r = aimath::numerics::accumulate(in); });
        emit("{\"name\":\"sums\",\"size\":\"1e7 terms x 3 methods x fp32/bf16/fp16\",\"ms\":" + num(ms) + ",\"ok\":" + (r.ok ? "true" : "false") + "}");
    }

    // GloVe text parsing: 100,000 words × 100 values, "%.6f" (about 96 MB, the size of a GloVe 100d slice).
    if (want("glove")) {
        const fs::path file = dataDir / "glove.txt";
        if (!fs::exists(file) || fs::file_size(file) < 90'000'000) {
            std::ofstream out(file);
            std::mt19937_64 rng(3);
            std::normal_distribution<double> g(0.0, 0.5);
            char buf[32];
            for (int r = 0; r < 100000; ++r) {
                out << "w" << r;
                for (int c = 0; c < 100; ++c) {
                    std::snprintf(buf, sizeof buf, " %.6f", g(rng));
                    out << buf;
                }
                out << '\n';
            }
        }
        const double mb = static_cast<double>(fs::file_size(file)) / 1e6;
        aimath::io::LoadOptions o;
        o.format = aimath::io::EmbeddingFormat::GloveText;
        bool ok = false;
        const double ms = bestMs(3, [&] { ok = aimath::io::loadEmbeddings(file.string(), o).ok; });
        o.parallelMinBytes = static_cast<std::size_t>(-1);
        const double ms1 = bestMs(3, [&] { ok = ok && aimath::io::loadEmbeddings(file.string(), o).ok; });
        emit("{\"name\":\"glove_parse\",\"size\":\"100000x100 text\",\"ms\":" + num(ms) + ",\"mb\":" + num(mb) + ",\"mb_per_s\":" + num(mb / (ms * 1e-3)) +
             ",\"one_thread_ms\":" + num(ms1) + ",\"ok\":" + (ok ? "true" : "false") + "}");
    }
    return 0;
}
