// htmx requests carry the reactive CSRF token: the one in the CSRF cookie when the request leaves, else the page's.
// Two tabs opened at the same moment by a browser without the cookie each get a page with its own new token, and the
// later answer's cookie replaces the earlier one's: the earlier tab's page token no longer matches the cookie. The
// cookie's token is always the browser's current one (the server takes it as it is, or the page's masked one).
(function () {
  var COOKIE = "QUEUE-XSRF-TOKEN";

  function fromCookie() {
    var cookies = document.cookie ? document.cookie.split(";") : [];
    for (var i = 0; i < cookies.length; i++) {
      var cookie = cookies[i].trim();
      if (cookie.indexOf(COOKIE + "=") === 0) {
        return decodeURIComponent(cookie.substring(COOKIE.length + 1));
      }
    }
    return null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = fromCookie() || token.content;
    }
  });
})();
