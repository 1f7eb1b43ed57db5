#!/usr/bin/env bash
# The multi-site crawl benchmark (issue 11 item 16): 40 sites of 50 pages, one on each loopback
# address 127.0.0.2–127.0.0.41, crawled politely (0.5 s between the requests to a host) — first a
# few sites alone (the slowest single site), then all 40 as `crawl --all` does (MultiSiteCrawl);
# the same with Scrapy (Benchmarks/peers/scrapy_multi_bench.py, from PyPI into Benchmarks/.venv).
# The goal: all 40 within 1.5× the slowest single site.
#
#   Benchmarks/run-crawl-multi-bench.sh [--no-build] [--sites S] [--pages N] [--delay-ms D] [--runs R]
#
# Results go to Benchmarks/out/crawl-multi-*.json(l) (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

out=Benchmarks/out
venv=Benchmarks/.venv
build=yes
sites=40
pages=50
delay_ms=500
runs=2
port=8800
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=no ;;
    --sites) sites=$2; shift ;;
    --pages) pages=$2; shift ;;
    --delay-ms) delay_ms=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"
bin=${CRAWL_BENCH_BIN:-.build-crawl/release/ictindex-crawl-bench}
delay=$(python3 -c "print($delay_ms / 1000)")

if [[ $build == yes ]]; then
  echo "== building ictindex-crawl-bench (release)"
  if ! swift build -c release --scratch-path .build-crawl --product ictindex-crawl-bench >"$out/crawl-build.log" 2>&1; then
    tail -30 "$out/crawl-build.log"; exit 1
  fi
fi
if [[ ! -x "$venv/bin/python" ]]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c "import scrapy" 2>/dev/null; then "$venv/bin/pip" install --quiet scrapy; fi

"$bin" serve-sites --sites "$sites" --pages "$pages" --port "$port" >"$out/crawl-multi-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
last=$((sites + 1))
for _ in $(seq 100); do curl -sf "http://127.0.0.$last:$port/robots.txt" >/dev/null && break; sleep 0.2; done

log="$out/crawl-multi-runs.jsonl"
: >"$log"
singles="0 $((sites / 2)) $((sites - 1))"
uptime | tee "$out/crawl-multi-load.txt"
for run in $(seq "$runs"); do
  for first in $singles; do
    echo "== run $run: ictindex, site $first alone"
    "$bin" crawl-sites --sites 1 --first "$first" --pages "$pages" --port "$port" --delay-ms "$delay_ms" | tee -a "$log"
  done
  echo "== run $run: ictindex, $sites sites"
  "$bin" crawl-sites --sites "$sites" --pages "$pages" --port "$port" --delay-ms "$delay_ms" | tee -a "$log"
  for first in $singles; do
    echo "== run $run: scrapy, site $first alone"
    "$venv/bin/python" Benchmarks/peers/scrapy_multi_bench.py 1 "$port" "$delay" "$first" | tee -a "$log"
  done
  echo "== run $run: scrapy, $sites sites"
  "$venv/bin/python" Benchmarks/peers/scrapy_multi_bench.py "$sites" "$port" "$delay" | tee -a "$log"
  uptime | tee -a "$out/crawl-multi-load.txt"
done

python3 - "$log" "$sites" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sites = int(sys.argv[2])
for tool in ("ictindex", "scrapy"):
    single = max(r["seconds"] for r in runs if r["tool"] == tool and r["sites"] == 1)
    alls = [r for r in runs if r["tool"] == tool and r["sites"] == sites]
    worst = max(r["seconds"] for r in alls)
    pages = [r["pages"] for r in alls]
    times = ", ".join("%.1f" % r["seconds"] for r in alls)
    print(f"{tool}: slowest single site {single:.1f} s; {sites} sites {times} s "
          f"(pages {pages}); worst ratio {worst / single:.2f}× (goal ≤ 1.5×)")
PY
