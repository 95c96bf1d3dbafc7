import { buildReview, Cell, mentionsOption, parseOptionSymbol, RawInputs, Review, RowResult, serialFromYmd, TableData } from "../../src/core";

// RULES.md "Reading cells": option symbols and descriptions, the table of forms.
const asOf = serialFromYmd(2026, 3, 1)!;
const inputs: RawInputs = { accountValue: 1_000_000, cash: 40000, vix: 18 };
function review(header: Cell[], rows: Cell[][]): Review {
  const table: TableData = { header, rows, headerRow: 1, firstColumn: 1 };
  return buildReview({ table, inputs, asOf });
}
const byRow = (r: Review, row: number): RowResult => r.rows.find((x) => x.row === row)!;
const ymd = (y: number, m: number, d: number) => serialFromYmd(y, m, d)!;

describe("Option forms: every form of RULES.md's table is read", () => {
  test.each([
    ["OCC padded", "AAPL  250117P00150000", "AAPL", ymd(2025, 1, 17), "put", 150],
    ["OCC compact", "AAPL250117P00150000", "AAPL", ymd(2025, 1, 17), "put", 150],
    ["Fidelity", "-AAPL250117P150", "AAPL", ymd(2025, 1, 17), "put", 150],
    ["Fidelity with a leading space", " -KO260618P60", "KO", ymd(2026, 6, 18), "put", 60],
    ["IBKR description", "NVDA 16OCT26 130 P", "NVDA", ymd(2026, 10, 16), "put", 130],
    ["Schwab", "PANW 09/11/2026 327.50 P", "PANW", ymd(2026, 9, 11), "put", 327.5],
    ["E*TRADE", "KO Oct 16 '26 $60 Put", "KO", ymd(2026, 10, 16), "put", 60],
    ["Robinhood", "QQQ 01/24/2026 Put $398.00", "QQQ", ymd(2026, 1, 24), "put", 398],
    ["IBKR description, a call", "NVDA 16OCT26 150 C", "NVDA", ymd(2026, 10, 16), "call", 150],
    ["E*TRADE, a call with cents", "KO Oct 16 '26 $72.50 Call", "KO", ymd(2026, 10, 16), "call", 72.5],
    ["Schwab, an adjusted root", "GME1 01/16/2026 20 P", "GME1", ymd(2026, 1, 16), "put", 20],
  ])("Option forms: %s %p", (_form, text, underlying, expiration, right, strike) => {
    expect(parseOptionSymbol(text)).toEqual({ underlying, expiration, right, strike });
  });

  test("Option forms: thinkorswim gives the multiplier first and no underlying (it comes from the group row above)", () => {
    expect(parseOptionSymbol("100 (Weeklys) 31 MAY 22 4650 PUT")).toEqual({ underlying: null, expiration: ymd(2022, 5, 31), right: "put", strike: 4650, multiplier: 100 });
    expect(parseOptionSymbol("100 17 JUL 26 55 CALL")).toMatchObject({ underlying: null, right: "call", strike: 55, multiplier: 100 });
    expect(parseOptionSymbol("SPX 100 (Quarterlys) 30 SEP 26 5000 PUT")).toMatchObject({ underlying: "SPX", strike: 5000 });
  });

  test.each([
    ["Webull order name", "SPY 09/30/2022 00:00:00 EDT Call $364.00", "SPY", ymd(2022, 9, 30), "call", 364],
    ["Webull order name, a put in winter time", "SPY 03/02/2022 00:00:00 EST Put $426.00", "SPY", ymd(2022, 3, 2), "put", 426],
  ])("Option forms beside RULES.md's table: %s %p", (_form, text, underlying, expiration, right, strike) => {
    expect(parseOptionSymbol(text)).toEqual({ underlying, expiration, right, strike });
  });

  test("Option forms beside RULES.md's table: Fidelity's description names the root in brackets and the contract size", () => {
    expect(parseOptionSymbol("PUT (KO) COCA-COLA CO DEC 18 26 $60 (100 SHS)")).toEqual({ underlying: "KO", expiration: ymd(2026, 12, 18), right: "put", strike: 60, multiplier: 100 });
    expect(parseOptionSymbol("CALL (PANW) PALO ALTO NETWORKS DEC 18 26 $327.5")).toEqual({ underlying: "PANW", expiration: ymd(2026, 12, 18), right: "call", strike: 327.5 });
    expect(parseOptionSymbol("PUT (KO) COCA-COLA CO DEC 18 26 SIXTY (100 SHS)")).toBeNull();
    expect(mentionsOption("PUT (KO) COCA-COLA CO DEC 18 26 SIXTY (100 SHS)")).toBe(true);
  });

  test.each([["KO"], ["SPAXX**"], ["CASH"], ["Pending Activity"], ["KO Oct 16 '26 $60 Straddle"], ["NVDA 31FOO26 130 P"], ["PANW 13/11/2026 327.50 P"], ["100 (Weeklys) 31 MAY 22 4650 STRANGLE"]])(
    "Option forms: %p is not an option symbol",
    (text) => {
      expect(parseOptionSymbol(text)).toBeNull();
    },
  );

  test("Option forms: text that names a put or call or has an option's shape is recognised as meant to be one", () => {
    for (const t of ["KO JUNE 2026 60 PUT?", "AAPL 250117X00150000", "KO 2606 60 P", "calls on KO", "-KO2606P60"]) expect(mentionsOption(t)).toBe(true);
    for (const t of ["KO", "SPAXX**", "PUTNAM GROWTH FUND", "CD 5.00% 01/15/2027", "CASH"]) expect(mentionsOption(t)).toBe(false);
  });
});

