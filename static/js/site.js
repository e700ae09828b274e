// Progressive enhancement for the timeline. Everything here is optional: without
// JavaScript the same forms and links work as plain GET requests.
"use strict";

// Leave empty filter fields out of the address, so a shared link reads
// "/?actor=russia" rather than "/?q=&actor=russia&type=&from=&to=".
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get") return;
  const params = event.detail.parameters;
  const names = new Set(Array.from(event.detail.formData.keys()));
  for (const name of names) {
    if (event.detail.formData.getAll(name).every((value) => value === "")) {
      params.delete(name);
    }
  }
});

// After "Earlier events" or "Later events" replaces the list, move keyboard focus to the
// new list so that the next Tab continues from the top of it, not from the page's start.
document.addEventListener("htmx:afterSettle", (event) => {
  // With an outerHTML swap the event's target is the replaced element: look the new one up.
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  const results = document.getElementById("results");
  if (results && trigger && trigger.tagName === "A" && event.detail.target.id === "results") {
    results.focus({ preventScroll: true });
  }
});
