import { Cell, Review } from "./types";
import { toDollars } from "./rules";
import { isoFromSerial } from "./cells";
import { normalizeHeader } from "./columns";
import { FLAG_TITLES } from "./discipline";
import { INCOME_LOG_FORMATS, INCOME_LOG_HEADERS, logExtensionCells } from "./review-log";
import { verdict } from "./verdict";

/**
 * The plain workbook content of a weekly review, shared by every host that writes it
 * (Office.js in the pane, exceljs on the command line), so the accountant's copy is the
 * same whichever wrote it. Values only: no CSP formulas.
 */

export const REVIEW_SHEET = "Weekly Review";
export const LOG_SHEET = "Review Log";
export const LOG_TABLE = "ReviewLog";
/** The log of our own the package writer uses when the user's ReviewLog cannot grow (src/xlsx/log.ts): AG_ReviewLog, AG_ReviewLog2 ... */
export const OWN_LOG_TABLE = "AG_ReviewLog";

/** True for the name of a Review Log table: ReviewLog, or our own AG_ReviewLog (with a number when several were needed). */
export function isReviewLogTable(name: string): boolean {
  const n = name.toLowerCase();
  return n === LOG_TABLE.toLowerCase() || new RegExp(`^${OWN_LOG_TABLE.toLowerCase()}\\d*$`).test(n);
}
/** A1 of the add-in's Weekly Review sheet: how every host recognises that sheet as its own. */
export const REVIEW_TITLE = "Assignment Guard weekly review";
/**
 * Names to use when the user already has a sheet of the usual name that is not ours: their
 * sheet is never written over. (Excel limits sheet names to 31 characters.)
 */
export const REVIEW_SHEET_CANDIDATES = [REVIEW_SHEET, "AG Weekly Review"] as const;
export const LOG_SHEET_CANDIDATES = [LOG_SHEET, "AG Review Log"] as const;

const sameSheet = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** True when a sheet whose A1 holds this value is the add-in's Weekly Review sheet. */
export function isOwnReviewSheet(a1: Cell): boolean {
  return typeof a1 === "string" && a1.trim() === REVIEW_TITLE;
}

/**
 * Where to write the Weekly Review: the first candidate name that is free or already ours.
 * `existing` lists the candidate sheets that exist, with their A1. Null when every candidate is
 * someone else's sheet (the host then says which to rename).
 */
export function chooseReviewSheet(existing: readonly { name: string; a1: Cell }[]): { name: string; exists: boolean } | null {
  for (const name of REVIEW_SHEET_CANDIDATES) {
    const sheet = existing.find((s) => sameSheet(s.name, name));
    if (!sheet) return { name, exists: false };
    if (isOwnReviewSheet(sheet.a1)) return { name: sheet.name, exists: true };
  }
  return null;
}

/**
 * Where to create the Review Log table when the workbook has none yet: the first candidate
 * sheet name that no sheet uses, so the table never lands on the user's cells. Null when both
 * are taken.
 */
export function chooseLogSheet(sheetNames: readonly string[]): string | null {
  return LOG_SHEET_CANDIDATES.find((name) => !sheetNames.some((s) => sameSheet(s, name))) ?? null;
}

/** The message when every candidate name is taken by the user's own sheets. */
export function sheetsTakenMessage(candidates: readonly string[]): string {
  return `Sheets named ${candidates.map((c) => `'${c}'`).join(" and ")} already exist and are not Assignment Guard's: rename one so the review can be saved without touching them`;
}
/** The log's first ten columns, the capital figures every log has held since the first version. */
export const CAPITAL_LOG_HEADERS = [
  "Date",
  "Account value",
  "Cash",
  "VIX",
  "Cap %",
  "Budget",
  "Exposure",
  "Headroom",
  "Backing",
  "Over-budget rows",
] as const;

/** Every column of a log row: the ten capital figures, then the twelve of INCOME.md "Discipline" (issue 12 item 3). */
export const LOG_HEADERS = [...CAPITAL_LOG_HEADERS, ...INCOME_LOG_HEADERS] as const;

export const MONEY_FORMAT = "$#,##0.00";
export const PCT_FORMAT = "0.0%";
export const DATE_FORMAT = "yyyy-mm-dd";
export const GENERAL_FORMAT = "General";

