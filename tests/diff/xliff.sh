#!/bin/sh
# Differential test: tonelint's XLIFF reading against xmlstarlet (libxml2) on
# every .xlf/.xliff file of the shared corpus. The file's namespace picks
# the oracle: $SHARED/oracles/xliff12.sh (trans-unit id, source text without
# the native code of <bpt> <ept> <ph> <it> <sub>, translate="no" units
# skipped) or xliff20.sh (unit id, one record per <segment> source).
# Normalizations: the oracles list sources only, so tonelint's records are
# restricted to sources (a segment whose position lies inside <source>),
# and a source that is a message key (dotted or snake_case parts, as in
# Symfony and Kimai catalogs) is dropped from the oracle's list, since
# tonelint lints the target there and never the key; nothing else. Every segment's line:column must point into its <source> or
# <target>, at the stored form of its first character, and tonelint must
# lint every file without an error.
# Usage: xliff.sh TONELINT SHARED_DIR   (exit 77: tools missing)
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
files=$(find "$shared/corpus" -type f \( -name '*.xlf' -o -name '*.xliff' \) | sort)
[ -n "$files" ] || { echo "no XLIFF files in the corpus"; exit 1; }
status=0
count=0
for f in $files; do
  count=$((count + 1))
  if grep -q 'urn:oasis:names:tc:xliff:document:2.0' "$f"; then
    version=xliff20
  else
    version=xliff12
  fi
  sh "$shared/oracles/$version.sh" "$f" >"$tmp/oracle.tsv"
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint --dump-strings failed"; status=1; continue; }
  python3 "$here/xml_compare.py" $version "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
  rc=0
  "$bin" --format unix "$f" >/dev/null 2>"$tmp/err" || rc=$?
  [ $rc -le 1 ] || { echo "$f: lint failed (exit $rc): $(cat "$tmp/err")"; status=1; }
done
echo "$count XLIFF files compared"
exit $status
