// The timeline's filter form, enhanced. Without JavaScript, Actor and Place are plain
// multi-selects that submit ?actor=a&actor=b; here each becomes an ARIA combobox (type to
// find, Enter or click to add) with removable chips, choosing in the same hidden <select>,
// so the form still submits exactly what it did. Every reader-facing word comes from the
// page (data-* attributes written by the template), so it is translated there.
"use strict";

(() => {
  // Loaded in the head, before the page is drawn: the stylesheet gives the controls this
  // script changes or shows their final size from the start (site.css, ".js").
  document.documentElement.classList.add("js");

  const form = () => document.querySelector("form[role=search]");

  // Normalised for matching: case and accents do not matter ("kabul" finds "Kābul").
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

  const changed = (select) => select.dispatchEvent(new Event("change", { bubbles: true }));

  const enhance = (field) => {
    const select = field.querySelector("select[multiple]");
    const label = field.querySelector("label");
    if (!select || !label) return;
    // A page restored from htmx's history holds the previous enhancement: start afresh.
    field.querySelectorAll(".chooser").forEach((node) => node.remove());
    const base = select.id;
    const chipLabel = field.dataset.chipLabel || label.textContent.trim();
    const removeText = field.dataset.removeText || "Remove %(chip)s";

    label.id = `${base}-label`;
    const chips = document.createElement("ul");
    chips.className = "chips";

    const box = document.createElement("div");
    box.className = "combobox";
    const input = document.createElement("input");
    input.type = "text";
    input.id = `${base}-combobox`;
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", `${base}-listbox`);
    const listbox = document.createElement("ul");
    listbox.id = `${base}-listbox`;
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-labelledby", label.id);
    listbox.hidden = true;
    box.append(input, listbox);

    // The label now names the combobox; the select stays in the form, out of reach.
    label.htmlFor = input.id;
    select.hidden = true;
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    const chooser = document.createElement("div");
    chooser.className = "chooser";
    chooser.append(chips, box);
    select.after(chooser);

    let shown = []; // the options in the list, in order
    let active = -1;

    const renderChips = () => {
      chips.replaceChildren(
        ...Array.from(select.selectedOptions).map((option) => {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "chip";
          const name = `${chipLabel}: ${option.text}`;
          // Its name ("Remove Actor: Russia") in words for screen readers only, so that no
          // control but the combobox itself answers to the label "Actor".
          const spoken = document.createElement("span");
          spoken.className = "visually-hidden";
          spoken.textContent = removeText.replace("%(chip)s", name);
          const visible = document.createElement("span");
          visible.className = "chip-text";
          visible.setAttribute("aria-hidden", "true");
          const cross = document.createElement("span");
          cross.className = "chip-remove";
          cross.textContent = "×";
          visible.append(name, " ", cross);
          button.append(spoken, visible);
          button.addEventListener("click", () => {
            option.selected = false;
            renderChips();
            input.focus();
            changed(select);
          });
          item.append(button);
          return item;
        }),
      );
    };

    const setActive = (index) => {
      const items = listbox.querySelectorAll("[role=option]");
      items.forEach((item, i) => {
        item.classList.toggle("active", i === index);
        item.setAttribute("aria-selected", String(i === index));
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };

    const close = () => {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    };

    const open = () => {
      const wanted = fold(input.value.trim());
      shown = Array.from(select.options).filter(
        (option) => !option.selected && option.value && fold(option.text).includes(wanted),
      );
      listbox.replaceChildren(
        ...shown.map((option, i) => {
          const item = document.createElement("li");
          item.id = `${base}-option-${i}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.textContent = option.text;
          // Keep the focus in the input while the pointer chooses.
          item.addEventListener("mousedown", (event) => event.preventDefault());
          item.addEventListener("click", () => choose(i));
          return item;
        }),
      );
      if (shown.length === 0) {
        const none = document.createElement("li");
        none.className = "no-match";
        none.setAttribute("role", "presentation");
        none.textContent = field.dataset.noneText || "No match";
        listbox.append(none);
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive(shown.length && wanted ? 0 : -1);
    };

    const choose = (index) => {
      const option = shown[index];
      if (!option) return;
      option.selected = true;
      input.value = "";
      close();
      renderChips();
      changed(select);
    };

    input.addEventListener("input", open);
    input.addEventListener("click", () => (listbox.hidden ? open() : close()));
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      const expanded = !listbox.hidden;
      if (event.key === "ArrowDown") {
        if (!expanded) open();
        setActive(Math.min(active + 1, shown.length - 1));
      } else if (event.key === "ArrowUp") {
        if (!expanded) open();
        setActive(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        // Enter chooses; it never submits the form from here.
        if (expanded && active >= 0) choose(active);
      } else if (event.key === "Escape") {
        if (expanded) close();
        else if (input.value) input.value = "";
        else return;
      } else if (event.key === "Backspace" && !input.value && select.selectedOptions.length) {
        const last = select.selectedOptions[select.selectedOptions.length - 1];
        last.selected = false;
        renderChips();
        changed(select);
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    });
    // The combobox's own typing is not a filter: it has no name, and its "change" (on
    // leaving it with words typed) must not count as one.
    input.addEventListener("change", (event) => event.stopPropagation());
    select.addEventListener("change", renderChips);
    renderChips();
  };

  // How many filters the folded "Filters" button hides: "Filters (2)".
  const countFolded = (filterForm) => {
    const counter = filterForm.querySelector("[data-filter-count]");
    if (!counter) return;
    let count = 0;
    filterForm.querySelectorAll(".filter-fold select, .filter-fold input").forEach((control) => {
      if (!control.name || control.name === "order") return;
      if (control.multiple) count += control.selectedOptions.length;
      else if (control.type === "checkbox") {
        // "Events with all chosen actors" counts where it narrows: shown, and ticked.
        if (control.checked && !control.closest(".match-idle")) count += 1;
      } else if (control.value.trim()) count += 1;
    });
    counter.textContent = count ? ` (${count})` : "";
  };

  // The form shows what the address says: after Back or Forward htmx puts back an old copy
  // of the page, whose controls hold the choices made on it before leaving, not the view
  // in the address. Each control is set from the address again.
  const showAddress = (filterForm) => {
    const query = new URLSearchParams(window.location.search);
    Array.from(filterForm.elements).forEach((control) => {
      if (!control.name) return;
      const values = query.getAll(control.name);
      if (control.tagName === "SELECT") {
        for (const value of values) {
          if (value && !Array.from(control.options).some((option) => option.value === value)) {
            control.add(new Option(value, value));
          }
        }
        Array.from(control.options).forEach((option) => {
          option.selected = values.includes(option.value);
          // The markup too, as htmx's history keeps the markup.
          option.toggleAttribute("selected", option.selected);
        });
        if (!control.multiple && values.length === 0) control.selectedIndex = 0;
      } else if (control.type === "checkbox") {
        control.checked = values.includes(control.value);
        control.toggleAttribute("checked", control.checked);
      } else if (control.type !== "submit" && control.type !== "button") {
        control.value = values[0] || "";
        control.setAttribute("value", control.value);
      }
    });
  };

  // "Events with all chosen actors" means something once two actors are chosen: until then
  // it is hidden (site.css; the page comes marked so, and without JavaScript it shows).
  const showMatch = (filterForm) => {
    const match = filterForm.querySelector("[data-match-field]");
    const actors = filterForm.querySelector("select[name=actor]");
    if (!match || !actors) return;
    match.classList.toggle("match-idle", actors.selectedOptions.length < 2);
  };

  const setUp = () => {
    const filterForm = form();
    if (!filterForm) return;
    filterForm.querySelectorAll("[data-combobox]").forEach(enhance);
    showMatch(filterForm);
    countFolded(filterForm);
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  document.addEventListener("change", (event) => {
    const filterForm = event.target.closest && event.target.closest("form[role=search]");
    if (!filterForm) return;
    showMatch(filterForm);
    countFolded(filterForm);
  });
  document.addEventListener("htmx:historyRestore", () => {
    const filterForm = form();
    if (!filterForm) return;
    showAddress(filterForm);
    setUp();
  });
})();
