#!/bin/sh
# Set up a Debian 12 machine for tonelint: install the build dependencies
# (as root, only those missing) and build into ./build.
#   scripts/setup.sh          build dependencies + build
#   scripts/setup.sh --test   also the tools the test suite compares against
set -eu
cd "$(dirname "$0")/.."

PACKAGES="build-essential cmake pkg-config libpcre2-dev libutf8proc-dev libyaml-dev libexpat1-dev libjansson-dev check libsubunit-dev"
TEST_PACKAGES="gettext jq patch php-cli python3 python3-polib libxml2-utils xmlstarlet qt6-l10n-tools openjdk-17-jre-headless translate-toolkit valgrind git yq python3-jsonschema python3-rfc3987 pre-commit groff-base time hyperfine neovim chromium nodejs npm golang clang openjdk-17-jdk-headless ruby kotlin"

want=$PACKAGES
[ "${1:-}" = "--test" ] && want="$PACKAGES $TEST_PACKAGES"
missing=""
for p in $want; do
  # Node.js and npm may come from elsewhere (NodeSource, nvm); Debian's npm
  # conflicts with NodeSource's nodejs, so a command on PATH is enough.
  case $p in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root (or with sudo) to install packages." >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
