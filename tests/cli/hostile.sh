#!/bin/sh
# Hostile input: every case must end in bounded time with exit 0, 1 or 2 (never
# a signal), give a clear `file:line:col` error or nothing, and leave the other
# files of the same run linted: each run also lints a canary file with a known
# finding, which must be reported.
# Usage: hostile.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
shared=$src/../shared/corpus
cases=0
printf 'msgid "You failed to enter a valid card number."\nmsgstr ""\n' >"$tmp/canary.po"

# run NAME EXPECT FILE... : EXPECT is "ok" (exit 0/1) or "refused" (exit 2 with
# a file:line:col or file: error naming the first file).
run() {
  name=$1 expect=$2
  shift 2
  cases=$((cases + 1))
  timeout 300 "$bin" --format unix "$@" "$tmp/canary.po" >"$tmp/out" 2>"$tmp/err"
  status=$?
  problem=""
  if [ $status -gt 2 ]; then problem="exit $status (crash or time-out)"; fi
  if ! grep -q "canary.po:1:8:" "$tmp/out"; then problem="$problem; the canary was not linted"; fi
  if [ "$expect" = refused ]; then
    [ $status = 2 ] || problem="$problem; exit $status, expected 2"
    grep -qF "$(basename "$1"):" "$tmp/err" || problem="$problem; no error naming $(basename "$1")"
  fi
  if [ -n "$problem" ]; then
    echo "FAIL $name:$problem"
    sed 's/^/     /' "$tmp/err" | head -5
    fails=$((fails + 1))
  else
    echo "ok   $name ($(head -c 120 "$tmp/err" | tr '\n' ' '))"
  fi
}

# Real files of each format, damaged in the usual ways.
samples=""
for pat in '*.pot' '*.json' '*.arb' '*.xcstrings' 'en.yml' 'strings.xml' '*.xlf' '*.resx' \
  '*.stringsdict' '*.properties' '*.strings' '*.ftl' '*.text.erb'; do
  f=$(find "$shared" -name "$pat" -type f -size +1k 2>/dev/null | sort | head -n 1)
  [ -n "$f" ] && samples="$samples $f"
done
for f in $samples; do
  base=$(basename "$f")
  size=$(wc -c <"$f")
  for cut in 3 2; do
    head -c $((size / cut)) "$f" >"$tmp/trunc$cut-$base"
    run "truncated 1/$cut $base" any "$tmp/trunc$cut-$base"
  done
  { head -c $((size / 2)) "$f"; printf '\377\376\300\200'; tail -c +$((size / 2 + 1)) "$f"; } >"$tmp/badutf8-$base"
  run "invalid UTF-8 in $base" any "$tmp/badutf8-$base"
  { head -c $((size / 2)) "$f"; printf '\000\000'; tail -c +$((size / 2 + 1)) "$f"; } >"$tmp/nul-$base"
  run "NUL bytes in $base" any "$tmp/nul-$base"
  { printf '\357\273\277'; cat "$f"; } >"$tmp/bom-$base"
  run "BOM at the start of $base" any "$tmp/bom-$base"
  { head -c $((size / 2)) "$f"; printf '\357\273\277'; tail -c +$((size / 2 + 1)) "$f"; } >"$tmp/midbom-$base"
  run "BOM in the middle of $base" any "$tmp/midbom-$base"
  if command -v iconv >/dev/null; then
    iconv -f UTF-8 -t UTF-16LE "$f" >"$tmp/utf16-$base" 2>/dev/null && run "UTF-16 without BOM $base" any "$tmp/utf16-$base"
  fi
done

# Sizes and depths.
python3 - "$tmp" <<'PY'
import sys, os
d = sys.argv[1]
with open(os.path.join(d, 'huge.txt'), 'w') as f:  # 50 MB on one line
    chunk = 'Please be advised that you failed to utilize the portal. ' * 1000
    while f.tell() < 50 * 1024 * 1024:
        f.write(chunk)
with open(os.path.join(d, 'deep.json'), 'w') as f:
    f.write('[' * 300000 + '"x"' + ']' * 300000)
with open(os.path.join(d, 'deep.yml'), 'w') as f:
    f.write('a: [' * 100000 + 'x' + ']' * 100000 + '\n')
with open(os.path.join(d, 'bomb.yml'), 'w') as f:
    f.write('en:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n')
    for i in range(1, 12):
        f.write(f'  {chr(97+i)}: &{chr(97+i)} [' + ','.join([f'*{chr(96+i)}'] * 9) + ']\n')
