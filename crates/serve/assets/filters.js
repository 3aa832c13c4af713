// The filter lists: outlets and agencies (checkboxes with matching-article
// counts), transfer statuses (checkboxes) and the parties chosen (chips).

import { el, clear, count } from "./dom.js";

/**
 * Renders `entries` ([name, articles] pairs, most first) as checkboxes;
 * `selected` names stay listed (checked) even when they match nothing now.
 * `onChange(names)` gets the new selection.
 */
export function renderFacet(list, entries, selected, onChange, shown = 12) {
  clear(list);
  const chosen = new Set(selected.map((s) => s.toLowerCase()));
  const rows = entries.slice();
  for (const name of selected) {
    if (!rows.some(([n]) => n.toLowerCase() === name.toLowerCase())) rows.unshift([name, 0]);
  }
  if (!rows.length) {
    list.append(el("li", { class: "muted" }, "none"));
    return;
  }
  const toggle = (name, on) => {
    const rest = selected.filter((s) => s.toLowerCase() !== name.toLowerCase());
    onChange(on ? [...rest, name] : rest);
  };
  rows.forEach(([name, n], i) => {
    const checked = chosen.has(name.toLowerCase());
    const box = el("input", { type: "checkbox", checked, onchange: (e) => toggle(name, e.target.checked) });
    const row = el("li", { class: i >= shown && !checked ? "extra" : null },
      el("label", { class: "check" }, box, el("span", { class: "name" }, name), el("span", { class: "n" }, count(n))));
    list.append(row);
  });
  if (rows.length > shown) {
    const more = el("button", { type: "button", class: "link more" }, `Show all ${count(rows.length)}`);
    more.addEventListener("click", () => {
      list.classList.toggle("expanded");
      more.textContent = list.classList.contains("expanded") ? "Show fewer" : `Show all ${count(rows.length)}`;
    });
    list.append(el("li", {}, more));
  }
}

/** Checkboxes for fixed `names` (no counts); `onChange(names)` gets the
 * new selection. */
export function renderChecks(list, names, selected, onChange) {
  clear(list);
  const chosen = new Set(selected.map((s) => s.toLowerCase()));
  for (const name of names) {
    const box = el("input", {
      type: "checkbox", checked: chosen.has(name), value: name,
      onchange: (e) => {
        const rest = selected.filter((s) => s.toLowerCase() !== name);
        onChange(e.target.checked ? [...rest, name] : rest);
      },
    });
    list.append(el("li", {}, el("label", { class: "check" }, box, el("span", { class: "name" }, name))));
  }
}

/** The values of the `keys` filters of `state` as removable chips
 * ("supplier: North Korea ×"); `onChange(changes)` gets the state change. */
export function renderChips(list, state, keys, onChange) {
  clear(list);
  for (const key of keys) {
    for (const value of state[key]) {
      const rest = state[key].filter((v) => v !== value);
      list.append(el("li", {}, el("button", {
        type: "button", class: "chip", "aria-label": `Remove filter ${key} ${value}`,
        onclick: () => onChange({ [key]: rest }),
      }, `${key}: ${value}`, el("span", { "aria-hidden": "true" }, " ×"))));
    }
  }
  if (!list.children.length) {
    list.append(el("li", { class: "muted" }, "Choose a pair in the who-arms-whom table."));
  }
}
