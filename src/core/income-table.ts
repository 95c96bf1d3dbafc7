import { Cell, LedgerEntry, TableData } from "./types";
import { columnLetters, isBlank, parseDate, parseNumber, showCell } from "./cells";
import { INCOME_HEADERS, LEDGER_HEADERS, normalizeHeader } from "./columns";
import { kindsOpen } from "./positions";

/**
 * INCOME.md "Where income comes from": the premium, closing-cost and fee columns of the
 * position table become signed cents in the month of the open or close date. The row reader
 * (positions.ts) has already decided what each row is; it hands that over as IncomeRowFacts.
 */

export { INCOME_HEADERS };

export interface IncomeColumn {
  /** 0-based column of the table. */
  index: number;
  /** The header as the user wrote it. */
  header: string;
}

export interface PremiumColumn extends IncomeColumn {
  /** True: per share (x multiplier x contracts); false: dollars for the row; null: unknown (a bare Premium with CSP_PremiumPerShare unreadable). */
  perShare: boolean | null;
  /** A bare "Premium", whose meaning CSP_PremiumPerShare sets. */
  bare: boolean;
}

export interface IncomeColumns {
  openPremium: PremiumColumn | null;
  closingCost: PremiumColumn | null;
  fees: IncomeColumn[];
  closeFees: IncomeColumn[];
  strategy: IncomeColumn | null;
  notes: string[];
}

/**
 * Finds the income columns of a position table. `taken` lists columns the row reader already
 * uses, which are never read as money.
 */
export function mapIncomeColumns(header: readonly Cell[], premiumPerShare: boolean | null, taken: readonly number[] = []): IncomeColumns {
  const normalized = header.map(normalizeHeader);
  const used = new Set(taken);
  const column = (index: number): IncomeColumn => ({ index, header: String(header[index]).trim() });
  const first = (words: readonly string[]): number => {
    for (const w of words) {
      const i = normalized.findIndex((h, c) => !used.has(c) && h === w);
      if (i >= 0) return i;
    }
    return -1;
  };
  const all = (words: readonly string[]): number[] => normalized.flatMap((h, c) => (!used.has(c) && words.includes(h) ? [c] : []));
  const notes: string[] = [];
  const H = INCOME_HEADERS;

  const candidates: { words: readonly string[]; perShare: boolean | null; bare: boolean }[] = [
    { words: H.openBare, perShare: premiumPerShare, bare: true },
    { words: H.openPerShare, perShare: true, bare: false },
    { words: H.openDollars, perShare: false, bare: false },
    { words: H.openPerShareLast, perShare: true, bare: false },
  ];
  let openPremium: PremiumColumn | null = null;
  for (const c of candidates) {
    const i = first(c.words);
    if (i < 0) continue;
    if (openPremium === null) {
      openPremium = { ...column(i), perShare: c.perShare, bare: c.bare };
      used.add(i);
    } else {
      notes.push(`Income: the opening premium is read from '${openPremium.header}'; '${String(header[i]).trim()}' is not read`);
    }
  }

  let closingCost: PremiumColumn | null = null;
  const closeShare = first(H.closePerShare);
  const closeDollars = first(H.closeDollars);
  if (closeShare >= 0) closingCost = { ...column(closeShare), perShare: true, bare: false };
  else if (closeDollars >= 0) closingCost = { ...column(closeDollars), perShare: false, bare: false };
  if (closingCost) used.add(closingCost.index);
  if (closeShare >= 0 && closeDollars >= 0) {
    notes.push(`Income: the closing cost is read from '${closingCost!.header}'; '${String(header[closeDollars]).trim()}' is not read`);
  }

  const closeFees = all(H.closeFees).map(column);
  for (const c of closeFees) used.add(c.index);
  const fees = all(H.fees).map(column);
  for (const c of fees) used.add(c.index);
  const strategyIndex = first(H.strategy);

  if (openPremium) {
    const how = openPremium.perShare === null ? "unknown until CSP_PremiumPerShare is set" : openPremium.perShare ? "per share" : "dollars for the row";
    notes.push(`Income: opening premium from '${openPremium.header}' (${how})`);
  }
  return { openPremium, closingCost, fees, closeFees, strategy: strategyIndex >= 0 ? column(strategyIndex) : null, notes };
}

/** What the row reader decided about one body row, all the income reading needs of it. */
export interface IncomeRowFacts {
  /** 0-based index of the row in the table body. */
  index: number;
  /** Sheet row number as Excel shows it. */
  row: number;
  /** Null when the row reader could not tell (an error row). */
  instrument: "put" | "call" | "stock" | null;
  side: "short" | "long" | null;
  /** Contracts, without sign; null when unreadable. */
  contracts: number | null;
  /** Shares per contract (100 unless the row says otherwise). */
  multiplier: number;
  strike: number | null;
  /** Excel serial days; null when the table has none or the cell is unreadable. */
  openDate: number | null;
  closeDate: number | null;
  /** No longer open (closed, expired, assigned, rolled, exercised, a close date). */
  closed: boolean;
  /** Closed by expiring worthless: no closing cost. */
  expired: boolean;
}

