#!/bin/sh
# The pre-commit hook (.pre-commit-hooks.yaml) run by the real pre-commit
# framework, offline, on a scratch git repository: a PO file with findings
# fails the hook and is named in its output, a clean one passes, files of
# other kinds and tonelint's own files are not passed to it, and the hook
# also stops a real `git commit`. The hook repository is a local git
# repository holding this checkout's .pre-commit-hooks.yaml.
# Usage: precommit.sh TONELINT SOURCE_DIR; exit 77 without pre-commit or git.
set -u
bin=$1
src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
command -v pre-commit >/dev/null 2>&1 || { echo "skip: pre-commit is not installed"; exit 77; }
command -v git >/dev/null 2>&1 || { echo "skip: git is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME EXPECTED_STATUS ACTUAL_STATUS
  if [ "$2" != "$3" ]; then echo "FAIL $1: exit $3, expected $2"; sed 's/^/     /' "$tmp/out"; fails=$((fails + 1)); else echo "ok   $1"; fi
}
contains() { # contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then echo "ok   $1"; else echo "FAIL $1: no '$3' in:"; sed 's/^/     /' "$2"; fails=$((fails + 1)); fi
}
lacks() { # lacks NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then echo "FAIL $1: '$3' in:"; sed 's/^/     /' "$2"; fails=$((fails + 1)); else echo "ok   $1"; fi
}

# pre-commit keeps its cache here, and finds tonelint on PATH as a user's would.
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp/home"
mkdir -p "$tmp/bin" "$HOME"
ln -s "$bin" "$tmp/bin/tonelint"
PATH="$tmp/bin:$PATH"
export PATH
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
git config --global init.defaultBranch main >/dev/null 2>&1
git config --global protocol.file.allow always >/dev/null 2>&1

# The hook repository: this checkout's hook definition, committed.
hooks=$tmp/hooks
mkdir -p "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
(cd "$hooks" && git init -q && git add .pre-commit-hooks.yaml && git commit -q -m hooks) || exit 1
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

pre-commit run --files locale/clean.po >"$tmp/out" 2>&1; check "a clean file passes the hook" 0 $?
contains "the hook ran" "$tmp/out" "tonelint"
pre-commit run --files locale/bad.po >"$tmp/out" 2>&1; check "a file with findings fails the hook" 1 $?
contains "the failing file is named" "$tmp/out" "locale/bad.po:1:8:"
contains "the finding is shown" "$tmp/out" "You failed to"
pre-commit run --files pom.xml .tonelint-baseline.json >"$tmp/out" 2>&1; check "other files are not passed" 0 $?
contains "nothing to check" "$tmp/out" "no files to check"

# The installed git hook stops a commit, and lets a fixed one through.
pre-commit install >/dev/null 2>&1 || { echo "FAIL pre-commit install"; fails=$((fails + 1)); }
git commit -q -m "bad copy" >"$tmp/out" 2>&1; check "git commit with bad copy is refused" 1 $?
contains "git commit names the file" "$tmp/out" "locale/bad.po"
printf 'msgid "We couldn'"'"'t read that card number. Check it and try again."\nmsgstr ""\n' >locale/bad.po
git add locale/bad.po
git commit -q -m "good copy" >"$tmp/out" 2>&1; check "git commit with good copy goes through" 0 $?
lacks "no findings shown" "$tmp/out" "error:"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
