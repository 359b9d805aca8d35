// The PCA kernels as the build targets them (baseline x86-64: SSE2), and the choice of table at run time.
#define AIMATH_PCA_KERNELS_GETTER pcaKernelsBaseline
#define AIMATH_PCA_KERNELS_NAME "baseline"
#include "engine/linalg/pca_kernels_impl.h"

#include "engine/core/cpu_state.h"

namespace aimath::linalg {

const PcaKernels& pcaKernels()
{
    if (cpu::avx2Allowed())
        if (const PcaKernels* avx2 = pcaKernelsAvx2())
            return *avx2;
    return *pcaKernelsBaseline();
}

}  // namespace aimath::linalg
