# lib.sh - what every tests/cli script shares: its setup (cli_setup) and the
# checks it reports with. A script sources this file from SOURCE_DIR and calls
# `cli_setup "$@"`; each check prints `ok   NAME` or `FAIL NAME: why` and
# counts failures in $fails, which the script turns into its exit status.
# Skips (exit 77) and TONELINT_RULES_DIR stay in the scripts that need them.

# cli_setup TONELINT SOURCE_DIR: unset variables become errors; sets bin and
# src (absolute, so a script may cd), tmp (a scratch folder removed on exit)
# and fails=0.
cli_setup() {
  set -u
  bin=$1 src=$2
  case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
  case $src in /*) ;; *) src=$PWD/$src ;; esac
  tmp=$(mktemp -d) || exit 2
  # Write access first: some tests leave read-only files and folders in $tmp.
  trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
  fails=0
}

# printf, not echo: names may hold backslashes, which some shells' echo eats.
ok() { printf 'ok   %s\n' "$1"; }
fail() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
check() { # check NAME EXPECTED_STATUS ACTUAL_STATUS [OUTPUT]: OUTPUT, a file, is shown on failure
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: exit $3, expected $2"; [ $# -lt 4 ] || sed 's/^/     /' "$4"; fi
}
contains() { # contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1: no '$3' in:"; sed 's/^/     /' "$2"; fi
}
lacks() { # lacks NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then fail "$1: '$3' in:"; sed 's/^/     /' "$2"; else ok "$1"; fi
}
eq() { # eq NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$3', expected '$2'"; fi
}
