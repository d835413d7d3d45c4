#!/bin/sh
# The README's picture of the html report: docs/html-report.png, taken by
# headless Chromium (--screenshot) from a real run over the shared corpus.
# Usage: scripts/screenshot.sh [TONELINT [CORPUS_DIR [OUT.png]]]
# (defaults: build/tonelint, ../shared/corpus, docs/html-report.png; run
# from the top of a checkout).
set -eu
bin=${1:-build/tonelint}
corpus=${2:-../shared/corpus}
out=${3:-docs/html-report.png}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium is not installed (scripts/setup.sh --test)" >&2; exit 2; }
[ -x "$bin" ] || { echo "no tonelint at $bin: build it first" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
case $out in /*) ;; *) out=$PWD/$out ;; esac
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
rules=${TONELINT_RULES_DIR:-$PWD/rules}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The paths in the page are the corpus's own (project/file), as a user's
# run inside a repository would show them.
(cd "$corpus" && TONELINT_RULES_DIR="$rules" "$bin" --no-config --format html -- *) >"$tmp/report.html" || [ $? -eq 1 ]
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
  --hide-scrollbars --window-size=1440,1100 --user-data-dir="$tmp/profile" \
  --screenshot="$tmp/shot.png" "file://$tmp/report.html" >"$tmp/browser.log" 2>&1 ||
  { cat "$tmp/browser.log" >&2; exit 2; }
cp "$tmp/shot.png" "$out"
echo "wrote $out ($(wc -c <"$out") bytes) from $(grep -o '<p id="summary">[^<]*' "$tmp/report.html" | sed 's/<p id="summary">//')"
