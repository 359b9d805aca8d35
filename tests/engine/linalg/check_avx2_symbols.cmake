# engine_linalg_avx2_symbols: the AVX2 copy of the PCA kernels must define no symbol the
# linker could share with baseline code. Inline functions and templates are emitted as
# weak (or GNU unique) symbols in every object that uses them and the linker keeps one
# copy per name for the whole program: were the AVX2 object to define, say, an
# Eigen::internal::gebp_kernel<…> or a std:: instantiation also used elsewhere, the
# program could end up running AVX2 code on a CPU without it (SIGILL).
#
# Allowed definitions with global, weak or unique binding: the one entry point, names in
# the renamed namespace EigenAvx2, and the personality-routine reference the C++ runtime
# emits in every object with exception handling (data, not code).
#   cmake -DNM=… -DLIB=libaimath_engine_linalg.a -DMEMBER=pca_kernels_avx2.cpp.o -P check_avx2_symbols.cmake
execute_process(COMMAND ${NM} -A ${LIB} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${LIB}: ${err}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(entry 0)
set(renamed 0)
set(bad "")
foreach(line IN LISTS lines)
  # "lib.a:member.o:0000000000000000 W _ZN…" or "lib.a:member.o:                 U sym"
  if(NOT line MATCHES "^[^:]*:${MEMBER}:[0-9a-f ]* ([A-Za-z]) (.+)$")
    continue()
  endif()
  set(type "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  if(type STREQUAL "U" OR NOT (type MATCHES "^[A-Z]$" OR type MATCHES "^[uvw]$"))
    continue()  # undefined, or local to the object
  endif()
  if(name STREQUAL "_ZN6aimath6linalg14pcaKernelsAvx2Ev")
    set(entry 1)
  elseif(name MATCHES "EigenAvx2")
    math(EXPR renamed "${renamed} + 1")
  elseif(NOT name STREQUAL "DW.ref.__gxx_personality_v0")
    list(APPEND bad "${type} ${name}")
  endif()
endforeach()
if(NOT entry)
  message(FATAL_ERROR "${MEMBER} not found in ${LIB}, or it does not define aimath::linalg::pcaKernelsAvx2()")
endif()
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "${MEMBER} defines symbols the linker may share with baseline code:\n  ${bad}")
endif()
if(EXPECT_AVX2 AND renamed EQUAL 0)
  message(FATAL_ERROR "${MEMBER} instantiates no EigenAvx2 code: the AVX2 kernels were not compiled")
endif()
message(STATUS "${MEMBER}: the entry point and ${renamed} EigenAvx2 symbols, nothing else")
