#!/bin/sh
# Baselines end to end: --write-baseline records the run (and exits 0),
# --baseline reports only what is new, counting (2 recorded, 3 found: 1
# new), surviving moved lines and a different working directory; errors in
# the file name its line and column.
# Usage: baseline.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
lines() { # lines NAME FILE N
  n=$(wc -l <"$2" | tr -d ' ')
  if [ "$n" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: $n lines, expected $3:"; sed 's/^/     /' "$2"; fails=$((fails + 1)); fi
}
run() { "$bin" --no-config --no-default-rules --rules "$src/tests/golden/output-pack" --format unix "$@"; }

p=$tmp/proj
mkdir -p "$p/locale" "$p/mail"
cat >"$p/locale/app.po" <<'PO'
msgid "You failed to pay."
msgstr ""

msgctxt "retry"
msgid "You failed to pay."
msgstr ""

msgid "Utilize the form. Utilize it twice."
msgstr ""
PO
printf 'We appreciate your business.\n\nWe appreciate your business.\n' >"$p/mail/receipt.txt"

(cd "$p" && run --write-baseline .tonelint-baseline.json locale mail) >"$tmp/out" 2>&1
check "--write-baseline exits 0 with findings" 0 $?
lines "--write-baseline prints one line, not the report" "$tmp/out" 1
contains "--write-baseline says how many and where" "$tmp/out" "wrote 6 findings to .tonelint-baseline.json"
(cd "$p" && "$bin" --no-config --no-default-rules --rules "$src/tests/golden/output-pack" --format json \
  --write-baseline "$tmp/b2.json" locale mail) >"$tmp/json" 2>"$tmp/err"
contains "--write-baseline with a machine format keeps its report" "$tmp/json" '"version": 1'
contains "... and says what it wrote on stderr" "$tmp/err" "wrote 6 findings to $tmp/b2.json"
b=$p/.tonelint-baseline.json
contains "baseline has a version" "$b" '"version": 1'
contains "baseline paths are relative to it" "$b" '"path": "locale/app.po"'
contains "baseline keeps the context" "$b" '"context": "retry"'
contains "baseline counts repeats in one entry" "$b" '"match": "Utilize", "count": 2'
contains "baseline counts repeats in plain text" "$b" '"key": null, "context": null, "rule": "cold.appreciate-business", "match": "We appreciate your business", "count": 2'

(cd "$p" && run --baseline .tonelint-baseline.json locale mail) >"$tmp/out" 2>&1
check "nothing new: exit 0" 0 $?
lines "nothing new: nothing reported" "$tmp/out" 0

# Lines move: the fingerprint has no line numbers.
{ printf '# A new comment\n# and another\n\n'; cat "$p/locale/app.po"; } >"$tmp/moved" && mv "$tmp/moved" "$p/locale/app.po"
(cd "$p" && run --baseline .tonelint-baseline.json locale) >"$tmp/out" 2>&1
check "moved lines are still covered" 0 $?

# A third paragraph where two were recorded (plain text has no keys): one
# is new, the last one.
printf '\nWe appreciate your business.\n' >>"$p/mail/receipt.txt"
(cd "$p" && run --baseline .tonelint-baseline.json mail) >"$tmp/out" 2>&1
check "one more than recorded fails the run" 1 $?
lines "one more than recorded: one reported" "$tmp/out" 1
contains "the new one is the last" "$tmp/out" "receipt.txt:5:1: warning"

# In PO the msgid is the key: an edited msgid is a new string.
sed -i 's/Utilize it twice./Utilize it twice, please./' "$p/locale/app.po"
printf '\nmsgid "You failed to sign."\nmsgstr ""\n' >>"$p/locale/app.po"
(cd "$p" && run --baseline .tonelint-baseline.json locale) >"$tmp/out" 2>&1
check "new findings fail the run" 1 $?
lines "an edited msgid and a new entry are new" "$tmp/out" 3
contains "the new entry is reported" "$tmp/out" "app.po:14:8: warning"
(cd "$p" && run --baseline .tonelint-baseline.json --format json locale) >"$tmp/out" 2>&1
contains "json summary counts only new findings" "$tmp/out" '"findings": 3'

# Another working directory, the same files.
(cd "$p/locale" && run --baseline ../.tonelint-baseline.json app.po) >"$tmp/out" 2>&1
lines "paths resolve from the baseline's folder" "$tmp/out" 3

# Refresh: read the old one, write the new one.
(cd "$p" && run --baseline .tonelint-baseline.json --write-baseline .tonelint-baseline.json locale mail) >/dev/null 2>&1
check "refresh exits 0" 0 $?
(cd "$p" && run --baseline .tonelint-baseline.json locale mail) >"$tmp/out" 2>&1
check "after a refresh nothing is new" 0 $?
lines "after a refresh nothing is reported" "$tmp/out" 0

# Errors.
printf '{"version": 1, "entries": [\n  {"path": "a.po", "rule": 7}]}\n' >"$tmp/bad.json"
run --baseline "$tmp/bad.json" "$p/locale" >"$tmp/out" 2>"$tmp/err"; check "malformed baseline exits 2" 2 $?
contains "malformed baseline names line and column" "$tmp/err" "bad.json:2:28: error: \`rule\` takes a string"
run --baseline "$tmp/none.json" "$p/locale" >"$tmp/out" 2>"$tmp/err"; check "missing baseline exits 2" 2 $?
contains "missing baseline named" "$tmp/err" "none.json"
run --write-baseline "$tmp/no/such/dir/b.json" "$p/locale" >"$tmp/out" 2>"$tmp/err"; check "unwritable baseline exits 2" 2 $?

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
