import { buildReview, canSellPutFormula, assignmentExposure, Cell, TableData, verdict } from "../../src/core";
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

describe("RULES.md worked example, typed differently", () => {
  test("Worked example: typed CSP instead of Put, every figure is the same", () => {
    const csp = body.map((r) => r.map((c) => (c === "Put" ? "CSP" : c)));
    const r = buildReview({ table: table(csp), inputs, asOf });
    expect(r.exposureCents).toBe(3_070_000);
    expect(r.headroomCents).toBe(-70_000);
    expect(r.overBudgetRows).toEqual([5]);
    expect(r.concentrationRows).toEqual([2, 5]);
    expect(verdict(r).state).toBe("over");
    // Without the side column too: CSP says short.
    const noSide = csp.map((r) => [r[0], r[1], r[3], r[4], r[5], r[6]]);
    const r2 = buildReview({ table: { header: ["Ticker", "Type", "Strike", "Qty", "Open Date", "Status"], rows: noSide, headerRow: 1, firstColumn: 1 }, inputs, asOf });
    expect(r2.exposureCents).toBe(3_070_000);
    expect(r2.overBudgetRows).toEqual([5]);
  });

  test.each([0, 1, 2, 3])("Worked example: one row (body row %p) typed 'Put Option?' is an error row and the headline says not confirmed", (i) => {
    const typed = body.map((r, j) => (j === i ? r.map((c) => (c === "Put" ? "Put Option?" : c)) : r));
    const r = buildReview({ table: table(typed), inputs, asOf });
    expect(r.rows.find((x) => x.row === i + 2)).toMatchObject({
      status: "error",
      problems: [{ column: "Type", cell: `B${i + 2}`, message: "Type 'Put Option?' is not a put, call or stock word" }],
    });
    const v = verdict(r);
    expect(v.state).toBe("unconfirmed");
    expect(v.text).not.toMatch(/^Within/);
  });
});
