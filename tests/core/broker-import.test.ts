import {
  BROKER_POSITIONS_HEADERS,
  BrokerImport,
  Cell,
  IMPORT_TITLE,
  TableData,
  UNREADABLE_TYPE,
  WorkbookFacts,
  brokerImport,
  buildReview,
  checkImport,
  importTableData,
  placeImport,
  positionsTableDecision,
  sameFigures,
  serialFromYmd,
} from "../../src/core";

/** Issue 11 item 5: what an import writes, where, and that the workbook then reviews the same. */
const asOf = serialFromYmd(2026, 11, 27)!;
const inputs = { accountValue: 100000, cash: 40000, vix: 18 };
const day = (y: number, m: number, d: number) => serialFromYmd(y, m, d)!;
const review = (header: Cell[], rows: Cell[][]) => buildReview({ table: { header, rows, headerRow: 1, firstColumn: 1 } as TableData, inputs, asOf });
const source = { file: "broker.csv", format: "transaction history" };

const HISTORY = ["Date", "Symbol", "Type", "Strike", "Expiration", "Qty", "Action", "Amount"];
const history = () =>
  review(HISTORY, [
    ["2026-10-01", "KO", "Put", 60, "2026-12-18", 1, "Sell to Open", 110],
    ["2026-10-02", "PFE", "Put", 25, "2026-12-18", 4, "Sell to Open", 200],
    ["2026-10-03", "T", "Put", 17, "2026-12-18", 5, "Sell to Open", 150],
    ["2026-10-04", "KO", "Put", 62, "2026-12-18", 1, "Sell to Open", 95],
    ["2026-10-05", "KO", "Call", 70, "2026-12-18", 1, "Buy to Open", -40],
    ["2026-10-06", "T", "Put", 17, "2026-12-18", 5, "Buy to Close", -60],
    ["2026-10-07", "KO SOMETHING PUT", null, null, null, 1, "Sell to Open", 10],
  ]);

describe("Broker import: the tables it writes", () => {
  test("Broker import: every open short put is a row the reader counts again, in the broker file's order", () => {
    const r = history();
    const imp = brokerImport(r, source);
    const counted = imp.positions.rows.filter((row) => row[1] === "Put");
    expect(counted).toEqual([
      ["KO", "Put", "Sell", 60, 1, 100, day(2026, 12, 18), day(2026, 10, 1), 2, null],
      ["PFE", "Put", "Sell", 25, 4, 100, day(2026, 12, 18), day(2026, 10, 2), 3, null],
      ["KO", "Put", "Sell", 62, 1, 100, day(2026, 12, 18), day(2026, 10, 4), 5, null],
    ]);
    expect(imp.positions.headers).toEqual(BROKER_POSITIONS_HEADERS);
    const again = buildReview({ table: importTableData(imp.positions, "Broker Positions"), inputs, asOf });
    expect(again.exposureCents).toBe(r.exposureCents);
    expect(again.exposureCents).toBe(2_220_000);
    expect(sameFigures(r, again)).toBeNull();
  });

  test("Broker import: a row the broker file's review could not read stays an error row, so the headline stays not confirmed", () => {
    const r = history();
    expect(r.errorRowCount).toBe(1);
    const imp = brokerImport(r, source);
    const bad = imp.positions.rows.find((row) => row[1] === UNREADABLE_TYPE)!;
    expect(bad[8]).toBe(8);
    expect(bad[9]).toMatch(/KO SOMETHING PUT/);
    const again = buildReview({ table: importTableData(imp.positions, "Broker Positions"), inputs, asOf });
    expect(again.errorRowCount).toBe(1);
    expect(again.rows.find((x) => x.status === "error")).toBeDefined();
  });

  test("Broker import: an unreadable row whose message says Total is never written so that it reads as a summary row", () => {
    const r = review(["Symbol", "Qty"], [["KO 12/18/2026 60.00 P", "Total 2"], ["KO 12/18/2026 60.00 P", -1]]);
    expect(r.errorRowCount).toBe(1);
    const imp = brokerImport(r, source);
    const bad = imp.positions.rows.find((row) => row[1] === UNREADABLE_TYPE)!;
    expect(bad[9]).toBe("broker file row 2 cannot be read: see that row");
    expect(() => checkImport(r, imp)).not.toThrow();
  });

  test("Broker import: open long options and calls are not imported, and say so", () => {
    const imp = brokerImport(history(), source);
    expect(imp.leftOut).toEqual({ long: 1 });
    expect(imp.positions.rows.some((row) => row[0] === "T")).toBe(false);
  });

  test("Broker import: a history's ledger is the BrokerLedger table, in dollars by trade date", () => {
    const imp = brokerImport(history(), source);
    expect(imp.ledger?.headers).toEqual(["Date", "Amount", "Broker Row"]);
    expect(imp.ledger?.rows[0]).toEqual([day(2026, 10, 1), 110, 2]);
    expect(imp.ledger?.rows.map((x) => x[1])).toEqual([110, 200, 150, 95, -40, -60]);
  });

  test("Broker import: a position list has no ledger", () => {
    const r = review(["Symbol", "Qty"], [["KO 12/18/2026 60.00 P", -1]]);
    expect(brokerImport(r, source).ledger).toBeNull();
  });

  test("Broker import: a broker file that cannot be read is never imported", () => {
    const r = review(["Date", "Action", "Symbol"], [["2026-01-02", "Buy to Close", "KO"]]);
    expect(r.reading.problems.length).toBeGreaterThan(0);
    expect(() => brokerImport(r, source)).toThrow(/cannot be read/);
  });

  test("Broker import: checkImport refuses a table that would review differently", () => {
    const r = history();
    const imp: BrokerImport = brokerImport(r, source);
    imp.positions.rows = imp.positions.rows.slice(1);
    expect(() => checkImport(r, imp)).toThrow(/exposure: 2220000 in the broker file, 1620000 as imported/);
  });

  test("Broker import: the same rows in another order go over the budget at other rows, and that is a difference", () => {
    const r = history();
    const imp = brokerImport(r, source);
    const swapped = { ...imp.positions, rows: [imp.positions.rows[2], imp.positions.rows[1], imp.positions.rows[0], ...imp.positions.rows.slice(3)].map((row) => [...row.slice(0, 7), null, ...row.slice(8)]) };
    const again = buildReview({ table: importTableData(swapped, "S"), inputs, asOf });
    expect(sameFigures(r, again)).toMatch(/^running total in open order/);
  });
});

