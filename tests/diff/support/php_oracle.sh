# php_oracle.sh - what the differential tests against PHP itself share
# (php.sh, lang.sh, magento.sh): the check that php and python3 are there
# (exit 77 when not), a scratch folder, and the loop that runs a PHP loader
# and tonelint --dump-strings over each file and hands both outputs to the
# test's compare script. Sourced after the script sets bin and here.

command -v php >/dev/null 2>&1 || { echo "skip: php not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# php_oracle_compare COMPARE_PY LOADER FILES: FILES one per line; the
# loader is PHP code run with the file as $argv[1]. Returns 1 when a file
# differs or a run fails, after checking every file.
php_oracle_compare() {
  status=0
  old_ifs=$IFS
  IFS='
'
  for f in $3; do
    [ -n "$f" ] || continue
    php -d display_errors=stderr -r "$2" "$f" >"$tmp/php.out" ||
      { echo "$f: php failed"; status=1; continue; }
    "$bin" --dump-strings --format json "$f" >"$tmp/ours.jsonl" ||
      { echo "$f: tonelint failed"; status=1; continue; }
    python3 "$here/$1" "$f" "$tmp/php.out" "$tmp/ours.jsonl" || status=1
  done
  IFS=$old_ifs
  return $status
}
