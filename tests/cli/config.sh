#!/bin/sh
# .tonelint.yml end to end: discovery upward (nearest wins), --config and
# --no-config, rule settings by id and category, per-glob overrides, ignore,
# vocabulary, ignore_keys (PO msgctxt, JSON keys, regexes), fail_on and
# min_severity against the command line, packs, source: true, and config
# errors.
# Usage: config.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
# The output pack: wordy.utilize and wordy.prior-to (suggestions),
# blame.you-failed and cold.appreciate-business (warnings), blame.invalid (error).
run() { "$bin" --no-default-rules --rules "$src/tests/golden/output-pack" --format unix "$@"; }
entry='msgid "Utilize the invalid form. You failed to pay. We appreciate your business."\nmsgstr ""\n'

# -- Discovery: the nearest config above each file wins; nothing is merged.
p=$tmp/proj
mkdir -p "$p/app/emails" "$p/app/legacy/old" "$p/pkg/inner"
printf "$entry" >"$p/app/a.po"
printf "$entry" >"$p/app/emails/receipt.po"
printf "$entry" >"$p/app/legacy/old/b.po"
printf "$entry" >"$p/pkg/inner/c.po"
cat >"$p/.tonelint.yml" <<'YML'
# The project's settings.
rules:
  wordy: off                # a category
  blame.invalid: warning    # a rule id
overrides:
  - files: ['app/emails/**']   # relative to this file
    rules: {blame: off}
ignore: [legacy/]
YML
printf 'rules:\n  cold: off\n' >"$p/pkg/.tonelint.yml"
(cd "$p" && run app pkg) >"$tmp/out" 2>&1; check "findings with a config exit 1" 1 $?
lacks "category off" "$tmp/out" "app/a.po:1:8: suggestion"
contains "rule id gets a new severity" "$tmp/out" "app/a.po:1:20: warning: “invalid”"
contains "other rules as in the pack" "$tmp/out" "app/a.po:1:34: warning: “You failed to”"
lacks "per-glob override turns a category off" "$tmp/out" "receipt.po:1:34"
contains "override leaves other categories" "$tmp/out" "receipt.po:1:53: warning"
lacks "ignored folder is not linted" "$tmp/out" "legacy"
contains "nearest config: its own setting" "$tmp/out" "pkg/inner/c.po:1:8: suggestion: “Utilize”"
lacks "nearest config: its own setting applies" "$tmp/out" "c.po:1:53"
contains "nearest config: the root's is not merged in" "$tmp/out" "c.po:1:20: error"

# Worker threads see each file's own settings: the same report and status.
(cd "$p" && run -j 1 app pkg) >"$tmp/one" 2>&1; s1=$?
(cd "$p" && run -j 3 app pkg) >"$tmp/three" 2>&1; s3=$?
if cmp -s "$tmp/one" "$tmp/three" && [ "$s1" = "$s3" ]; then echo "ok   --jobs: same report with configs"; else
  echo "FAIL --jobs changes the report with configs"; diff "$tmp/one" "$tmp/three" | sed 's/^/     /'; fails=$((fails + 1)); fi

# An ignored file named on the command line (as pre-commit passes them) is skipped too.
(cd "$p" && run app/legacy/old/b.po) >"$tmp/out" 2>&1; check "ignored file named explicitly: exit 0" 0 $?
[ -s "$tmp/out" ] && { echo "FAIL ignored file printed output"; fails=$((fails + 1)); } || echo "ok   ignored file prints nothing"

# A file in a subfolder run from elsewhere finds the same config.
(cd /tmp && run "$p/app/a.po") >"$tmp/out" 2>&1
lacks "discovery works from another directory" "$tmp/out" "suggestion"

# --no-config and --config.
(cd "$p" && run --no-config app/a.po) >"$tmp/out" 2>&1
contains "--no-config ignores .tonelint.yml" "$tmp/out" "app/a.po:1:8: suggestion"
printf 'rules:\n  blame: off\nignore: ["*.txt"]\n' >"$tmp/other.yml"
(cd "$p" && run --config "$tmp/other.yml" app pkg) >"$tmp/out" 2>&1
lacks "--config replaces discovery" "$tmp/out" "blame"
contains "--config: the discovered configs are not used" "$tmp/out" "app/a.po:1:8: suggestion"
contains "--config: applies to every file" "$tmp/out" "pkg/inner/c.po:1:53: warning"

# -- Vocabulary: accepted words are never flagged.
v=$tmp/vocab
mkdir -p "$v"
printf 'msgid "The invalid flag and a TERMINATED account. You failed to pay."\nmsgstr ""\n' >"$v/a.po"
printf 'vocabulary: [invalid]\n' >"$v/.tonelint.yml"
(cd "$v" && run a.po) >"$tmp/out" 2>&1
lacks "vocabulary word not flagged" "$tmp/out" "invalid"
contains "other findings stay" "$tmp/out" "You failed to"

