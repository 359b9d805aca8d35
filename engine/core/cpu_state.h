#pragma once
// Clears the upper halves of the AVX registers (vzeroupper) on x86-64 CPUs
// with AVX; a no-op elsewhere.
//
// Why: after QApplication is constructed the GUI thread runs with the upper
// YMM state dirty (some library code leaves it so), and from then on every
// legacy-SSE instruction, glibc's exp/log wrappers included, pays a transition
// penalty. The engine is built for baseline x86-64, so its loops are SSE code.
// Measured here: softmax over 512 × 512 scores 700 ms in the GUI thread against
// 60 ms in a fresh thread; the logistic loss surface on a 128² grid 1.8 s
// against 0.14 s. One vzeroupper before a heavy loop restores full speed.

namespace aimath {

/// The one switch every run-time choice of AVX2 code goes through (PCA's kernel table, the
/// vectorised e^x and attention's rows, the float-format conversion loops).
///
/// AIMATH_NO_AVX2 in the environment: unset, empty or "0" lets the CPU decide; any other value
/// forces the baseline (SSE2) code everywhere. It is read once, at the first question, and kept:
/// the questions sit inside per-row loops on worker threads, where getenv would cost a scan of the
/// environment each time and is not safe against a concurrent setenv. A test that changes the
/// variable mid-run calls cpu::rereadEnvironment() after setenv.
namespace cpu {

/// The CPU has AVX2 and FMA (what the engine's AVX2 copies are compiled for; false off x86-64).
bool cpuHasAvx2Fma();
/// The CPU has AVX2, FMA and F16C (the bf16/fp16 conversion also converts floats to fp16 in hardware).
bool cpuHasAvx2F16c();
/// The CPU (and the OS, which saves its registers) has AVX-512F, besides AVX2 and FMA.
bool cpuHasAvx512();
/// AIMATH_NO_AVX2 is set to something other than "" or "0" (as read at the first question).
bool baselineForced();
/// cpuHasAvx2Fma() && !baselineForced(): run the AVX2 (+ FMA) copies.
bool avx2Allowed();
/// cpuHasAvx512() && !baselineForced(), unless AIMATH_NO_AVX512 is set to something other than "" or
/// "0" (read like AIMATH_NO_AVX2; AVX2 then runs): run the AVX-512 copies.
bool avx512Allowed();
/// cpuHasAvx2F16c() && !baselineForced(): run the AVX2 + F16C conversion.
bool f16cAllowed();
/// Reads AIMATH_NO_AVX2 again (tests that setenv between calls; not while kernels run elsewhere).
void rereadEnvironment();

}  // namespace cpu

inline void clearUpperVectorState()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool hasAvx = __builtin_cpu_supports("avx");
    if (hasAvx)
        __asm__ volatile("vzeroupper" ::: "memory");
#endif
}

}  // namespace aimath
