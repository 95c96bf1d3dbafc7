import { Cell, TableData } from "./types";
import { isBlank, parseDate, parseFraction, parseNumber, showCell } from "./cells";
import { normalizeHeader } from "./columns";
import { readYesNo } from "./income-inputs";

/**
 * The Review Log as history (INCOME.md "Discipline"): each saved weekly review is one row.
 * Columns are matched by header, so last year's ten-column logs still feed the history.
 */

/** The columns the log gains after its first ten (issue 12 item 3), in this order. */
export const INCOME_LOG_HEADERS = [
  "Exposure % of account",
  "Utilization",
  "Within cap",
  "High-VIX cap",
  "Concentration limit",
  "Underlyings",
  "Strategies",
  "Withdrawal",
  "Reserve",
  "Net flows",
  "T12 income",
  "Error rows",
] as const;

export const INCOME_LOG_FORMATS = ["0.0%", "0.0%", "General", "0.0%", "0.0%", "0", "General", "$#,##0.00", "$#,##0.00", "$#,##0.00", "$#,##0.00", "0"] as const;

/** One Review Log row as the history needs it. Null: the log has no such column, or the cell is blank or unreadable. */
export interface LogEntry {
  /** Sheet row of the log row. */
  row: number;
  /** Excel serial day of the review. */
  date: number;
  accountCents: number | null;
  cashCents: number | null;
  budgetCents: number | null;
  exposureCents: number | null;
  overBudgetRows: number | null;
  /** Fractions. */
  exposurePct: number | null;
  utilization: number | null;
  withinCap: boolean | null;
  highVixCap: number | null;
  concentrationLimit: number | null;
  underlyings: number | null;
  /** Lower-case strategy names. */
  strategies: string[] | null;
  withdrawalCents: number | null;
  reserveCents: number | null;
  /** Deposits less withdrawals since the previous row. */
  netFlowsCents: number | null;
  t12Cents: number | null;
  errorRows: number | null;
}

type LogField = Exclude<keyof LogEntry, "row">;
type Reader = "date" | "money" | "fraction" | "count" | "yesno" | "list";

/** Normalised header words of each field, and how its cells are read. */
export const LOG_COLUMNS: Record<LogField, { headers: readonly string[]; read: Reader }> = {
  date: { headers: ["date", "reviewdate"], read: "date" },
  accountCents: { headers: ["accountvalue"], read: "money" },
  cashCents: { headers: ["cash"], read: "money" },
  budgetCents: { headers: ["budget"], read: "money" },
  exposureCents: { headers: ["exposure"], read: "money" },
  overBudgetRows: { headers: ["overbudgetrows"], read: "count" },
  exposurePct: { headers: ["exposureofaccount", "exposurepctofaccount", "exposurepct"], read: "fraction" },
  utilization: { headers: ["utilization", "utilisation"], read: "fraction" },
  withinCap: { headers: ["withincap"], read: "yesno" },
  highVixCap: { headers: ["highvixcap"], read: "fraction" },
  concentrationLimit: { headers: ["concentrationlimit"], read: "fraction" },
  underlyings: { headers: ["underlyings"], read: "count" },
  strategies: { headers: ["strategies"], read: "list" },
  withdrawalCents: { headers: ["withdrawal"], read: "money" },
  reserveCents: { headers: ["reserve"], read: "money" },
  netFlowsCents: { headers: ["netflows"], read: "money" },
  t12Cents: { headers: ["t12income", "t12"], read: "money" },
  errorRows: { headers: ["errorrows"], read: "count" },
};

export interface LogReading {
  /** Readable rows, oldest first (date, then sheet row). */
  entries: LogEntry[];
  notes: string[];
}

function readCell(cell: Cell, read: Reader): { ok: true; value: unknown } | { ok: false } {
  switch (read) {
    case "date": {
      const d = parseDate(cell);
      return d.ok ? d : { ok: false };
    }
    case "money": {
      const n = parseNumber(cell);
      return n.ok ? { ok: true, value: Math.round(n.value * 100) } : { ok: false };
    }
    case "fraction": {
      const n = parseFraction(cell);
      return n.ok ? n : { ok: false };
    }
    case "count": {
      const n = parseNumber(cell);
      return n.ok && Number.isInteger(n.value) && n.value >= 0 ? n : { ok: false };
    }
    case "yesno": {
      const b = readYesNo(cell);
      return b === null ? { ok: false } : { ok: true, value: b };
    }
    case "list": {
      const words = String(cell)
        .split(/[,;]/)
        .map((w) => w.trim().toLowerCase().replace(/\s+/g, " "))
        .filter((w) => w !== "");
      return { ok: true, value: words };
    }
  }
}