# -- ignore_keys: the JSON way to suppress; also PO msgctxt and /regex/.
k=$tmp/keys
mkdir -p "$k"
cat >"$k/en.json" <<'JSON'
{"legal": {"terms": "You failed to read the terms."},
 "errors": {"card": "You failed to enter a card.", "debug_7": "Invalid state."}}
JSON
printf 'msgctxt "legal.footer"\nmsgid "You failed to sign."\nmsgstr ""\n\nmsgctxt "checkout"\nmsgid "You failed to pay."\nmsgstr ""\n' >"$k/app.po"
cat >"$k/.tonelint.yml" <<'YML'
ignore_keys:
  - 'legal.*'
  - '/^errors\.debug_[0-9]+$/'
YML
(cd "$k" && run en.json app.po) >"$tmp/out" 2>&1
lacks "ignore_keys glob on a JSON key" "$tmp/out" "en.json:1:"
lacks "ignore_keys regex on a JSON key" "$tmp/out" "Invalid"
contains "other JSON keys are linted" "$tmp/out" "en.json:2:"
lacks "ignore_keys on a PO msgctxt" "$tmp/out" "app.po:2:"
contains "other PO entries are linted" "$tmp/out" "app.po:6:8"

# -- fail_on and min_severity: the config's, unless the command line says.
f=$tmp/levels
mkdir -p "$f"
printf 'msgid "You failed to pay. Utilize it."\nmsgstr ""\n' >"$f/a.po"
printf 'fail_on: error\nmin_severity: warning\n' >"$f/.tonelint.yml"
(cd "$f" && run a.po) >"$tmp/out" 2>&1; check "config fail_on error: warnings pass" 0 $?
lacks "config min_severity drops suggestions" "$tmp/out" "suggestion"
contains "config min_severity keeps warnings" "$tmp/out" "warning"
(cd "$f" && run --fail-on warning a.po) >/dev/null 2>&1; check "--fail-on beats config fail_on" 1 $?
(cd "$f" && run --min-severity suggestion a.po) >"$tmp/out" 2>&1
contains "--min-severity beats config min_severity" "$tmp/out" "suggestion"
printf 'fail_on: none\n' >"$f/.tonelint.yml"
(cd "$f" && run a.po) >/dev/null 2>&1; check "config fail_on none" 0 $?
printf 'fail_on: suggestion\nrules: {blame: off}\n' >"$f/.tonelint.yml"
(cd "$f" && run a.po) >/dev/null 2>&1; check "config fail_on suggestion" 1 $?
# Each file is judged by its own config's fail_on, with or without threads.
mkdir -p "$f/strict" "$f/lenient"
printf 'msgid "You failed to pay."\nmsgstr ""\n' >"$f/strict/a.po"
cp "$f/strict/a.po" "$f/lenient/a.po"
printf 'fail_on: warning\n' >"$f/strict/.tonelint.yml"
printf 'fail_on: error\n' >"$f/lenient/.tonelint.yml"
(cd "$f" && run -j 2 lenient) >/dev/null 2>&1; check "lenient folder passes" 0 $?
(cd "$f" && run -j 2 lenient strict) >/dev/null 2>&1; check "a strict folder among them fails" 1 $?

# -- Packs, relative to the config file, only for its files.
k2=$tmp/packs
mkdir -p "$k2/tone" "$k2/site" "$tmp/elsewhere"
cat >"$k2/tone/cta.yml" <<'YML'
category: cta
rules:
  - id: cta.click-here
    severity: warning
    kind: existence
    message: "“{match}” says nothing about where the link goes."
    why: Link text should name the destination.
    patterns: ['\bclick here\b']
    examples: {bad: [Click here to pay.], good: [Pay your invoice.]}
    source: https://www.w3.org/WAI/WCAG21/Understanding/link-purpose-in-context
YML
printf 'packs: [tone]\nrules: {cta.click-here: error}\n' >"$k2/.tonelint.yml"
printf 'msgid "Click here to pay."\nmsgstr ""\n' >"$k2/site/a.po"
printf 'msgid "Click here to pay."\nmsgstr ""\n' >"$tmp/elsewhere/b.po"
(cd "$tmp" && run packs elsewhere) >"$tmp/out" 2>&1
contains "config pack rule applies to its files" "$tmp/out" "packs/site/a.po:1:8: error: “Click here”"
lacks "config pack rule off for other files" "$tmp/out" "elsewhere"
(cd "$k2" && run --list-rules) >"$tmp/out" 2>&1
contains "--list-rules in the project lists its packs" "$tmp/out" "cta.click-here"
(cd "$k2" && run --explain cta.click-here) >"$tmp/out" 2>&1; check "--explain knows a config pack's rule" 0 $?
(cd "$k2" && run --no-config --list-rules) >"$tmp/out" 2>&1
lacks "--no-config --list-rules leaves the packs out" "$tmp/out" "cta.click-here"

