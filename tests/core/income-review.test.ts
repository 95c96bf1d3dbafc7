import { Cell, TableData } from "../../src/core";
import { buildIncomeReview, IncomeReviewRequest } from "../../src/core/income-review";
import { incomeToJson } from "../../src/core/income-json";
import { day, option, positions } from "../helpers/income";

const D = day("2026-11-27");
const tbl = (header: Cell[], rows: Cell[][]): TableData => ({ header, rows, headerRow: 1, firstColumn: 1 });
const base: IncomeReviewRequest = {
  asOf: D,
  inputs: { incomeTarget: 1000, withdrawal: 100, reserve: 1200 },
  accountCents: 10_000_000,
  cashCents: 4_000_000,
  exposureCents: 600_000,
  highVixCap: 0.45,
  concentrationLimit: 0.1,
  underlyings: 1,
};

describe("buildIncomeReview: the income half of a review in one call", () => {
  const pos = positions(["Ticker", "Strike", "Qty", "Open Date", "Premium", "Fees"], [
    { cells: ["KO", 60, 1, "2026-10-05", 1.5, 0.65], facts: option({ strike: 60, openDate: day("2026-10-05") }) },
    { cells: ["KO", 60, 1, null, 1.5, null], facts: option({ strike: 60, openDate: null }) },
  ]);

  test("position premium, CashFlows and the Review Log feed the figures; problems are listed", () => {
    const r = buildIncomeReview({
      ...base,
      positions: pos,
      cashFlows: tbl(["Date", "Amount", "Kind", "Planned"], [["2026-10-20", 12, "Dividend", null], ["2026-11-02", 300, "Withdrawal", "N"]]),
      reviewLog: tbl(["Date", "Account value", "Withdrawal", "Strategies"], [[day("2026-11-20"), 99000, 100, "short put"]]),
    });
    const json = incomeToJson(r.income);
    expect(json.months[11]).toEqual({ month: "2026-10", income: 150 - 0.65 + 12 });
    expect(json.unplannedWithdrawals).toEqual([{ date: "2026-11-02", amount: 300 }]);
    expect(json.incomeProblems).toEqual([{ row: 3, column: "Premium", cell: "E3", message: "premium with no readable open date: its month is unknown" }]);
    expect(r.strategies).toEqual(["short put"]);
    expect(r.discipline.streakWeeks).toBe(2);
    expect(r.discipline.flags.map((f) => f.kind)).toEqual(["withdrawal-over-ceiling", "unplanned-withdrawal"]);
    expect(r.notes).toContain("Income: opening premium from 'Premium' (per share)");
  });

  test("a transaction history's ledger is the income; the premium columns are not read twice", () => {
    const r = buildIncomeReview({ ...base, positions: pos, ledger: [{ date: day("2026-10-05"), cents: 14_935, row: 9 }] });
    expect(r.income.months[11].cents).toBe(14_935);
    expect(r.income.problems).toEqual([]);
    expect(r.notes).toContain("Income: read from the transaction history's trades");
  });

  test("input errors name the defined name and leave the figure null", () => {
    const r = buildIncomeReview({ ...base, inputs: { incomeTarget: 1000, payoutRatio: 2 } });
    expect(r.inputErrors).toEqual([{ input: "CSP_PayoutRatio", message: expect.stringMatching(/^set CSP_PayoutRatio/) }]);
    expect(incomeToJson(r.income).ceiling).toBeNull();
    expect(incomeToJson(r.income).overCeiling).toBeNull();
  });
});
