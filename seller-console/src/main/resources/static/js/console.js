// Sends Spring Security's CSRF token with every htmx request and shows refused actions
// (403/404/409) in the page's message area instead of silently ignoring them.
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
