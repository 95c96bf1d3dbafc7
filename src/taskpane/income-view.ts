import { DisciplineFigures, FLAG_TITLES, IncomeFigures, Review } from "../core";
import { Child, el, fill, svg } from "./dom";
import { money, percent } from "./format";
import { shortList } from "./lists";

/**
 * The Income and Discipline sections (INCOME.md), drawn from the review's income half only:
 * every figure, flag and message comes from the core (src/core/income.ts, discipline.ts); the
 * view picks scales and words for headings. Nothing here is green: these sections report, and
 * only the cap verdict's "within" may reassure.
 */

/** The income figures, when the workbook uses them (income data or an income name is set). */
export function incomeOf(review: Review): IncomeFigures | null {
  return review.income.inUse ? review.income : null;
}

/** What the Discipline section draws: the figures, and how many Review Log rows they came from. */
export interface DisciplineSection {
  discipline: DisciplineFigures;
  logRows: number;
}

/** The discipline figures: the Review Log's story, shown whether or not income is tracked. */
export function disciplineOf(review: Review): DisciplineSection {
  return { discipline: review.discipline, logRows: review.income.sources.logRows };
}

/** Messages and flags shown before "Show all N". */
const PREVIEW = 5;
const MONTH_INITIALS = "JFMAMJJASOND";
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2025-11" -> "Nov 2025". */
const monthName = (label: string) => `${MONTH_NAMES[Number(label.slice(5, 7)) - 1] ?? label.slice(5, 7)} ${label.slice(0, 4)}`;
const monthInitial = (label: string) => MONTH_INITIALS[Number(label.slice(5, 7)) - 1] ?? "?";
const months = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;

// ---------------------------------------------------------------- the monthly chart

const W = 320;
const H = 132;
const TOP = 8;
const BOTTOM = 18;

/**
 * Twelve monthly bars with the income target (dashed) and the sustainable withdrawal (solid) as
 * lines across; a losing month hangs below the zero line in red.
 */
