import type { IncomeInputName, RawIncomeInputs } from "./income-inputs";
import type { ReviewIncome } from "./income-review";
import type { DisciplineFigures } from "./discipline";

/** A cell as every host hands it to the core: Excel and exceljs values reduced to plain data. */
export type Cell = string | number | boolean | null;

/** The fields of a position row the rules know about. */
export type Field =
  | "symbol"
  | "underlying"
  | "description"
  | "type"
  | "assetClass"
  | "strike"
  | "quantity"
  | "expiration"
  | "status"
  | "openFlag"
  | "openDate"
  | "closeDate"
  | "side"
  | "openClose"
  | "multiplier"
  | "levelOfDetail";

/** Every field, in the order headers are matched and the mapping is shown. */
export const FIELDS: readonly Field[] = [
  "symbol",
  "underlying",
  "description",
  "type",
  "assetClass",
  "strike",
  "quantity",
  "expiration",
  "status",
  "openFlag",
  "openDate",
  "closeDate",
  "side",
  "openClose",
  "multiplier",
  "levelOfDetail",
];

/**
 * A user's correction of the detected mapping: the header text to use for a field,
 * or null to ignore a column the matcher would otherwise pick.
 */
export type ColumnOverrides = Partial<Record<Field, string | null>>;

/** Where a table sits on its sheet, so the core can name rows and cells as Excel shows them. */
export interface TableSource {
  sheet: string;
  /** The Excel table's name, or null for a plain range. */
  name: string | null;
  /** A1 address of the whole table including the header row, e.g. "A1:H9". */
  range: string;
  /** How it was found, for the review to say (src/core/find.ts describePlace). */
  found?: string;
}

/** A position table as plain data: header row plus body rows. */
export interface TableData {
  header: Cell[];
  rows: Cell[][];
  /** Sheet row number (1-based) of the header row; body row i is at headerRow + 1 + i. */
  headerRow: number;
  /** Sheet column number (1-based) of the table's first column. */
  firstColumn: number;
  /**
   * The sheet row of each body row, for tables whose rows are not contiguous (a section of a
   * multi-section CSV, rows under group rows); without it body row i is at headerRow + 1 + i.
   */
  rowNumbers?: number[];
  source?: TableSource;
  /** Which header holds which field, when the table's maker knows (a broker profile); the user's overrides still win. */
  columnHints?: ColumnOverrides;
  /**
   * True when the table's maker knows its symbol or description column is where options are
   * written (a broker's position export): a plain ticker there with no strike is then not an
   * option even when no row holds an option today.
   */
  optionSymbols?: boolean;
}

/**
 * The inputs as read from the workbook (named cells and stored settings), not yet validated:
 * the capital inputs of RULES.md and the income inputs of INCOME.md.
 */
export interface RawInputs extends RawIncomeInputs {
  accountValue?: Cell;
  cash?: Cell;
  vix?: Cell;
  highVixCap?: Cell;
  concentrationLimit?: Cell;
}

/** The inputs after validation. Null means missing or unusable (see Review.inputErrors). */
export interface Inputs {
  /** Dollars. */
  accountValue: number | null;
  /** Dollars. */
  cash: number | null;
  vix: number | null;
  highVixCap: number | null;
  concentrationLimit: number | null;
}

export type InputName = "AccountValue" | "Cash" | "VIX" | "HighVixCap" | "ConcentrationLimit" | IncomeInputName;

export interface InputError {
  input: InputName;
  message: string;
}

export interface CellProblem {
  /** Header text of the column (or the field name when the column has no header). */
  column: string;
  /** A1 address of the cell, e.g. "D7". */
  cell: string;
  message: string;
}

export type ExcludedReason = "not a put" | "not an option" | "long" | "closed" | "summary row" | "detail row";

interface RowBase {
  /** Sheet row number as Excel shows it. */
  row: number;
  /** Position of the row in the table body (0-based). */
  index: number;
  underlying: string | null;
}

export interface CountedRow extends RowBase {
  status: "counted";
  underlying: string;
  strike: number;
  contracts: number;
  multiplier: number;
  assignmentValueCents: number;
  /** Excel serial day numbers, or null when the table has none or the cell is unreadable. */
  openDate: number | null;
  expiration: number | null;
  /** Problems in cells that did not stop the row from counting (unreadable dates). */
  problems: CellProblem[];
}

export interface ExcludedRow extends RowBase {
  status: "excluded";
  reason: ExcludedReason;
  /** The words shown to the user, e.g. "closed (Status says Expired)". */
  detail: string;
}

export interface ErrorRow extends RowBase {
  status: "error";
  problems: CellProblem[];
}

export type RowResult = CountedRow | ExcludedRow | ErrorRow;

