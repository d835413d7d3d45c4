#!/bin/sh
# Differential test: tonelint's .resx reading against xmlstarlet (libxml2)
# on every .resx file of the shared corpus. The oracle ($SHARED/oracles/
# resx.sh) lists root/data[@name] without type= or mimetype= and not named
# ">>...", with the text of its <value>. No normalization: keys, texts and
# order must be identical. Every segment's line:column must point into its
# <value>, at the stored form of its first character, and tonelint must
# lint every file without an error.
# Usage: resx.sh TONELINT SHARED_DIR   (exit 77: tools missing)
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
files=$(find "$shared/corpus" -type f -name '*.resx' | sort)
[ -n "$files" ] || { echo "no .resx files in the corpus"; exit 1; }
status=0
count=0
for f in $files; do
  count=$((count + 1))
  sh "$shared/oracles/resx.sh" "$f" >"$tmp/oracle.tsv"
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint --dump-strings failed"; status=1; continue; }
  python3 "$here/xml_compare.py" resx "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
  rc=0
  "$bin" --format unix "$f" >/dev/null 2>"$tmp/err" || rc=$?
  [ $rc -le 1 ] || { echo "$f: lint failed (exit $rc): $(cat "$tmp/err")"; status=1; }
done
echo "$count .resx files compared"
exit $status
