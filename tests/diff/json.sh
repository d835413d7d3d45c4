#!/bin/sh
# Differential test: tonelint's JSON message catalogs against jq on the
# fixtures in tests/fixtures/json (Polyglot.js plural forms) and every .json
# file of the shared corpus (i18next, react-intl, MediaWiki...). jq
# lists every string leaf with its typed path (`paths`/`getpath`: a JSON
# array of member names and array indices, one JSON line per leaf), so keys
# that themselves hold dots or brackets (`mappings[0].id.blank` as one member
# name) are compared exactly: tree_compare.py renders each typed path the
# way tonelint writes keys. Each segment's line:column must point at its
# string in the file. The other normalizations (@metadata, duplicate keys,
# message descriptors) are documented in tree_compare.py.
# Usage: json.sh TONELINT SHARED_DIR   (exit 77: tools or corpus missing)
set -eu
bin=$1
shared=$2
for tool in jq python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$(dirname "$0")/../fixtures/json" "$shared/corpus" -type f -name '*.json' | sort)
[ -n "$files" ] || { echo "no JSON files in the corpus"; exit 1; }
status=0
IFS='
'
for f in $files; do
  jq -c 'paths(type == "string") as $p | [$p, getpath($p)]' "$f" >"$tmp/oracle.jsonl" ||
    { echo "$f: jq failed"; status=1; continue; }
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$(dirname "$0")/tree_compare.py" json "$f" "$tmp/oracle.jsonl" "$tmp/ours.jsonl" || status=1
done
exit $status
