// Engine kernels at the sizes the benchmark issue names, measured with Google
// Benchmark on seeded data that is also written to disk, so bench/peers/peers.py
// measures NumPy, scikit-learn and PyTorch on exactly the same inputs.
//
//   aimath_bench_engine DATA_DIR [--benchmark_filter=…] [--benchmark_out=F --benchmark_out_format=json]
//
// One iteration is one call of the kernel at full size; it is repeated three
// times (once or twice for kernels that take seconds, so the whole of `make
// bench` stays under 10 minutes) and bench/run.py keeps the fastest repetition.
// The label of each benchmark is the size string the peers report; counters
// carry what a rate is computed from. PCA writes its explained variances to
// DATA_DIR/ours_<name>_<n>x<dim>.json for run.py to compare with the peer's.
// Workspaces and outputs are reused between repetitions, as the tabs reuse theirs.
#include "engine/attention/attention.h"
#include "engine/io/embedding_loader.h"
#include "engine/linalg/pca.h"
#include "engine/numerics/accumulation.h"
#include "engine/numerics/float_format.h"
#include "engine/optim/descent.h"
#include "engine/optim/surface.h"
#include "engine/optim/surface_grid.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

fs::path g_dataDir = "bench-data";

std::string num(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

/// Registers `body` as one benchmark: one call per iteration, `repetitions` times, wall time in ms.
void add(const std::string& name, const std::string& size, int repetitions, std::function<void(benchmark::State&)> body)
{
    benchmark::RegisterBenchmark(name.c_str(),
                                 [size, body = std::move(body)](benchmark::State& state) {
                                     body(state);
                                     state.SetLabel(size);
                                 })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1)
        ->Repetitions(repetitions)
        ->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
}

void writeNpyF32(const fs::path& path, const aimath::linalg::RowMatrixF& m)
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

/// The PCA input of one size, made (and written for the peers) on first use.
const aimath::linalg::RowMatrixF& pcaData(int n, int dim)
{
    static std::map<std::pair<int, int>, std::unique_ptr<aimath::linalg::RowMatrixF>> cache;
    auto& slot = cache[{n, dim}];
    if (!slot) {
        slot = std::make_unique<aimath::linalg::RowMatrixF>(makeData(n, dim, 7));
        writeNpyF32(g_dataDir / ("pca_" + std::to_string(n) + "x" + std::to_string(dim) + ".npy"), *slot);
    }
    return *slot;
}

// PCA: top 50 components at the sizes of the issue, float32, exact and randomized.
void addPca()
{
    for (auto [n, dim] : {std::pair{10000, 300}, std::pair{100000, 300}, std::pair{50000, 768}}) {
        const std::string tag = std::to_string(n) + "x" + std::to_string(dim);
        const int reps = n * dim > 5'000'000 ? 1 : 3;
        for (auto method : {aimath::linalg::PcaMethod::Randomized, aimath::linalg::PcaMethod::Exact}) {
            const std::string name = method == aimath::linalg::PcaMethod::Exact ? "pca_exact" : "pca_randomized";
            add(name, tag + " f32, top 50", reps, [n, dim, method, name, tag](benchmark::State& state) {
                const auto& x = pcaData(n, dim);
                aimath::linalg::PcaOptions o;
                o.method = method;
                o.maxComponents = 50;
                aimath::linalg::PcaResult r;
                for (auto _ : state) {
                    // As the embeddings tab runs it: centring statistics, then PCA reading x a block at a time.
                    const auto norm = aimath::linalg::fitNormalization(x, aimath::linalg::Normalize::Center);
                    r = aimath::linalg::pca(x, norm, o);
                    benchmark::DoNotOptimize(r.explainedVariance.data());
                }
                if (!r.ok) {
                    state.SkipWithError(r.message.c_str());
                    return;
                }
                std::ofstream ev(g_dataDir / ("ours_" + name + "_" + tag + ".json"));
                ev << "[";
                for (int i = 0; i < r.explainedVariance.size(); ++i)
                    ev << (i ? "," : "") << num(r.explainedVariance[i]);
                ev << "]\n";
            });
        }
    }
}

// Attention: one head, d_k = 64, float64, n = 128 … 4,096 (the full n × n weights kept, as the tab does).
void addAttention()
{
    for (int n = 128; n <= 4096; n *= 2) {
        add("attention", "n=" + std::to_string(n) + " d_k=64 f64", n >= 4096 ? 2 : 3, [n](benchmark::State& state) {
            std::mt19937_64 rng(11);
            std::normal_distribution<double> g(0.0, 1.0);
            Eigen::MatrixXd x(n, 64);
            for (Eigen::Index i = 0; i < x.size(); ++i)
                x.data()[i] = g(rng);
            aimath::attention::Options o;
            o.heads = 1;
            aimath::attention::Result r;
            for (auto _ : state) {
                r.cache.valid = false;  // full computation including the projections
                aimath::attention::computeAttention(x, o, r);
                benchmark::DoNotOptimize(r.output.data());
            }
        });
    }
}

// Loss surfaces: f on a 1024 × 1024 grid over each surface's default view.
void addSurfaces()
{
    for (const auto& id : aimath::optim::surfaceIds()) {
        add("surface_" + id, "1024x1024 grid", id == "logistic" ? 1 : 3, [id](benchmark::State& state) {
            aimath::optim::SurfaceSettings settings;
            settings.expression = "sin(x)*cos(y) + 0.1*(x^2 + y^2)";
            const auto s = aimath::optim::makeSurface(id, settings);
            if (!s) {
                state.SkipWithError("surface not available");
                return;
            }
            aimath::optim::SurfaceGrid grid;
            for (auto _ : state) {
                aimath::optim::sampleSurface(*s, s->bounds(), 1024, grid);
                benchmark::DoNotOptimize(grid.values.data());
            }
        });
    }
}

