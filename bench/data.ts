import { Cell, TableData } from "../src/core/types";

/** A put seller's log of `rows` rows as broker exports and trackers write them. */
export function positionTable(rows: number): TableData {
  const tickers = ["KO", "PFE", "T", "VZ", "INTC", "F", "BAC", "WFC", "XOM", "CSCO", "MO", "KHC", "GM", "AAL", "CCL"];
  const statuses = ["Open", "Open", "Open", "Closed", "Expired", "Assigned", ""];
  const body: Cell[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    body[i] = [
      tickers[i % tickers.length],
      i % 9 === 0 ? "Call" : "Put",
      i % 11 === 0 ? "Buy" : "Sell",
      i % 5 === 0 ? `$${(10 + (i % 90)).toFixed(2)}` : 10 + (i % 90) + (i % 4) * 0.5,
      1 + (i % 4),
      i % 3 === 0 ? `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` : 45600 + (i % 400),
      statuses[i % statuses.length],
    ];
  }
  return { header: ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Status"], rows: body, headerRow: 1, firstColumn: 1 };
}
