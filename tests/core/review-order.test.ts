import { buildReview, Cell, parseOptionSymbol, squash, TableData } from "../../src/core";

// Guards for the performance rewrite of the over-budget walk's ordering and the word cache.
const header: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date"];
const table = (rows: Cell[][]): TableData => ({ header, rows, headerRow: 1, firstColumn: 1 });
const inputs = { accountValue: 100000, cash: 0, vix: 18 };

describe("over-budget walk order (RULES.md check 5) after the packed-key sort", () => {
  test("open date ascending, ties in table order, rows without an open date last in table order", () => {
    const r = buildReview({
      table: table([
        ["A", "Put", "Sell", 10, 1, null],
        ["B", "Put", "Sell", 10, 1, "2026-01-05"],
        ["C", "Put", "Sell", 10, 1, "2025-12-01"],
        ["D", "Put", "Sell", 10, 1, "2026-01-05"],
        ["E", "Put", "Sell", 10, 1, null],
        ["F", "Put", "Sell", 10, 1, 46000], // 2025-12-09
      ]),
      inputs,
      asOf: 46100,
    });
    expect(r.running.map((e) => e.row)).toEqual([4, 7, 3, 5, 2, 6]);
    expect(r.running.map((e) => e.runningTotalCents)).toEqual([100000, 200000, 300000, 400000, 500000, 600000]);
  });

  test("highlighted rows come back in sheet order", () => {
    const rows: Cell[][] = Array.from({ length: 40 }, (_, i) => ["KO", "Put", "Sell", 10, 1, 46000 - i]);
    const r = buildReview({ table: table(rows), inputs, asOf: 46100 });
    // Budget 30,000: the 30 oldest (the last 30 rows) fit, the 10 newest (the first 10 rows) do not.
    expect(r.overBudgetRows).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.concentrationRows).toEqual(rows.map((_, i) => i + 2));
  });

  test("the word cache gives the same reading every time", () => {
    for (let i = 0; i < 3; i++) {
      expect(squash(" Sell to Open ")).toBe("selltoopen");
      expect(squash("PUT")).toBe("put");
      expect(squash(5)).toBe("5");
    }
  });

  test("the shortest Fidelity symbol still parses after the length shortcut", () => {
    expect(parseOptionSymbol("-A250117P1")).toMatchObject({ underlying: "A", right: "put", strike: 1 });
    expect(parseOptionSymbol("KO")).toBeNull();
  });
});
