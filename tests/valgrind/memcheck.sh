#!/usr/bin/env bash
# Valgrind memcheck on a headless image export of each tab (issue 9 §5).
#   tests/valgrind/memcheck.sh [path/to/aimathlab] [tab ...]
# Exits non-zero when memcheck reports any error in any tab; logs go to
# build/valgrind/<tab>.log. Takes a few minutes a tab (valgrind is ~50x slower).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-build/app/aimathlab}"
shift || true
tabs=("$@")
[ ${#tabs[@]} -eq 0 ] && tabs=(embeddings attention descent distributions precision)
out="$(dirname "$bin")/../valgrind"
mkdir -p "$out"
status=0
for tab in "${tabs[@]}"; do
  log="$out/$tab.log"
  if QT_QPA_PLATFORM=offscreen valgrind --tool=memcheck --error-exitcode=3 --suppressions="$here/qt6.supp" \
       --leak-check=no -q "$bin" --tab "$tab" --export-image "$out/$tab.png" >"$log" 2>&1; then
    echo "memcheck $tab: no errors"
  else
    echo "memcheck $tab: FAILED (see $log)"; status=1
  fi
done
exit $status
