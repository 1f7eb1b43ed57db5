#!/usr/bin/env bash
# Reader linearity by instruction counts (issue 11, item 15), independent of the machine's load:
# callgrind counts the instructions of `ictindex-store-bench readers` reading N and 4N items —
# unknown CSV columns, then extra rows of an .xlsx form — and the check fails when 4× the items
# cost more than 4 × 1.3 the instructions (a quadratic reader costs 16×).
#
#   Benchmarks/run-reader-linearity.sh [--no-build] [--items N]      (default N = 5000)
set -euo pipefail
cd "$(dirname "$0")/.."

build=yes
n=5000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=no ;;
    --items) n=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
out=Benchmarks/out-scale
mkdir -p "$out"
if [[ $build == yes ]]; then
  swift build -c release --scratch-path .build-bench --product ictindex-store-bench >"$out/build-readers.log" 2>&1 || { cat "$out/build-readers.log"; exit 1; }
fi
# Valgrind 3.19 (Debian 12) cannot read the DWARF 5 debug information Swift 6.3 writes ("Possibly
# corrupted debuginfo file ... Giving up"): count the instructions of a copy without it.
bin=$out/ictindex-store-bench.nodebug
strip --strip-debug -o "$bin" .build-bench/release/ictindex-store-bench

instructions() { # columns rows → instructions (Ir) of the whole run
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$bin" readers --columns "$1" --rows "$2" --steps 1 >/dev/null 2>"$out/callgrind.txt"
  grep -o 'Collected : [0-9]*' "$out/callgrind.txt" | grep -o '[0-9]*$'
}

status=0
for kind in csv xlsx; do
  if [[ $kind == csv ]]; then small=$(instructions "$n" 0); large=$(instructions $((4 * n)) 0); base=$(instructions 0 0)
  else small=$(instructions 0 "$n"); large=$(instructions 0 $((4 * n))); base=$(instructions 0 0); fi
  # The cost of the items alone: the run minus the run without items (start-up, the form itself).
  ratio=$(echo "($large - $base) / ($small - $base)" | bc -l)
  printf '%s: %d items %d instructions, %d items %d (without items %d): ratio %.2f for 4× the items\n' "$kind" "$n" "$small" $((4 * n)) "$large" "$base" "$ratio"
  if (($(echo "$ratio > 5.2" | bc -l))); then echo "$kind: NOT LINEAR"; status=1; fi
done
exit $status
