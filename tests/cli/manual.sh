#!/bin/sh
# The manual and the shell completions stay in step with the command: every
# option of `tonelint --help` and `tonelint lsp --help` is in the man page
# and in the bash, zsh and fish completions (and the man page names no
# option the command lacks); every --format and --syntax name is offered;
# the man page renders without warnings; bash completes for real; and
# `cmake --install` puts the binary, rules, man page and completions where
# they belong.
# Usage: manual.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"

man=$src/docs/tonelint.1
comp=$src/scripts/completions
# The man page with roff's \- turned back into -.
sed 's/\\-/-/g' "$man" >"$tmp/man.txt"
{ "$bin" --help; "$bin" lsp --help; } | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/options"
[ -s "$tmp/options" ] || fail "no options found in --help"
for opt in $(cat "$tmp/options"); do
  for f in "$tmp/man.txt" "$comp/tonelint.bash" "$comp/_tonelint" "$comp/tonelint.fish"; do
    case $f in
      *.fish) grep -q -- "-l ${opt#--}\( \|$\)" "$f" ;;
      *) grep -q -- "$opt\([^a-z-]\|$\)" "$f" ;;
    esac || fail "$opt missing from $(basename "$f")"
  done
done
[ "$fails" = 0 ] && ok "every option is in the man page and the completions"
grep -o -- '--[a-z][a-z-]*' "$tmp/man.txt" | sort -u >"$tmp/man-options"
for opt in $(cat "$tmp/man-options"); do
  grep -qx -- "$opt" "$tmp/options" || [ "$opt" = --colour ] || fail "the man page names $opt, which --help does not"
done
ok "the man page names no unknown option"

# Output formats and syntaxes, as the command lists them in its errors.
formats=$("$bin" --format nope - </dev/null 2>&1 | sed -n 's/.*one of: //p')
syntaxes=$("$bin" --syntax nope - </dev/null 2>&1 | sed -n 's/.*one of: *//p')
[ -n "$formats" ] && [ -n "$syntaxes" ] || fail "could not read the format lists"
for name in $formats $syntaxes; do
  for f in "$tmp/man.txt" "$comp/tonelint.bash" "$comp/_tonelint" "$comp/tonelint.fish"; do
    grep -qw -- "$name" "$f" || fail "$name missing from $(basename "$f")"
  done
done
ok "format and syntax names are offered"

# The man page renders cleanly.
if command -v groff >/dev/null 2>&1; then
  if groff -man -Tutf8 -ww -z "$man" >"$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then
    ok "groff renders the man page without warnings"
  else
    fail "groff warnings:"; sed 's/^/     /' "$tmp/groff"
  fi
fi

# bash completes for real.
if command -v bash >/dev/null 2>&1; then
  mkdir -p "$tmp/path"
  ln -s "$bin" "$tmp/path/tonelint"
  out=$(PATH="$tmp/path:$PATH" bash -c '
    . "$1"
    complete_for() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _tonelint; echo "${COMPREPLY[*]}"; }
    echo "format: $(complete_for tonelint --format s)"
    echo "fail: $(complete_for tonelint --fail-on n)"
    echo "opts: $(complete_for tonelint --write)"
    echo "explain: $(complete_for tonelint --explain wordy.utili)"
    echo "lsp: $(complete_for tonelint lsp --std)"
  ' _ "$comp/tonelint.bash" 2>&1)
  for want in "format: sarif" "fail: none" "opts: --write-baseline" "explain: wordy.utilize" "lsp: --stdio"; do
    case $out in *"$want"*) ;; *) fail "bash completion: no '$want' in: $out" ;; esac
  done
  ok "bash completes options, values and rule ids"
fi
command -v zsh >/dev/null 2>&1 && { zsh -n "$comp/_tonelint" && ok "zsh completion parses" || fail "zsh -n _tonelint"; }
command -v fish >/dev/null 2>&1 && { fish --no-execute "$comp/tonelint.fish" && ok "fish completion parses" || fail "fish --no-execute"; }

# Install into a scratch prefix from the build tree the binary came from.
build=$(dirname "$bin")
if command -v cmake >/dev/null 2>&1 && [ -f "$build/cmake_install.cmake" ]; then
  if cmake --install "$build" --prefix "$tmp/inst" >"$tmp/install.log" 2>&1; then
    for f in bin/tonelint share/man/man1/tonelint.1 share/bash-completion/completions/tonelint \
             share/zsh/site-functions/_tonelint share/fish/vendor_completions.d/tonelint.fish; do
      [ -f "$tmp/inst/$f" ] || fail "cmake --install did not install $f"
    done
    ls "$tmp/inst/share/tonelint/rules/en/"*.yml >/dev/null 2>&1 || fail "cmake --install did not install the rules"
    # The installed binary finds its installed rules.
    env -u TONELINT_RULES_DIR "$tmp/inst/bin/tonelint" --list-rules >"$tmp/rules" 2>&1 && [ -s "$tmp/rules" ] ||
      fail "the installed tonelint does not find its rules"
    ok "cmake --install lays out binary, rules, man page and completions"
  else
    fail "cmake --install failed:"; sed 's/^/     /' "$tmp/install.log"
  fi
fi

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
