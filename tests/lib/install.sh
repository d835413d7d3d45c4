#!/bin/sh
# The library as a third party sees it: install the build into a temporary
# prefix, compile the example of docs/library.md with the installed
# tonelint.pc (shared, then static), run it, and check that the shared
# library exports the public API of tonelint.h and nothing else and prints
# nothing.
# Usage: install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install"; }
pc=$(find "$tmp/prefix" -name tonelint.pc)
[ -n "$pc" ] || fail "no tonelint.pc installed"
export PKG_CONFIG_PATH="$(dirname "$pc")"
[ "$(pkg-config --modversion tonelint)" = "$(sed -n 's/^#define TONELINT_VERSION "\(.*\)"/\1/p' "$src/include/tonelint.h")" ] ||
    fail "tonelint.pc version is not TONELINT_VERSION"

# The example is the first C block of the manual page, as printed there.
awk '/^```c$/ { on = 1; next } on && /^```$/ { exit } on { print }' "$src/docs/library.md" >"$tmp/example.c"
[ -s "$tmp/example.c" ] || fail "no C example in docs/library.md"
# Its expected output is the block after "It prints:".
awk '/^It prints:/ { want = 1; next } want && /^```$/ { if (on) exit; on = 1; next } on { print }' \
    "$src/docs/library.md" >"$tmp/expected"
[ -s "$tmp/expected" ] || fail "no expected output in docs/library.md"

cc=${CC:-cc}
# Extra flags for the example, e.g. the sanitizer runtime when the library
# was built with TONELINT_SANITIZE.
xflags=${TONELINT_EXAMPLE_CFLAGS:-}
# shellcheck disable=SC2046,SC2086
"$cc" -std=c99 -Wall -Wextra -Werror -pedantic $xflags "$tmp/example.c" -o "$tmp/example" \
    $(pkg-config --cflags --libs tonelint) || fail "example does not build with pkg-config"
libdir=$(pkg-config --variable=libdir tonelint)
export TONELINT_RULES_DIR="$tmp/prefix/share/tonelint/rules"
rc=0
LD_LIBRARY_PATH="$libdir" "$tmp/example" >"$tmp/out" || rc=$?
[ "$rc" = 1 ] || { cat "$tmp/out"; fail "example exit $rc, want 1 (findings)"; }
diff -u "$tmp/expected" "$tmp/out" || fail "example output differs from docs/library.md"
# It really ran against the installed shared library.
LD_LIBRARY_PATH="$libdir" ldd "$tmp/example" | grep -q "$libdir/libtonelint.so" ||
    fail "example is not linked to the installed libtonelint.so"

# The same program linked statically against libtonelint.a.
# shellcheck disable=SC2046,SC2086
"$cc" -std=c99 $xflags "$tmp/example.c" -o "$tmp/example-static" \
    $(pkg-config --cflags tonelint) "$libdir/libtonelint.a" \
    $(pkg-config --static --libs-only-other --libs-only-l tonelint | sed 's/-ltonelint//') ||
    fail "example does not build against libtonelint.a"
rc=0
"$tmp/example-static" >"$tmp/out-static" || rc=$?
[ "$rc" = 1 ] && diff -u "$tmp/expected" "$tmp/out-static" || fail "static example differs"

# Exported symbols: exactly the functions tonelint.h declares.
nm -D --defined-only "$libdir/libtonelint.so" | awk '$2 == "T" { print $3 }' | sort >"$tmp/exported"
sed -n 's/^TONELINT_API[^(]*[ *]\(tl_[a-z_0-9]*\)(.*/\1/p' "$src/include/tonelint.h" | sort >"$tmp/declared"
diff -u "$tmp/declared" "$tmp/exported" || fail "libtonelint.so exports differ from tonelint.h"
# The library never prints: it calls no writer of a standard stream (its
# clients' messages go through the sink they set, report/diag.h).
nm -D --undefined-only "$libdir/libtonelint.so" | awk '{ sub(/@.*/, "", $2); print $2 }' |
    grep -xE 'std(out|err)|(v|__v?)?f?printf(_chk)?|f?puts|f?putc|putchar|fwrite|perror' \
        >"$tmp/prints" && { cat "$tmp/prints" >&2; fail "libtonelint.so writes to a standard stream"; }
echo "ok: installed, built with pkg-config, linted a string, $(wc -l <"$tmp/declared") symbols"
