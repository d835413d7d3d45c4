#!/bin/sh
# --total-across-runs without pre-commit: runs with one parent process (a
# shell) and the same options add up, the second and later say "In all,
# over N runs", runs in parallel add up (the lock), another parent or other
# options start from zero, the state of a parent that has exited is removed
# by the next run, an unsafe state folder is refused with a warning (the
# run's own total, the exit status unchanged), and formats other than text
# are untouched.
# Usage: totals.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
export TONELINT_RULES_DIR="$src/rules"
unset XDG_RUNTIME_DIR
export TMPDIR="$tmp/t"
mkdir -p "$TMPDIR"
state="$TMPDIR/tonelint-$(id -u)"
cd "$tmp" || exit 2
printf 'msgid "You failed to pay."\nmsgstr ""\n' >a.po
printf 'msgid "Please utilize the link below."\nmsgstr ""\n' >b.po
printf 'msgid "Enter your card number."\nmsgstr ""\n' >c.po
export bin

# Three runs of one shell: totals so far.
sh -c '"$bin" --no-config --total-across-runs a.po; echo "exit $?"
       "$bin" --no-config --total-across-runs b.po; echo "exit $?"
       "$bin" --no-config --total-across-runs c.po; echo "exit $?"' >out 2>err
eq first-run "1 problem (1 error, 0 warnings, 0 suggestions) in 1 string across 1 file." "$(grep 'problem' out | sed -n 1p)"
eq second-run "In all, over 2 runs: 2 problems (1 error, 0 warnings, 1 suggestion) in 2 strings across 2 files." "$(grep 'problem' out | sed -n 2p)"
eq third-run "In all, over 3 runs: 2 problems (1 error, 0 warnings, 1 suggestion) in 3 strings across 3 files." "$(tail -n 2 out | head -n 1)"
eq exit-statuses "exit 1 exit 0 exit 0" "$(grep '^exit' out | tr '\n' ' ' | sed 's/ $//')"
eq no-warning "" "$(cat err)"

# Another shell: from zero. A clean run says so in the total's words.
sh -c '"$bin" --no-config --total-across-runs c.po; "$bin" --no-config --total-across-runs c.po' >out 2>&1
eq fresh "No problems found in 1 string across 1 file." "$(sed -n 1p out)"
eq clean-total "In all, over 2 runs: no problems found in 2 strings across 2 files." "$(sed -n 2p out)"

# Other options: a total of their own.
sh -c '"$bin" --no-config --total-across-runs a.po >/dev/null
       "$bin" --no-config --total-across-runs --min-severity error b.po' >out 2>&1
eq other-options "No problems found in 1 string across 1 file." "$(cat out)"

# Runs in parallel add up: none is lost.
sh -c 'for i in 1 2 3 4 5 6 7 8; do "$bin" --no-config --total-across-runs a.po >/dev/null & done; wait
       "$bin" --no-config --total-across-runs a.po' >out 2>&1
eq parallel "In all, over 9 runs: 9 problems (9 errors, 0 warnings, 0 suggestions) in 9 strings across 9 files." "$(tail -n 1 out)"

# The state of the shells above (exited) is gone after the next run; only
# the current parent's remains.
sh -c '"$bin" --no-config --total-across-runs c.po >/dev/null; ls "'"$state"'" | grep -v "\.lock$" | wc -l' >out
eq swept 1 "$(tr -d ' ' <out)"
eq state-private 700 "$(stat -c %a "$state")"

# A state folder others may write to is not used.
chmod 777 "$state"
sh -c '"$bin" --no-config --total-across-runs a.po; "$bin" --no-config --total-across-runs a.po; echo "exit $?"' >out 2>err
eq unsafe-own-total "1 problem (1 error, 0 warnings, 0 suggestions) in 1 string across 1 file." "$(grep problem out | tail -n 1)"
eq unsafe-exit "exit 1" "$(tail -n 1 out)"
eq unsafe-warning 2 "$(grep -c 'is not a folder of this user' err)"
chmod 700 "$state"

# Other formats are untouched.
sh -c '"$bin" --no-config --total-across-runs a.po >/dev/null; "$bin" --no-config --total-across-runs --format json a.po' >out.json 2>&1
eq json-untouched "$("$bin" --no-config --format json a.po)" "$(cat out.json)"
# --no-summary wins.
sh -c '"$bin" --no-config --total-across-runs a.po >/dev/null; "$bin" --no-config --no-summary --total-across-runs a.po' >out 2>&1
eq no-summary 0 "$(grep -c problem out)"

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
