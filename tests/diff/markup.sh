#!/bin/sh
# Sweep over the e-mail and page templates of the shared corpus (GitLab and
# Mastodon *.text.erb, and any HTML, Markdown or template file): there is no
# reference tool for their visible text, so every file must lint without an
# error, and each segment must start at its line:column in the file (the
# first word of the segment's text is stored there as is). The golden tests
# under tests/golden/markup/corpus-* pin the text of a few of them.
# Usage: markup.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not installed"; exit 77; }
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f \( -name '*.erb' -o -name '*.html' -o -name '*.htm' \
  -o -name '*.md' -o -name '*.hbs' -o -name '*.liquid' -o -name '*.j2' \) ! -name SOURCES.md | sort)
[ -n "$files" ] || { echo "no templates in the corpus"; exit 1; }
status=0
n=0
for f in $files; do
  n=$((n + 1))
  if ! "$bin" --syntax markup --dump-strings "$f" >"$tmp/ours.jsonl" 2>"$tmp/err"; then
    echo "$f: tonelint failed: $(cat "$tmp/err")"
    status=1
    continue
  fi
  python3 - "$f" "$tmp/ours.jsonl" <<'PY' || status=1
import json, re, sys
path, ours = sys.argv[1:3]
lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
bad = 0
for row in open(ours, encoding="utf-8"):
    seg = json.loads(row)
    m = re.match(r"\w+", seg["text"])
    stored = lines[seg["line"] - 1][seg["column"] - 1:]
    if seg["kind"] != "email" and "mail" in path:
        print(f"{path}: segment at {seg['line']}:{seg['column']} is {seg['kind']}, not email")
        bad += 1
    if m and not stored.startswith(m.group(0)):
        print(f"{path}:{seg['line']}:{seg['column']}: holds {stored[:30]!r}, not {m.group(0)!r}")
        bad += 1
sys.exit(1 if bad else 0)
PY
done
if ! "$bin" --format unix $files >/dev/null 2>"$tmp/err"; then
  [ -s "$tmp/err" ] && { echo "linting the templates together reported errors:"; cat "$tmp/err"; status=1; }
fi
echo "$n templates swept"
exit $status