export function incomeChart(f: IncomeFigures): SVGSVGElement {
  const targetCents = f.incomeTargetCents;
  const values = f.months.map((m) => m.cents);
  const lines = [targetCents, f.ceilingCents].filter((v): v is number => v !== null);
  const high = Math.max(1, ...values, ...lines) * 1.08;
  const low = Math.min(0, ...values) * 1.08;
  const plot = H - TOP - BOTTOM;
  const y = (v: number) => TOP + ((high - v) / (high - low)) * plot;
  const slot = W / Math.max(1, f.months.length);
  const barWidth = slot * 0.64;
  const label = [
    `Income by month, ${f.months.length ? `${monthName(f.months[0].month)} to ${monthName(f.months[f.months.length - 1].month)}` : "no months"}`,
    targetCents === null ? null : `target ${money(targetCents)} a month`,
    f.ceilingCents === null ? null : `sustainable withdrawal ${money(f.ceilingCents)} a month`,
  ]
    .filter(Boolean)
    .join("; ");
  const children: Child[] = [svg("title", {}, [label])];
  f.months.forEach((m, i) => {
    const x = i * slot + (slot - barWidth) / 2;
    const top = y(Math.max(m.cents, 0));
    const height = Math.max(Math.abs(y(m.cents) - y(0)), m.cents === 0 ? 0 : 1);
    children.push(
      svg("rect", { x: x.toFixed(1), y: top.toFixed(1), width: barWidth.toFixed(1), height: height.toFixed(1), class: m.cents < 0 ? "month-bar month-loss" : "month-bar" }, [
        svg("title", {}, [`${monthName(m.month)}: ${money(m.cents)}`]),
      ]),
      svg("text", { x: (i * slot + slot / 2).toFixed(1), y: H - 4, class: "month-label", "text-anchor": "middle" }, [monthInitial(m.month)]),
    );
  });
  children.push(svg("line", { x1: 0, x2: W, y1: y(0).toFixed(1), y2: y(0).toFixed(1), class: "chart-zero" }));
  if (targetCents !== null) children.push(svg("line", { x1: 0, x2: W, y1: y(targetCents).toFixed(1), y2: y(targetCents).toFixed(1), class: "chart-target" }));
  if (f.ceilingCents !== null) children.push(svg("line", { x1: 0, x2: W, y1: y(f.ceilingCents).toFixed(1), y2: y(f.ceilingCents).toFixed(1), class: "chart-ceiling" }));
  return svg("svg", { class: "income-chart", id: "income-chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, preserveAspectRatio: "none" }, children);
}

// ---------------------------------------------------------------- small pieces

/** A labelled horizontal bar on a given scale, with an optional mark (a target) drawn across it. */
function meterBar(label: string, figure: string, fraction: number, tone: string, mark?: number): HTMLElement {
  const at = (x: number) => `${(Math.min(1, Math.max(0, x)) * 100).toFixed(2)}%`;
  return el("div", { class: "meter-row" }, [
    el("div", { class: "bar-label" }, [el("span", {}, [label]), el("span", { class: "bar-figure" }, [figure])]),
    el("div", { class: `bar-track meter-${tone}`, attrs: { role: "img", "aria-label": `${label}: ${figure}` } }, [
      el("div", { class: "bar-fill", attrs: { style: `width:${at(fraction)}` } }),
      mark === undefined ? null : el("div", { class: "bar-limit meter-mark", attrs: { style: `left:${at(mark)}`, "aria-hidden": "true" } }),
    ]),
  ]);
}

function line(term: string, value: Child, tone?: string, id?: string): HTMLElement {
  return el("p", { class: `income-line${tone ? ` tone-${tone}` : ""}`, id }, [term ? el("span", { class: "income-term" }, [term]) : null, term ? " " : null, value]);
}

function notesList(id: string, notes: readonly string[]): HTMLElement | null {
  if (notes.length === 0) return null;
  return el("details", { class: "notes", id }, [
    el("summary", {}, [`Notes (${notes.length})`]),
    el("ul", { class: "reading-notes" }, notes.map((n) => el("li", {}, [n]))),
  ]);
}

/** The twelve months as a table: the chart's figures for anyone who cannot see the bars. */
function monthsTable(f: IncomeFigures): HTMLElement {
  return el("details", { class: "notes", id: "income-months" }, [
    el("summary", {}, ["The 12 months"]),
    el("table", { class: "months-table" }, [
      el("tbody", {}, [
        ...f.months.map((m) => el("tr", {}, [el("th", { attrs: { scope: "row" } }, [monthName(m.month)]), el("td", { class: m.cents < 0 ? "tone-danger" : undefined }, [money(m.cents)])])),
        el("tr", {}, [el("th", { attrs: { scope: "row" } }, ["This month so far"]), el("td", {}, [money(f.monthToDateCents)])]),
      ]),
    ]),
  ]);
}

// ---------------------------------------------------------------- Income

export function renderIncome(section: HTMLElement, f: IncomeFigures | null): void {
  section.hidden = f === null;
  if (!f) return;
  const target = f.incomeTargetCents;
  const ceiling = f.ceilingCents;
  const withdrawal = f.withdrawalCents;

  // Planned beside sustainable, on one scale.
  const scale = Math.max(1, withdrawal ?? 0, ceiling ?? 0) * 1.1;
  const over = f.overCeilingCents !== null && f.overCeilingCents > 0;
  const withdrawalBlock: Child[] = [
    el("h3", {}, ["Withdrawal"]),
    withdrawal === null ? line("Planned", "—: set Withdrawal") : meterBar("Planned", `${money(withdrawal)} a month`, withdrawal / scale, over ? "danger" : "neutral"),
    ceiling === null ? line("Sustainable", "—: set CSP_PayoutRatio") : meterBar("Sustainable", `${money(ceiling)} a month`, ceiling / scale, "ceiling"),
    over
      ? line("Over by", `${money(f.overCeilingCents)} a month: lower Withdrawal to ${money(ceiling)}`, "danger", "withdrawal-over")
      : withdrawal !== null && ceiling !== null
        ? line("", "The planned withdrawal is within the sustainable amount.", undefined, "withdrawal-over")
        : null,
    f.capitalTest === "kept"
      ? null
      : line(
          "Capital",
          f.capitalTest === "not kept"
            ? "not kept over the last 12 months: the sustainable withdrawal is $0"
            : "unknown: no Review Log row from about a year ago to compare with",
          f.capitalTest === "not kept" ? "danger" : undefined,
        ),
    f.incomeReplaced.withdrawal === null && f.incomeReplaced.sustainable === null
      ? null
      : line(
          "Of the target",
          [
            f.incomeReplaced.withdrawal === null ? null : `the withdrawal replaces ${percent(f.incomeReplaced.withdrawal)}`,
            f.incomeReplaced.sustainable === null ? null : `the system can sustain ${percent(f.incomeReplaced.sustainable)}`,
          ]
            .filter(Boolean)
            .join("; "),
          undefined,
          "income-replaced",
        ),
    line("Withdrawn, last 12 months", money(f.withdrawnT12Cents), f.withdrawnOverCeiling ? "danger" : undefined, "withdrawn-t12"),
    f.unplannedWithdrawals.length
      ? shortList(
          el("ul", { class: "messages", attrs: { "aria-label": "Unplanned withdrawals" } }),
          f.unplannedWithdrawals.map((u) => el("li", { class: "message-warn" }, [`Unplanned: ${money(u.cents)}, CashFlows row ${u.row}`])),
          PREVIEW,
          "unplanned withdrawals",
        )
      : null,
  ];

  const targetMonths = f.reserveTargetMonths;
  const runway = f.reserveMonths;
  const reserveScale = Math.max(1, runway ?? 0, targetMonths ?? 0) * 1.1;
  const reserveBlock: Child[] = [
    el("h3", {}, ["Reserve"]),
    runway === null
      ? line("Runway", "no withdrawal planned, so no runway to measure")
      : meterBar(
          "Runway",
          targetMonths === null ? months(runway) : `${months(runway)} of ${targetMonths}`,
          runway / reserveScale,
          f.reserveShort ? "warn" : "neutral",
          targetMonths === null ? undefined : targetMonths / reserveScale,
        ),
    f.reserveShort && f.reserveShortfallCents !== null ? line("Short by", money(f.reserveShortfallCents), "warn", "reserve-short") : null,
    f.assignmentCashCents === null ? null : line("Cash for assignments", `${money(f.assignmentCashCents)} (cash less the reserve)`),
  ];

  fill(section, [
    el("h2", { id: "income-title" }, ["Income"]),
    el("p", { class: "income-headline", id: "income-headline" }, [
      el("strong", {}, [money(f.averageMonthCents)]),
      " average month · ",
      el("strong", {}, [money(f.t12Cents)]),
      " last 12 months",
    ]),
    line(
      "Coverage",
      f.coverage === null || target === null ? "set IncomeTarget to compare income with the paycheck it replaces" : `${percent(f.coverage)} of the ${money(target)} target`,
      f.coverage !== null && f.coverage < 1 ? "warn" : undefined,
      "income-coverage",
    ),
    // Income inputs the review could not use (IncomeTarget not set, a Withdrawal that is not a number) get their boxes here.
    el("form", { id: "income-inputs", class: "inline-inputs", attrs: { novalidate: true, "aria-label": "Income inputs the review needs", hidden: true } }),
    incomeChart(f),
    el("p", { class: "chart-key caption" }, [
      target === null ? null : el("span", { class: "key key-target" }, [`Target ${money(target)}`]),
      ceiling === null ? null : el("span", { class: "key key-ceiling" }, [`Sustainable ${money(ceiling)}`]),
      el("span", {}, [`This month so far ${money(f.monthToDateCents)}`]),
    ]),
    f.predictable
      ? line("Income is", "predictable: 12 months of history, no losing month, no month under half the average", undefined, "income-predictable")
      : line("Income is fragile:", f.fragileReasons.join("; "), "warn", "income-predictable"),
    monthsTable(f),
    ...withdrawalBlock,
    ...reserveBlock,
    f.problems.length
      ? shortList(
          el("ul", { class: "messages", id: "income-problems", attrs: { "aria-label": "Income that could not be read" } }),
          f.problems.map((p) => el("li", { class: "message-danger" }, [[p.cell, p.column ? `(${p.column})` : null].filter(Boolean).join(" ") + (p.cell || p.column ? ": " : "") + p.message])),
          PREVIEW,
          "income problems",
        )
      : null,
    notesList("income-notes", f.notes),
  ]);
}

// ---------------------------------------------------------------- Discipline

const DANGER_FLAGS: ReadonlySet<string> = new Set(["risk-after-loss", "limits-raised-after-loss", "withdrawal-over-ceiling"]);

export function renderDiscipline(section: HTMLElement, data: DisciplineSection | null): void {
  section.hidden = data === null;
  if (!data) return;
  const d = data.discipline;
  const weeks = (n: number) => `${n} ${n === 1 ? "week" : "weeks"}`;
  fill(section, [
    el("h2", { id: "discipline-title" }, ["Discipline"]),
    el("p", { class: "streak", id: "streak" }, [
      el("span", { class: "streak-figure" }, [String(d.streakWeeks)]),
      el("span", {}, [`${d.streakWeeks === 1 ? "week" : "weeks"} in a row with a review, this week's included. Save the weekly review to keep it.`]),
    ]),
    data.logRows === 0
      ? line("", "No Review Log yet: Save weekly review starts it, and the streak, missed weeks and flags follow from it.", undefined, "missed-weeks")
      : d.missedWeeks.length
        ? line(`Missed ${weeks(d.missedWeeks.length)}:`, d.missedWeeks.join(", "), "warn", "missed-weeks")
        : line("", "No week missed in the last 12.", undefined, "missed-weeks"),
    d.overBudgetWeeks.length ? line("Over budget in", d.overBudgetWeeks.join(", "), "danger", "over-budget-weeks") : null,
    d.flags.length
      ? shortList(
          el("ul", { class: "flags", id: "flags", attrs: { "aria-label": "Discipline flags" } }),
          d.flags.map((f) =>
            el("li", { class: `flag flag-${DANGER_FLAGS.has(f.kind) ? "danger" : "warn"}`, attrs: { "data-kind": f.kind } }, [
              el("strong", { class: "flag-title" }, [FLAG_TITLES[f.kind] ?? f.kind]),
              el("span", { class: "flag-message" }, [f.message]),
            ]),
          ),
          PREVIEW,
          "discipline flags",
        )
      : el("p", { class: "caption", id: "flags" }, ["No discipline flag: the same process and the same risk as the weeks before."]),
    notesList("discipline-notes", d.notes),
  ]);
}
