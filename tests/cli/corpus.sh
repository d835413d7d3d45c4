#!/bin/sh
# Every file of the shared corpus is read without an error, in every output
# mode, and the report is one valid JSON document. (In the sanitizer build
# this is the sweep of real files under ASan and UBSan.)
# Usage: corpus.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
corpus=$src/../shared/corpus
[ -d "$corpus" ] || { echo "skip: no corpus"; exit 77; }
"$bin" --format json "$corpus" >"$tmp/report.json" 2>"$tmp/err"
status=$?
if [ $status -gt 1 ]; then
  echo "tonelint exited $status on the corpus:"
  cat "$tmp/err"
  exit 1
fi
python3 - "$tmp/report.json" "$corpus" <<'PY' || exit 1
import json, os, sys
report, corpus = sys.argv[1], sys.argv[2]
d = json.load(open(report))
bad = [f for f in d['files'] if f['error'] or not f['syntax']]
for f in bad:
    print('not read:', f['path'], f['error'])
listed = {f['path'] for f in d['files']}
missing = []
for root, _, names in os.walk(corpus):
    for n in names:
        p = os.path.join(root, n)
        if n != 'SOURCES.md' and p not in listed:
            missing.append(p)
for m in missing:
    print('not linted:', m)
s = d['summary']
print(f"{s['files']} files, {s['segments']} strings, {s['findings']} findings")
sys.exit(1 if bad or missing else 0)
PY
"$bin" --dump-strings "$corpus" >"$tmp/strings.jsonl" 2>"$tmp/err" || { echo "--dump-strings failed"; cat "$tmp/err"; exit 1; }
"$bin" --format text --color=always "$corpus" >/dev/null 2>"$tmp/err"
[ $? -le 1 ] || { echo "text output failed"; cat "$tmp/err"; exit 1; }
echo "ok: $(wc -l <"$tmp/strings.jsonl") strings dumped"
