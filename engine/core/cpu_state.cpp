#include "engine/core/cpu_state.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace aimath::cpu {

namespace {

bool readForced()
{
    const char* v = std::getenv("AIMATH_NO_AVX2");
    return v && *v && std::strcmp(v, "0") != 0;
}

// A function-local static: initialised at the first question (thread-safe), whichever static
// initialiser of whichever library asks first.
std::atomic<bool>& forcedFlag()
{
    static std::atomic<bool> forced{readForced()};
    return forced;
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

bool baselineForced() { return forcedFlag().load(std::memory_order_relaxed); }

bool avx2Allowed() { return cpuHasAvx2Fma() && !baselineForced(); }

bool f16cAllowed() { return cpuHasAvx2F16c() && !baselineForced(); }

void rereadEnvironment() { forcedFlag().store(readForced(), std::memory_order_relaxed); }

}  // namespace aimath::cpu
