#!/bin/sh
# End-to-end behaviour of the tonelint command: exit codes, standard input,
# directory walks, bad input among good input, rule-pack errors, help.
# Usage: basics.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"

printf 'msgid "You failed to enter a valid card number. Invalid."\nmsgstr ""\n' >"$tmp/bad.po"
printf 'msgid "Enter the card number."\nmsgstr ""\n' >"$tmp/good.po"
printf 'msgid "broken\nmsgstr ""\n' >"$tmp/broken.po"

"$bin" "$tmp/good.po" >"$tmp/out" 2>&1; check "clean file exits 0" 0 $?
"$bin" "$tmp/bad.po" >"$tmp/out" 2>&1; check "findings exit 1" 1 $?
contains "text output names file:line:col" "$tmp/out" "bad.po:1:8:"
# A stable pack (blame.you-failed is a warning, blame.invalid a suggestion).
pack="--no-default-rules --rules $src/tests/golden/pack"
"$bin" $pack --fail-on error "$tmp/bad.po" >/dev/null 2>&1; check "--fail-on error ignores warnings" 0 $?
"$bin" $pack --fail-on warning "$tmp/bad.po" >/dev/null 2>&1; check "--fail-on warning" 1 $?
"$bin" $pack --fail-on none "$tmp/bad.po" >/dev/null 2>&1; check "--fail-on none" 0 $?
"$bin" $pack --min-severity warning --format unix "$tmp/bad.po" >"$tmp/out" 2>&1
[ "$(grep -c suggestion "$tmp/out")" = 0 ] && echo "ok   --min-severity drops suggestions" || { echo "FAIL --min-severity"; fails=$((fails + 1)); }
"$bin" $pack --format unix "$tmp/bad.po" >"$tmp/out" 2>&1
contains "suggestions reported by default" "$tmp/out" "suggestion:"

# A rewrite that deletes words says which, in every format that shows rewrites.
printf 'msgid "Your password was changed successfully."\nmsgstr ""\n' >"$tmp/del.po"
"$bin" --no-config "$tmp/del.po" >"$tmp/out" 2>&1
contains "text: a deletion names the words" "$tmp/out" "= try: remove “successfully”"
"$bin" --no-config --format markdown "$tmp/del.po" >"$tmp/out" 2>&1
contains "markdown: a deletion names the words" "$tmp/out" "| remove “successfully” |"
"$bin" --no-config --format html "$tmp/del.po" >"$tmp/out" 2>&1
contains "html: a deletion names the words" "$tmp/out" "Remove <b>successfully</b>"

"$bin" "$tmp/broken.po" "$tmp/bad.po" >"$tmp/out" 2>"$tmp/err"; check "syntax error exits 2" 2 $?
contains "syntax error names file:line:col" "$tmp/err" "broken.po:1:14: error:"
contains "other files still linted" "$tmp/out" "bad.po:1:8:"

"$bin" "$tmp/missing.po" "$tmp/bad.po" >"$tmp/out" 2>"$tmp/err"; check "missing file exits 2" 2 $?
contains "missing file named" "$tmp/err" "missing.po"
contains "linting continues after a missing file" "$tmp/out" "bad.po"

printf 'You failed to pay.\n' | "$bin" - >"$tmp/out" 2>&1; check "stdin as plain text" 1 $?
contains "stdin is named -" "$tmp/out" "-:1:1:"
"$bin" --stdin-filename app.po - <"$tmp/bad.po" >"$tmp/out" 2>&1; check "--stdin-filename picks the format" 1 $?
contains "stdin named" "$tmp/out" "app.po:1:8:"
"$bin" --stdin --syntax po <"$tmp/bad.po" >"$tmp/out" 2>&1; check "--syntax po on stdin" 1 $?

