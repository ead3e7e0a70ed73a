// Countdowns, and a hint to the server that the tab is hidden (it then polls slowly: still far within the grace).
(function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  // the server's clock as the page was rendered, against this browser's: a clock set wrong moves no countdown
  var room = document.querySelector("[data-server-now]");
  var offset = room && Number(room.getAttribute("data-server-now")) ? Number(room.getAttribute("data-server-now")) - Date.now() : 0;
  var reloading = false;
  function tick() {
    document.querySelectorAll("[data-countdown-to]").forEach(function (el) {
      var left = Math.max(0, Math.floor((Number(el.getAttribute("data-countdown-to")) - (Date.now() + offset)) / 1000));
      var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      el.textContent = (d > 0 ? d + "d " : "") + pad(h) + ":" + pad(m) + ":" + pad(s);
      // "come back at": the page comes back by itself once the queue opens, within a second of each other tab (not
      // all in the same millisecond; and no later than a shopper reloading by hand, where the line is first-come)
      if (left === 0 && el.hasAttribute("data-countdown-reload") && !reloading) {
        reloading = true;
        setTimeout(function () { window.location.reload(); }, 200 + Math.random() * 800);
      }
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  // a poll's fragment holds its countdown's placeholder: counted at once, before the browser paints it
  document.addEventListener("htmx:afterSwap", tick);
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb === "get" && document.visibilityState === "hidden") {
      event.detail.parameters.hidden = "1";
    }
    // a poll is answered from memory in milliseconds: one without an answer after 20 s is given up and tried again
    // (below). A join is answered within the server's Redis timeout, so one unanswered after the page's join timeout
    // (30 s unless configured) was lost on the way: it is given up and sent again, marked as a retry, which keeps
    // whatever place the lost one may have taken instead of sending the shopper to the back.
    if (event.detail.elt && event.detail.elt.id === "room-status") {
      if (event.detail.verb === "get") {
        event.detail.timeout = 20000;
      } else if (event.detail.verb === "post") {
        var page = document.querySelector("[data-join-timeout]");
        event.detail.timeout = Number(page && page.getAttribute("data-join-timeout")) || 30000;
      }
    }
  });
  // Two tabs opened at once (or a reload while the first join is on its way) would each join without the ticket the
  // other is about to get, and the later join would count as a re-entry: to the back of the line. So this browser's
  // joins of one product go one at a time, under a lock every tab of the origin shares (Web Locks): the next is sent
  // once the one before is answered, carrying the ticket that answer set, which keeps the place. (Retried joins, below,
  // take the lock too. Without Web Locks, as on plain http away from localhost, joins go at once as before.)
  document.addEventListener("htmx:confirm", function (event) {
    var detail = event.detail;
    if (detail.verb !== "post" || !detail.elt || detail.elt.id !== "room-status" || !/\/join$/.test(detail.path || "")
        || !(navigator.locks && navigator.locks.request)) {
      return;
    }
    event.preventDefault();
    navigator.locks.request("astraphe-join " + detail.path, function () {
      // released when the join is answered (or fails): htmx returns the request's promise when asked to; and never
      // held past 30 s, whatever happens to this tab's request
      detail.etc.returnPromise = true;
      return Promise.race([detail.issueRequest(true), new Promise(function (done) { setTimeout(done, 30000); })]);
    }).catch(function () { /* the join's own error handling (below) reports it */ });
  });
  // polls never touch the login session; a request every 10 minutes keeps it from idling out during a long wait
  setInterval(function () {
    var room = document.querySelector("[data-keepalive]");
    if (room && document.getElementById("room-status")) {
      fetch(room.getAttribute("data-keepalive"), {credentials: "same-origin", headers: {"Accept": "application/json"}});
    }
  }, 10 * 60 * 1000);
  // A poll that fails (no answer, a timeout, a 5xx or 429) is not swapped in, and the next poll is only ever scheduled
  // by the fragment a poll swaps in: without this, one lost answer stopped the tab polling for good and the shopper
  // was dropped after the grace while the page still showed their place. Try again with growing, jittered pauses
  // (so a recovering server is not hit by every tab at once), and say so on the page until an answer comes.
  var failures = 0;
  function retryable(event) {
    var xhr = event.detail && event.detail.xhr;
    return event.type !== "htmx:responseError" || (xhr && (xhr.status >= 500 || xhr.status === 429));
  }
  function note(status, className, text) {
    var existing = status.querySelector("." + className);
    if (existing || !text) {
      return existing;
    }
    var p = document.createElement("p");
    p.className = className;
    p.setAttribute("role", "status");
    p.textContent = text;
    status.appendChild(p);
    return p;
  }
  // A refusal (403, 404: the product went away, the account is not a shopper's) carries the status fragment saying
  // so: swap it in like any answer. Any other refusal is not worth repeating; the page says to reload it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr, status = event.detail.elt;
    if (!status || status.id !== "room-status" || xhr.status < 400 || xhr.status >= 500 || xhr.status === 429) {
      return;
    }
    if ((xhr.responseText || "").indexOf('id="room-status"') >= 0) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      return;
    }
    var room = document.querySelector("[data-failed]");
    // a refused join did not join: "joining the queue…" above the note would say it still might
    var entering = status.querySelector(".entering");
    if (entering) {
      entering.hidden = true;
    }
    var failedNote = note(status, "failed", room && room.getAttribute("data-failed"));
    if (failedNote && !failedNote.querySelector("a")) {
      var reload = document.createElement("a");
      reload.href = window.location.href;
      reload.textContent = room.getAttribute("data-reload");
      failedNote.appendChild(document.createTextNode(" "));
      failedNote.appendChild(reload);
    }
  });
  function failed(event) {
    var status = event.detail && event.detail.elt;
    if (!status || status.id !== "room-status" || !retryable(event) || !window.htmx) {
      return;
    }
    var verb = status.getAttribute("hx-get") ? "GET" : (status.getAttribute("hx-post") ? "POST" : null);
    if (!verb) {
      return;
    }
    failures++;
    var room = document.querySelector("[data-retrying]");
    note(status, "retrying", room && room.getAttribute("data-retrying"));
    var base = Number(status.getAttribute("data-poll-seconds")) || 2;
    var seconds = Math.min(20, base * Math.pow(2, Math.min(failures, 5) - 1)) * (0.75 + Math.random() * 0.5);
    // a join sent again says so: the one before may have taken a place whose ticket never arrived, and the server
    // then keeps that place instead of taking this join for a re-entry (to the back of the line)
    var headers = verb === "POST" ? {"X-Join-Retry": "1"} : {};
    setTimeout(function () {
      if (status.isConnected) {
        window.htmx.ajax(verb, status.getAttribute(verb === "GET" ? "hx-get" : "hx-post"),
          {source: status, target: status, swap: "outerHTML", headers: headers});
      }
    }, seconds * 1000);
  }
  ["htmx:sendError", "htmx:timeout", "htmx:responseError"].forEach(function (name) {
    document.addEventListener(name, failed);
  });
  // what a screen reader says after a poll: the state, and the place when it changed (not the whole status again)
  var announced = "";
  // the tab's title leads with the place (or, without one, the sale's state), for a shopper waiting in another tab
  var pageTitle = document.title;
  function announce() {
    var status = document.getElementById("room-status"), live = document.getElementById("room-announce");
    if (!status || !live) {
      return;
    }
    var parts = ["sale-state", "ahead"].map(function (name) {
      var el = status.querySelector("." + name);
      return el ? el.textContent.trim() : "";
    });
    var text = parts.filter(Boolean).join(". ");
    if (text !== announced) {
      announced = text;
      live.textContent = text;
      var lead = parts[1] || parts[0];
      document.title = lead ? lead + " · " + pageTitle : pageTitle;
    }
  }
  document.addEventListener("DOMContentLoaded", announce);
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "room-status") {
      failures = 0;
      announce();
    }
  });
  // coming back to a hidden tab: poll at once instead of waiting out the slow interval
  document.addEventListener("visibilitychange", function () {
    var status = document.getElementById("room-status");
    if (document.visibilityState === "visible" && status && status.getAttribute("hx-get") && window.htmx) {
      window.htmx.ajax("GET", status.getAttribute("hx-get"), {target: status, swap: "outerHTML"});
    }
  });
})();
