import {
  ColumnMapping,
  ColumnOverrides,
  CountedRow,
  InputError,
  Inputs,
  RawInputs,
  Review,
  RowResult,
  RunningEntry,
  TableData,
  TableReading,
  UnderlyingExposure,
} from "./types";
import { isBlank, parseFraction, parseNumber } from "./cells";
import { mapColumns } from "./columns";
import { FactsDepth, kindsOpen, readPositionList } from "./positions";
import { buildIncomeReview } from "./income-review";
import { IncomeRowFacts, LedgerEntry, mapIncomeColumns } from "./income-table";
import { backingOf } from "./income-inputs";
import { transactionHistoryEvidence } from "./history-detect";
import { reduceHistory } from "./history";
import {
  budgetCents as budgetOf,
  checkConcentrationLimit,
  checkHighVixCap,
  DEFAULT_CONCENTRATION_LIMIT,
  DEFAULT_HIGH_VIX_CAP,
  exceedsShare,
  MAX_DOLLARS,
  toCents,
  vixCap,
} from "./rules";

export interface ReviewRequest {
  table: TableData;
  /** The capital and the income inputs (defined names; flags and formula arguments already applied). */
  inputs: RawInputs;
  overrides?: ColumnOverrides;
  /** Excel serial day the review is for ("today"), supplied by the host: the core has no clock. */
  asOf: number;
  /** The CashFlows table (INCOME.md "Cash flows"), when the workbook has one. */
  cashFlows?: TableData | null;
  /** The Review Log tables: ReviewLog, and the writer's own AG_ReviewLog when it had to use one. */
  reviewLogs?: readonly TableData[];
  /** The BrokerLedger table of an imported broker history. */
  brokerLedger?: TableData | null;
}

/** Validates the named inputs and settings as RULES.md "Where the inputs come from" says. */
export function readInputs(raw: RawInputs): { inputs: Inputs; errors: InputError[] } {
  const errors: InputError[] = [];

  let accountValue: number | null = null;
  if (isBlank(raw.accountValue ?? null)) {
    errors.push({ input: "AccountValue", message: "set AccountValue: the account value is missing" });
  } else {
    const n = parseNumber(raw.accountValue ?? null);
    if (!n.ok) errors.push({ input: "AccountValue", message: `set AccountValue: ${n.message}` });
    else if (n.value < 1) errors.push({ input: "AccountValue", message: "set AccountValue: it must be at least $1" });
    else if (n.value > MAX_DOLLARS) errors.push({ input: "AccountValue", message: "set AccountValue: it is too large to be an account value" });
    else accountValue = n.value;
  }

  let cash: number | null = null;
  if (isBlank(raw.cash ?? null)) {
    errors.push({ input: "Cash", message: "set Cash to see whether the book is cash-secured" });
  } else {
    const n = parseNumber(raw.cash ?? null);
    if (!n.ok) errors.push({ input: "Cash", message: `set Cash: ${n.message}` });
    else if (n.value < 0) errors.push({ input: "Cash", message: "Cash cannot be below 0" });
    else if (n.value > MAX_DOLLARS) errors.push({ input: "Cash", message: "set Cash: it is too large to be a cash balance" });
    else cash = n.value;
  }

  let vix: number | null = null;
  if (isBlank(raw.vix ?? null)) {
    errors.push({ input: "VIX", message: "set VIX: the VIX level is missing" });
  } else {
    const n = parseNumber(raw.vix ?? null);
    if (!n.ok || n.value <= 0) errors.push({ input: "VIX", message: "set VIX: VIX must be a number above 0" });
    else vix = n.value;
  }

  let highVixCap: number | null = DEFAULT_HIGH_VIX_CAP;
  if (!isBlank(raw.highVixCap ?? null)) {
    const n = parseFraction(raw.highVixCap ?? null);
    const checked = n.ok ? checkHighVixCap(n.value) : n;
    if (!checked.ok) {
      highVixCap = null;
      errors.push({ input: "HighVixCap", message: checked.message });
    } else highVixCap = checked.value;
  }

  let concentrationLimit: number | null = DEFAULT_CONCENTRATION_LIMIT;
  if (!isBlank(raw.concentrationLimit ?? null)) {
    const n = parseFraction(raw.concentrationLimit ?? null);
    const checked = n.ok ? checkConcentrationLimit(n.value) : n;
    if (!checked.ok) {
      concentrationLimit = null;
      errors.push({ input: "ConcentrationLimit", message: checked.message });
    } else concentrationLimit = checked.value;
  }

  return { inputs: { accountValue, cash, vix, highVixCap, concentrationLimit }, errors };
}

