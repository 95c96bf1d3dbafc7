import { buildReview, reviewToJson } from "../../src/core";
import { jsonPieces } from "../../src/cli/json-out";
import { terminalJson } from "../../src/cli/terminal";

const header = ["Ticker", "Type", "Side", "Strike", "Qty"];
const review = (rows: (string | number)[][]) =>
  reviewToJson(buildReview({ table: { header, rows, headerRow: 1, firstColumn: 1 }, inputs: { accountValue: 100000, vix: 18, cash: 1 }, asOf: 46000 }));

describe("review --json in pieces", () => {
  test("the pieces join to exactly the document JSON.stringify writes, made terminal-safe", () => {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 3000; i++) rows.push([i % 7 === 0 ? "K\u009bO\u2028" : "KO", i % 5 === 0 ? "Call" : "Put", "Sell", 10 + (i % 40), 1 + (i % 3)]);
    rows.push(["rows", "Put", "Sell", "abc", 1]);
    const doc = review(rows);
    const pieces = [...jsonPieces(doc)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(terminalJson(JSON.stringify(doc, null, 2)) + "\n");
    expect(JSON.parse(pieces.join(""))).toEqual(doc);
  });

  test("a review without rows is one piece, the same document", () => {
    const doc = review([]);
    expect([...jsonPieces(doc)]).toEqual([JSON.stringify(doc, null, 2) + "\n"]);
  });

  test("the rows of a large review go out a piece at a time, never as one string", () => {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 20000; i++) rows.push(["KO", "Put", "Sell", 50, 1]);
    const pieces = [...jsonPieces(review(rows))];
    const total = pieces.reduce((n, p) => n + p.length, 0);
    // Every piece but the last (which carries the row-number lists after the rows) stays near 100 K (500 rows).
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan(200_000);
    expect(pieces.length).toBeGreaterThan(total / 200_000);
  });
});
