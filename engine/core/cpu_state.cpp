#include "engine/core/cpu_state.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace aimath::cpu {

namespace {

bool readSet(const char* name)
{
    const char* v = std::getenv(name);
    return v && *v && std::strcmp(v, "0") != 0;
}

bool readForced() { return readSet("AIMATH_NO_AVX2"); }

// A function-local static: initialised at the first question (thread-safe), whichever static
// initialiser of whichever library asks first.
std::atomic<bool>& forcedFlag()
{
    static std::atomic<bool> forced{readForced()};
    return forced;
}

std::atomic<bool>& no512Flag()
{
    static std::atomic<bool> off{readSet("AIMATH_NO_AVX512")};
    return off;
}

}  // namespace

bool cpuHasAvx2Fma()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
#else
    return false;
#endif
}

bool cpuHasAvx2F16c()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = cpuHasAvx2Fma() && __builtin_cpu_supports("f16c");
    return has;
#else
    return false;
#endif
}

bool cpuHasAvx512()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    // libgcc's answer includes the OS's (XGETBV: the ZMM registers are saved on a switch).
    static const bool has = cpuHasAvx2Fma() && __builtin_cpu_supports("avx512f");
    return has;
#else
    return false;
#endif
}

bool baselineForced() { return forcedFlag().load(std::memory_order_relaxed); }

bool avx2Allowed() { return cpuHasAvx2Fma() && !baselineForced(); }

bool avx512Allowed() { return cpuHasAvx512() && !baselineForced() && !no512Flag().load(std::memory_order_relaxed); }

bool f16cAllowed() { return cpuHasAvx2F16c() && !baselineForced(); }

void rereadEnvironment()
{
    forcedFlag().store(readForced(), std::memory_order_relaxed);
    no512Flag().store(readSet("AIMATH_NO_AVX512"), std::memory_order_relaxed);
}

}  // namespace aimath::cpu