with open(os.path.join(d, 'laughs.xml'), 'w') as f:
    f.write('<?xml version="1.0"?>\n<!DOCTYPE resources [\n <!ENTITY lol "lol">\n')
    for i in range(1, 10):
        f.write(f' <!ENTITY lol{i} "' + f'&lol{i-1 if i > 1 else ""};' * 10 + '">\n')
    f.write(']>\n<resources><string name="a">&lol9;</string></resources>\n')
with open(os.path.join(d, 'xxe.xml'), 'w') as f:
    f.write('<?xml version="1.0"?>\n<!DOCTYPE resources [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<resources><string name="a">&x;</string></resources>\n')
with open(os.path.join(d, 'binary.po'), 'wb') as f:
    f.write(bytes(range(256)) * 64)
with open(os.path.join(d, 'unclosed.json'), 'w') as f:
    f.write('{"a": "' + '<code>' * 200000 + ' Failed to save."}')
PY
mkdir -p "$tmp/values"
mv "$tmp/laughs.xml" "$tmp/values/strings.xml"
mkdir -p "$tmp/values-x"
mv "$tmp/xxe.xml" "$tmp/values-x/strings.xml"
run "50 MB single-line text" ok "$tmp/huge.txt"
run "300,000-deep JSON" refused "$tmp/deep.json"
run "100,000-deep YAML" refused "$tmp/deep.yml"
run "YAML alias bomb" any "$tmp/bomb.yml"
run "XML entity expansion (billion laughs)" refused "$tmp/values/strings.xml"
run "XML external entity" refused "$tmp/values-x/strings.xml"
run "binary data named .po" refused "$tmp/binary.po"
run "200,000 unclosed <code> tags in one string" ok "$tmp/unclosed.json"
cp /bin/ls "$tmp/program.json"
run "an executable named .json" refused "$tmp/program.json"

# Unreadable things and walks.
ln -s "$tmp/nowhere.po" "$tmp/dangling.po"
run "a dangling link named .po" refused "$tmp/dangling.po"
mkdir -p "$tmp/walk/a"
cp "$tmp/canary.po" "$tmp/walk/a/x.po"
ln -s ../.. "$tmp/walk/a/up"
ln -s loop2 "$tmp/walk/loop1"
ln -s loop1 "$tmp/walk/loop2"
run "symlink loops in a walk" ok "$tmp/walk"
# An empty folder: nothing to sort (qsort must not see NULL; UBSan halts on it).
mkdir -p "$tmp/empty"
run "an empty folder" ok "$tmp/empty"
# A walk reads regular files only: a FIFO (which would block) is passed over.
mkfifo "$tmp/walk/pipe.po" && run "a FIFO in a walked folder" ok "$tmp/walk"

# Attacks beyond damaged input (issue 17). attack NAME FUNCTION: the shell
# function must succeed; what it printed is shown when it does not.
# set -e holds only outside `if`, `&&` and `!`: each assertion stands on its
# own line, negated with `not`.
not() { ! "$@"; }
attack() {
  cases=$((cases + 1))
  (
    set -e
    $2
  ) >"$tmp/attack.log" 2>&1
  if [ $? = 0 ]; then
    ok "$1"
  else
    fail "$1"
    sed 's/^/     /' "$tmp/attack.log" | head -12
  fi
}
po='msgid "You failed to enter a valid card number."\nmsgstr ""\n'
fixable='{"a": "Please utilize the portal."}\n'

# A pack named by a config that exists but does not load: an error naming it.
t_bad_packs() {
  for pack in emptypack /etc .tonelint.yml; do
    d=$tmp/packs-$(echo "$pack" | tr -dc a-z)
    mkdir -p "$d/emptypack"
    printf 'packs: [%s]\n' "$pack" >"$d/.tonelint.yml"
    printf "$po" >"$d/a.po"
    st=0
    "$bin" "$d/a.po" >/dev/null 2>"$d/err" || st=$?
    cat "$d/err"
    [ $st = 2 ]
    grep "error: .*(rule pack \`.*$pack\`, named in .*/.tonelint.yml:1:9)" "$d/err" | grep -qv "^[^/]"
  done
}
attack "config packs that do not load" t_bad_packs

