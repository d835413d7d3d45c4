#!/bin/sh
# JSON and YAML files end to end: a malformed file gets one file:line:col
# error and exit 2 while the other files are still linted; standard input
# picks its format from --stdin-filename; --syntax overrides the name.
# Usage: json_yaml.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
run() { "$bin" --no-config --no-default-rules --rules "$src/tests/golden/pack" --format unix "$@"; }

mkdir -p "$tmp/locales"
printf '{\n  "a": "You failed to pay."\n}\n' >"$tmp/locales/en.json"
printf '{\n  "a": "ok",\n  "b": "bad \\q"\n}\n' >"$tmp/locales/bad.json"
printf 'en:\n  a: You failed to log in.\n' >"$tmp/locales/en.yml"
printf 'en:\n  a: ok\n   b: bad\n' >"$tmp/locales/bad.yml"
printf '{"@@locale": "en", "x": "{n, plural, one {You failed to pay} other {Paid}}"}\n' >"$tmp/locales/app.arb"

run "$tmp/locales" >"$tmp/out" 2>"$tmp/err"
check "malformed files make the run exit 2" 2 $?
contains "JSON error at file:line:col" "$tmp/err" "bad.json:3:13: error: invalid escape \\q"
contains "YAML error at file:line:col" "$tmp/err" "bad.yml:3:5: error:"
contains "good JSON still linted" "$tmp/out" "en.json:2:9: warning:"
contains "good YAML still linted" "$tmp/out" "en.yml:2:6: warning:"
contains "ICU branch text linted in ARB" "$tmp/out" "app.arb:1:43: warning:"

printf 'en:\n  a: "Sorry, \\"you failed to\\" pay."\n' | run --stdin-filename config/locales/en.yml >"$tmp/out" 2>&1
check "stdin with a YAML name" 1 $?
contains "stdin YAML position" "$tmp/out" "config/locales/en.yml:2:16: warning:"

printf '{"k": "You failed to pay."}' >"$tmp/strings.txt"
run --syntax json "$tmp/strings.txt" >"$tmp/out" 2>&1
check "--syntax json" 1 $?
contains "--syntax json position" "$tmp/out" "strings.txt:1:8: warning:"

[ $fails = 0 ]
