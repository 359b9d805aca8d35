#pragma once
// Clears the upper halves of the AVX registers (vzeroupper) on x86-64.
//
// Why: Qt's start-up code can leave the upper AVX state "dirty" in the GUI
// thread. From then on every call into glibc's non-VEX exp() wrapper pays an
// SSE/AVX transition penalty: measured here, softmax over 512 × 512 scores took
// 700 ms in the GUI thread against 60 ms in a fresh thread. One vzeroupper
// before the exp-heavy loops removes the penalty. It is a no-op elsewhere.

namespace aimath::attention {

inline void clearUpperVectorState()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool hasAvx = __builtin_cpu_supports("avx");
    if (hasAvx)
        asm volatile("vzeroupper" ::: "memory");
#endif
}

}  // namespace aimath::attention