# Text, names and errors reach terminals and CI logs: no control character
# (a line break, ESC, CR) gets through the human and line formats, on
# standard output or standard error; `unix` stays one line a finding.
t_injection() {
  d=$tmp/inject
  mkdir -p "$d"
  printf '{"a": "To unsubscribe you failed\\nto go \\u001b]0;pwn\\u0007 \\u009b31m\\r\\n::error::Injected. Please be\\nadvised."}\n' >"$d/en.json"
  bad=$(printf 'x\n::error::Injected\033[31m\r.po')
  printf 'msgid "You failed to go."\nmsgstr ""\n' >"$d/$bad"
  printf 'msgid "unterminated\n' >"$d/$bad-broken.po"
  for fmt in text unix github; do
    "$bin" --no-config -f $fmt "$d" >"$d/out.$fmt" 2>"$d/err.$fmt" || true
    cat "$d/out.$fmt" "$d/err.$fmt"
    not grep -q "$(printf '[\033\r]')" "$d/out.$fmt" "$d/err.$fmt"
    not grep -q "$(printf '\302\233')" "$d/out.$fmt"
    not grep -q '^::error::Injected' "$d/out.$fmt" "$d/err.$fmt"
  done
  [ "$(grep -c . "$d/out.unix")" = "$("$bin" --no-config -f json "$d" 2>/dev/null | grep -c '"rule"')" ]
  # Every line is a command, but the closing count (no text from files in it).
  not grep -v -e '^::\(error\|warning\|notice\) file=' -e '^tonelint: [0-9]* findings\{0,1\} ([0-9]* error' "$d/out.github"
  grep -qF 'x\n::error::Injected\x1b[31m\r.po:1:8: error:' "$d/out.unix"
  grep -qF 'you failed\nto' "$d/out.unix"
  grep -qF 'x\n::error::Injected\x1b[31m\r.po-broken.po:1:' "$d/err.github"
}
attack "control characters in text, file names and errors" t_injection

# A report, a patch or fixed text that cannot be written (a full disk) is
# exit 2 with a message, never exit 0 or 1 with nothing written.
t_full_output() {
  [ -w /dev/full ] || { echo "no /dev/full: skipped"; return 0; }
  d=$tmp/full
  mkdir -p "$d"
  printf '{"a": "Please utilize the portal."}\n' >"$d/en.json"
  for fmt in text unix json sarif github checkstyle; do
    st=0
    "$bin" --no-config -f $fmt "$d/en.json" >/dev/full 2>"$d/err" || st=$?
    echo "$fmt: exit $st: $(cat "$d/err")"
    [ $st = 2 ]
    grep -q 'cannot write to standard output' "$d/err"
  done
  for args in "--fix --stdin-filename en.json -" "--diff $d/en.json" "--list-rules"; do
    st=0
    # shellcheck disable=SC2086
    "$bin" --no-config $args <"$d/en.json" >/dev/full 2>"$d/err" || st=$?
    echo "$args: exit $st: $(cat "$d/err")"
    [ $st = 2 ]
    grep -q 'cannot write to standard output' "$d/err"
    not grep -q 'fixed\|shown as a diff' "$d/err"
  done
}
attack "standard output on a full disk" t_full_output

# --diff names: a space, a tab or a newline in a file name must not break
# the patch or add lines to it; patch -p1 and git apply take it back.
t_diff_names() {
  d=$tmp/diffnames
  mkdir -p "$d/a" "$d/b" "$d/c"
  for name in "en us.json" "$(printf 't\tx.json')" "$(printf 'n\nl.json')" 'q"b\s.json'; do
    printf '{"a": "Please utilize the portal."}\n' >"$d/a/$name"
    cp "$d/a/$name" "$d/b/$name"
    cp "$d/a/$name" "$d/c/$name"
  done
  (cd "$d/a" && "$bin" --no-config --diff -- * >../patch)
  cat "$d/patch"
  [ "$(grep -c '^--- ' "$d/patch")" = 4 ]
  [ "$(grep -c '^+++ ' "$d/patch")" = 4 ]
  [ "$(grep -c '^@@ ' "$d/patch")" = 4 ]
  (cd "$d/b" && patch -s -p1 <../patch)
  (cd "$d/c" && git apply ../patch)
  (cd "$d/a" && "$bin" --no-config --fix -- * >/dev/null 2>&1) || true
  diff -r "$d/a" "$d/b"
  diff -r "$d/a" "$d/c"
}
attack "--diff quotes file names" t_diff_names

