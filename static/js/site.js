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

// "Copy link" on each event: copies its permanent address and says so, to the eye and to
// screen readers. The buttons stay hidden where this script does not run.
const announce = (message) => {
  const announcer = document.getElementById("announcer");
  if (!announcer) return;
  announcer.textContent = "";
  // A fresh text node each time, so the same message is announced again.
  window.setTimeout(() => { announcer.textContent = message; }, 50);
};

const revealCopyButtons = (root) => {
  if (!navigator.clipboard) return;
  root.querySelectorAll("button.copy-link[hidden]").forEach((button) => {
    button.hidden = false;
  });
};

document.addEventListener("DOMContentLoaded", () => revealCopyButtons(document));
document.addEventListener("htmx:afterSettle", () => revealCopyButtons(document));

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy-link");
  if (!button) return;
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
  } catch {
    announce("Could not copy the link: copy it from the event's page instead.");
    return;
  }
  button.textContent = "Link copied";
  button.classList.add("copied");
  announce("Link copied");
  window.setTimeout(() => {
    button.textContent = "Copy link";
    button.classList.remove("copied");
  }, 2000);
});
