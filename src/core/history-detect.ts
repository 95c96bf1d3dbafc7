import { ColumnMapping, TableData } from "./types";
import { isBlank, sheetRow, showCell } from "./cells";
import { readSideWord } from "./words";
import { historyProfileFor } from "./brokers/registry";

/**
 * RULES.md "Transaction histories": a table is a history, not a position list, when it has an
 * open/close column or its side cells use closing words, or when a broker profile
 * (src/core/brokers/) recognises its header row as a trade or order history. Returns what shows
 * it, or null.
 */
export function transactionHistoryEvidence(table: TableData, mapping: ColumnMapping): string | null {
  const profile = historyProfileFor(table.header);
  if (profile) return `its header row is a ${profile.label}'s`;
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
