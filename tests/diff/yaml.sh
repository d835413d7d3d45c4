#!/bin/sh
# Differential test: tonelint's YAML reading against yq
# (oracles/yaml-leaves.sh: every string leaf with its dotted key path, root
# key included) and PyYAML's composer on the fixtures in tests/fixtures/yaml
# (message descriptors: Chrome's kept as YAML, Zendesk's translation files)
# and every .yml/.yaml file of the shared corpus (Rails, Mastodon,
# Discourse, diaspora). yq reads YAML 1.2 and
# expands aliases; tonelint reads YAML 1.1 (as Ruby does) and lints an
# anchored value once: tree_compare.py documents how the lists are matched.
# Each segment's line:column must point at its text inside its value.
# Usage: yaml.sh TONELINT SHARED_DIR   (exit 77: tools or corpus missing)
set -eu
bin=$1
shared=$2
for tool in yq jq python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "skip: python3-yaml not installed"; exit 77; }
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$(dirname "$0")/../fixtures/yaml" "$shared/corpus" -type f \( -name '*.yml' -o -name '*.yaml' \) | sort)
[ -n "$files" ] || { echo "no YAML files in the corpus"; exit 1; }
status=0
IFS='
'
for f in $files; do
  sh "$shared/oracles/yaml-leaves.sh" "$f" >"$tmp/oracle.tsv" || { echo "$f: yq failed"; status=1; continue; }
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$(dirname "$0")/tree_compare.py" yaml "$f" "$tmp/oracle.tsv" "$tmp/ours.jsonl" || status=1
done
exit $status
