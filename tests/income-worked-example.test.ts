/**
 * INCOME.md "Worked example" as one test through every path: the core (buildReview), the CSP
 * functions called the way Excel calls them on the workbook as Excel's reader reads it (the
 * Excel model), and the command line's `review --json` on the same workbook saved as .xlsx
 * (tests/fixtures/income-worked-example.xlsx, built by scripts/build-fixtures.ts).
 */
import { installCustomFunctionsStub, CustomFunctionsError, FakeInvocation, settle } from "./helpers/custom-functions-stub";
installCustomFunctionsStub();

import { buildReview, Cell, reviewToJson, serialFromYmd } from "../src/core";
import { canWithdrawFn, incomeCoverageFn, incomeFn, reserveMonthsFn, withdrawalCeilingFn, assignmentExposureFn } from "../src/functions/functions";
import { installFormulaSource, LiveFormulas } from "../src/functions/live";
import { SnapshotCache } from "../src/excel/snapshot-cache";
import { readSnapshot } from "../src/excel/read";
import { ExcelModel, workbook } from "./helpers/excel-model";
import { fixture, reviewJson } from "./cli/helpers";

const D = serialFromYmd(2026, 11, 27)!;
const day = (iso: string) => serialFromYmd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))!;
const HEADER: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Close Date", "Status", "Premium", "Close Price"];
/** A closed short put whose premium x 100 x contracts is the month's net premium (April: 600 received, 1,000 paid back). */
const closed = (t: string, strike: number, qty: number, open: string, premium: number, close?: [string, number]): Cell[] => [
  t, "Put", "Sell", strike, qty, day(open), day(close ? close[0] : open), close ? "Closed" : "Expired", premium, close ? close[1] : null,
];
const open = (t: string, strike: number, qty: number, date: string, premium: number): Cell[] => [t, "Put", "Sell", strike, qty, day(date), null, "Open", premium, null];
const ROWS: Cell[][] = [
  closed("KO", 60, 2, "2025-11-03", 15), // 3,000
  closed("PFE", 30, 5, "2025-12-01", 7), // 3,500
  closed("T", 20, 4, "2026-01-05", 7), // 2,800
  closed("KO", 60, 4, "2026-02-02", 8), // 3,200
  closed("PFE", 30, 5, "2026-03-02", 6.2), // 3,100
  closed("T", 20, 2, "2026-04-06", 3, ["2026-04-20", 5]), // 600 - 1,000 = -400
  closed("KO", 60, 6, "2026-05-04", 6), // 3,600
  closed("PFE", 30, 5, "2026-06-01", 6.6), // 3,300
  closed("T", 20, 5, "2026-07-06", 6), // 3,000
  closed("KO", 60, 5, "2026-08-03", 5.8), // 2,900
  closed("PFE", 30, 4, "2026-09-07", 8.5), // 3,400
  closed("T", 20, 4, "2026-10-05", 9), // 3,600
  // RULES.md's open book, sold this month.
  open("KO", 60, 1, "2026-11-02", 1),
  open("PFE", 25, 4, "2026-11-09", 0.5),
  open("T", 17, 5, "2026-11-16", 0.2),
  open("KO", 62, 1, "2026-11-23", 1.2),
];
const INPUTS = { accountValue: 100000, cash: 40000, vix: 18, incomeTarget: 3000, withdrawal: 2000, reserve: 20000 };

// What the example states, in the JSON's dollars.
const MONTHS = [3000, 3500, 2800, 3200, 3100, -400, 3600, 3300, 3000, 2900, 3400, 3600];
const STATED = {
  t12: 35000,
  averageMonth: 2916.66,
  coverage: 0.97222,
  predictable: false,
  fragileReasons: ["1 losing month"],
  ceiling: 2187.49,
  withdrawal: 2000,
  overCeiling: 0,
  reserveMonths: 10,
  reserveShortfall: 4000,
  assignmentCash: 20000,
};