// Sort keys pack (open date, table position) into one exact float64: serial days stay below
// 2^22 and positions below 2^21, so a plain numeric sort orders by date, then table order.
const POSITION_BITS = 2_097_152; // 2^21
const NO_OPEN_DATE = 3_000_000; // after every real serial day (9999-12-31 is 2,958,465)

/** Orders counted rows as they were opened: open date ascending, rows without one last, then table order. */
function inOpenOrder(rows: CountedRow[]): CountedRow[] {
  if (rows.length >= POSITION_BITS) {
    return [...rows].sort((a, b) => (a.openDate ?? NO_OPEN_DATE) - (b.openDate ?? NO_OPEN_DATE) || a.index - b.index);
  }
  // `rows` is in table order, so the position in it breaks ties as the index would.
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) keys[i] = (rows[i].openDate ?? NO_OPEN_DATE) * POSITION_BITS + i;
  keys.sort();
  const ordered: CountedRow[] = new Array(rows.length);
  for (let i = 0; i < keys.length; i++) ordered[i] = rows[keys[i] % POSITION_BITS];
  return ordered;
}

/** Sheet row numbers ascending (a typed-array sort: numeric and fast). */
function inSheetOrder(rows: number[]): number[] {
  const sorted = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) sorted[i] = rows[i];
  sorted.sort();
  const out: number[] = new Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) out[i] = sorted[i];
  return out;
}

/** The rows of a table, how it was read, what income needs of each row, and a history's ledger. */
export interface TableRead {
  rows: RowResult[];
  reading: TableReading;
  facts: IncomeRowFacts[];
  /** The kinds open (short put, stock ...), the strategies when no Strategy column names them. */
  openKinds: string[];
  /** The cash of every option trade of a transaction history; null for a position list. */
  ledger: LedgerEntry[] | null;
}

/** A table that could not be read at all: no rows, and why. */
function unreadable(problems: string[], layout: TableReading["layout"], notes: string[]): TableRead {
  return { rows: [], reading: { layout, sign: null, putLog: false, summaryRows: [], problems, notes }, facts: [], openKinds: [], ledger: null };
}

/** A history's open lots as income sees them: each counted lot an open short put (strategies only; its income is the ledger). */
function lotFacts(rows: readonly RowResult[]): IncomeRowFacts[] {
  return rows.flatMap((r) =>
    r.status === "counted"
      ? [{ index: r.index, row: r.row, instrument: "put" as const, side: "short" as const, contracts: r.contracts, multiplier: r.multiplier, strike: r.strike, openDate: r.openDate, closeDate: null, closed: false, expired: false }]
      : [],
  );
}

/**
 * Reads the table's rows: a position list row by row, or a transaction history through the one
 * history hook (RULES.md "Transaction histories"). A header that cannot be mapped reads nothing.
 */
export function readTable(table: TableData, mapping: ColumnMapping, depth: FactsDepth = "full"): TableRead {
  // A history first: a broker's history format has columns of its own that the position
  // header names need not find (reduceHistory refuses a log whose mapping failed).
  if (transactionHistoryEvidence(table, mapping) !== null) {
    const history = reduceHistory(table, mapping);
    if (history.problems.length > 0) return unreadable([...history.problems], "history", [...history.notes]);
    const { format, trades, openLots, ledger } = history;
    return {
      rows: history.rows,
      reading: { layout: "history", sign: null, putLog: history.putLog === true, summaryRows: [], problems: [], notes: [...history.notes], history: { format, trades, openLots, ledger } },
      facts: lotFacts(history.rows),
      openKinds: kindsOpen(lotFacts(history.rows)),
      ledger,
    };
  }
  if (mapping.errors.length > 0) return unreadable([...mapping.errors], "positions", [...mapping.notes]);
  return { ...readPositionList(table, mapping, depth), ledger: null };
}

/** Income columns (money or a Strategy) make the row reader describe every row; without them the strategies need only kinds. */
function factsDepth(table: TableData, taken: readonly number[]): FactsDepth {
  const c = mapIncomeColumns(table.header, null, taken);
  return c.openPremium || c.closingCost || c.fees.length > 0 || c.closeFees.length > 0 || c.strategy ? "full" : "kinds";
}

