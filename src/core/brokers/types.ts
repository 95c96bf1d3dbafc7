import { Cell, CellProblem, TableData } from "../types";
import { OptionSymbol } from "../options";

/** What one history row does to the open lots of its contract (RULES.md "Transaction histories"). */
export type TradeEvent =
  /** sell to open: a short lot */
  | "sto"
  /** buy to open: a long lot */
  | "bto"
  /** buy to close: removes short contracts, first in first out */
  | "btc"
  /** sell to close: removes long contracts */
  | "stc"
  /** an order list's sell with no open/close word: adds to the short contracts */
  | "sell"
  /** an order list's buy: closes short contracts first, then opens long ones */
  | "buy"
  /** expiration: removes short contracts (long ones when none is short) */
  | "expire"
  /** assignment: removes short contracts */
  | "assign"
  /** exercise: removes long contracts (short ones when none is long) */
  | "exercise";

/** The contract a trade is in: its lots are its own (RULES.md: underlying, expiration, strike, put/call, multiplier). */
export type TradeContract = Omit<OptionSymbol, "underlying" | "expiration"> & {
  underlying: string;
  /** Null only in a log that has no expiration column at all: its contracts are told apart by the rest. */
  expiration: number | null;
};

/** One row of a history as a profile reads it. */
export type TradeReading =
  /** Not an option trade (cash, stock, a cancelled order, a detail row): left out of the history quietly. */
  | { kind: "skip" }
  | {
      kind: "trade";
      event: TradeEvent;
      contract: TradeContract;
      multiplier: number;
      /** Contracts, above 0 (ignored when wholePosition). */
      quantity: number;
      /** An expiration or assignment that names no count (Fidelity): it ends whatever is open of the contract. */
      wholePosition?: boolean;
      /** Excel serial day of the trade. */
      date: number | null;
      /** Net cash of the trade in cents (credit +, debit -, fees included), or null when the file gives none. */
      cents: number | null;
    }
  /** An option row that cannot be read: an error row, never skipped. */
  | { kind: "error"; problems: CellProblem[] };

/** Reads the cells of one body row by the profile's column roles. */
export interface RowReader {
  /** Sheet row number. */
  row: number;
  cell(role: string): Cell;
  text(role: string): string;
  has(role: string): boolean;
  problem(role: string, message: string): CellProblem;
}

interface ProfileBase {
  id: string;
  /** What the review calls the format: "tastytrade transaction history". */
  label: string;
  broker: string;
  /** Header names (as written) that together identify the format; all must be present. The other columns it reads are
   * looked for after that, so a recognised file missing one is refused naming it. */
  signature: readonly string[];
  /** Column role -> header names that may hold it (as written; compared ignoring case, spaces and punctuation). */
  columns: Readonly<Record<string, readonly string[]>>;
  /** Roles whose absence makes the file unreadable: the refusal names the column. */
  required: readonly string[];
}

/** A transaction or order history: reduced to open lots and a ledger by src/core/history.ts. */
export interface HistoryProfile extends ProfileBase {
  kind: "history";
  /** Oldest row first, or newest first (tastytrade, Robinhood, Schwab list the newest first). */
  order: "oldest-first" | "newest-first";
  /** Whether the file's amount already includes commissions and fees (said in docs/brokers.md). */
  amountIncludesFees: boolean;
  /** Rows with a blank date are further legs of the order above them and share its date (thinkorswim spreads). */
  legsInheritDate?: boolean;
  read(row: RowReader): TradeReading;
}

/**
 * A format that is not one header row over a body (sections, group rows) or whose option notation
 * needs reading before the generic reader can: recognised from a sheet's top rows, it gives the
 * table the generic reader reads (with the sheet row of every body row).
 */
export interface SheetProfile {
  id: string;
  label: string;
  broker: string;
  claims(top: readonly (readonly Cell[])[]): boolean;
  extract(grid: readonly (readonly Cell[])[], sheet: string): TableData | { error: string };
}

export type BrokerProfile = HistoryProfile;
