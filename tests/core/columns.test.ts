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

describe("Header names: every name RULES.md lists", () => {
  const listed: [string, string[]][] = [
    ["symbol", ["Symbol", "Instrument"]],
    ["underlying", ["Ticker", "Stock Symbol", "Underlying", "Underlying Symbol", "Root Symbol"]],
    ["description", ["Description"]],
    ["type", ["Type", "Option Type", "Put-Call", "Put/Call", "Call-Put", "Call or Put", "P/C", "Right"]],
    ["assetClass", ["Asset Class", "AssetClass", "Asset Category", "Asset Type", "Security Type", "Sec Type", "Instrument Type"]],
    ["strike", ["Strike", "Strike Price", "Strike Px"]],
    ["quantity", ["Qty", "Quantity", "Contracts", "# Contracts", "Position", "Filled"]],
    ["expiration", ["Expiration", "Expiry", "Exp", "Exp Date", "Expiration Date"]],
    ["status", ["Status"]],
    ["openFlag", ["Open?", "Is Open", "Active"]],
    ["openDate", ["Open Date", "Date Opened", "Opened", "Trade Date", "Activity Date", "Run Date", "OpenDateTime"]],
    ["closeDate", ["Close Date", "Date Closed", "Closed"]],
    ["side", ["Side", "Action", "Buy-Sell", "B/S", "Long/Short", "Trans Code"]],
    ["openClose", ["Open/Close", "Open/CloseIndicator", "Position Effect"]],
    ["multiplier", ["Multiplier", "Mult"]],
    ["levelOfDetail", ["Level of Detail", "LevelOfDetail"]],
  ];
  test.each(listed)("Header names: %s is found under each of its names, in any case", (field, names) => {
    for (const name of names) {
      for (const written of [name, name.toUpperCase(), name.toLowerCase()]) {
        const fillers = [field === "quantity" ? "Note 2" : "Qty", field === "strike" ? "Note 3" : "Strike"];
        const m = mapColumns(["Notes", written, ...fillers]);
        expect([field, written, m.columns[field as keyof typeof m.columns]]).toEqual([field, written, 1]);
      }
    }
  });
  test("Header names: a parenthesised gloss is ignored (Schwab's Qty (Quantity) is Qty)", () => {
    expect(normalizeHeader("Qty (Quantity)")).toBe("qty");
    const m = mapColumns(["Symbol", "Description", "Qty (Quantity)", "Price", "Security Type"]);
    expect(m.columns).toMatchObject({ symbol: 0, description: 1, quantity: 2, assetClass: 4 });
    expect(m.headers.quantity).toBe("Qty (Quantity)");
    expect(mapColumns(["Ticker", "Strike (USD)", "Contracts (#)"]).columns).toMatchObject({ strike: 1, quantity: 2 });
  });
  test("Header names: real header rows map as their brokers mean them", () => {
    const ibkr = mapColumns(["ClientAccountID", "CurrencyPrimary", "AssetClass", "Symbol", "Description", "UnderlyingSymbol", "Multiplier", "Strike", "Expiry", "Put/Call", "Quantity", "Side", "LevelOfDetail", "OpenDateTime"]);
    expect(ibkr.columns).toEqual({ assetClass: 2, symbol: 3, description: 4, underlying: 5, multiplier: 6, strike: 7, expiration: 8, type: 9, quantity: 10, side: 11, levelOfDetail: 12, openDate: 13 });
    const wheel = mapColumns(["Stock Symbol", "Call or Put", "B/S", "Strike", "Contracts"]);
    expect(wheel.columns).toEqual({ underlying: 0, type: 1, side: 2, strike: 3, quantity: 4 });
    const fidelity = mapColumns(["Account Number", "Account Name", "Symbol", "Description", "Quantity", "Last Price", "Last Price Change", "Current Value", "Today's Gain/Loss Dollar", "Today's Gain/Loss Percent", "Total Gain/Loss Dollar", "Total Gain/Loss Percent", "Percent Of Account", "Cost Basis Total", "Average Cost Basis", "Type"]);
    expect(fidelity.columns).toEqual({ symbol: 2, description: 3, quantity: 4, type: 15 });
    expect(fidelity.errors).toEqual([]);
    const etrade = mapColumns(["Symbol", "Last Price $", "Change $", "Change %", "Quantity", "Price Paid $", "Day's Gain $", "Total Gain $", "Total Gain %", "Value $"]);
    expect(etrade.columns).toEqual({ symbol: 0, quantity: 4 });
    expect(etrade.errors).toEqual([]);
  });
  test("Header names: a field still missing is named in the message", () => {
    expect(mapColumns(["Symbol", "Strike"]).errors).toEqual(["No quantity column: name a column Qty, Quantity or Contracts, or map one in the task pane"]);
    expect(mapColumns(["Qty", "Price"]).errors).toEqual(["No strike column: name a column Strike, or map one in the task pane"]);
  });
});
