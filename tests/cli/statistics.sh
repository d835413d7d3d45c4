#!/bin/sh
# --statistics over real corpus files (../shared/corpus, by relative path):
# the text tables and the JSON document equal their goldens
# (tests/cli/statistics/), every count equals what the --format json report
# of the same run says (per rule, category, moment, worst files, and the
# summary), the exit status is the run's, a clean run prints no tables but
# the moments, and formats other than text and json are refused (exit 2).
# Usage: statistics.sh TONELINT SOURCE_DIR [--update]
# (--update rewrites the goldens after a reviewed change.)
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
export TONELINT_RULES_DIR="$src/rules"
command -v jq >/dev/null || { echo "jq is missing"; exit 77; }
cd "$src" || exit 2
[ -d ../shared/corpus ] || { echo "skip: no ../shared/corpus"; exit 77; }
golden() { # golden NAME FILE GOLDEN
  if [ "${3:-}" ] && [ "${update:-}" = 1 ]; then cp "$2" "$3"; echo "updated $3"; return; fi
  if cmp -s "$2" "$3"; then echo "ok   $1"; else echo "FAIL $1:"; diff -u "$3" "$2" | head -40; fails=$((fails + 1)); fi
}
update=0
[ "${3:-}" = --update ] && update=1
gold=tests/cli/statistics
files="../shared/corpus/devise/config/locales/en.yml
../shared/corpus/bagisto/packages/Webkul/Shop/src/Resources/lang/en/app.php
../shared/corpus/bolt/templates/reset_password/email.html.twig
../shared/corpus/mozilla-monitor/locales/en/fix.ftl
../shared/corpus/woocommerce-gateway-stripe/languages/woocommerce-gateway-stripe.pot"
for f in $files; do [ -f "$f" ] || { echo "skip: $f is missing"; exit 77; }; done
# shellcheck disable=SC2086 # the list is split on purpose
set -- $files

"$bin" --no-config -j 2 --statistics "$@" >"$tmp/stats.txt"
eq text-exit 1 $?
golden text-golden "$tmp/stats.txt" "$gold/corpus.txt"
"$bin" --no-config -j 2 --statistics --format json "$@" >"$tmp/stats.json"
eq json-exit 1 $?
golden json-golden "$tmp/stats.json" "$gold/corpus.json"
jq -e . "$tmp/stats.json" >/dev/null
eq json-valid 0 $?

# The same run as a findings report: every table is its aggregate.
"$bin" --no-config --format json "$@" >"$tmp/report.json"
eq per-rule "$(jq -c '[.files[].findings[]] | group_by(.rule) | map({rule: .[0].rule, category: .[0].category, findings: length}) | sort_by(.rule)' "$tmp/report.json")" \
  "$(jq -c '.rules | map({rule, category, findings}) | sort_by(.rule)' "$tmp/stats.json")"
eq per-rule-fixable "$(jq -c '[.files[].findings[]] | group_by(.rule) | map([.[0].rule, (map(select(.fixable)) | length)]) | sort' "$tmp/report.json")" \
  "$(jq -c '.rules | map([.rule, .fixable]) | sort' "$tmp/stats.json")"
eq per-category "$(jq -c '.summary.by_category | to_entries | map([.key, .value]) | sort' "$tmp/report.json")" \
  "$(jq -c '.categories | map([.category, .findings]) | sort' "$tmp/stats.json")"
eq per-moment "$(jq -c '[.files[].findings[]] | group_by(.moment) | map([.[0].moment, length]) | sort' "$tmp/report.json")" \
  "$(jq -c '.moments | map(select(.findings > 0)) | map([.moment, .findings]) | sort' "$tmp/stats.json")"
eq moment-strings "$(jq '.summary.segments' "$tmp/report.json")" "$(jq '[.moments[].strings] | add' "$tmp/stats.json")"
eq worst-files "$(jq -c '[.files[] | select(.findings | length > 0) | {path, findings: (.findings | length)}] | sort_by(-.findings, .path) | .[:10]' "$tmp/report.json")" \
  "$(jq -c '.worst_files | map({path, findings})' "$tmp/stats.json")"
eq worst-first "$(jq -c '.rules | map(.findings) | . == (sort | reverse)' "$tmp/stats.json")" true
eq summary "$(jq -c '.summary | {files, segments, findings, by_severity}' "$tmp/report.json")" \
  "$(jq -c '.summary | {files, segments, findings, by_severity}' "$tmp/stats.json")"
eq text-total "$("$bin" --no-config "$@" | tail -n 1)" "$(tail -n 1 "$tmp/stats.txt")"
eq text-rows "$(jq '.rules | length' "$tmp/stats.json")" \
  "$(awk '/^rule /{on=1; next} on && /^$/{exit} on' "$tmp/stats.txt" | wc -l | tr -d ' ')"

# A clean run: the total and the strings of each moment, no rule table.
printf 'msgid "Enter your card number."\nmsgstr ""\n' >"$tmp/clean.po"
"$bin" --no-config --statistics "$tmp/clean.po" >"$tmp/clean.txt"
eq clean-exit 0 $?
eq clean-no-rules 0 "$(grep -c '^rule ' "$tmp/clean.txt")"
eq clean-moment 1 "$(grep -c '^checkout  *0  *1 ' "$tmp/clean.txt")"
eq clean-total 1 "$(grep -c '^No problems found in 1 string across 1 file.$' "$tmp/clean.txt")"
# Fixable findings are counted per rule as the summary counts them.
printf '{"a": "Please utilize the link below."}\n' >"$tmp/wordy.json"
"$bin" --no-config --statistics --format json "$tmp/wordy.json" >"$tmp/wordy.out"
eq fixable "1 1" "$(jq -r '"\(.rules[] | select(.rule == "wordy.utilize") | .fixable) \(.summary.fixable)"' "$tmp/wordy.out")"
# A path with a control character is shown, never sent.
esc=$(printf 'a\033b.po')
cp "$tmp/clean.po" "$tmp/$esc"
printf 'msgid "You failed to pay."\nmsgstr ""\n' >"$tmp/$esc"
"$bin" --no-config --statistics "$tmp/$esc" >"$tmp/esc.txt"
eq escaped-path 1 "$(grep -c 'a\\x1bb.po' "$tmp/esc.txt")"
eq no-raw-escape 0 "$(grep -c "$(printf '\033')" "$tmp/esc.txt")"
"$bin" --no-config --statistics --format sarif "$tmp/clean.po" >/dev/null 2>"$tmp/err"
eq other-format-exit 2 $?
eq other-format-says 1 "$(grep -c 'statistics prints text, or JSON' "$tmp/err")"

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