/** One signed amount of income in the month of its date. */
export interface IncomeEvent {
  /** Excel serial day. */
  date: number;
  /** Received +, paid -. */
  cents: number;
  /** Sheet row it came from, or null. */
  row: number | null;
  what: "opening premium" | "closing cost" | "fees" | "close fees" | "trade" | "cash flow income";
}

/** A cell whose income cannot be read: its row's income is left out of every month. */
export interface IncomeProblem {
  /** Sheet row, or null for a problem of the whole table. */
  row: number | null;
  /** Header of the column, or null. */
  column: string | null;
  /** A1 address of the cell, or null. */
  cell: string | null;
  message: string;
}

export interface TableIncome {
  events: IncomeEvent[];
  problems: IncomeProblem[];
  notes: string[];
}

export type { LedgerEntry };

/** INCOME.md: each option trade's net cash amount, in the month of its trade date. */
export function ledgerIncome(ledger: readonly LedgerEntry[]): IncomeEvent[] {
  return ledger.map((e) => ({ date: e.date, cents: e.cents, row: e.row, what: "trade" }));
}

/** The table an import writes the ledger of a broker history into (issue 11): Date and Amount (dollars, credit +, fees included). */
export const LEDGER_TABLE = "BrokerLedger";

/**
 * Reads a BrokerLedger table: each row one trade's net cash in dollars (credit +, debit -, fees
 * included) on its date. A row that cannot be read is a problem, never a zero.
 */
export function readLedgerTable(table: TableData): { ledger: LedgerEntry[]; problems: IncomeProblem[] } {
  const normalized = table.header.map(normalizeHeader);
  const find = (words: readonly string[]) => normalized.findIndex((h) => words.includes(h));
  const date = find(LEDGER_HEADERS.date);
  const amount = find(LEDGER_HEADERS.amount);
  const ledger: LedgerEntry[] = [];
  const problems: IncomeProblem[] = [];
  if (date < 0 || amount < 0) {
    problems.push({ row: null, column: null, cell: null, message: `the ${LEDGER_TABLE} table needs a Date and an Amount column: none of its trades is read` });
    return { ledger, problems };
  }
  table.rows.forEach((cells, i) => {
    if (cells.every(isBlank)) return;
    const row = table.rowNumbers?.[i] ?? table.headerRow + 1 + i;
    const at = (c: number) => `${columnLetters(table.firstColumn + c)}${row}`;
    const d = parseDate(cells[date] ?? null);
    const n = parseNumber(cells[amount] ?? null);
    if (!d.ok) problems.push({ row, column: String(table.header[date]), cell: at(date), message: `the trade's date ${showCell(cells[date] ?? null)} cannot be read` });
    if (!n.ok) problems.push({ row, column: String(table.header[amount]), cell: at(amount), message: `the trade's amount ${showCell(cells[amount] ?? null)} is not a number` });
    if (!d.ok || !n.ok) return;
    ledger.push({ date: d.value, cents: cents(n.value), row });
  });
  return { ledger, problems };
}

/** Dollars to cents for a price x multiplier x contracts, exact to the cent for real prices. */
function cents(dollars: number): number {
  return Math.round(dollars * 100);
}

/** Reads the opening premium, closing cost and fees of every row into income events. */
export function tableIncome(table: TableData, facts: readonly IncomeRowFacts[], columns: IncomeColumns): TableIncome {
  const events: IncomeEvent[] = [];
  const problems: IncomeProblem[] = [];
  const notes: string[] = [];
  const { openPremium } = columns;
  if (openPremium && openPremium.perShare === null) {
    problems.push({
      row: null,
      column: openPremium.header,
      cell: null,
      message: `set CSP_PremiumPerShare to TRUE (premium per share) or FALSE (dollars for the row): until then the '${openPremium.header}' column is not read and the table gives no income`,
    });
    return { events, problems, notes };
  }
  const money = [columns.openPremium, columns.closingCost, ...columns.fees, ...columns.closeFees].filter((c): c is IncomeColumn => c !== null);
  if (money.length === 0) return { events, problems, notes };
  const noCloseCost: number[] = [];
  // One reading of a row, reused: a 100,000-row table allocates events and problems only.
  const row: RowReading = { table, columns, f: facts[0], cells: [], events, problems: [], start: 0 };
  for (const f of facts) {
    const cells = table.rows[f.index] ?? [];
    let filled = -1;
    for (let k = 0; k < money.length && filled < 0; k++) if (!isBlank(cells[money[k].index] ?? null)) filled = k;
    // Stock rows have no premium: their prices and fees are not option income.
    if (filled < 0 || f.instrument === "stock") continue;
    row.f = f;
    row.cells = cells;
    row.problems = [];
    row.start = events.length;
    if (f.instrument === null || f.side === null) {
      problemAt(row, money[filled], `the row's ${f.instrument === null ? "option type" : "side"} could not be read, so whether its premium was received or paid is unknown`);
    } else if (readRowIncome(row) && row.problems.length === 0) noCloseCost.push(f.row);
    // A row with any problem gives no income at all, in any month (never half a row).
    if (row.problems.length > 0) {
      events.length = row.start;
      problems.push(...row.problems);
    }
  }
  if (noCloseCost.length > 0) {
    notes.push(
      `Income: ${noCloseCost.length === 1 ? "row" : "rows"} ${noCloseCost.join(", ")} closed with no closing cost in '${columns.closingCost!.header}': counted as closed at no cost`,
    );
  }
  return { events, problems, notes };
}

