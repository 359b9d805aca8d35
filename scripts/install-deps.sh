#!/usr/bin/env bash
# Installs the Debian 12 packages AI Math Lab needs, only those `dpkg -s` does
# not find, with sudo when not root. Safe to run again: does nothing when all are there.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6
  libqcustomplot-dev libeigen3-dev libgl-dev
  fonts-dejavu-core
  qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools qt6-translations-l10n fonts-noto-cjk
)
# `--bench` adds Google Benchmark and the peers the benchmark measures against.
if [ "${1:-}" = "--bench" ]; then
  # OpenBLAS: without it Debian's NumPy runs on the reference BLAS and LAPACK (10-50x slower), no fair peer.
  packages=(libbenchmark-dev python3-numpy python3-sklearn python3-torch libopenblas0-pthread)
fi
# `--package` adds what `make package` needs: dpkg-shlibdeps (dpkg-dev) and file.
if [ "${1:-}" = "--package" ]; then
  packages=(dpkg-dev file)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
