#!/bin/sh
# Speed-related behaviour that must hold on every build (timings are the
# benchmark's job, tests/bench/run.sh): a catastrophic pattern in a user pack
# is stopped by the match limit, named on standard error, and never hangs
# the run; --jobs gives the same output as one thread, in file order.
# Usage: performance.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"

# A pack with one catastrophic pattern: (a+)+$ backtracks exponentially on
# a long run of a's that ends in b.
mkdir -p "$tmp/pack"
cat >"$tmp/pack/slow.yml" <<'EOF'
category: jargon
rules:
  - id: jargon.catastrophic
    severity: warning
    kind: existence
    message: "slow"
    why: A test rule with a pattern that backtracks without end.
    patterns: ['(a+)+$']
    examples:
      bad: ["aaa"]
      good: ["b"]
    source: https://example.org
EOF
long=$(printf '%01000d' 0 | tr 0 a)b
printf 'one %s\n\ntwo %s\n\nthree aaa\n' "$long" "$long" >"$tmp/slow.txt"
start=$(date +%s)
timeout 60 "$bin" --no-default-rules --rules "$tmp/pack" --format unix "$tmp/slow.txt" \
  >"$tmp/out" 2>"$tmp/err"
status=$?
end=$(date +%s)
if [ $status -le 2 ]; then ok "catastrophic pattern: run ends (exit $status, $((end - start)) s)"; else
  fail "catastrophic pattern: exit $status (time-out or crash)"; fi
if grep -q "rule jargon.catastrophic stopped by the match limit on 2 strings" "$tmp/err"; then
  ok "the limit hit is reported with the rule and the number of strings"
else
  fail "no limit report on stderr:"
  sed 's/^/     /' "$tmp/err"
fi
if grep -q "slow.txt:5:7:.*jargon.catastrophic" "$tmp/out"; then
  ok "the string the pattern can finish on is still linted"
else
  fail "the third paragraph was not reported:"
  sed 's/^/     /' "$tmp/out"
fi
# The same with worker threads: same report.
timeout 60 "$bin" --jobs 2 --no-default-rules --rules "$tmp/pack" --format unix "$tmp/slow.txt" \
  "$tmp/slow.txt" >/dev/null 2>"$tmp/err2"
# Three limit hits turn the rule off for the rest of the run (two threads may
# both be on a string when the third hit lands).
if grep -q "stopped by the match limit on [34] strings and turned off" "$tmp/err2"; then ok "--jobs 2 counts limit hits of every file"; else
  fail "--jobs 2 limit count:"
  sed 's/^/     /' "$tmp/err2"
fi

# --jobs: identical output to one thread, in walk order, over many files.
i=0
mkdir -p "$tmp/tree/a" "$tmp/tree/b"
while [ $i -lt 40 ]; do
  printf 'msgid "You failed to enter a valid card number %d."\nmsgstr ""\n\nmsgid "Fine %d"\nmsgstr ""\n' \
    $i $i >"$tmp/tree/a/f$i.po"
  printf 'We apologize for any inconvenience %d.\n' $i >"$tmp/tree/b/g$i.txt"
  i=$((i + 1))
done
for fmt in unix json; do
  "$bin" --jobs 1 --format $fmt "$tmp/tree" >"$tmp/one.$fmt" 2>&1
  s1=$?
  "$bin" --jobs 2 --format $fmt "$tmp/tree" >"$tmp/two.$fmt" 2>&1
  s2=$?
  "$bin" --jobs 7 --format $fmt "$tmp/tree" >"$tmp/seven.$fmt" 2>&1
  s7=$?
  if [ $s1 = $s2 ] && [ $s1 = $s7 ] && cmp -s "$tmp/one.$fmt" "$tmp/two.$fmt" &&
    cmp -s "$tmp/one.$fmt" "$tmp/seven.$fmt"; then
    ok "--jobs 1, 2 and 7 print the same $fmt (exit $s1)"
  else
    fail "--jobs changes the $fmt output (exit $s1/$s2/$s7)"
    diff "$tmp/one.$fmt" "$tmp/two.$fmt" | head -5
  fi
done
if [ "$(grep -c 'f[0-9]*\.po' "$tmp/one.unix")" -ge 40 ]; then ok "every file reported"; else
  fail "files missing from the report"; fi
# A missing path among files: reported after the files before it.
"$bin" --jobs 2 --format unix "$tmp/tree/a/f1.po" "$tmp/nope.po" "$tmp/tree/a/f2.po" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -q "nope.po" "$tmp/err" && grep -q "f2.po" "$tmp/out" &&
  ok "--jobs: a missing file is an error and the others are linted" ||
  fail "--jobs with a missing file"

# A config met half-way through the run brings a pack that redefines a
# default rule (replaced in place, for the rest of the run): files already
# in flight finish first, then every worker matches with the new rule and
# the prefilter built for it (the report is the same as one thread's).
mkdir -p "$tmp/cfg/a" "$tmp/cfg/z/pack"
i=1
while [ $i -le 30 ]; do
  printf 'msgid "Kindly revert with the frobnicated widget %d."\nmsgstr ""\n' $i >"$tmp/cfg/a/f$i.po"
  printf 'msgid "Kindly revert with the frobnicated widget %d."\nmsgstr ""\n' $i >"$tmp/cfg/z/g$i.po"
  i=$((i + 1))
done
printf 'packs: [pack]\n' >"$tmp/cfg/z/.tonelint.yml"
cat >"$tmp/cfg/z/pack/extra.yml" <<'EOF'
category: apology
rules:
  - id: apology.inconvenience
    severity: warning
    kind: existence
    message: "made-up word"
    why: A test rule that only a project pack brings.
    patterns: ['\bfrobnicat\w*\s+widgets?\b']
    examples:
      bad: ["the frobnicated widget"]
      good: ["the widget"]
    source: https://example.org
EOF
(cd "$tmp/cfg" && "$bin" --jobs 1 --format unix a z) >"$tmp/cfg1" 2>&1
s1=$?
(cd "$tmp/cfg" && "$bin" --jobs 2 --format unix a z) >"$tmp/cfg2" 2>&1
s2=$?
if [ $s1 = $s2 ] && cmp -s "$tmp/cfg1" "$tmp/cfg2" && [ "$(grep -c 'made-up word' "$tmp/cfg1")" = 30 ]; then
  ok "--jobs: a pack from a config mid-run applies to its files on every worker"
else
  fail "--jobs with a pack from a config mid-run (exit $s1/$s2)"
  diff "$tmp/cfg1" "$tmp/cfg2" | head -5
fi

# A run of a few hundred bytes builds no prefilter and interprets patterns
# instead of JIT-compiling them: the same findings as a normal run.
printf 'msgid "An unexpected error has occurred. Please try again later!!"\nmsgstr ""\n\nmsgid "You failed to enter a valid IBAN. DO NOT REPLY."\nmsgstr ""\n' >"$tmp/small.po"
"$bin" --format unix "$tmp/small.po" >"$tmp/small.alone" 2>&1
s1=$?
"$bin" --format unix --jobs 1 "$tmp/small.po" "$tmp/tree" 2>&1 | grep '^[^ ]*small.po:' >"$tmp/small.with"
if [ $s1 = 1 ] && [ -s "$tmp/small.alone" ] && cmp -s "$tmp/small.alone" "$tmp/small.with"; then
  ok "a small run reports what a normal run reports"
else
  fail "a small run differs from a normal run (exit $s1)"
  diff "$tmp/small.alone" "$tmp/small.with" | head -5
fi

echo "$fails failed"
[ $fails = 0 ]
