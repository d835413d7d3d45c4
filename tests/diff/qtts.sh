#!/bin/sh
# Differential test: tonelint's reading of Qt Linguist .ts files against
# Qt's own lconvert (Debian qt6-l10n-tools, or qttools5-dev-tools), which
# writes each file as PO, read with polib (qtts_compare.py says what must
# match: keys, contexts, languages, texts and their order, and every
# segment's line:column). Files: the test fixtures and every .ts file of the
# shared corpus whose root is <TS>. tonelint must also lint every file
# without an error.
# Usage: qtts.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
lconvert=$(command -v lconvert || true)
[ -n "$lconvert" ] || lconvert=/usr/lib/qt6/bin/lconvert
[ -x "$lconvert" ] || { echo "skip: lconvert not installed"; exit 77; }
/usr/bin/python3 -c 'import polib' 2>/dev/null || { echo "skip: python3-polib not installed"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$here/../fixtures/qt" -type f -name '*.ts' | sort)
if [ -d "$shared/corpus" ]; then
  files="$files $(find "$shared/corpus" -type f -name '*.ts' -exec grep -l '<TS' {} + 2>/dev/null | sort || true)"
fi
status=0
count=0
for f in $files; do
  count=$((count + 1))
  "$lconvert" -i "$f" -of po -o "$tmp/oracle.po" || { echo "$f: lconvert failed"; status=1; continue; }
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint --dump-strings failed"; status=1; continue; }
  /usr/bin/python3 "$here/qtts_compare.py" "$f" "$tmp/oracle.po" "$tmp/ours.jsonl" || status=1
  rc=0
  "$bin" --format unix "$f" >/dev/null 2>"$tmp/err" || rc=$?
  [ $rc -le 1 ] || { echo "$f: lint failed (exit $rc): $(cat "$tmp/err")"; status=1; }
done
[ $count -gt 0 ] || { echo "no .ts files"; exit 1; }
echo "$count Qt .ts files compared"
exit $status
