#!/bin/sh
# --format html in a real browser: headless Chromium loads the report from
# disk and dumps the DOM it built. The moments x categories table and the
# findings are there, their counts equal the JSON report's, the worst
# moment comes first, a hostile string stays text (no element, no script
# runs), and nothing is loaded from outside (a CSP forbids it; the file
# names no URL to fetch). Skips (77) when chromium is not installed; CI
# installs it (scripts/setup.sh TEST_PACKAGES).
# Usage: html.sh TONELINT SOURCE_DIR
set -u
bin=$1
src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
export TONELINT_RULES_DIR="$src/rules"
command -v jq >/dev/null || { echo "jq is missing"; exit 77; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium is not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
eq() { # eq NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$3', expected '$2'"; fails=$((fails + 1)); fi
}
mkdir -p "$tmp/p/locales"
cat >"$tmp/p/locales/en.json" <<'JSON'
{
  "checkout": {
    "card_declined": "Invalid card. You failed to enter a valid card number.",
    "expired": "Your card is invalid. Please utilize another card prior to checkout."
  },
  "billing": {"retry": "We apologize for any inconvenience. You failed to pay."},
  "settings": {"hostile": "<script>document.title='pwned'</script><img src=x onerror=alert(1)> & \"quoted\" invalid input"}
}
JSON
cd "$tmp/p" || exit 2
"$bin" --no-config --format html locales/en.json >report.html
eq html-exit 1 $?
"$bin" --no-config --format json locales/en.json >report.json
# No URL in the file: nothing to fetch, whatever the CSP.
eq no-urls 0 "$(grep -ciE 'https?://|src=\"|href=\"(https?:|//)' report.html)"
eq csp 1 "$(grep -c "Content-Security-Policy\" content=\"default-src 'none'" report.html)"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
  --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/p/report.html" >dom.html 2>browser.log
eq browser-exit 0 $?
tr -d '\n' <dom.html | sed 's/<tr/\n<tr/g; s/<div class="finding/\n<div class="finding/g' >dom.lines
findings=$(jq '.summary.findings' report.json)
eq finding-count "$findings" "$(grep -c '^<div class="finding' dom.lines)"
# The table: one row per moment with findings, worst first; totals add up.
rows=$(grep '^<tr data-moment=' dom.lines)
eq moment-rows "$(jq '[.files[].findings[].moment] | unique | length' report.json)" "$(printf '%s\n' "$rows" | grep -c .)"
eq worst-first "$(jq -r '[.files[].findings[].moment] | group_by(.) | map({m: .[0], n: length}) | sort_by(-.n, .m) | .[0].m' report.json)" \
  "$(printf '%s\n' "$rows" | head -n 1 | sed 's/^<tr data-moment="\([^"]*\)".*/\1/')"
total=0
for n in $(printf '%s\n' "$rows" | sed 's/.*<td><b>\([0-9]*\)<\/b><\/td>.*/\1/'); do total=$((total + n)); done
eq table-total "$findings" "$total"
eq checkout-title 1 "$(grep -c '>Checkout and payment</a>' dom.lines)"
# Every finding shows its rewrite, or says there is none.
eq rewrites "$findings" "$(grep -c 'class="rewrite' dom.lines)"
eq rewrite-shown 1 "$(grep -c 'Write instead: <b>use</b>' dom.lines)"
# The hostile string is text in the browser's DOM: no element was made
# from it and its script did not run.
eq hostile-text 1 "$(grep -c '&lt;script&gt;document.title=' dom.lines)"
eq no-img 0 "$(grep -c '<img' dom.html)"
eq no-script 0 "$(grep -c '<script' dom.html)"
eq title-kept 1 "$(grep -c '<title>tonelint report</title>' dom.html)"
[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
