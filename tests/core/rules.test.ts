import { RawInputs, buildReview, Cell, serialFromYmd, TableData, RowResult, assignmentValueCents, budgetCents, canSellPut, maxContracts, readInputs } from "../../src/core";

const asOf = serialFromYmd(2026, 3, 1)!;
const inputs = { accountValue: 100000, cash: 40000, vix: 18 };
function review(header: Cell[], rows: Cell[][], raw: RawInputs = inputs, headerRow = 1, firstColumn = 1) {
  const table: TableData = { header, rows, headerRow, firstColumn };
  return buildReview({ table, inputs: raw, asOf });
}
const byRow = (rows: RowResult[], row: number) => rows.find((r) => r.row === row)!;

describe("Words: assignment value and exposure", () => {
  test("assignment value is strike x multiplier x contracts; premium is never subtracted", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Premium"], [["XYZ", "P", 50, -1, 350]]);
    expect(r.exposureCents).toBe(500_000);
    expect(assignmentValueCents(50, 1)).toBe(500_000);
  });
  test("the multiplier is 100 unless the row says otherwise", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Multiplier"], [["A", "P", 10, -1, 10], ["B", "P", 10, -1, null]]);
    expect(r.exposureCents).toBe(10_000 + 100_000);
  });
  test("money is exact to the cent: 0.1 + 0.2 style sums do not drift", () => {
    const rows = Array.from({ length: 1000 }, () => ["X", "P", 0.1, -1] as Cell[]);
    const r = review(["Ticker", "Type", "Strike", "Qty"], rows);
    expect(r.exposureCents).toBe(1000 * 1000);
  });
});

