import { buildReview, Cell, RawInputs, readTypeWord, Review, RowResult, serialFromYmd, TableData, verdict } from "../../src/core";

// RULES.md "Which rows count", **Type**.
const asOf = serialFromYmd(2026, 3, 1)!;
const inputs: RawInputs = { accountValue: 100000, cash: 40000, vix: 18 };
function review(header: Cell[], rows: Cell[][], raw: RawInputs = inputs): Review {
  const table: TableData = { header, rows, headerRow: 1, firstColumn: 1 };
  return buildReview({ table, inputs: raw, asOf });
}
const byRow = (r: Review, row: number): RowResult => r.rows.find((x) => x.row === row)!;

describe("Type: put, call and non-option words", () => {
  const putWords = ["P", "Put", "Puts", "Put Option", "CSP", "Short Put", "Cash Secured Put", "Cash-Secured Put", "Naked Put", "Secured Put"];
  test.each(putWords)("Type: %p is a put word", (word) => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["KO", word, 60, 1]]);
    expect(byRow(r, 2)).toMatchObject({ status: "counted", assignmentValueCents: 600_000 });
  });

  test("Type: words are compared ignoring case, spaces, hyphens and underscores", () => {
    for (const w of ["cash_secured_put", "CASH SECURED PUT", " cash-secured  put ", "put-option", "PUTOPTION", "csp"]) {
      expect(readTypeWord(w)?.kind).toBe("put");
    }
  });

  const callWords = ["C", "Call", "Calls", "Call Option", "CC", "Covered Call", "Short Call", "Long Call"];
  test.each(callWords)("Type: %p is a call word, left out as not a put", (word) => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["KO", word, 65, -1]]);
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "not a put" });
  });

  const stockWords = ["Stock", "STK", "Equity", "Shares", "ETF", "Fund", "Bond", "Cash", "Margin", "Money Market", "Cash and Money Market", "Future", "FUT", "Forex", "Crypto"];
  test.each(stockWords)("Type: %p is a non-option word, left out as not an option", (word) => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["KO", word, null, 100]]);
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "not an option" });
  });
});

describe("Type: CSP and Short Put also say short", () => {
  test("Type: CSP is a put word and says short", () => {
    // A negative open put makes this the broker's convention, where +1 would be long; CSP says short.
    const r = review(["Ticker", "Type", "Strike", "Qty"], [
      ["KO", "Put", 60, -1],
      ["PFE", "CSP", 25, 4],
      ["T", "Put", 17, 5],
    ]);
    expect(r.reading.sign).toBe("broker");
    expect(byRow(r, 3)).toMatchObject({ status: "counted", contracts: 4 });
    expect(byRow(r, 4)).toMatchObject({ status: "excluded", reason: "long" });
  });
  test("Type: Short Put says short when the table has no side column", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["KO", "Put", 60, -1], ["KO", "Short Put", 62, 1]]);
    expect(byRow(r, 3)).toMatchObject({ status: "counted", assignmentValueCents: 620_000 });
  });
  test("Type: a side column still decides; a side that contradicts Short Put is an error naming both cells", () => {
    const r = review(["Ticker", "Type", "Side", "Strike", "Qty"], [["KO", "Short Put", "Sell", 60, 1], ["KO", "Short Put", "Buy", 62, 1]]);
    expect(byRow(r, 2).status).toBe("counted");
    expect(byRow(r, 3)).toMatchObject({ status: "error", problems: [{ column: "Type / Side", cell: "B3 / C3" }] });
  });
});

describe("Type: the asset-class column", () => {
  const header = ["AssetClass", "Symbol", "UnderlyingSymbol", "Strike", "Put/Call", "Quantity"];
  test("Type: a non-option word in the asset class leaves the row out as not an option whatever else the row says", () => {
    const r = review(header, [["STK", "KO", "KO", 60, "P", 100], ["Equity", "KO", "KO", 60, "Put", -1], ["Cash and Money Market", "CASH", null, null, null, 5000]]);
    for (const row of [2, 3, 4]) expect(byRow(r, row)).toMatchObject({ status: "excluded", reason: "not an option" });
    expect(byRow(r, 2)).toMatchObject({ detail: "not an option (AssetClass says 'STK')" });
  });
  test("Type: OPT, Option and Equity Option mark an option row; with nothing saying put or call it is an error row", () => {
    const r = review(header, [
      ["OPT", "KO    260116P00060000", "KO", 60, "P", -1],
      ["Option", "KO", "KO", 60, "P", -1],
      ["Equity Option", "KO", "KO", 60, "Put", -1],
      ["OPT", "KO", "KO", 60, null, -1],
    ]);
    expect(r.rows.slice(0, 3).map((x) => x.status)).toEqual(["counted", "counted", "counted"]);
    const row5 = byRow(r, 5);
    expect(row5.status === "error" && row5.problems[0].message).toBe("AssetClass says 'OPT' but no cell says put or call");
  });
  test("Type: tastytrade's plain Type beside Call/Put is read as the asset class", () => {
    const r = review(["Symbol", "Type", "Quantity", "Exp Date", "Strike Price", "Call/Put"], [
      ["KO", "Equity", 100, null, null, null],
      ["KO 260116P60", "Equity Option", -1, "2026-01-16", 60, "PUT"],
    ]);
    expect(r.mapping.headers).toMatchObject({ type: "Call/Put", assetClass: "Type" });
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "not an option" });
    expect(byRow(r, 3)).toMatchObject({ status: "counted", assignmentValueCents: 600_000 });
  });
});