// Optimizers: the seven, 10,000 steps each on Rosenbrock from (−1.5, 2), lr 2e-4 (none diverges).
void addOptimizers()
{
    add("optimizers", "7 x 10000 steps, rosenbrock", 3, [](benchmark::State& state) {
        const auto s = aimath::optim::makeSurface("rosenbrock", {});
        aimath::optim::RunSettings rs;
        rs.startX = -1.5;
        rs.startY = 2.0;
        rs.steps = 10000;
        std::vector<aimath::optim::Trajectory> runs(aimath::optim::optimizerIds().size());
        for (auto _ : state)
            for (std::size_t i = 0; i < runs.size(); ++i)
                aimath::optim::runTrajectory(*s, aimath::optim::optimizerIds()[i], 2e-4, rs, runs[i]);
        std::size_t steps = 0;
        for (const auto& t : runs)
            steps += t.size() - 1;
        state.counters["steps"] = static_cast<double>(steps);
    });
}

// Format conversion: 10,000,000 doubles (seeded N(0, 3²)), written to disk for the peer, to each
// format's codes (what torch's .to(dtype) produces) and, separately, rounded back to doubles.
const std::vector<double>& conversionInput()
{
    static std::vector<double> v;
    if (v.empty()) {
        v.resize(10000000);
        std::mt19937_64 rng(5);
        std::normal_distribution<double> g(0.0, 3.0);
        for (auto& d : v)
            d = g(rng);
        std::ofstream raw(g_dataDir / "convert_f64.bin", std::ios::binary);
        raw.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(double)));
    }
    return v;
}

void addConversion()
{
    for (const std::string id : {"bf16", "fp16", "fp8_e4m3", "fp8_e5m2", "fp6_e2m3", "fp4_e2m1"}) {
        add("convert_" + id, "1e7 f64 to codes", 5, [id](benchmark::State& state) {
            const auto& v = conversionInput();
            const auto f = *aimath::numerics::formatById(id);
            const aimath::numerics::BitRounder bits(f, aimath::numerics::Overflow::Ieee);
            std::vector<std::uint16_t> codes16(f.totalBits() > 8 ? v.size() : 0);
            std::vector<std::uint8_t> codes8(f.totalBits() > 8 ? 0 : v.size());
            for (auto _ : state) {
                if (f.totalBits() > 8)
                    bits.encode(v.data(), codes16.data(), v.size());
                else
                    bits.encode(v.data(), codes8.data(), v.size());
                benchmark::ClobberMemory();
            }
            state.counters["values"] = static_cast<double>(v.size());
        });
        add("round_" + id, "1e7 f64 rounded to f64", 3, [id](benchmark::State& state) {
            const auto& v = conversionInput();
            std::vector<double> out(v.size());
            aimath::numerics::Quantizer q(*aimath::numerics::formatById(id));
            for (auto _ : state) {
                q.roundArray(v.data(), out.data(), v.size());
                benchmark::ClobberMemory();
            }
            state.counters["values"] = static_cast<double>(v.size());
        });
    }
}

// Sums: 10,000,000 terms, naive + Kahan + pairwise with every addition rounded, in fp32, bf16 and fp16.
void addSums()
{
    add("sums", "1e7 terms x 3 methods x fp32/bf16/fp16", 2, [](benchmark::State& state) {
        aimath::numerics::AccumulationInput in;
        for (const char* id : {"fp32", "bf16", "fp16"})
            in.formats.push_back(*aimath::numerics::formatById(id));
        in.n = 10000000;
        in.values = aimath::numerics::SumValues::Uniform;
        aimath::numerics::AccumulationResult r;
        for (auto _ : state)
            r = aimath::numerics::accumulate(in);
        if (!r.ok)
            state.SkipWithError("accumulate failed");
    });
}

// GloVe text parsing: 100,000 words × 100 values, "%.6f" (about 96 MB, the size of a GloVe 100d slice),
// with the loader's two parser threads and with one.
fs::path gloveFile()
{
    const fs::path file = g_dataDir / "glove.txt";
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
    return file;
}

void addGlove()
{
    for (const bool oneThread : {false, true}) {
        add(oneThread ? "glove_parse_one_thread" : "glove_parse", "100000x100 text", 3, [oneThread](benchmark::State& state) {
            const fs::path file = gloveFile();
            aimath::io::LoadOptions o;
            o.format = aimath::io::EmbeddingFormat::GloveText;
            if (oneThread)
                o.parallelMinBytes = static_cast<std::size_t>(-1);
            bool ok = true;
            for (auto _ : state)
                ok = aimath::io::loadEmbeddings(file.string(), o).ok && ok;
            if (!ok)
                state.SkipWithError("GloVe file did not load");
            state.counters["mb"] = static_cast<double>(fs::file_size(file)) / 1e6;
        });
    }
}

}  // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (argc > 2) {
        std::fprintf(stderr, "usage: %s DATA_DIR [--benchmark_* flags]\n", argv[0]);
        return 2;
    }
    if (argc > 1)
        g_dataDir = argv[1];
    std::error_code ec;
    fs::create_directories(g_dataDir, ec);
    if (ec) {
        std::fprintf(stderr, "%s: cannot create %s: %s\n", argv[0], g_dataDir.c_str(), ec.message().c_str());
        return 1;
    }
    addPca();
    addAttention();
    addSurfaces();
    addOptimizers();
    addConversion();
    addSums();
    addGlove();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
