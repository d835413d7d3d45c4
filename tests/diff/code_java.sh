#!/bin/sh
# Differential test: tonelint's Java literals against javac's parser
# (com.sun.source, through java_literals/JavaLiterals.java; Debian
# openjdk-17-jdk-headless) on every .java file of ../shared/corpus-src and
# the fixtures in tests/fixtures/code: the same string literals and text
# blocks at the same line and column with the same value (code_compare.py).
# Usage: code_java.sh TONELINT SHARED_DIR   (exit 77: javac, java or python3 missing)
set -eu
bin=$1
shared=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in javac java python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -d "$tmp/classes" "$here/java_literals/JavaLiterals.java" ||
  { echo "cannot build the javac oracle"; exit 1; }
files=$(find "$here/../fixtures/code" -type f -name '*.java' | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f -name '*.java' | sort)"
fi
oracle() { java -cp "$tmp/classes" JavaLiterals "$1"; }
. "$here/support/literals.sh"
compare_literals "$files" "Java" "javac" "javac"
