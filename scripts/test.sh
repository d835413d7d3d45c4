#!/bin/sh
# Set up, build and run the whole test suite through CTest.
#   scripts/test.sh              the suite on the normal build (./build)
#   scripts/test.sh --sanitize   also an ASan+UBSan build (./build-asan) running the suite
#                                (all but the `oracle` tests, whose reference tools are
#                                the slow part; cli/corpus sweeps every corpus file there)
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --test
jobs=$(nproc)
ctest --test-dir build --output-on-failure -j "$jobs"
if [ "${1:-}" = "--sanitize" ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTONELINT_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE oracle
fi
