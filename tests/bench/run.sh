#!/bin/sh
# tonelint benchmark: throughput (one thread and --jobs N), peak memory,
# start-up time, memory against the number of files, the language server
# (CPU per keystroke in a 10 MB PO catalog, memory against the open text:
# tests/bench/lsp_bench.py, lsp_memory.py), and speed against
# proselint, alex, write-good and ripgrep on the same text (a 0.5 MB sample
# and the whole text of the corpus). Prints a summary
# table; docs/performance.md explains the method.
#
# Usage: tests/bench/run.sh [--quick] [--sample-only] [--instructions] [--jobs N] [--bin TONELINT] [--corpus DIR]
#   --quick         a few seconds, for CI: one corpus copy, no peers
#   --sample-only   peers on the sample only (on the whole text alex takes minutes)
#   --instructions  also count instructions under callgrind (steady on a busy machine)
# The binary defaults to $TONELINT, else build/tonelint under the repository.
# Never a test: timings vary with the machine; nothing here fails on a number.
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/bench.py" "$@"
