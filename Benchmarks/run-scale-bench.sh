#!/usr/bin/env bash
# The scale benchmark (issue 11, item 14): `ictindex compute` of 10,000 to 100,000 units × 160
# fields, the whole command (read the CSV, resolve and validate every answer, compute, rank, write
# every node's score as CSV) — as `ictindex-store-bench compute`, the same library calls without
# building the network stack, and with `--cli` the `ictindex` binary itself — against the pandas
# peer doing the same in one process
# (Benchmarks/peers/engine_pandas.py --pipeline). Wall time and peak RSS of each process, by
# /usr/bin/time, with the load average beside every figure.
#
#   Benchmarks/run-scale-bench.sh [--no-build] [--cli] [--units 10000,20000,50000,100000] [--runs R]
#
# The inputs are the engine benchmark's synthetic methodology (160 fields, 237 nodes) and answers
# (ictindex-bench), their block renamed `bench` so that the units resolve without a registry (a
# block the registry does not hold keeps its ids). Outputs go to Benchmarks/out-scale/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=Benchmarks/out-scale
venv=Benchmarks/.venv
build=yes
sizes=10000,20000,50000,100000
runs=2
cli=no
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=no ;;
    --cli) cli=yes ;;
    --units) sizes=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"
largest=$(tr ',' '\n' <<<"$sizes" | sort -n | tail -1)

if [[ $build == yes ]]; then
  echo "== building ictindex-store-bench and ictindex-bench (release)"
  swift build -c release --scratch-path .build-bench --product ictindex-store-bench >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  swift build -c release --scratch-path .build-bench --product ictindex-bench >>"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  if [[ $cli == yes ]]; then
    swift build -c release --scratch-path .build-bench --product ictindex >>"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  fi
fi
bin=.build-bench/release
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pandas pyyaml
fi

if [[ ! -f "$out/answers-$largest.csv" ]]; then
  echo "== generating $largest units"
  "$bin/ictindex-bench" --out "$out/gen" --units "$largest" --repeat 1 --no-scaling >"$out/gen.log"
  sed 's/^  - id: province$/  - id: bench/' "$out/gen/methodology.yaml" >"$out/methodology.yaml"
  grep -q '^  - id: bench$' "$out/methodology.yaml" || { echo "the block was not renamed" >&2; exit 1; }
  sed 's/,province,/,bench,/' "$out/gen/answers.csv" >"$out/answers-$largest.csv"
fi

measure() { # label, command…: one line with wall seconds, peak RSS in MiB and the load average
  local label=$1; shift
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { echo "$label failed:"; cat "$out/stderr.txt"; exit 1; }
  read -r seconds kib <"$out/time.txt"
  printf '| %s | %s | %.2f | %.0f | %.1f | %s |\n' "$label" "$units" "$seconds" "$((kib / 1024))" "$(echo "$kib / $units" | bc -l)" "$load"
}

echo "| tool | units | wall s | peak RSS MiB | KiB per unit | load |"
echo "|---|---:|---:|---:|---:|---:|"
for units in ${sizes//,/ }; do
  head -n $((units + 1)) "$out/answers-$largest.csv" >"$out/answers.csv"
  for ((r = 0; r < runs; r++)); do
    measure "ictindex compute (library)" "$bin/ictindex-store-bench" compute "$out/methodology.yaml" "$out/answers.csv"
    if [[ $cli == yes ]]; then
      measure "ictindex compute (CLI)" "$bin/ictindex" compute "$out/methodology.yaml" "$out/answers.csv" --format csv
    fi
    measure "pandas" "$venv/bin/python" Benchmarks/peers/engine_pandas.py --pipeline "$out/methodology.yaml" "$out/answers.csv" /dev/null
  done
done
