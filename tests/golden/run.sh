#!/bin/sh
# Run one golden test: tests/golden/<area>/<case>/ holds an input file, `args`
# (tonelint arguments on one line; INPUT stands for the input file) and
# `expected` (the expected standard output), optionally `expected_exit`.
# TONELINT_REGEN=1 rewrites `expected` and `expected_exit` from this run.
set -u
bin=$1
dir=$2
cd "$dir" || exit 2
input=$(ls | grep -v -E '^(args|expected|expected_exit|README\.md)$' | head -n 1)
args=$(sed "s|INPUT|$input|g" args)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# shellcheck disable=SC2086
NO_COLOR=1 "$bin" $args >"$out" 2>&1 </dev/null
status=$?
if [ "${TONELINT_REGEN:-}" = 1 ]; then
  cp "$out" expected
  echo "$status" >expected_exit
  echo "regenerated $dir"
  exit 0
fi
fail=0
if ! diff -u expected "$out"; then
  fail=1
fi
if [ -f expected_exit ] && [ "$(cat expected_exit)" != "$status" ]; then
  echo "exit status $status, expected $(cat expected_exit)"
  fail=1
fi
exit $fail
