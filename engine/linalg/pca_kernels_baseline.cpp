// The PCA kernels as the build targets them (baseline x86-64: SSE2), and the choice of table at run time.
#define AIMATH_PCA_KERNELS_GETTER pcaKernelsBaseline
#define AIMATH_PCA_KERNELS_NAME "baseline"
#include "engine/linalg/pca_kernels_impl.h"

#include <cstdlib>
#include <cstring>

namespace aimath::linalg {

const PcaKernels& pcaKernels()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool cpuHasAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    const char* off = std::getenv("AIMATH_NO_AVX2");
    const bool forbidden = off && *off && std::strcmp(off, "0") != 0;
    if (cpuHasAvx2 && !forbidden)
        if (const PcaKernels* avx2 = pcaKernelsAvx2())
            return *avx2;
#endif
    return *pcaKernelsBaseline();
}

}  // namespace aimath::linalg
