// "Hvordan vil du deltage?": show each follow-up question only where it applies, and mark the
// form "inline" so the server knows they were answered here. Without JavaScript they stay hidden
// and the server asks them on a page of their own.
(function () {
  "use strict";
  var form = document.querySelector("form[data-participation]");
  if (!form) {
    return;
  }
  var parts = form.querySelectorAll("[data-applies-to]");
  if (form.elements.inline) {
    form.elements.inline.value = "1";
  }
  function update() {
    var mode = form.querySelector("input[name=mode]:checked");
    var needed = form.querySelector("input[name=interpreter_needed]:checked");
    parts.forEach(function (part) {
      var modes = part.getAttribute("data-applies-to").split(" ");
      var show = mode !== null && modes.indexOf(mode.value) !== -1;
      if (part.hasAttribute("data-if-interpreter")) {
        show = show && needed !== null && needed.value === "ja";
      }
      part.hidden = !show;
    });
  }
  form.addEventListener("change", update);
  update();
})();
