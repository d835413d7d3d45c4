#!/bin/sh
# Build the libFuzzer targets with clang (ASan + UBSan) and run each for a
# while, seeded from the shared corpus, the golden tests and earlier crashes.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      default: 600 seconds, every target
# Targets: fuzz_<syntax> for each format, fuzz_code (source code: the first
# byte picks the language), fuzz_rules, fuzz_config, fuzz_baseline. A crash or hang is
# written to tests/fuzz/regressions/<syntax>/; commit it with the fix, and the
# `fuzz/replay` test keeps checking it.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ $# -gt 0 ] && shift
CC=clang cmake -S . -B build-fuzz -DTONELINT_FUZZ=ON -DTONELINT_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null
targets=${*:-$(cd build-fuzz/tests/fuzz && ls fuzz_* | grep -v '\.' )}
shared=../shared/corpus

seed_patterns() { # file-name patterns of real inputs for a syntax
  case $1 in
  po) echo '*.po *.pot' ;; text) echo '*.txt' ;; json) echo '*.json' ;; arb) echo '*.arb' ;;
  xcstrings) echo '*.xcstrings' ;; yaml) echo '*.yml *.yaml' ;; android) echo 'strings.xml' ;;
  xliff) echo '*.xlf *.xliff' ;; resx) echo '*.resx' ;; stringsdict) echo '*.stringsdict' ;;
  properties) echo '*.properties' ;; strings) echo '*.strings' ;; fluent) echo '*.ftl' ;;
  markup) echo '*.erb *.md *.html *.hbs *.twig *.blade.php' ;; php) echo '*.php' ;; rules) echo '*.yml' ;;
  lang) echo '*.lang' ;; magento-csv) echo '*_*.csv' ;; ini | vufind-ini) echo '*.ini' ;;
  qt-ts) echo '*.ts' ;;
  fix) echo '*.po *.json *.properties *.ftl' ;;
  config) echo '.tonelint.yml *.yml' ;; baseline) echo '*.json' ;;
  esac
}

# picked_seeds BYTE GROUP...: source files of each group of name patterns
# (from corpus-src and the code fixtures) as seeds in $seeds, prefixed with
# BYTE for the first group, BYTE+1 for the next, and so on.
picked_seeds() {
  i=$1
  shift
  for group in "$@"; do
    for p in $group; do
      find ../shared/corpus-src tests/fixtures/code -name "$p" -type f -size -64k 2>/dev/null |
        while read -r f; do
          { printf "\\$(printf %o "$i")"; cat "$f"; } >"$seeds/$(echo "$f" | tr '/' '_')"
        done
    done
    i=$((i + 1))
  done
}

for t in $targets; do
  syntax=${t#fuzz_}
  seeds=build-fuzz/seeds/$syntax
  work=build-fuzz/work/$syntax
  regress=tests/fuzz/regressions/$syntax
  mkdir -p "$seeds" "$work" "$regress"
  for pat in $(seed_patterns "$syntax"); do
    case $syntax in
    rules) dirs="rules" ;; config) dirs="tests docs" ;; baseline) dirs="tests/golden" ;;
    *) dirs="$shared tests/golden tests/fixtures docs/examples" ;;
    esac
    find $dirs -name "$pat" -type f -size -64k 2>/dev/null | while read -r f; do
      cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
    done
  done
  # Source code seeds get the first byte that makes the target pick their language.
  if [ "$syntax" = code ]; then
    picked_seeds 0 '*.jsx *.js' '*.ts' '*.tsx' '*.py' '*.go' '*.c' '*.cc *.cpp *.h' '*.java' \
      '*.php' '*.rb' '*.kt *.kts' '*.cs' '*.swift'
  fi
  if [ "$syntax" = fix ]; then # fuzz_fix's source formats start after its 16 catalog formats
    picked_seeds 16 '*.jsx *.js' '*.py' '*.rb' '*.php' '*.go' '*.java' '*.cc *.cpp' '*.kt' '*.cs' \
      '*.swift'
  fi
  echo "== $t for ${seconds}s ($(ls "$seeds" | wc -l) seeds)"
  "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=32768 -print_final_stats=1 -artifact_prefix="$regress/" "$work" "$seeds" "$regress" \
    2>&1 | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY|artifact_prefix)' || true
done
