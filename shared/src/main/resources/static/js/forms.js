// What the storefront's and the console's pages share (served by both from the shared module, at /js/forms.js).

// Every htmx request carries the CSRF token that the layout puts in <meta name="_csrf"> on signed-in pages (the
// only ones whose htmx requests change anything; an anonymous page leaves it out so that it starts no session).
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A form sent back with errors puts the cursor in its first invalid field, whose message is read out with it
// (aria-describedby), instead of leaving a keyboard or screen-reader user at the top of the page. After an htmx swap
// only the swapped part is looked at, so a poll or a table's refresh elsewhere never moves the cursor.
(function () {
  function focusFirstInvalid(root) {
    var field = root.querySelector('[aria-invalid="true"]');
    if (field && typeof field.focus === "function") {
      field.focus();
      return true;
    }
    return false;
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusFirstInvalid(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    // an outerHTML swap leaves the old target detached: look at what took its place
    var target = event.detail.target;
    var swapped = target.isConnected ? target : (target.id ? document.getElementById(target.id) : null);
    if (swapped && !focusFirstInvalid(swapped)) {
      focusMarked(swapped);
    }
  });

  // A swap that removed the focused element (the button that sent it, say) left the cursor nowhere: it goes to what
  // the new part marks with data-swap-focus (a form's first field, or the message saying what was done), so keyboard
  // and screen-reader users go on from there. Focus the user moved elsewhere meanwhile is left alone.
  function focusMarked(root) {
    var marked = root.matches("[data-swap-focus]") ? root : root.querySelector("[data-swap-focus]");
    if (!marked || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    var target = marked.tagName === "FORM" ? marked.querySelector("input:not([type=hidden]), select, textarea") : marked;
    if (target) {
      target.focus();
    }
  }
})();