mkdir -p "$tmp/tree/sub" "$tmp/tree/.git" "$tmp/tree/node_modules"
cp "$tmp/bad.po" "$tmp/tree/sub/a.po"
cp "$tmp/bad.po" "$tmp/tree/.git/ignored.po"
cp "$tmp/bad.po" "$tmp/tree/node_modules/ignored.po"
printf 'not a locale file' >"$tmp/tree/sub/code.c"
ln -s .. "$tmp/tree/sub/loop"
"$bin" --format unix "$tmp/tree" >"$tmp/out" 2>&1; check "directory walk" 1 $?
[ "$(cut -d: -f1 "$tmp/out" | sort -u)" = "$tmp/tree/sub/a.po" ] && echo "ok   walk visits locale files only, no symlink loop" || { echo "FAIL walk:"; cat "$tmp/out"; fails=$((fails + 1)); }

"$bin" --format json "$tmp/bad.po" >"$tmp/out" 2>&1
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); f=d['files'][0]['findings'][0]; assert d['version']==1 and f['line']==1 and f['column']==8 and f['rule'].startswith('blame.'), f" "$tmp/out" \
  && echo "ok   json contract" || { echo "FAIL json contract"; fails=$((fails + 1)); }

"$bin" --format nope "$tmp/bad.po" >/dev/null 2>&1; check "unknown format" 2 $?
"$bin" --syntax nope "$tmp/bad.po" >/dev/null 2>&1; check "unknown syntax" 2 $?
"$bin" --bogus >/dev/null 2>&1; check "unknown option" 2 $?
"$bin" --version >"$tmp/out" 2>&1; check "--version" 0 $?
contains "--version prints the name" "$tmp/out" "tonelint "
"$bin" --help >"$tmp/out" 2>&1; check "--help" 0 $?
contains "--help lists options" "$tmp/out" "--fail-on"
"$bin" --list-rules >"$tmp/out" 2>&1; check "--list-rules" 0 $?
contains "--list-rules lists blame rules" "$tmp/out" "blame."
id=$(head -n 1 "$tmp/out" | cut -d' ' -f1)
"$bin" --explain "$id" >"$tmp/out" 2>&1; check "--explain" 0 $?
contains "--explain shows examples" "$tmp/out" "Instead of:"
"$bin" --explain no.such-rule >/dev/null 2>&1; check "--explain unknown" 2 $?

mkdir -p "$tmp/pack"
printf 'category: x\nrules:\n  - id: x.a\n    severity: loud\n' >"$tmp/pack/x.yml"
"$bin" --rules "$tmp/pack" "$tmp/good.po" >/dev/null 2>"$tmp/err"; check "bad rule pack exits 2" 2 $?
contains "rule error names file:line:col" "$tmp/err" "x.yml:4:15: error:"
# Every error of a pack in one run: each rule's, each file's, each placed.
mkdir -p "$tmp/pack2"
cat >"$tmp/pack2/a.yml" <<'YML'
category: x
rules:
  - id: x.one
    severity: loud
    kind: existence
    message: hi
    why: because
    patterns: ['(unclosed']
    examples: {bad: [a], good: [b]}
  - id: x.two
    severity: error
    kind: nonsense
    colour: red
    patterns: [a]
    examples: {bad: [a], good: [b]}
YML
printf 'category: y\nrules: [\n' >"$tmp/pack2/b.yml"
"$bin" --rules "$tmp/pack2" "$tmp/good.po" >/dev/null 2>"$tmp/err"; check "pack with many errors exits 2" 2 $?
for want in "a.yml:4:15: error: unknown severity" "a.yml:8:16: error: bad pattern" \
    "a.yml:13:5: error: unknown rule field \`colour\`" "a.yml:12:11: error: unknown kind" \
    "a.yml:10:5: error: rule \`x.two\` needs a \`message\`" "b.yml:3:1: error:"; do
  contains "every pack error: $want" "$tmp/err" "$want"
done

echo "$fails failed"
[ "$fails" = 0 ]
