// The admin's "When" field: its preview follows the first cited source, whose publication
// date relative expressions count from. Typing is handled by htmx attributes on the field.
"use strict";

window.addEventListener("load", () => {
  const when = document.getElementById("id_when");
  if (!when || !window.htmx) return;
  const refresh = () => window.htmx.trigger(when, "when-refresh");
  // The autocomplete (Select2) announces a new choice through jQuery only.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("change", "select[name$='-source']", refresh);
  }
  document.addEventListener("formset:removed", refresh);
  document.addEventListener("change", (event) => {
    if (event.target.name && event.target.name.endsWith("-DELETE")) refresh();
  });
});
