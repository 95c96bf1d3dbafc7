import { buildReview, Cell, RawInputs, reviewToJson, verdict } from "../../src/core";

const header: Cell[] = ["Ticker", "Type", "Strike", "Qty"];
const inputs: RawInputs = { accountValue: 100000, cash: 40000, vix: 18 };
const v = (rows: Cell[][], raw: RawInputs = inputs, h: Cell[] = header) =>
  verdict(buildReview({ table: { header: h, rows, headerRow: 1, firstColumn: 1 }, inputs: raw, asOf: 46000 }));

describe("The review's headline, shared by every host", () => {
  test("within the cap when every row was read and exposure fits the budget", () => {
    expect(v([["A", "P", 100, 1]])).toEqual({ state: "within", text: "Within the VIX cap", reason: "" });
  });
  test("over budget is said even when some rows could not be read", () => {
    expect(v([["A", "P", 400, 1], ["B", "P", "x", 1]]).state).toBe("over");
  });
  test("an unreadable row turns a clean verdict into an unconfirmed one", () => {
    expect(v([["A", "P", 100, 1], ["B", "P", "x", 1], ["C", "P", null, 1]])).toEqual({
      state: "unconfirmed",
      text: "Not confirmed: 2 rows could not be read and may be short puts: fix them before trusting the figures",
      reason: "2 rows could not be read and may be short puts: fix them before trusting the figures",
    });
  });
  test("a table that cannot be read is never 'within the cap'", () => {
    const r = v([["A", 1]], inputs, ["Ticker", "Price"]);
    expect(r.state).toBe("unreadable");
    expect(r.text).toMatch(/^The position table cannot be read: No quantity column/);
  });
  test("no budget: the first input to set", () => {
    expect(v([["A", "P", 100, 1]], { vix: 18 })).toMatchObject({ state: "no-budget", text: "set AccountValue: the account value is missing" });
    expect(v([["A", "P", 100, 1]], { accountValue: 1000 })).toMatchObject({ state: "no-budget", text: "set VIX: the VIX level is missing" });
  });
});

describe("Verdict: within the cap only when every row that could be a short put was read", () => {
  test("Verdict: a row that could be a short put but cannot be read makes the headline 'not confirmed', never 'within the cap'", () => {
    for (const bad of [["B", "Put Option?", 10, 1], ["B", "#N/A", 10, 1], ["B", null, 10, 1], ["B", "P", "#N/A", 1], ["B", "P", 10, "two"]]) {
      const r = v([["A", "P", 100, 1], bad as Cell[]]);
      expect(r.state).toBe("unconfirmed");
      expect(r.text).toMatch(/^Not confirmed: /);
      expect(r.text).not.toMatch(/within/i);
    }
  });
  test("Verdict: a table that cannot be read is 'unreadable', distinct from 'unconfirmed' and 'no-budget', even without a budget", () => {
    const noQty = v([["A", 1]], {}, ["Ticker", "Price"]);
    expect(noQty.state).toBe("unreadable");
    // A tastytrade history without its Quantity column: the profile names the missing column.
    const history = v([["2026-01-02", "Trade", "Sell to Open", "SELL_TO_OPEN", "KO    260220P00060000", "Equity Option", "110.00"]], inputs, ["Date", "Type", "Sub Type", "Action", "Symbol", "Instrument Type", "Value"]);
    expect(history.state).toBe("unreadable");
    expect(history.reason).toMatch(/no 'Quantity' column/);
    expect(v([["A", "P", 100, 1], ["B", "P", "x", 1]]).state).toBe("unconfirmed");
    expect(v([["A", "P", 100, 1]], { vix: 18 }).state).toBe("no-budget");
  });
  test("Verdict: the review JSON carries the verdict (state and text) and how the table was read", () => {
    const r = buildReview({ table: { header: ["Ticker", "Strike", "Qty"], rows: [["KO", 60, 1], ["Subtotal", null, null], ["PFE", 25, 4]], headerRow: 1, firstColumn: 1 }, inputs, asOf: 46000 });
    const json = reviewToJson(r);
    expect(json.verdict).toEqual(verdict(r));
    expect(json.verdict.state).toBe("within");
    expect(json.reading).toMatchObject({ layout: "positions", sign: "put-selling log", putLog: true, summaryRows: [3], problems: [] });
    expect(json.reading.notes[0]).toMatch(/^Sign convention: a put-selling log/);
    expect(JSON.parse(JSON.stringify(json)).reading).toEqual(json.reading);
  });
});
