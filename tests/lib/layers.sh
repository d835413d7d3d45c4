#!/bin/sh
# The library's layers (docs/internals.md, "Layers"): each folder of src/
# includes only folders below it, so there is no cycle; the language server
# (src/lsp/) includes nothing of the command's (src/cli/); each dependency's
# header is included by its one adapter ("Conventions"). Usage: layers.sh SOURCE_DIR
set -eu
src=$1/src
order="core extract tokenize match config lint fix report api"
rank() {
    i=0
    for l in $order; do
        [ "$l" = "$1" ] && { echo $i; return; }
        i=$((i + 1))
    done
    echo 99
}
# extract and tokenize are one level: neither includes the other.
level() { r=$(rank "$1"); [ "$r" -ge 2 ] && r=$((r - 1)); echo "$r"; }
fail=0
for dir in $order; do
    for f in "$src/$dir"/*.[ch]; do
        for dep in $(sed -n 's|^#include "\.\./\([a-z]*\)/.*|\1|p' "$f" | sort -u); do
            if [ "$(level "$dep")" -ge "$(level "$dir")" ]; then
                echo "FAIL: ${f#"$1"/} includes $dep/, which is not below $dir/" >&2
                fail=1
            fi
        done
    done
done
for f in "$src"/lsp/*.[ch]; do
    if grep -q '^#include "\.\./cli/' "$f"; then
        echo "FAIL: ${f#"$1"/} includes cli/: the language server must not depend on the command" >&2
        fail=1
    fi
done
# adapter HEADER PATTERN: only files of src/ matching PATTERN include <HEADER>.
adapter() {
    for f in $(grep -rl --include='*.[ch]' "^#include <$1>" "$src"); do
        case ${f#"$src"/} in
        $2) ;;
        *)
            echo "FAIL: src/${f#"$src"/} includes <$1>, which only $2 may include" >&2
            fail=1
            ;;
        esac
    done
}
adapter yaml.h core/yamltree.c
adapter pcre2.h match/regex.c
adapter expat.h core/xml.c
adapter utf8proc.h core/utf8.c
adapter jansson.h 'lsp/*'
[ $fail = 0 ] && echo "ok: $order; lsp without cli; one adapter per dependency"
exit $fail
