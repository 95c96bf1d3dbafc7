import { Cell } from "../../src/core";
import { INCOME_HEADERS, ledgerIncome, mapIncomeColumns, openStrategies, tableIncome } from "../../src/core/income-table";
import { day, option, positions, RowSpec } from "../helpers/income";

/** Reads a table's income the way the review does. */
function read(header: Cell[], specs: RowSpec[], premiumPerShare: boolean | null = true) {
  const { table, facts } = positions(header, specs);
  const columns = mapIncomeColumns(header, premiumPerShare);
  return { columns, ...tableIncome(table, facts, columns) };
}
const sum = (events: { cents: number }[]) => events.reduce((s, e) => s + e.cents, 0);

describe("INCOME.md Where income comes from: the position table", () => {
  const H: Cell[] = ["Ticker", "Strike", "Qty", "Open Date", "Close Date", "Premium", "Close Price", "Fees"];
  const open = day("2026-03-02");
  const close = day("2026-04-15");

  test("opening premium per share: premium x multiplier x contracts, received (+) for a short row in the open month", () => {
    const r = read(H, [{ cells: ["KO", 60, 3, "2026-03-02", null, 1.15, null, null], facts: option({ strike: 60, contracts: 3, openDate: open }) }]);
    expect(r.events).toEqual([{ date: open, cents: 34_500, row: 2, what: "opening premium" }]);
  });

  test("a row's own multiplier is used (a 10-share mini contract)", () => {
    const r = read(H, [{ cells: ["KO", 60, 3, "2026-03-02", null, 1.15, null, null], facts: option({ strike: 60, contracts: 3, multiplier: 10, openDate: open }) }]);
    expect(sum(r.events)).toBe(3_450);
  });

  test("opening premium is paid (-) for a long row, and closing cost received (+) for it", () => {
    const r = read(H, [
      { cells: ["SPY", 400, 1, "2026-03-02", "2026-04-15", 2.5, 4, null], facts: option({ side: "long", strike: 400, openDate: open, closeDate: close, closed: true }) },
    ]);
    expect(r.events.map((e) => [e.what, e.date, e.cents])).toEqual([
      ["opening premium", open, -25_000],
      ["closing cost", close, 40_000],
    ]);
  });

  test("closing cost is paid (-) for a short row in the month of the close date", () => {
    const r = read(H, [
      { cells: ["KO", 60, 2, "2026-03-02", "2026-04-15", 1.0, 0.4, null], facts: option({ strike: 60, contracts: 2, openDate: open, closeDate: close, closed: true }) },
    ]);
    expect(r.events.map((e) => [e.what, e.date, e.cents])).toEqual([
      ["opening premium", open, 20_000],
      ["closing cost", close, -8_000],
    ]);
  });

  test("expired rows have no closing cost, whatever the close price cell holds", () => {
    const r = read(H, [
      { cells: ["KO", 60, 1, "2026-03-02", "2026-04-15", 1.0, 0.05, null], facts: option({ strike: 60, openDate: open, closeDate: close, closed: true, expired: true }) },
    ]);
    expect(r.events.map((e) => e.what)).toEqual(["opening premium"]);
  });

  test("covered calls count: puts and calls, open and closed rows alike", () => {
    const r = read(H, [
      { cells: ["KO", 65, 1, "2026-03-02", null, 0.8, null, null], facts: option({ instrument: "call", strike: 65, openDate: open }) },
      { cells: ["KO", 60, 1, "2026-03-02", "2026-04-15", 1.0, 0.2, null], facts: option({ strike: 60, openDate: open, closeDate: close, closed: true }) },
    ]);
    expect(sum(r.events)).toBe(8_000 + 10_000 - 2_000);
  });

  test("stock rows have no premium", () => {
    const r = read(H, [{ cells: ["KO", null, 100, "2026-03-02", null, 61.5, null, 1], facts: option({ instrument: "stock", contracts: 100, strike: null, openDate: open }) }]);
    expect(r.events).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  test("fees / commission are subtracted in the open month", () => {
    const r = read(H, [{ cells: ["KO", 60, 1, "2026-03-02", null, 1.0, null, "$1.30"], facts: option({ strike: 60, openDate: open }) }]);
    expect(r.events.map((e) => [e.what, e.date, e.cents])).toEqual([
      ["opening premium", open, 10_000],
      ["fees", open, -130],
    ]);
  });

  test("fees typed negative are still subtracted, once", () => {
    const r = read(H, [{ cells: ["KO", 60, 1, "2026-03-02", null, 1.0, null, -0.65], facts: option({ strike: 60, openDate: open }) }]);
    expect(sum(r.events)).toBe(9_935);
  });

  test("separate Commissions and Fees columns are both subtracted; a Close Fees column in the close month", () => {
    const h: Cell[] = ["Ticker", "Open Date", "Close Date", "Premium", "Close Price", "Commissions", "Fees", "Close Fees"];
    const r = read(h, [
      { cells: ["KO", "2026-03-02", "2026-04-15", 1.0, 0.1, 1, 0.14, 0.65], facts: option({ strike: 60, openDate: open, closeDate: close, closed: true }) },
    ]);
    expect(r.events.map((e) => [e.what, e.date, e.cents])).toEqual([
      ["opening premium", open, 10_000],
      ["closing cost", close, -1_000],
      ["fees", open, -100],
      ["fees", open, -14],
      ["close fees", close, -65],
    ]);
  });

  test("dollar columns (Credit, Debit) are dollars for the row, not x 100", () => {
    const h: Cell[] = ["Ticker", "Qty", "Open Date", "Close Date", "Credit", "Debit"];
    const r = read(h, [
      { cells: ["KO", 2, "2026-03-02", "2026-04-15", 230, 40], facts: option({ contracts: 2, openDate: open, closeDate: close, closed: true }) },
    ]);
    expect(r.events.map((e) => e.cents)).toEqual([23_000, -4_000]);
  });

  test("a bare Premium is dollars for the row when CSP_PremiumPerShare is FALSE", () => {
    const r = read(H, [{ cells: ["KO", 60, 2, "2026-03-02", null, 230, null, null], facts: option({ strike: 60, contracts: 2, openDate: open }) }], false);
    expect(r.events.map((e) => e.cents)).toEqual([23_000]);
  });

  test("a bare 'Premium' header is per share by default, marked bare so its hint names CSP_PremiumPerShare", () => {
    expect(mapIncomeColumns(["Ticker", "Premium"], true).openPremium).toEqual({ index: 1, header: "Premium", perShare: true, bare: true });
    expect(mapIncomeColumns(["Ticker", "Premium"], false).openPremium).toEqual({ index: 1, header: "Premium", perShare: false, bare: true });
  });

  test.each([
    ["Open Price", true],
    ["Entry Price", true],
    ["Fill Price", true],
    ["Trade Price", true],
    ["Avg Price", true],
    ["Price", true],
    ["Credit", false],
    ["Total Premium", false],
    ["Proceeds", false],
    ["Amount", false],
    ["Net Amount", false],
  ])("opening premium header '%s' is read (per share: %p)", (word, perShare) => {
    const c = mapIncomeColumns(["Ticker", word], true);
    expect(c.openPremium).toEqual({ index: 1, header: word, perShare, bare: false });
  });

  test.each([
    ["Close Price", true],
    ["Exit Price", true],
    ["Buyback Price", true],
    ["Debit", false],
    ["Close Cost", false],
  ])("closing cost header '%s' is read (per share: %p)", (word, perShare) => {
    expect(mapIncomeColumns(["Ticker", word], true).closingCost).toEqual({ index: 1, header: word, perShare, bare: false });
  });

  test("fee headers: Fees, Commission, Fees & Comm", () => {
    expect(mapIncomeColumns(["Fees", "Commission", "Fees & Comm"], true).fees.map((f) => f.header)).toEqual(["Fees", "Commission", "Fees & Comm"]);
    expect(INCOME_HEADERS.fees).toContain("feescomm");
  });

  test("a generic Price is not read when a Premium column exists, and the review says which was read", () => {
    const c = mapIncomeColumns(["Premium", "Price"], true);
    expect(c.openPremium?.header).toBe("Premium");
    expect(c.notes.join(" ")).toMatch(/'Price' is not read/);
  });

  test("columns the row reader uses are never read as money", () => {
    expect(mapIncomeColumns(["Ticker", "Price"], true, [1]).openPremium).toBeNull();
  });
});

describe("INCOME.md income cell problems: the row is left out of every month and listed", () => {
  const H: Cell[] = ["Ticker", "Type", "Strike", "Qty", "Open Date", "Close Date", "Premium", "Close Price", "Fees"];
  const open = day("2026-03-02");

  test("a per-share put premium above its strike, with the hint to set CSP_PremiumPerShare to FALSE", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 2, "2026-03-02", null, 230, null, 1.3], facts: option({ strike: 60, contracts: 2, openDate: open }) }]);
    expect(r.events).toEqual([]);
    expect(r.problems).toEqual([
      { row: 2, column: "Premium", cell: "G2", message: "premium '230' per share is above the strike 60: if this is dollars for the row, set CSP_PremiumPerShare to FALSE" },
    ]);
  });

  test("a premium exactly at the strike is not a problem", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 1, "2026-03-02", null, 60, null, null], facts: option({ strike: 60, openDate: open }) }]);
    expect(r.problems).toEqual([]);
  });

  test("a premium with no readable open date", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 1, "someday", null, 1.2, null, 0.65], facts: option({ strike: 60, openDate: null }) }]);
    expect(r.events).toEqual([]);
    expect(r.problems).toEqual([{ row: 2, column: "Premium", cell: "G2", message: "premium with no readable open date: its month is unknown" }, expect.objectContaining({ column: "Fees", cell: "I2" })]);
  });

  test("a closing cost with no close date leaves the opening premium out too", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 1, "2026-03-02", null, 1.2, 0.5, null], facts: option({ strike: 60, openDate: open, closed: true }) }]);
    expect(r.events).toEqual([]);
    expect(r.problems).toEqual([{ row: 2, column: "Close Price", cell: "H2", message: "closing cost with no close date: its month is unknown" }]);
  });

  test("a close price of 0 on an open row is no cost and no problem (templates fill it in)", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 1, "2026-03-02", null, 1.2, 0, null], facts: option({ strike: 60, openDate: open }) }]);
    expect(r.problems).toEqual([]);
    expect(sum(r.events)).toBe(12_000);
  });

  test("a premium that is not a number", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 1, "2026-03-02", null, "1.2.3", null, null], facts: option({ strike: 60, openDate: open }) }]);
    expect(r.problems).toEqual([{ row: 2, column: "Premium", cell: "G2", message: "premium '1.2.3' is not a number" }]);
  });

  test("a row whose side the row reader could not read gives no income and says why", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 1, "2026-03-02", null, 1.2, null, null], facts: option({ side: null, strike: 60, openDate: open }) }]);
    expect(r.events).toEqual([]);
    expect(r.problems[0]).toMatchObject({ row: 2, cell: "G2", message: expect.stringMatching(/side could not be read/) });
  });

  test("other rows still count when one row has a problem; cell addresses follow the table's position", () => {
    const { table, facts } = positions(H, [
      { cells: ["KO", "Put", 60, 1, "2026-03-02", null, 1.2, null, null], facts: option({ strike: 60, openDate: open }) },
      { cells: ["KO", "Put", 60, 1, null, null, 1.2, null, null], facts: option({ strike: 60, openDate: null }) },
    ]);
    const moved = { ...table, headerRow: 4, firstColumn: 2 };
    const movedFacts = facts.map((f) => ({ ...f, row: f.row + 3 }));
    const r = tableIncome(moved, movedFacts, mapIncomeColumns(H, true));
    expect(sum(r.events)).toBe(12_000);
    expect(r.problems.map((p) => p.cell)).toEqual(["H6"]);
  });

  test("with CSP_PremiumPerShare unreadable, a bare Premium column gives no income and one problem says what to set", () => {
    const r = read(H, [{ cells: ["KO", "Put", 60, 1, "2026-03-02", null, 1.2, null, null], facts: option({ strike: 60, openDate: open }) }], null);
    expect(r.events).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ row: null, column: "Premium", message: expect.stringMatching(/^set CSP_PremiumPerShare to TRUE/) })]);
  });
});

