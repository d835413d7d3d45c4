#!/bin/sh
# Inline suppression (PRODUCT.md §4) end to end, format by format: each case
# is a file with directives and the exact findings that must remain
# (line:column rule). Extractors with comments add their case here.
# Usage: suppression.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
# expect NAME FILE [LINE:COL RULE]... : exactly these findings remain.
expect() {
  name=$1 file=$2
  shift 2
  "$bin" --no-config --no-default-rules --rules "$src/tests/golden/output-pack" --format unix "$file" 2>"$tmp/stderr" |
    sed -E 's/^[^:]+:([0-9]+:[0-9]+): [a-z]+: .*\[(.*)\]$/\1 \2/' | sort >"$tmp/got"
  : >"$tmp/want"
  for f in "$@"; do echo "$f" >>"$tmp/want"; done
  sort -o "$tmp/want" "$tmp/want"
  if diff "$tmp/want" "$tmp/got" >"$tmp/diff"; then
    echo "ok   $name"
  else
    echo "FAIL $name (- expected, + found):"
    sed -n 's/^</     -/p; s/^>/     +/p' "$tmp/diff"
    fails=$((fails + 1))
  fi
}

# -- gettext PO: `#` translator comments and `#.` extracted comments.
cat >"$tmp/app.po" <<'PO'
msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

# 1. No names: the whole next entry, its msgstr included.
# tonelint-disable-next-line
msgid "You failed to utilize the invalid form."
msgstr "You failed to utilize it."

# 2. The entry after it is not covered.
msgid "You failed to pay."
msgstr ""

# 3. A category: other rules in the entry still report.
# tonelint-disable-next-line blame
msgid "You failed to utilize the invalid card."
msgstr ""

# 4. Rule ids, comma-separated, after a colon.
# tonelint-disable-next-line: blame.invalid, wordy.utilize
msgid "You failed to utilize the invalid code."
msgstr ""

#. 5. An extracted comment from the code, with a reason after `--`.
#. TRANSLATORS: tonelint-disable-next-line blame -- legal wording
msgid "You failed to sign. Utilize the pen."
msgstr ""

# 6. A plural entry: every form of it.
# tonelint-disable-next-line wordy
msgid "Utilize %d card."
msgid_plural "Utilize %d cards."
msgstr[0] "Utilize %d card."
msgstr[1] "Utilize %d cards."

# 7. A name that is no rule silences nothing.
# tonelint-disable-next-line no-such-rule
msgid "Invalid code."
msgstr ""

# 8. A region for one category.
# tonelint-disable cold
msgid "We appreciate your business. Invalid."
msgstr ""

msgid "We appreciate your business, really."
msgstr ""
# tonelint-enable cold

msgid "We appreciate your business again."
msgstr ""

# 9. Disable everything; enable one category again.
# tonelint-disable
msgid "Invalid. We appreciate your business."
msgstr ""
# tonelint-enable blame

msgid "Invalid. We appreciate your business. Utilize it."
msgstr ""

# 10. A directive at the end of the file covers nothing.
# tonelint-disable-next-line
PO
expect "PO directives" "$tmp/app.po" \
  "12:8 blame.you-failed" \
  "17:22 wordy.utilize" \
  "22:8 blame.you-failed" \
  "27:28 wordy.utilize" \
  "39:8 blame.invalid" \
  "44:37 blame.invalid" \
  "51:8 cold.appreciate-business" \
  "60:8 blame.invalid"

# -- Plain text has no comment syntax: every line is copy the customer
# reads, so a directive there is text like any other and silences nothing
# (use `overrides` in .tonelint.yml or a baseline instead).
cat >"$tmp/notice.txt" <<'TXT'
tonelint-disable-next-line

You failed to pay. We appreciate your business.
TXT
expect "plain text has no directives" "$tmp/notice.txt" \
  "3:1 blame.you-failed" \
  "3:20 cold.appreciate-business"

run() { "$bin" --no-config --no-default-rules --rules "$src/tests/golden/output-pack" --format unix "$@"; }

# -- A name that is no rule and no category silences nothing: a warning at
# the name, with the rule it most likely meant.
cat >"$tmp/typo.po" <<'PO'
# tonelint-disable-next-line blame.you-faled
msgid "You failed to pay."
msgstr ""

