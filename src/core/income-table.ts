import { Cell, TableData } from "./types";
import { columnLetters, isBlank, parseNumber, showCell } from "./cells";
import { normalizeHeader } from "./columns";

/**
 * INCOME.md "Where income comes from": the premium, closing-cost and fee columns of the
 * position table become signed cents in the month of the open or close date. The row reader
 * (positions.ts) has already decided what each row is; it hands that over as IncomeRowFacts.
 */

/**
 * Header words of the income columns, normalised as columns.ts does ("Fees & Comm" ->
 * "feescomm"), most specific first. Kept here until they join columns.ts's header table.
 */
export const INCOME_HEADERS = {
  /** Opening premium per share: x multiplier x contracts. */
  openPerShare: ["premiumpershare", "openprice", "entryprice", "fillprice", "tradeprice", "avgprice"],
  /** A bare Premium: per share unless CSP_PremiumPerShare is FALSE. */
  openBare: ["premium"],
  /** Opening premium in dollars for the row. */
  openDollars: ["credit", "totalpremium", "proceeds", "netamount", "amount"],
  /** The most generic word, so it is taken only when no other opening column exists. */
  openPerShareLast: ["price"],
  closePerShare: ["closeprice", "exitprice", "buybackprice", "closingprice"],
  closeDollars: ["debit", "closecost", "closingcost"],
  /** Close fees are checked first so "Close Fees" never lands among the opening fees. */
  closeFees: ["closefees", "closefee", "closingfees", "closingfee", "closecommission", "closingcommission"],
  fees: ["fees", "fee", "commission", "commissions", "feescomm", "feesandcomm", "feescommissions", "commfee", "commfees"],
  strategy: ["strategy"],
} as const;

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

/** The transaction-history ledger entry of history.ts (credit +, debit -, fees included). */
export interface LedgerEntry {
  date: number;
  cents: number;
  row: number;
}

/** INCOME.md: each option trade's net cash amount, in the month of its trade date. */
export function ledgerIncome(ledger: readonly LedgerEntry[]): IncomeEvent[] {
  return ledger.map((e) => ({ date: e.date, cents: e.cents, row: e.row, what: "trade" }));
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
  const noCloseCost: number[] = [];
  for (const f of facts) {
    const result = rowIncome(table, f, columns);
    if (result.problems.length > 0) problems.push(...result.problems);
    else events.push(...result.events);
    if (result.closedWithoutCost) noCloseCost.push(f.row);
  }
  if (noCloseCost.length > 0) {
    notes.push(
      `Income: ${noCloseCost.length === 1 ? "row" : "rows"} ${noCloseCost.join(", ")} closed with no closing cost in '${columns.closingCost!.header}': counted as closed at no cost`,
    );
  }
  return { events, problems, notes };
}

