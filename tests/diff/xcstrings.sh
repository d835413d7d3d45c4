#!/bin/sh
# Differential test: tonelint's Xcode String Catalogs against jq
# (oracles/xcstrings.sh: key, variation path and value of every string unit
# of one language, the key itself when the source language has none) on
# every .xcstrings file of the shared corpus, for the source language and
# for every other language the catalog holds. Source-language segments'
# line:column must point at their string (a unit's value, or the key). The
# normalizations are documented in tree_compare.py.
# Usage: xcstrings.sh TONELINT SHARED_DIR   (exit 77: tools or corpus missing)
set -eu
bin=$1
shared=$2
for tool in jq python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f -name '*.xcstrings' | sort)
[ -n "$files" ] || { echo "no .xcstrings files in the corpus"; exit 1; }
status=0
IFS='
'
for f in $files; do
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  langs=$(jq -r '[.sourceLanguage] + [.strings[].localizations // {} | keys[]] | unique | .[]' "$f")
  for lang in $langs; do
    sh "$shared/oracles/xcstrings.sh" "$f" "$lang" >"$tmp/oracle.tsv" || { echo "$f: jq failed"; status=1; continue; }
    python3 "$(dirname "$0")/tree_compare.py" xcstrings "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" "$lang" || status=1
  done
done
exit $status
