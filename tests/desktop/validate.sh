#!/usr/bin/env bash
# validate.sh desktop|metainfo FILE
# Runs the freedesktop validator on FILE, then on a copy broken on purpose,
# which must be rejected (so this test can fail). Exits 77, which CTest
# reports as skipped, when the validator is not installed.
set -u
kind=$1
file=$2
case $kind in
desktop)
  tool=desktop-file-validate
  pkg=desktop-file-utils
  # Errors and warnings fail; hints (advice) are shown but pass.
  check() {
    local out rc
    out=$(desktop-file-validate "$1" 2>&1)
    rc=$?
    [ -n "$out" ] && printf '%s\n' "$out"
    [ $rc -eq 0 ] && ! grep -qE '(error|warning):' <<<"$out"
  }
  make_broken() { grep -v '^Type=' "$file" >"$1"; }  # the required key Type is missing
  ;;
metainfo)
  tool=appstreamcli
  pkg=appstream
  # Errors and warnings fail (appstreamcli's own exit status); --no-net: no
  # screenshot or URL is fetched.
  check() { appstreamcli validate --no-net --explain "$1"; }
  make_broken() { grep -v '<summary>' "$file" >"$1"; }  # a component without a summary
  ;;
*)
  echo "usage: $0 desktop|metainfo FILE" >&2
  exit 2
  ;;
esac
if ! command -v "$tool" >/dev/null 2>&1; then
  echo "SKIP: $tool is not installed (apt-get install $pkg); $file was not validated"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
broken="$tmp/$(basename "$file")"
make_broken "$broken"
echo "== $tool: $file"
if ! check "$file"; then
  echo "FAIL: $file does not pass $tool"
  exit 1
fi
echo "== $tool on a copy broken on purpose (must be rejected)"
if check "$broken" >/dev/null 2>&1; then
  echo "FAIL: $tool accepted a broken copy: the check cannot fail"
  exit 1
fi
echo "PASS"
