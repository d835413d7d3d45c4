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
for tool in php python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
status=0
IFS='
'
for f in $files; do
  [ -n "$f" ] || continue
  php -d display_errors=stderr -r "$load" "$f" >"$tmp/php.json" ||
    { echo "$f: php failed"; status=1; continue; }
  "$bin" --dump-strings --format json "$f" >"$tmp/ours.jsonl" ||
    { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$here/lang_compare.py" "$f" "$tmp/php.json" "$tmp/ours.jsonl" || status=1
done
exit $status
