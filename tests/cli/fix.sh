#!/bin/sh
# --fix and --diff end to end, one table row per file format, plus the PO
# source-of-truth rules, standard input, exit codes and failures.
# Usage: fix.sh TONELINT SOURCE_DIR
#
# Every row runs the same battery on a small sample of its format:
#   - the sample is valid for the format's own tool (the row's validator);
#   - --diff changes nothing, and `git apply` accepts its output;
#   - --fix gives exactly the file that applying the diff gives, keeps the
#     file's mode, and changes only the row's listed line numbers (every other
#     line is byte-identical: checked with diff's old-line numbers);
#   - the fixed file still passes the validator, and reads back (through
#     --dump-strings) with the fixed text;
#   - a second --fix changes nothing and a second --diff prints nothing.
#
# Adding a format: once its extractor and `encode` hook are registered in
# src/extract/format.c, add one `row` call below:
#   row FORMAT PATH 'VALIDATOR' 'CHANGED LINES' 'WANT|WANT' <<'EOF'
#   ...a sample with the phrases the fix pack fixes...
#   EOF
# FORMAT is the --syntax name (a row whose format is not registered is
# skipped); PATH the file's path in the sample folder (it picks the format
# and the language: keep it English); VALIDATOR a command that gets the file
# as its last argument and fails on a broken file (`true` when no tool
# exists; a validator that is not installed is skipped with a note);
# CHANGED LINES the old line numbers the fix changes, in order; WANT texts
# that --dump-strings of the fixed file must contain, as JSON-escaped there.
# The phrases: "Utilize the card" -> "Use the card"; "click here" ->
# `open "Settings" \ Billing` (a quote and a backslash, so every encoder
# must escape); "We apologize for any inconvenience" -> "Sorry for the
# trouble" (several words, may span lines). Rules: tests/fixtures/fix-pack.
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
pack="--no-default-rules --rules $src/tests/fixtures/fix-pack"
formats=$("$bin" --syntax '?' x 2>&1 | sed -n 's/.*one of: //p' | tr ' ' '\n')

row() { # row FORMAT PATH VALIDATOR CHANGED WANTS  (sample on stdin)
  fmt=$1 file=$2 validate=$3 lines=$4 wants=$5
  d=$tmp/$fmt
  mkdir -p "$d/$(dirname "$file")" "$d/applied/$(dirname "$file")"
  cat >"$d/$file"
  if ! printf '%s\n' "$formats" | grep -qx "$fmt"; then
    echo "skip $fmt: no such format yet"
    return
  fi
  tool=${validate%% *}
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "note $fmt: validator $tool is not installed; checking without it"
    validate=true
  fi
  if ! $validate "$d/$file" >/dev/null 2>&1; then
    fail "$fmt: the sample itself does not pass '$validate'"
    return
  fi
  cp "$d/$file" "$d/orig"
  cp "$d/$file" "$d/applied/$file"
  chmod 640 "$d/$file"
  (cd "$d" && "$bin" $pack --diff "$file" >patch 2>diff.err)
  if grep -q "not supported for this file format" "$d/diff.err"; then
    echo "skip $fmt: no fix encoder yet"
    return
  fi
  cmp -s "$d/$file" "$d/orig" && ok "$fmt: --diff changes nothing" || fail "$fmt: --diff changed the file"
  [ -s "$d/patch" ] || { fail "$fmt: --diff printed no patch"; sed 's/^/     /' "$d/diff.err"; return; }
  if ! command -v git >/dev/null 2>&1; then
    echo "note $fmt: git is not installed; applying the diff with patch -p1"
    (cd "$d/applied" && patch -s -p1 <../patch) >"$d/apply.err" 2>&1 && ok "$fmt: patch accepts the diff" || fail "$fmt: patch refused the diff"
  elif (cd "$d/applied" && git apply --check ../patch && git apply ../patch) >"$d/apply.err" 2>&1; then
    ok "$fmt: git apply accepts the diff"
  else
    fail "$fmt: git apply refused the diff"
    sed 's/^/     /' "$d/apply.err" "$d/patch"
  fi
  (cd "$d" && "$bin" $pack --fix "$file" >fix.out 2>fix.err)
  status=$?
  [ "$status" = 0 ] || [ "$status" = 1 ] && ok "$fmt: --fix exits $status" || { fail "$fmt: --fix exits $status"; sed 's/^/     /' "$d/fix.err"; }
  cmp -s "$d/$file" "$d/applied/$file" && ok "$fmt: --fix writes what the diff shows" || fail "$fmt: --fix and --diff disagree"
  changed=$(diff --unchanged-line-format= --old-line-format='%dn ' --new-line-format= "$d/orig" "$d/$file")
  [ "$changed" = "$lines " ] && ok "$fmt: only lines $lines changed" || fail "$fmt: changed lines '$changed', expected '$lines '"
  [ "$(stat -c %a "$d/$file")" = 640 ] && ok "$fmt: mode kept" || fail "$fmt: mode $(stat -c %a "$d/$file")"
  $validate "$d/$file" >"$d/valid.err" 2>&1 && ok "$fmt: fixed file passes '$validate'" || { fail "$fmt: fixed file fails '$validate'"; sed 's/^/     /' "$d/valid.err"; }
  "$bin" $pack --dump-strings "$d/$file" >"$d/dump" 2>&1
  old_ifs=$IFS
  IFS='|'
  for want in $wants; do
    grep -qF -- "$want" "$d/dump" && ok "$fmt: reads back '$want'" || { fail "$fmt: '$want' not read back"; sed 's/^/     /' "$d/dump"; }
  done
  IFS=$old_ifs
  cp "$d/$file" "$d/once"
  (cd "$d" && "$bin" $pack --fix "$file" >/dev/null 2>&1)
  cmp -s "$d/$file" "$d/once" && ok "$fmt: second --fix changes nothing" || fail "$fmt: second --fix changed the file"
  (cd "$d" && "$bin" $pack --diff "$file" 2>/dev/null) | grep -q . && fail "$fmt: fixes left after --fix" || ok "$fmt: nothing left to fix"
}

