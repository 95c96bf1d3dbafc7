import { parseNumber, parseDate, parseQuantity, parseStrike, parseMultiplier, serialFromYmd, readRight, readSide, statusIsClosed, columnLetters, parseOptionSymbol, isoFromSerial } from "../../src/core";

describe("Reading cells the way broker exports and people write them", () => {
  test.each([
    [150, 150],
    ["150", 150],
    ["$1,234.50", 1234.5],
    ["-2", -2],
    ["(2)", -2],
    [" 3 ", 3],
    ["-$1,234.50", -1234.5],
    ["$-5", -5],
    ["0.5", 0.5],
    ["1,000,000", 1000000],
  ])("number %p reads as %p", (cell, value) => {
    expect(parseNumber(cell)).toEqual({ ok: true, value });
  });

  test.each([["abc"], ["1.2.3"], ["12 contracts"], [""], [null], [true], ["1,23"], ["--2"], ["(-2)"], [NaN], [Infinity]])(
    "%p is not a number",
    (cell) => {
      expect(parseNumber(cell as never).ok).toBe(false);
    },
  );

  test("a strike must be above 0 and a quantity a whole number other than 0", () => {
    expect(parseStrike(0).ok).toBe(false);
    expect(parseStrike("-5").ok).toBe(false);
    expect(parseStrike(null)).toEqual({ ok: false, message: "strike is empty" });
    expect(parseQuantity(1.5).ok).toBe(false);
    expect(parseQuantity(0).ok).toBe(false);
    expect(parseQuantity("(3)")).toEqual({ ok: true, value: -3 });
  });

  test("dates: Excel serial, ISO, US and IBKR forms", () => {
    const d = serialFromYmd(2026, 1, 16)!;
    expect(d).toBe(46038);
    expect(parseDate(46038)).toEqual({ ok: true, value: d });
    expect(parseDate(46038.75)).toEqual({ ok: true, value: d });
    expect(parseDate("2026-01-16")).toEqual({ ok: true, value: d });
    expect(parseDate("2026-01-16T10:00:00")).toEqual({ ok: true, value: d });
    expect(parseDate("1/16/2026")).toEqual({ ok: true, value: d });
    expect(parseDate("20260116")).toEqual({ ok: true, value: d });
    expect(parseDate(20260116)).toEqual({ ok: true, value: d });
    expect(isoFromSerial(d)).toBe("2026-01-16");
  });

  test("leap years follow the Gregorian calendar", () => {
    expect(parseDate("2024-02-29").ok).toBe(true);
    expect(parseDate("2000-02-29").ok).toBe(true);
    expect(parseDate("2100-02-29").ok).toBe(false);
    expect(parseDate("2026-04-31").ok).toBe(false);
    expect(serialFromYmd(2024, 3, 1)! - serialFromYmd(2024, 2, 28)!).toBe(2);
  });

  test.each([["2026-02-30"], ["13/1/2026"], ["next friday"], ["20261301"], [true], [-3]])("%p is not a date", (cell) => {
    expect(parseDate(cell as never).ok).toBe(false);
  });

  test("text is compared case-insensitively and trimmed", () => {
    for (const p of ["P", "Put", "PUT", " put "]) expect(readRight(p)).toBe("put");
    expect(readRight("Call")).toBe("call");
    expect(readRight("Stock")).toBeNull();
    for (const s of ["Sell", "Short", "S", "STO", "Sell to Open", "SELL_TO_OPEN", "sell-to-open"]) expect(readSide(s)).toBe("short");
    for (const s of ["Buy", "Long", "B", "BTO", "Buy to Open"]) expect(readSide(s)).toBe("long");
    expect(readSide("hold")).toBeNull();
    for (const s of ["Closed", "EXPIRED", "assigned", " Rolled "]) expect(statusIsClosed(s)).toBe(true);
    for (const s of ["Open", "", null, "pending"]) expect(statusIsClosed(s)).toBe(false);
  });

  test("column letters", () => {
    expect(columnLetters(1)).toBe("A");
    expect(columnLetters(26)).toBe("Z");
    expect(columnLetters(27)).toBe("AA");
    expect(columnLetters(703)).toBe("AAA");
  });
});

describe("OCC option symbols", () => {
  const exp = serialFromYmd(2025, 1, 17)!;
  test.each([
    ["AAPL  250117P00150000", "AAPL", "put", 150],
    ["AAPL250117P00150000", "AAPL", "put", 150],
    ["-AAPL250117P150", "AAPL", "put", 150],
    ["-AAPL250117C152.5", "AAPL", "call", 152.5],
    ["SPXW  250117P05850000", "SPXW", "put", 5850],
    ["BRKB1250117P00017500", "BRKB1", "put", 17.5],
    ["ko 250117p00060000", "KO", "put", 60],
  ])("%p reads as %p %p %p", (text, underlying, right, strike) => {
    expect(parseOptionSymbol(text)).toEqual({ underlying, right, strike, expiration: exp });
  });

  test.each([["AAPL"], ["AAPL 250117X00150000"], ["AAPL251317P00150000"], ["AAPL250117P0015000"], [150], [null]])("%p is not an option symbol", (text) => {
    expect(parseOptionSymbol(text as never)).toBeNull();
  });
});

describe("Reading cells: numbers and dates as RULES.md lists them", () => {
  test.each([["+3", 3], [" 3 ", 3], ["(2)", -2], ["$1,234.50", 1234.5], ["-2", -2], ["+$5", 5], ["$+5", 5]])("Numbers: %p reads as %p", (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });
  test.each([["+-3"], ["++3"], ["(+3)"], ["3 +"], ["$"]])("Numbers: %p is not a number", (text) => {
    expect(parseNumber(text).ok).toBe(false);
  });
  test("Numbers: a strike must be at least 0.01, a quantity a whole number other than 0, a multiplier above 0", () => {
    expect(parseStrike(0.01)).toEqual({ ok: true, value: 0.01 });
    expect(parseStrike(0.005)).toEqual({ ok: false, message: "strike must be at least 0.01, not '0.005'" });
    expect(parseQuantity("+3")).toEqual({ ok: true, value: 3 });
    expect(parseQuantity("2.5").ok).toBe(false);
    expect(parseMultiplier(10)).toEqual({ ok: true, value: 10 });
    expect(parseMultiplier(0).ok).toBe(false);
    expect(parseMultiplier("-100").ok).toBe(false);
  });

  const d = serialFromYmd(2026, 1, 16)!;
  test.each([
    ["1/16/26"],
    ["01/16/2026"],
    ["16-Jan-2026"],
    ["16-JAN-26"],
    ["16 Jan 2026"],
    ["Jan 16, 2026"],
    ["2026-01-16 10:30:00"],
    ["2026-01-16T10:30:00.000Z"],
    ["1/16/2026 9:30 AM"],
    ["1/16/26 16:00"],
    ["20260116;093000"],
    ["16-Jan-2026 10:30"],
    [46038.6875],
  ])("Dates: %p is 2026-01-16", (cell) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: d });
  });
  test.each([["16-Foo-2026"], ["2026-01-16 lunch"], ["1/16"], ["31-Feb-2026"]])("Dates: %p is not a date", (cell) => {
    expect(parseDate(cell).ok).toBe(false);
  });
});
