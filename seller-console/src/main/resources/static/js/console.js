// Sends Spring Security's CSRF token with every htmx request and shows refused actions
// (403/404/409) and server errors in the page's message area instead of silently ignoring them.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

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

// A form sent back with errors puts the cursor in its first invalid field, whose message is read out with it
// (aria-describedby). After an htmx swap only the swapped part is looked at, so a table's refresh never moves it.
function focusFirstInvalid(root) {
  var field = root.querySelector('[aria-invalid="true"]');
  if (field && typeof field.focus === 'function') {
    field.focus();
  }
}
document.addEventListener("DOMContentLoaded", function () {
  focusFirstInvalid(document);
});
document.addEventListener("htmx:afterSwap", function (event) {
  // an outerHTML swap leaves the old target detached: look at what took its place
  var target = event.detail.target;
  var swapped = target.isConnected ? target : (target.id ? document.getElementById(target.id) : null);
  if (swapped) {
    focusFirstInvalid(swapped);
  }
});
