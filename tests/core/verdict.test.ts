import { buildReview, Cell, RawInputs, verdict } from "../../src/core";

const header: Cell[] = ["Ticker", "Type", "Strike", "Qty"];
const inputs: RawInputs = { accountValue: 100000, cash: 40000, vix: 18 };
const v = (rows: Cell[][], raw: RawInputs = inputs, h: Cell[] = header) =>
  verdict(buildReview({ table: { header: h, rows, headerRow: 1, firstColumn: 1 }, inputs: raw, asOf: 46000 }));

describe("The review's headline, shared by every host", () => {
  test("within the cap when every row was read and exposure fits the budget", () => {
    expect(v([["A", "P", 100, 1]])).toEqual({ state: "within", text: "Within the VIX cap" });
  });
  test("over budget is said even when some rows could not be read", () => {
    expect(v([["A", "P", 400, 1], ["B", "P", "x", 1]]).state).toBe("over");
  });
  test("an unreadable row turns a clean verdict into an unconfirmed one", () => {
    expect(v([["A", "P", 100, 1], ["B", "P", "x", 1], ["C", "P", null, 1]])).toEqual({
      state: "unconfirmed",
      text: "Within the cap on the rows read, but 2 rows could not be read: fix them before trusting this",
    });
  });
  test("a table that cannot be read is never 'within the cap'", () => {
    const r = v([["A", 1]], inputs, ["Ticker", "Price"]);
    expect(r.state).toBe("unreadable");
    expect(r.text).toMatch(/^The position table cannot be read: No quantity column/);
  });
  test("no budget: the first input to set", () => {
    expect(v([["A", "P", 100, 1]], { vix: 18 })).toEqual({ state: "no-budget", text: "set AccountValue: the account value is missing" });
    expect(v([["A", "P", 100, 1]], { accountValue: 1000 })).toEqual({ state: "no-budget", text: "set VIX: the VIX level is missing" });
  });
});
