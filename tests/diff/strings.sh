#!/bin/sh
# Differential test: tonelint's Apple .strings reading against
# translate-toolkit's prop2po (the reader behind shared/oracles/strings-tt.sh)
# on every .strings file of the shared corpus, and on each of them re-encoded
# as UTF-16LE and UTF-16BE with a BOM (the genstrings encodings). Every entry
# must be a segment with the same key and text, and each segment's
# line:column must be where its value starts in the file.
# Known divergences, counted and not failed: translate-toolkit decodes a
# lowercase \uXXXX, which CoreFoundation (and tonelint) read as "uXXXX"; and
# it drops a line break written as such inside a quoted value, which
# CoreFoundation keeps.
# prop2po's `strings-utf8` personality misreads UTF-8 files in
# translate-toolkit 3.8.4, so UTF-8 files are read with `strings` and an
# explicit --encoding=utf-8.
# Usage: strings.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
for tool in prop2po python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f -name '*.strings' | sort)
[ -n "$files" ] || { echo "no .strings files in the corpus"; exit 1; }
here=$(dirname "$0")
status=0
n=0
check() { # FILE ENCODING(utf-8|utf-16)
  if ! prop2po --progress=none --personality=strings --encoding="$2" -i "$1" -o "$tmp/oracle.po" \
      >/dev/null 2>&1; then
    echo "$1: prop2po failed"; status=1; return
  fi
  "$bin" --dump-strings "$1" >"$tmp/ours.jsonl" || { echo "$1: tonelint failed"; status=1; return; }
  python3 "$here/strings_compare.py" "$1" "$tmp/oracle.po" "$tmp/ours.jsonl" || status=1
  n=$((n + 1))
}
for f in $files; do
  if python3 -c 'import sys; b=open(sys.argv[1],"rb").read(2); sys.exit(b in (b"\xff\xfe", b"\xfe\xff"))' "$f"; then
    check "$f" utf-8
    for enc in utf-16-le utf-16-be; do
      python3 -c 'import sys
t = open(sys.argv[1], encoding="utf-8-sig").read()
open(sys.argv[2], "wb").write("\ufeff".encode(sys.argv[3]) + t.encode(sys.argv[3]))' "$f" "$tmp/$enc.strings" "$enc"
      check "$tmp/$enc.strings" utf-16
    done
  else
    check "$f" utf-16
  fi
done
echo "$n .strings files compared"
exit $status
