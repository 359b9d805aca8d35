#pragma once
// Weight quantization as in LLM inference: symmetric absmax int8/int4 and
// fp8/fp4 elements at tensor, channel or block granularity, including the OCP
// MX scheme (blocks of 32 sharing an E8M0 power-of-two scale) and NVFP4
// (blocks of 16 sharing an E4M3 scale under an fp32 tensor scale).

#include <cstdint>
#include <string>
#include <vector>

namespace aimath::numerics {

enum class QuantFormat { Int8, Int4, Fp8E4M3, Fp8E5M2, Fp4E2M1 };
enum class QuantGranularity { Tensor, Channel, Block32, Mx, Nvfp4 };

bool parseQuantFormat(const std::string& id, QuantFormat& out);
bool parseQuantGranularity(const std::string& id, QuantGranularity& out);
/// Largest element magnitude: 127, 7, 448, 57344, 6.
double quantFormatMax(QuantFormat f);
/// Exponent of the largest element power of two (the MX emax_elem): 6, 2, 8, 15, 2.
int quantFormatEmax(QuantFormat f);
/// Every representable element value, ascending (−127…127 for int8, all finite fp codes).
std::vector<double> quantFormatLevels(QuantFormat f);

/// A rows × cols (row-major) Gaussian N(0, 1) tensor; round(outlierFraction·rows·cols) entries
/// (at least one when the fraction is > 0) replaced by ±outlierScale. Seeded.
std::vector<double> generateWeights(int rows, int cols, double outlierFraction, double outlierScale, std::uint64_t seed);

struct QuantizationResult {
    bool ok = false;
    std::string message;
    int groupSize = 0;                ///< elements sharing one scale
    std::vector<double> scales;       ///< one per group (row-major groups along each row)
    std::vector<double> dequantized;  ///< q·scale, same layout as the input
    double mse = 0.0;                 ///< mean (w − ŵ)²
    double sqnrDb = 0.0;              ///< 10·log10(Σw² / Σ(w − ŵ)²); inf for an exact result
    double klDivergence = 0.0;        ///< KL(P‖Q) in nats between histograms of w and ŵ (Q with half a count added per bin)
    double maxAbsError = 0.0;
    std::vector<double> histEdges;    ///< shared bins over [−max|w|, max|w|]
    std::vector<double> histOriginal, histQuantized;  ///< counts
    std::vector<double> errorEdges, errorCounts;      ///< histogram of ŵ − w
    std::vector<double> gridFirstGroup;    ///< the dequantized levels of group 0
    std::vector<double> gridOutlierGroup;  ///< the dequantized levels of the group holding max|w|
    int outlierGroup = 0;
};

/// Quantizes w (rows × cols, row-major) symmetrically: per group a scale s, q = round(w/s) into the
/// element format (ints: ties to even, clamped to ±qmax; floats: nearest-even, saturating), ŵ = q·s.
/// Scales: tensor/channel/block32 s = fl32(absmax/qmax); mx s = 2^(⌊log2 absmax⌋ − emax_elem) (E8M0);
/// nvfp4 s = fl_e4m3(absmax/(qmax·g))·g with the fp32 tensor scale g = absmax_tensor/(qmax·448).
QuantizationResult quantize(const std::vector<double>& w, int rows, int cols, QuantFormat format, QuantGranularity granularity,
                            int histBins = 121, int errorBins = 81);

}  // namespace aimath::numerics
