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
oracle() { python3 "$here/py_literals.py" "$1"; }
. "$here/support/literals.sh"
compare_literals "$files" "Python" "tokenize" "Python's tokenize"
