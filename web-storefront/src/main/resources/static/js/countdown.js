// Ticks every [data-countdown-to="<ISO instant>"] once a second. With data-countdown-reload="true"
// the page reloads when the moment comes (an admission runs out); with data-countdown-go="<url>" it goes there (the
// sale opens: straight to its waiting room, where a live page would send a shopper anyway, so that the opening's
// crowd meets the part built for it rather than a storefront page render each first).
// Time is the server's: the page carries the server's clock (<meta name="server-now">, epoch millis) and the
// browser's offset from it is applied, so a browser clock that runs ahead neither shows the wrong time left nor
// reloads, a second apart, a page the server still renders as before the moment.
(function () {
  var offset = 0;
  var serverNow = document.querySelector('meta[name="server-now"]');
  if (serverNow) {
    var at = Number(serverNow.getAttribute('content'));
    if (at > 0) { offset = at - Date.now(); }
  }

  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  function render(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var days = Math.floor(s / 86400);
    var rest = pad(Math.floor(s % 86400 / 3600)) + ':' + pad(Math.floor(s % 3600 / 60)) + ':' + pad(s % 60);
    if (days === 0) { return rest; }
    return (document.documentElement.lang === 'en' ? days + 'd ' : days + '일 ') + rest;
  }

  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll('[data-countdown-to]').forEach(function (el) {
      var target = Date.parse(el.getAttribute('data-countdown-to'));
      if (isNaN(target)) { return; }
      el.textContent = render(target - now);
      var go = el.getAttribute('data-countdown-go');
      if (target <= now && (go || el.getAttribute('data-countdown-reload') === 'true') && !el.hasAttribute('data-countdown-done')) {
        el.setAttribute('data-countdown-done', '');
        window.setTimeout(function () {
          if (go) { window.location.assign(go); } else { window.location.reload(); }
        }, 1000);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    tick();
    window.setInterval(tick, 1000);
  });

  // htmx refreshes the product page's status panel with the server's rendering, whose countdown holds the start as a
  // date (the text for a page without script). Counting at once, in the task that swapped it in and so before the
  // browser paints, keeps that date from showing under "starts in" until the next tick, up to a second later.
  document.addEventListener('htmx:afterSwap', tick);
})();
