import { buildReview, Cell } from "../../src/core";
import { backingOf } from "../../src/core/income-inputs";
import { buildIncomeReview } from "../../src/core/income-review";
import { incomeToJson, disciplineToJson } from "../../src/core/income-json";
import { day, option, positions, RowSpec } from "../helpers/income";

// INCOME.md "Worked example": D = 2026-11-27; IncomeTarget 3,000; Withdrawal 2,000; Reserve 20,000;
// defaults otherwise. Net premium Nov 2025 to Oct 2026: 3,000; 3,500; 2,800; 3,200; 3,100; -400;
// 3,600; 3,300; 3,000; 2,900; 3,400; 3,600. With Cash 40,000 and the RULES.md example's four open
// puts (exposure 30,700) on an account of 100,000 at VIX 18.
const D = day("2026-11-27");
const header: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Close Date", "Status", "Premium", "Close Price"];

/** A closed short put whose per-share premium x 100 x qty is the month's net premium. */
function closedPut(ticker: string, strike: number, qty: number, open: string, premium: number, close?: { date: string; price: number }): RowSpec {
  return {
    cells: [ticker, "Put", "Sell", strike, qty, open, close?.date ?? open, close ? "Closed" : "Expired", premium, close?.price ?? null],
    facts: option({ strike, contracts: qty, openDate: day(open), closeDate: day(close?.date ?? open), closed: true, expired: !close }),
  };
}
function openPut(ticker: string, strike: number, qty: number, open: string, premium: number): RowSpec {
  return { cells: [ticker, "Put", "Sell", strike, qty, open, null, "Open", premium, null], facts: option({ strike, contracts: qty, openDate: day(open) }) };
}

const specs: RowSpec[] = [
  closedPut("KO", 60, 2, "2025-11-03", 15), // 3,000
  closedPut("PFE", 30, 5, "2025-12-01", 7), // 3,500
  closedPut("T", 20, 4, "2026-01-05", 7), // 2,800
  closedPut("KO", 60, 4, "2026-02-02", 8), // 3,200
  closedPut("PFE", 30, 5, "2026-03-02", 6.2), // 3,100
  closedPut("T", 20, 2, "2026-04-06", 3, { date: "2026-04-20", price: 5 }), // 600 - 1,000 = -400
  closedPut("KO", 60, 6, "2026-05-04", 6), // 3,600
  closedPut("PFE", 30, 5, "2026-06-01", 6.6), // 3,300
  closedPut("T", 20, 5, "2026-07-06", 6), // 3,000
  closedPut("KO", 60, 5, "2026-08-03", 5.8), // 2,900
  closedPut("PFE", 30, 4, "2026-09-07", 8.5), // 3,400
  closedPut("T", 20, 4, "2026-10-05", 9), // 3,600
  // RULES.md's open book, sold this month: 100 + 200 + 100 + 120 = 520 month to date.
  openPut("KO", 60, 1, "2026-11-02", 1),
  openPut("PFE", 25, 4, "2026-11-09", 0.5),
  openPut("T", 17, 5, "2026-11-16", 0.2),
  openPut("KO", 62, 1, "2026-11-23", 1.2),
];

describe("INCOME.md worked example", () => {
  const { table, facts } = positions(header, specs);
  const review = buildReview({ table, inputs: { accountValue: 100000, cash: 40000, vix: 18 }, asOf: D });
  const result = buildIncomeReview({
    asOf: D,
    inputs: { incomeTarget: 3000, withdrawal: 2000, reserve: 20000 },
    accountCents: 10_000_000,
    cashCents: 4_000_000,
    exposureCents: review.exposureCents,
    highVixCap: 0.45,
    concentrationLimit: 0.1,
    underlyings: review.underlyings.length,
    positions: { table, facts },
  });
  const f = result.income;

  test("every figure the example states comes out of the core", () => {
    expect(review.exposureCents).toBe(3_070_000);
    expect(f.months.map((m) => m.month)).toEqual([
      "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    ]);
    expect(f.months.map((m) => m.cents / 100)).toEqual([3000, 3500, 2800, 3200, 3100, -400, 3600, 3300, 3000, 2900, 3400, 3600]);
    expect(f.monthToDateCents).toBe(52_000);
    expect(f.t12Cents).toBe(3_500_000);
    expect(f.averageMonthCents).toBe(291_666);
    expect(f.historyMonths).toBe(12);
    expect(f.coverage).toBeCloseTo(0.9722, 4);
    expect(Math.round(f.coverage! * 1000) / 10).toBe(97.2);
    expect(f.predictable).toBe(false);
    expect(f.fragileReasons).toEqual(["1 losing month"]);
    expect(f.ceilingCents).toBe(218_749);
    expect(f.overCeilingCents).toBe(0);
    expect(f.capitalTest).toBe("unknown");
    expect(f.reserveMonths).toBe(10);
    expect(f.reserveShort).toBe(true);
    expect(f.reserveShortfallCents).toBe(400_000);
    expect(f.assignmentCashCents).toBe(2_000_000);
    expect(backingOf(f.assignmentCashCents, review.exposureCents)).toEqual({ backing: "portfolio-backed", shortfallCents: 1_070_000 });
    expect(f.problems).toEqual([]);
    expect(result.inputErrors).toEqual([]);
    expect(result.discipline.flags.map((x) => x.kind)).toEqual(["reserve-short"]);
    expect(result.discipline.streakWeeks).toBe(1);
  });

  test("the JSON sections carry the example in dollars and fractions", () => {
    const json = incomeToJson(f);
    expect(json).toEqual({
      months: [
        { month: "2025-11", income: 3000 },
        { month: "2025-12", income: 3500 },
        { month: "2026-01", income: 2800 },
        { month: "2026-02", income: 3200 },
        { month: "2026-03", income: 3100 },
        { month: "2026-04", income: -400 },
        { month: "2026-05", income: 3600 },
        { month: "2026-06", income: 3300 },
        { month: "2026-07", income: 3000 },
        { month: "2026-08", income: 2900 },
        { month: "2026-09", income: 3400 },
        { month: "2026-10", income: 3600 },
      ],
      monthToDate: 520,
      t12: 35000,
      averageMonth: 2916.66,
      historyMonths: 12,
      predictable: false,
      fragileReasons: ["1 losing month"],
      coverage: 0.97222,
      ceiling: 2187.49,
      capitalTest: "unknown",
      withdrawal: 2000,
      overCeiling: 0,
      withdrawnT12: 0,
      unplannedWithdrawals: [],
      reserveMonths: 10,
      reserveShortfall: 4000,
      assignmentCash: 20000,
      incomeProblems: [],
    });
    const d = disciplineToJson(result.discipline);
    expect(Object.keys(d)).toEqual(["streakWeeks", "missedWeeks", "overBudgetWeeks", "flags"]);
    expect(d.flags).toEqual([{ kind: "reserve-short", message: expect.stringContaining("short of the target by $4,000") }]);
  });
});
