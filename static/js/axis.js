// The time axis, enhanced. Without this script the axis is a picture whose marks and
// controls are links; every gesture here ends by following one of those links (htmx loads
// it in place), so the address always holds the view and a shared link opens it.
//
//   + / -            zoom in / out (focus anywhere on the axis)
//   ← / →            earlier / later
//   Ctrl + wheel     zoom (a trackpad's pinch arrives as this); a sideways wheel pans
//   drag or swipe    pan; two fingers pinching zoom
//   a mark           scrolls the list to its event, loading its page if need be
"use strict";

(() => {
  const follow = (action) => {
    const link = document.querySelector(`#axis a[data-axis-action="${action}"]`);
    if (!link) return false;
    link.click();
    return true;
  };

  // Keys --------------------------------------------------------------------------------------
  // The arrow keys follow the axis: on a right-to-left page the earlier side is the right.
  const rtl = document.documentElement.dir === "rtl";
  const KEYS = {
    "+": "in", "=": "in", "-": "out", "_": "out",
    ArrowLeft: rtl ? "later" : "earlier",
    ArrowRight: rtl ? "earlier" : "later",
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = KEYS[event.key];
    if (!action || !event.target.closest || !event.target.closest("#axis")) return;
    if (event.target.closest("input, select, textarea")) return; // "Jump to year" keeps its keys
    if (follow(action)) event.preventDefault();
  });

  // Wheel -------------------------------------------------------------------------------------
  let wheelQuiet = 0;
  let sideways = 0;
  document.addEventListener(
    "wheel",
    (event) => {
      if (!event.target.closest || !event.target.closest("[data-axis-chart]")) return;
      const now = Date.now();
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault(); // not the browser's page zoom
        if (now > wheelQuiet && follow(event.deltaY < 0 ? "in" : "out")) wheelQuiet = now + 600;
        return;
      }
      if (Math.abs(event.deltaX) <= Math.abs(event.deltaY)) return; // the page's scroll
      event.preventDefault();
      sideways += event.deltaX;
      if (Math.abs(sideways) > 120 && now > wheelQuiet) {
        follow(sideways > 0 === !rtl ? "later" : "earlier");
        sideways = 0;
        wheelQuiet = now + 600;
      }
    },
    { passive: false },
  );

  // Drag, swipe and pinch ---------------------------------------------------------------------
  const pointers = new Map();
  let gesture = null;
  const distance = () => {
    const [a, b] = Array.from(pointers.values());
    return Math.hypot(a.x - b.x, a.y - b.y);
  };

  document.addEventListener("pointerdown", (event) => {
    const chart = event.target.closest && event.target.closest("[data-axis-chart]");
    if (!chart || (event.pointerType === "mouse" && event.button !== 0)) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 1) {
      gesture = { chart, x: event.clientX, y: event.clientY, dx: 0, spread: 0, moved: false };
    } else if (pointers.size === 2 && gesture) {
      gesture.spread = distance();
    }
  });

  document.addEventListener("pointermove", (event) => {
    if (!gesture || !pointers.has(event.pointerId)) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 2) {
      gesture.moved = true;
      return;
    }
    gesture.dx = event.clientX - gesture.x;
    const dy = event.clientY - gesture.y;
    if (!gesture.moved && Math.abs(gesture.dx) > 8 && Math.abs(gesture.dx) > Math.abs(dy)) {
      gesture.moved = true;
      gesture.chart.classList.add("dragging");
    }
    // The drawing follows the finger (CSSOM, which the CSP allows; no style attribute).
    if (gesture.moved) gesture.chart.style.transform = `translateX(${gesture.dx}px)`;
  });

  const end = (event) => {
    if (!gesture || !pointers.has(event.pointerId)) return;
    const finished = gesture;
    if (pointers.size === 2 && finished.spread) {
      const ratio = distance() / finished.spread;
      pointers.clear();
      gesture = null;
      finished.chart.style.transform = "";
      if (ratio > 1.25) follow("in");
      else if (ratio < 0.8) follow("out");
      finished.suppressClick = true;
      lastGesture = finished;
      return;
    }
    pointers.delete(event.pointerId);
    if (pointers.size > 0) return;
    gesture = null;
    finished.chart.classList.remove("dragging");
    finished.chart.style.transform = "";
    if (!finished.moved) return;
    lastGesture = finished;
    const width = finished.chart.getBoundingClientRect().width;
    if (Math.abs(finished.dx) > Math.min(60, width / 6)) {
      follow(finished.dx > 0 ? "earlier" : "later"); // dragging the past into view
    }
  };
  let lastGesture = null;
  document.addEventListener("pointerup", end);
  document.addEventListener("pointercancel", end);

  // A drag that ends on a mark is not a click on it. Only the click that ends a drag is held
  // back: a swipe or a pinch ends with none, and the next tap (or key) must still open what
  // it touches.
  const fresh = () => {
    lastGesture = null;
  };
  document.addEventListener("pointerdown", fresh, true);
  document.addEventListener("keydown", fresh, true);
  document.addEventListener(
    "click",
    (event) => {
      if (lastGesture && event.target.closest && event.target.closest("[data-axis-chart]")) {
        lastGesture = null;
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  // Selecting a mark ----------------------------------------------------------------------------
  let pending = null;
  const reveal = (id) => {
    const article = document.getElementById(id);
    if (!article) return false;
    article.scrollIntoView({ block: "start" });
    article.focus({ preventScroll: true });
    document.querySelectorAll("#axis .mark.selected").forEach((mark) => mark.classList.remove("selected"));
    document
      .querySelectorAll(`#axis a[data-axis-event="${id}"]`)
      .forEach((mark) => mark.classList.add("selected"));
    return true;
  };

  // Before htmx sees the click (capture): an event already in the list is only scrolled to.
  document.addEventListener(
    "click",
    (event) => {
      const mark = event.target.closest && event.target.closest("#axis a[data-axis-event]");
      if (!mark || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      const id = mark.dataset.axisEvent;
      if (reveal(id)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      } else {
        pending = id; // htmx loads its page; it is revealed once there
      }
    },
    true,
  );

  const focusAfterSwap = { action: null };
  document.addEventListener("htmx:beforeRequest", (event) => {
    const trigger = event.detail.elt;
    focusAfterSwap.action =
      trigger && trigger.matches && trigger.matches("#axis a[data-axis-action]")
        ? trigger.dataset.axisAction
        : null;
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    if (!event.detail.target || event.detail.target.id !== "results") return;
    if (pending) {
      const id = pending;
      pending = null;
      reveal(id);
      return;
    }
    if (focusAfterSwap.action) {
      // Zooming or panning by key keeps the reader on the axis, on the same control, or
      // where the view has none further that way, on one that is a link (a disabled
      // control is a span, which takes no focus: the keys would stop working).
      const again =
        document.querySelector(`#axis a[data-axis-action="${focusAfterSwap.action}"]`) ||
        document.querySelector("#axis a.axis-control");
      if (again) again.focus({ preventScroll: true });
      focusAfterSwap.action = null;
    }
  });
})();
