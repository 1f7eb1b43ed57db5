#!/usr/bin/env bash
# The engine benchmark: the Swift engine (ictindex-bench, release build) and its pandas peer
# (Benchmarks/peers/engine_pandas.py) on the same generated methodology and answers, side by side.
#
#   Benchmarks/run-engine-bench.sh [--no-build] [--units N] [--repeat R] [--seed S] [--scaling N,N,… | --no-scaling]
#
# --no-build runs the last release build as it is. Inputs, results and timings go to
# Benchmarks/out/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

out=Benchmarks/out
venv=Benchmarks/.venv
build=yes
bench_args=()
peer_args=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --no-build) build=no; continue ;;
    --repeat | --scaling) peer_args+=("${args[i]}" "${args[i + 1]}") ;;
    --no-scaling) peer_args+=("--no-scaling") ;;
  esac
  bench_args+=("${args[i]}")
done
mkdir -p "$out"

if [[ $build == yes ]]; then
  echo "== building ictindex-bench (release)"
  if ! swift build -c release --scratch-path .build-bench --product ictindex-bench >"$out/build.log" 2>&1; then
    cat "$out/build.log"
    exit 1
  fi
  tail -n 1 "$out/build.log"
fi

if [[ ! -x "$venv/bin/python" ]]; then
  echo "== creating $venv (pandas, PyYAML)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pandas pyyaml
fi

echo
echo "== Swift engine"
.build-bench/release/ictindex-bench --out "$out" ${bench_args[@]+"${bench_args[@]}"}
echo
echo "== pandas peer"
status=0
"$venv/bin/python" Benchmarks/peers/engine_pandas.py --out "$out" ${peer_args[@]+"${peer_args[@]}"} || status=$?

echo
echo "== side by side ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
"$venv/bin/python" - "$out" <<'PY'
import json, sys
out = sys.argv[1]
swift = json.load(open(f"{out}/timings-swift.json"))
pandas = json.load(open(f"{out}/timings-pandas.json"))
print(f"{swift['leaves']} leaves, {swift['nodes']} nodes, {swift['units']} units; median of {swift['repetitions']} runs (min in brackets)")
print()
print(f"{'stage':<20}{'Swift':>22}{'pandas':>22}{'pandas / Swift':>16}")
for key, name in [("parse", "parse methodology"), ("compute", "compute + rank"), ("total", "total")]:
    s, p = swift["stages"][key], pandas["stages"][key]
    print(f"{name:<20}{s['median']*1e3:>10.2f} ms ({s['min']*1e3:6.2f}){p['median']*1e3:>10.2f} ms ({p['min']*1e3:6.2f}){p['median']/s['median']:>15.1f}×")
r = pandas["stages"]["read_csv"]
print(f"{'(pandas read_csv)':<20}{'—':>22}{r['median']*1e3:>10.2f} ms ({r['min']*1e3:6.2f})")
if swift["scaling"] and pandas["scaling"]:
    print()
    print(f"{'units':<8}{'Swift':>12}{'µs/unit':>10}{'pandas':>12}{'µs/unit':>10}{'ratio':>8}")
    for s, p in zip(swift["scaling"], pandas["scaling"]):
        print(f"{s['units']:<8}{s['median']*1e3:>9.2f} ms{s['median']/s['units']*1e6:>10.2f}{p['median']*1e3:>9.2f} ms{p['median']/p['units']*1e6:>10.2f}{p['median']/s['median']:>7.1f}×")
c = pandas["check"]
print()
print(f"same results: {c['same']} (max |Δ index| {c['max_index_difference']:.3g}, rank mismatches {c['rank_mismatches']})")
PY
exit $status
