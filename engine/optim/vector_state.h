#pragma once
// Clears a dirty upper half of the AVX registers before a long scalar/SSE loop.
//
// Measured here: after QApplication is constructed the GUI thread runs with the
// upper YMM state dirty (some library code leaves it so), and every legacy-SSE
// instruction then pays a transition penalty. The engine is built for baseline
// x86-64 (SSE2) while glibc's libm uses VEX/FMA code, so sampling the logistic
// surface on a 128² grid went from 0.14 s to 1.8 s. One VZEROUPPER (only on
// CPUs with AVX) before each heavy loop restores full speed.

namespace aimath::optim {

inline void resetVectorState()
{
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool hasAvx = __builtin_cpu_supports("avx");
    if (hasAvx)
        __asm__ volatile("vzeroupper" ::: "memory");
#endif
}

}  // namespace aimath::optim
