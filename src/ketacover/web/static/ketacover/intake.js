/* Intake wizard enhancements; every form works without this script.
 *
 * - ICD-10-CM search results: choosing one fills the code field (the server does the same when
 *   the script is off); the diagnosis is added only by the form's Add diagnosis button.
 * - PHQ-9 and GAD-7: the total and severity band update as items are answered, and PHQ-9 item 9
 *   answered above 0 shows the suicidal-ideation flag. The server computes the same on save.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-icd-code]") : null;
    if (!button) return;
    var form = button.form;
    var field = form && form.querySelector("[data-icd-field]");
    if (!field) return;
    event.preventDefault();
    field.value = button.getAttribute("data-icd-code");
    var results = form.querySelector("#icd-results");
    if (results) {
      results.innerHTML = "";
      var note = document.createElement("p");
      note.className = "small muted";
      note.textContent = field.value + " chosen. Set primary and the date, then press Add diagnosis.";
      results.appendChild(note);
    }
    var next = form.querySelector("input[type=checkbox], input[type=date]");
    (next || field).focus();
  });

  function band(bands, total) {
    for (var i = 0; i < bands.length; i++) {
      if (total <= bands[i][0]) return bands[i][1];
    }
    return "";
  }

  function update(scale) {
    var bands = JSON.parse(scale.getAttribute("data-bands"));
    var items = scale.querySelectorAll("[data-item]");
    var total = 0;
    var answered = 0;
    var flagged = false;
    items.forEach(function (item) {
      var checked = item.querySelector("input:checked");
      if (!checked || checked.value === "") return;
      answered += 1;
      total += parseInt(checked.value, 10);
      if (item.hasAttribute("data-flag-item") && parseInt(checked.value, 10) > 0) flagged = true;
    });
    var out = scale.querySelector("[data-total]");
    if (out) {
      out.textContent = answered === 0 ? "No items answered yet" :
        "Total " + total + " of " + scale.getAttribute("data-max") + ": " + band(bands, total) +
        (answered < items.length ? " (" + answered + " of " + items.length + " items answered)" : "");
    }
    var flag = scale.querySelector("[data-flag]");
    if (flag) flag.hidden = !flagged;
  }

  function start() {
    document.querySelectorAll("[data-scale]").forEach(function (scale) {
      scale.addEventListener("change", function () { update(scale); });
      update(scale);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
