#!/bin/sh
# Differential test: tonelint's Android strings.xml reading against
# xmlstarlet (libxml2) on every Android resource file of the shared corpus
# (*.xml under a values*/ folder whose root is <resources>), with
# translate-toolkit as a second opinion where it is reliable.
#
# The oracle ($SHARED/oracles/android.sh) prints each <string>,
# <plurals>/<item> (key name[quantity]) and <string-array>/<item> (key
# name[index]) with its XML-decoded text. It does not apply Android's own
# escape layer and it flattens inline markup, so before comparing:
#   - the oracle's text goes through aapt2's second layer (xml_compare.py
#     aapt2(): trim, collapse whitespace outside "...", drop the quotes,
#     read \n \t \uXXXX \' \" \\ \@ \? and any \c), as aapt2 does;
#   - tags are removed from both texts (tonelint keeps styling tags as
#     written; the oracle keeps only their text); for a value that had
#     tags, whitespace runs are squashed and the ends trimmed on both sides
#     (aapt2 neither trims nor carries quote state across a styling tag,
#     which a flattened text cannot show);
#   - oracle records whose text is only a resource reference (@string/x,
#     ?attr/x, @null, @empty) are dropped: they are not copy;
#   - records are compared as sorted (key, text) lists: the oracle lists
#     strings, then plurals, then arrays.
# translate-toolkit (oracles/android-tt.sh) resolves the escapes itself; it
# is compared for <string> values without markup, CDATA or references,
# after removing a space before a line break from tonelint's text
# (translate-toolkit drops the space in "a \nb"; aapt2 keeps it).
# Every segment's line:column must point into its element, at the stored
# form of its first character. And tonelint must lint every file without an
# error. Usage: android.sh TONELINT SHARED_DIR   (exit 77: tools missing)
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
tt=no
/usr/bin/python3 -c 'import translate.storage.aresource' 2>/dev/null && tt=yes
files=$(find "$shared/corpus" -type f -path '*/values*/*.xml' | sort)
status=0
count=0
for f in $files; do
  grep -q '<resources' "$f" || continue
  count=$((count + 1))
  sh "$shared/oracles/android.sh" "$f" >"$tmp/oracle.tsv"
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint --dump-strings failed"; status=1; continue; }
  if [ $tt = yes ]; then
    sh "$shared/oracles/android-tt.sh" "$f" >"$tmp/tt.jsonl" 2>/dev/null || true
    python3 "$here/xml_compare.py" android "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" "$tmp/tt.jsonl" || status=1
  else
    python3 "$here/xml_compare.py" android "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
  fi
  rc=0
  "$bin" --format unix "$f" >/dev/null 2>"$tmp/err" || rc=$?
  [ $rc -le 1 ] || { echo "$f: lint failed (exit $rc): $(cat "$tmp/err")"; status=1; }
done
[ $count -gt 0 ] || { echo "no Android resource files in the corpus"; exit 1; }
echo "$count Android files compared"
exit $status
