#!/bin/sh
# Replay every input a fuzzer once crashed on (tests/fuzz/regressions/<syntax>/)
# through the normal binary: it must finish with 0, 1 or 2 (never a signal or
# a hang). For the rule loader, the input is loaded as a rule pack; for
# config and baseline, as --config and --baseline files.
# Usage: replay.sh TONELINT SOURCE_DIR
set -u
bin=$1
src=$2
fails=0
# A sanitizer report must fail the replay, not pass as exit 1.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:exitcode=86"
count=0
for dir in "$src"/tests/fuzz/regressions/*/; do
  [ -d "$dir" ] || continue
  syntax=$(basename "$dir")
  # Only format and rule-loader inputs replay through the command line.
  if [ "$syntax" != rules ] && ! "$bin" --help | grep -q "^  $syntax "; then
    [ -n "$(ls "$dir")" ] && echo "note: $dir is replayed by its fuzz target only"
    continue
  fi
  for f in "$dir"*; do
    [ -f "$f" ] || continue
    count=$((count + 1))
    if [ "$syntax" = rules ]; then
      tmp=$(mktemp -d); cp "$f" "$tmp/pack.yml"
      timeout 20 "$bin" --no-default-rules --rules "$tmp" - </dev/null >/dev/null 2>&1
      status=$?; rm -rf "$tmp"
    elif [ "$syntax" = config ]; then
      timeout 20 "$bin" --config "$f" - </dev/null >/dev/null 2>&1
      status=$?
    elif [ "$syntax" = baseline ]; then
      timeout 20 "$bin" --baseline "$f" - </dev/null >/dev/null 2>&1
      status=$?
    else
      timeout 20 "$bin" --syntax "$syntax" "$f" >/dev/null 2>&1
      status=$?
    fi
    if [ $status -gt 2 ]; then
      echo "FAIL $f: exit $status"
      fails=$((fails + 1))
    fi
  done
done
echo "$count regression inputs replayed, $fails failed"
[ $fails = 0 ]
