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
count=0
status=0
total=0
IFS='
'
for f in $files; do
  "$bin" --dump-strings --skipped "$f" >"$tmp/ours.jsonl" 2>"$tmp/err" || { echo "$f: tonelint failed"; cat "$tmp/err"; status=1; continue; }
  # Translation arrays are another format (tests/diff/php.sh).
  grep -q '"lang":"php"' "$tmp/ours.jsonl" || [ ! -s "$tmp/ours.jsonl" ] || continue
  count=$((count + 1))
  php -d error_reporting=0 "$here/php_literals.php" "$f" >"$tmp/oracle.jsonl" || { echo "$f: token_get_all failed"; status=1; continue; }
  python3 "$here/code_compare.py" "$f" "$tmp/oracle.jsonl" "$tmp/ours.jsonl" >"$tmp/cmp.txt" || status=1
  cat "$tmp/cmp.txt"
  n=$(sed -n 's/.*: \([0-9]*\) literals,.*/\1/p' "$tmp/cmp.txt" | tail -n 1)
  total=$((total + ${n:-0}))
done
[ "$count" -ge 10 ] || { echo "only $count PHP code files found"; exit 1; }
echo "$count files, $total literals compared with token_get_all"
exit $status
