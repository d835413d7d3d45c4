#!/bin/sh
# Differential test: tonelint's PHP translation arrays against PHP itself
# (`php -r 'var_export(include $f);'`, Debian's php-cli) on every PHP
# translation file of the shared corpus (Laravel, BookStack, Firefly III,
# Pterodactyl, Snipe-IT, Bagisto, Monica) and on the fixtures in
# tests/fixtures/php (escapes, concatenation, integer keys, comments, a
# language array filled statement by statement, one built in a variable
# and returned, a phpBB file that adds to its array with array_merge,
# heredocs and nowdocs).
# php_compare.py documents how the two lists are matched.
# Usage: php.sh TONELINT SHARED_DIR   (exit 77: php or python3 missing)
set -eu
bin=$1
shared=$2
here=$(dirname "$0")
. "$here/support/php_oracle.sh"
files=$(find "$here/../fixtures/php" -type f -name '*.php' | sort)
if [ -d "$shared/corpus" ]; then
  files="$files
$(find "$shared/corpus" -type f -name '*.php' ! -name '*.blade.php' | sort)"
fi
count=$(printf '%s\n' "$files" | grep -c .)
[ "$count" -ge 10 ] || { echo "only $count PHP files found"; exit 1; }
# A file that returns its array is that array; a file that fills one
# statement by statement (`$lang['key'] = '…';`, after a guard that needs
# BASEPATH, or phpBB's that needs IN_PHPBB) is the array it fills.
load='define("BASEPATH", "."); define("IN_PHPBB", true);
function tl_load($tl_f) {
  $tl_r = include $tl_f;
  if ($tl_r !== 1) return $tl_r;
  $v = get_defined_vars();
  unset($v["tl_f"], $v["tl_r"]);
  return count($v) == 1 ? reset($v) : $v;
}
var_export(tl_load($argv[1]));'
php_oracle_compare php_compare.py "$load" "$files"
