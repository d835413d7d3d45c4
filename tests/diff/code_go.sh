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
oracle() { "$tmp/go_literals" "$1"; }
. "$here/support/literals.sh"
compare_literals "$files" "Go" "go/scanner" "go/scanner"
