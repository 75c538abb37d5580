// Warn before the session ends after a period without activity, and let the person stay
// logged in (WCAG 2.2.1). The server ends the session anyway; this only gives notice. The time
// left is the server's own count: from the page, then from each answer's X-Session-Seconds.
(function () {
  "use strict";
  var dialog = document.getElementById("session-warning");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var lifetime = Number(dialog.dataset.sessionSeconds) * 1000;

  function fromServer(value) {
    var seconds = Number(value);
    if (value !== null && value !== "" && !isNaN(seconds)) { lifetime = seconds * 1000; }
  }
  var warnBefore = Number(dialog.dataset.warnSeconds) * 1000;
  var form = dialog.querySelector("form");
  var warnTimer = null;
  var endTimer = null;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(function () { dialog.showModal(); }, Math.max(lifetime - warnBefore, 0));
    endTimer = setTimeout(function () {
      window.location.assign(dialog.dataset.loginUrl);
    }, lifetime);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = form.querySelector("input[name=csrf_token]").value;
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (response.ok) {
        fromServer(response.headers.get("X-Session-Seconds"));
        dialog.close();
        schedule();
      } else {
        window.location.assign(dialog.dataset.loginUrl);
      }
    });
  });

  // Requests made in place by htmx renew the server's timer too.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr) { fromServer(xhr.getResponseHeader("X-Session-Seconds")); }
    schedule();
  });
  schedule();
})();
