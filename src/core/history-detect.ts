import { ColumnMapping, TableData } from "./types";
import { isBlank, sheetRow, showCell } from "./cells";
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
      return `its ${headers.side} column says ${showCell(cell)} on row ${sheetRow(table, i)}, a closing word`;
    }
  }
  return null;
}

/** True when the table is a transaction history that must be reduced to open positions first. */
export function isTransactionHistory(table: TableData, mapping: ColumnMapping): boolean {
  return transactionHistoryEvidence(table, mapping) !== null;
}
