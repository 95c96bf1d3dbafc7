import { buildReview, canSellPutFormula, assignmentExposure, Cell, TableData } from "../../src/core";
import { WORKED_AS_OF, WORKED_BODY, WORKED_HEADER, WORKED_INPUTS } from "../helpers/worked-example";

// RULES.md "Worked example": account 100,000; cash 40,000; VIX 18.
const header = WORKED_HEADER;
const body = WORKED_BODY;
const table = (rows: Cell[][]): TableData => ({ header, rows, headerRow: 1, firstColumn: 1 });
const inputs = WORKED_INPUTS;
const asOf = WORKED_AS_OF;

describe("RULES.md worked example", () => {
  test("the core review gives every figure the example states", () => {
    const r = buildReview({ table: table(body), inputs, asOf });
    expect(r.capPct).toBe(0.3);
    expect(r.budgetCents).toBe(3_000_000);
    expect(r.running.map((e) => e.runningTotalCents)).toEqual([600_000, 1_600_000, 2_450_000, 3_070_000]);
    expect(r.exposureCents).toBe(3_070_000);
    expect(r.headroomCents).toBe(-70_000);
    expect(r.withinCap).toBe(false);
    expect(r.overBudgetRows).toEqual([5]);
    expect(r.backing).toBe("cash-secured");
    expect(r.cashShortfallCents).toBe(0);
    const ko = r.underlyings.find((u) => u.underlying === "KO")!;
    expect(ko.exposureCents).toBe(1_220_000);
    expect(ko.pctOfAccount).toBeCloseTo(0.122, 10);
    expect(ko.overLimit).toBe(true);
    expect(r.concentrationRows).toEqual([2, 5]);
  });

  test("the formulas agree: CANSELLPUT(17,1) is FALSE; with KO 62 closed, 55 fits exactly and 55.01 does not", () => {
    const ctx = { table: table(body), inputs, asOf };
    expect(assignmentExposure(ctx)).toEqual({ ok: true, value: 30700 });
    expect(canSellPutFormula(ctx, 17, 1)).toEqual({ ok: true, value: false });
    const closed = body.map((r, i) => (i === 3 ? [...r.slice(0, 6), "Closed"] : r));
    const ctx2 = { table: table(closed), inputs, asOf };
    expect(assignmentExposure(ctx2)).toEqual({ ok: true, value: 24500 });
    expect(canSellPutFormula(ctx2, 55, 1)).toEqual({ ok: true, value: true });
    expect(canSellPutFormula(ctx2, 55.01, 1)).toEqual({ ok: true, value: false });
  });
});
