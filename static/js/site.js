// Progressive enhancement for the timeline. Everything here is optional: without
// JavaScript the same forms and links work as plain GET requests.
"use strict";

const announce = (message) => {
  // A persistent live region: one inserted with new content would not be announced.
  const announcer = document.getElementById("announcer");
  if (!announcer) return;
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = message; }, 50);
};

const typing = (element) =>
  element.closest("input, textarea, select, [contenteditable=true]") !== null;

// Requests -----------------------------------------------------------------------------------

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

// The list is an ARIA feed: busy while a new page of it is on its way.
document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.detail.target && event.detail.target.id === "results") {
    event.detail.target.querySelectorAll("[role=feed]").forEach((feed) => {
      feed.setAttribute("aria-busy", "true");
    });
  }
});
document.addEventListener("htmx:afterRequest", (event) => {
  if (!event.detail.successful) {
    document.querySelectorAll("[role=feed][aria-busy=true]").forEach((feed) => {
      feed.setAttribute("aria-busy", "false");
    });
    announce("The timeline could not be loaded. Please try again.");
  }
});

// After the list is replaced (filters, paging, the time axis, "Jump to year"), say what
// it now shows, and move focus where the reader will want to go on.
document.addEventListener("htmx:afterSettle", (event) => {
  if (!event.detail.target || event.detail.target.id !== "results") return;
  const results = document.getElementById("results");
  const status = document.getElementById("results-status");
  if (status) announce(status.textContent.trim().replace(/\s+/g, " "));
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!results || !trigger || trigger.matches("form[role=search]")) return; // keep typing
  // Jumping to a period lands on its first event; paging on the new list.
  const jumped = trigger.matches("form.jump, #axis a[data-axis-jump]");
  const first = results.querySelector("article[tabindex]");
  (jumped && first ? first : results).focus({ preventScroll: jumped === false });
  revealControls(results);
});

// Reading an event in place ------------------------------------------------------------------

document.addEventListener("htmx:confirm", (event) => {
  const link = event.detail.elt;
  if (!link.matches("a.expand") || link.getAttribute("aria-expanded") !== "true") return;
  // Already open: close it instead of fetching it again.
  event.preventDefault();
  const more = document.getElementById(link.getAttribute("aria-controls"));
  more.replaceChildren();
  link.setAttribute("aria-expanded", "false");
  link.textContent = "Show sources";
  link.focus();
  announce("Closed.");
});

document.addEventListener("htmx:afterSwap", (event) => {
  const more = event.detail.target;
  if (!more || !more.classList.contains("event-more")) return;
  const link = document.querySelector(`a.expand[aria-controls="${more.id}"]`);
  if (link) {
    link.setAttribute("aria-expanded", "true");
    link.textContent = "Hide sources";
  }
  more.focus();
  const title = more.closest("article").querySelector(".event-title").textContent.trim();
  announce(`Full account and sources of “${title}” shown below it.`);
});

// Moving by keyboard -------------------------------------------------------------------------

const articles = () => Array.from(document.querySelectorAll("[role=feed] article[tabindex]"));
const years = () => Array.from(document.querySelectorAll("#results .year-heading"));

const moveFocus = (items, step) => {
  if (items.length === 0) return;
  const active = document.activeElement;
  let next;
  const here = items.findIndex((item) => item === active || item.contains(active));
  if (here !== -1) {
    next = items[Math.min(Math.max(here + step, 0), items.length - 1)];
  } else if (active && active !== document.body && active.closest("#results")) {
    // From elsewhere in the list (an event, for a year): the next one after it in the page,
    // or the one before the heading of the part it is in.
    const after = (item) => active.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING;
    if (step > 0) {
      next = items.find(after) || items[items.length - 1];
    } else {
      const before = items.filter((item) => !after(item));
      next = before[Math.max(before.length - 2, 0)] || items[0];
    }
  } else {
    // Not in the list yet: start from what is on screen.
    next = items.find((item) => item.getBoundingClientRect().top >= 0) || items[0];
  }
  next.focus({ preventScroll: true });
  // A year heading sticks to the top of the screen, wherever its year is: scrolling to the
  // heading itself can leave the year's events above it. Its section starts where it does.
  const target = next.matches(".year-heading") ? next.closest(".year") || next : next;
  target.scrollIntoView({ block: "start" });
};

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const dialog = document.getElementById("shortcuts");
  if (dialog && dialog.open) return;
  const inArticle = event.target.matches && event.target.matches("[role=feed] article");
  let handled = true;
  if (event.key === "j" || (event.key === "PageDown" && inArticle)) moveFocus(articles(), 1);
  else if (event.key === "k" || (event.key === "PageUp" && inArticle)) moveFocus(articles(), -1);
  else if (event.key === "J") moveFocus(years(), 1);
  else if (event.key === "K") moveFocus(years(), -1);
  else if (event.key === "/") document.getElementById("id_q")?.focus();
  else if (event.key === "?" && dialog) dialog.showModal();
  else if (event.key === "Enter" && inArticle) event.target.querySelector("a.expand")?.click();
  else handled = false;
  if (handled) event.preventDefault();
});

// Controls that need this script: hidden in the page until it runs -------------------------

const revealControls = (root) => {
  if (navigator.clipboard) {
    root.querySelectorAll("button.copy-link[hidden]").forEach((button) => {
      button.hidden = false;
    });
  }
  root.querySelectorAll("button.shortcuts-open[hidden]").forEach((button) => {
    button.hidden = false;
  });
};

document.addEventListener("DOMContentLoaded", () => revealControls(document));

document.addEventListener("click", async (event) => {
  const opener = event.target.closest("button.shortcuts-open");
  if (opener) {
    document.getElementById("shortcuts")?.showModal();
    return;
  }
  // "Copy link" on each event: copies its permanent address and says so.
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

// Drawing every event ----------------------------------------------------------------------

// Events off screen are not drawn at first (content-visibility in site.css): the first view
// lays out only what is in sight. Once the page is idle they are all drawn, so that a
// full-page capture or a long scroll finds them there rather than as empty boxes.
const drawAll = () => {
  const results = document.getElementById("results");
  if (!results || results.classList.contains("drawn")) return;
  const whenIdle = window.requestIdleCallback || ((task) => window.setTimeout(task, 200));
  whenIdle(() => results.classList.add("drawn"), { timeout: 2000 });
};
document.addEventListener("DOMContentLoaded", drawAll);
document.addEventListener("htmx:afterSettle", drawAll);
document.addEventListener("htmx:historyRestore", drawAll);