/** Number formats of a log row, column by column. */
export const LOG_FORMATS: readonly string[] = [
  DATE_FORMAT,
  MONEY_FORMAT,
  MONEY_FORMAT,
  "0.00",
  PCT_FORMAT,
  MONEY_FORMAT,
  MONEY_FORMAT,
  MONEY_FORMAT,
  GENERAL_FORMAT,
  "0",
  ...INCOME_LOG_FORMATS,
];

const dollars = (cents: number | null): Cell => (cents === null ? null : toDollars(cents));

/** One row of the Review Log table, in LOG_HEADERS order. Missing figures are blank, never 0. */
export function logRow(review: Review): Cell[] {
  const i = review.inputs;
  const income = review.income;
  const state = verdict(review).state;
  const capital: Cell[] = [
    review.asOf,
    i.accountValue,
    i.cash,
    i.vix,
    review.capPct,
    dollars(review.budgetCents),
    dollars(review.exposureCents),
    dollars(review.headroomCents),
    review.backing,
    review.overBudgetRows.length,
  ];
  return [
    ...capital,
    ...logExtensionCells({
      exposurePctOfAccount: review.exposurePctOfAccount,
      utilization: review.budgetCents === null || review.budgetCents === 0 ? null : review.exposureCents / review.budgetCents,
      // "yes" only for a review whose verdict is within the cap: a row that could not be read is no all-clear in the history either.
      withinCap: state === "over" ? false : state === "within" ? true : null,
      highVixCap: i.highVixCap,
      concentrationLimit: i.concentrationLimit,
      underlyings: review.underlyings.length,
      strategies: income.strategies,
      withdrawalCents: income.withdrawalCents,
      reserveCents: income.reserveCents,
      netFlowsCents: income.netFlowsCents,
      t12Cents: income.t12Cents,
      errorRows: review.errorRowCount,
    }),
  ];
}

/**
 * The log row for a log table whose columns are `header`: each of our columns under the header
 * that names it (ignoring case, spaces and punctuation), blank under any other. An older log
 * keeps its columns; a figure it has no column for is left out.
 */
export function logRowFor(header: readonly Cell[], review: Review): Cell[] {
  const values = logRow(review);
  const ours = LOG_HEADERS.map((h) => normalizeHeader(h));
  return header.map((h) => {
    const i = ours.indexOf(normalizeHeader(h));
    return i < 0 ? null : values[i];
  });
}

export interface SheetContent {
  /** Rectangular: every row has `width` cells. */
  values: Cell[][];
  formats: string[][];
  width: number;
  /** 0-based row indexes of section titles, for bold type. */
  headingRows: number[];
}

