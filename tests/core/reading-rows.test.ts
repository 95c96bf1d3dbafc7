import {
  assignmentExposure,
  buildReview,
  Cell,
  isTransactionHistory,
  mapColumns,
  RawInputs,
  readSideWord,
  reduceHistory,
  Review,
  reviewToJson,
  RowResult,
  serialFromYmd,
  TableData,
  verdict,
} from "../../src/core";

// RULES.md "Which rows count": Side, Transaction histories, Sign convention, open, Summary and detail rows.
const asOf = serialFromYmd(2026, 3, 1)!;
const inputs: RawInputs = { accountValue: 100000, cash: 40000, vix: 18 };
const table = (header: Cell[], rows: Cell[][]): TableData => ({ header, rows, headerRow: 1, firstColumn: 1 });
function review(header: Cell[], rows: Cell[][], raw: RawInputs = inputs): Review {
  return buildReview({ table: table(header, rows), inputs: raw, asOf });
}
const byRow = (r: Review, row: number): RowResult => r.rows.find((x) => x.row === row)!;

describe("Side words", () => {
  test.each(["Sell", "Sold", "Short", "S", "STO", "Sell to Open", "SELL_TO_OPEN", "Sell Short"])("Side: %p is a short word", (word) => {
    const r = review(["Ticker", "Type", "Side", "Strike", "Qty"], [["KO", "Put", word, 60, 1]]);
    expect(byRow(r, 2).status).toBe("counted");
  });
  test.each(["Buy", "Bought", "Long", "B", "BTO", "Buy to Open"])("Side: %p is a long word, left out as long", (word) => {
    const r = review(["Ticker", "Type", "Side", "Strike", "Qty"], [["KO", "Put", word, 60, 1]]);
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "long" });
  });
  test.each(["Side", "Action", "Buy-Sell", "Buy/Sell", "B/S", "Long/Short", "Trans Code"])("Side: a side column is found under %p", (name) => {
    const m = mapColumns(["Ticker", "Type", name, "Strike", "Qty"]);
    expect(m.columns.side).toBe(2);
  });
  test("Side: any other side text is an error row", () => {
    const r = review(["Ticker", "Type", "Side", "Strike", "Qty"], [["KO", "Put", "hold", 60, 1], ["KO", "Put", "#N/A", 60, 1]]);
    expect(byRow(r, 2)).toMatchObject({ status: "error", problems: [{ column: "Side", cell: "C2", message: "'hold' is not a side (use Sell, Short, STO, Buy, Long or BTO)" }] });
    expect(byRow(r, 3).status).toBe("error");
  });
  test("Side: a blank side cell falls back to the sign of the quantity", () => {
    const r = review(["Ticker", "Type", "Side", "Strike", "Qty"], [["KO", "Put", "Sell", 60, 1], ["PFE", "Put", null, 25, 4]]);
    expect(byRow(r, 3).status).toBe("counted");
    expect(r.reading.sign).toBe("side column");
    expect(r.reading.notes[0]).toMatch(/^Short or long: the Side column says; rows with a blank Side by the sign/);
  });
});