row po en.po 'msgfmt -c -o /dev/null' '8 12 13 16' 'Use the card|open \"Settings\" \\ Billing|Sorry for the trouble' <<'EOF'
msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: src/a.c:1
msgid "Pay by card"
msgstr "Utilize the card"

msgid "Sorry"
msgstr ""
"Sorry. We apologize for "
"any inconvenience."

msgid "link"
msgstr "To pay, click here."
EOF

row text email.txt true '3 4 6' 'Use the link|open \"Settings\" \\ Billing|Sorry for the trouble' <<'EOF'
Dear customer,

Utilize the link below. We apologize for any
inconvenience.

To unsubscribe, click here.
EOF

row json locales/en.json 'jq -e .' '3 4' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
{
  "card": {
    "use": "Utilize the card",
    "help": "To pay, click here."
  },
  "count": 3
}
EOF

row arb lib/l10n/app_en.arb 'jq -e .' '3 5' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
{
  "@@locale": "en",
  "cardUse": "Utilize the card",
  "@cardUse": {"description": "Utilize button"},
  "cardHelp": "To pay, click here."
}
EOF

row xcstrings Localizable.xcstrings 'jq -e .' '9' 'Use the card' <<'EOF'
{
  "sourceLanguage" : "en",
  "strings" : {
    "card.use" : {
      "localizations" : {
        "en" : {
          "stringUnit" : {
            "state" : "translated",
            "value" : "Utilize the card"
          }
        }
      }
    }
  },
  "version" : "1.0"
}
EOF

row yaml config/locales/en.yml 'yq -e .' '3 4 5' 'Use the card|open \"Settings\" \\ Billing|Single quoted: use it' <<'EOF'
en:
  card:
    use: Utilize the card
    help: "To pay, click here."
    note: 'Single quoted: utilize it'
EOF

row android res/values/strings.xml 'xmllint --noout' '3 4' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="use_card">Utilize the card</string>
    <string name="help">To pay, click here.</string>
</resources>
EOF

row xliff messages.fr.xlf 'xmllint --noout' '7 11' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr" target-language="en" datatype="plaintext" original="app">
    <body>
      <trans-unit id="card.use">
        <source>Utilisez la carte</source>
        <target>Utilize the card</target>
      </trans-unit>
      <trans-unit id="card.help">
        <source>Pour payer, cliquez ici.</source>
        <target>To pay, click here.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
EOF

row resx Resources/Strings.resx 'xmllint --noout' '4 7' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<root>
  <data name="CardUse" xml:space="preserve">
    <value>Utilize the card</value>
  </data>
  <data name="CardHelp" xml:space="preserve">
    <value>To pay, click here.</value>
  </data>
</root>
EOF

row stringsdict en.lproj/Localizable.stringsdict 'xmllint --noout' '16 18' 'Use one card|Use %d cards' <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>cards</key>
  <dict>
    <key>NSStringLocalizedFormatKey</key>
    <string>%#@cards@</string>
    <key>cards</key>
    <dict>
      <key>NSStringFormatSpecTypeKey</key>
      <string>NSStringPluralRuleType</string>
      <key>NSStringFormatValueTypeKey</key>
      <string>d</string>
      <key>one</key>
      <string>Utilize one card</string>
      <key>other</key>
      <string>Utilize %d cards</string>
    </dict>
  </dict>
