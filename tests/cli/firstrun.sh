#!/bin/sh
# What a new user meets first: --explain with a near miss, a binary that
# cannot find its rule pack, --write-baseline's one line, bare `tonelint` in
# a terminal, --help naming the language server, and --fix on Android
# strings whose placeholders sit inside <xliff:g> markup.
# Usage: firstrun.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"

"$bin" --explain you-failed-to >"$tmp/out" 2>"$tmp/err"; check "--explain of a bare rule name exits 2" 2 $?
contains "--explain suggests the full id" "$tmp/err" "did you mean blame.you-failed-to?"
"$bin" --explain blame.you-faled-to >/dev/null 2>"$tmp/err"
contains "--explain suggests through a typo" "$tmp/err" "did you mean blame.you-failed-to?"
"$bin" --explain zzzzzzzz >/dev/null 2>"$tmp/err"
if grep -q "did you mean" "$tmp/err"; then echo "FAIL --explain suggests nothing for nonsense"; fails=$((fails + 1)); else echo "ok   --explain suggests nothing for nonsense"; fi

# A copy of the binary far from any install or checkout.
mkdir -p "$tmp/away/bin"
cp "$bin" "$tmp/away/bin/tonelint"
printf 'msgid "You failed to pay."\nmsgstr ""\n' >"$tmp/bad.po"
env -u TONELINT_RULES_DIR "$tmp/away/bin/tonelint" "$tmp/bad.po" >/dev/null 2>"$tmp/err"
check "a binary without its rule pack exits 2" 2 $?
contains "... and names TONELINT_RULES_DIR" "$tmp/err" "TONELINT_RULES_DIR"
contains "... and names --rules" "$tmp/err" "--rules DIR"
TONELINT_RULES_DIR=$src/rules "$tmp/away/bin/tonelint" "$tmp/bad.po" >/dev/null 2>&1
check "... which TONELINT_RULES_DIR fixes" 1 $?

"$bin" --write-baseline "$tmp/base.json" "$tmp/bad.po" >"$tmp/out" 2>&1; check "--write-baseline exits 0" 0 $?
[ "$(wc -l <"$tmp/out" | tr -d ' ')" = 1 ] && echo "ok   --write-baseline prints one line" || { echo "FAIL --write-baseline output:"; cat "$tmp/out"; fails=$((fails + 1)); }
contains "... which says how many and where" "$tmp/out" "wrote 1 finding to $tmp/base.json"

"$bin" --help >"$tmp/out" 2>&1; check "--help exits 0" 0 $?
contains "--help names the language server" "$tmp/out" "tonelint lsp"

# Bare `tonelint` with a terminal on standard input: usage, exit 2 (script(1)
# gives the command a terminal).
if command -v script >/dev/null 2>&1; then
  script -qec "$bin" /dev/null </dev/null >"$tmp/out" 2>&1
  check "bare tonelint in a terminal exits 2" 2 $?
  contains "... after the usage" "$tmp/out" "Usage: tonelint"
else
  echo "skip bare tonelint in a terminal: no script(1)"
fi

# Android: an edit before <xliff:g> markup moves the markup but keeps it.
mkdir -p "$tmp/res/values"
cat >"$tmp/res/values/strings.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <string name="card">Utilize a card that\'s registered to <xliff:g id="name">%1$s</xliff:g>.</string>
    <string name="touch">Utilize <xliff:g id="app">Acme</xliff:g> to utilize <xliff:g id="n">%d</xliff:g> cards.</string>
</resources>
XML
"$bin" --no-config --fix "$tmp/res/values/strings.xml" >"$tmp/out" 2>&1
cat >"$tmp/want.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <string name="card">Use a card that\'s registered to <xliff:g id="name">%1$s</xliff:g>.</string>
    <string name="touch">Use <xliff:g id="app">Acme</xliff:g> to use <xliff:g id="n">%d</xliff:g> cards.</string>
</resources>
XML
if cmp -s "$tmp/want.xml" "$tmp/res/values/strings.xml"; then echo "ok   --fix before and between <xliff:g> runs"; else
  echo "FAIL --fix around <xliff:g>:"; diff "$tmp/want.xml" "$tmp/res/values/strings.xml"; fails=$((fails + 1)); fi
if grep -q "placeholder or markup" "$tmp/out"; then echo "FAIL --fix refused:"; cat "$tmp/out"; fails=$((fails + 1)); else echo "ok   no placeholder refusal"; fi

[ "$fails" = 0 ] || { echo "$fails failed"; exit 1; }
