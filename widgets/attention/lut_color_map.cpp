#include "widgets/attention/lut_color_map.h"

#include "engine/core/cpu_state.h"

#include <limits>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define AIMATH_LUT_AVX2 1
#endif

namespace aimath {

namespace {

// QCPColorMapData's alpha map and its "redraw the image" flag (protected members, reached through a
// derived class as C++ allows; QCPColorMap itself is a friend).
struct MapDataOf : QCPColorMapData {
    static const unsigned char* alpha(const QCPColorMapData* d) { return d->*(&MapDataOf::mAlpha); }
    static const double* cells(const QCPColorMapData* d) { return d->*(&MapDataOf::mData); }
    static void setUnmodified(QCPColorMapData* d) { d->*(&MapDataOf::mDataModified) = false; }
};

/// The gradient's colours at each level and for NaN, read from colorize itself: levels values 0 … L − 1
/// over the range [0, L − 1] map to their own index (factor (L − 1) / (L − 1) = 1).
struct Table {
    std::vector<QRgb> level;
    QRgb nan = 0;
};

bool covered(const QCPColorGradient& g)
{
    return !g.periodic() && g.nanHandling() != QCPColorGradient::nhNone && g.levelCount() >= 2;
}

Table tableOf(const QCPColorGradient& gradient)
{
    QCPColorGradient g = gradient;  // colorize fills its colour buffer on first use (not const)
    const int levels = g.levelCount();
    std::vector<double> index(static_cast<std::size_t>(levels) + 1);
    for (int i = 0; i < levels; ++i)
        index[static_cast<std::size_t>(i)] = i;
    index[static_cast<std::size_t>(levels)] = std::numeric_limits<double>::quiet_NaN();
    Table t;
    t.level.resize(index.size());
    g.colorize(index.data(), QCPRange(0, levels - 1), t.level.data(), levels + 1);
    t.nan = t.level.back();
    t.level.pop_back();
    return t;
}

// One row, with colorize's arithmetic: index = int((v − lower) · (L − 1) / (upper − lower)), then
// bounded to [0, L − 1] (an out-of-range conversion gives INT_MIN on x86, bounded to 0, as there);
// NaN takes the NaN colour. Without branches, and with the table and the NaN colour in locals (a
// store to out could otherwise alias them and have them read again for every cell).
inline void colorRow(const Table& t, const double* data, double lower, double factor, QRgb* out, int n)
{
    const int top = static_cast<int>(t.level.size()) - 1;
    const QRgb* const level = t.level.data();
    const QRgb nan = t.nan;
    for (int i = 0; i < n; ++i) {
        const double v = data[i];
        int index = static_cast<int>((v - lower) * factor);
        index = index < 0 ? 0 : index;
        index = index > top ? top : index;
        const QRgb c = level[index];
        out[i] = v != v ? nan : c;
    }
}

#ifdef AIMATH_LUT_AVX2
// colorRow four cells a step: the same products, cvttpd2dq's out-of-range value (INT_MIN) as cvttsd2si's,
// the same bounds, the colours gathered from the table; the tail as colorRow.
[[gnu::target("avx2")]] void colorRowAvx2(const Table& t, const double* data, double lower, double factor, QRgb* out, int n)
{
    const int top = static_cast<int>(t.level.size()) - 1;
    const auto* level = reinterpret_cast<const int*>(t.level.data());
    const __m256d lo = _mm256_set1_pd(lower), f = _mm256_set1_pd(factor);
    const __m128i zero = _mm_setzero_si128(), hi = _mm_set1_epi32(top), nan = _mm_set1_epi32(static_cast<int>(t.nan));
    int i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d v = _mm256_loadu_pd(data + i);
        __m128i index = _mm256_cvttpd_epi32(_mm256_mul_pd(_mm256_sub_pd(v, lo), f));
        index = _mm_min_epi32(_mm_max_epi32(index, zero), hi);
        const __m128i c = _mm_i32gather_epi32(level, index, 4);
        // NaN cells: the unordered compare's 64-bit lanes narrowed to 32 (all ones or all zeros either way).
        const __m256 isNan = _mm256_castpd_ps(_mm256_cmp_pd(v, v, _CMP_UNORD_Q));
        const __m128 narrow = _mm_shuffle_ps(_mm256_castps256_ps128(isNan), _mm256_extractf128_ps(isNan, 1), _MM_SHUFFLE(2, 0, 2, 0));
        const __m128i rgb = _mm_castps_si128(_mm_blendv_ps(_mm_castsi128_ps(c), _mm_castsi128_ps(nan), narrow));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), rgb);
    }
    colorRow(t, data + i, lower, factor, out + i, n - i);
}
#endif

void colorRowFast(const Table& t, const double* data, double lower, double factor, QRgb* out, int n)
{
#ifdef AIMATH_LUT_AVX2
    if (cpu::avx2Allowed()) {
        colorRowAvx2(t, data, lower, factor, out, n);
        return;
    }
#endif
    colorRow(t, data, lower, factor, out, n);
}

}  // namespace

bool LutColorMap::colorizeLinear(const QCPColorGradient& gradient, const double* data, const QCPRange& range, QRgb* out, int n)
{
    if (!covered(gradient))
        return false;
    const Table t = tableOf(gradient);
    colorRowFast(t, data, range.lower, (gradient.levelCount() - 1) / range.size(), out, n);
    return true;
}

void LutColorMap::updateMapImage()
{
    QCPAxis* keyAxis = mKeyAxis.data();
    const int keySize = mMapData->keySize(), valueSize = mMapData->valueSize();
    // QCPColorMap draws maps of 100 cells a side or fewer from an oversampled image: its own code.
    const bool oversampled = !mInterpolate && (keySize <= 100 || valueSize <= 100);
    if (!keyAxis || mMapData->isEmpty() || keyAxis->orientation() != Qt::Horizontal || oversampled || MapDataOf::alpha(mMapData) ||
        mDataScaleType != QCPAxis::stLinear || !covered(mGradient)) {
        QCPColorMap::updateMapImage();
        return;
    }
    if (mMapImage.width() != keySize || mMapImage.height() != valueSize)
        mMapImage = QImage(QSize(keySize, valueSize), QImage::Format_ARGB32_Premultiplied);
    if (!mUndersampledMapImage.isNull())
        mUndersampledMapImage = QImage();
    if (mMapImage.isNull()) {
        QCPColorMap::updateMapImage();  // no memory for the image: QCPColorMap reports it
        return;
    }
    const Table t = tableOf(mGradient);
    const double factor = (mGradient.levelCount() - 1) / mDataRange.size();
    const double* cells = MapDataOf::cells(mMapData);
    // Bits and the line length once (scanLine checks for a detach on every call).
    uchar* const bits = mMapImage.bits();
    const qsizetype bytesPerLine = mMapImage.bytesPerLine();
    for (int line = 0; line < valueSize; ++line) {
        // Value index 0 is the bottom line of the image, as in QCPColorMap (draw() mirrors it for a reversed axis).
        auto* pixels = reinterpret_cast<QRgb*>(bits + static_cast<qsizetype>(valueSize - 1 - line) * bytesPerLine);
        colorRowFast(t, cells + static_cast<qsizetype>(line) * keySize, mDataRange.lower, factor, pixels, keySize);
    }
    MapDataOf::setUnmodified(mMapData);
    mMapImageInvalidated = false;
}

}  // namespace aimath
