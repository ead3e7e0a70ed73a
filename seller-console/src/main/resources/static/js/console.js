// Shows refused actions (403/404/409) and server errors in the page's message area instead of silently ignoring them
// (the CSRF header and the focus on a refused form's first invalid field come from the shared /js/forms.js).
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 403 || status === 404 || status === 409) {
    var flash = document.getElementById("flash");
    if (flash) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      event.detail.target = flash;
      event.detail.swapOverride = "innerHTML";
    }
  }
});

// a server error (5xx) is not swapped in by htmx: say so instead of leaving the page as if nothing had been asked
document.addEventListener("htmx:responseError", function (event) {
  var flash = document.getElementById("flash");
  if (flash && event.detail.xhr.status >= 500 && flash.getAttribute("data-failed")) {
    flash.textContent = flash.getAttribute("data-failed");
  }
});

// A polled block is not refreshed while the user is in one of its forms: the refresh would reset what they are typing
// (the admin's "admit N" count) and take their focus away.
document.addEventListener("htmx:beforeRequest", function (event) {
  var elt = event.detail.elt;
  if (elt && elt.getAttribute("hx-trigger") && elt.getAttribute("hx-trigger").indexOf("every ") === 0
      && document.activeElement && elt.contains(document.activeElement) && document.activeElement.closest("form")) {
    event.preventDefault();
  }
});

// A refreshed block keeps where its wide table was scrolled to: on a phone the queues table scrolls sideways to its
// actions, and each refresh (every 3 s) put a new table in its place, scrolled back to the start.
var tableScroll = {};
document.addEventListener("htmx:beforeSwap", function (event) {
  var target = event.detail.target;
  var table = target && target.id ? target.querySelector("table") : null;
  if (table && table.scrollLeft > 0) {
    tableScroll[target.id] = table.scrollLeft;
  }
});
document.addEventListener("htmx:afterSettle", function () {
  Object.keys(tableScroll).forEach(function (id) {
    var block = document.getElementById(id);
    var table = block ? block.querySelector("table") : null;
    if (table) {
      table.scrollLeft = tableScroll[id];
    }
    delete tableScroll[id];
  });
});
