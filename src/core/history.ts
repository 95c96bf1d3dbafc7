import { ColumnMapping, HistoryReading, TableData } from "./types";
import { transactionHistoryEvidence } from "./history-detect";

/**
 * RULES.md "Transaction histories": the one hook through which every transaction history is
 * reduced to its open lots (group by contract, first in first out). This is a stub that keeps
 * the signature: until the reduction lands, a history is refused as a whole (a table-level
 * problem), so no host ever counts it as a position list or calls it within the cap.
 */
export function reduceHistory(table: TableData, mapping: ColumnMapping): HistoryReading {
  const why = transactionHistoryEvidence(table, mapping) ?? "it is a transaction history";
  return {
    rows: [],
    ledger: [],
    trades: 0,
    openLots: 0,
    notes: [],
    problems: [
      `it is a transaction history (${why}), and transaction histories are not read yet: nothing in it was counted. Review a list of open positions instead`,
    ],
  };
}