describe("Which rows count", () => {
  test("it is a put: a type column says put/P, or an OCC option symbol encodes P", () => {
    const r = review(["Symbol", "Type", "Strike", "Qty"], [
      ["KO", "Put", 60, -1],
      ["KO", "Call", 65, -1],
      ["KO", "Stock", null, 100],
      ["KO    260116P00055000", null, null, -1],
    ]);
    expect(byRow(r.rows, 2).status).toBe("counted");
    expect(byRow(r.rows, 3)).toMatchObject({ status: "excluded", reason: "not a put" });
    expect(byRow(r.rows, 4)).toMatchObject({ status: "excluded", reason: "not an option" });
    expect(byRow(r.rows, 5)).toMatchObject({ status: "counted", underlying: "KO", strike: 55 });
  });

  test("short: a side column says sell/short/STO; long sides are left out", () => {
    const r = review(["Ticker", "Type", "Side", "Strike", "Qty"], [
      ["A", "P", "Sell to Open", 10, 1],
      ["B", "P", "BTO", 10, 1],
      ["C", "P", "STO", 10, -2],
      ["D", "P", "hold", 10, 1],
    ]);
    expect(byRow(r.rows, 2).status).toBe("counted");
    expect(byRow(r.rows, 3)).toMatchObject({ status: "excluded", reason: "long" });
    expect(byRow(r.rows, 4)).toMatchObject({ status: "counted", contracts: 2 });
    expect(byRow(r.rows, 5)).toMatchObject({ status: "error", problems: [{ column: "Side", cell: "C5" }] });
  });

  test("no side column: a positive quantity counts as short in a put-selling log", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 10, 2], ["B", "P", 20, 1]]);
    expect(r.countedRowCount).toBe(2);
    expect(r.exposureCents).toBe(400_000);
  });

  test("no side column and a negative quantity anywhere: broker sign convention, positive means long", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 10, -2], ["B", "P", 20, 1]]);
    expect(byRow(r.rows, 2).status).toBe("counted");
    expect(byRow(r.rows, 3)).toMatchObject({ status: "excluded", reason: "long" });
  });

  test("open: a status of closed/expired/assigned/rolled or a filled close date leaves the row out", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Status", "Close Date"], [
      ["A", "P", 10, 1, "Closed", null],
      ["B", "P", 10, 1, "expired", null],
      ["C", "P", 10, 1, "Assigned", null],
      ["D", "P", 10, 1, "Rolled", null],
      ["E", "P", 10, 1, "Open", "2026-01-10"],
      ["F", "P", 10, 1, "Open", null],
    ]);
    expect(r.rows.filter((x) => x.status === "excluded").map((x) => x.row)).toEqual([2, 3, 4, 5, 6]);
    expect(byRow(r.rows, 6)).toMatchObject({ reason: "closed", detail: "closed (Close Date is filled in)" });
    expect(r.countedRowCount).toBe(1);
  });

  test("an expiration in the past does NOT remove a row: it is flagged expired but still open", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Expiration"], [["A", "P", 10, 1, "2026-01-16"], ["B", "P", 10, 1, "2026-06-19"]]);
    expect(r.countedRowCount).toBe(2);
    expect(r.expiredOpenRows).toEqual([2]);
  });

  test("a strike or quantity that cannot be read is an error row with its sheet row and cell, never zero", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", "abc", 1], ["B", "P", 10, "12 contracts"], ["C", "P", null, 1], ["D", "P", 10, 1]], inputs, 4, 2);
    expect(byRow(r.rows, 5)).toMatchObject({ status: "error", problems: [{ column: "Strike", cell: "D5", message: "'abc' is not a number" }] });
    expect(byRow(r.rows, 6)).toMatchObject({ status: "error", problems: [{ column: "Qty", cell: "E6" }] });
    expect(byRow(r.rows, 7)).toMatchObject({ status: "error", problems: [{ column: "Strike", message: "strike is empty" }] });
    expect(r.exposureCents).toBe(100_000);
    expect(r.errorRowCount).toBe(3);
  });

  test("blank rows are skipped quietly", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 10, 1], [null, "", "  ", null], ["B", "P", 10, 1]]);
    expect(r.rows.map((x) => x.row)).toEqual([2, 4]);
  });

  test("an unreadable date never hides exposure: the row counts and the cell is reported", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Expiration", "Open Date", "Close Date"], [["A", "P", 10, 1, "soon", "yesterday", "n/a"]]);
    const row = byRow(r.rows, 2);
    expect(row.status).toBe("counted");
    expect(row.status === "counted" && row.problems.map((p) => p.column)).toEqual(["Close Date", "Expiration", "Open Date"]);
    expect(r.problemRows).toEqual([2]);
    expect(r.exposureCents).toBe(100_000);
  });

  test("option symbols supply missing columns; where both exist and disagree the row is an error naming both cells", () => {
    const r = review(["Symbol", "Type", "Strike", "Qty", "Expiration"], [
      ["AAPL  250117P00150000", "P", 150, -1, "2025-01-17"],
      ["AAPL  250117P00150000", "P", 155, -1, null],
      ["AAPL  250117P00150000", "Call", null, -1, null],
      ["AAPL  250117P00150000", "P", null, -1, "2025-01-24"],
    ]);
    expect(byRow(r.rows, 2).status).toBe("counted");
    expect(byRow(r.rows, 3)).toMatchObject({ status: "error", problems: [{ column: "Strike / Symbol", cell: "C3 / A3" }] });
    expect(byRow(r.rows, 4)).toMatchObject({ status: "error", problems: [{ column: "Type / Symbol", cell: "B4 / A4" }] });
    expect(byRow(r.rows, 5)).toMatchObject({ status: "error", problems: [{ column: "Expiration / Symbol" }] });
  });

  test("IBKR: the underlying column names the underlying and Symbol is read as an option symbol", () => {
    const r = review(["Symbol", "UnderlyingSymbol", "Put/Call", "Strike", "Expiry", "Quantity", "Multiplier"], [
      ["KO    260116P00060000", "KO", "P", 60, 20260116, -2, 100],
      ["KO", "KO", null, null, null, 300, 1],
    ]);
    expect(byRow(r.rows, 2)).toMatchObject({ status: "counted", underlying: "KO", assignmentValueCents: 1_200_000 });
    expect(byRow(r.rows, 3)).toMatchObject({ status: "excluded", reason: "not an option" });
  });

  test("Fidelity symbols work as a ticker-column substitute", () => {
    const r = review(["Symbol", "Quantity"], [["-PFE260116P25", -4]]);
    expect(byRow(r.rows, 2)).toMatchObject({ status: "counted", underlying: "PFE", strike: 25, contracts: 4 });
  });
});

