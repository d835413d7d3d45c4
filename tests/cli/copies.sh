#!/bin/sh
# A translation set is one source: four copies of a real catalog (the
# shared corpus's liberapay de.po under four language names) report each
# English msgid once, as many findings as one copy alone; --all-copies
# reports all four; with a template (.pot) in the set, the msgid findings are
# at the template; --jobs does not change the output.
# Usage: copies.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
po=$src/../shared/corpus/liberapay/i18n/core/de.po
[ -f "$po" ] || { echo "skip: no corpus"; exit 77; }
count() { "$bin" --format unix "$@" 2>/dev/null | grep -c ': \(error\|warning\|suggestion\):'; }
mkdir -p "$tmp/set" "$tmp/one"
cp "$po" "$tmp/one/de.po"
for l in de es fr it; do
  sed "s/^\"Language: de/\"Language: $l/" "$po" >"$tmp/set/$l.po"
done
one=$(count "$tmp/one")
[ "$one" -gt 0 ] || { echo "FAIL no findings in one copy"; exit 1; }
eq "four copies report as much as one" "$one" "$(count "$tmp/set")"
eq "--all-copies reports every copy" "$((4 * one))" "$(count --all-copies "$tmp/set")"
"$bin" "$tmp/set" >"$tmp/text" 2>&1
grep -q "more findings on copies of English source strings" "$tmp/text" ||
  { echo "FAIL the text summary does not count the copies"; fails=$((fails + 1)); }
"$bin" --format unix --jobs 1 "$tmp/set" >"$tmp/j1" 2>&1
"$bin" --format unix --jobs 2 "$tmp/set" >"$tmp/j2" 2>&1
cmp -s "$tmp/j1" "$tmp/j2" && echo "ok   --jobs keeps the output" ||
  { echo "FAIL --jobs 1 and 2 differ"; fails=$((fails + 1)); }
# The first copy carries them without a template; with one, the template.
msgid_lines=$("$bin" --format unix "$tmp/set" | cut -d: -f1 | sort | uniq -c | sort -rn | head -1)
case $msgid_lines in *"/de.po") echo "ok   the first catalog carries the set" ;; *) echo "FAIL most findings at $msgid_lines"; fails=$((fails + 1)) ;; esac
# A template: the same catalog under a .pot name.
cp "$po" "$tmp/set/app.pot"
top=$("$bin" --format unix "$tmp/set" | cut -d: -f1 | sort | uniq -c | sort -rn | head -1)
case $top in *"/app.pot") echo "ok   the template carries the set" ;; *) echo "FAIL most findings at $top"; fails=$((fails + 1)) ;; esac
[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
