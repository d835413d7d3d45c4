#!/bin/sh
# Inline suppression (PRODUCT.md §4) end to end, format by format: each case
# is a file with directives and the exact findings that must remain
# (line:column rule). Extractors with comments add their case here.
# Usage: suppression.sh TONELINT SOURCE_DIR
set -u
bin=$1
src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
# expect NAME FILE [LINE:COL RULE]... : exactly these findings remain.
expect() {
  name=$1 file=$2
  shift 2
  "$bin" --no-config --no-default-rules --rules "$src/tests/golden/output-pack" --format unix "$file" 2>&1 |
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

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
