import { CountedRow, Review, RowResult, UnderlyingExposure, verdict } from "../core";
import { byId, Child, el, fill, svg } from "./dom";
import { day, dollars, money, percent } from "./format";

/**
 * Renders a Review. Every figure, flag and list comes from the Review object; the view only
 * chooses how to draw it (a ratio for the gauge's arc, a width for a bar) and never decides
 * what is over budget, concentrated or left out.
 */

/** At most this many rows per list; a long table's "left out" list would bury the rest. */
export const LIST_LIMIT = 200;

export type RowSelect = (row: number) => void;

const byRow = (review: Review) => new Map<number, RowResult>(review.rows.map((r) => [r.row, r]));

function positionText(r: RowResult | undefined): string {
  if (!r) return "";
  const name = r.underlying ?? "(no underlying)";
  if (r.status !== "counted") return name;
  const contracts = r.contracts === 1 ? "1 contract" : `${r.contracts} contracts`;
  return `${name} ${dollars(r.strike)} put × ${contracts}`;
}

function rowButton(row: number, text: Child[], onSelect: RowSelect, detail?: string): HTMLLIElement {
  return el("li", {}, [
    el("button", { class: "row-link", attrs: { type: "button", "data-row": row, "aria-label": `Row ${row}: ${detail ?? ""}`.trim() }, on: { click: () => onSelect(row) } }, [
      el("span", { class: "row-number" }, [`Row ${row}`]),
      el("span", { class: "row-text" }, text),
    ]),
  ]);
}

// ---------------------------------------------------------------- headline

export interface HeadlineVerdict {
  tone: "ok" | "danger" | "unknown";
  text: string;
}

/**
 * The colour of a verdict state. Green is for "within" alone: bad news is never green, and a state
 * the core adds later is not green until someone decides it is.
 */
export function verdictTone(state: string): HeadlineVerdict["tone"] {
  if (state === "within") return "ok";
  if (state === "over" || state === "unreadable") return "danger";
  return "unknown";
}

/** The sentence at the top, from the core's verdict: the pane and the command line say the same. */
export function verdictOf(review: Review): HeadlineVerdict & { state: string } {
  const v = verdict(review);
  return { tone: verdictTone(v.state), text: v.text, state: v.state };
}

/** The table could not be read at all: its own state, never "0 counted" with a budget beside it. */
export function cannotBeRead(review: Review): boolean {
  return verdict(review).state === "unreadable";
}

/** The exposure-vs-budget gauge: a half ring filled to exposure / budget, 100% marked. */
export function gauge(review: Review): SVGSVGElement {
  const ratio = review.budgetCents && review.budgetCents > 0 ? review.exposureCents / review.budgetCents : null;
  // The ring shows up to 125% so that "a little over" still reads as over.
  const full = 1.25;
  const shown = ratio === null ? 0 : Math.min(Math.max(ratio, 0), full) / full;
  // Green only when the verdict is "within": rows that could not be read may add to the ring.
  const verdictColour = verdictOf(review).tone;
  const tone = ratio === null ? "unknown" : verdictColour === "ok" ? (ratio > 0.9 ? "warn" : "ok") : verdictColour === "danger" ? "danger" : "unknown";
  const label =
    ratio === null
      ? `Exposure ${money(review.exposureCents)}; no budget until the inputs are set`
      : `Exposure ${money(review.exposureCents)} is ${percent(ratio)} of the ${money(review.budgetCents)} budget`;
  const arc = "M 20 100 A 80 80 0 0 1 180 100";
  // Where 100% of the budget sits on the ring, as a tick.
  const angle = Math.PI * (1 - 1 / full);
  const tick = { x1: 100 + 68 * Math.cos(angle), y1: 100 - 68 * Math.sin(angle), x2: 100 + 94 * Math.cos(angle), y2: 100 - 94 * Math.sin(angle) };
  return svg("svg", { class: `gauge gauge-${tone}`, viewBox: "0 0 200 118", role: "img", "aria-label": label }, [
    svg("title", {}, [label]),
    svg("path", { d: arc, class: "gauge-track", pathLength: 100 }),
    svg("path", { d: arc, class: "gauge-value", pathLength: 100, "stroke-dasharray": `${(shown * 100).toFixed(2)} 100` }),
    svg("line", { ...tick, class: "gauge-tick" }),
    svg("text", { x: 100, y: 84, class: "gauge-figure", "text-anchor": "middle" }, [ratio === null ? "—" : percent(ratio)]),
    svg("text", { x: 100, y: 104, class: "gauge-caption", "text-anchor": "middle" }, ["of budget used"]),
  ]);
}

function figure(term: string, value: Child, hint?: string, tone?: string): HTMLElement[] {
  return [el("dt", {}, [term]), el("dd", { class: tone ? `tone-${tone}` : undefined }, [value, hint ? el("span", { class: "hint" }, [hint]) : null])];
}