describe("Where the inputs come from", () => {
  const header = ["Ticker", "Type", "Strike", "Qty"];
  const rows = [["A", "P", 10, 1]];
  test("AccountValue missing, not a number or <= 0: no budget, exposure still computed", () => {
    for (const accountValue of [null, "lots", 0, -5]) {
      const r = review(header, rows, { ...inputs, accountValue } as never);
      expect(r.budgetCents).toBeNull();
      expect(r.headroomCents).toBeNull();
      expect(r.withinCap).toBeNull();
      expect(r.exposureCents).toBe(100_000);
      expect(r.inputErrors[0].message).toMatch(/^set AccountValue/);
    }
  });
  test("Cash missing: backing unknown and the review asks for Cash; Cash below 0 is an error", () => {
    const r = review(header, rows, { ...inputs, cash: null } as never);
    expect(r.backing).toBe("unknown");
    expect(r.inputErrors).toEqual([{ input: "Cash", message: "set Cash to see whether the book is cash-secured" }]);
    expect(readInputs({ ...inputs, cash: -1 }).errors).toEqual([{ input: "Cash", message: "Cash cannot be below 0" }]);
  });
  test("VIX missing or invalid: no cap", () => {
    for (const vix of [null, 0, "high"]) {
      const r = review(header, rows, { ...inputs, vix } as never);
      expect(r.capPct).toBeNull();
      expect(r.budgetCents).toBeNull();
      expect(r.inputErrors[0].message).toMatch(/^set VIX/);
    }
  });
  test("inputs written as text the way people write them", () => {
    const r = review(header, rows, { accountValue: "$100,000", cash: "40,000", vix: " 18 " });
    expect(r.budgetCents).toBe(3_000_000);
  });
});

describe("The checks", () => {
  test("1. cap check: equality passes, compared in whole cents", () => {
    expect(budgetCents(10_000_000, 0.3)).toBe(3_000_000);
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 300, 1]]);
    expect(r.withinCap).toBe(true);
    expect(r.headroomCents).toBe(0);
    const over = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 300.01, 1]]);
    expect(over.withinCap).toBe(false);
    expect(over.headroomCents).toBe(-100);
  });
  test("budget of a fractional account rounds down, never granting a cent", () => {
    expect(budgetCents(3333, 0.3)).toBe(999);
  });
  test("2. can I sell this put", () => {
    expect(canSellPut(2_450_000, 3_000_000, 55, 1)).toBe(true);
    expect(canSellPut(2_450_000, 3_000_000, 55.01, 1)).toBe(false);
    expect(maxContracts(2_450_000, 3_000_000, 55)).toBe(1);
    expect(maxContracts(2_450_000, 3_000_000, 5)).toBe(11);
    expect(maxContracts(3_100_000, 3_000_000, 5)).toBe(0);
  });
  test("3. cash-secured or portfolio-backed, with the shortfall", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 500, 1]], { ...inputs, cash: 40000 });
    expect(r.backing).toBe("portfolio-backed");
    expect(r.cashShortfallCents).toBe(1_000_000);
    const eq = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 400, 1]], { ...inputs, cash: 40000 });
    expect(eq.backing).toBe("cash-secured");
    expect(eq.cashShortfallCents).toBe(0);
  });
  test("4. concentration: more than the limit is flagged, exactly the limit is not; it never raises a cap", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 100, 1], ["B", "P", 100.01, 1]], { ...inputs, concentrationLimit: 0.1 } as never);
    expect(r.underlyings.map((u) => [u.underlying, u.overLimit])).toEqual([["B", true], ["A", false]]);
    expect(r.concentrationRows).toEqual([3]);
    expect(r.capPct).toBe(0.3);
    const five = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 60, 1]], { ...inputs, concentrationLimit: "5%" } as never);
    expect(five.concentrationRows).toEqual([2]);
  });
  test("5. over-budget rows: running total in open-date order, then table order; rows without a date last", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty", "Opened"], [
      ["LATE", "P", 100, 1, "2026-02-01"],
      ["EARLY", "P", 150, 1, "2026-01-01"],
      ["NODATE", "P", 50, 1, null],
      ["MID", "P", 100, 1, "2026-01-15"],
    ]);
    expect(r.running.map((e) => [e.row, e.runningTotalCents])).toEqual([[3, 1_500_000], [5, 2_500_000], [2, 3_500_000], [4, 4_000_000]]);
    expect(r.overBudgetRows).toEqual([2, 4]);
  });
  test("5. with no open-date column, table order alone", () => {
    const r = review(["Ticker", "Type", "Strike", "Qty"], [["A", "P", 200, 1], ["B", "P", 200, 1]]);
    expect(r.overBudgetRows).toEqual([3]);
  });
});
