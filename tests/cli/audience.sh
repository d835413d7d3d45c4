#!/bin/sh
# `audience:` in .tonelint.yml end to end: files and keys the cues miss are
# developer or settings copy (rules with `audience: customer` or `lay` leave
# them alone), `customer` undoes a cue that marks a customer feature, the
# first entry that matches wins, and bad entries are errors at their
# position (exit 2).
# Usage: audience.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
export TONELINT_RULES_DIR="$src/rules"
p=$tmp/proj
mkdir -p "$p/ops" "$p/app"
# jargon.invalid has `audience: customer`, jargon.acronym `audience: lay`;
# `admin_notice` is developer copy by its key.
cat >"$p/ops/en.json" <<'JSON'
{"sync": {"failed": "Invalid token. Restart the worker."}}
JSON
cat >"$p/app/en.json" <<'JSON'
{
  "account": {"mfa": "Invalid code. Set up TOTP first."},
  "ops_sync": "Invalid token. Restart the worker.",
  "admin_notice": {"body": "Invalid token. Restart the worker."},
  "checkout": {"card": "Invalid card. Set up TOTP first."}
}
JSON
cat >"$p/app/en.po" <<'PO'
msgctxt "backoffice"
msgid "Invalid token. Restart the worker."
msgstr ""

msgid "Invalid card. Retype the number."
msgstr ""
PO
cd "$p" || exit 2
lint() { "$bin" --format json "$@" >"$tmp/out.json" 2>"$tmp/err"; }
# RULE@KEY for every finding, sorted, on one line.
found() {
  jq -r '[.files[] | .path as $f | .findings[] | "\(.rule)@\($f):\(.key // "")"] | sort | join(" ")' \
    "$tmp/out.json"
}
cfg() { printf "$1" >"$p/.tonelint.yml"; }

# -- Without a config the cues decide: ops/ is customer copy.
lint ops app/en.json app/en.po
eq no-config-exit 1 $?
eq no-config "jargon.acronym@app/en.json:account.mfa jargon.acronym@app/en.json:checkout.card jargon.invalid@app/en.json:account.mfa jargon.invalid@app/en.json:checkout.card jargon.invalid@app/en.json:ops_sync jargon.invalid@app/en.po:Invalid card. Retype the number. jargon.invalid@app/en.po:Invalid token. Restart the worker. jargon.invalid@ops/en.json:sync.failed" "$(found)"

# -- developer by files: the finding in ops/ goes, the others stay.
cfg 'audience:\n  - audience: developer\n    files: [ops/**]\n'
lint ops app/en.json
eq developer-files-exit 1 $?
eq developer-files "jargon.acronym@app/en.json:account.mfa jargon.acronym@app/en.json:checkout.card jargon.invalid@app/en.json:account.mfa jargon.invalid@app/en.json:checkout.card jargon.invalid@app/en.json:ops_sync" "$(found)"
lint ops
eq developer-files-clean 0 $?

# -- settings by key: the customer rule still fires, the lay rule does not.
cfg 'audience:\n  - audience: settings\n    keys: [account.*]\n'
lint app/en.json
eq settings-keys "jargon.acronym@app/en.json:checkout.card jargon.invalid@app/en.json:account.mfa jargon.invalid@app/en.json:checkout.card jargon.invalid@app/en.json:ops_sync" "$(found)"

# -- developer by /regex/ over the key, and over a PO msgctxt.
cfg 'audience:\n  - audience: developer\n    keys: ["/^ops_/", backoffice]\n'
lint app/en.json app/en.po
eq developer-keys "jargon.acronym@app/en.json:account.mfa jargon.acronym@app/en.json:checkout.card jargon.invalid@app/en.json:account.mfa jargon.invalid@app/en.json:checkout.card jargon.invalid@app/en.po:Invalid card. Retype the number." "$(found)"

# -- customer undoes the key cue of admin_notice.
cfg 'audience:\n  - audience: customer\n    keys: [admin_notice.*]\n'
lint app/en.json
eq customer-overrides-cue "jargon.acronym@app/en.json:account.mfa jargon.acronym@app/en.json:checkout.card jargon.invalid@app/en.json:account.mfa jargon.invalid@app/en.json:admin_notice.body jargon.invalid@app/en.json:checkout.card jargon.invalid@app/en.json:ops_sync" "$(found)"

# -- An entry with files and keys needs both; the first entry that matches wins.
cfg 'audience:\n  - audience: customer\n    files: [app/**]\n    keys: [checkout.*]\n  - audience: developer\n    files: [app/**]\n'
lint ops app/en.json
eq first-wins "jargon.acronym@app/en.json:checkout.card jargon.invalid@app/en.json:checkout.card jargon.invalid@ops/en.json:sync.failed" "$(found)"

# -- The same through standard input named by --stdin-filename.
cfg 'audience:\n  - audience: developer\n    files: [ops/**]\n'
"$bin" --format json --stdin-filename ops/en.json - <ops/en.json >"$tmp/out.json" 2>"$tmp/err"
eq stdin-filename 0 $?

# -- Errors, at their line and column, exit 2.
refused() { # refused NAME CONFIG WHERE MESSAGE (WHERE: line:column, or "")
  cfg "$2"
  "$bin" app/en.json >"$tmp/out" 2>&1
  eq "$1-exit" 2 $?
  [ -z "$3" ] || contains "$1-where" "$tmp/out" ".tonelint.yml:$3: "
  contains "$1-message" "$tmp/out" "$4"
}
refused unknown-value 'audience:\n  - audience: developer\n    files: [ops/**]\n  - audience: admins\n    keys: [a]\n' \
  4:15 '`audience` takes developer, settings or customer'
refused needs-files-or-keys 'audience:\n  - audience: developer\n' \
  2:5 'an `audience` entry needs `files` or `keys`'
refused needs-audience 'audience:\n  - files: [ops/**]\n' \
  2:5 'an `audience` entry needs an `audience`'
refused unknown-key 'audience:\n  - audience: developer\n    file: [ops/**]\n' \
  3:5 'unknown key `file` in `audience` (audience, files, keys)'
refused not-a-list 'audience: developer\n' \
  '' '`audience` takes a list of {audience: developer|settings|customer, files: [globs], keys: [patterns]}'

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
