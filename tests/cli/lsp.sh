#!/bin/sh
# The language server end to end: tests/lsp/client.py starts `tonelint lsp`
# and speaks the protocol to it as an editor does.
#   tests/cli/lsp.sh TONELINT_BINARY SOURCE_DIR
set -eu
exec python3 "$2/tests/lsp/client.py" "$1" "$2"
