#!/bin/sh
# The plain git hook (scripts/hooks/pre-commit) on a scratch repository: it
# lints what is staged (not the working tree), refuses a commit with bad
# copy and names the file, honours .tonelint.yml `ignore` and a baseline,
# lets a clean commit through, and skips files that are not catalogs
# (package.json, PHP code) while a lang/en/*.php catalog is linted.
# Usage: githook.sh TONELINT SOURCE_DIR; exit 77 without git or bash.
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
command -v git >/dev/null 2>&1 || { echo "skip: git is not installed"; exit 77; }
command -v bash >/dev/null 2>&1 || { echo "skip: bash is not installed"; exit 77; }

export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
mkdir -p "$HOME" "$tmp/bin"
ln -s "$bin" "$tmp/bin/tonelint"
PATH="$tmp/bin:$PATH"
export PATH
export TONELINT_HOOK_ARGS="--no-default-rules --rules $src/tests/golden/output-pack"

repo=$tmp/repo
mkdir -p "$repo/locale/old"
cd "$repo" || exit 1
git init -q
cp "$src/scripts/hooks/pre-commit" .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
printf 'ignore: [old/]\n' >.tonelint.yml
printf 'msgid "You failed to pay."\nmsgstr ""\n' >locale/old/legacy.po
printf 'msgid "Enter the card number."\nmsgstr ""\n' >locale/app.po
git add -A
git commit -q -m "clean copy and an ignored legacy file" >"$tmp/out" 2>&1; check "a clean commit goes through" 0 $? "$tmp/out"

# Staged bad copy; the working tree is fixed afterwards but not staged.
printf 'msgid "You failed to enter the card number."\nmsgstr ""\n' >locale/app.po
git add locale/app.po
printf 'msgid "Enter the card number."\nmsgstr ""\n' >locale/app.po
git commit -q -m "bad copy" >"$tmp/out" 2>&1; check "the staged bad copy is refused" 1 $? "$tmp/out"
contains "the file is named" "$tmp/out" "locale/app.po:1:8:"

# With a baseline that accepts it, the same commit goes through.
git show :locale/app.po >"$tmp/staged.po"
cp "$tmp/staged.po" locale/app.po
tonelint $TONELINT_HOOK_ARGS --write-baseline .tonelint-baseline.json locale/app.po >/dev/null 2>&1
git add .tonelint-baseline.json
TONELINT_HOOK_ARGS="$TONELINT_HOOK_ARGS --baseline .tonelint-baseline.json" git commit -q -m "accepted" >"$tmp/out" 2>&1
check "a baseline accepts the known finding" 0 $? "$tmp/out"

# Files that are not catalogs are skipped, as in a folder walk: package.json
# and PHP code pass; a Laravel lang/en/*.php catalog with the same words is
# linted and refused.
printf '{"name": "x", "description": "You failed to pay."}\n' >package.json
mkdir -p app lang/en
printf '<?php\nclass A { function f() { return "You failed to pay."; } }\n' >app/A.php
git add package.json app/A.php
git commit -q -m "not catalogs" >"$tmp/out" 2>&1; check "package.json and PHP code are not linted" 0 $? "$tmp/out"
printf "<?php\nreturn ['pay' => 'You failed to pay.'];\n" >lang/en/billing.php
git add lang/en/billing.php
git commit -q -m "catalog" >"$tmp/out" 2>&1; check "a PHP catalog is linted" 1 $? "$tmp/out"
contains "the PHP catalog is named" "$tmp/out" "lang/en/billing.php:2:"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
