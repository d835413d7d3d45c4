# lib.sh - the checks every tests/cli script reports with. Sourced after
# the script sets `fails=0`; each check prints `ok   NAME` or `FAIL NAME: why`
# and counts failures in $fails, which the script turns into its exit status.
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { # check NAME EXPECTED_STATUS ACTUAL_STATUS
  if [ "$2" != "$3" ]; then echo "FAIL $1: exit $3, expected $2"; fails=$((fails + 1)); else echo "ok   $1"; fi
}
contains() { # contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then echo "ok   $1"; else echo "FAIL $1: no '$3' in:"; sed 's/^/     /' "$2"; fails=$((fails + 1)); fi
}
lacks() { # lacks NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then echo "FAIL $1: '$3' in:"; sed 's/^/     /' "$2"; fails=$((fails + 1)); else echo "ok   $1"; fi
}
eq() { # eq NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$3', expected '$2'"; fails=$((fails + 1)); fi
}
