#!/bin/sh
# The pre-commit hook (.pre-commit-hooks.yaml) run by the real pre-commit
# framework, offline, on a scratch git repository: a PO file with findings
# fails the hook and is named in its output, a clean one passes, files of
# other kinds and tonelint's own files are not passed to it, and the hook
# also stops a real `git commit`. The hook repository is a local git
# repository holding this checkout's .pre-commit-hooks.yaml and its entry
# script. Then the snippet docs/integrations.md gives (`repo: local`), taken
# from the page word for word: `pre-commit run --all-files` blocks a bad
# string and passes a good one; files split over several runs give one
# result whose last line is the total of every run (--total-across-runs),
# and a second `pre-commit run` starts its total from zero; without tonelint
# on PATH the hook says how to install it; `pre-commit autoupdate` finds a
# rev without tags.
# Usage: precommit.sh TONELINT SOURCE_DIR; exit 77 without pre-commit or git.
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
command -v pre-commit >/dev/null 2>&1 || { echo "skip: pre-commit is not installed"; exit 77; }
command -v git >/dev/null 2>&1 || { echo "skip: git is not installed"; exit 77; }

# pre-commit keeps its cache here, and finds tonelint on PATH as a user's would.
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp/home"
# The totals across runs are kept under TMPDIR.
unset XDG_RUNTIME_DIR
export TMPDIR="$tmp/t"
mkdir -p "$TMPDIR"
mkdir -p "$tmp/bin" "$HOME"
# tonelint on PATH, counting its runs.
cat >"$tmp/bin/tonelint" <<SH
#!/bin/sh
echo run >>"$tmp/runs"
exec "$bin" "\$@"
SH
chmod +x "$tmp/bin/tonelint"
PATH="$tmp/bin:$PATH"
export PATH
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
git config --global init.defaultBranch main >/dev/null 2>&1
git config --global protocol.file.allow always >/dev/null 2>&1

# The hook repository: this checkout's hook definition, committed.
hooks=$tmp/hooks
mkdir -p "$hooks"
mkdir -p "$hooks/scripts/hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
cp -p "$src/scripts/hooks/tonelint-hook" "$hooks/scripts/hooks/"
(cd "$hooks" && git init -q && git add -A && git commit -q -m hooks) || exit 1
rev=$(cd "$hooks" && git rev-parse HEAD)

# The project that uses it.
proj=$tmp/proj
mkdir -p "$proj/locale" "$proj/res/values"
cd "$proj" || exit 1
git init -q
cat >.pre-commit-config.yaml <<YML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: tonelint
        args: [--no-default-rules, --rules, $src/tests/golden/output-pack]
YML
printf 'msgid "Enter your card number."\nmsgstr ""\n' >locale/clean.po
printf 'msgid "You failed to enter your card number."\nmsgstr ""\n' >locale/bad.po
printf '<project><name>You failed to build.</name></project>\n' >pom.xml
printf '{"version": 1, "entries": []}\n' >.tonelint-baseline.json
git add -A

pre-commit run --files locale/clean.po >"$tmp/out" 2>&1; check "a clean file passes the hook" 0 $? "$tmp/out"
contains "the hook ran" "$tmp/out" "tonelint"
pre-commit run --files locale/bad.po >"$tmp/out" 2>&1; check "a file with findings fails the hook" 1 $? "$tmp/out"
contains "the failing file is named" "$tmp/out" "locale/bad.po:1:8:"
contains "the finding is shown" "$tmp/out" "You failed to"
pre-commit run --files pom.xml .tonelint-baseline.json >"$tmp/out" 2>&1; check "other files are not passed" 0 $? "$tmp/out"
contains "nothing to check" "$tmp/out" "no files to check"

# The installed git hook stops a commit, and lets a fixed one through.
pre-commit install >/dev/null 2>&1 || { echo "FAIL pre-commit install"; fails=$((fails + 1)); }
git commit -q -m "bad copy" >"$tmp/out" 2>&1; check "git commit with bad copy is refused" 1 $? "$tmp/out"
contains "git commit names the file" "$tmp/out" "locale/bad.po"
printf 'msgid "We couldn'"'"'t read that card number. Check it and try again."\nmsgstr ""\n' >locale/bad.po
git add locale/bad.po
git commit -q -m "good copy" >"$tmp/out" 2>&1; check "git commit with good copy goes through" 0 $? "$tmp/out"
lacks "no findings shown" "$tmp/out" "error:"

# `pre-commit autoupdate` on a repository without tags, from the `rev: main`
# docs/integrations.md gives: the newest commit.
cat >"$tmp/auto.yaml" <<YML
repos:
  - repo: $hooks
    rev: main
    hooks:
      - id: tonelint
YML
pre-commit autoupdate --config "$tmp/auto.yaml" >"$tmp/out" 2>&1; check "pre-commit autoupdate works without tags" 0 $? "$tmp/out"
contains "... and writes the newest commit" "$tmp/auto.yaml" "rev: $rev"

