-- wrk script: every connection is one submitter saving their unit's draft over and over
-- (PUT /api/v1/seasons/2019/units/<unit>/draft), as app.js's autosave does, carrying the
-- draft's version (optimistic versioning). Run with as many threads as connections
-- (-t N -c N): wrk keeps one Lua state per thread, so each connection has its own token and version.
--
-- sessions.txt (made by run.sh): one line per submitter "unit token" (a bearer token scoped to
-- the unit, as a script or the page's session would be).
-- Each thread counts its 200s, 409s (someone else saved the same unit: a conflict, never an
-- overwrite), other statuses and the requests it sent; done() prints them per unit for run.sh to
-- check against the database (versions and audit rows): zero lost updates means every 200 is
-- one version. A request still unanswered when wrk stops (sent − answered) may be stored after
-- wrk has stopped counting: run.sh allows the versions to exceed the 200s by that much, never
-- the reverse.
-- With MODE=assess the requests are GET …/self-assessment?whatIf=0 instead (the live score
-- app.js reads after each autosave); MODE=whatif asks for the full self-assessment with its
-- what-if gains (the self-assessment page).

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  local lines = {}
  for line in io.lines(os.getenv("SESSIONS") or "sessions.txt") do table.insert(lines, line) end
  local line = lines[((index - 1) % #lines) + 1]
  unit, token = line:match("^(%S+) (%S+)$")
  mode = os.getenv("MODE") or "save"
  version = 0
  ok, conflicts, other, sent = 0, 0, 0, 0
  path = "/api/v1/seasons/2019/units/" .. unit
end

function request()
  sent = sent + 1
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if mode == "assess" then
    return wrk.format("GET", path .. "/self-assessment?whatIf=0", headers, nil)
  elseif mode == "whatif" then
    return wrk.format("GET", path .. "/self-assessment", headers, nil)
  end
  -- Answers that change every time: the staff count, and computers a little below it.
  local staff = 1000 + (index * 7919 + sent) % 5000
  local body = string.format('{"version":%d,"answers":{"staff_total":"%d","staff_with_computer":"%d","computers_total":"%d"}}',
                             version, staff, staff - 10, staff + 5)
  return wrk.format("PUT", path .. "/draft", headers, body)
end

function response(status, headers, body)
  if status == 200 then
    if mode == "save" then
      ok = ok + 1
      version = tonumber(body:match('"version"%s*:%s*(%d+)')) or version
    else
      ok = ok + 1
    end
  elseif status == 409 then
    conflicts = conflicts + 1
    -- The conflict carries the draft as stored: continue from its version.
    version = tonumber(body:match('"current"%s*:%s*{.-"version"%s*:%s*(%d+)')) or version
  else
    other = other + 1
    if other <= 3 then io.stderr:write(string.format("%s: HTTP %d %s\n", unit, status, body:sub(1, 200))) end
  end
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  for _, thread in ipairs(threads) do
    io.write(string.format("UNIT %s ok %d conflicts %d other %d sent %d\n", thread:get("unit"), thread:get("ok"), thread:get("conflicts"), thread:get("other"), thread:get("sent")))
  end
end