describe("Option forms in a table", () => {
  test("Option forms: a symbol supplies underlying, expiration, type and strike when those columns are missing", () => {
    const r = review(["Symbol", "Quantity"], [["PANW 09/11/2026 327.50 P", -1], ["KO Oct 16 '26 $60 Put", -2], ["QQQ 01/24/2026 Put $398.00", -1], ["NVDA 16OCT26 130 P", -1]]);
    expect(r.rows.map((x) => x.status === "counted" && [x.underlying, x.assignmentValueCents, x.expiration])).toEqual([
      ["PANW", 3_275_000, ymd(2026, 9, 11)],
      ["KO", 1_200_000, ymd(2026, 10, 16)],
      ["QQQ", 3_980_000, ymd(2026, 1, 24)],
      ["NVDA", 1_300_000, ymd(2026, 10, 16)],
    ]);
  });

  test("Option forms: thinkorswim's multiplier is used when the table has no multiplier column", () => {
    const r = review(["Instrument", "Qty"], [["100 (Weeklys) 31 MAY 22 4650 PUT", -1]]);
    expect(byRow(r, 2)).toMatchObject({ status: "counted", multiplier: 100, underlying: "(no ticker)", assignmentValueCents: 46_500_000 });
  });

  test("Option forms: a symbol and a column that disagree on type, strike or expiration make an error naming both cells", () => {
    const r = review(["Symbol", "Put/Call", "Strike", "Expiry", "Quantity"], [
      ["PANW 09/11/2026 327.50 P", "P", 327.5, "2026-09-11", -1],
      ["PANW 09/11/2026 327.50 P", "C", 327.5, "2026-09-11", -1],
      ["PANW 09/11/2026 327.50 P", "P", 330, "2026-09-11", -1],
      ["PANW 09/11/2026 327.50 P", "P", 327.5, "2026-09-18", -1],
    ]);
    expect(byRow(r, 2).status).toBe("counted");
    expect(byRow(r, 3)).toMatchObject({ status: "error", problems: [{ column: "Put/Call / Symbol", cell: "B3 / A3", message: "Put/Call says call but the option symbol in Symbol says put" }] });
    expect(byRow(r, 4)).toMatchObject({ status: "error", problems: [{ column: "Strike / Symbol", cell: "C4 / A4" }] });
    expect(byRow(r, 5)).toMatchObject({ status: "error", problems: [{ column: "Expiry / Symbol", cell: "D5 / A5" }] });
  });

  test("Option forms: with an option-symbol column and an underlying column, the root may differ (SPXW for SPX, GME1 for GME)", () => {
    const r = review(["Symbol", "UnderlyingSymbol", "Put/Call", "Strike", "Expiry", "Quantity", "Multiplier"], [
      ["SPXW  260918P05800000", "SPX", "P", 5800, 20260918, -1, 100],
      ["GME1  260116P00020000", "GME", "P", 20, 20260116, -2, 100],
    ]);
    expect(byRow(r, 2)).toMatchObject({ status: "counted", underlying: "SPX", assignmentValueCents: 58_000_000 });
    expect(byRow(r, 3)).toMatchObject({ status: "counted", underlying: "GME", assignmentValueCents: 400_000 });
    expect(r.errorRowCount).toBe(0);
  });

  test("Option forms: a description column is read when the symbol is not an option symbol (IBKR Description)", () => {
    const r = review(["Symbol", "Description", "Quantity"], [["NVDA", "NVDA 16OCT26 130 P", -1]]);
    expect(byRow(r, 2)).toMatchObject({ status: "counted", underlying: "NVDA", strike: 130 });
    const conflict = review(["Symbol", "Description", "Strike", "Quantity"], [["NVDA", "NVDA 16OCT26 130 P", 135, -1]]);
    expect(byRow(conflict, 2)).toMatchObject({ status: "error", problems: [{ column: "Strike / Description", cell: "C2 / B2" }] });
  });
});