export function renderHeadline(section: HTMLElement, review: Review): void {
  const v = verdictOf(review);
  if (cannotBeRead(review)) {
    fill(section, [
      el("h2", { id: "headline-title" }, ["Cap check"]),
      el("p", { class: "verdict verdict-danger", id: "verdict" }, [v.text]),
      el("ul", { class: "messages", attrs: { "aria-label": "Table problems" } }, review.reading.problems.map((m) => el("li", { class: "message-danger" }, [m]))),
      el("p", { class: "caption" }, ["No figure is shown until the table can be read: correct the column mapping or pick another table below."]),
    ]);
    return;
  }
  const i = review.inputs;
  const backing =
    review.backing === "cash-secured"
      ? "Cash-secured"
      : review.backing === "portfolio-backed"
        ? `Portfolio-backed, short ${money(review.cashShortfallCents)}`
        : "Unknown: set Cash";
  // A positive headroom is reassuring only under a "within" verdict.
  const headroomTone = review.headroomCents === null ? undefined : review.headroomCents < 0 ? "danger" : v.tone === "ok" ? "ok" : undefined;
  fill(section, [
    el("h2", { id: "headline-title" }, ["Cap check"]),
    el("p", { class: `verdict verdict-${v.tone}`, id: "verdict" }, [v.text]),
    gauge(review),
    el("dl", { class: "figures", id: "figures" }, [
      ...figure("Exposure", money(review.exposureCents), review.exposurePctOfAccount === null ? undefined : ` ${percent(review.exposurePctOfAccount)} of account`),
      ...figure("Budget", money(review.budgetCents), review.capPct === null ? undefined : ` ${percent(review.capPct)} cap at VIX ${i.vix}`),
      ...figure("Headroom", money(review.headroomCents), undefined, headroomTone),
      ...figure("Backing", backing, undefined, review.backing === "portfolio-backed" ? "warn" : undefined),
      ...figure("Account", dollars(i.accountValue), i.cash === null ? undefined : ` cash ${dollars(i.cash)}`),
    ]),
    review.inputErrors.length
      ? el(
          "ul",
          { class: "messages", attrs: { "aria-label": "Input problems" } },
          review.inputErrors.map((e) => el("li", { class: "message-warn" }, [e.message])),
        )
      : null,
    review.reading.problems.length
      ? el(
          "ul",
          { class: "messages", attrs: { "aria-label": "Table problems" } },
          review.reading.problems.map((m) => el("li", { class: "message-danger" }, [m])),
        )
      : null,
    el("p", { class: "caption" }, [
      `${review.countedRowCount} open short puts counted, ${review.excludedRowCount} left out, ${review.errorRowCount} with errors · as of ${day(review.asOf)}`,
    ]),
  ]);
}

// ---------------------------------------------------------------- per underlying

/** Bars of exposure per underlying as a share of the account, the concentration limit drawn as a line. */
export function renderUnderlyings(section: HTMLElement, review: Review): void {
  const list = review.underlyings;
  section.hidden = list.length === 0;
  const limit = review.inputs.concentrationLimit;
  const shares = list.map((u) => u.pctOfAccount);
  const haveShares = shares.every((s) => s !== null);
  // The scale: the largest share or the limit, whichever is larger, with a little room.
  const scale = haveShares ? Math.max(...(shares as number[]), limit ?? 0) * 1.1 || 1 : Math.max(...list.map((u) => u.exposureCents), 1) * 1.1;
  const at = (x: number) => `${Math.min(100, (x / scale) * 100).toFixed(2)}%`;
  const bar = (u: UnderlyingExposure) => {
    const value = haveShares ? (u.pctOfAccount as number) : u.exposureCents;
    const label = `${u.underlying}: ${money(u.exposureCents)}${u.pctOfAccount === null ? "" : `, ${percent(u.pctOfAccount)} of account`}${u.overLimit ? ", over the concentration limit" : ""}`;
    return el("li", { class: `bar-row${u.overLimit ? " over" : ""}` }, [
      el("div", { class: "bar-label" }, [
        el("span", { class: "bar-name" }, [u.underlying]),
        el("span", { class: "bar-figure" }, [money(u.exposureCents), u.pctOfAccount === null ? null : ` · ${percent(u.pctOfAccount)}`]),
      ]),
      el("div", { class: "bar-track", attrs: { role: "img", "aria-label": label } }, [
        el("div", { class: "bar-fill", attrs: { style: `width:${at(value)}` } }),
        haveShares && limit !== null ? el("div", { class: "bar-limit", attrs: { style: `left:${at(limit)}`, "aria-hidden": "true" } }) : null,
      ]),
      u.overLimit ? el("span", { class: "badge badge-warn" }, ["over limit"]) : null,
    ]);
  };
  fill(section, [
    el("h2", { id: "underlyings-title" }, ["Per underlying"]),
    haveShares && limit !== null
      ? el("p", { class: "caption" }, [el("span", { class: "limit-key", attrs: { "aria-hidden": "true" } }), ` Concentration limit ${percent(limit)} of the account`])
      : el("p", { class: "caption" }, ["Set AccountValue to see shares of the account and the concentration limit."]),
    el("ul", { class: "bars", id: "bars" }, list.map(bar)),
  ]);
}

// ---------------------------------------------------------------- lists

