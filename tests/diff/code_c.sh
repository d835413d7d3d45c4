#!/bin/sh
# Differential test: tonelint's C and C++ literals against clang (Debian
# clang, through c_literals.py: the raw lexer says which literals and where,
# the compiler what each one holds) on every .c .h .cc .cpp file of
# ../shared/corpus-src and the fixtures in tests/fixtures/code: the same
# string literals at the same line and column with the same decoded text
# (code_compare.py).
# Usage: code_c.sh TONELINT SHARED_DIR   (exit 77: clang or python3 missing)
set -eu
bin=$1
shared=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in clang python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$here/../fixtures/code" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name '*.cpp' \) | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name '*.cpp' \) | sort)"
fi
oracle() { python3 "$here/c_literals.py" "$1" "$tmp"; }
. "$here/support/literals.sh"
compare_literals "$files" "C/C++" "clang" "clang"
