#!/bin/sh
# Hostile input: every case must end in bounded time with exit 0, 1 or 2 (never
# a signal), give a clear `file:line:col` error or nothing, and leave the other
# files of the same run linted: each run also lints a canary file with a known
# finding, which must be reported.
# Usage: hostile.sh TONELINT SOURCE_DIR
set -u
bin=$1
src=$2
shared=$src/../shared/corpus
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
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
# A walk reads regular files only: a FIFO (which would block) is passed over.
mkfifo "$tmp/walk/pipe.po" && run "a FIFO in a walked folder" ok "$tmp/walk"

# Attacks beyond damaged input (issue 17). check NAME FUNCTION: the shell
# function must succeed; what it printed is shown when it does not.
check() {
  cases=$((cases + 1))
  if (set -e; $2) >"$tmp/check.log" 2>&1; then
    echo "ok   $1"
  else
    echo "FAIL $1"
    sed 's/^/     /' "$tmp/check.log" | head -12
    fails=$((fails + 1))
  fi
}
po='msgid "You failed to enter a valid card number."\nmsgstr ""\n'

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
check "config packs that do not load" t_bad_packs

#END-ATTACKS
echo "$cases cases, $fails failed"
[ $fails = 0 ]