export interface ColumnMapping {
  /** Field -> 0-based column index in the table. */
  columns: Partial<Record<Field, number>>;
  /** Field -> header text as the user wrote it. */
  headers: Partial<Record<Field, string>>;
  /** True when the symbol column is read as option symbols (an underlying column exists too). */
  symbolIsOption: boolean;
  /** Problems in the header that make the table unusable (no strike column, an override naming no header). */
  errors: string[];
  /** Readings of the header the user should know about (e.g. "No strike column: strikes are read from option symbols"). */
  notes: string[];
}

/**
 * How quantities say short or long (RULES.md "Sign convention"): a side column; with none, the
 * broker's convention (negative is short) when an open put row holds a negative quantity, else a
 * put-selling log (positive is short).
 */
export type SignConvention = "side column" | "broker" | "put-selling log";

/** A cash movement of a transaction history: what a trade credited (+) or debited (-), fees included. */
export interface LedgerEntry {
  /** Excel serial day. */
  date: number;
  cents: number;
  /** Sheet row of the trade. */
  row: number;
}

/** A transaction history reduced to open lots (RULES.md "Transaction histories"), by reduceHistory in history.ts. */
export interface HistoryReading {
  /** One row per open lot, its `row` the sheet row of the opening trade and its openDate that trade's date; plus excluded and error rows. */
  rows: RowResult[];
  ledger: LedgerEntry[];
  trades: number;
  openLots: number;
  /** Lines for the review, the first saying what was read ("read as a transaction history: 163 trades, 4 open lots"). */
  notes: string[];
  /** Why the history as a whole cannot be read; empty when it was read. */
  problems: string[];
  /** What the reading calls the file: "tastytrade transaction history", or "transaction history" for a log in no broker's format. */
  format: string;
  /** True when rows with a strike were read as puts because no type column or option symbol says (a tracker's log). */
  putLog?: boolean;
}

/** What a review keeps of a history it reduced to open lots: what was read, and the ledger for the income figures. */
export interface HistoryFacts {
  format: string;
  trades: number;
  openLots: number;
  /** Every option cash amount by trade date (credits +, debits -, fees included): INCOME.md's record. */
  ledger: LedgerEntry[];
}

/** How the table was read, for every host to show beside the figures. */
export interface TableReading {
  /** A list of positions, or a transaction history reduced to open lots first. */
  layout: "positions" | "history";
  /** Null for a history (its reduction decides) or a table that could not be read. */
  sign: SignConvention | null;
  /** True when rows with a strike were read as puts because no type column or option symbol says. */
  putLog: boolean;
  /** Sheet rows skipped as summary rows (Total, Subtotal ...). */
  summaryRows: number[];
  /** Why the table as a whole cannot be read; empty when it was read. */
  problems: string[];
  /** Every line a host shows about the reading, in order: sign convention, put log, summaries, history, header notes. */
  notes: string[];
  /** Present when the table was a transaction history reduced to open lots. */
  history?: HistoryFacts;
}

export interface UnderlyingExposure {
  underlying: string;
  exposureCents: number;
  /** Share of the account, or null without an account value. */
  pctOfAccount: number | null;
  overLimit: boolean;
  rows: number[];
}

export type Backing = "cash-secured" | "portfolio-backed" | "unknown";

/** A counted row's place in the over-budget walk. */
export interface RunningEntry {
  row: number;
  runningTotalCents: number;
  overBudget: boolean;
}

/** Every figure a host shows. Money in whole cents. */
export interface Review {
  source: TableSource | null;
  /** Serial day the review was computed for (Excel date). */
  asOf: number;
  inputs: Inputs;
  inputErrors: InputError[];
  mapping: ColumnMapping;
  reading: TableReading;
  capPct: number | null;
  budgetCents: number | null;
  exposureCents: number;
  /** Exposure as a share of the account, or null without an account value. */
  exposurePctOfAccount: number | null;
  headroomCents: number | null;
  withinCap: boolean | null;
  backing: Backing;
  cashShortfallCents: number | null;
  underlyings: UnderlyingExposure[];
  rows: RowResult[];
  /** Counted rows in open order with their running total. */
  running: RunningEntry[];
  overBudgetRows: number[];
  concentrationRows: number[];
  expiredOpenRows: number[];
  /** Rows with any cell problem: error rows, and counted rows with an unreadable date. */
  problemRows: number[];
  errorRowCount: number;
  countedRowCount: number;
  excludedRowCount: number;
  /** INCOME.md "The figures" (src/core/income-review.ts ReviewIncome): months, ceiling, reserve, in cents. */
  income: ReviewIncome;
  /** INCOME.md "Discipline": the streak, missed and over-budget weeks, and every flag in plain words. */
  discipline: DisciplineFigures;
}