describe("INCOME.md Where income comes from: a transaction history", () => {
  test("each trade's net cash amount in the month of its trade date", () => {
    expect(ledgerIncome([{ date: day("2026-03-02"), cents: 11_935, row: 7 }])).toEqual([{ date: day("2026-03-02"), cents: 11_935, row: 7, what: "trade" }]);
  });
});

describe("INCOME.md Same system, larger: the strategies open now", () => {
  test("kinds among open rows when there is no Strategy column", () => {
    const { table, facts } = positions(["Ticker"], [
      { cells: ["KO"], facts: option({}) },
      { cells: ["KO"], facts: option({ instrument: "call" }) },
      { cells: ["SPY"], facts: option({ side: "long" }) },
      { cells: ["KO"], facts: option({ instrument: "stock" }) },
      { cells: ["T"], facts: option({ instrument: "call", side: "long", closed: true }) },
    ]);
    expect(openStrategies(table, facts, null)).toEqual(["long put", "short call", "short put", "stock"]);
  });
  test("a Strategy column's values, lower case, when there is one", () => {
    const h: Cell[] = ["Ticker", "Strategy"];
    const { table, facts } = positions(h, [
      { cells: ["KO", "Wheel"], facts: option({}) },
      { cells: ["SPY", "Put  Spread"], facts: option({}) },
      { cells: ["T", "Strangle"], facts: option({ closed: true }) },
    ]);
    expect(openStrategies(table, facts, mapIncomeColumns(h, true).strategy)).toEqual(["put spread", "wheel"]);
  });
});