</dict>
</plist>
EOF

row properties messages_en.properties true '2 3' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
# Checkout
card.use=Utilize the card
card.help=To pay, click here.
EOF

row strings en.lproj/Localizable.strings true '2 3' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
/* Checkout */
"card.use" = "Utilize the card";
"card.help" = "To pay, click here.";
EOF

row fluent locales/en/main.ftl true '1 2' 'Use the card|open \"Settings\" \\ Billing' <<'EOF'
card-use = Utilize the card
card-help = To pay, click here.
EOF

row lang htdocs/langs/en_US/billing.lang true '3 4 5' 'Use the card|open \"Settings\" \\ Billing|Sorry for the trouble' <<'EOF'
# Dolibarr language file - en_US - billing
CHARSET=UTF-8
CardUse=Utilize the card
CardHelp=To pay, click here.
Sorry=Sorry. We apologize for any\ninconvenience.
EOF

row magento-csv app/code/Acme/Checkout/i18n/en_US.csv true '1 2 3 4 5' 'Use the card|open \"Settings\" \\ Billing|Sorry for the trouble|Use it now' <<'EOF'
"Use card","Utilize the card"
"Pay help","To pay, click here."
Sorry,"Sorry. We apologize for any
inconvenience."
Unquoted,Utilize it now
"Keep","Nothing to fix here"
EOF

row markup emails/receipt.html 'xmllint --html --noout' '2 3' 'Use the link|open \"Settings\" \\ Billing' <<'EOF'
<html><body>
<p>Utilize the link below.</p>
<p>To unsubscribe, click here.</p>
</body></html>
EOF

# ---- PO: source-of-truth text ----
d=$tmp/extracted
mkdir -p "$d"
cat >"$d/de.po" <<'EOF'
msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: src/checkout.c:42
#, c-format
msgid "Utilize card %s"
msgstr "Karte %s verwenden"
EOF
cp "$d/de.po" "$d/orig"
"$bin" $pack --fix "$d/de.po" >"$d/out" 2>"$d/err"
cmp -s "$d/de.po" "$d/orig" && ok "msgid left alone by --fix" || fail "--fix changed a msgid"
grep -qF "fix in the source: src/checkout.c:42" "$d/out" && ok "report names the code location" || { fail "no code location"; sed 's/^/     /' "$d/out"; }
grep -qF "generated from source code" "$d/err" && ok "summary mentions text left to the code" || fail "no summary of text left to the code"
"$bin" $pack --fix-extracted "$d/de.po" >/dev/null 2>"$d/err"
check "--fix-extracted fixes everything" 0 $?
grep -qx '#, fuzzy, c-format' "$d/de.po" && ok "changed msgid marked fuzzy" || fail "no fuzzy flag"
grep -qx 'msgid "Use card %s"' "$d/de.po" && ok "msgid rewritten" || fail "msgid not rewritten"
msgfmt -c -o /dev/null "$d/de.po" 2>"$d/msgfmt" && ok "msgfmt -c accepts the catalog" || { fail "msgfmt -c"; sed 's/^/     /' "$d/msgfmt"; }

# ---- source code: inside the literal, or skipped with a reason ----
d=$tmp/code
mkdir -p "$d"
cat >"$d/app.js" <<'EOF'
export function pay(name) {
  toast.error('Utilize the card on file.');
  toast.error("We apologize for any inconvenience.");
  toast.info(`Please click here, ${name}.`);
}
EOF
cat >"$d/views.py" <<'EOF'
from django.contrib import messages
def pay(request):
    messages.error(request, 'Utilize the card on file.')
    messages.error(request, r'Utilize the card on file.')
EOF
"$bin" $pack --fix "$d/app.js" "$d/views.py" >"$d/out" 2>"$d/err"
grep -qF "toast.error('Use the card on file.');" "$d/app.js" && ok "code: single-quoted JS literal fixed" || { fail "code: JS not fixed"; sed 's/^/     /' "$d/app.js" "$d/err"; }
grep -qF 'toast.error("Sorry for the trouble.");' "$d/app.js" && ok "code: several words replaced in a literal" || fail "code: phrase not replaced"
grep -qF 'toast.info(`Please click here, ${name}.`);' "$d/app.js" && ok "code: a rewrite with a quote and a backslash is not written into a template" || fail "code: template literal changed"
grep -qF "fix skipped: the replacement cannot be written safely in this javascript string" "$d/err" && ok "code: the skip says why" || { fail "code: no reason for the skip"; sed 's/^/     /' "$d/err"; }
grep -qF "messages.error(request, 'Use the card on file.')" "$d/views.py" && ok "code: Python literal fixed" || fail "code: Python not fixed"
grep -qF "messages.error(request, r'Use the card on file.')" "$d/views.py" && ok "code: raw literal fixed when no escape is needed" || fail "code: raw literal not fixed"
if command -v node >/dev/null 2>&1; then
  cp "$d/app.js" "$d/app.mjs"
  node --check "$d/app.mjs" 2>"$d/node" && ok "code: node still parses the file" || { fail "code: node --check"; sed 's/^/     /' "$d/node"; }
