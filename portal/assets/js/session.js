// Warn before the session ends (WCAG 2.2.1). After a period without activity the person can
// stay logged in; at the absolute end (hours after the log-in) nothing can extend it, so the
// dialog says so and only closes. The server ends the session anyway; this only gives notice.
// Time left and which end comes first are the server's own: from the page, then from each
// answer's X-Session-Seconds and X-Session-End.
(function () {
  "use strict";
  var dialog = document.getElementById("session-warning");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var lifetime = Number(dialog.dataset.sessionSeconds) * 1000;
  var end = dialog.dataset.sessionEnd;

  function fromServer(get) {
    var value = get("X-Session-Seconds");
    var seconds = Number(value);
    if (value !== null && value !== "" && !isNaN(seconds)) { lifetime = seconds * 1000; }
    var kind = get("X-Session-End");
    if (kind === "idle" || kind === "max") { end = kind; }
  }
  var warnBefore = Number(dialog.dataset.warnSeconds) * 1000;
  var form = dialog.querySelector("form");
  var warnTimer = null;
  var endTimer = null;

  function show() {
    // Only the half for the end that comes first is shown, and names the dialog.
    var halves = dialog.querySelectorAll("[data-end]");
    for (var i = 0; i < halves.length; i++) { halves[i].hidden = halves[i].dataset.end !== end; }
    dialog.setAttribute("aria-labelledby", "session-warning-heading-" + end);
    dialog.setAttribute("aria-describedby", "session-warning-text-" + end);
    dialog.showModal();
  }

  function logIn() {
    window.location.assign(end === "max" ? dialog.dataset.maxLoginUrl : dialog.dataset.loginUrl);
  }

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(show, Math.max(lifetime - warnBefore, 0));
    endTimer = setTimeout(logIn, lifetime);
  }

  dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = form.querySelector("input[name=csrf_token]").value;
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (response.ok) {
        fromServer(function (name) { return response.headers.get(name); });
        dialog.close();
        schedule();
      } else {
        logIn();
      }
    });
  });

  // Requests made in place by htmx renew the server's timer too.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr) { fromServer(function (name) { return xhr.getResponseHeader(name); }); }
    schedule();
  });
  schedule();
})();