describe("INCOME.md worked example through the core, the formulas and the command line", () => {
  test("the core: every figure the example states, and the book portfolio-backed, short 10,700", () => {
    const review = buildReview({ table: { header: HEADER, rows: ROWS, headerRow: 1, firstColumn: 1 }, inputs: INPUTS, asOf: D });
    const json = reviewToJson(review);
    expect(json.income.months.map((m) => m.income)).toEqual(MONTHS);
    expect(json.income.months[0].month).toBe("2025-11");
    expect(json.income).toMatchObject(STATED);
    expect(Math.round(json.income.coverage! * 1000) / 10).toBe(97.2);
    expect(json).toMatchObject({ exposure: 30700, backing: "portfolio-backed", cashShortfall: 10700 });
    expect(json.discipline.flags.map((f) => f.kind)).toEqual(["reserve-short"]);
  });

  test("the formulas, called as Excel calls them, on the workbook as Excel's reader reads it", async () => {
    const model = new ExcelModel(
      workbook({
        tables: [{ name: "Positions", sheet: "Positions", header: HEADER, rows: ROWS }],
        names: {
          AccountValue: { sheet: "Inputs", cell: "B1", value: 100000 },
          Cash: { sheet: "Inputs", cell: "B2", value: 40000 },
          VIX: { sheet: "Inputs", cell: "B3", value: 18 },
          IncomeTarget: { sheet: "Inputs", cell: "B4", value: 3000 },
          Withdrawal: { sheet: "Inputs", cell: "B5", value: 2000 },
          Reserve: { sheet: "Inputs", cell: "B6", value: 20000 },
        },
      }),
    );
    const cache = new SnapshotCache(() => model.run((context) => readSnapshot(context)));
    installFormulaSource(() => new LiveFormulas(cache, () => D));
    const call = async (fn: (...args: never[]) => void, ...args: unknown[]) => {
      const inv = new FakeInvocation<unknown>();
      (fn as unknown as (...a: unknown[]) => void)(...args, inv.asInvocation());
      await settle(6);
      return inv.last;
    };
    expect(await call(assignmentExposureFn, null)).toBe(30700);
    expect(await call(incomeFn, null)).toBe(35000);
    expect(await call(incomeFn, 1)).toBe(3600);
    expect(await call(incomeFn, 7)).toBe(3600 + 3300 + 3000 + 2900 + 3400 + 3600 - 400);
    expect(await call(incomeCoverageFn)).toBeCloseTo(2916.66 / 3000, 10);
    expect(await call(withdrawalCeilingFn)).toBe(2187.49);
    expect(await call(reserveMonthsFn)).toBe(10);
    // No withdrawal taken this month: 2,187.49 fits the ceiling exactly, a cent more does not.
    expect(await call(canWithdrawFn, 2187.49)).toBe(true);
    expect(await call(canWithdrawFn, 2187.5)).toBe(false);
    const badMonths = await call(incomeFn, 61);
    expect(badMonths).toBeInstanceOf(CustomFunctionsError);
    expect(badMonths).toMatchObject({ code: "#VALUE!", message: "months must be a whole number from 1 to 60" });
  });

  test("the command line: `review --json` carries the same figures under the keys of issue 12", () => {
    const json = reviewJson(fixture("income-worked-example"), "--as-of", "2026-11-27");
    expect(json.income.months.map((m: { income: number }) => m.income)).toEqual(MONTHS);
    expect(json.income).toMatchObject(STATED);
    expect(json).toMatchObject({ exposure: 30700, backing: "portfolio-backed", cashShortfall: 10700 });
    expect(Object.keys(json.income)).toEqual([
      "months", "monthToDate", "t12", "averageMonth", "historyMonths", "predictable", "fragileReasons", "coverage", "ceiling",
      "capitalTest", "withdrawal", "overCeiling", "withdrawnT12", "unplannedWithdrawals", "reserveMonths", "reserveShortfall",
      "assignmentCash", "incomeProblems",
    ]);
    expect(Object.keys(json.discipline)).toEqual(["streakWeeks", "missedWeeks", "overBudgetWeeks", "flags"]);
  });
});
