#!/bin/sh
# Differential test: tonelint's Dolibarr .lang reading against PHP running
# Dolibarr's own loop (Translate::load: fscanf($fp, "%[^= ]%*[ =]%[^\n\r]"),
# `#` keys skipped, the first non-empty definition kept, `\n` and `\\s`
# replaced), on the fixtures in tests/fixtures/lang and every .lang file of
# the shared corpus. lang_compare.py documents how the two are matched.
# Usage: lang.sh TONELINT SHARED_DIR   (exit 77: php or python3 missing)
set -eu
bin=$1
shared=$2
here=$(dirname "$0")
. "$here/support/php_oracle.sh"
files=$(find "$here/../fixtures/lang" -type f -name '*.lang' | sort)
if [ -d "$shared/corpus" ]; then
  files="$files
$(find "$shared/corpus" -type f -name '*.lang' | sort)"
fi
count=$(printf '%s\n' "$files" | grep -c .)
[ "$count" -ge 2 ] || { echo "only $count .lang files found"; exit 1; }
# Dolibarr's loop, as in htdocs/core/class/translate.class.php.
load='$fp = fopen($argv[1], "rt");
$tab = array();
while ($line = fscanf($fp, "%[^= ]%*[ =]%[^\n\r]")) {
  if (isset($line[1])) {
    list($key, $value) = $line;
    if (empty($tab[$key])) {
      if ($key == "DIRECTION") {
        $tab[$key] = $value;
      } elseif ($key[0] == "#") {
        continue;
      } else {
        $tab[$key] = str_replace(array("\\n", "\\\\s"), array("\n", "\\s"), $value);
      }
    }
  }
}
fclose($fp);
echo json_encode($tab, JSON_FORCE_OBJECT | JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_UNICODE);'
php_oracle_compare lang_compare.py "$load" "$files"
