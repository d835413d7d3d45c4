#!/bin/sh
# Journey moments end to end: every finding (json, sarif) and every
# --dump-strings record carries its moment; `.tonelint.yml` names moments
# for files and keys the cues miss; an unknown moment in a config is an
# error with its position; rules scoped to moments apply only there.
# Usage: moments.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
export TONELINT_RULES_DIR="$src/rules"
command -v jq >/dev/null || { echo "jq is missing"; exit 77; }
p=$tmp/proj
mkdir -p "$p/locales" "$p/emails/dunning"
cat >"$p/locales/en.json" <<'JSON'
{
  "checkout": {"card_declined": "Invalid card. You failed to enter a valid card number."},
  "settings": {"theme": "Invalid theme."},
  "account": {"unsubscribe_done": "Invalid request. You failed to stay."},
  "cart": {"empty": "Invalid cart."}
}
JSON
printf 'Invalid payment details. Update them.\n' >"$p/emails/dunning/reminder.txt"
cd "$p" || exit 2

# -- Findings carry the moment their key points to.
"$bin" --no-config --format json locales/en.json >"$tmp/out.json"
eq json-checkout checkout "$(jq -r '[.files[0].findings[] | select(.key == "checkout.card_declined") | .moment] | unique | join(",")' "$tmp/out.json")"
eq json-general general "$(jq -r '[.files[0].findings[] | select(.key == "settings.theme") | .moment] | unique | join(",")' "$tmp/out.json")"
eq json-cancellation cancellation "$(jq -r '[.files[0].findings[] | select(.key == "account.unsubscribe_done") | .moment] | unique | join(",")' "$tmp/out.json")"
eq json-every-finding 0 "$(jq '[.files[].findings[] | select(has("moment") | not)] | length' "$tmp/out.json")"
"$bin" --no-config --format sarif locales/en.json >"$tmp/out.sarif"
eq sarif-moment checkout "$(jq -r '[.runs[0].results[] | select(.properties.key == "checkout.card_declined") | .properties.moment] | unique | join(",")' "$tmp/out.sarif")"
"$bin" --no-config --dump-strings locales/en.json >"$tmp/dump"
eq dump-moment "checkout general cancellation checkout" "$(jq -r .moment "$tmp/dump" | tr '\n' ' ' | sed 's/ $//')"

# -- The config names moments the cues miss: by file, then by key.
cat >"$p/.tonelint.yml" <<'YML'
moments:
  - moment: billing
    files: ['emails/dunning/**']
  - moment: receipts
    keys: ['settings.*']
  - moment: delivery
    files: ['locales/*.json']
    keys: ['/^cart\./']
YML
"$bin" --dump-strings locales/en.json emails/dunning/reminder.txt >"$tmp/dump"
eq config-moments "checkout receipts cancellation delivery billing" "$(jq -r .moment "$tmp/dump" | tr '\n' ' ' | sed 's/ $//')"
"$bin" --format json emails/dunning/reminder.txt >"$tmp/out.json"
eq config-json billing "$(jq -r '[.files[0].findings[].moment] | unique | join(",")' "$tmp/out.json")"

# -- An unknown moment is an error at its position.
printf 'moments:\n  - moment: checkout\n    keys: [a]\n  - moment: chekout\n    keys: [b]\n' >"$p/.tonelint.yml"
"$bin" locales/en.json >"$tmp/out" 2>&1
eq config-unknown-exit 2 $?
eq config-unknown-message 1 "$(grep -c '.tonelint.yml:4:[0-9]*: .*unknown moment `chekout`' "$tmp/out")"
printf 'moments:\n  - moment: checkout\n' >"$p/.tonelint.yml"
"$bin" locales/en.json >"$tmp/out" 2>&1
eq config-needs-files-or-keys 2 $?
rm "$p/.tonelint.yml"

# -- A rule scoped to a moment applies only there.
mkdir -p "$tmp/pack"
cat >"$tmp/pack/cold.yml" <<'YML'
category: cold
rules:
  - id: cold.invalid-at-checkout
    severity: warning
    kind: existence
    message: m
    why: w
    source: s
    moments: [checkout]
    patterns: ['\binvalid\b']
    examples: {bad: [Invalid card.], good: [Check the card.]}
YML
"$bin" --no-config --rules "$tmp/pack" --format json locales/en.json >"$tmp/out.json"
eq scoped-rule checkout.card_declined,cart.empty "$(jq -r '[.files[0].findings[] | select(.rule == "cold.invalid-at-checkout" or ((.also // []) | index("cold.invalid-at-checkout") != null)) | .key] | join(",")' "$tmp/out.json")"
sed -i 's/moments: \[checkout\]/moments: [checkot]/' "$tmp/pack/cold.yml"
"$bin" --no-config --rules "$tmp/pack" locales/en.json >"$tmp/out" 2>&1
eq scoped-rule-unknown-exit 2 $?
eq scoped-rule-unknown-message 1 "$(grep -c 'cold.yml:9:[0-9]*: .*unknown moment `checkot`' "$tmp/out")"

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
