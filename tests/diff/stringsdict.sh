#!/bin/sh
# Differential test: tonelint's .stringsdict reading against xmlstarlet
# (libxml2) on every .stringsdict file of the shared corpus. The oracle
# ($SHARED/oracles/stringsdict.sh) prints, for each top-level key K, the
# NSStringLocalizedFormatKey string (key K), then each zero/one/two/few/
# many/other string (key K/VAR/category). Normalization: the oracle prints
# a line for every K even without a format key (empty text); such lines are
# dropped unless tonelint has a segment K. Keys, texts and order must
# otherwise be identical. Every segment's line:column must point into its
# <string>, at the stored form of its first character, and tonelint must
# lint every file without an error.
# Usage: stringsdict.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
for tool in xmlstarlet python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f -name '*.stringsdict' | sort)
[ -n "$files" ] || { echo "no .stringsdict files in the corpus"; exit 1; }
status=0
count=0
for f in $files; do
  count=$((count + 1))
  sh "$shared/oracles/stringsdict.sh" "$f" >"$tmp/oracle.tsv"
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint --dump-strings failed"; status=1; continue; }
  python3 "$here/xml_compare.py" stringsdict "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
  rc=0
  "$bin" --format unix "$f" >/dev/null 2>"$tmp/err" || rc=$?
  [ $rc -le 1 ] || { echo "$f: lint failed (exit $rc): $(cat "$tmp/err")"; status=1; }
done
echo "$count .stringsdict files compared"
exit $status
