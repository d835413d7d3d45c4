#!/bin/sh
# Differential test: tonelint's Kotlin literals against the Kotlin compiler's
# lexer (KotlinLexer from kotlin-compiler.jar, through
# kotlin_literals/KotlinLiterals.java; Debian kotlin and
# openjdk-17-jdk-headless) on every .kt and .kts file of ../shared/corpus-src
# and the fixtures in tests/fixtures/code: the same strings and raw strings
# at the same line and column with the same value, templates kept as
# written (code_compare.py).
# Usage: code_kotlin.sh TONELINT SHARED_DIR
#   (exit 77: javac, java, python3 or the Kotlin compiler missing)
set -eu
bin=$1
shared=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in javac java python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
jar=/usr/share/java/kotlin-compiler.jar
[ -f "$jar" ] || { echo "skip: $jar not installed (Debian kotlin)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -cp "$jar" -d "$tmp/classes" "$here/kotlin_literals/KotlinLiterals.java" ||
  { echo "cannot build the Kotlin lexer oracle"; exit 1; }
files=$(find "$here/../fixtures/code" -type f \( -name '*.kt' -o -name '*.kts' \) | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f \( -name '*.kt' -o -name '*.kts' \) | sort)"
fi
oracle() { java -cp "$tmp/classes:$jar" KotlinLiterals "$1"; }
. "$here/support/literals.sh"
compare_literals "$files" "Kotlin" "KotlinLexer" "the Kotlin compiler's lexer"