/** The Weekly Review sheet as a rectangle of plain values with their number formats. */
export function reviewSheet(review: Review): SheetContent {
  const width = 5;
  const values: Cell[][] = [];
  const formats: string[][] = [];
  const headingRows: number[] = [];
  const add = (cells: Cell[], fmts: string[] = []) => {
    const row = [...cells];
    while (row.length < width) row.push(null);
    values.push(row);
    formats.push(row.map((_, c) => fmts[c] ?? GENERAL_FORMAT));
  };
  const heading = (text: string, cells: Cell[] = []) => {
    headingRows.push(values.length);
    add([text, ...cells]);
  };
  const i = review.inputs;
  const src = review.source;

  heading(REVIEW_TITLE);
  add(["Date", review.asOf], [GENERAL_FORMAT, DATE_FORMAT]);
  add(["Positions", src ? `${src.sheet}!${src.range}${src.name ? ` (${src.name})` : ""}` : "range"]);
  add([]);
  heading("Inputs");
  add(["Account value", i.accountValue], [GENERAL_FORMAT, MONEY_FORMAT]);
  add(["Cash", i.cash], [GENERAL_FORMAT, MONEY_FORMAT]);
  add(["VIX", i.vix], [GENERAL_FORMAT, "0.00"]);
  add(["High-VIX cap", i.highVixCap], [GENERAL_FORMAT, PCT_FORMAT]);
  add(["Concentration limit", i.concentrationLimit], [GENERAL_FORMAT, PCT_FORMAT]);
  for (const e of review.inputErrors) add(["Input problem", e.input, e.message]);
  add([]);
  heading("Figures");
  add(["Cap %", review.capPct], [GENERAL_FORMAT, PCT_FORMAT]);
  add(["Budget", dollars(review.budgetCents)], [GENERAL_FORMAT, MONEY_FORMAT]);
  add(["Exposure (reserved capital)", dollars(review.exposureCents)], [GENERAL_FORMAT, MONEY_FORMAT]);
  add(["Exposure % of account", review.exposurePctOfAccount], [GENERAL_FORMAT, PCT_FORMAT]);
  add(["Headroom", dollars(review.headroomCents)], [GENERAL_FORMAT, MONEY_FORMAT]);
  add(["Within cap", review.withinCap === null ? "unknown" : review.withinCap ? "yes" : "NO"]);
  add(["Backing", review.backing]);
  add(["Cash shortfall", dollars(review.cashShortfallCents)], [GENERAL_FORMAT, MONEY_FORMAT]);
  add([]);
  heading("Per underlying", ["Exposure", "% of account", "Over limit", "Rows"]);
  for (const u of review.underlyings) {
    add([u.underlying, dollars(u.exposureCents), u.pctOfAccount, u.overLimit ? "yes" : "no", u.rows.join(", ")], [
      GENERAL_FORMAT,
      MONEY_FORMAT,
      PCT_FORMAT,
    ]);
  }
  add([]);
  heading("Over-budget rows", ["Underlying", "Assignment value", "Running total"]);
  const byRow = new Map(review.rows.map((r) => [r.row, r]));
  for (const e of review.running.filter((x) => x.overBudget)) {
    const r = byRow.get(e.row);
    add([e.row, r?.underlying ?? null, r && r.status === "counted" ? toDollars(r.assignmentValueCents) : null, dollars(e.runningTotalCents)], [
      "0",
      GENERAL_FORMAT,
      MONEY_FORMAT,
      MONEY_FORMAT,
    ]);
  }
  if (review.overBudgetRows.length === 0) add(["none"]);
  add([]);
  heading("Error rows", ["Column", "Cell", "Message"]);
  let problems = 0;
  for (const r of review.rows) {
    if (r.status === "excluded") continue;
    for (const p of r.problems) {
      add([r.row, p.column, p.cell, p.message], ["0"]);
      problems++;
    }
  }
  for (const m of review.reading.problems) {
    add(["table", null, null, m]);
    problems++;
  }
  if (problems === 0) add(["none"]);
  add([]);
  incomeSection(review, add, heading);
  add([]);
  disciplineSection(review, add, heading);
  return { values, formats, width, headingRows };
}

type Add = (cells: Cell[], fmts?: string[]) => void;

/** INCOME.md "The figures", for the accountant: net option premium on a cash basis, never a tax figure. */
function incomeSection(review: Review, add: Add, heading: (text: string, cells?: Cell[]) => void): void {
  const f = review.income;
  const money = [GENERAL_FORMAT, MONEY_FORMAT];
  heading("Income (net option premium, cash basis)", ["Income"]);
  add([ACCOUNTANT_NOTE]);
  for (const m of f.months) add([m.month, toDollars(m.cents)], money);
  add(["Month to date", toDollars(f.monthToDateCents)], money);
  add(["T12 income", toDollars(f.t12Cents)], money);
  add(["Average month (T12 / 12)", toDollars(f.averageMonthCents)], money);
  add(["Months of history", f.historyMonths], [GENERAL_FORMAT, "0"]);
  add(["Predictable", f.predictable ? "yes" : `no: ${f.fragileReasons.join("; ")}`]);
  add(["Income target", dollars(f.incomeTargetCents)], money);
  add(["Coverage (average month / target)", f.coverage], [GENERAL_FORMAT, PCT_FORMAT]);
  add(["Sustainable withdrawal", dollars(f.ceilingCents)], money);
  add(["Capital test (12 months)", f.capitalTest]);
  add(["Planned withdrawal", dollars(f.withdrawalCents)], money);
  add(["Over the sustainable withdrawal", dollars(f.overCeilingCents)], money);
  add(["Withdrawn, last 12 months", toDollars(f.withdrawnT12Cents)], money);
  for (const u of f.unplannedWithdrawals) add(["Unplanned withdrawal", isoFromSerial(u.date), toDollars(u.cents)], [GENERAL_FORMAT, GENERAL_FORMAT, MONEY_FORMAT]);
  add(["Reserve", dollars(f.reserveCents)], money);
  add(["Reserve runway (months)", f.reserveMonths], [GENERAL_FORMAT, "0.00"]);
  add(["Reserve target (months)", f.reserveTargetMonths], [GENERAL_FORMAT, "0"]);
  add(["Reserve shortfall", dollars(f.reserveShortfallCents)], money);
  add(["Assignment cash (Cash less reserve)", dollars(f.assignmentCashCents)], money);
  for (const p of f.problems) add(["Income not read", p.row, p.cell, p.message], [GENERAL_FORMAT, "0"]);
}

