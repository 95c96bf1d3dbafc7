import { HEADER_SYNONYMS, mapColumns, normalizeHeader } from "../../src/core";

describe("Column headers are matched case-insensitively, ignoring spaces and punctuation", () => {
  test("normalisation", () => {
    expect(normalizeHeader(" Put/Call ")).toBe("putcall");
    expect(normalizeHeader("Exp. Date")).toBe("expdate");
    expect(normalizeHeader(null)).toBe("");
  });

  test.each([
    ["symbol", ["Symbol", "SYMBOL"]],
    ["underlying", ["Ticker", "Underlying", "Underlying Symbol", "UnderlyingSymbol"]],
    ["type", ["Type", "Option Type", "Put/Call", "Call-Put", "Right"]],
    ["strike", ["Strike", "Strike Price", "strike_price"]],
    ["quantity", ["Qty", "Quantity", "Contracts", "Position"]],
    ["expiration", ["Expiration", "Expiry", "Exp Date"]],
    ["status", ["Status"]],
    ["openDate", ["Open Date", "Date Opened", "Opened", "Trade Date"]],
    ["closeDate", ["Close Date", "Date Closed", "Closed"]],
    ["side", ["Side", "Action", "Buy/Sell"]],
    ["multiplier", ["Multiplier"]],
  ])("%s is found under each of its names", (field, names) => {
    for (const name of names as string[]) {
      const others = ["Qty", "Strike"].filter((h) => !(field === "quantity" && h === "Qty") && !(field === "strike" && h === "Strike"));
      const m = mapColumns(["Notes", name, ...others]);
      expect(m.columns[field as keyof typeof m.columns]).toBe(1);
      expect(m.headers[field as keyof typeof m.headers]).toBe(name);
    }
  });

  test("IBKR headers: Symbol is read as an option symbol because UnderlyingSymbol exists", () => {
    const m = mapColumns(["Symbol", "UnderlyingSymbol", "Put/Call", "Strike", "Expiry", "Quantity", "Multiplier"]);
    expect(m.columns).toEqual({ symbol: 0, underlying: 1, type: 2, strike: 3, expiration: 4, quantity: 5, multiplier: 6 });
    expect(m.symbolIsOption).toBe(true);
    expect(m.errors).toEqual([]);
  });

  test("tastytrade headers: Call/Put is the option type, not the generic Type column", () => {
    const m = mapColumns(["Symbol", "Type", "Quantity", "Exp Date", "Strike Price", "Call/Put"]);
    expect(m.columns.type).toBe(5);
    expect(m.columns.strike).toBe(4);
    expect(m.columns.expiration).toBe(3);
    expect(m.symbolIsOption).toBe(false);
  });

  test("the user can override the mapping, or switch a column off", () => {
    const m = mapColumns(["Tkr", "Px", "N", "Type"], { underlying: "Tkr", strike: "Px", quantity: "N", type: null });
    expect(m.columns).toEqual({ underlying: 0, strike: 1, quantity: 2 });
    expect(m.notes.join(" ")).toMatch(/No type column/);
    const bad = mapColumns(["Strike", "Qty"], { strike: "Strike Px" });
    expect(bad.errors[0]).toBe("The Strike column is set to 'Strike Px', which is not a header of the table");
  });

  test("a table without quantity or strike is unusable, with a message saying what to name", () => {
    expect(mapColumns(["Ticker", "Strike"]).errors[0]).toMatch(/No quantity column/);
    expect(mapColumns(["Qty", "Price"]).errors[0]).toMatch(/No strike column/);
  });
});

describe("header synonyms", () => {
  test("no header name belongs to two fields, so the order of matching cannot change a mapping", () => {
    const seen = new Map<string, string>();
    for (const [field, names] of Object.entries(HEADER_SYNONYMS)) {
      for (const n of names) {
        expect(seen.get(n)).toBeUndefined();
        seen.set(n, field);
      }
    }
  });
});
