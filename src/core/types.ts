/** A cell as every host hands it to the core: Excel and exceljs values reduced to plain data. */
export type Cell = string | number | boolean | null;

/** The fields of a position row the rules know about. */
export type Field =
  | "symbol"
  | "underlying"
  | "type"
  | "strike"
  | "quantity"
  | "expiration"
  | "status"
  | "openDate"
  | "closeDate"
  | "side"
  | "multiplier";

export const FIELDS: readonly Field[] = [
  "symbol",
  "underlying",
  "type",
  "strike",
  "quantity",
  "expiration",
  "status",
  "openDate",
  "closeDate",
  "side",
  "multiplier",
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
  source?: TableSource;
  /** The sheet row of each body row, for tables whose rows are not contiguous (a section, rows under group rows). */
  rowNumbers?: number[];
  /** Which header holds which field, when the table's maker knows (a broker profile); the user's overrides still win. */
  columnHints?: ColumnOverrides;
}

/** The inputs as read from the workbook (named cells and stored settings), not yet validated. */
export interface RawInputs {
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

export type InputName = "AccountValue" | "Cash" | "VIX" | "HighVixCap" | "ConcentrationLimit";

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

export type ExcludedReason = "not a put" | "long" | "closed";

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
  /** Problems that make the table unusable (no strike column, an override naming no header). */
  errors: string[];
  /** Readings the user should know about (e.g. "no type column: every row is treated as a put"). */
  notes: string[];
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
  /** Set when the table was read as a transaction history (src/core/history.ts). */
  history?: HistorySummary;
}

/** What the review says of a history it reduced to open lots. */
export interface HistorySummary {
  /** The format, e.g. "tastytrade transaction history", or "transaction history". */
  label: string;
  trades: number;
  openLots: number;
  notes: string[];
  /** Net option cash by trade date: credits +, debits -, fees included (INCOME.md). */
  ledger: { date: number; cents: number; row: number }[];
}
