#!/bin/sh
# Build the Debian package (CPack, see CMakeLists.txt) into build-deb/:
#   scripts/deb.sh           build build-deb/tonelint_<version>-1_<arch>.deb
#   scripts/deb.sh --test    also, as root: `apt install` it, run the installed
#                            tonelint on docs/examples (rules, man page and
#                            completions in place, dependencies declared),
#                            then remove it and check it is gone
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DTONELINT_TESTS=OFF >/dev/null
cmake --build build-deb -j "$(nproc)" >/dev/null
rm -f build-deb/tonelint_*.deb
(cd build-deb && cpack -G DEB >/dev/null)
deb=$(ls build-deb/tonelint_*.deb)
echo "built $deb"
[ "${1:-}" = "--test" ] || exit 0

set +e # from here each check reports, and the package is removed whatever happens
fails=0
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/deb.sh --test installs a package: run it as root" >&2
  exit 2
fi
if dpkg-query -W -f='${Status}' tonelint 2>/dev/null | grep -q "install ok installed"; then
  echo "tonelint is already installed as a package; not touching it" >&2
  exit 2
fi
deps=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $deps"
for lib in libc6 libpcre2-8-0 libutf8proc2 libyaml-0-2 libexpat1 libjansson4; do
  case $deps in *"$lib"*) ;; *) fail "the package does not depend on $lib" ;; esac
done
export DEBIAN_FRONTEND=noninteractive
tmp=$(mktemp -d)
apt-get install -y -qq "./$deb" >/dev/null || fail "apt install ./$deb"
trap 'rm -rf "$tmp"; apt-get remove -y -qq tonelint >/dev/null 2>&1' EXIT
[ "$(command -v tonelint)" = /usr/bin/tonelint ] && ok "tonelint is /usr/bin/tonelint" || fail "tonelint is not /usr/bin/tonelint"
# From another folder, with no hint where the rules are.
(cd "$tmp" && env -u TONELINT_RULES_DIR /usr/bin/tonelint --format unix "$OLDPWD/docs/examples") \
  >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" = 1 ] && [ -s "$tmp/out" ] && ok "the installed tonelint reports findings on docs/examples ($(wc -l <"$tmp/out") lines)" ||
  { fail "the installed tonelint on docs/examples: exit $st"; cat "$tmp/err"; }
/usr/bin/tonelint --explain blame.you-failed-to >/dev/null 2>&1 && ok "the rule packs are found" || fail "--explain"
[ -f /usr/share/man/man1/tonelint.1.gz ] || [ -f /usr/share/man/man1/tonelint.1 ] && ok "man page" || fail "no man page"
[ -f /usr/share/bash-completion/completions/tonelint ] && [ -f /usr/share/zsh/site-functions/_tonelint ] &&
  [ -f /usr/share/fish/vendor_completions.d/tonelint.fish ] && ok "completions" || fail "completions"
[ -d /usr/share/tonelint/rules/en ] && ok "rules in /usr/share/tonelint/rules" || fail "no rules"
apt-get remove -y -qq tonelint >/dev/null || fail "apt remove tonelint"
[ ! -e /usr/bin/tonelint ] && [ ! -d /usr/share/tonelint ] && ok "removed cleanly" || fail "files left after remove"
[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
