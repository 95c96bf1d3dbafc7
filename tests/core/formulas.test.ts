import { assignmentExposure, canSellPutFormula, headroom, maxContractsFormula, WorkbookContext, Cell, NO_TABLE_MESSAGE } from "../../src/core";

const header: Cell[] = ["Ticker", "Type", "Strike", "Qty"];
const ctx = (rows: Cell[][], inputs: WorkbookContext["inputs"] = { accountValue: 100000, cash: 40000, vix: 18 }): WorkbookContext => ({
  table: { header, rows, headerRow: 1, firstColumn: 1 },
  inputs,
  asOf: 46000,
});
const good = ctx([["KO", "P", 60, 1], ["PFE", "P", 25, 4]]);

describe("CSP formulas as pure functions", () => {
  test("a positions range argument (header row included) replaces the workbook's table", () => {
    const range: Cell[][] = [header, ["X", "P", 10, 2]];
    expect(assignmentExposure(good, range)).toEqual({ ok: true, value: 2000 });
    expect(assignmentExposure(good, null)).toEqual({ ok: true, value: 16000 });
  });

  test("HEADROOM and MAXCONTRACTS follow the budget; arguments override the workbook inputs", () => {
    expect(headroom(good)).toEqual({ ok: true, value: 14000 });
    expect(headroom(good, 200000, 35)).toEqual({ ok: true, value: 74000 });
    expect(maxContractsFormula(good, 50)).toEqual({ ok: true, value: 2 });
    expect(maxContractsFormula(good, 141)).toEqual({ ok: true, value: 0 });
    expect(canSellPutFormula(good, 70, 2)).toEqual({ ok: true, value: true });
    expect(canSellPutFormula(good, 70, 2, 50000)).toEqual({ ok: true, value: false });
  });

  const err = (kind: string, message: string | RegExp) => ({ ok: false, error: { kind, message: message instanceof RegExp ? expect.stringMatching(message) : message } });

  test.each([
    ["strike omitted", () => canSellPutFormula(good, null, 1), err("value", "strike is required")],
    ["strike text", () => canSellPutFormula(good, "abc", 1), err("value", "strike must be a number")],
    ["strike 0", () => canSellPutFormula(good, 0, 1), err("num", "strike must be a price above 0")],
    ["strike NaN", () => canSellPutFormula(good, NaN, 1), err("num", "strike must be a finite number")],
    ["qty omitted", () => canSellPutFormula(good, 10, null), err("value", "qty is required")],
    ["qty fractional", () => canSellPutFormula(good, 10, 1.5), err("num", "qty must be a whole number of contracts above 0")],
    ["qty negative", () => canSellPutFormula(good, 10, -1), err("num", "qty must be a whole number of contracts above 0")],
    ["account 0", () => canSellPutFormula(good, 10, 1, 0), err("num", "accountValue must be above 0")],
    ["account text", () => headroom(good, "x"), err("value", "accountValue must be a number")],
    ["vix -1", () => headroom(good, null, -1), err("num", "VIX must be a number above 0")],
    ["vix text", () => maxContractsFormula(good, 10, null, "abc"), err("value", "VIX must be a number above 0")],
    ["no table", () => assignmentExposure({ ...good, table: null }), err("na", NO_TABLE_MESSAGE)],
    ["positions not a range", () => assignmentExposure(good, 5), err("value", /positions must be a range/)],
    ["AccountValue missing", () => headroom(ctx([], { vix: 18 })), err("na", /^set AccountValue/)],
    ["VIX missing", () => canSellPutFormula(ctx([], { accountValue: 1000 }), 1, 1), err("na", /^set VIX/)],
    ["high-VIX cap above 50%", () => headroom(ctx([], { accountValue: 1000, vix: 40, highVixCap: 0.6 })), err("num", /50% max deployment/)],
    ["no strike column", () => assignmentExposure(good, [["Qty", "Price"], [1, 5]]), err("na", /No strike column/)],
    ["an error row", () => assignmentExposure(ctx([["A", "P", "abc", 1], ["B", "P", null, 1]])), err("value", "row 2, Strike: 'abc' is not a number (and 1 more error rows)")],
    ["an error row in a range", () => headroom(good, null, null, [header, ["A", "P", 10, "x"]]), err("value", "row 2 of the positions range, Qty: 'x' is not a number")],
  ])("%s", (_name, call, expected) => {
    expect(call()).toEqual(expected);
  });

  test("no formula ever returns NaN or Infinity", () => {
    const weird: unknown[] = [null, 0, -1, NaN, Infinity, "1", "abc", true, 1e308, 0.0001, [[1]]];
    for (const a of weird) for (const b of weird) {
      for (const r of [canSellPutFormula(good, a, b), maxContractsFormula(good, a, b), headroom(good, a, b)]) {
        if (r.ok && typeof r.value === "number") expect(Number.isFinite(r.value)).toBe(true);
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(5);
      }
    }
  });
});
