# A thin front door: all build logic is in CMake. `make run`, `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: deps configure build run test install package clean bench translations

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/app/aimathlab

test: build
	@cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

install: build
	@cmake --install $(BUILD_DIR)

# A Debian package (CPack, DEB generator) in $(BUILD_DIR): aimathlab_<version>_<arch>.deb.
# Its Depends comes from dpkg-shlibdeps (dpkg-dev), installed here if missing.
package: build
	@bash scripts/install-deps.sh --package
	@cd $(BUILD_DIR) && cpack -G DEB

clean:
	@rm -rf $(BUILD_DIR)

# Fuzzing: libFuzzer targets for every parser (clang, ASan + UBSan), each run
# for FUZZ_SECONDS (default 60) from the committed seed corpus. Findings land in
# build-fuzz/findings/; new inputs in build-fuzz/corpus/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= embeddings expression param_values session
.PHONY: fuzz
fuzz: deps
	@cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DAIMATH_FUZZ=ON
	@cmake --build build-fuzz --target fuzz_all -j $(JOBS)
	@mkdir -p build-fuzz/findings
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=build-fuzz/findings/$$t- build-fuzz/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# Benchmarks: a separate Release build (AIMATH_NATIVE=ON adds -march=native),
# the peers (NumPy, scikit-learn, PyTorch) from Debian, one JSON report.
AIMATH_NATIVE ?= OFF
bench: deps
	@bash scripts/install-deps.sh --bench
	@cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DAIMATH_BUILD_TESTS=OFF -DAIMATH_BUILD_BENCH=ON -DAIMATH_NATIVE=$(AIMATH_NATIVE)
	@cmake --build build-bench --target aimath_bench_latency aimath_bench_engine -j $(JOBS)
	@/usr/bin/python3 bench/run.py build-bench bench/results $(if $(filter ON,$(AIMATH_NATIVE)),native,release)

# Translations: refresh every translations/<area>_zh_CN.ts from its sources
# (new strings appear unfinished, vanished ones are dropped), then report how
# many are finished. Qt 6's lupdate: Debian's /usr/bin/lupdate is qtchooser,
# which knows only Qt 5.
LUPDATE ?= $(firstword $(wildcard /usr/lib/qt6/bin/lupdate) lupdate)
LRELEASE ?= $(firstword $(wildcard /usr/lib/qt6/bin/lrelease) lrelease)
I18N_AREAS ?= app common attention descent distributions precision embeddings engine
translations: deps
	@for area in $(I18N_AREAS); do \
	  case $$area in app) src=app;; common) src=widgets/common;; engine) src=engine;; *) src=widgets/$$area;; esac; \
	  [ -d $$src ] || continue; \
	  $(LUPDATE) -locations none -no-obsolete -silent $$src -ts translations/$${area}_zh_CN.ts 2>&1 | grep -v 'Qualifying with unknown namespace' >&2; \
	  [ -f translations/$${area}_zh_CN.ts ] || exit 1; \
	  printf '%-14s' $$area; $(LRELEASE) translations/$${area}_zh_CN.ts -qm /dev/null | sed -n 's/^ *\(Generated\|Ignored\)/ \1/p' | tr -d '\n'; echo; \
	done
