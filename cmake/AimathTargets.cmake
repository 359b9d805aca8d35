# Flags shared by every target of the project (never global: applied per target).
function(aimath_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports a false -Wrestrict inside libstdc++'s string concatenation
    # at -O2 (GCC bug 105651), never in our code.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(AIMATH_SANITIZE OR AIMATH_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(AIMATH_SANITIZE AND NOT AIMATH_FUZZ)
    # -O1, the sanitizers' recommended level: GCC 12 at -O3 with ASan + UBSan
    # spends many minutes on each Eigen-heavy file (pca.cpp alone took >15 min
    # on the 2-core CI machine), which would push CI past its hour.
    target_compile_options(${target} PRIVATE -O1)
  endif()
  if(AIMATH_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
  if(AIMATH_FUZZ)
    # Coverage instrumentation for libFuzzer; the fuzz executables add -fsanitize=fuzzer.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()

# A static library made of every .cpp under DIR (one per subject folder, so a
# half-finished file in one subject never breaks the build of another).
# Header-only folders become INTERFACE libraries.
function(aimath_folder_library name dir)
  cmake_parse_arguments(ARG "" "" "PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  file(GLOB_RECURSE _src CONFIGURE_DEPENDS ${dir}/*.cpp)
  file(GLOB_RECURSE _hdr CONFIGURE_DEPENDS ${dir}/*.h)
  if(_src)
    add_library(${name} STATIC ${_src} ${_hdr})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    aimath_target_defaults(${name})
    if(AIMATH_SANITIZE OR AIMATH_FUZZ)
      target_link_options(${name} INTERFACE -fsanitize=address,undefined)
    endif()
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${ARG_PUBLIC_LIBS})
  endif()
endfunction()
