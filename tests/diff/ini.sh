#!/bin/sh
# Differential test: tonelint's reading of INI language files against PHP
# running each product's own loader, on the fixtures in tests/fixtures/ini
# and every .ini language file of the shared corpus: Joomla's (`"_QQ_"`
# made `\"`, parse_ini_string in INI_SCANNER_RAW mode, then `\"` made `"`)
# and VuFind's ExtendedIniReader (split on the first `=`, trim, one quote
# off each end), each for the files tonelint reads that way.
# ini_compare.py documents how the two are matched.
# Usage: ini.sh TONELINT SHARED_DIR   (exit 77: php or python3 missing)
set -eu
bin=$1
shared=$2
here=$(dirname "$0")
. "$here/support/php_oracle.sh"
all=$(find "$here/../fixtures/ini" -type f -name '*.ini' | sort)
if [ -d "$shared/corpus" ]; then
  all="$all
$(find "$shared/corpus" -type f -name '*.ini' | sort)"
fi
# VuFind's files are named for a language in lower case (`languages/en.ini`).
vufind=$(printf '%s\n' "$all" | grep -E '/[a-z]{2}([-_][a-z]{2}|[-_][a-z]{4})?\.ini$' || true)
joomla=$(printf '%s\n' "$all" | grep -v -E '/[a-z]{2}([-_][a-z]{2}|[-_][a-z]{4})?\.ini$' || true)
[ "$(printf '%s\n' "$vufind" | grep -c .)" -ge 1 ] || { echo "no VuFind .ini file found"; exit 1; }
[ "$(printf '%s\n' "$joomla" | grep -c .)" -ge 1 ] || { echo "no Joomla .ini file found"; exit 1; }
flags='JSON_FORCE_OBJECT | JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_UNICODE'
# Joomla's LanguageHelper::parseIniFile, with the `"_QQ_"` of older releases.
joomla_load='$c = str_replace("\"_QQ_\"", "\\\"", file_get_contents($argv[1]));
$s = parse_ini_string($c, false, INI_SCANNER_RAW);
if ($s === false) { fwrite(STDERR, "PHP refused the file\n"); exit(1); }
echo json_encode(str_replace("\\\"", "\"", $s), '"$flags"');'
# VuFind's ExtendedIniReader::getTextDomain.
vufind_load='$data = array();
foreach (file($argv[1]) as $current) {
  $parts = explode("=", $current, 2);
  $key = trim($parts[0]);
  if ($key != "" && substr($key, 0, 1) != ";" && isset($parts[1])) {
    $data[$key] = preg_replace("/^\"?(.*?)\"?$/", "\$1", trim($parts[1]));
  }
}
echo json_encode($data, '"$flags"');'
# php_oracle_compare keeps its own `status`: each reader's result is kept apart.
failed=0
INI_READER=joomla php_oracle_compare ini_compare.py "$joomla_load" "$joomla" || failed=1
INI_READER=vufind php_oracle_compare ini_compare.py "$vufind_load" "$vufind" || failed=1
exit $failed
