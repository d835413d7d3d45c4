#!/bin/sh
# Differential test: tonelint's PHP code literals against PHP's own
# tokenizer (token_get_all, through php_literals.php; Debian php-cli) on
# every .php file of ../shared/corpus-src that is code (not a template or a
# translation array) and the fixtures in tests/fixtures/code: the same
# '…' "…" strings, heredocs and nowdocs, at the same line and column, with
# the same value (code_compare.py).
# Usage: code_php.sh TONELINT SHARED_DIR   (exit 77: php or python3 missing)
set -eu
bin=$1
shared=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in php python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
php -r 'exit(function_exists("token_get_all") ? 0 : 1);' || { echo "skip: PHP has no tokenizer"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$here/../fixtures/code" -type f -name '*.php' | sort)
if [ -d "$shared/corpus-src" ]; then
  files="$files
$(find "$shared/corpus-src" -type f -name '*.php' ! -name '*.blade.php' | sort)"
fi
# Translation arrays are another format (tests/diff/php.sh): only the files
# tonelint reads as PHP code.
code=
IFS='
'
for f in $files; do
  "$bin" --dump-strings --skipped "$f" 2>/dev/null | grep -q '"lang":"php"' && code="$code
$f"
done
unset IFS
oracle() { php -d error_reporting=0 "$here/php_literals.php" "$1"; }
. "$here/support/literals.sh"
compare_literals "$code" "PHP code" "token_get_all" "token_get_all"
