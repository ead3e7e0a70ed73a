-- One distinct shopper per request: cycles through "sessionId csrfCookie csrfHeader" lines (one per shopper),
-- each thread over its own share. A join as htmx sends it: POST, session cookie, CSRF cookie + masked header.
-- usage: wrk ... -s join.lua <url> -- <lines file> <threads> <path>
local requests, n, i, step = {}, 0, 1, 1
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  local file, threads, path = args[1], tonumber(args[2]), args[3]
  -- the headers given with -H (the browser's Accept-Language), then each shopper's own
  local headers = wrk.headers
  headers["HX-Request"] = "true"
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  for line in io.lines(file) do
    local session, cookie, header = line:match("^(%S+) (%S+) (%S+)$")
    if session then
      n = n + 1
      headers["Cookie"] = "SESSION=" .. session .. "; QUEUE-XSRF-TOKEN=" .. cookie
      headers["X-XSRF-TOKEN"] = header
      requests[n] = wrk.format("POST", path, headers, "")
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
