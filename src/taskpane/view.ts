import { CountedRow, Review, RowResult, UnderlyingExposure, Verdict, verdict } from "../core";
import { byId, Child, el, fill } from "./dom";
import { day, dollars, money, percent } from "./format";
import { disciplineOf, incomeOf, renderDiscipline, renderIncome } from "./income-view";
import { RowItem, rowDigits, rowList, showAllList } from "./lists";

/**
 * Renders a Review. Every figure, flag and list comes from the Review object; the view only
 * chooses how to draw it (a ratio for the meter, a width for a bar) and never decides what is
 * over budget, concentrated or left out. The first screen (Excel's task pane is about 350 x 380)
 * is the answer: the verdict with its dollar amount, exposure against budget, then the actions.
 */

/** Rows shown per list before "Show all N". */
export const LIST_PREVIEW = 5;
/** Underlyings drawn before "Show all N". */
export const BAR_PREVIEW = 8;

export type RowSelect = (row: number) => void;

const byRow = (review: Review) => new Map<number, RowResult>(review.rows.map((r) => [r.row, r]));

function positionText(r: RowResult | undefined): string {
  if (!r) return "";
  const name = r.underlying ?? "(no underlying)";
  if (r.status !== "counted") return name;
  const contracts = r.contracts === 1 ? "1 contract" : `${r.contracts} contracts`;
  return `${name} ${dollars(r.strike)} put × ${contracts}`;
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

/** The verdict's headline words without its reason ("Not confirmed"), or the reason when it has no headline. */
function headlineWords(v: Verdict): string {
  if (v.reason === "" || v.text === v.reason) return v.text;
  return v.text.slice(0, v.text.length - v.reason.length).replace(/:\s*$/, "");
}

/**
 * The dollar figure beside the verdict, from the Review's headroom: what the trader asks first.
 * Only "over" and "within" carry one: a review that is not confirmed has no reassuring figure.
 */
export function verdictAmount(review: Review, state: string): string | null {
  const headroom = review.headroomCents;
  if (headroom === null) return null;
  if (state === "over") return `by ${money(-headroom)}`;
  if (state === "within") return `${money(headroom)} of headroom`;
  return null;
}

/**
 * Exposure against the budget as a horizontal meter, filled to exposure / budget with 100% marked.
 * Its colour follows the verdict: green only under "within".
 */
export function gauge(review: Review): HTMLElement {
  const ratio = review.budgetCents && review.budgetCents > 0 ? review.exposureCents / review.budgetCents : null;
  // The meter shows up to 125% so that "a little over" still reads as over.
  const full = 1.25;
  const shown = ratio === null ? 0 : Math.min(Math.max(ratio, 0), full) / full;
  const verdictColour = verdictOf(review).tone;
  const tone = ratio === null ? "unknown" : verdictColour === "ok" ? (ratio > 0.9 ? "warn" : "ok") : verdictColour === "danger" ? "danger" : "unknown";
  const label =
    ratio === null
      ? `Exposure ${money(review.exposureCents)}; no budget until the inputs are set`
      : `Exposure ${money(review.exposureCents)} is ${percent(ratio)} of the ${money(review.budgetCents)} budget`;
  return el("div", { class: `gauge gauge-${tone}`, attrs: { role: "img", "aria-label": label, title: label } }, [
    el("div", { class: "gauge-value", attrs: { style: `width:${(shown * 100).toFixed(2)}%` } }),
    el("div", { class: "gauge-tick", attrs: { style: `left:${((1 / full) * 100).toFixed(2)}%` } }),
  ]);
}

function figure(term: string, value: Child, hint?: string, tone?: string): HTMLElement[] {
  return [el("dt", {}, [term]), el("dd", { class: tone ? `tone-${tone}` : undefined }, [value, hint ? el("span", { class: "hint" }, [hint]) : null])];
}

/** Opens a settings panel and puts the keyboard on its first control: the fix is one press away. */
export function revealPanel(doc: Document, panelId: string): void {
  const panel = byId<HTMLDetailsElement>(panelId, doc);
  panel.open = true;
  panel.scrollIntoView?.({ block: "start" });
  panel.querySelector<HTMLElement>("select, input, button")?.focus();
}

function jumpButton(id: string, text: string, onClick: () => void): HTMLButtonElement {
  return el("button", { class: "button subtle small", id, attrs: { type: "button" }, on: { click: onClick } }, [text]);
}

function messageList(label: string, tone: "warn" | "danger", messages: string[]): HTMLElement | null {
  if (messages.length === 0) return null;
  return el("ul", { class: "messages", attrs: { "aria-label": label } }, messages.map((m) => el("li", { class: `message-${tone}` }, [m])));
}

/** Cash-secured or portfolio-backed in a few words; amber when cash does not cover the exposure. */
function backingLine(review: Review): HTMLElement {
  if (review.backing === "cash-secured") return el("span", {}, ["cash-secured"]);
  if (review.backing === "portfolio-backed") return el("span", { class: "tone-warn" }, [`portfolio-backed, cash short ${money(review.cashShortfallCents)}`]);
  return el("span", {}, ["backing unknown: set Cash"]);
}

export function renderHeadline(section: HTMLElement, review: Review): void {
  const doc = section.ownerDocument;
  const v = verdict(review);
  const tone = verdictTone(v.state);
  section.className = `card verdict-card verdict-card-${tone}`;
  const words = headlineWords(v);
  const reason = words === v.text ? null : v.reason;
  const title = el("h2", { id: "headline-title", class: "sr-only" }, ["Cap check"]);
  if (v.state === "unreadable") {
    fill(section, [
      title,
      el("p", { class: `verdict verdict-${tone}`, id: "verdict", attrs: { "data-long": words.length > 28 } }, [el("span", { class: "verdict-words" }, [words])]),
      messageList("Table problems", "danger", review.reading.problems),
      el("p", { class: "caption" }, ["No figure is shown until the table can be read."]),
      el("div", { class: "row-inline" }, [
        jumpButton("fix-mapping", "Correct the column mapping", () => revealPanel(doc, "mapping-panel")),
        jumpButton("fix-table", "Choose another table", () => revealPanel(doc, "table-panel")),
      ]),
    ]);
    return;
  }
  const amount = verdictAmount(review, v.state);
  const ratio = review.budgetCents && review.budgetCents > 0 ? review.exposureCents / review.budgetCents : null;
  fill(section, [
    title,
    // A long sentence (no budget: "set AccountValue: ...") in a smaller size, so the figures still fit.
    el("p", { class: `verdict verdict-${tone}`, id: "verdict", attrs: { "data-long": words.length > 28 } }, [
      el("span", { class: "verdict-words" }, [words]),
      amount ? " " : null,
      amount ? el("span", { class: "verdict-amount" }, [amount]) : null,
    ]),
    reason ? el("p", { class: "verdict-reason", id: "verdict-reason" }, [reason]) : null,
    el("p", { class: "exposure-line", id: "exposure-line" }, [
      "Exposure ",
      el("strong", {}, [money(review.exposureCents)]),
      ...(review.budgetCents === null ? [" · no budget yet"] : [" of ", el("strong", {}, [money(review.budgetCents)]), " budget"]),
    ]),
    ratio === null ? null : gauge(review),
    el("p", { class: "gauge-caption", id: "gauge-caption" }, [
      ratio === null ? null : el("span", {}, [`${percent(ratio)} of budget`]),
      review.capPct === null ? null : el("span", {}, [`${percent(review.capPct)} cap at VIX ${review.inputs.vix}`]),
      backingLine(review),
    ]),
    // Missing or unusable inputs get their boxes here (the controller fills this form).
    el("form", { id: "inline-inputs", class: "inline-inputs", attrs: { novalidate: true, "aria-label": "Inputs the review needs", hidden: true } }),
    v.state === "unconfirmed" ? jumpButton("show-unread", "Show the rows that could not be read", () => revealList(doc, "list-errors")) : null,
  ]);
}

/** The figures card: the numbers behind the verdict, how many rows counted and how the table was read. */
export function renderFigures(section: HTMLElement, review: Review): void {
  section.hidden = false;
  const v = verdictOf(review);
  const i = review.inputs;
  const backing =
    review.backing === "cash-secured"
      ? "Cash-secured"
      : review.backing === "portfolio-backed"
        ? `Portfolio-backed, short ${money(review.cashShortfallCents)}`
        : "Unknown: set Cash";
  // A positive headroom is reassuring only under a "within" verdict.
  const headroomTone = review.headroomCents === null ? undefined : review.headroomCents < 0 ? "danger" : v.tone === "ok" ? "ok" : undefined;
  const src = review.source;
  fill(section, [
    el("h2", { id: "figures-title" }, ["The numbers"]),
    el("dl", { class: "figures", id: "figures" }, [
      ...figure("Exposure", money(review.exposureCents), review.exposurePctOfAccount === null ? undefined : ` ${percent(review.exposurePctOfAccount)} of account`),
      ...figure("Budget", money(review.budgetCents), review.capPct === null ? undefined : ` ${percent(review.capPct)} cap at VIX ${i.vix}`),
      ...figure("Headroom", money(review.headroomCents), undefined, headroomTone),
      ...figure("Backing", backing, undefined, review.backing === "portfolio-backed" ? "warn" : undefined),
      ...figure("Account", dollars(i.accountValue), i.cash === null ? undefined : ` cash ${dollars(i.cash)}${reserveHint(review)}`),
      ...figure("Rows", `${review.countedRowCount} counted`, ` · ${review.excludedRowCount} left out · ${review.errorRowCount} with errors`, review.errorRowCount > 0 ? "warn" : undefined),
      ...figure("As of", day(review.asOf)),
    ]),
    messageList("Input problems", "warn", review.inputErrors.map((e) => e.message)),
    el("p", { class: "caption source", id: "source" }, [src ? src.found ?? `${src.name ? `${src.name} on ` : ""}${src.sheet}!${src.range}` : "Position table"]),
    readingNotes(review),
  ]);
}

/** Cash left for assignments when the withdrawal reserve sits inside Cash (INCOME.md), as the backing used it. */
function reserveHint(review: Review): string {
  const left = review.income.assignmentCashCents;
  const cash = review.inputs.cash;
  if (left === null || cash === null || Math.round(cash * 100) === left) return "";
  return `, ${money(left)} after the reserve`;
}

/** How the table was read (sign convention, summary rows, history, put log), in small print under where it was found. */
export function readingNotes(review: Review): HTMLElement | null {
  const lines = review.reading.notes;
  if (lines.length === 0) return null;
  return el("ul", { class: "reading-notes", id: "reading-notes", attrs: { "aria-label": "How the table was read" } }, lines.map((l) => el("li", {}, [l])));
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
        el("span", { class: "bar-name" }, [u.underlying, u.overLimit ? el("span", { class: "badge badge-warn" }, ["over limit"]) : null]),
        el("span", { class: "bar-figure" }, [money(u.exposureCents), u.pctOfAccount === null ? null : ` · ${percent(u.pctOfAccount)}`]),
      ]),
      el("div", { class: "bar-track", attrs: { role: "img", "aria-label": label } }, [
        el("div", { class: "bar-fill", attrs: { style: `width:${at(value)}` } }),
        haveShares && limit !== null ? el("div", { class: "bar-limit", attrs: { style: `left:${at(limit)}`, "aria-hidden": "true" } }) : null,
      ]),
    ]);
  };
  const bars = el("ul", { class: "bars", id: "bars" }, list.slice(0, BAR_PREVIEW).map(bar));
  fill(section, [
    el("h2", { id: "underlyings-title" }, ["Per underlying"]),
    haveShares && limit !== null
      ? el("p", { class: "caption" }, [el("span", { class: "limit-key", attrs: { "aria-hidden": "true" } }), ` Concentration limit ${percent(limit)} of the account`])
      : el("p", { class: "caption" }, ["Set AccountValue to see shares of the account and the concentration limit."]),
    bars,
    list.length > BAR_PREVIEW
      ? showAllList(list.length, "underlyings", () => {
          const rest = list.slice(BAR_PREVIEW).map(bar);
          bars.append(...rest);
          // Bars are pictures, not controls: the keyboard lands on the first one added, read by its label.
          const first = rest[0]?.querySelector<HTMLElement>(".bar-track") ?? null;
          first?.setAttribute("tabindex", "-1");
          return first;
        })
      : null,
  ]);
}

