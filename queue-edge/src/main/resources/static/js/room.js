// Countdowns, and a hint to the server that the tab is hidden (it then polls slowly: still far within the grace).
(function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    document.querySelectorAll("[data-countdown-to]").forEach(function (el) {
      var left = Math.max(0, Math.floor((Number(el.getAttribute("data-countdown-to")) - Date.now()) / 1000));
      var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      el.textContent = (d > 0 ? d + "d " : "") + pad(h) + ":" + pad(m) + ":" + pad(s);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb === "get" && document.visibilityState === "hidden") {
      event.detail.parameters.hidden = "1";
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
