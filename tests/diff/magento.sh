#!/bin/sh
# Differential test: tonelint's Magento 2 dictionaries against PHP reading
# them as Magento does (Magento\Framework\File\Csv: fgetcsv($fh, 0, ',',
# '"') row by row, the first field the source, the second the translation),
# on the fixtures in tests/fixtures/magento and every i18n/*.csv of the
# shared corpus. magento_compare.py documents how the two are matched.
# Usage: magento.sh TONELINT SHARED_DIR   (exit 77: php or python3 missing)
set -eu
bin=$1
shared=$2
here=$(dirname "$0")
. "$here/support/php_oracle.sh"
files=$(find "$here/../fixtures/magento" -type f -path '*/i18n/*.csv' | sort)
if [ -d "$shared/corpus" ]; then
  files="$files
$(find "$shared/corpus" -type f -path '*/i18n/*_*.csv' | sort)"
fi
count=$(printf '%s\n' "$files" | grep -c .)
[ "$count" -ge 2 ] || { echo "only $count dictionaries found"; exit 1; }
load='$fh = fopen($argv[1], "r");
$rows = array();
while ($row = fgetcsv($fh, 0, ",", "\"")) {
  $rows[] = $row;
}
fclose($fh);
echo json_encode($rows, JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_UNICODE);'
php_oracle_compare magento_compare.py "$load" "$files"
