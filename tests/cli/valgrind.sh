#!/bin/sh
# Every golden test's command runs clean under valgrind memcheck: no invalid
# read or write, no use of uninitialised memory, no leak. Output is checked by
# the golden tests themselves; here only valgrind's verdict counts. PCRE2's
# JIT code is opaque to valgrind, so these runs use the interpreter.
# Usage: valgrind.sh TONELINT SOURCE_DIR   (exit 77 without valgrind or in a sanitizer build)
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
command -v valgrind >/dev/null 2>&1 || { echo "skip: valgrind not installed"; exit 77; }
if nm "$bin" 2>/dev/null | grep -q __asan_init; then echo "skip: sanitizer build"; exit 77; fi
runs=0
for dir in "$src"/tests/golden/*/*/; do
  [ -f "$dir/args" ] || continue
  input=$(ls "$dir" | grep -v -E '^(args|expected|expected_exit|README\.md)$' | head -n 1)
  args=$(sed "s|INPUT|$input|g" "$dir/args")
  runs=$((runs + 1))
  # shellcheck disable=SC2086
  (cd "$dir" && TONELINT_NO_JIT=1 valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$bin" $args >/dev/null 2>"$tmp/valgrind" </dev/null)
  if [ $? = 99 ]; then
    echo "FAIL $dir"
    head -30 "$tmp/valgrind"
    fails=$((fails + 1))
  fi
done
echo "$runs golden commands under valgrind, $fails failed"
[ $fails = 0 ]
