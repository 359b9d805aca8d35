// The PCA kernels compiled with -mavx2 -mfma (engine/CMakeLists.txt sets the flags on this file only),
// called only on CPUs that have both (pcaKernels()).
//
// Eigen's namespace is renamed before Eigen is included, so every template instantiated here has
// mangled names of its own (EigenAvx2::…): the linker keeps one copy of each inline function per
// name, and had these shared names with the baseline instantiations, it could have picked the AVX2
// copy for the whole program. The test engine_linalg_avx2_symbols runs nm on this object and fails
// on any other weak or global definition (a std:: template instantiated here would be as dangerous).
#if defined(__x86_64__) && defined(__AVX2__) && defined(__FMA__)

#define Eigen EigenAvx2
#define AIMATH_PCA_KERNELS_GETTER pcaKernelsAvx2
#define AIMATH_PCA_KERNELS_NAME "avx2+fma"
#include "engine/linalg/pca_kernels_impl.h"

#else

#include "engine/linalg/pca_kernels.h"

namespace aimath::linalg {
const PcaKernels* pcaKernelsAvx2() { return nullptr; }
}  // namespace aimath::linalg

#endif