function rowIncome(
  table: TableData,
  f: IncomeRowFacts,
  columns: IncomeColumns,
): { events: IncomeEvent[]; problems: IncomeProblem[]; closedWithoutCost: boolean } {
  const cells = table.rows[f.index] ?? [];
  const events: IncomeEvent[] = [];
  const problems: IncomeProblem[] = [];
  const at = (c: IncomeColumn) => `${columnLetters(table.firstColumn + c.index)}${f.row}`;
  const problem = (c: IncomeColumn, message: string) => problems.push({ row: f.row, column: c.header, cell: at(c), message });
  const cellOf = (c: IncomeColumn | null): Cell => (c ? (cells[c.index] ?? null) : null);

  const moneyColumns = [columns.openPremium, columns.closingCost, ...columns.fees, ...columns.closeFees].filter(
    (c): c is IncomeColumn => c !== null && !isBlank(cellOf(c)),
  );
  // Stock rows have no premium: their prices and fees are not option income.
  if (moneyColumns.length === 0 || f.instrument === "stock") return { events, problems, closedWithoutCost: false };
  if (f.instrument === null || f.side === null) {
    problem(moneyColumns[0], `the row's ${f.instrument === null ? "option type" : "side"} could not be read, so whether its premium was received or paid is unknown`);
    return { events, problems, closedWithoutCost: false };
  }
  // Received for a short row, paid for a long row; the cell's own sign is not a second opinion.
  const sign = f.side === "short" ? 1 : -1;

  const amount = (c: PremiumColumn, what: string): number | null => {
    const n = parseNumber(cellOf(c));
    if (!n.ok) {
      problem(c, `${what} ${showCell(cellOf(c))} is not a number`);
      return null;
    }
    const value = Math.abs(n.value);
    if (!c.perShare) return cents(value);
    if (f.contracts === null) {
      problem(c, `${what} is per share, but the row's contracts could not be read`);
      return null;
    }
    if (what === "premium" && f.instrument === "put" && f.strike !== null && value > f.strike) {
      problem(
        c,
        c.bare
          ? `premium ${showCell(cellOf(c))} per share is above the strike ${f.strike}: if this is dollars for the row, set CSP_PremiumPerShare to FALSE`
          : `premium ${showCell(cellOf(c))} per share is above the strike ${f.strike}: a put's premium cannot be, so check the cell`,
      );
      return null;
    }
    return cents(value * f.multiplier * f.contracts);
  };

  if (columns.openPremium && !isBlank(cellOf(columns.openPremium))) {
    const c = amount(columns.openPremium, "premium");
    if (c !== null && c !== 0) {
      if (f.openDate === null) problem(columns.openPremium, "premium with no readable open date: its month is unknown");
      else events.push({ date: f.openDate, cents: sign * c, row: f.row, what: "opening premium" });
    }
  }

  let closedWithoutCost = f.closed && !f.expired && columns.closingCost !== null;
  if (columns.closingCost && !isBlank(cellOf(columns.closingCost)) && !f.expired) {
    const c = amount(columns.closingCost, "closing cost");
    if (c !== null && c !== 0) {
      closedWithoutCost = false;
      if (f.closeDate === null) problem(columns.closingCost, "closing cost with no close date: its month is unknown");
      else events.push({ date: f.closeDate, cents: -sign * c, row: f.row, what: "closing cost" });
    }
  }

  const fee = (list: IncomeColumn[], date: number | null, what: "fees" | "close fees", missing: string) => {
    for (const col of list) {
      const cell = cellOf(col);
      if (isBlank(cell)) continue;
      const n = parseNumber(cell);
      if (!n.ok) {
        problem(col, `${what} ${showCell(cell)} is not a number`);
        continue;
      }
      const c = cents(Math.abs(n.value));
      if (c === 0) continue;
      if (date === null) problem(col, `${what} with no ${missing}: its month is unknown`);
      else events.push({ date, cents: -c, row: f.row, what });
    }
  };
  fee(columns.fees, f.openDate, "fees", "readable open date");
  fee(columns.closeFees, f.closeDate, "close fees", "close date");
  return { events, problems, closedWithoutCost: closedWithoutCost && problems.length === 0 };
}

/**
 * The strategies open now (INCOME.md "Same system, larger"): a Strategy column's values among
 * open rows, else the kinds short put / short call / long put / long call / stock. Lower case,
 * sorted, each once.
 */
export function openStrategies(table: TableData, facts: readonly IncomeRowFacts[], strategy: IncomeColumn | null): string[] {
  const found = new Set<string>();
  for (const f of facts) {
    if (f.closed) continue;
    if (strategy) {
      const cell = table.rows[f.index]?.[strategy.index] ?? null;
      if (!isBlank(cell)) found.add(String(cell).trim().toLowerCase().replace(/\s+/g, " "));
    } else if (f.instrument === "stock") found.add("stock");
    else if (f.instrument !== null && f.side !== null) found.add(`${f.side} ${f.instrument}`);
  }
  return [...found].sort();
}
