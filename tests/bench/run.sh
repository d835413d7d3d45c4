#!/bin/sh
# tonelint benchmark: throughput (one thread and --jobs N), peak memory,
# start-up time, memory against the number of files, and speed against
# proselint, alex, write-good and ripgrep on the same text. Prints a summary
# table; docs/performance.md explains the method.
#
# Usage: tests/bench/run.sh [--quick] [--instructions] [--jobs N] [--bin TONELINT] [--corpus DIR]
#   --quick         a few seconds, for CI: one corpus copy, no peers
#   --instructions  also count instructions under callgrind (steady on a busy machine)
# The binary defaults to $TONELINT, else build/tonelint under the repository.
# Never a test: timings vary with the machine; nothing here fails on a number.
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/bench.py" "$@"
