import { buildReview, Cell, RawInputs, Review, RowResult, serialFromYmd, TableData, verdict } from "../../src/core";

// Small grids built from the exact header rows real exports use, each figure worked out by hand
// in the comment above its expectation.
const asOf = serialFromYmd(2026, 3, 1)!;
const inputs: RawInputs = { accountValue: 1_000_000, cash: 400_000, vix: 18 };
function review(header: Cell[], rows: Cell[][], headerRow = 1): Review {
  const table: TableData = { header, rows, headerRow, firstColumn: 1 };
  return buildReview({ table, inputs, asOf });
}
const byRow = (r: Review, row: number): RowResult => r.rows.find((x) => x.row === row)!;
const reasons = (r: Review) => r.rows.map((x) => (x.status === "excluded" ? x.reason : x.status));

describe("Broker exports read by their own header rows", () => {
  test("IBKR Flex open positions: STK rows are not options, LOT rows are details, SPXW under SPX and GME1 under GME count", () => {
    const header = ["ClientAccountID", "CurrencyPrimary", "AssetClass", "Symbol", "Description", "UnderlyingSymbol", "Multiplier", "Strike", "Expiry", "Put/Call", "Quantity", "MarkPrice", "PositionValue", "Side", "LevelOfDetail", "OpenDateTime"];
    const r = review(header, [
      ["U1234567", "USD", "STK", "KO", "COCA-COLA CO/THE", "", 1, "", "", "", 300, 70.1, 21030, "Long", "SUMMARY", ""],
      ["U1234567", "USD", "OPT", "SPXW  260918P05800000", "SPXW 18SEP26 5800 P", "SPX", 100, 5800, 20260918, "P", -1, 61.2, -6120, "Short", "SUMMARY", "20260105;103000"],
      ["U1234567", "USD", "OPT", "SPXW  260918P05800000", "SPXW 18SEP26 5800 P", "SPX", 100, 5800, 20260918, "P", -1, 61.2, -6120, "Short", "LOT", "20260105;103000"],
      ["U1234567", "USD", "OPT", "GME1  260116P00020000", "GME1 16JAN26 20 P", "GME", 100, 20, 20260116, "P", -2, 0.5, -100, "Short", "SUMMARY", "20251201;093500"],
      ["U1234567", "USD", "OPT", "NVDA  261016C00150000", "NVDA 16OCT26 150 C", "NVDA", 100, 150, 20261016, "C", -1, 9.8, -980, "Short", "SUMMARY", "20260110;110000"],
    ]);
    expect(reasons(r)).toEqual(["not an option", "counted", "detail row", "counted", "not a put"]);
    // SPX 5,800 x 100 x 1 = 580,000; GME 20 x 100 x 2 = 4,000.
    expect(r.exposureCents).toBe(58_400_000);
    expect(r.underlyings.map((u) => u.underlying)).toEqual(["SPX", "GME"]);
    // Opened 2025-12-01 then 2026-01-05; GME expired 2026-01-16 but is still open.
    expect(r.running.map((e) => e.row)).toEqual([5, 3]);
    expect(r.expiredOpenRows).toEqual([5]);
    expect(r.errorRowCount).toBe(0);
  });

  test("Schwab positions: Qty (Quantity), Security Type, the cash row and the Account Total row", () => {
    const header = ["Symbol", "Description", "Qty (Quantity)", "Price", "Price Chng % (Price Change %)", "Price Chng $ (Price Change $)", "Mkt Val (Market Value)", "Day Chng % (Day Change %)", "Day Chng $ (Day Change $)", "Cost Basis", "Gain % (Gain/Loss %)", "Gain $ (Gain/Loss $)", "Ratings", "Reinvest?", "Reinvest Capital Gains?", "% of Acct (% of Account)", "Security Type"];
    const r = review(header, [
      ["AAPL", "APPLE INC", "100", "$230.00", "1.2%", "$2.73", "$23,000.00", "1.2%", "$273.00", "$18,000.00", "27.78%", "$5,000.00", "B", "No", "N/A", "2.3%", "Equity"],
      ["PANW 09/11/2026 327.50 P", "PUT PALO ALTO NETWORKS $327.5 EXP 09/11/26", "-1", "$12.10", "", "", "-$1,210.00", "", "", "-$1,500.00", "", "", "", "", "", "", "Option"],
      ["KO 10/16/2026 60.00 P", "PUT COCA COLA CO $60 EXP 10/16/26", "-2", "$1.05", "", "", "-$210.00", "", "", "-$300.00", "", "", "", "", "", "", "Option"],
      ["Cash & Cash Investments", "--", "--", "--", "--", "--", "$50,000.00", "--", "--", "--", "--", "--", "--", "--", "--", "5%", "Cash and Money Market"],
      ["Account Total", "--", "--", "--", "--", "--", "$71,580.00", "--", "--", "--", "--", "--", "--", "--", "--", "--", "--"],
    ], 3);
    expect(reasons(r)).toEqual(["not an option", "counted", "counted", "not an option", "summary row"]);
    // PANW 327.50 x 100 x 1 = 32,750; KO 60 x 100 x 2 = 12,000.
    expect(r.exposureCents).toBe(4_475_000);
    expect(r.reading.summaryRows).toEqual([8]);
    expect(verdict(r).state).toBe("within");
  });

  test("Fidelity positions: Type says Cash or Margin for every row; the option symbol decides; SPAXX** and Pending Activity are not options", () => {
    const header = ["Account Number", "Account Name", "Symbol", "Description", "Quantity", "Last Price", "Last Price Change", "Current Value", "Today's Gain/Loss Dollar", "Today's Gain/Loss Percent", "Total Gain/Loss Dollar", "Total Gain/Loss Percent", "Percent Of Account", "Cost Basis Total", "Average Cost Basis", "Type"];
    const r = review(header, [
      ["Z12345678", "Individual", "SPAXX**", "HELD IN MONEY MARKET", "", "", "", "$5,000.00", "", "", "", "", "10%", "", "", "Cash"],
      ["Z12345678", "Individual", "AAPL", "APPLE INC", "100", "$230.00", "+$2.73", "$23,000.00", "+$273.00", "+1.2%", "+$5,000.00", "+27.78%", "46%", "$18,000.00", "$180.00", "Cash"],
      ["Z12345678", "Individual", " -KO260618P60", "PUT (KO) COCA COLA CO JUN 18 26 $60 (100 SHS)", "-2", "$1.05", "", "-$210.00", "", "", "+$90.00", "", "", "$300.00", "", "Margin"],
      ["Z12345678", "Individual", "-PFE260618P25", "PUT (PFE) PFIZER INC JUN 18 26 $25 (100 SHS)", "-4", "$0.40", "", "-$160.00", "", "", "+$40.00", "", "", "$200.00", "", "Margin"],
      ["Z12345678", "Individual", "-AAPL260618C250", "CALL (AAPL) APPLE INC JUN 18 26 $250 (100 SHS)", "-1", "$4.00", "", "-$400.00", "", "", "-$100.00", "", "", "$300.00", "", "Margin"],
      ["Z12345678", "Individual", "Pending Activity", "", "", "", "", "-$100.00", "", "", "", "", "", "", "", ""],
    ]);
    expect(reasons(r)).toEqual(["not an option", "not an option", "counted", "counted", "not a put", "not an option"]);
    // KO 60 x 100 x 2 = 12,000; PFE 25 x 100 x 4 = 10,000.
    expect(r.exposureCents).toBe(2_200_000);
    expect(r.reading.sign).toBe("broker");
    expect(verdict(r).state).toBe("within");
  });

  test("E*TRADE PortfolioDownload: the option in the Symbol column, CASH and TOTAL rows", () => {
    const header = ["Symbol", "Last Price $", "Change $", "Change %", "Quantity", "Price Paid $", "Day's Gain $", "Total Gain $", "Total Gain %", "Value $"];
    const r = review(header, [
      ["KO Oct 16 '26 $60 Put", 1.25, -0.05, -3.85, -1, 1.5, 5, 25, 16.67, -125],
      ["AAPL", 230, 2.73, 1.2, 100, 180, 273, 5000, 27.78, 23000],
      ["CASH", "", "", "", "", "", "", "", "", 5000],
      ["TOTAL", "", "", "", "", "", 278, 5025, "", 27875],
    ], 11);
    expect(reasons(r)).toEqual(["counted", "not an option", "not an option", "summary row"]);
    expect(byRow(r, 12)).toMatchObject({ underlying: "KO", assignmentValueCents: 600_000 });
    expect(r.exposureCents).toBe(600_000);
  });

  test("Wheel template: Stock Symbol, Call or Put, B/S, Strike, Contracts; SUM is a ticker and a Subtotal row never ends the table", () => {
    const header = ["Stock Symbol", "Date Opened", "Exp Date", "Call or Put", "B/S", "Strike", "Contracts", "Premium", "Status"];
    const r = review(header, [
      ["KO", "1/5/2026", "2/20/2026", "Put", "S", 60, 1, 0.85, "Open"],
      ["KO", "1/5/2026", "2/20/2026", "Call", "S", 65, 1, 0.4, "Open"],
      ["SUM", "1/12/2026", "3/20/2026", "Put", "S", 20, 2, 0.5, "Open"],
      ["Subtotal January", "", "", "", "", "", 4, 1.75, ""],
      ["PFE", "2/2/2026", "3/20/2026", "Put", "S", 25, 4, 0.3, "Open"],
      ["T", "2/3/2026", "3/20/2026", "Put", "B", 17, 5, 0.1, "Open"],
    ], 2);
    expect(reasons(r)).toEqual(["counted", "not a put", "counted", "summary row", "counted", "long"]);
    // KO 60 x 100 = 6,000; SUM 20 x 100 x 2 = 4,000; PFE 25 x 100 x 4 = 10,000.
    expect(r.exposureCents).toBe(2_000_000);
    expect(r.reading.sign).toBe("side column");
  });
});