/** What the accountant's copy says of the income figures (INCOME.md "Where income comes from"). */
export const ACCOUNTANT_NOTE =
  "Net option premium received less premium paid and fees, by the month the cash moved, plus income recorded in CashFlows. Not a tax figure: an assigned put changes the stock's cost basis instead.";

/** INCOME.md "Discipline": the streak, the weeks, each flag with what to do. */
function disciplineSection(review: Review, add: Add, heading: (text: string, cells?: Cell[]) => void): void {
  const d = review.discipline;
  heading("Discipline");
  add(["Review streak (weeks)", d.streakWeeks], [GENERAL_FORMAT, "0"]);
  add(["Missed weeks (last 12)", d.missedWeeks.length === 0 ? "none" : d.missedWeeks.join(", ")]);
  add(["Over-budget weeks (last 12)", d.overBudgetWeeks.length === 0 ? "none" : d.overBudgetWeeks.join(", ")]);
  if (d.flags.length === 0) add(["Flags", "none"]);
  for (const flag of d.flags) add([FLAG_TITLES[flag.kind], flag.message]);
}

export type HighlightKind = "over-budget" | "concentration";
export interface HighlightMark {
  row: number;
  kind: HighlightKind;
}
export const HIGHLIGHT_FILL: Record<HighlightKind, string> = {
  "over-budget": "#F8CBAD",
  concentration: "#FFE699",
};

/** The rows a host highlights: over-budget in red, concentration in amber; over-budget wins. */
export function highlightPlan(review: Review): HighlightMark[] {
  const over = new Set(review.overBudgetRows);
  const marks: HighlightMark[] = review.overBudgetRows.map((row) => ({ row, kind: "over-budget" }));
  for (const row of review.concentrationRows) if (!over.has(row)) marks.push({ row, kind: "concentration" });
  return marks.sort((a, b) => a.row - b.row);
}

/**
 * Highlights are conditional formats owned by the add-in, so the user's own fills, fonts and
 * formats are never touched and Clear removes exactly what was added. Each rule's formula is
 * always TRUE and carries a marker, which is how a host recognises its own rules again
 * (Office.js and exceljs alike).
 */
export const HIGHLIGHT_MARKER = "AssignmentGuard:";

/** The rule formula without the leading "=": N("AssignmentGuard:over-budget")=0 is always TRUE. */
export function highlightFormula(kind: HighlightKind): string {
  return `N("${HIGHLIGHT_MARKER}${kind}")=0`;
}

/** The kind of one of our rule formulas (with or without "="), or null for anyone else's. */
export function highlightKindOf(formula: string | null | undefined): HighlightKind | null {
  if (!formula) return null;
  const m = /^=?N\("AssignmentGuard:(over-budget|concentration)"\)=0$/.exec(formula.trim());
  return m ? (m[1] as HighlightKind) : null;
}

/**
 * Groups highlighted sheet rows into A1 areas ("A5:H7") per kind, consecutive rows merged,
 * and splits them into batches whose comma-joined address stays under maxChars
 * (Excel limits the length of a multi-area address).
 */
export function highlightAreas(
  marks: readonly HighlightMark[],
  firstColumn: string,
  lastColumn: string,
  maxChars = 2000,
): { kind: HighlightKind; addresses: string[] }[] {
  const out: { kind: HighlightKind; addresses: string[] }[] = [];
  for (const kind of ["over-budget", "concentration"] as HighlightKind[]) {
    const rows = marks.filter((m) => m.kind === kind).map((m) => m.row).sort((a, b) => a - b);
    const areas: string[] = [];
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      areas.push(`${firstColumn}${rows[i]}:${lastColumn}${rows[j]}`);
      i = j + 1;
    }
    let batch: string[] = [];
    let length = 0;
    for (const a of areas) {
      if (batch.length > 0 && length + a.length + 1 > maxChars) {
        out.push({ kind, addresses: batch });
        batch = [];
        length = 0;
      }
      batch.push(a);
      length += a.length + 1;
    }
    if (batch.length > 0) out.push({ kind, addresses: batch });
  }
  return out;
}