// ---------------------------------------------------------------- lists

interface ListSpec {
  id: string;
  title: string;
  empty: string;
  items: RowItem[];
  tone: "danger" | "warn" | "neutral";
  open: boolean;
}

/** Opens a list of rows and puts the keyboard on its first row. */
export function revealList(doc: Document, id: string): void {
  const list = doc.getElementById(id) as HTMLDetailsElement | null;
  if (!list) return;
  list.open = true;
  list.scrollIntoView?.({ block: "start" });
  (list.querySelector<HTMLElement>(".row-link[tabindex='0']") ?? list.querySelector<HTMLElement>("summary"))?.focus();
}

export function renderLists(section: HTMLElement, review: Review, onSelect: RowSelect): void {
  section.hidden = false;
  const rows = byRow(review);
  const counted = (row: number) => rows.get(row) as CountedRow | undefined;

  const over: RowItem[] = review.running
    .filter((e) => e.overBudget)
    .map((e) => {
      const r = counted(e.row);
      return { row: e.row, text: `${positionText(r)} · ${money(r?.assignmentValueCents ?? null)} · running ${money(e.runningTotalCents)}` };
    });

  const concentrated: RowItem[] = review.concentrationRows.map((row) => {
    const r = counted(row);
    const u = review.underlyings.find((x) => x.underlying === r?.underlying);
    return { row, text: `${positionText(r)} · ${r?.underlying ?? ""} ${percent(u?.pctOfAccount ?? null)} of account` };
  });

  const expired: RowItem[] = review.expiredOpenRows.map((row) => {
    const r = counted(row);
    return { row, text: `${positionText(r)} · expired ${day(r?.expiration ?? null)}, still open` };
  });

  const problems: RowItem[] = [];
  const excluded: RowItem[] = [];
  for (const r of review.rows) {
    if (r.status === "excluded") {
      excluded.push({ row: r.row, text: `${r.underlying ?? "(no underlying)"} · ${r.detail}` });
      continue;
    }
    for (const p of r.problems) problems.push({ row: r.row, text: `${p.cell} (${p.column}): ${p.message}${r.status === "counted" ? " · still counted" : ""}` });
  }

  const specs: ListSpec[] = [
    { id: "list-over-budget", title: "Over budget", empty: "No trade broke the budget.", items: over, tone: "danger", open: true },
    { id: "list-concentration", title: "Concentration", empty: "No underlying is over the limit.", items: concentrated, tone: "warn", open: true },
    { id: "list-expired", title: "Expired but still open", empty: "None.", items: expired, tone: "warn", open: expired.length > 0 },
    { id: "list-errors", title: "Errors", empty: "No cell problems.", items: problems, tone: "danger", open: problems.length > 0 },
    { id: "list-left-out", title: "Left out", empty: "Every row counted.", items: excluded, tone: "neutral", open: false },
  ];
  // Every list's row numbers take the width of the table's largest, so 9 and 1204 line up.
  section.setAttribute("style", `--row-digits:${rowDigits(review.rows)}`);
  fill(section, [
    el("h2", { id: "lists-title" }, ["Rows to look at"]),
    el("p", { class: "caption", id: "lists-hint" }, ["Choose a row to select it in the sheet; the arrow keys move within a list."]),
    ...specs.map((s) =>
      el("details", { id: s.id, class: `list list-${s.tone}`, attrs: { open: s.open } }, [
        el("summary", {}, [s.title, " ", el("span", { class: `count count-${s.items.length ? s.tone : "none"}` }, [String(s.items.length)])]),
        s.items.length ? rowList(s.items, LIST_PREVIEW, onSelect, s.title) : el("p", { class: "caption empty" }, [s.empty]),
      ]),
    ),
  ]);
}

