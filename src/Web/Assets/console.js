// The console's only script: the CUI and NIT of a form are checked as they are typed, by the service's own rule
// (GET ?handler=Comprobar on the same page), and the Spanish reason is shown next to the field and given to the
// browser as the field's validity message. The server checks them again when the form is sent.
"use strict";
document.querySelectorAll("input[data-comprobar]").forEach(function (input) {
  var status = document.getElementById(input.id + "-estado");
  var timer = 0;
  var asked = 0;
  function check() {
    var value = input.value.trim();
    var mine = ++asked;
    if (value === "") {
      input.setCustomValidity("");
      input.removeAttribute("aria-invalid");
      if (status) { status.textContent = ""; }
      return;
    }
    var url = window.location.pathname + "?handler=Comprobar&campo=" + encodeURIComponent(input.dataset.comprobar) + "&valor=" + encodeURIComponent(value);
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer || mine !== asked) { return; }
        input.setCustomValidity(answer.ok ? "" : answer.mensaje);
        if (answer.ok) { input.removeAttribute("aria-invalid"); } else { input.setAttribute("aria-invalid", "true"); }
        if (status) { status.textContent = answer.ok ? "Válido." : answer.mensaje; }
      })
      .catch(function () { /* offline: the server checks it when the form is sent */ });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 350); });
  input.addEventListener("change", check);
});