# -- Errors: file:line:col, exit 2.
e=$tmp/errors
mkdir -p "$e"
printf 'msgid "You failed to pay."\nmsgstr ""\n' >"$e/a.po"
printf 'rules:\n  blame: loud\n' >"$e/.tonelint.yml"
(cd "$e" && run a.po) >"$tmp/out" 2>"$tmp/err"; check "bad value exits 2" 2 $?
contains "bad value names file:line:col" "$tmp/err" ".tonelint.yml:2:10: error: \`blame\` takes off, error, warning or suggestion"
printf 'rules: {blame: off}\nvocab: [x]\n' >"$e/.tonelint.yml"
(cd "$e" && run a.po) >"$tmp/out" 2>"$tmp/err"; check "unknown key exits 2" 2 $?
contains "unknown key names file:line:col" "$tmp/err" ".tonelint.yml:2:1: error: unknown key \`vocab\`"
printf 'rules:\n  blame.you-faild: off\n' >"$e/.tonelint.yml"
(cd "$e" && run a.po) >"$tmp/out" 2>"$tmp/err"; check "unknown rule exits 2" 2 $?
contains "unknown rule names file:line:col" "$tmp/err" ".tonelint.yml:2:3: error: no rule or category \`blame.you-faild\`"
printf 'packs: [missing]\n' >"$e/.tonelint.yml"
(cd "$e" && run a.po) >"$tmp/out" 2>"$tmp/err"; check "missing pack exits 2" 2 $?
contains "missing pack named" "$tmp/err" ".tonelint.yml:1:9: error: rule pack folder"
printf 'rules: [blame\n' >"$e/.tonelint.yml"
(cd "$e" && run a.po) >"$tmp/out" 2>"$tmp/err"; check "YAML syntax error exits 2" 2 $?
contains "YAML syntax error names the config" "$tmp/err" ".tonelint.yml:"
run --config "$tmp/nonexistent.yml" "$e/a.po" >"$tmp/out" 2>"$tmp/err"; check "--config with a missing file exits 2" 2 $?
contains "--config missing file named" "$tmp/err" "nonexistent.yml"

# Standard input uses the config of the current directory.
printf 'rules: {blame: off}\n' >"$e/.tonelint.yml"
(cd "$e" && run --stdin-filename typed.po - <a.po) >"$tmp/out" 2>&1; check "stdin: config of the current directory" 0 $?

# -- Tiers: a strict rule runs only with `tier: strict` (config or --tier),
# or when the config names it; --tier beats the config.
t=$tmp/tiers
mkdir -p "$t/pack" "$t/proj"
cat >"$t/pack/wordy.yml" <<'YML'
category: wordy
rules:
  - id: wordy.always
    severity: warning
    kind: existence
    message: always
    why: w
    patterns: ['\bkindly\b']
    examples: {bad: [kindly], good: [please]}
    source: https://example.org
  - id: wordy.picky
    severity: warning
    kind: existence
    tier: strict
    message: picky
    why: w
    patterns: ['\bsimply\b']
    examples: {bad: [simply], good: [just]}
    source: https://example.org
YML
printf 'msgid "Kindly and simply."\nmsgstr ""\n' >"$t/proj/a.po"
trun() { (cd "$t/proj" && "$bin" --no-default-rules --rules "$t/pack" --format unix "$@" a.po); }
trun >"$tmp/out" 2>&1
contains "default tier runs default rules" "$tmp/out" "[wordy.always]"
lacks "default tier leaves strict rules off" "$tmp/out" "[wordy.picky]"
trun --tier strict >"$tmp/out" 2>&1
contains "--tier strict runs strict rules" "$tmp/out" "[wordy.picky]"
printf 'tier: pedantic\n' >"$t/proj/.tonelint.yml"
trun >"$tmp/out" 2>&1
contains "config tier: pedantic runs strict rules" "$tmp/out" "[wordy.picky]"
trun --tier default >"$tmp/out" 2>&1
lacks "--tier beats the config's tier" "$tmp/out" "[wordy.picky]"
printf 'rules: {wordy.picky: suggestion}\n' >"$t/proj/.tonelint.yml"
trun >"$tmp/out" 2>&1
contains "a strict rule named in the config runs" "$tmp/out" "suggestion: picky [wordy.picky]"
printf 'tier: loud\n' >"$t/proj/.tonelint.yml"
trun >"$tmp/out" 2>"$tmp/err"; check "unknown tier in the config exits 2" 2 $?
contains "unknown tier named with its place" "$tmp/err" ".tonelint.yml:1:7: error: \`tier\` takes default, strict or pedantic"
rm "$t/proj/.tonelint.yml"
trun --tier loud >"$tmp/out" 2>"$tmp/err"; check "--tier with an unknown tier exits 2" 2 $?