/** Reads a ReviewLog table into history entries; rows without a readable date are left out and said. */
export function readReviewLog(table: TableData): LogReading {
  const normalized = table.header.map(normalizeHeader);
  const columns: Partial<Record<LogField, number>> = {};
  for (const field of Object.keys(LOG_COLUMNS) as LogField[]) {
    const i = normalized.findIndex((h) => LOG_COLUMNS[field].headers.includes(h));
    if (i >= 0) columns[field] = i;
  }
  const notes: string[] = [];
  if (columns.date === undefined) {
    notes.push("Review Log: no Date column, so its rows give no history");
    return { entries: [], notes };
  }
  const rowNumbers = table.rowNumbers;
  const entries: LogEntry[] = [];
  const unreadable: string[] = [];
  table.rows.forEach((cells, i) => {
    if (cells.every((c) => isBlank(c))) return;
    const row = rowNumbers?.[i] ?? table.headerRow + 1 + i;
    const entry: Record<string, unknown> = { row };
    for (const field of Object.keys(LOG_COLUMNS) as LogField[]) {
      const c = columns[field];
      const cell = c === undefined ? null : (cells[c] ?? null);
      if (c === undefined || isBlank(cell)) {
        entry[field] = null;
        continue;
      }
      const r = readCell(cell, LOG_COLUMNS[field].read);
      entry[field] = r.ok ? r.value : null;
      if (!r.ok && field !== "date") unreadable.push(`row ${row} ${String(table.header[c]).trim()} ${showCell(cell)}`);
    }
    if (entry.date === null) {
      notes.push(`Review Log row ${row} has no readable date and is left out of the history`);
      return;
    }
    entries.push(entry as unknown as LogEntry);
  });
  if (unreadable.length > 0) notes.push(`Review Log cells that cannot be read are treated as blank: ${unreadable.join("; ")}`);
  entries.sort((a, b) => a.date - b.date || a.row - b.row);
  return { entries, notes };
}

/**
 * Reads every Review Log table into one history, oldest first. Two logs hold different weeks (the
 * writer moves to its own AG_ReviewLog only when the user's ReviewLog cannot grow), so they merge.
 */
export function readReviewLogs(tables: readonly TableData[]): LogReading {
  const entries: LogEntry[] = [];
  const notes: string[] = [];
  for (const t of tables) {
    const read = readReviewLog(t);
    const where = tables.length > 1 && t.source?.name ? `${t.source.name}: ` : "";
    entries.push(...read.entries);
    notes.push(...read.notes.map((n) => where + n));
  }
  entries.sort((a, b) => a.date - b.date || a.row - b.row);
  return { entries, notes };
}

/** True when a log row records a review that was over budget; null when it cannot tell. */
export function logRowOverBudget(e: LogEntry): boolean | null {
  if (e.withinCap !== null) return !e.withinCap;
  if (e.exposureCents !== null && e.budgetCents !== null) return e.exposureCents > e.budgetCents;
  if (e.overBudgetRows !== null) return e.overBudgetRows > 0;
  return null;
}

/** What a review adds to its log row after the first ten columns. */
export interface LogExtension {
  exposurePctOfAccount: number | null;
  /** Exposure / budget. */
  utilization: number | null;
  withinCap: boolean | null;
  highVixCap: number | null;
  concentrationLimit: number | null;
  underlyings: number;
  strategies: readonly string[];
  withdrawalCents: number | null;
  reserveCents: number | null;
  netFlowsCents: number | null;
  t12Cents: number | null;
  errorRows: number;
}

const dollars = (cents: number | null): Cell => (cents === null ? null : cents / 100);

/** The twelve cells appended to a log row, in INCOME_LOG_HEADERS order. Missing figures are blank, never 0. */
export function logExtensionCells(x: LogExtension): Cell[] {
  return [
    x.exposurePctOfAccount,
    x.utilization,
    x.withinCap === null ? null : x.withinCap ? "yes" : "no",
    x.highVixCap,
    x.concentrationLimit,
    x.underlyings,
    x.strategies.join(", "),
    dollars(x.withdrawalCents),
    dollars(x.reserveCents),
    dollars(x.netFlowsCents),
    dollars(x.t12Cents),
    x.errorRows,
  ];
}

