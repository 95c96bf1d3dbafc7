import { Review, RowResult, TableReading } from "./types";
import { Verdict, verdict } from "./verdict";
import { toDollars } from "./rules";
import { isoFromSerial } from "./cells";
import { DisciplineJson, disciplineToJson, IncomeJson, incomeToJson } from "./income-json";

/** The JSON form of a review, in dollars: the contract of `review --json` and of any host that exports. */
export interface ReviewJson {
  table: { sheet: string; name: string | null; range: string } | null;
  asOf: string;
  /** The headline every host shows: state and sentence. */
  verdict: Verdict;
  /** How the table was read: list or history, sign convention, put-log reading, summary rows, notes. */
  reading: ReadingJson;
  settings: {
    accountValue: number | null;
    cash: number | null;
    vix: number | null;
    highVixCap: number | null;
    concentrationLimit: number | null;
  };
  capPct: number | null;
  budget: number | null;
  exposure: number;
  exposurePctOfAccount: number | null;
  headroom: number | null;
  withinCap: boolean | null;
  backing: Review["backing"];
  cashShortfall: number | null;
  underlyings: { underlying: string; exposure: number; pctOfAccount: number | null; overLimit: boolean }[];
  rows: RowJson[];
  overBudgetRows: number[];
  concentrationRows: number[];
  expiredOpenRows: number[];
  inputErrors: { input: string; message: string }[];
  mapping: { columns: Record<string, string>; errors: string[]; notes: string[] };
  /** INCOME.md "The figures" (issue 12): dollars, fractions, null where a figure cannot be had (the reason in inputErrors or notes). */
  income: IncomeJson;
  /** INCOME.md "Discipline". */
  discipline: DisciplineJson;
  /** What the income and discipline figures could not use or had to assume, in plain words. */
  notes: string[];
}

/** The reading as JSON: a history's ledger in dollars and ISO dates. */
export type ReadingJson = Omit<TableReading, "history"> & { history?: HistoryJson };

export interface HistoryJson {
  /** "tastytrade transaction history", or "transaction history" for a log in no broker's format. */
  format: string;
  trades: number;
  openLots: number;
  /** Every option cash amount: credit +, debit -, fees included; row is the trade's sheet row. */
  ledger: { date: string; amount: number; row: number }[];
}

export type RowJson =
  | {
      row: number;
      status: "counted";
      underlying: string;
      strike: number;
      contracts: number;
      multiplier: number;
      assignmentValue: number;
      runningTotal: number;
      overBudget: boolean;
      overConcentration: boolean;
      expiredOpen: boolean;
      problems?: { column: string; cell: string; message: string }[];
    }
  | { row: number; status: "excluded"; underlying: string | null; reason: string; detail: string }
  | { row: number; status: "error"; column: string; cell: string; message: string; problems: { column: string; cell: string; message: string }[] };

/** Rounds a share to 6 decimals so JSON shows 0.122, not 0.12200000000000001. */
const share = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

export function reviewToJson(review: Review): ReviewJson {
  const running = new Map(review.running.map((e) => [e.row, e]));
  const concentration = new Set(review.concentrationRows);
  const expired = new Set(review.expiredOpenRows);
  const columns: Record<string, string> = {};
  for (const [field, header] of Object.entries(review.mapping.headers)) columns[field] = header as string;
  return {
    table: review.source ? { sheet: review.source.sheet, name: review.source.name, range: review.source.range } : null,
    asOf: isoFromSerial(review.asOf),
    verdict: verdict(review),
    reading: readingToJson(review.reading),
    settings: { ...review.inputs },
    capPct: review.capPct,
    budget: review.budgetCents === null ? null : toDollars(review.budgetCents),
    exposure: toDollars(review.exposureCents),
    exposurePctOfAccount: share(review.exposurePctOfAccount),
    headroom: review.headroomCents === null ? null : toDollars(review.headroomCents),
    withinCap: review.withinCap,
    backing: review.backing,
    cashShortfall: review.cashShortfallCents === null ? null : toDollars(review.cashShortfallCents),
    underlyings: review.underlyings.map((u) => ({
      underlying: u.underlying,
      exposure: toDollars(u.exposureCents),
      pctOfAccount: share(u.pctOfAccount),
      overLimit: u.overLimit,
    })),
    rows: review.rows.map((r) => rowToJson(r, running, concentration, expired)),
    overBudgetRows: review.overBudgetRows,
    concentrationRows: review.concentrationRows,
    expiredOpenRows: review.expiredOpenRows,
    inputErrors: review.inputErrors.map((e) => ({ input: e.input, message: e.message })),
    mapping: { columns, errors: review.mapping.errors, notes: review.mapping.notes },
    income: incomeToJson(review.income),
    discipline: disciplineToJson(review.discipline),
    notes: [...review.income.notes, ...review.discipline.notes],
  };
}

function readingToJson(reading: TableReading): ReadingJson {
  const { history, ...rest } = reading;
  const out: ReadingJson = { ...rest, summaryRows: [...reading.summaryRows], problems: [...reading.problems], notes: [...reading.notes] };
  if (history) {
    out.history = {
      format: history.format,
      trades: history.trades,
      openLots: history.openLots,
      ledger: history.ledger.map((e) => ({ date: isoFromSerial(e.date), amount: toDollars(e.cents), row: e.row })),
    };
  }
  return out;
}

function rowToJson(
  r: RowResult,
  running: Map<number, { runningTotalCents: number; overBudget: boolean }>,
  concentration: Set<number>,
  expired: Set<number>,
): RowJson {
  if (r.status === "excluded") {
    return { row: r.row, status: "excluded", underlying: r.underlying, reason: r.reason, detail: r.detail };
  }
  if (r.status === "error") {
    const first = r.problems[0];
    return { row: r.row, status: "error", column: first.column, cell: first.cell, message: first.message, problems: r.problems };
  }
  const e = running.get(r.row);
  const out: RowJson = {
    row: r.row,
    status: "counted",
    underlying: r.underlying,
    strike: r.strike,
    contracts: r.contracts,
    multiplier: r.multiplier,
    assignmentValue: toDollars(r.assignmentValueCents),
    runningTotal: e ? toDollars(e.runningTotalCents) : 0,
    overBudget: e ? e.overBudget : false,
    overConcentration: concentration.has(r.row),
    expiredOpen: expired.has(r.row),
  };
  if (r.problems.length > 0) out.problems = r.problems;
  return out;
}