describe("Type: option symbols decide", () => {
  test("Type: a readable option symbol decides put or call; Fidelity's Type Cash or Margin does not contradict it", () => {
    const r = review(["Symbol", "Quantity", "Type"], [[" -KO260618P60", -2, "Margin"], ["-KO260618C70", -1, "Cash"], ["KO", 100, "Cash"]]);
    expect(byRow(r, 2)).toMatchObject({ status: "counted", underlying: "KO", strike: 60, contracts: 2 });
    expect(byRow(r, 3)).toMatchObject({ status: "excluded", reason: "not a put" });
    expect(byRow(r, 4)).toMatchObject({ status: "excluded", reason: "not an option" });
  });
  test("Type: a put/call word that contradicts the option symbol is an error naming both cells", () => {
    const r = review(["Symbol", "Type", "Quantity"], [["KO    260116P00060000", "Call", -1]]);
    expect(byRow(r, 2)).toMatchObject({ status: "error", problems: [{ column: "Type / Symbol", cell: "B2 / A2" }] });
  });
  test("Type: no type column and no option symbols is a put-selling log: each row with a strike is a put, and the review says so", () => {
    const r = review(["Ticker", "Strike", "Qty"], [["KO", 60, 1], ["PFE", 25, 4]]);
    expect(r.countedRowCount).toBe(2);
    expect(r.reading.putLog).toBe(true);
    expect(r.reading.notes.join("\n")).toMatch(/Read as a put-selling log/);
  });
  test("Type: with option symbols in the table it is not a put-selling log", () => {
    const r = review(["Symbol", "Quantity"], [["-KO260618P60", -1], ["AAPL", 10]]);
    expect(r.reading.putLog).toBe(false);
  });
  test("Type: in a table of option symbols, a plain ticker or text naming no put or call without a strike is not an option", () => {
    const r = review(["Symbol", "Description", "Quantity"], [
      ["-KO260618P60", "PUT (KO) COCA COLA CO JUN 18 26 $60 (100 SHS)", -1],
      ["AAPL", "APPLE INC", 10],
      ["SPAXX**", "HELD IN MONEY MARKET", 1500],
      ["CD 5.00% 01/15/2027", "BANK CD", 10],
      ["CASH", null, 2000],
      ["Pending Activity", null, null],
    ]);
    expect(byRow(r, 2).status).toBe("counted");
    for (const row of [3, 4, 5, 6, 7]) expect(byRow(r, row)).toMatchObject({ status: "excluded", reason: "not an option" });
    expect(verdict(r).state).not.toBe("unconfirmed");
  });
  test("Type: a symbol that mentions put or call, or has an option form, but cannot be read is an error row", () => {
    const r = review(["Symbol", "Quantity"], [["-KO260618P60", -1], ["KO JUNE 2026 60 PUT?", -1], ["KO 260618X00060000", -1], ["KO 2606 60 P", -1]]);
    for (const row of [3, 4, 5]) expect(byRow(r, row)).toMatchObject({ status: "error", problems: [{ column: "Symbol", cell: `A${row}` }] });
  });
});

describe("Type: any other type text is an error row, never 'not a put'", () => {
  test.each([["Put Option?"], ["#N/A"], ["Puts?"], ["Strangle"], ["#VALUE!"]])("Type: %p makes an error row", (text) => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["KO", text, 60, -1]]);
    expect(byRow(r, 2)).toMatchObject({
      status: "error",
      problems: [{ column: "Type", cell: "B2", message: `Type '${text}' is not a put, call or stock word` }],
    });
  });
  test("Type: a blank type cell on a row whose strike and quantity are readable is an error row", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["KO", null, 60, -1], ["PFE", "  ", 25, 4]]);
    expect(byRow(r, 2)).toMatchObject({ status: "error", problems: [{ column: "Type", message: "Type is empty: write Put, Call or Stock" }] });
    expect(byRow(r, 3).status).toBe("error");
    expect(r.exposureCents).toBe(0);
    expect(verdict(r).state).toBe("unconfirmed");
  });
  test("Type: a type error row that is also closed is left out as closed (it cannot add exposure)", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Status"], [["KO", "Put Option?", 60, -1, "Closed"]]);
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "closed" });
  });
});

describe("Type: a symbol meant as an option decides over a non-option type word", () => {
  test("Type: Fidelity's Margin beside an option symbol that cannot be read is an error row, never 'not an option'", () => {
    const r = review(["Symbol", "Quantity", "Type"], [["-KO260618P60", -1, "Margin"], ["-KO2606P60", -2, "Margin"], ["AAPL", 10, "Cash"]]);
    expect(byRow(r, 3)).toMatchObject({ status: "error", problems: [{ column: "Symbol", cell: "A3" }] });
    expect(byRow(r, 4)).toMatchObject({ status: "excluded", reason: "not an option" });
  });
});