describe("Transaction histories", () => {
  const header = ["Date", "Action", "Symbol", "Quantity", "Strike"];
  test.each(["Buy to Close", "BTC", "Sell to Close", "STC", "Expired", "Assigned", "Exercised", "BUY_TO_CLOSE"])(
    "Transaction history: the closing word %p in a side column makes the table a history",
    (word) => {
      expect(readSideWord(word)).toBe("closing");
      const t = table(header, [["2026-01-05", "Sell to Open", "KO", 1, 60], ["2026-01-20", word, "KO", 1, 60]]);
      expect(isTransactionHistory(t, mapColumns(t.header))).toBe(true);
    },
  );
  test.each(["Open/Close", "Open/CloseIndicator", "Position Effect"])("Transaction history: an open/close column %p makes the table a history", (name) => {
    const t = table(["Symbol", "Put/Call", "Strike", "Quantity", name], [["KO", "P", 60, -1, "O"]]);
    expect(isTransactionHistory(t, mapColumns(t.header))).toBe(true);
  });
  test("Transaction history: a position list with only opening and plain side words is not a history", () => {
    const t = table(header, [["2026-01-05", "Sell to Open", "KO", 1, 60], ["2026-01-06", "Buy", "KO", 1, 60]]);
    expect(isTransactionHistory(t, mapColumns(t.header))).toBe(false);
  });
  test("Transaction history: a history is reduced to its open lots first, never read as a list of positions", () => {
    const rows = [["2026-01-05", "Sell to Open", "KO", 1, 60], ["2026-01-20", "Buy to Close", "KO", 1, 60], ["2026-01-21", "Sell to Open", "PFE", 4, 25]];
    const t = table(header, rows);
    const reading = reduceHistory(t, mapColumns(header));
    expect(reading).toMatchObject({ problems: [], trades: 3, openLots: 1, format: "transaction history" });
    const r = review(header, rows);
    // Read as a list, both Sell to Open rows would count (16,000); reduced, only PFE is open.
    expect(r.rows).toMatchObject([{ row: 4, status: "counted", underlying: "PFE", contracts: 4 }]);
    expect(r.exposureCents).toBe(1_000_000);
    expect(r.reading).toMatchObject({ layout: "history", sign: null, problems: [], history: { trades: 3, openLots: 1 } });
    expect(r.reading.notes[0]).toBe("Read as a transaction history: 3 trades, 1 open lot");
    expect(verdict(r).state).toBe("within");
    expect(assignmentExposure({ table: t, inputs, asOf })).toMatchObject({ ok: true, value: 10000 });
    expect(reviewToJson(r).reading.history).toMatchObject({ format: "transaction history", trades: 3, openLots: 1 });
  });
  test("Transaction history: a history that cannot be read is unreadable with a clear message, never within", () => {
    const noQuantity = ["Date", "Action", "Symbol", "Strike"];
    const r = review(noQuantity, [["2026-01-05", "Sell to Open", "KO", 60], ["2026-01-20", "Buy to Close", "KO", 60]]);
    expect(r.rows).toEqual([]);
    expect(r.reading.layout).toBe("history");
    const v = verdict(r);
    expect(v.state).toBe("unreadable");
    expect(v.text).toMatch(/^The position table cannot be read: No quantity column/);
    expect(reviewToJson(r).verdict.state).toBe("unreadable");
  });
});

describe("Sign convention", () => {
  const header = ["Ticker", "Type", "Strike", "Qty", "Status"];
  test("Sign convention: one closed call at -1 does not flip a put log to long", () => {
    const r = review(header, [["KO", "Put", 60, 1, "Open"], ["PFE", "Put", 25, 4, "Open"], ["KO", "Call", 70, -1, "Closed"]]);
    expect(r.reading.sign).toBe("put-selling log");
    expect(r.exposureCents).toBe(1_600_000);
  });
  test("Sign convention: calls, stock rows and closed rows do not vote", () => {
    const r = review(header, [
      ["KO", "Put", 60, 1, "Open"],
      ["KO", "Call", 70, -1, "Open"],
      ["KO", "Stock", null, -100, "Open"],
      ["PFE", "Put", 25, -4, "Expired"],
    ]);
    expect(r.reading.sign).toBe("put-selling log");
    expect(byRow(r, 2).status).toBe("counted");
  });
  test("Sign convention: any negative quantity among open puts means the broker's convention: negative short, positive long", () => {
    const r = review(header, [["KO", "Put", 60, -1, "Open"], ["PFE", "Put", 25, 4, "Open"]]);
    expect(r.reading.sign).toBe("broker");
    expect(byRow(r, 2).status).toBe("counted");
    expect(byRow(r, 3)).toMatchObject({ status: "excluded", reason: "long" });
  });
  test("Sign convention: an open put row whose strike cannot be read still votes", () => {
    const r = review(header, [["KO", "Put", "abc", -1, "Open"], ["PFE", "Put", 25, 4, "Open"]]);
    expect(r.reading.sign).toBe("broker");
    expect(byRow(r, 3)).toMatchObject({ status: "excluded", reason: "long" });
  });
  test("Sign convention: the review states the convention in one line", () => {
    const broker = review(header, [["KO", "Put", 60, -1, "Open"]]);
    expect(broker.reading.notes[0]).toBe("Sign convention: the broker's (a negative Qty is short, a positive one long), as open put rows hold negative quantities");
    const log = review(header, [["KO", "Put", 60, 1, "Open"]]);
    expect(log.reading.notes[0]).toBe("Sign convention: a put-selling log (a positive Qty is a sold put), as no open put row holds a negative quantity");
    expect(reviewToJson(log).reading.sign).toBe("put-selling log");
  });
});