// ---------------------------------------------------------------- whole review

/** Which action is the primary one: the fix when there is nothing to save yet, else saving the week. */
function setPrimary(doc: Document, state: string | null): void {
  const save = doc.getElementById("do-save");
  save?.classList.toggle("primary", state !== null && state !== "unreadable" && state !== "no-budget");
}

/** Hides and empties every section below the headline: no figure of an earlier review stays in the page. */
function hideFigures(doc: Document): void {
  for (const id of ["figures-card", "underlyings", "lists", "income", "discipline"]) {
    const section = byId(id, doc);
    section.hidden = true;
    section.replaceChildren();
  }
}

export function renderReview(doc: Document, review: Review, onSelect: RowSelect): void {
  renderHeadline(byId("headline", doc), review);
  const v = verdict(review);
  setPrimary(doc, v.state);
  if (v.state === "unreadable") {
    hideFigures(doc);
    return;
  }
  renderFigures(byId("figures-card", doc), review);
  renderLists(byId("lists", doc), review, onSelect);
  renderUnderlyings(byId("underlyings", doc), review);
  renderIncome(byId("income", doc), incomeOf(review));
  renderDiscipline(byId("discipline", doc), disciplineOf(review));
}

/** What the pane shows when there is no table to review: the reason, and the way to pick one. */
export function renderNoTable(doc: Document, message: string): void {
  const section = byId("headline", doc);
  section.className = "card verdict-card verdict-card-danger";
  fill(section, [
    el("h2", { id: "headline-title", class: "sr-only" }, ["Cap check"]),
    el("p", { class: "verdict verdict-danger", id: "verdict", attrs: { "data-long": true } }, [el("span", { class: "verdict-words" }, ["The position table cannot be read"])]),
    el("p", { class: "verdict-reason", id: "verdict-reason" }, [message]),
    el("div", { class: "row-inline" }, [jumpButton("fix-table", "Choose the position table", () => revealPanel(doc, "table-panel"))]),
  ]);
  setPrimary(doc, null);
  hideFigures(doc);
}
