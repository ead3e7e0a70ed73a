// Every htmx request carries the CSRF token that the layout puts in <meta name="_csrf"> on signed-in pages (the
// only ones whose htmx requests change anything; an anonymous page leaves it out so that it starts no session).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Confirm dangerous plain forms (without htmx) too: data-confirm="message".
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
