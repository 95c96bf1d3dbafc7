import { NAMES, SETTING_LABELS, SETTINGS_SHEET } from "../../src/core";
import { excelSettingValue, nameSelectedCell, selectedRange, settingsRow, writeSettings } from "../../src/excel/write";
import { constantFormula } from "../../src/excel/write-settings";
import { readSnapshot } from "../../src/excel/read";
import { userWorkbook } from "./fixtures";
import { ExcelModel } from "../helpers/excel-model";

describe("inputs and settings in defined names", () => {
  test("missing names are created on the settings sheet, one labelled row each, with number formats", async () => {
    const mock = new ExcelModel(userWorkbook());
    const created = await writeSettings(mock.context, { accountValue: 100000, cash: 40000, vix: 18.5, highVixCap: 0.5 });
    expect(created).toEqual(["accountValue", "cash", "vix", "highVixCap"]);
    expect(mock.syncs).toBe(2);
    expect(mock.values(SETTINGS_SHEET, "A1:B4")).toEqual([
      [SETTING_LABELS.accountValue, 100000],
      [SETTING_LABELS.cash, 40000],
      [SETTING_LABELS.vix, 18.5],
      [SETTING_LABELS.highVixCap, 0.5],
    ]);
    expect(mock.state.names).toEqual([
      { name: NAMES.accountValue, sheet: SETTINGS_SHEET, address: `B${settingsRow("accountValue")}:B${settingsRow("accountValue")}`, type: "Range" },
      { name: NAMES.cash, sheet: SETTINGS_SHEET, address: "B2:B2", type: "Range" },
      { name: NAMES.vix, sheet: SETTINGS_SHEET, address: "B3:B3", type: "Range" },
      { name: NAMES.highVixCap, sheet: SETTINGS_SHEET, address: "B4:B4", type: "Range" },
    ]);
    expect(mock.cell(SETTINGS_SHEET, "B1").numberFormat).toBe("$#,##0.00");
    expect(mock.cell(SETTINGS_SHEET, "B4").numberFormat).toBe("0%");
  });

  test("an existing name is written where it points (the user's own cell), the sheet is not created", async () => {
    const wb = userWorkbook();
    wb.names.push({ name: "VIX", sheet: "Other", address: "C7", type: "Range" });
    const mock = new ExcelModel(wb);
    const created = await writeSettings(mock.context, { vix: 22 });
    expect(created).toEqual([]);
    expect(mock.cell("Other", "C7").value).toBe(22);
    expect(mock.state.sheets.map((s) => s.name)).not.toContain(SETTINGS_SHEET);
    expect(mock.syncs).toBe(2);
  });

  test("a second write reuses the settings sheet and adds only the new name", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeSettings(mock.context, { accountValue: 1 });
    await writeSettings(mock.context, { accountValue: 2, concentrationLimit: 0.15 });
    expect(mock.state.names.map((n) => n.name)).toEqual([NAMES.accountValue, NAMES.concentrationLimit]);
    expect(mock.cell(SETTINGS_SHEET, "B1").value).toBe(2);
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("concentrationLimit")}`).value).toBe(0.15);
  });

  test("text settings are stored literally: a range choice with quotes and a JSON override survive", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeSettings(mock.context, { positionsTable: "'My Trades'!A3:H40", columnOverrides: '{"strike":"Strike Px"}' });
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("positionsTable")}`)).toMatchObject({ value: "'My Trades'!A3:H40", formula: null });
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("columnOverrides")}`).value).toBe('{"strike":"Strike Px"}');
    expect(excelSettingValue("=1+1")).toBe("'=1+1");
    expect(excelSettingValue(null)).toBe("");
    expect(excelSettingValue(5)).toBe(5);
  });

  test("null clears an existing setting and creates nothing for a missing one", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeSettings(mock.context, { columnOverrides: '{"qty":"Contracts"}' });
    await writeSettings(mock.context, { columnOverrides: null, cash: null });
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("columnOverrides")}`).value).toBe("");
    expect(mock.state.names.map((n) => n.name)).toEqual([NAMES.columnOverrides]);
  });

  test("a name whose cell was deleted (#REF!) is replaced on the settings sheet", async () => {
    const wb = userWorkbook();
    wb.names.push({ name: "Cash", sheet: "Gone", address: "A1", type: "Error" });
    const mock = new ExcelModel(wb);
    await writeSettings(mock.context, { cash: 5000 });
    expect(mock.state.names).toEqual([{ name: "Cash", sheet: SETTINGS_SHEET, address: "B2:B2", type: "Range" }]);
    expect(mock.cell(SETTINGS_SHEET, "B2").value).toBe(5000);
  });

  test("naming the user's selected cell as an input; two syncs; a multi-cell selection is refused", async () => {
    const wb = userWorkbook();
    wb.selection = { sheet: "Other", address: "B2" };
    const mock = new ExcelModel(wb);
    expect(await nameSelectedCell(mock.context, "accountValue")).toBe("Other!B2:B2");
    expect(mock.state.names).toEqual([{ name: "AccountValue", sheet: "Other", address: "B2:B2", type: "Range" }]);
    expect(mock.syncs).toBe(2);
    mock.state.selection = { sheet: "Other", address: "B2:C3" };
    await expect(nameSelectedCell(mock.context, "cash")).rejects.toThrow(/select one cell/);
  });

  test("the selected range as sheet and address (for 'use the selected range'), one sync", async () => {
    const wb = userWorkbook();
    wb.selection = { sheet: "Trades", address: "A1:G5" };
    const mock = new ExcelModel(wb);
    expect(await selectedRange(mock.context)).toEqual({ sheet: "Trades", address: "A1:G5" });
    expect(mock.syncs).toBe(1);
  });

  test("a setting name holding a constant (CSP_HighVixCap = 0.47) is written back as a constant, beside cell names, in 2 syncs; the reader reads it", async () => {
    const wb = userWorkbook();
    wb.names.push({ name: "CSP_HighVixCap", type: "Double", value: 0.47 }, { name: "VIX", sheet: "Other", address: "C7", type: "Range" });
    wb.names.push({ name: "CSP_PositionsTable", type: "String", value: "Trades!A1:G5" });
    const mock = new ExcelModel(wb);
    const created = await writeSettings(mock.context, { highVixCap: 0.49, vix: 31, positionsTable: "'My \"Log\"'!A1:G9" });
    expect(created).toEqual([]);
    expect(mock.syncs).toBe(2);
    expect(mock.state.names).toEqual([
      { name: "CSP_HighVixCap", type: "Double", value: 0.49 },
      { name: "VIX", sheet: "Other", address: "C7", type: "Range" },
      { name: "CSP_PositionsTable", type: "String", value: "'My \"Log\"'!A1:G9" },
    ]);
    expect(mock.cell("Other", "C7").value).toBe(31);
    expect(mock.state.sheets.map((s) => s.name)).not.toContain(SETTINGS_SHEET);
    const snap = await readSnapshot(mock.context);
    expect(snap.settings.inputs).toMatchObject({ highVixCap: 0.49, vix: 31 });
  });

  test("a constant setting cleared with null stays a name holding an empty text (the default applies)", async () => {
    const wb = userWorkbook();
    wb.names.push({ name: "CSP_HighVixCap", type: "Double", value: 0.47 });
    const mock = new ExcelModel(wb);
    await writeSettings(mock.context, { highVixCap: null });
    expect(mock.state.names).toEqual([{ name: "CSP_HighVixCap", type: "String", value: "" }]);
  });

  test("constants as Excel formulas: numbers, text with quotes, booleans", () => {
    expect([constantFormula(0.47), constantFormula('a "b"'), constantFormula(true), constantFormula(null)]).toEqual(["=0.47", '="a ""b"""', "=TRUE", '=""']);
  });

  test.each([
    ["a name over several cells", { name: "VIX", sheet: "Other", address: "C7:C9", type: "Range" as const }, /VIX names 3 cells/],
  ])("%s is refused before anything is written", async (_what, name, message) => {
    const wb = userWorkbook();
    wb.names.push(name, { name: "Cash", sheet: "Other", address: "D1", type: "Range" });
    const mock = new ExcelModel(wb);
    const before = mock.snapshot();
    await expect(writeSettings(mock.context, { cash: 5, vix: 20, accountValue: 1000 })).rejects.toThrow(message);
    expect(mock.snapshot()).toEqual(before);
  });

  test("a value that is not a cell is refused before anything is written", async () => {
    const mock = new ExcelModel(userWorkbook());
    const before = mock.snapshot();
    await expect(writeSettings(mock.context, { cash: 5, vix: NaN })).rejects.toThrow(/VIX: NaN cannot be stored/);
    expect(mock.syncs).toBe(0);
    expect(mock.snapshot()).toEqual(before);
  });
});