# --write-baseline writes like --fix: through a link to its target, never
# over a FIFO or a folder, never through a file planted where its temporary
# file will be, nothing left behind.
t_baseline_targets() {
  d=$tmp/bl
  mkdir -p "$d/real"
  printf "$po" >"$d/a.po"
  echo keep >"$d/victim"
  ln -s real/base.json "$d/link.json"
  "$bin" --no-config --write-baseline "$d/link.json" "$d/a.po" >/dev/null
  [ -L "$d/link.json" ]
  grep -q '"entries"' "$d/real/base.json"
  mkfifo "$d/fifo.json"
  mkdir "$d/dir.json"
  for target in fifo.json dir.json; do
    st=0
    "$bin" --no-config --write-baseline "$d/$target" "$d/a.po" >/dev/null 2>"$d/err" || st=$?
    cat "$d/err"
    [ $st = 2 ]
    grep -q "$target: error: cannot write the baseline: not a regular file" "$d/err"
  done
  [ -p "$d/fifo.json" ]
  [ -d "$d/dir.json" ]
  # The old temporary name was TARGET.tmp.PID: plant a link there.
  (cd "$d" && sh -c 'ln -s victim "base.json.tmp.$$"; exec "$0" --no-config --write-baseline base.json a.po' "$bin" >/dev/null) || true
  [ "$(cat "$d/victim")" = keep ]
  grep -q '"entries"' "$d/base.json"
  rm -f "$d"/base.json.tmp.*
  [ -z "$(find "$d" -mindepth 1 -name '*tmp*')" ]
}
attack "--write-baseline targets: links, FIFOs, folders, planted files" t_baseline_targets

# --fix of a file whose name is near NAME_MAX (the temporary name is short).
t_long_name() {
  d=$tmp/long/locales
  mkdir -p "$d"
  name=en$(printf '%0242d' 0).json
  printf "$fixable" >"$d/$name"
  "$bin" --no-config --fix "$d/$name" >/dev/null 2>"$d/err" || true
  cat "$d/err"
  grep -q 'fixed 1 finding' "$d/err"
  grep -q 'Please use' "$d/$name"
}
attack "--fix of a 248-byte file name" t_long_name

# SIGINT or SIGTERM in the middle of --fix leaves no temporary file.
t_interrupted_fix() {
  d=$tmp/intr/locales
  mkdir -p "$d"
  i=0
  while [ $i -lt 300 ]; do printf "$fixable" >"$d/en$i.json"; i=$((i + 1)); done
  python3 - "$bin" "$d" <<'PY'
import os, signal, subprocess, sys, time
bin, d = sys.argv[1], sys.argv[2]
left = []
for n in range(12):
    for f in os.listdir(d):
        if f.endswith('.json'):
            with open(os.path.join(d, f), 'w') as fh:
                fh.write('{"a": "Please utilize the portal."}\n')
    p = subprocess.Popen([bin, '--no-config', '--fix', d], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(0.05 + 0.03 * n)
    p.send_signal(signal.SIGINT if n % 2 else signal.SIGTERM)
    p.wait()
    left += [f for f in os.listdir(d) if not f.endswith('.json')]
print('left behind:', left)
sys.exit(1 if left else 0)
PY
}
attack "SIGINT and SIGTERM during --fix" t_interrupted_fix

# --fix refuses a read-only file rather than replacing it (root could).
t_readonly_fix() {
  d=$tmp/ro
  mkdir -p "$d"
  printf "$fixable" >"$d/en.json"
  chmod 0444 "$d/en.json"
  st=0
  "$bin" --no-config --fix "$d/en.json" >/dev/null 2>"$d/err" || st=$?
  cat "$d/err"
  [ $st = 2 ]
  grep -q 'en.json: error: the file is read-only' "$d/err"
  grep -q 'utilize' "$d/en.json"
  [ "$(stat -c %a "$d/en.json")" = 444 ]
}
attack "--fix of a read-only file" t_readonly_fix

# A .tonelint.yml that is not a file (a FIFO would block, /dev/zero never
# ends, a folder reads as nothing) is an error naming it.
t_config_not_file() {
  for kind in fifo dir zero; do
    d=$tmp/cfg-$kind
    mkdir -p "$d"
    printf "$po" >"$d/a.po"
    case $kind in
      fifo) mkfifo "$d/.tonelint.yml" ;;
      dir) mkdir "$d/.tonelint.yml" ;;
      zero) ln -s /dev/zero "$d/.tonelint.yml" ;;
    esac
    st=0
    timeout 20 "$bin" "$d/a.po" >/dev/null 2>"$d/err" || st=$?
    echo "$kind: exit $st: $(cat "$d/err")"
    [ $st = 2 ]
    grep -q '.tonelint.yml: error: not a regular file' "$d/err"
  done
}
attack ".tonelint.yml that is a FIFO, a folder or /dev/zero" t_config_not_file