# tonelint-disable-next-line   cold, you-failed -- legal wording
msgid "You failed to pay twice."
msgstr ""
PO
run "$tmp/typo.po" >"$tmp/out" 2>"$tmp/err"
contains "misspelt rule id: warning at file:line:col" "$tmp/err" \
  "typo.po:1:30: warning: tonelint-disable-next-line names no rule or category \`blame.you-faled\`; did you mean blame.you-failed?"
contains "rule name without its category: did you mean" "$tmp/err" \
  "typo.po:5:38: warning: tonelint-disable-next-line names no rule or category \`you-failed\`; did you mean blame.you-failed?"
lacks "a category is a name" "$tmp/err" "\`cold\`"
contains "the misspelt directive silences nothing" "$tmp/out" "typo.po:2:8:"

# -- --report-unused-disables: a disable that silences nothing is an error
# (exit 1, like ESLint's --report-unused-disable-directives), at the comment.
cat >"$tmp/unused.po" <<'PO'
# tonelint-disable-next-line blame
msgid "You failed to pay."
msgstr ""

# tonelint-disable-next-line wordy.utilize
msgid "Enter the code."
msgstr ""

# tonelint-disable cold
msgid "Thanks."
msgstr ""
# tonelint-enable cold
PO
run "$tmp/unused.po" >"$tmp/out" 2>"$tmp/err"; st=$?
[ "$st" = 0 ] && echo "ok   unused disables pass without the option" || { echo "FAIL unused without option: exit $st"; fails=$((fails + 1)); }
lacks "... and are not reported" "$tmp/err" "unused"
run --report-unused-disables "$tmp/unused.po" >"$tmp/out" 2>"$tmp/err"; st=$?
[ "$st" = 1 ] && echo "ok   --report-unused-disables exits 1" || { echo "FAIL --report-unused-disables: exit $st"; fails=$((fails + 1)); }
contains "unused next-line reported at its comment" "$tmp/err" \
  "unused.po:5:1: error: unused tonelint-disable-next-line: no wordy.utilize finding to silence"
contains "unused disable reported" "$tmp/err" "unused.po:9:1: error: unused tonelint-disable: no cold finding to silence"
lacks "a used directive is not reported" "$tmp/err" "unused.po:1:"
lacks "enable is never unused" "$tmp/err" "unused.po:12:"
run --report-unused-disables --fail-on none "$tmp/unused.po" >/dev/null 2>&1; st=$?
[ "$st" = 0 ] && echo "ok   --fail-on none lets unused disables pass" || { echo "FAIL --fail-on none: exit $st"; fails=$((fails + 1)); }

# -- tonelint-disable-line: a trailing comment silences the entries on its line.
cat >"$tmp/app.yml" <<'YML'
en:
  a: "You failed to pay."  # tonelint-disable-line blame.you-failed
  b: You failed to pay. # tonelint-disable-line wordy
  c: You failed to pay.
YML
expect "YAML disable-line" "$tmp/app.yml" "3:6 blame.you-failed" "4:6 blame.you-failed"
mkdir -p "$tmp/res/values"
cat >"$tmp/res/values/strings.xml" <<'XML'
<resources>
    <string name="a">You failed to pay.</string> <!-- tonelint-disable-line -->
    <string name="b">You failed to pay.</string>
</resources>
XML
expect "Android disable-line" "$tmp/res/values/strings.xml" "3:22 blame.you-failed"
cat >"$tmp/Localizable.strings" <<'STR'
"a" = "You failed to pay."; // tonelint-disable-line blame
"b" = "You failed to pay."; /* tonelint-disable-line */
"c" = "You failed to pay.";
STR
expect ".strings disable-line" "$tmp/Localizable.strings" "3:8 blame.you-failed"
mkdir -p "$tmp/lang/en"
cat >"$tmp/lang/en/pay.php" <<'PHP'
<?php
return [
    'a' => 'You failed to pay.', // tonelint-disable-line
    'b' => 'You failed to pay.',
];
PHP
expect "PHP disable-line" "$tmp/lang/en/pay.php" "4:13 blame.you-failed"
cat >"$tmp/page.html" <<'HTML'
<p>You failed to pay.</p> <!-- tonelint-disable-line -->
<p>You failed to pay.</p>
HTML
expect "HTML disable-line" "$tmp/page.html" "2:4 blame.you-failed"
run --report-unused-disables "$tmp/app.yml" >/dev/null 2>"$tmp/err"
contains "an unused disable-line is reported too" "$tmp/err" "app.yml:3:"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
