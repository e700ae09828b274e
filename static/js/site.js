// Progressive enhancement for the timeline. Everything here is optional: without
// JavaScript the same forms and links work as plain GET requests.
"use strict";

document.addEventListener("htmx:configRequest", (event) => {
  const detail = event.detail;
  if (detail.verb !== "get") return;

  // Leave empty filter fields out of the address, so a shared link reads
  // "/?actor=russia" rather than "/?q=&actor=russia&type=&from=&to=".
  const names = new Set(Array.from(detail.formData.keys()));
  for (const name of names) {
    if (detail.formData.getAll(name).every((value) => value === "")) {
      detail.parameters.delete(name);
    }
  }

  // Leaving the search box fires "change" after the "input" that already applied it: skip
  // a request for the view already on screen, which would also add a duplicate Back step.
  if (detail.elt.matches("form[role=search]")) {
    const wanted = new URLSearchParams(Array.from(detail.formData.entries()));
    const current = new URLSearchParams(window.location.search);
    if (detail.path === window.location.pathname && wanted.toString() === current.toString()) {
      event.preventDefault();
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
