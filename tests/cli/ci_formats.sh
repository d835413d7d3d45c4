#!/bin/sh
# The CI formats' ends: --format github closes with a line of counts and,
# past GitHub's 10 annotations of a level per step, says where to see them
# all; --format markdown is a report for $GITHUB_STEP_SUMMARY whose table
# holds every finding (up to its cap) with file text escaped.
# Usage: ci_formats.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
run() { "$bin" --no-config --no-default-rules --rules "$src/tests/golden/output-pack" "$@"; }

printf 'msgid "You failed to pay."\nmsgstr ""\n\nmsgid "Please utilize it."\nmsgstr ""\n' >"$tmp/few.po"
: >"$tmp/many.po"
i=0
while [ $i -lt 12 ]; do
  printf 'msgid "You failed to pay %d times."\nmsgstr ""\n\n' $i >>"$tmp/many.po"
  i=$((i + 1))
done

run --format github "$tmp/few.po" >"$tmp/out" 2>&1
[ "$(tail -n 1 "$tmp/out")" = "tonelint: 2 findings (0 errors, 1 warning, 1 suggestion)." ] &&
  echo "ok   github ends with the counts" || { echo "FAIL github last line:"; tail -n 1 "$tmp/out"; fails=$((fails + 1)); }
lacks "no annotation limit note for a few findings" "$tmp/out" "first 10"
run --format github "$tmp/many.po" >"$tmp/out" 2>&1
contains "12 warnings: the limit is named" "$tmp/out" "GitHub shows only the first 10 annotations of each level per step"
contains "... and markdown to the step summary" "$tmp/out" '--format markdown ... >> "$GITHUB_STEP_SUMMARY"'
[ "$(grep -c '^::warning ' "$tmp/out")" = 12 ] && echo "ok   every finding is still an annotation" || { echo "FAIL annotations"; fails=$((fails + 1)); }
[ "$(grep -vc '^::' "$tmp/out")" = 1 ] && echo "ok   the summary is one plain log line" || { echo "FAIL summary lines"; fails=$((fails + 1)); }

run --format markdown "$tmp/many.po" "$tmp/few.po" >"$tmp/md" 2>&1
contains "markdown headline" "$tmp/md" "### tonelint: 14 findings in 2 of 2 files"
[ "$(grep -c '^| .*many.po | ' "$tmp/md")" = 12 ] && echo "ok   a row per finding" || { echo "FAIL rows"; fails=$((fails + 1)); }
run --format markdown --fail-on none "$tmp/many.po" >/dev/null 2>&1 && echo "ok   markdown follows --fail-on" || { echo "FAIL markdown exit"; fails=$((fails + 1)); }

# The cap: 1000 rows, then a count of the rest.
: >"$tmp/huge.po"
i=0
while [ $i -lt 1005 ]; do
  printf 'msgid "You failed to pay %d."\nmsgstr ""\n\n' $i >>"$tmp/huge.po"
  i=$((i + 1))
done
run --format markdown "$tmp/huge.po" >"$tmp/md" 2>&1
[ "$(grep -c '^| .*huge.po | ' "$tmp/md")" = 1000 ] && echo "ok   markdown stops at 1000 rows" || { echo "FAIL cap"; fails=$((fails + 1)); }
contains "... and counts the rest" "$tmp/md" "5 more not shown"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