/** The row being read by tableIncome: its facts and cells, where its events and problems go. */
interface RowReading {
  table: TableData;
  columns: IncomeColumns;
  f: IncomeRowFacts;
  cells: readonly Cell[];
  events: IncomeEvent[];
  problems: IncomeProblem[];
  /** Where this row's events start in `events`, to take them back if the row has a problem. */
  start: number;
}

function problemAt(r: RowReading, c: IncomeColumn, message: string): void {
  r.problems.push({ row: r.f.row, column: c.header, cell: `${columnLetters(r.table.firstColumn + c.index)}${r.f.row}`, message });
}

/**
 * A row's premium, closing cost and fees as events in their months; true when the row is closed
 * (not expired) with a blank closing cost, which income counts as closed at no cost and says so.
 */
function readRowIncome(r: RowReading): boolean {
  const { f, cells, columns, events } = r;
  // Received for a short row, paid for a long row; the cell's own sign is not a second opinion.
  const sign = f.side === "short" ? 1 : -1;
  const open = columns.openPremium;
  if (open && !isBlank(cells[open.index] ?? null)) {
    const c = amountOf(r, open, "premium");
    if (c !== null && c !== 0) {
      if (f.openDate === null) problemAt(r, open, "premium with no readable open date: its month is unknown");
      else events.push({ date: f.openDate, cents: sign * c, row: f.row, what: "opening premium" });
    }
  }
  let closedWithoutCost = f.closed && !f.expired && columns.closingCost !== null;
  const close = columns.closingCost;
  if (close && !isBlank(cells[close.index] ?? null) && !f.expired) {
    const c = amountOf(r, close, "closing cost");
    if (c !== null && c !== 0) {
      closedWithoutCost = false;
      if (f.closeDate === null) problemAt(r, close, "closing cost with no close date: its month is unknown");
      else events.push({ date: f.closeDate, cents: -sign * c, row: f.row, what: "closing cost" });
    }
  }
  feesOf(r, columns.fees, f.openDate, "fees", "readable open date");
  feesOf(r, columns.closeFees, f.closeDate, "close fees", "close date");
  return closedWithoutCost;
}

/** A premium or closing-cost cell in cents for the row (per share x multiplier x contracts, or dollars); null when it is a problem. */
function amountOf(r: RowReading, c: PremiumColumn, what: "premium" | "closing cost"): number | null {
  const { f } = r;
  const cell = r.cells[c.index] ?? null;
  const n = parseNumber(cell);
  if (!n.ok) {
    problemAt(r, c, `${what} ${showCell(cell)} is not a number`);
    return null;
  }
  const value = Math.abs(n.value);
  if (!c.perShare) return cents(value);
  if (f.contracts === null) {
    problemAt(r, c, `${what} is per share, but the row's contracts could not be read`);
    return null;
  }
  if (what === "premium" && f.instrument === "put" && f.strike !== null && value > f.strike) {
    problemAt(
      r,
      c,
      c.bare
        ? `premium ${showCell(cell)} per share is above the strike ${f.strike}: if this is dollars for the row, set CSP_PremiumPerShare to FALSE`
        : `premium ${showCell(cell)} per share is above the strike ${f.strike}: a put's premium cannot be, so check the cell`,
    );
    return null;
  }
  return cents(value * f.multiplier * f.contracts);
}

/** Fee cells, subtracted whatever their sign, in the month of `date`. */
function feesOf(r: RowReading, list: readonly IncomeColumn[], date: number | null, what: "fees" | "close fees", missing: string): void {
  for (const col of list) {
    const cell = r.cells[col.index] ?? null;
    if (isBlank(cell)) continue;
    const n = parseNumber(cell);
    if (!n.ok) {
      problemAt(r, col, `${what} ${showCell(cell)} is not a number`);
      continue;
    }
    const c = cents(Math.abs(n.value));
    if (c === 0) continue;
    if (date === null) problemAt(r, col, `${what} with no ${missing}: its month is unknown`);
    else r.events.push({ date, cents: -c, row: r.f.row, what });
  }
}

/**
 * The strategies open now (INCOME.md "Same system, larger"): a Strategy column's values among
 * open rows, else the kinds short put / short call / long put / long call / stock. Lower case,
 * sorted, each once.
 */
export function openStrategies(table: TableData, facts: readonly IncomeRowFacts[], strategy: IncomeColumn | null): string[] {
  if (!strategy) return kindsOpen(facts);
  const found = new Set<string>();
  for (const f of facts) {
    if (f.closed) continue;
    const cell = table.rows[f.index]?.[strategy.index] ?? null;
    if (!isBlank(cell)) found.add(String(cell).trim().toLowerCase().replace(/\s+/g, " "));
  }
  return [...found].sort();
}