# Fixes that never settle: refused whole (exit 2, the file untouched), never
# written half-way or grown without bound; a pack whose safe fix its own
# pattern matches again is refused at load.
t_runaway_fix() {
  d=$tmp/runaway
  mkdir -p "$d/self" "$d/grow" "$d/swap" "$d/locales" "$d/l2/locales"
  rule() { # FILE ID PATTERN SUGGESTION BAD
    printf 'category: wordy\nrules:\n  - id: %s\n    kind: substitution\n    severity: warning\n    message: m\n    why: w\n    patterns: [%s]\n    suggest: [%s]\n    fix: safe\n    examples:\n      bad: [%s]\n      good: ["nothing"]\n' "$2" "$3" "$4" "$5" >>"$1"
  }
  rule "$d/self/r.yml" wordy.self "'q(z+)'" "'qz\$1\$1'" '"qzz here"'
  rule "$d/grow/r.yml" wordy.grow "'(?<=a)q(z+)'" "'qz\$1\$1'" '"aqzz here"'
  rule "$d/swap/r.yml" wordy.ab "'\\bfoo\\b'" '"bar"' '"a foo here"'
  rule "$d/swap/r2.yml" wordy.ba "'\\bbar\\b'" '"foo"' '"a bar here"'
  st=0
  "$bin" --no-config -r "$d/self" "$d/runaway.po" >/dev/null 2>"$d/err" || st=$?
  cat "$d/err"
  [ $st = 2 ]
  grep -q 'r.yml:3:5: error: rule `wordy.self` has `fix: safe` but its pattern matches its own suggestion' "$d/err"
  python3 -c 'import json; print(json.dumps({"k%d" % i: "say aqzz now" for i in range(600)}))' >"$d/locales/en.json"
  printf '{"a": "a foo here"}\n' >"$d/l2/locales/en.json"
  for f in locales/en.json:grow l2/locales/en.json:swap; do
    file=${f%%:*} pack=${f#*:}
    cp "$d/$file" "$d/orig"
    st=0
    "$bin" --no-config -r "$d/$pack" --fix "$d/$file" >/dev/null 2>"$d/err" || st=$?
    cat "$d/err"
    [ $st = 2 ]
    cmp "$d/orig" "$d/$file"
    grep -q "nothing was changed" "$d/err"
    st=0
    "$bin" --no-config -r "$d/$pack" --fix --stdin-filename "$d/$file" - <"$d/orig" >"$d/out" 2>"$d/err" || st=$?
    [ $st = 2 ]
    cmp "$d/orig" "$d/out"
  done
  "$bin" --no-config -r "$d/grow" --fix "$d/locales/en.json" 2>&1 | grep -q 'more than 8 times its size'
  "$bin" --no-config -r "$d/swap" --fix "$d/l2/locales/en.json" 2>&1 | grep -q 'do not settle'
}
attack "fixes that never settle" t_runaway_fix

# A catastrophic pattern that keeps hitting the match limit is turned off
# for the rest of the run after a few hits, and said so once.
t_limit_strikes() {
  d=$tmp/strikes
  mkdir -p "$d/pack"
  printf 'category: jargon\nrules:\n  - id: jargon.catastrophic\n    severity: warning\n    kind: existence\n    message: slow\n    why: w\n    patterns: ['"'"'(a+)+$'"'"']\n    examples:\n      bad: ["aaa"]\n      good: ["b"]\n' >"$d/pack/slow.yml"
  long=$(printf '%01000d' 0 | tr 0 a)b
  i=0
  while [ $i -lt 40 ]; do printf 'para %d %s\n\n' $i "$long"; i=$((i + 1)); done >"$d/slow.txt"
  "$bin" --no-config --jobs 1 -r "$d/pack" -f unix "$d/slow.txt" >/dev/null 2>"$d/err" || true
  cat "$d/err"
  [ "$(grep -c 'jargon.catastrophic' "$d/err")" = 1 ]
  grep -q 'rule jargon.catastrophic stopped by the match limit on 3 strings and turned off for the rest of the run' "$d/err"
}
attack "a pattern that keeps hitting the match limit" t_limit_strikes

#END-ATTACKS
echo "$cases cases, $fails failed"
[ $fails = 0 ]
