import { el } from "./dom";

/**
 * Lists of sheet rows that stay short: the first few rows, then "Show all N", and one tab stop
 * per list whatever its length (the arrow keys move within it), so a 2,000-row workbook is not
 * a page of hundreds of buttons to tab through.
 */

export interface RowItem {
  row: number;
  text: string;
}

/** Digits of the largest sheet row, so every list's numbers share one width (at least two). */
export function rowDigits(rows: readonly { row: number }[]): number {
  let max = 0;
  for (const r of rows) if (r.row > max) max = r.row;
  return Math.max(2, String(max).length);
}

function rowButton(item: RowItem, onSelect: (row: number) => void): HTMLLIElement {
  return el("li", {}, [
    el("button", { class: "row-link", attrs: { type: "button", tabindex: -1, "data-row": item.row, "aria-label": `Row ${item.row}: ${item.text}` }, on: { click: () => onSelect(item.row) } }, [
      el("span", { class: "row-number", attrs: { "aria-hidden": "true" } }, [String(item.row)]),
      el("span", { class: "row-text" }, [item.text]),
    ]),
  ]);
}

const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowDown: (at, last) => Math.min(at + 1, last),
  ArrowUp: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_at, last) => last,
  PageDown: (at, last) => Math.min(at + 10, last),
  PageUp: (at) => Math.max(at - 10, 0),
};

/** One tab stop for the whole list: the row last focused keeps tabindex 0, the arrow keys move. */
function rove(list: HTMLElement): void {
  const buttons = () => [...list.querySelectorAll<HTMLButtonElement>(".row-link")];
  const first = list.querySelector<HTMLButtonElement>(".row-link");
  if (first) first.tabIndex = 0;
  list.addEventListener("focusin", (event) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains("row-link")) return;
    for (const b of buttons()) b.tabIndex = b === target ? 0 : -1;
  });
  list.addEventListener("keydown", (event) => {
    const move = MOVES[event.key];
    const all = buttons();
    const at = all.indexOf(event.target as HTMLButtonElement);
    if (!move || at < 0) return;
    event.preventDefault();
    all[move(at, all.length - 1)].focus();
  });
}

/** A "Show all N" button; `more` adds the rest and gives back what the keyboard goes to next. */
export function showAllList(total: number, what: string, more: (button: HTMLButtonElement) => HTMLElement | null): HTMLButtonElement {
  const button: HTMLButtonElement = el(
    "button",
    {
      class: "button subtle small show-all",
      attrs: { type: "button", "aria-label": `Show all ${total} ${what}` },
      on: {
        click: () => {
          const next = more(button);
          button.remove();
          next?.focus();
        },
      },
    },
    [`Show all ${total}`],
  );
  return button;
}

/**
 * A list of row buttons: the first `preview` rows, and the rest behind "Show all N" in a
 * scrolling box, so the page keeps its height however long the list is.
 */
export function rowList(items: readonly RowItem[], preview: number, onSelect: (row: number) => void, label: string): HTMLElement {
  const list = el("ul", { class: "rows", attrs: { "aria-label": `${label}: ${items.length} ${items.length === 1 ? "row" : "rows"}`, "aria-describedby": "lists-hint" } }, items.slice(0, preview).map((i) => rowButton(i, onSelect)));
  rove(list);
  if (items.length <= preview) return list;
  return el("div", { class: "rows-wrap" }, [
    list,
    showAllList(items.length, `${label.toLowerCase()} rows`, () => {
      const rest = items.slice(preview).map((i) => rowButton(i, onSelect));
      list.append(...rest);
      list.classList.add("rows-all");
      return rest[0]?.querySelector<HTMLElement>(".row-link") ?? null;
    }),
  ]);
}

/** A list of messages (not rows to select): the first `preview`, the rest behind "Show all N". */
export function shortList(list: HTMLElement, items: readonly HTMLElement[], preview: number, what: string): HTMLElement {
  list.append(...items.slice(0, preview));
  if (items.length <= preview) return list;
  return el("div", {}, [
    list,
    showAllList(items.length, what, () => {
      const rest = items.slice(preview);
      list.append(...rest);
      rest[0]?.setAttribute("tabindex", "-1");
      return rest[0] ?? null;
    }),
  ]);
}
