-- One distinct ticket per request: cycles through a file of signed ticket values, each thread over its own share.
-- A poll as htmx sends it: GET with the ticket cookie only (no session).
-- usage: wrk ... -s poll.lua <url> -- <tickets file> <threads> <path> <cookie name>
local requests, n, i, step = {}, 0, 1, 1
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  local file, threads, path, cookie = args[1], tonumber(args[2]), args[3], args[4]
  -- the headers given with -H (the browser's Accept-Language), then each ticket's own
  local headers = wrk.headers
  headers["HX-Request"] = "true"
  for ticket in io.lines(file) do
    if #ticket > 0 then
      n = n + 1
      headers["Cookie"] = cookie .. "=" .. ticket
      requests[n] = wrk.format("GET", path, headers)
    end
  end
  step = threads
  i = (tonumber(thread_id) or 0) % n + 1
end

function request()
  local r = requests[i]
  i = i + step
  if i > n then i = i - n end
  return r
end
