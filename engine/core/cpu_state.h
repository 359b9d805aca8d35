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

inline void clearUpperVectorState()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool hasAvx = __builtin_cpu_supports("avx");
    if (hasAvx)
        __asm__ volatile("vzeroupper" ::: "memory");
#endif
}

}  // namespace aimath
