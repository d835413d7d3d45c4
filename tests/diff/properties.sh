#!/bin/sh
# Differential test: tonelint's .properties reading against
# java.util.Properties (shared/oracles/properties-java.sh, Java 17) on every
# .properties file of the shared corpus. A file that is valid UTF-8 is given
# to Java as UTF-8, any other as ISO-8859-1, which is the choice tonelint
# makes. Every non-empty value must be a segment with the same key and text
# (the last definition of a key, as Java keeps), and each segment's
# line:column must be where its value starts in the file.
# Usage: properties.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
for tool in java python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f -name '*.properties' | sort)
[ -n "$files" ] || { echo "no .properties files in the corpus"; exit 1; }
here=$(dirname "$0")
status=0
n=0
for f in $files; do
  n=$((n + 1))
  charset=$(python3 -c 'import sys
try:
    open(sys.argv[1], "rb").read().decode("utf-8"); print("UTF-8")
except UnicodeDecodeError:
    print("ISO-8859-1")' "$f")
  sh "$shared/oracles/properties-java.sh" "$f" "$charset" >"$tmp/oracle.tsv" ||
    { echo "$f: the oracle failed"; status=1; continue; }
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$here/properties_compare.py" "$f" "$charset" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
done
echo "$n .properties files compared"
exit $status