# -- source: true reads source code in folder walks (as --source does) and
#    with --catalogs-only; a file named on the command line is always read.
s=$tmp/src
mkdir -p "$s/app"
printf 'throw new Error("You failed to pay.");\n' >"$s/app/pay.js"
printf "$entry" >"$s/app/a.po"
srun() { (cd "$s" && run "$@"); }
srun . >"$tmp/out" 2>&1
lacks "a walk skips source code without source: true" "$tmp/out" "pay.js"
srun app/pay.js >"$tmp/out" 2>&1
contains "a named source file is read" "$tmp/out" "app/pay.js:1:18:"
printf 'source: true\n' >"$s/.tonelint.yml"
srun . >"$tmp/out" 2>&1
contains "source: true: a walk reads source code" "$tmp/out" "app/pay.js:1:18:"
contains "source: true: catalogs still read" "$tmp/out" "app/a.po"
srun --catalogs-only app/pay.js >"$tmp/out" 2>&1
contains "source: true: --catalogs-only reads named source code" "$tmp/out" "app/pay.js:1:18:"
printf 'source: false\n' >"$s/.tonelint.yml"
srun --catalogs-only app/pay.js >"$tmp/out" 2>&1
lacks "source: false: --catalogs-only skips source code" "$tmp/out" "pay.js"
srun --source . >"$tmp/out" 2>&1
contains "--source beats source: false" "$tmp/out" "app/pay.js:1:18:"
printf 'source: yes please\n' >"$s/.tonelint.yml"
srun . >"$tmp/out" 2>"$tmp/err"; check "a bad source value exits 2" 2 $?
contains "a bad source value named with its place" "$tmp/err" ".tonelint.yml:1:9: error: \`source\` takes true or false"
rm "$s/.tonelint.yml"

# -- A JavaScript or TypeScript module of messages, named for its language in
#    a folder for translations, is a catalog: walks read it without --source
#    (and with --catalogs-only); the i18n setup code beside it is still code.
mkdir -p "$s/src/i18n/translations" "$s/src/locales/en-AU"
printf 'export default {\n  "share.error": "You failed to enter a valid code.",\n};\n' \
  >"$s/src/i18n/translations/en-US.ts"
printf 'module.exports = { pay: "You failed to pay." };\n' >"$s/src/locales/en-AU/index.js"
printf 'throw new Error("You failed to load the locale.");\n' >"$s/src/i18n/setup.ts"
mkdir -p "$s/js/strings"
printf 'var s = {};\ns.payError = "You failed to pay.";\nmodule.exports = s;\n' >"$s/js/strings/en.js"
mkdir -p "$s/src/localization"
printf 'export var englishStrings = {\n  payError: "You failed to pay.",\n};\n' >"$s/src/localization/english.ts"
srun . >"$tmp/out" 2>&1
contains "a walk reads a TypeScript message module" "$tmp/out" "src/i18n/translations/en-US.ts:2:"
contains "a walk reads a JavaScript message module in a language folder" "$tmp/out" "src/locales/en-AU/index.js:1:"
lacks "i18n code without a language is still source code" "$tmp/out" "setup.ts"
contains "a walk reads a message module in a strings folder" "$tmp/out" "js/strings/en.js:2:"
contains "a walk reads a module named for its language in words" "$tmp/out" "src/localization/english.ts:2:"
srun --catalogs-only . >"$tmp/out" 2>&1
contains "--catalogs-only reads a message module" "$tmp/out" "src/i18n/translations/en-US.ts:2:"

# -- A Qt Linguist .ts file shares TypeScript's suffix: its <TS> root makes
#    it a catalog that walks and --catalogs-only read; TypeScript stays code.
mkdir -p "$s/translations"
printf '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">\n<context><name>Pay</name>\n<message><source>You failed to pay.</source><translation>Zahlung fehlgeschlagen.</translation></message>\n</context>\n</TS>\n' \
  >"$s/translations/shop_de.ts"
printf 'throw new Error("You failed to pay.");\n' >"$s/translations/load.ts"
srun . >"$tmp/out" 2>&1
contains "a walk reads a Qt Linguist .ts file" "$tmp/out" "translations/shop_de.ts:5:18:"
lacks "a TypeScript file beside it is still source code" "$tmp/out" "load.ts"
srun --catalogs-only translations/shop_de.ts translations/load.ts >"$tmp/out" 2>&1
contains "--catalogs-only reads a named Qt .ts file" "$tmp/out" "translations/shop_de.ts:5:18:"
lacks "--catalogs-only skips a named TypeScript file" "$tmp/out" "load.ts"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
