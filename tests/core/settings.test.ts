import { formatTableChoice, parseTableChoice, readStoredSettings, parseOverrides, formatOverrides } from "../../src/core";

describe("Settings stored in the workbook's defined names", () => {
  test("table choice: a table name or a sheet range, round-tripped", () => {
    expect(parseTableChoice("Positions")).toEqual({ kind: "table", name: "Positions" });
    expect(parseTableChoice("'My Trades'!$A$3:$H$40")).toEqual({ kind: "range", sheet: "My Trades", address: "A3:H40" });
    expect(parseTableChoice("Sheet1!a1:h9")).toEqual({ kind: "range", sheet: "Sheet1", address: "A1:H9" });
    expect(parseTableChoice("not a table!")).toBeNull();
    for (const t of ["Positions", "'It''s'!A1:B2", "Data!A1:Z100"]) expect(formatTableChoice(parseTableChoice(t)!)).toBe(t);
  });

  test("column overrides are JSON naming rule fields", () => {
    expect(parseOverrides('{"strike":"Strike Px","type":null}')).toEqual({ overrides: { strike: "Strike Px", type: null }, error: null });
    expect(parseOverrides("{bad").error).toMatch(/not valid JSON/);
    expect(parseOverrides('{"premium":"P"}').error).toMatch(/'premium', which is not a column/);
    expect(parseOverrides('{"strike":5}').error).toMatch(/must be a header text or null/);
    expect(formatOverrides({})).toBe("");
  });

  test("stored settings with unreadable values say which name to fix", () => {
    const s = readStoredSettings({ accountValue: 5, positionsTable: "??", columnOverrides: "[]" });
    expect(s.inputs.accountValue).toBe(5);
    expect(s.errors).toEqual([
      "CSP_PositionsTable must be a table name or a range such as Sheet1!A1:H40",
      'CSP_ColumnOverrides must be a JSON object such as {"strike": "Strike Px"}',
    ]);
  });
});