describe("Broker import: where the tables go", () => {
  const facts = (f: Partial<WorkbookFacts>): WorkbookFacts => ({ sheets: [], tables: [], definedNames: [], ...f });

  test("Broker import: a workbook without an import gets a new sheet per table", () => {
    expect(placeImport("positions", facts({ sheets: [{ name: "Puts", a1: "Ticker" }] }))).toEqual({ ok: true, sheet: "Broker Positions", sheetExists: false, tableExists: false });
    expect(placeImport("ledger", facts({}))).toEqual({ ok: true, sheet: "Broker Ledger", sheetExists: false, tableExists: false });
  });

  test("Broker import: importing again replaces the previous import where it is, found by its table and its sheet's A1", () => {
    const f = facts({ sheets: [{ name: "Broker Positions", a1: IMPORT_TITLE.positions }], tables: [{ name: "brokerpositions", sheet: "Broker Positions" }] });
    expect(placeImport("positions", f)).toEqual({ ok: true, sheet: "Broker Positions", sheetExists: true, tableExists: true });
  });

  test("Broker import: a user's sheet of the usual name is left alone and the table goes on the next name", () => {
    expect(placeImport("positions", facts({ sheets: [{ name: "broker positions", a1: "My notes" }] }))).toMatchObject({ ok: true, sheet: "AG Broker Positions", sheetExists: false });
    const both = facts({ sheets: [{ name: "Broker Positions", a1: "x" }, { name: "AG Broker Positions", a1: null }] });
    expect(placeImport("positions", both)).toMatchObject({ ok: false, message: expect.stringMatching(/'Broker Positions' and 'AG Broker Positions' already exist/) });
  });

  test("Broker import: a table named BrokerPositions on a sheet the import did not write is never written over", () => {
    const f = facts({ sheets: [{ name: "Mine", a1: "Ticker" }], tables: [{ name: "BrokerPositions", sheet: "Mine" }] });
    expect(placeImport("positions", f)).toMatchObject({ ok: false, message: expect.stringMatching(/^a table named BrokerPositions is on sheet 'Mine', which the import did not write/) });
  });

  test("Broker import: a defined name BrokerLedger is in the way and is named", () => {
    expect(placeImport("ledger", facts({ definedNames: ["BrokerLedger"] }))).toMatchObject({ ok: false, message: expect.stringMatching(/defines the name BrokerLedger/) });
  });

  test("Broker import: our sheet whose table was deleted is reused; one whose table was renamed is refused", () => {
    const own = { name: "Broker Ledger", a1: IMPORT_TITLE.ledger };
    expect(placeImport("ledger", facts({ sheets: [own] }))).toEqual({ ok: true, sheet: "Broker Ledger", sheetExists: true, tableExists: false });
    expect(placeImport("ledger", facts({ sheets: [own], tables: [{ name: "MyLedger", sheet: "Broker Ledger" }] }))).toMatchObject({ ok: false, message: expect.stringMatching(/holds a table named MyLedger/) });
  });
});

describe("Broker import: CSP_PositionsTable", () => {
  test("Broker import: CSP_PositionsTable is created or filled in when the user chose nothing", () => {
    expect(positionsTableDecision({ defined: false })).toMatchObject({ write: true });
    expect(positionsTableDecision({ defined: true, value: null })).toMatchObject({ write: true });
    expect(positionsTableDecision({ defined: true, value: "  " })).toMatchObject({ write: true });
  });
  test("Broker import: CSP_PositionsTable already naming BrokerPositions is left as it is", () => {
    expect(positionsTableDecision({ defined: true, value: "brokerpositions" })).toEqual({ write: false, message: "CSP_PositionsTable already names BrokerPositions" });
  });
  test("Broker import: the user's own choice of table or range stays, and the message says the review reads it", () => {
    for (const value of ["Puts", "'My Log'!A3:H40", "not a choice!"]) {
      const d = positionsTableDecision({ defined: true, value });
      expect(d.write).toBe(false);
      expect(d.message).toContain(`names '${value}', your choice`);
    }
  });
});
