#!/bin/sh
# Differential test: tonelint's Python literals against Python's own
# `tokenize` module (through py_literals.py) on every .py file of
# ../shared/corpus-src and the fixtures in tests/fixtures/code: the same
# string literals at the same line and column with the same decoded text,
# f-string fields kept as written (code_compare.py).
# Usage: code_py.sh TONELINT SHARED_DIR   (exit 77: python3 missing)
set -eu
bin=$1
shared=$2
here=$(dirname "$0")
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$here/../fixtures/code" -type f -name '*.py' | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f -name '*.py' | sort)"
fi
count=$(printf '%s\n' "$files" | grep -c .)
[ "$count" -ge 10 ] || { echo "only $count Python files found"; exit 1; }
status=0
total=0
IFS='
'
for f in $files; do
  python3 "$here/py_literals.py" "$f" >"$tmp/oracle.jsonl" ||
    { echo "$f: tokenize failed"; status=1; continue; }
  "$bin" --dump-strings --skipped "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$here/code_compare.py" "$f" "$tmp/oracle.jsonl" "$tmp/ours.jsonl" >"$tmp/cmp.txt" || status=1
  cat "$tmp/cmp.txt"
  n=$(sed -n 's/.*: \([0-9]*\) literals,.*/\1/p' "$tmp/cmp.txt" | tail -n 1)
  total=$((total + ${n:-0}))
done
echo "$count files, $total literals compared with Python's tokenize"
exit $status
