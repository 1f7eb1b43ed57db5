#!/usr/bin/env bash
# The crawl benchmark: ictindex's crawler (ictindex-crawl-bench, release build) and Scrapy
# (Benchmarks/peers/scrapy_crawl_bench.py, installed from PyPI into Benchmarks/.venv) crawl the
# same generated 5,000-page site on 127.0.0.1 with politeness off (16 requests at once), one after
# the other against the same server; then libxml2 parsing (ictindex) against `xmllint --html` on
# the same pages.
#
#   Benchmarks/run-crawl-bench.sh [--no-build] [--pages N] [--concurrency C] [--runs R]
#
# Results go to Benchmarks/out/crawl-*.json (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

out=Benchmarks/out
venv=Benchmarks/.venv
build=yes
pages=5000
concurrency=16
runs=3
port=8790
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=no ;;
    --pages) pages=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"
bin=${CRAWL_BENCH_BIN:-.build-crawl/release/ictindex-crawl-bench}

if [[ $build == yes ]]; then
  echo "== building ictindex-crawl-bench (release)"
  if ! swift build -c release --scratch-path .build-crawl --product ictindex-crawl-bench >"$out/crawl-build.log" 2>&1; then
    tail -30 "$out/crawl-build.log"; exit 1
  fi
fi
if [[ ! -x "$venv/bin/python" ]]; then
  echo "== creating $venv"
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import scrapy" 2>/dev/null; then
  echo "== installing Scrapy into $venv"
  "$venv/bin/pip" install --quiet scrapy
fi
command -v xmllint >/dev/null || { echo "xmllint is missing (apt-get install libxml2-utils)" >&2; exit 1; }

"$bin" serve --port "$port" --pages "$pages" >"$out/crawl-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/robots.txt" >/dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port/p/0"

: >"$out/crawl-runs.jsonl"
for run in $(seq "$runs"); do
  echo "== run $run: ictindex"
  "$bin" crawl "$url" --concurrency "$concurrency" --pages "$pages" | tee -a "$out/crawl-runs.jsonl"
  echo "== run $run: scrapy"
  "$venv/bin/python" Benchmarks/peers/scrapy_crawl_bench.py "$url" "$concurrency" | tee -a "$out/crawl-runs.jsonl"
done

echo "== HTML parsing: libxml2 through ictindex vs xmllint --html"
rm -rf "$out/crawl-pages"
"$bin" write "$out/crawl-pages" --pages "$pages" >/dev/null
"$bin" parse "$out/crawl-pages" --repeat 3 | tee "$out/crawl-parse.json"
start=$(date +%s.%N)
for _ in 1 2 3; do find "$out/crawl-pages" -name '*.html' -print0 | xargs -0 xmllint --html --noout 2>/dev/null; done
end=$(date +%s.%N)
bytes=$(du -sb "$out/crawl-pages" | cut -f1)
python3 - "$start" "$end" "$bytes" <<'PY' | tee "$out/crawl-xmllint.json"
import json, sys
start, end, size = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
mb = 3 * size / 1048576
print(json.dumps({"tool": "xmllint --html --noout", "megabytes": round(mb, 1), "seconds": round(end - start, 3), "mb_per_second": round(mb / (end - start), 1)}))
PY

python3 - "$out" <<'PY'
import json, statistics, sys
out = sys.argv[1]
runs = [json.loads(l) for l in open(f"{out}/crawl-runs.jsonl") if l.strip()]
def summary(tool):
    rs = [r for r in runs if r["tool"] == tool]
    return statistics.median(r["pages_per_second"] for r in rs), max(r["peak_rss_kb"] for r in rs), rs[0]["pages"]
ours, theirs = summary("ictindex"), summary("scrapy")
print(f"ictindex: {ours[0]:.0f} pages/s, peak RSS {ours[1]/1024:.0f} MiB, {ours[2]} pages")
print(f"scrapy:   {theirs[0]:.0f} pages/s, peak RSS {theirs[1]/1024:.0f} MiB, {theirs[2]} pages")
print(f"ratio: {ours[0]/theirs[0]:.1f}× pages/s, {ours[1]/theirs[1]:.2f}× memory")
PY