describe("Open", () => {
  test.each(["Closed", "Expired", "Assigned", "Rolled", "Exercised", "rolled over", "EXPIRED"])("Open: a status of %p closes the row", (word) => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Status"], [["KO", "Put", 60, 1, word]]);
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "closed" });
  });
  test("Open: a close date filled in closes the row", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Date Closed"], [["KO", "Put", 60, 1, "1/16/2026"], ["KO", "Put", 62, 1, null]]);
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "closed", detail: "closed (Date Closed is filled in)" });
    expect(byRow(r, 3).status).toBe("counted");
  });
  test.each(["Open?", "Is Open", "Active"])("Open: an open-flag column %p saying N, No, FALSE or 0 closes the row", (name) => {
    const r = review(["Ticker", "Type", "Strike", "Qty", name], [
      ["A", "Put", 10, 1, "N"],
      ["B", "Put", 10, 1, "No"],
      ["C", "Put", 10, 1, false],
      ["D", "Put", 10, 1, 0],
      ["E", "Put", 10, 1, "FALSE"],
      ["F", "Put", 10, 1, "Y"],
      ["G", "Put", 10, 1, true],
      ["H", "Put", 10, 1, null],
      ["I", "Put", 10, 1, 1],
    ]);
    expect(r.rows.filter((x) => x.status === "excluded").map((x) => x.row)).toEqual([2, 3, 4, 5, 6]);
    expect(byRow(r, 2)).toMatchObject({ reason: "closed", detail: `closed (${name} says 'N')` });
    expect(r.countedRowCount).toBe(4);
  });
  test("Open: a past expiration does not close a row; it is flagged expired but still open", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Expiration"], [["KO", "Put", 60, 1, "16-Jan-2026"]]);
    expect(r.countedRowCount).toBe(1);
    expect(r.expiredOpenRows).toEqual([2]);
  });
});

