#!/bin/sh
# Differential test: tonelint's Ruby literals against Ruby's own lexer
# (Ripper, through ruby_literals.rb; Debian ruby) on every .rb file of
# ../shared/corpus-src and the fixtures in tests/fixtures/code: the same
# strings and heredocs at the same line and column with the same value
# (code_compare.py).
# Usage: code_ruby.sh TONELINT SHARED_DIR   (exit 77: ruby or python3 missing)
set -eu
bin=$1
shared=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in ruby python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$here/../fixtures/code" -type f -name '*.rb' | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f -name '*.rb' | sort)"
fi
oracle() { ruby "$here/ruby_literals.rb" "$1"; }
. "$here/support/literals.sh"
compare_literals "$files" "Ruby" "Ripper" "Ripper"
