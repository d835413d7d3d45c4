#!/bin/sh
# Differential test: tonelint's Fluent reading against the reference tooling
# parser (@fluent/syntax, through shared/oracles/ftl_text.mjs) on every .ftl
# file of the shared corpus. Every message and attribute with text must be a
# segment holding the parser's text elements in order, and each segment's
# line:column must point at its text in the file.
# The npm package is installed once into $TONELINT_NODE_DIR (default
# /tmp/tonelint-node-oracles); without node, npm or the npm registry the test
# is skipped.
# Usage: fluent.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
for tool in node npm python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
dir=${TONELINT_NODE_DIR:-/tmp/tonelint-node-oracles}
if [ ! -f "$dir/node_modules/@fluent/syntax/package.json" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent @fluent/syntax@0.19 >/dev/null 2>&1 ||
    { echo "skip: cannot install @fluent/syntax from npm"; exit 77; }
fi
# The oracle imports @fluent/syntax relative to its own location.
cp "$shared/oracles/ftl_text.mjs" "$dir/ftl_text.mjs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f -name '*.ftl' | sort)
[ -n "$files" ] || { echo "no Fluent files in the corpus"; exit 1; }
status=0
n=0
for f in $files; do
  n=$((n + 1))
  node "$dir/ftl_text.mjs" "$f" >"$tmp/oracle.tsv"
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$(dirname "$0")/fluent_compare.py" "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
done
echo "$n Fluent files compared"
exit $status
