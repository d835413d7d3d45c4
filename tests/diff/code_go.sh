#!/bin/sh
# Differential test: tonelint's Go literals against Go's own go/scanner and
# strconv.Unquote (Debian golang; tests/diff/go_literals) on every .go file
# of ../shared/corpus-src and the fixtures in tests/fixtures/code: the same
# interpreted and raw string literals at the same line and column with the
# same decoded text (code_compare.py).
# Usage: code_go.sh TONELINT SHARED_DIR   (exit 77: go or python3 missing)
set -eu
bin=$1
shared=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in go python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCACHE="${GOCACHE:-$tmp/gocache}" GOFLAGS=-mod=mod GO111MODULE=off
(cd "$here/go_literals" && go build -o "$tmp/go_literals" main.go) ||
  { echo "cannot build the go/scanner oracle"; exit 1; }
files=$(find "$here/../fixtures/code" -type f -name '*.go' | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f -name '*.go' | sort)"
fi
count=$(printf '%s\n' "$files" | grep -c .)
[ "$count" -ge 10 ] || { echo "only $count Go files found"; exit 1; }
status=0
total=0
IFS='
'
for f in $files; do
  "$tmp/go_literals" "$f" >"$tmp/oracle.jsonl" || { echo "$f: go/scanner failed"; status=1; continue; }
  "$bin" --dump-strings --skipped "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$here/code_compare.py" "$f" "$tmp/oracle.jsonl" "$tmp/ours.jsonl" >"$tmp/cmp.txt" || status=1
  cat "$tmp/cmp.txt"
  n=$(sed -n 's/.*: \([0-9]*\) literals,.*/\1/p' "$tmp/cmp.txt" | tail -n 1)
  total=$((total + ${n:-0}))
done
echo "$count files, $total literals compared with go/scanner"
exit $status
