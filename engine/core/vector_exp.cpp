#include "engine/core/vector_exp.h"

#include "engine/core/cpu_state.h"

namespace aimath::vexp {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define AIMATH_VEXP_HAS_AVX2 1
#endif

bool useAvx2()
{
#ifdef AIMATH_VEXP_HAS_AVX2
    return cpu::avx2Allowed();
#else
    return false;
#endif
}

bool useAvx512()
{
#ifdef AIMATH_VEXP_HAS_AVX2
    return cpu::avx512Allowed();
#else
    return false;
#endif
}

namespace detail {

void expArrayBaseline(const double* x, double* y, std::ptrdiff_t n) { expArrayN<2>(x, y, n); }

#ifdef AIMATH_VEXP_HAS_AVX2
// The same source with four-wide registers: two vectors side by side, eight values a step.
// (AVX2 alone enables no FMA, so every lane still does the baseline's operations.)
[[gnu::target("avx2")]] void expArrayAvx2(const double* x, double* y, std::ptrdiff_t n) { expArrayN<2>(x, y, n); }
#else
void expArrayAvx2(const double* x, double* y, std::ptrdiff_t n) { expArrayN<1>(x, y, n); }
#endif

}  // namespace detail

void expArray(const double* x, double* y, std::ptrdiff_t n)
{
    if (useAvx2())
        detail::expArrayAvx2(x, y, n);
    else
        detail::expArrayBaseline(x, y, n);
}

}  // namespace aimath::vexp
