import { buildReview, Cell, RawInputs, Review, TableData } from "../../src/core";
import { day } from "../helpers/income";

/**
 * INCOME.md's worked example through buildReview (D = 2026-11-27; IncomeTarget 3,000; Withdrawal
 * 2,000; Reserve 20,000; net premium Nov 2025 to Oct 2026: 3,000; 3,500; 2,800; 3,200; 3,100;
 * -400; 3,600; 3,300; 3,000; 2,900; 3,400; 3,600), with a Review Log and CashFlows of our own so
 * that the Discipline section has weeks and flags to show.
 */
export const D = day("2026-11-27");
const header: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Close Date", "Status", "Premium", "Close Price", "Strategy"];

const closed = (t: string, strike: number, qty: number, open: string, premium: number, close?: [string, number]): Cell[] => [
  t, "Put", "Sell", strike, qty, day(open), day(close ? close[0] : open), close ? "Closed" : "Expired", premium, close ? close[1] : null, "short put",
];
const open = (t: string, strike: number, qty: number, date: string, premium: number, strategy = "short put"): Cell[] => [t, "Put", "Sell", strike, qty, day(date), null, "Open", premium, null, strategy];

const ROWS: Cell[][] = [
  closed("KO", 60, 2, "2025-11-03", 15),
  closed("PFE", 30, 5, "2025-12-01", 7),
  closed("T", 20, 4, "2026-01-05", 7),
  closed("KO", 60, 4, "2026-02-02", 8),
  closed("PFE", 30, 5, "2026-03-02", 6.2),
  closed("T", 20, 2, "2026-04-06", 3, ["2026-04-20", 5]),
  closed("KO", 60, 6, "2026-05-04", 6),
  closed("PFE", 30, 5, "2026-06-01", 6.6),
  closed("T", 20, 5, "2026-07-06", 6),
  closed("KO", 60, 5, "2026-08-03", 5.8),
  closed("PFE", 30, 4, "2026-09-07", 8.5),
  closed("T", 20, 4, "2026-10-05", 9),
  open("KO", 60, 1, "2026-11-02", 1),
  open("PFE", 25, 4, "2026-11-09", 0.5),
  open("T", 17, 5, "2026-11-16", 0.2),
  open("KO", 62, 1, "2026-11-23", 1.2),
];

/** Reviews in W40, W41, W43 (over budget), W45, W46, W47: W42 and W44 missed; the last one at a higher account value. */
export function reviewLog(): TableData {
  const h: Cell[] = ["Date", "Account value", "Exposure", "Within cap", "High-VIX cap", "Strategies", "Withdrawal"];
  const r = (date: string, account: number, exposure: number, within: string): Cell[] => [day(date), account, exposure, within, 0.45, "short put", 2000];
  return {
    header: h,
    rows: [
      r("2026-10-02", 98000, 20000, "yes"),
      r("2026-10-09", 99000, 21000, "yes"),
      r("2026-10-23", 99000, 33000, "no"),
      r("2026-11-06", 101000, 22000, "yes"),
      r("2026-11-13", 103000, 20000, "yes"),
      r("2026-11-20", 105000, 20000, "yes"),
    ],
    headerRow: 1,
    firstColumn: 1,
    source: { sheet: "Review Log", name: "ReviewLog", range: "A1:G7" },
  };
}

export function cashFlows(): TableData {
  return { header: ["Date", "Amount", "Kind", "Planned"], rows: [[day("2026-10-15"), 1500, "Withdrawal", "N"]], headerRow: 1, firstColumn: 1, source: { sheet: "Cash", name: "CashFlows", range: "A1:D2" } };
}

/**
 * The example as the pane gets it. `withLog` adds the log and (unless `withFlows` is false) the flows; `newStrategy` one more
 * open put under that strategy name (a strategy the log has not seen); `inputs` override the names.
 */
export function incomeReview(opts: { inputs?: RawInputs; withLog?: boolean; withFlows?: boolean; newStrategy?: string } = {}): Review {
  const rows = opts.newStrategy ? [...ROWS, open("F", 10, 1, "2026-11-24", 0.1, opts.newStrategy)] : ROWS;
  return buildReview({
    table: { header, rows, headerRow: 1, firstColumn: 1, source: { sheet: "Positions", name: "Positions", range: `A1:K${rows.length + 1}` } },
    inputs: { accountValue: 100000, cash: 40000, vix: 18, incomeTarget: 3000, withdrawal: 2000, reserve: 20000, ...opts.inputs },
    asOf: D,
    cashFlows: (opts.withFlows ?? opts.withLog) ? cashFlows() : null,
    reviewLogs: opts.withLog ? [reviewLog()] : [],
  });
}