# -- The documented snippet, as written in docs/integrations.md.
awk '/<!-- pre-commit-local:/ { on = 1; next } on && /^```yaml/ { inb = 1; next } inb && /^```/ { exit } inb { print }' \
  "$src/docs/integrations.md" >"$tmp/documented.yaml"
grep -q "repo: local" "$tmp/documented.yaml" && echo "ok   the documented snippet is found" || { echo "FAIL no snippet in docs/integrations.md"; fails=$((fails + 1)); }
doc=$tmp/doc
mkdir -p "$doc/locale"
cd "$doc" || exit 1
git init -q
cp "$tmp/documented.yaml" .pre-commit-config.yaml
printf 'msgid "Enter your card number."\nmsgstr ""\n' >locale/app.po
git add -A
pre-commit run --all-files >"$tmp/out" 2>&1; check "documented snippet: good copy passes --all-files" 0 $? "$tmp/out"
printf 'msgid "You failed to enter your card number."\nmsgstr ""\n' >locale/app.po
git add -A
pre-commit run --all-files >"$tmp/out" 2>&1; check "documented snippet: bad copy is blocked" 1 $? "$tmp/out"
contains "... with the finding at file:line:col" "$tmp/out" "locale/app.po:1:8:"
contains "... and its rule" "$tmp/out" "[blame.you-failed-to]"

# Files split over several runs: pre-commit cuts the list at 128 KiB of
# names, so 700 files with 200-character paths take at least two runs. The
# user sees every finding and one result, and the last line totals them all
# (with locale/app.po, still bad from above: 701 files, 3 problems).
long=$(printf 'x%.0s' $(seq 1 180))
mkdir -p "locale/$long"
i=0
while [ $i -lt 700 ]; do
  printf 'msgid "Enter code %d."\nmsgstr ""\n' $i >"locale/$long/m$i.po"
  i=$((i + 1))
done
printf 'msgid "You failed to pay."\nmsgstr ""\n' >"locale/$long/m0.po"
printf 'msgid "You failed to sign in."\nmsgstr ""\n' >"locale/$long/m699.po"
git add -A
rm -f "$tmp/runs"
pre-commit run --all-files >"$tmp/out" 2>&1; check "split runs: the hook fails once" 1 $? "$tmp/out"
runs=$(wc -l <"$tmp/runs" | tr -d ' ')
[ "$runs" -ge 2 ] && echo "ok   pre-commit split the files over $runs runs" || { echo "FAIL the files were not split ($runs run)"; fails=$((fails + 1)); }
contains "... the first run's finding is shown" "$tmp/out" "m0.po:1:8:"
contains "... and the last run's" "$tmp/out" "m699.po:1:8:"
[ "$(grep -c 'Failed$' "$tmp/out")" = 1 ] && echo "ok   ... one Failed line" || { echo "FAIL Failed lines"; fails=$((fails + 1)); }
total="In all, over $runs runs: 3 problems (3 errors, 0 warnings, 0 suggestions) in 701 strings across 701 files."
last=$(grep . "$tmp/out" | tail -n 1)
[ "$last" = "$total" ] && echo "ok   ... the last line is the total of every run" || { echo "FAIL last line: '$last', expected '$total'"; fails=$((fails + 1)); }
[ "$(grep -c '^In all, over' "$tmp/out")" = $((runs - 1)) ] && echo "ok   ... one running total from the second run on" || { echo "FAIL running totals:"; grep 'problem' "$tmp/out"; fails=$((fails + 1)); }
# Another pre-commit run: a new total, not added to the last one's.
rm -f "$tmp/runs"
pre-commit run --all-files >"$tmp/out" 2>&1; check "split runs again: the hook fails once" 1 $? "$tmp/out"
runs=$(wc -l <"$tmp/runs" | tr -d ' ')
total="In all, over $runs runs: 3 problems (3 errors, 0 warnings, 0 suggestions) in 701 strings across 701 files."
last=$(grep . "$tmp/out" | tail -n 1)
[ "$last" = "$total" ] && echo "ok   ... the second run's total starts from zero" || { echo "FAIL last line: '$last', expected '$total'"; fails=$((fails + 1)); }
git rm -rqf "locale/$long"

# Without tonelint on PATH: how to install it, from both hook definitions.
nopath=/usr/bin:/bin
if PATH=$nopath command -v tonelint >/dev/null 2>&1; then
  echo "skip tonelint is installed system-wide: the not-found message is not testable here"
else
  PATH=$nopath /usr/bin/env pre-commit run --all-files >"$tmp/out" 2>&1; check "documented snippet without tonelint fails" 1 $? "$tmp/out"
  contains "... and says how to install it" "$tmp/out" "tonelint is not on PATH. Install it"
  cd "$proj" || exit 1
  PATH=$nopath /usr/bin/env pre-commit run --files locale/clean.po >"$tmp/out" 2>&1; check "the repository hook without tonelint fails" 1 $? "$tmp/out"
  contains "... and says how to install it" "$tmp/out" "tonelint is not installed (not found on PATH)"
  contains "... naming the package and the install" "$tmp/out" "sudo cmake --install build"
fi

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
