# literals.sh - the loop every tests/diff/code_*.sh runs: for each source
# file, the reference tool's literals (the script's `oracle FILE`, JSON lines
# on standard output) against `tonelint --dump-strings --skipped`, compared
# by code_compare.py, with a count of the literals compared.
# Sourced with bin, here and tmp set and oracle() defined; then
#   compare_literals "$files" LANGUAGE ORACLE REFERENCE
# exits: 0 when every file agrees, 1 otherwise.
compare_literals() {
  files=$1 language=$2 oracle_name=$3 reference=$4
  count=$(printf '%s\n' "$files" | grep -c .)
  [ "$count" -ge 10 ] || { echo "only $count $language files found"; exit 1; }
  status=0
  total=0
  IFS='
'
  for f in $files; do
    oracle "$f" >"$tmp/oracle.jsonl" || { echo "$f: $oracle_name failed"; status=1; continue; }
    "$bin" --dump-strings --skipped "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
    python3 "$here/code_compare.py" "$f" "$tmp/oracle.jsonl" "$tmp/ours.jsonl" >"$tmp/cmp.txt" || status=1
    cat "$tmp/cmp.txt"
    n=$(sed -n 's/.*: \([0-9]*\) literals,.*/\1/p' "$tmp/cmp.txt" | tail -n 1)
    total=$((total + ${n:-0}))
  done
  echo "$count files, $total literals compared with $reference"
  exit $status
}