interface ListSpec {
  id: string;
  title: string;
  empty: string;
  items: HTMLLIElement[];
  tone: "danger" | "warn" | "neutral";
  open: boolean;
}

function limited(items: HTMLLIElement[], total: number): HTMLLIElement[] {
  if (total <= LIST_LIMIT) return items;
  return [...items.slice(0, LIST_LIMIT), el("li", { class: "caption" }, [`and ${total - LIST_LIMIT} more`])];
}

export function renderLists(section: HTMLElement, review: Review, onSelect: RowSelect): void {
  section.hidden = false;
  const rows = byRow(review);
  const counted = (row: number) => rows.get(row) as CountedRow | undefined;

  const over = review.running.filter((e) => e.overBudget);
  const overItems = over.slice(0, LIST_LIMIT).map((e) => {
    const r = counted(e.row);
    const text = `${positionText(r)} · ${money(r?.assignmentValueCents ?? null)} · running ${money(e.runningTotalCents)}`;
    return rowButton(e.row, [text], onSelect, text);
  });

  const concentrated = review.concentrationRows.slice(0, LIST_LIMIT).map((row) => {
    const r = counted(row);
    const u = review.underlyings.find((x) => x.underlying === r?.underlying);
    const text = `${positionText(r)} · ${r?.underlying ?? ""} ${percent(u?.pctOfAccount ?? null)} of account`;
    return rowButton(row, [text], onSelect, text);
  });

  const expired = review.expiredOpenRows.slice(0, LIST_LIMIT).map((row) => {
    const r = counted(row);
    const text = `${positionText(r)} · expired ${day(r?.expiration ?? null)}, still open`;
    return rowButton(row, [text], onSelect, text);
  });

  const problems: HTMLLIElement[] = [];
  let problemCount = 0;
  for (const r of review.rows) {
    if (r.status === "excluded") continue;
    for (const p of r.problems) {
      problemCount++;
      if (problems.length >= LIST_LIMIT) continue;
      const text = `${p.cell} (${p.column}): ${p.message}${r.status === "counted" ? " · still counted" : ""}`;
      problems.push(rowButton(r.row, [text], onSelect, text));
    }
  }

  const excluded = review.rows.filter((r) => r.status === "excluded");
  const leftOut = excluded.slice(0, LIST_LIMIT).map((r) => {
    const text = `${r.underlying ?? "(no underlying)"} · ${r.status === "excluded" ? r.detail : ""}`;
    return rowButton(r.row, [text], onSelect, text);
  });

  const specs: ListSpec[] = [
    { id: "list-over-budget", title: "Over budget", empty: "No trade broke the budget.", items: limited(overItems, over.length), tone: "danger", open: true },
    { id: "list-concentration", title: "Concentration", empty: "No underlying is over the limit.", items: limited(concentrated, review.concentrationRows.length), tone: "warn", open: true },
    { id: "list-expired", title: "Expired but still open", empty: "None.", items: limited(expired, review.expiredOpenRows.length), tone: "warn", open: true },
    { id: "list-errors", title: "Errors", empty: "No cell problems.", items: limited(problems, problemCount), tone: "danger", open: problemCount > 0 },
    { id: "list-left-out", title: "Left out", empty: "Every row counted.", items: limited(leftOut, excluded.length), tone: "neutral", open: false },
  ];
  const counts: Record<string, number> = {
    "list-over-budget": over.length,
    "list-concentration": review.concentrationRows.length,
    "list-expired": review.expiredOpenRows.length,
    "list-errors": problemCount,
    "list-left-out": excluded.length,
  };
  fill(section, [
    el("h2", { id: "lists-title" }, ["Rows to look at"]),
    el("p", { class: "caption" }, ["Choose a row to select it in the sheet."]),
    ...specs.map((s) =>
      el("details", { id: s.id, class: `list list-${s.tone}`, attrs: { open: s.open } }, [
        el("summary", {}, [s.title, " ", el("span", { class: `count count-${counts[s.id] ? s.tone : "none"}` }, [String(counts[s.id])])]),
        s.items.length ? el("ul", { class: "rows" }, s.items) : el("p", { class: "caption empty" }, [s.empty]),
      ]),
    ),
  ]);
}

// ---------------------------------------------------------------- whole review

export function renderReview(doc: Document, review: Review, onSelect: RowSelect): void {
  renderHeadline(byId("headline", doc), review);
  if (cannotBeRead(review)) {
    byId("underlyings", doc).hidden = true;
    byId("lists", doc).hidden = true;
  } else {
    renderUnderlyings(byId("underlyings", doc), review);
    renderLists(byId("lists", doc), review, onSelect);
  }
  const src = review.source;
  byId("source", doc).textContent = src ? `${src.name ? `${src.name} on ` : ""}${src.sheet}!${src.range}` : "Position table";
}

/** What the pane shows when there is no table to review: the reason, and the pickers below. */
export function renderNoTable(doc: Document, message: string): void {
  fill(byId("headline", doc), [el("h2", { id: "headline-title" }, ["Cap check"]), el("p", { class: "verdict verdict-danger", id: "verdict" }, [message])]);
  byId("underlyings", doc).hidden = true;
  byId("lists", doc).hidden = true;
}