describe("Summary and detail rows", () => {
  const header = ["Ticker", "Type", "Strike", "Qty"];
  test.each(["Total", "Totals", "Subtotal", "Grand Total", "Positions Total", "Account Total", "Subtotal January", "TOTAL:"])(
    "Summary rows: %p is skipped, listed, and never ends the table",
    (word) => {
      const r = review(header, [["KO", "Put", 60, 1], [word, null, null, 1], ["PFE", "Put", 25, 4]]);
      expect(byRow(r, 3)).toMatchObject({ status: "excluded", reason: "summary row" });
      expect(byRow(r, 4).status).toBe("counted");
      expect(r.reading.summaryRows).toEqual([3]);
      expect(r.reading.notes.join("\n")).toMatch(/Skipped 1 summary row \(Total, Subtotal\): row 3/);
    },
  );
  test("Summary rows: a total in any text cell counts, with a numeric total beside it", () => {
    const r = review(["Account", "Ticker", "Type", "Strike", "Qty"], [["Account Total", null, null, "", 5]]);
    expect(byRow(r, 2)).toMatchObject({ status: "excluded", reason: "summary row" });
  });
  test("Summary rows: a ticker is never a summary word (SUM, TOTL are tickers)", () => {
    const r = review(header, [["SUM", "Put", 60, 1], ["TOTL", "Put", 40, 2], ["SUM", "Put", null, 1]]);
    expect(r.rows.slice(0, 2).map((x) => x.status)).toEqual(["counted", "counted"]);
    expect(byRow(r, 4).status).toBe("error");
  });
  test("Summary rows: a row with a numeric strike or a readable option symbol is not a summary", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Notes"], [["KO", "Put", 60, 1, "rolled, total credit 1.20"]]);
    expect(byRow(r, 2).status).toBe("counted");
    const s = review(["Symbol", "Quantity", "Notes"], [["-KO260618P60", -1, "Total"]]);
    expect(byRow(s, 2).status).toBe("counted");
  });
  test("Level of detail: only SUMMARY rows are positions; LOT and EXECUTION rows are detail rows", () => {
    const r = review(["Symbol", "UnderlyingSymbol", "Put/Call", "Strike", "Quantity", "LevelOfDetail"], [
      ["KO    260116P00060000", "KO", "P", 60, -2, "SUMMARY"],
      ["KO    260116P00060000", "KO", "P", 60, -1, "LOT"],
      ["KO    260116P00060000", "KO", "P", 60, -1, "LOT"],
      ["KO    260116P00060000", "KO", "P", 60, -1, "EXECUTION"],
    ]);
    expect(r.exposureCents).toBe(1_200_000);
    expect(r.rows.slice(1).map((x) => x.status === "excluded" && x.reason)).toEqual(["detail row", "detail row", "detail row"]);
    expect(byRow(r, 3)).toMatchObject({ detail: "detail row (LevelOfDetail says 'LOT')" });
  });
  test("Level of detail: a column with no SUMMARY row at all reads every row as a position (never a silent zero)", () => {
    const r = review(["Symbol", "UnderlyingSymbol", "Put/Call", "Strike", "Quantity", "LevelOfDetail"], [["KO    260116P00060000", "KO", "P", 60, -1, "LOT"]]);
    expect(r.countedRowCount).toBe(1);
    expect(r.reading.notes.join("\n")).toMatch(/LevelOfDetail marks no row SUMMARY/);
  });
  test("Rows left out carry one of the reasons: not a put, not an option, long, closed, summary row, detail row", () => {
    const r = review(["Ticker", "Type", "Side", "Strike", "Qty", "Status", "LevelOfDetail"], [
      ["KO", "Put", "Sell", 60, 1, "Open", "SUMMARY"],
      ["KO", "Call", "Sell", 70, 1, "Open", "SUMMARY"],
      ["KO", "Stock", "Buy", null, 100, "Open", "SUMMARY"],
      ["KO", "Put", "Buy", 55, 1, "Open", "SUMMARY"],
      ["KO", "Put", "Sell", 50, 1, "Closed", "SUMMARY"],
      ["Total", null, null, null, null, null, null],
      ["KO", "Put", "Sell", 60, 1, "Open", "LOT"],
    ]);
    expect(r.rows.map((x) => (x.status === "excluded" ? x.reason : x.status))).toEqual([
      "counted",
      "not a put",
      "not an option",
      "long",
      "closed",
      "summary row",
      "detail row",
    ]);
  });
});

describe("Summary rows: the strike cell is not a number", () => {
  test.each([["--"], ["n/a"], ["—"], [""]])("Summary rows: a Total row whose strike cell holds %p is skipped", (strike) => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["KO", "Put", 60, 1], ["Total", "", strike, 1]]);
    expect(byRow(r, 3)).toMatchObject({ status: "excluded", reason: "summary row" });
  });
  test("Summary rows: a Total row whose strike starts as a number but is not one is an error row, never skipped", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["Total", "Put", "60x", 1]]);
    expect(byRow(r, 2).status).toBe("error");
  });
});

describe("Open: a Closed column holding a yes/no flag", () => {
  test("Open: a Closed column saying Y, Yes or TRUE closes the row; N, No or FALSE keeps it open without an error", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Closed"], [
      ["A", "Put", 10, 1, "Y"],
      ["B", "Put", 10, 1, "Yes"],
      ["C", "Put", 10, 1, true],
      ["D", "Put", 10, 1, "N"],
      ["E", "Put", 10, 1, false],
      ["F", "Put", 10, 1, "2026-01-20"],
      ["G", "Put", 10, 1, "soon"],
    ]);
    expect(r.rows.map((x) => (x.status === "excluded" ? x.reason : x.status))).toEqual(["closed", "closed", "closed", "counted", "counted", "closed", "counted"]);
    expect(r.problemRows).toEqual([8]);
  });
});
