#!/bin/sh
# Regenerate docs/rules.md from rules/ (or, with --check, fail when it is out
# of date). Usage: gen-rules-doc.sh TONELINT_BINARY SOURCE_DIR [--check]
set -eu
bin=$1
src=$2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
TONELINT_RULES_DIR="$src/rules" "$bin" --list-rules --format json | python3 "$src/scripts/gen-rules-doc.py" >"$tmp"
if [ "${3:-}" = "--check" ]; then
  if ! diff -u "$src/docs/rules.md" "$tmp" >/dev/null; then
    echo "docs/rules.md is out of date: cmake --build build --target rules-doc"
    exit 1
  fi
  exit 0
fi
cp "$tmp" "$src/docs/rules.md"
