#!/usr/bin/env bash
# The web platform's benchmark (docs/benchmarks.md, "Web platform"), on loopback with wrk:
#   1. the public ranking page (/) at 64 connections, beside nginx serving the same file;
#   2. draft saves (PUT …/draft: revalidation), the live score (GET …/self-assessment?whatIf=0,
#      what app.js asks after each autosave) and the full self-assessment with what-if (the
#      page) with 32 concurrent submitters, each with its own session and draft version;
#   3. 120 submitters saving for 60 s: then every unit's draft version and its audit rows must
#      have risen by the saves the server answered 200 (zero lost updates) — plus at most the
#      requests still unanswered when wrk stopped — no 5xx, and the server's RSS.
# Usage: Benchmarks/server/run.sh [path/to/ictindex]   (default: the release build)
#   PHASES="2b" runs only the phases named (default: all: 1 2a 2b 2c 3); PERF=1 records the
#   server with `perf record -g` during each phase run (Benchmarks/out-server/perf-PHASE.data).
# Needs wrk, nginx, curl, sqlite3, python3. Writes everything under a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-$PWD/.build/release/ictindex}"
HERE="$PWD/Benchmarks/server"
WORK="$(mktemp -d)"
PORT="${PORT:-18080}"; NGINX_PORT="${NGINX_PORT:-18081}"
DURATION="${DURATION:-15s}"; LONG="${LONG:-60s}"
PHASES=" ${PHASES:-1 2a 2b 2c 3} "
phase() { [[ "$PHASES" == *" $1 "* ]]; }
# `profiled NAME` starts perf on the server when PERF=1; `stop_profile` ends it.
profiled() { if [ "${PERF:-}" = 1 ]; then mkdir -p Benchmarks/out-server; perf record -g -p "$SERVER" -o "Benchmarks/out-server/perf-$1.data" >/dev/null 2>&1 & PERF_PID=$!; sleep 0.5; fi; }
stop_profile() { if [ -n "${PERF_PID:-}" ]; then kill -INT "$PERF_PID"; wait "$PERF_PID" 2>/dev/null || true; PERF_PID=""; fi; }
cleanup() { [ -n "${SERVER:-}" ] && { kill "$SERVER" 2>/dev/null; sleep 1; kill -9 "$SERVER" 2>/dev/null; }; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== load before: $(uptime)"
"$BIN" init "$WORK/season" >/dev/null
"$BIN" import --workspace "$WORK/season" Examples/vn-it-application/survey-2018.csv Examples/vn-it-application/survey-2019.csv >/dev/null
"$BIN" serve --workspace "$WORK/season" --demo --port "$PORT" --lang en > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do grep -q "serves" "$WORK/serve.log" 2>/dev/null && break; sleep 0.2; done
grep -q "serves" "$WORK/serve.log" || { cat "$WORK/serve.log"; exit 1; }
BASE="http://127.0.0.1:$PORT"
# The server's CPU time (user + system, in clock ticks) — a figure the machine's load does not
# inflate: `cpu_per_request LABEL BEFORE WRK_OUTPUT` prints the server's CPU milliseconds per
# request of a phase.
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
cpu_per_request() {
  local requests; requests=$(grep -oE '^ *[0-9]+ requests in' "$3" | grep -oE '[0-9]+' | head -1)
  awk -v label="$1" -v used="$(( $(cpu) - $2 ))" -v n="$requests" -v hz="$TICKS" \
    'BEGIN { printf "server CPU (%s): %.1f s for %d requests = %.2f ms per request\n", label, used / hz, n, n ? 1000 * used / hz / n : 0 }'
}

# A bearer token per demo submitter (unit token), made by the demo admin through the API (one
# sign-in: the sign-in rate limit allows 10 a minute per address).
python3 - "$WORK" "$BASE" <<'PY'
import json, re, sys, urllib.request
work, base = sys.argv[1], sys.argv[2]
units, admin = [], None
for line in open(f"{work}/serve.log", encoding="utf-8"):
    cells = line.split()
    if len(cells) == 4 and cells[0] == "submitter":
        units.append(cells[1])
    if len(cells) == 3 and cells[0] == "admin":
        admin = (cells[1], cells[2])
def call(path, body, headers={}):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **headers}, method="POST")
    with urllib.request.urlopen(request) as response:
        return response.headers, json.load(response)
headers, body = call("/api/v1/session", {"email": admin[0], "password": admin[1]})
cookie = re.search(r"ictindex_session=([^;]+)", headers["Set-Cookie"]).group(1)
admin_headers = {"Cookie": f"ictindex_session={cookie}", "X-CSRF-Token": body["csrfToken"]}
with open(f"{work}/sessions.txt", "w") as out:
    for unit in units:
        _, token = call("/api/v1/tokens", {"role": "submitter", "unit": unit, "label": f"bench-{unit}"}, admin_headers)
        out.write(f"{unit} {token['token']}\n")
print(f"{len(units)} submitter tokens")
PY
UNITS=$(wc -l < "$WORK/sessions.txt")
# 120 submitters: every unit's, then a second connection with the first units' tokens.
{ cat "$WORK/sessions.txt"; head -n $((120 - UNITS)) "$WORK/sessions.txt"; } > "$WORK/sessions-120.txt"
head -n 32 "$WORK/sessions.txt" > "$WORK/sessions-32.txt"

