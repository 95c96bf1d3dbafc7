import { ColumnMapping, RowResult, TableData } from "./types";
import { isBlank, showCell } from "./cells";
import { readSideWord } from "./words";

/**
 * RULES.md "Transaction histories": a table is a history, not a position list, when it has an
 * open/close column or its side cells use closing words. Returns what shows it, or null.
 * (A broker's trade or order history recognised by its format is its profile's to say.)
 */
export function transactionHistoryEvidence(table: TableData, mapping: ColumnMapping): string | null {
  const { columns, headers } = mapping;
  if (columns.openClose !== undefined) return `it has an open/close column, '${headers.openClose}'`;
  const side = columns.side;
  if (side === undefined) return null;
  for (let i = 0; i < table.rows.length; i++) {
    const cell = table.rows[i][side] ?? null;
    if (!isBlank(cell) && readSideWord(cell) === "closing") {
      return `its ${headers.side} column says ${showCell(cell)} on row ${table.headerRow + 1 + i}, a closing word`;
    }
  }
  return null;
}

/** True when the table is a transaction history that must be reduced to open positions first. */
export function isTransactionHistory(table: TableData, mapping: ColumnMapping): boolean {
  return transactionHistoryEvidence(table, mapping) !== null;
}

/** A history reduced to its open lots: counted lots traced to their opening rows, and what the reduction says. */
export interface HistoryReading {
  /** One row per open lot (row = the sheet row of its opening trade), plus excluded and error rows. */
  rows: RowResult[];
  /** Lines for the review, the first saying what was read ("read as a transaction history: 163 trades, 4 open lots"). */
  notes: string[];
}

export type HistoryResult = { ok: true; reading: HistoryReading } | { ok: false; message: string };

/**
 * The one hook through which every transaction history is read. The reduction itself (group by
 * contract, first in first out, RULES.md "Transaction histories") lands in src/core/history.ts;
 * until then a history is refused as a whole, so no host ever counts it as a position list.
 */
export function reduceHistory(table: TableData, mapping: ColumnMapping): HistoryResult {
  const why = transactionHistoryEvidence(table, mapping) ?? "it is a transaction history";
  return {
    ok: false,
    message: `it is a transaction history (${why}), and reading a history into open positions is not available yet: nothing in it was counted. Review a list of open positions instead`,
  };
}