/** The one review every host shows: RULES.md "The checks" and "What a review shows". */
export function buildReview(request: ReviewRequest): Review {
  const { inputs, errors: inputErrors } = readInputs(request.inputs);
  // A broker profile's hints say what its format's headers hold; the user's own overrides win.
  const mapping = mapColumns(request.table.header, { ...request.table.columnHints, ...request.overrides });
  const taken = Object.values(mapping.columns) as number[];
  const depth = factsDepth(request.table, taken);
  const { rows, reading, facts, openKinds, ledger } = readTable(request.table, mapping, depth);
  const counted = rows.filter((r): r is CountedRow => r.status === "counted");

  const exposureCents = counted.reduce((sum, r) => sum + r.assignmentValueCents, 0);
  if (exposureCents > MAX_DOLLARS * 100) {
    reading.problems.push("the total exposure is above $1,000,000,000,000: a strike, quantity or multiplier is mistyped");
  }
  const accountCents = inputs.accountValue === null ? null : toCents(inputs.accountValue);

  let capPct: number | null = null;
  if (inputs.vix !== null && inputs.highVixCap !== null) {
    const cap = vixCap(inputs.vix, inputs.highVixCap);
    if (cap.ok) capPct = cap.value;
  }
  const budgetCents = accountCents !== null && capPct !== null ? budgetOf(accountCents, capPct) : null;
  const headroomCents = budgetCents === null ? null : budgetCents - exposureCents;

  const cashCents = inputs.cash === null ? null : toCents(inputs.cash);

  // Per underlying, in order of first appearance in the table.
  const byUnderlying = new Map<string, { cents: number; rows: number[] }>();
  for (const r of counted) {
    const entry = byUnderlying.get(r.underlying) ?? { cents: 0, rows: [] };
    entry.cents += r.assignmentValueCents;
    entry.rows.push(r.row);
    byUnderlying.set(r.underlying, entry);
  }
  const underlyings: UnderlyingExposure[] = [...byUnderlying.entries()]
    .map(([underlying, e]) => ({
      underlying,
      exposureCents: e.cents,
      pctOfAccount: accountCents === null ? null : e.cents / accountCents,
      overLimit:
        accountCents !== null && inputs.concentrationLimit !== null && exceedsShare(e.cents, accountCents, inputs.concentrationLimit),
      rows: e.rows,
    }))
    .sort((a, b) => b.exposureCents - a.exposureCents || a.underlying.localeCompare(b.underlying));

  const running: RunningEntry[] = [];
  let total = 0;
  for (const r of inOpenOrder(counted)) {
    total += r.assignmentValueCents;
    running.push({ row: r.row, runningTotalCents: total, overBudget: budgetCents !== null && total > budgetCents });
  }
  const incomeReview = buildIncomeReview({
    asOf: request.asOf,
    inputs: request.inputs,
    accountCents,
    cashCents,
    exposureCents,
    highVixCap: inputs.highVixCap,
    concentrationLimit: inputs.concentrationLimit,
    underlyings: underlyings.length,
    positions: { table: request.table, facts, taken },
    strategies: depth === "kinds" || reading.layout === "history" ? openKinds : undefined,
    ledger,
    ledgerTable: request.brokerLedger ?? null,
    cashFlows: request.cashFlows ?? null,
    reviewLogs: request.reviewLogs ?? [],
  });
  // RULES.md check 3: assignment cash is Cash less the withdrawal reserve held in it (INCOME.md).
  const { backing, shortfallCents: cashShortfallCents } = backingOf(incomeReview.income.assignmentCashCents, exposureCents);

  let errorRowCount = 0;
  let excludedRowCount = 0;
  const problemRows: number[] = [];
  for (const r of rows) {
    if (r.status === "excluded") excludedRowCount++;
    else {
      if (r.status === "error") errorRowCount++;
      if (r.problems.length > 0) problemRows.push(r.row);
    }
  }

  return {
    source: request.table.source ?? null,
    asOf: request.asOf,
    inputs,
    inputErrors: [...inputErrors, ...incomeReview.inputErrors],
    mapping,
    reading,
    capPct,
    budgetCents,
    exposureCents,
    exposurePctOfAccount: accountCents === null ? null : exposureCents / accountCents,
    headroomCents,
    withinCap: budgetCents === null ? null : exposureCents <= budgetCents,
    backing,
    cashShortfallCents,
    underlyings,
    rows,
    running,
    overBudgetRows: inSheetOrder(running.filter((e) => e.overBudget).map((e) => e.row)),
    concentrationRows: inSheetOrder(underlyings.filter((u) => u.overLimit).flatMap((u) => u.rows)),
    expiredOpenRows: counted.filter((r) => r.expiration !== null && r.expiration < request.asOf).map((r) => r.row),
    problemRows,
    errorRowCount,
    countedRowCount: counted.length,
    excludedRowCount,
    income: incomeReview.income,
    discipline: incomeReview.discipline,
  };
}
