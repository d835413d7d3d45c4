#!/bin/sh
# Differential test: tonelint's JavaScript/TypeScript literals against the
# TypeScript compiler (npm `typescript` 5, through ts_literals.cjs) on every
# .js .jsx .ts .tsx file of ../shared/corpus-src and the fixtures in
# tests/fixtures/code: the same string literals, template literals and JSX
# text, at the same line and column, with the same decoded text
# (code_compare.py).
# typescript is installed once into $TONELINT_NODE_DIR (default
# /tmp/tonelint-node-oracles); without node, npm or the npm registry the
# test is skipped.
# Usage: code_js.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
here=$(dirname "$0")
for tool in node npm python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
dir=${TONELINT_NODE_DIR:-/tmp/tonelint-node-oracles}
if [ ! -f "$dir/node_modules/typescript/package.json" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent typescript@5 >/dev/null 2>&1 ||
    { echo "skip: cannot install typescript from npm"; exit 77; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$here/../fixtures/code" -type f \( -name '*.js' -o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' \) | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' \) | sort)"
fi
oracle() { node "$here/ts_literals.cjs" "$dir/node_modules" "$1"; }
. "$here/support/literals.sh"
compare_literals "$files" "JavaScript/TypeScript" "the TypeScript oracle" "the TypeScript compiler"
