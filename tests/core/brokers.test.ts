import { ALL_SHEET_PROFILES, BROKER_CLAIMERS, HISTORY_PROFILES, claimedTable, historyProfileFor } from "../../src/core/brokers/registry";
import { buildReview } from "../../src/core/review";
import { serialFromYmd } from "../../src/core/cells";
import { Cell } from "../../src/core/types";

const day = (y: number, m: number, d: number) => serialFromYmd(y, m, d);
const inputs = { accountValue: 100000, cash: 40000, vix: 18 };

describe("broker profiles: one home per format", () => {
  test("every profile has an id, a label and a broker, and ids are unique", () => {
    for (const list of [HISTORY_PROFILES, ALL_SHEET_PROFILES]) {
      const ids = list.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const p of [...HISTORY_PROFILES, ...ALL_SHEET_PROFILES]) expect(p.label.length).toBeGreaterThan(3);
    expect(BROKER_CLAIMERS.length).toBe(ALL_SHEET_PROFILES.length);
  });

  test("a history format is recognised from its header row", () => {
    expect(historyProfileFor(["Activity Date", "Process Date", "Settle Date", "Instrument", "Description", "Trans Code", "Quantity", "Price", "Amount"])?.id).toBe("robinhood");
    expect(historyProfileFor(["Symbol", "Qty", "Strike"])).toBeNull();
  });

  test("a profile that recognises a file but finds a column missing names it", () => {
    const table = {
      header: ["Date", "Type", "Sub Type", "Action", "Symbol", "Instrument Type", "Description", "Value", "Commissions", "Fees"] as Cell[],
      rows: [["2026-01-02T10:00:00-0500", "Trade", "Sell to Open", "SELL_TO_OPEN", "KO    260220P00060000", "Equity Option", "Sold 1 KO", "110.00", "-1.00", "-0.14"]] as Cell[][],
      headerRow: 1,
      firstColumn: 1,
    };
    const review = buildReview({ table, inputs, asOf: day(2026, 1, 10)! });
    expect(review.reading.problems).toEqual(["tastytrade transaction history: no 'Quantity' column in the header row (row 1)"]);
    expect(review.rows).toEqual([]);
  });

  test("an option notation a position export's profile cannot read is an error row, never a skipped row", () => {
    const grid: Cell[][] = [
      ["Positions for account Individual ...123 as of 09:15 PM ET, 2026/11/26"],
      [],
      ["Symbol", "Description", "Qty (Quantity)", "Price", "Mkt Val (Market Value)", "Asset Type"],
      ["KO 12/18/2026 60.00 P", "PUT COCA COLA", "-1", "1.05", "-$105.00", "Option"],
      ["KO DEC 2026 SIXTY PUT", "PUT COCA COLA", "-1", "1.05", "-$105.00", "Option"],
    ];
    const claimer = BROKER_CLAIMERS.find((c) => c.claims(grid.slice(0, 30)))!;
    expect(claimer.id).toBe("schwab-positions");
    const got = claimedTable({ sheet: "Positions", claimer }, grid);
    if (!got.ok) throw new Error(got.message);
    const review = buildReview({ table: got.table, inputs, asOf: day(2026, 11, 27)! });
    expect(review.rows.map((r) => [r.row, r.status])).toEqual([
      [4, "counted"],
      [5, "error"],
    ]);
    expect(review.exposureCents).toBe(600_000);
  });

  test("thinkorswim group rows give the underlying of the options under them", () => {
    const grid: Cell[][] = [
      ["Position Statement for 000 (user) on 2/12/22 09:38:04"],
      [],
      ["Instrument", "Qty", "Days", "Trade Price", "Mark"],
      ["SPX", null, null, null, null],
      ["S&P 500 INDEX", "0", null, ".00", "4418.64"],
      ["100 (Quarterlys) 30 JUN 22 3775 PUT", "-6", "138", "57.40", "89.90"],
      ["KO", null, null, null, null],
      ["100 17 JUN 22 60 PUT", "-1", "20", "1.10", "1.00"],
    ];
    const claimer = BROKER_CLAIMERS.find((c) => c.claims(grid))!;
    const got = claimedTable({ sheet: "S", claimer }, grid);
    if (!got.ok) throw new Error(got.message);
    const review = buildReview({ table: got.table, inputs, asOf: day(2022, 2, 12)! });
    expect(review.underlyings.map((u) => [u.underlying, u.exposureCents])).toEqual([
      ["SPX", 226_500_000],
      ["KO", 600_000],
    ]);
  });

  test("IBKR Activity Statement: only Summary rows of Open Positions are positions; Lot rows are left out as detail rows", () => {
    const grid: Cell[][] = [
      ["Statement", "Header", "Field Name", "Field Value"],
      ["Open Positions", "Header", "DataDiscriminator", "Asset Category", "Currency", "Symbol", "Quantity", "Mult"],
      ["Open Positions", "Data", "Summary", "Equity and Index Options", "USD", "NVDA 16OCT26 130 P", "-2", "100"],
      ["Open Positions", "Data", "Lot", "Equity and Index Options", "USD", "NVDA 16OCT26 130 P", "-1", "100"],
      ["Open Positions", "Data", "Lot", "Equity and Index Options", "USD", "NVDA 16OCT26 130 P", "-1", "100"],
      ["Open Positions", "Total", "", "Equity and Index Options", "USD", "", "", ""],
    ];
    const claimer = BROKER_CLAIMERS.find((c) => c.claims(grid))!;
    expect(claimer.id).toBe("ibkr-activity-statement");
    const got = claimedTable({ sheet: "S", claimer }, grid);
    if (!got.ok) throw new Error(got.message);
    const review = buildReview({ table: got.table, inputs, asOf: day(2026, 1, 1)! });
    expect(review.rows.map((r) => [r.row, r.status, r.status === "excluded" ? r.reason : ""])).toEqual([
      [3, "counted", ""],
      [4, "excluded", "detail row"],
      [5, "excluded", "detail row"],
    ]);
    expect(review.exposureCents).toBe(2_600_000);
  });
});