fi
python3 -c 'import ast,sys; ast.parse(open(sys.argv[1]).read())' "$d/views.py" && ok "code: python still parses the file" || fail "code: python parse"
"$bin" $pack --diff "$d/app.js" "$d/views.py" >"$d/again" 2>/dev/null
[ ! -s "$d/again" ] && ok "code: a second --diff prints nothing" || { fail "code: fixes did not settle"; sed 's/^/     /' "$d/again"; }

# ---- standard input, exit codes, usage ----
d=$tmp/stdin
mkdir -p "$d"
printf 'Please utilize it. Kindly wait.\n' >"$d/in.txt"
"$bin" $pack --fix --stdin-filename notes.txt - <"$d/in.txt" >"$d/out" 2>"$d/err"
check "--fix on stdin exits 1 while a finding remains" 1 $?
printf 'Please use it. Kindly wait.\n' | cmp -s - "$d/out" && ok "--fix on stdin prints the fixed text" || { fail "--fix on stdin output"; sed 's/^/     /' "$d/out"; }
printf 'Please utilize it.\n' | "$bin" $pack --fix --stdin-filename notes.txt - >"$d/out" 2>"$d/err"
check "nothing left after the fix exits 0" 0 $?
"$bin" $pack --diff --stdin-filename notes.txt - <"$d/in.txt" >"$d/out" 2>&1
check "--diff exits 1 on findings" 1 $?
grep -qx -- '--- a/notes.txt' "$d/out" && ok "--diff on stdin labels the patch with --stdin-filename" || fail "--diff stdin label"
"$bin" $pack --fix --diff "$d/in.txt" >/dev/null 2>&1
check "--fix with --diff is a usage error" 2 $?
"$bin" --help | grep -q -- '--fix-extracted' && ok "--help lists the fix options" || fail "--help"

# ---- a directory with a broken file: the others are still fixed ----
d=$tmp/walk
mkdir -p "$d/po"
printf 'msgid ""\nmsgstr "Language: en\\n"\n\nmsgid "x"\nmsgstr "Utilize it"\n' >"$d/po/en.po"
printf 'msgid "broken\nmsgstr ""\n' >"$d/po/bad.po"
"$bin" $pack --fix "$d" >"$d/out" 2>"$d/err"
check "a broken file makes the run exit 2" 2 $?
grep -qx 'msgstr "Use it"' "$d/po/en.po" && ok "the good file is fixed anyway" || fail "good file not fixed"
grep -q "fixed 1 finding in 1 file" "$d/err" && ok "summary: fixed 1 finding in 1 file" || { fail "summary"; sed 's/^/     /' "$d/err"; }
"$bin" $pack --fix --format json "$d/po/en.po" >"$d/json" 2>/dev/null
jq -e '.files[0].findings == []' "$d/json" >/dev/null && ok "JSON report after --fix is valid and empty" || fail "JSON after --fix"

# ---- a directory we may not write to (root ignores permissions: the
# unit tests inject the same failure through tl_fix_io instead) ----
if [ "$(id -u)" != 0 ]; then
  d=$tmp/ro
  mkdir -p "$d"
  printf 'msgid ""\nmsgstr "Language: en\\n"\n\nmsgid "x"\nmsgstr "Utilize it"\n' >"$d/en.po"
  cp "$d/en.po" "$tmp/ro-orig"
  chmod 0555 "$d"
  "$bin" $pack --fix "$d/en.po" >/dev/null 2>"$tmp/ro-err"
  check "read-only directory exits 2" 2 $?
  cmp -s "$d/en.po" "$tmp/ro-orig" && ok "read-only directory: original intact" || fail "read-only: original changed"
  [ "$(ls -A "$d")" = en.po ] && ok "read-only directory: no temporary file" || fail "read-only: leftovers"
  chmod 0755 "$d"
else
  echo "skip read-only directory: running as root (covered by test_fix)"
fi

[ $fails = 0 ] && echo "all fix checks passed" || echo "$fails fix checks failed"
[ $fails = 0 ]
