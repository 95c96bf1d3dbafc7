import { buildReview, Cell, Review, TableData } from "../../src/core";
import { buildIncomeReview, IncomeReview } from "../../src/core/income-review";
import { RawIncomeInputs } from "../../src/core/income-inputs";
import { day, option, positions, RowSpec } from "../helpers/income";

/**
 * INCOME.md's worked example through the core (D = 2026-11-27; IncomeTarget 3,000; Withdrawal
 * 2,000; Reserve 20,000; net premium Nov 2025 to Oct 2026: 3,000; 3,500; 2,800; 3,200; 3,100;
 * -400; 3,600; 3,300; 3,000; 2,900; 3,400; 3,600), with a Review Log and CashFlows of our own
 * so that the Discipline section has weeks and flags to show.
 */
export const D = day("2026-11-27");
const header: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Close Date", "Status", "Premium", "Close Price"];

function closedPut(ticker: string, strike: number, qty: number, open: string, premium: number, close?: { date: string; price: number }): RowSpec {
  return {
    cells: [ticker, "Put", "Sell", strike, qty, day(open), day(close?.date ?? open), close ? "Closed" : "Expired", premium, close?.price ?? null],
    facts: option({ strike, contracts: qty, openDate: day(open), closeDate: day(close?.date ?? open), closed: true, expired: !close }),
  };
}
function openPut(ticker: string, strike: number, qty: number, open: string, premium: number): RowSpec {
  return { cells: [ticker, "Put", "Sell", strike, qty, day(open), null, "Open", premium, null], facts: option({ strike, contracts: qty, openDate: day(open) }) };
}

const specs: RowSpec[] = [
  closedPut("KO", 60, 2, "2025-11-03", 15),
  closedPut("PFE", 30, 5, "2025-12-01", 7),
  closedPut("T", 20, 4, "2026-01-05", 7),
  closedPut("KO", 60, 4, "2026-02-02", 8),
  closedPut("PFE", 30, 5, "2026-03-02", 6.2),
  closedPut("T", 20, 2, "2026-04-06", 3, { date: "2026-04-20", price: 5 }),
  closedPut("KO", 60, 6, "2026-05-04", 6),
  closedPut("PFE", 30, 5, "2026-06-01", 6.6),
  closedPut("T", 20, 5, "2026-07-06", 6),
  closedPut("KO", 60, 5, "2026-08-03", 5.8),
  closedPut("PFE", 30, 4, "2026-09-07", 8.5),
  closedPut("T", 20, 4, "2026-10-05", 9),
  openPut("KO", 60, 1, "2026-11-02", 1),
  openPut("PFE", 25, 4, "2026-11-09", 0.5),
  openPut("T", 17, 5, "2026-11-16", 0.2),
  openPut("KO", 62, 1, "2026-11-23", 1.2),
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
  };
}

export function cashFlows(): TableData {
  return { header: ["Date", "Amount", "Kind", "Planned"], rows: [[day("2026-10-15"), 1500, "Withdrawal", "N"]], headerRow: 1, firstColumn: 1 };
}

export interface IncomeCase {
  review: Review;
  income: IncomeReview;
}

/** The example as the pane gets it; `withLog` adds the log and flows, `strategies` what is open now. */
export function incomeCase(opts: { inputs?: RawIncomeInputs; withLog?: boolean; strategies?: string[]; highVixCap?: number } = {}): IncomeCase {
  const { table, facts } = positions(header, specs);
  const review = buildReview({ table, inputs: { accountValue: 100000, cash: 40000, vix: 18 }, asOf: D });
  const income = buildIncomeReview({
    asOf: D,
    inputs: { incomeTarget: 3000, withdrawal: 2000, reserve: 20000, ...opts.inputs },
    accountCents: 10_000_000,
    cashCents: 4_000_000,
    exposureCents: review.exposureCents,
    highVixCap: opts.highVixCap ?? 0.45,
    concentrationLimit: 0.1,
    underlyings: review.underlyings.length,
    positions: { table, facts },
    strategies: opts.strategies,
    reviewLog: opts.withLog ? reviewLog() : null,
    cashFlows: opts.withLog ? cashFlows() : null,
  });
  return { review, income };
}
