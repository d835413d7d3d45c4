#!/bin/sh
# Kinds of copy are data (rules/kinds.yml): the default cues give a key's
# and a text's kind; a run with --no-default-rules keeps them; a pack's own
# `kinds:` cues name kinds the default ones miss; a mistake in a kinds file
# is an error at its line and column (exit 2); `developer_text` words of a
# string mark it developer copy.
# Usage: kinds.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
export TONELINT_RULES_DIR="$src/rules"
command -v jq >/dev/null || { echo "jq is missing"; exit 77; }
cd "$tmp" || exit 2
cat >en.json <<'JSON'
{"errors": {"card": "Check the card."}, "toast": {"saved": "Saved."},
 "status": "Something went wrong.", "oops": {"card": "Check the card."},
 "admin": {"title": "Site settings"}}
JSON
kinds() { jq -r '[.key, .kind] | join("=")' | paste -sd' ' -; }
eq default "errors.card=error toast.saved=notification status=error oops.card=ui admin.title=ui" \
  "$("$bin" --no-config --dump-strings en.json | kinds)"
mkdir pack
cat >pack/cold.yml <<'YML'
category: cold
rules:
  - id: cold.check
    message: "“{match}” is curt."
    why: A bare command is curt.
    severity: warning
    kind: existence
    scope: [error]
    patterns: ['\bCheck\b']
    examples: {bad: [Check the card.], good: [Please look at the card.]}
YML
eq no-default-rules-keeps-kinds "errors.card=error toast.saved=notification status=error oops.card=ui admin.title=ui" \
  "$("$bin" --no-config --no-default-rules --rules pack --dump-strings en.json | kinds)"
eq scoped-rule-fires "errors.card" \
  "$("$bin" --no-config --no-default-rules --rules pack --format json en.json | jq -r '[.files[].findings[].key] | join(",")')"
cat >pack/kinds.yml <<'YML'
kinds:
  cues:
    - kind: error
      names: [oops]
  developer: [admin]
YML
eq pack-kinds "errors.card=ui toast.saved=ui status=ui oops.card=error admin.title=ui" \
  "$("$bin" --no-config --no-default-rules --rules pack --dump-strings en.json | kinds)"
eq pack-kinds-scope "oops.card" \
  "$("$bin" --no-config --no-default-rules --rules pack --format json en.json | jq -r '[.files[].findings[].key] | join(",")')"
printf 'kinds:\n  cues:\n    - kind: eror\n      names: [oops]\n' >pack/kinds.yml
"$bin" --no-config --no-default-rules --rules pack en.json >/dev/null 2>err
eq bad-kind-exit 2 $?
eq bad-kind-where 1 "$(grep -c 'pack/kinds.yml:3:[0-9]*: .*`kind` is one of ui, error, email, notification' err)"
printf 'kinds:\n  cues:\n    - kind: error\n      names: [Oops]\n' >pack/kinds.yml
"$bin" --no-config --no-default-rules --rules pack en.json >/dev/null 2>err
eq bad-name-exit 2 $?
eq bad-name-where 1 "$(grep -c 'pack/kinds.yml:4:.*names are lowercase' err)"
# Source code in a developer folder (cmd/, scripts/) is developer copy:
# rules about technical words leave it alone; a catalog there does not.
mkdir -p src/cmd src/app src/scripts/locales
for d in cmd app; do
  printf 'export function f() {\n  toast.error("Invalid token. Try again.");\n}\n' >src/$d/x.js
done
printf '{"token": "Invalid token. Try again."}\n' >src/scripts/locales/en.json
eq source-developer-folder "src/app/x.js src/scripts/locales/en.json" \
  "$("$bin" --no-config --source --format json src | jq -r '[.files[] | select(.findings | map(.rule) | index("jargon.invalid")) | .path] | sort | join(" ")')"

# A pack's `settings:` words mark settings copy: a rule with `audience: lay`
# leaves it alone, one with `audience: customer` does not (both leave admin
# copy alone); a `-` in a name is the key's own separator. An unknown
# audience is a mistake in the pack.
mkdir -p lay
cat >lay/en.json <<'JSON'
{"options": {"ocsp": "Check the OCSP."}, "orders": {"ocsp": "Check the OCSP."},
 "site_settings": {"ocsp": "Check the OCSP."}}
JSON
cat >lay/pack.yml <<'YML'
category: jargon
rules:
  - id: jargon.lay-acronym
    message: "“{match}” is opaque."
    why: Opaque.
    severity: warning
    kind: existence
    audience: lay
    patterns: ['\bOCSP\b']
    examples: {bad: [Check the OCSP.], good: [Check the server.]}
    source: https://example.org
  - id: jargon.customer-acronym
    message: "“{match}” is opaque."
    why: Opaque.
    severity: warning
    kind: existence
    audience: customer
    patterns: ['\bCheck\b']
    examples: {bad: [Check the OCSP.], good: [Look at the OCSP.]}
    source: https://example.org
YML
cat >lay/kinds.yml <<'YML'
kinds:
  settings: [options]
  developer: [site-settings]
YML
eq lay-audience "jargon.customer-acronym:options.ocsp jargon.customer-acronym:orders.ocsp jargon.lay-acronym:orders.ocsp" \
  "$("$bin" --no-config --no-default-rules --rules lay --format json lay/en.json | jq -r '[.files[].findings[] | .rule + ":" + .key] | sort | join(" ")')"
sed -i 's/audience: lay/audience: layman/' lay/pack.yml
"$bin" --no-config --no-default-rules --rules lay lay/en.json >/dev/null 2>err
eq bad-audience-exit 2 $?
eq bad-audience-where 1 "$(grep -c 'lay/pack.yml:8:.*`audience` must be `customer`, `lay` or `all`' err)"
sed -i 's/audience: layman/audience: lay/' lay/pack.yml

# A pack's `developer_text:` words mark developer copy by the string's own
# words, whatever its key: a rule with `audience: customer` leaves
# "Check the IPN." alone and still flags "Check the card."; text words are
# lowercase.
mkdir -p dtext
printf '{"a": "Check the IPN.", "b": "Check the card."}\n' >dtext/en.json
printf 'kinds:\n  developer_text: [ipn]\n' >lay/kinds.yml
eq developer-text "b" \
  "$("$bin" --no-config --no-default-rules --rules lay --format json dtext/en.json | jq -r '[.files[].findings[] | select(.rule == "jargon.customer-acronym") | .key] | sort | join(" ")')"
printf 'kinds:\n  developer_text: [IPN]\n' >lay/kinds.yml
"$bin" --no-config --no-default-rules --rules lay dtext/en.json >/dev/null 2>err
eq developer-text-case-exit 2 $?
eq developer-text-case-where 1 "$(grep -c 'lay/kinds.yml:2:.*text words are lowercase' err)"

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