if phase 1; then
profiled 1
echo "== 1. public ranking page, 64 connections ($DURATION)"
echo "load: $(uptime)"
START=$(cpu)
wrk -t2 -c64 -d"$DURATION" --latency "$BASE/" | tee "$WORK/public.txt"
cpu_per_request "public page" "$START" "$WORK/public.txt"
PUBLISHED=$(ls -d "$WORK"/season/published/*/vi | tail -1)
chmod 755 "$WORK"; chmod -R a+rX "$WORK/season/published"   # nginx's workers read it
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; root $PUBLISHED; location / { index index.html; } }
}
NGINX
nginx -c "$WORK/nginx.conf"
sleep 0.5
echo "== nginx serving the same file, 64 connections ($DURATION)"
echo "load: $(uptime)"
cmp <(curl -s "$BASE/") <(curl -s "http://127.0.0.1:$NGINX_PORT/") && echo "(the same bytes)"
wrk -t2 -c64 -d"$DURATION" --latency "http://127.0.0.1:$NGINX_PORT/" | tee "$WORK/nginx.txt"
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"

stop_profile
fi
if phase 2a; then
profiled 2a
echo "== 2a. draft saves, 32 submitters ($DURATION)"
echo "load: $(uptime)"
START=$(cpu)
SESSIONS="$WORK/sessions-32.txt" MODE=save wrk -t32 -c32 -d"$DURATION" --timeout 30s --latency -s "$HERE/draft-save.lua" "$BASE" | grep -v "^UNIT" | tee "$WORK/2a.txt"
cpu_per_request "saves" "$START" "$WORK/2a.txt"
stop_profile
fi
if phase 2b; then
profiled 2b
echo "== 2b. live score (self-assessment?whatIf=0), 32 submitters ($DURATION)"
echo "load: $(uptime)"
START=$(cpu)
SESSIONS="$WORK/sessions-32.txt" MODE=assess wrk -t32 -c32 -d"$DURATION" --timeout 30s --latency -s "$HERE/draft-save.lua" "$BASE" | grep -v "^UNIT" | tee "$WORK/2b.txt"
cpu_per_request "live score" "$START" "$WORK/2b.txt"
stop_profile
fi
if phase 2c; then
profiled 2c
echo "== 2c. full self-assessment with what-if (the page), 32 submitters ($DURATION)"
echo "load: $(uptime)"
START=$(cpu)
SESSIONS="$WORK/sessions-32.txt" MODE=whatif wrk -t32 -c32 -d"$DURATION" --timeout 30s --latency -s "$HERE/draft-save.lua" "$BASE" | grep -v "^UNIT" | tee "$WORK/2c.txt"
cpu_per_request "self-assessment with what-if" "$START" "$WORK/2c.txt"

stop_profile
fi
if ! phase 3; then exit 0; fi
echo "== 3. 120 submitters saving ($LONG)"
echo "load: $(uptime)"
# Requests of the previous phase still being answered must not fall between the two snapshots.
sleep 5
sqlite3 "$WORK/season/ictindex.sqlite" "SELECT unit_id, version FROM draft WHERE period = 2019" > "$WORK/versions-before.txt"
sqlite3 "$WORK/season/ictindex.sqlite" "SELECT unit_id, COUNT(*) FROM audit_entry WHERE action = 'draft.save' AND period = 2019 GROUP BY unit_id" > "$WORK/audit-before.txt"
START=$(cpu)
SESSIONS="$WORK/sessions-120.txt" MODE=save wrk -t120 -c120 -d"$LONG" --timeout 30s --latency -s "$HERE/draft-save.lua" "$BASE" > "$WORK/long.txt"
grep -v "^UNIT" "$WORK/long.txt"
cpu_per_request "120 submitters" "$START" "$WORK/long.txt"
echo "server RSS now / peak: $(grep -E 'VmRSS|VmHWM' /proc/$SERVER/status | tr -s ' ' | tr '\n' ' ')"
# The saves wrk sent but stopped waiting for are finished by the server meanwhile.
sleep 5
sqlite3 "$WORK/season/ictindex.sqlite" "SELECT unit_id, version FROM draft WHERE period = 2019" > "$WORK/versions-after.txt"
sqlite3 "$WORK/season/ictindex.sqlite" "SELECT unit_id, COUNT(*) FROM audit_entry WHERE action = 'draft.save' AND period = 2019 GROUP BY unit_id" > "$WORK/audit-after.txt"
python3 - "$WORK" <<'PY'
import collections, sys
work = sys.argv[1]
def table(name):
    return {u: int(v) for u, v in (line.strip().split("|") for line in open(f"{work}/{name}") if line.strip())}
ok, conflicts, other, pending = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
for line in open(f"{work}/long.txt"):
    if line.startswith("UNIT "):
        _, unit, _, o, _, c, _, x, _, sent = line.split()
        ok[unit] += int(o); conflicts[unit] += int(c); other[unit] += int(x)
        pending[unit] += int(sent) - int(o) - int(c) - int(x)
vb, va, ab, aa = table("versions-before.txt"), table("versions-after.txt"), table("audit-before.txt"), table("audit-after.txt")
rows = [(u, ok[u], va.get(u, 0) - vb.get(u, 0), aa.get(u, 0) - ab.get(u, 0), pending[u]) for u in ok]
# A 200 without its version and audit row is a lost update; versions beyond the 200s are the
# saves wrk sent but stopped waiting for (never more than those).
lost = [r for r in rows if r[2] < r[1] or r[3] != r[2]]
unexplained = [r for r in rows if r[2] > r[1] + r[4]]
print(f"saves answered 200: {sum(ok.values())}, conflicts (409): {sum(conflicts.values())}, other statuses: {sum(other.values())}, "
      f"unanswered when wrk stopped: {sum(pending.values())}, stored after wrk stopped: {sum(r[2] - r[1] for r in rows if r[2] > r[1])}")
print(f"units with a 200 but no version or audit row (lost updates): {len(lost)} (unit, 200s, versions, audit rows, unanswered): {lost[:5]}")
print(f"units with more versions than 200s + unanswered requests: {len(unexplained)} {unexplained[:5]}")
PY
echo "== load after: $(uptime)"
