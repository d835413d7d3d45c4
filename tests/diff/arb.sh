#!/bin/sh
# Differential test: tonelint's Flutter ARB files against jq
# (oracles/arb.sh: every message, without @metadata and @@locale) on
# every .arb file of the shared corpus.
# Each segment's line:column must point at its string in the file. The
# normalizations (duplicate keys, TSV escaping)
# are documented in tree_compare.py.
# Usage: arb.sh TONELINT SHARED_DIR   (exit 77: tools or corpus missing)
set -eu
bin=$1
shared=$2
for tool in jq python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f -name '*.arb' | sort)
[ -n "$files" ] || { echo "no ARB files in the corpus"; exit 1; }
status=0
IFS='
'
for f in $files; do
  sh "$shared/oracles/arb.sh" "$f" >"$tmp/oracle.tsv" || { echo "$f: jq failed"; status=1; continue; }
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$(dirname "$0")/tree_compare.py" arb "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
done
exit $status
