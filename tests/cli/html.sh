#!/bin/sh
# --format html in a real browser: headless Chromium loads the report from
# disk and dumps the DOM it built. The moments x categories table and the
# findings are there, their counts equal the JSON report's, the worst
# moment comes first, a hostile string stays text (no element, no script
# runs), and nothing is loaded from outside (a CSP forbids it; the file
# names no URL to fetch). The one script (the filters) is the one the CSP
# names by its SHA-256, and it ran. With --baseline, the findings it holds
# are shown too and the others are marked NEW; the exit status counts the
# new ones alone. tests/cli/browser.py drives the filters themselves.
# Skips (77) when chromium is not installed; CI installs it
# (scripts/setup.sh TEST_PACKAGES).
# Usage: html.sh TONELINT SOURCE_DIR
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
export TONELINT_RULES_DIR="$src/rules"
command -v jq >/dev/null || { echo "jq is missing"; exit 77; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium is not installed: skipped"; exit 77; }
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
for n in $(printf '%s\n' "$rows" | sed 's/.*<td class="total"[^>]*>\([0-9]*\)<\/td>.*/\1/'); do total=$((total + n)); done
eq table-total "$findings" "$total"
eq checkout-title 1 "$(grep -c '>Checkout and payment</a>' dom.lines)"
# Every finding shows its rewrite, or says there is none.
eq rewrites "$findings" "$(grep -c 'class="rewrite' dom.lines)"
eq rewrite-shown 1 "$(grep -c 'Write instead: <b>use</b>' dom.lines)"
# The hostile string is text in the browser's DOM: no element was made
# from it and its script did not run.
eq hostile-text 1 "$(grep -c '&lt;script&gt;document.title=' dom.lines)"
eq no-img 0 "$(grep -c '<img' dom.html)"
eq one-script 1 "$(grep -o '<script' dom.html | wc -l | tr -d ' ')"
# The script is the one the CSP allows: its SHA-256, and it ran (the count
# of shown findings is its work).
csp_hash=$(sed -n "s/.*script-src 'sha256-\([^']*\)'.*/\1/p" report.html)
script_hash=$(python3 -c 'import sys,re,hashlib,base64; t=open(sys.argv[1],encoding="utf-8").read(); m=re.search(r"<script>(.*?)</script>",t,re.S); print(base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode())' report.html)
eq script-hash "$csp_hash" "$script_hash"
eq script-ran "$findings" "$(sed -n 's/.*<b id="shown">\([0-9]*\)<\/b>.*/\1/p' dom.lines | head -n 1)"
eq no-new-badge 0 "$(grep -c 'class="new"' dom.lines)"
eq no-new-filter 0 "$(grep -c 'id="f-new"' dom.lines)"
eq title-kept 1 "$(grep -c '<title>tonelint report</title>' dom.html)"
# -- With --baseline: everything is shown, what is not in it is marked NEW.
"$bin" --no-config --write-baseline base.json locales/en.json >/dev/null
jq '.settings.later = "Invalid theme. You failed to pick one."' locales/en.json >new.json && mv new.json locales/en.json
"$bin" --no-config --format html --baseline base.json locales/en.json >base.html
eq baseline-exit 1 $?
"$bin" --no-config --format json --baseline base.json locales/en.json >new.json
"$bin" --no-config --format json locales/en.json >all.json
tr -d '\n' <base.html | sed 's/<div class="finding/\n<div class="finding/g' >base.lines
eq baseline-all-shown "$(jq '.summary.findings' all.json)" "$(grep -c '^<div class="finding' base.lines)"
eq baseline-new-marked "$(jq '.summary.findings' new.json)" "$(grep -c '<span class="new">NEW</span>' base.lines)"
eq baseline-new-data "$(jq '.summary.findings' new.json)" "$(grep -c '^<div class="finding[^>]*data-new="1"' base.lines)"
eq baseline-new-keys "$(jq -r '[.files[].findings[].key] | unique | join(",")' new.json)" \
  "$(grep '<span class="new">NEW</span>' base.lines | sed 's/.*key <code>\([^<]*\)<.*/\1/' | sort -u | paste -sd, -)"
eq baseline-summary 1 "$(grep -c "(<b id=\"new-count\">$(jq '.summary.findings' new.json)</b> new since the baseline)" base.html)"
eq baseline-filter 1 "$(grep -c 'id="f-new"' base.html)"
# Nothing new: exit 0, the findings still shown.
"$bin" --no-config --write-baseline base.json locales/en.json >/dev/null
"$bin" --no-config --format html --baseline base.json locales/en.json >base.html
eq baseline-nothing-new-exit 0 $?
eq baseline-nothing-new-shown "$(jq '.summary.findings' all.json)" "$(grep -o '<div class="finding' base.html | wc -l | tr -d ' ')"
eq baseline-nothing-new-badges 0 "$(grep -c 'class="new"' base.html)"

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
